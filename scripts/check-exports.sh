#!/bin/sh
# Fail when exports/ is stale: regenerate every export into a temporary
# directory with make-exports.sh and compare each file with the committed one.
#   check-exports.sh AZKB SOURCE_ROOT
set -eu
AZKB=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$SRC/scripts/make-exports.sh" "$AZKB" "$SRC" "$TMP"
status=0
for f in "$TMP"/*; do
  name=$(basename "$f")
  case $name in
  # Laid-out pictures depend on the installed fonts: tests/test-diagram-render.c
  # compares them structurally (their DOT is compared here).
  *.svg | *.png)
    [ -f "$SRC/exports/$name" ] && continue
    ;;
  esac
  if [ ! -f "$SRC/exports/$name" ]; then
    echo "exports/$name is missing: run 'meson compile -C build exports'" >&2
    status=1
  elif ! cmp -s "$f" "$SRC/exports/$name"; then
    echo "exports/$name is stale: run 'meson compile -C build exports'" >&2
    diff -u "$SRC/exports/$name" "$f" | head -20 >&2 || true
    status=1
  fi
done
exit $status
