#!/bin/sh
# Quick start, part 2: install what is missing, then build and run every
# test: a strict build (-Werror), the same tests under AddressSanitizer and
# UndefinedBehaviorSanitizer, and the formatting check.  CI runs this.
set -eu
cd "$(dirname "$0")/.."
./scripts/deps.sh test
[ -d tests/interop ] && [ -f tests/interop/package.json ] &&
  { [ -d tests/interop/node_modules ] || npm ci --prefix tests/interop --no-audit --no-fund --silent; }

[ -f build/build.ninja ] || meson setup build -Dwerror=true >/dev/null
meson compile -C build
meson test -C build --print-errorlogs --num-processes 2

[ -f build-san/build.ninja ] ||
  meson setup build-san -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null
meson compile -C build-san
meson test -C build-san --setup=sanitize --print-errorlogs --num-processes 2 \
  --no-suite interop --no-suite slow

# Formatting: the code is as .clang-format says.
clang-format --dry-run -Werror $(git ls-files 'src/*.[ch]' 'include/*.h' 'tests/*.[ch]' 'bench/*.[ch]' 'fuzz/*.[ch]' 2>/dev/null || find src include tests -name '*.[ch]')
echo "azkb: all test stages passed"
