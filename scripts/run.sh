#!/bin/sh
# Quick start, part 1: install what is missing, build, and run the main job
# on the bundled Azerbaijan–UN knowledge base: validate it, count it, show
# Azerbaijan's card, and regenerate exports/ (RDF and diagrams).
set -eu
cd "$(dirname "$0")/.."
./scripts/deps.sh build
[ -f build/build.ninja ] || meson setup build >/dev/null
meson compile -C build >/dev/null
AZKB=build/src/cli/azkb
set -x
"$AZKB" check
"$AZKB" stats
"$AZKB" show Azerbaijan
meson compile -C build exports >/dev/null
