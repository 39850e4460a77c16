#!/bin/sh
# Run every fuzz target under libFuzzer for a bounded time each (default
# 20 s; FUZZ_SECONDS overrides), built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/.  The corpora in fuzz/corpus/
# are the seeds and are never written: new inputs go to a temporary
# directory, and so does any crash, whose input is then printed and kept
# in build-fuzz/crashes/NAME/ so that it can be replayed
# (`build-fuzz/fuzz/fuzz-NAME FILE`) and added to the corpus.  Leaks are
# not hunted here (raptor2 has its own, see doc/internals.md, Fuzzing): the sanitized
# replay of the corpora checks them.  scripts/test.sh runs this (12 s a
# target); exits 1 if any target failed.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
[ "$seconds" -gt 0 ] || seconds=20

[ -f build-fuzz/build.ninja ] ||
  CC=clang meson setup build-fuzz -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
meson compile -C build-fuzz >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
status=0
for exe in build-fuzz/fuzz/fuzz-*; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  name=${exe##*/fuzz-}
  mkdir -p "$work/$name/new" "$work/$name/crash" "$work/$name/seed"
  # Seeds named *slow* take minutes under libFuzzer's instrumentation; the
  # test suite replays them instead.
  find "fuzz/corpus/$name" -type f ! -name '*slow*' \
    -exec cp {} "$work/$name/seed/" \;
  dict=fuzz/${name%%-*}.dict
  [ -f "$dict" ] && dict="-dict=$dict" || dict=-print_final_stats=0
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 G_DEBUG=gc-friendly \
     LSAN_OPTIONS=print_suppressions=0:suppressions="$PWD/tests/lsan.supp" \
     "$exe" -detect_leaks=0 -max_total_time="$seconds" -timeout=120 -rss_limit_mb=2048 \
       -print_final_stats=0 -artifact_prefix="$work/$name/crash/" \
       "$dict" \
       "$work/$name/new" "$work/$name/seed" >"$work/$name/log" 2>&1; then
    echo "fuzz $name: ok ($seconds s, $(ls "$work/$name/new" | wc -l) new inputs)"
  else
    echo "fuzz $name: FAILED" >&2
    tail -n 40 "$work/$name/log" >&2
    # Kept in build-fuzz/crashes/ (the temporary directory goes at exit).
    for f in "$work/$name/crash"/*; do
      [ -f "$f" ] || continue
      mkdir -p "build-fuzz/crashes/$name"
      cp "$f" "build-fuzz/crashes/$name/"
      echo "input build-fuzz/crashes/$name/${f##*/}:" >&2
      od -c "$f" | head -n 20 >&2
    done
    status=1
  fi
done
exit $status
