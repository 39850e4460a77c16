#!/bin/sh
# Quick start, part 2: install what is missing, then build and run every
# test: a strict build (-Werror) with all suites, the unit and CLI suites
# again under AddressSanitizer + UndefinedBehaviorSanitizer, the threads
# test under ThreadSanitizer, and the formatting check.  CI runs exactly
# this.  Ends with one line "N passed, N failed, N skipped" over the three
# builds.
set -eu
cd "$(dirname "$0")/.."
./scripts/deps.sh test
if [ -f tests/interop/package.json ] && [ ! -d tests/interop/node_modules ]; then
  npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
fi

status=0

[ -f build/build.ninja ] || meson setup build -Dwerror=true >/dev/null
meson compile -C build
meson test -C build --print-errorlogs --num-processes 2 || status=1

[ -f build-san/build.ninja ] ||
  meson setup build-san -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null
meson compile -C build-san
meson test -C build-san --setup=sanitize --print-errorlogs --num-processes 2 \
  --no-suite interop --no-suite slow --no-suite exports --no-suite remote ||
  status=1

# ThreadSanitizer: imports, queries and exports on two threads at once
# (tests/test-threads.c) in a -Db_sanitize=thread build; a few minutes the
# first time, seconds after.
./scripts/tsan.sh || status=1

# Fuzzing: every target under libFuzzer for FUZZ_SECONDS each (12 s by
# default; FUZZ_SECONDS=0 skips it, FUZZ_SECONDS=300 for a longer campaign).
FUZZ_SECONDS=${FUZZ_SECONDS:-12}
if [ "$FUZZ_SECONDS" -gt 0 ]; then
  FUZZ_SECONDS=$FUZZ_SECONDS ./scripts/fuzz.sh || status=1
fi

# Formatting: the code is as .clang-format says.
sources=$(find src include tests bench fuzz -name '*.[ch]' 2>/dev/null | sort)
if ! clang-format --dry-run -Werror $sources; then
  echo "clang-format: the files above are not formatted" >&2
  status=1
fi

# One closing line over the builds, in the form CI reads.
passed=0 failed=0 skipped=0
for log in build/meson-logs/testlog.json build-san/meson-logs/testlog-sanitize.json \
  build-tsan/meson-logs/testlog-tsan.json; do
  [ -f "$log" ] || continue
  passed=$((passed + $(grep -cE '"result": "(OK|EXPECTEDFAIL)"' "$log" || true)))
  failed=$((failed + $(grep -cE '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" || true)))
  skipped=$((skipped + $(grep -c '"result": "SKIP"' "$log" || true)))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
