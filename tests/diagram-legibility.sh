#!/bin/sh
# Legibility of the diagrams people see: every SVG in exports/ and every
# diagram example of doc/guide.md, rendered now, measured by
# tests/diagram-check.py (0 overlapping labels, 0 labels over nodes, 0
# labels away from their edge, 0 nodes in the wrong cluster).
#   diagram-legibility.sh AZKB SOURCE_ROOT
set -eu
AZKB=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# The examples of doc/guide.md, "Diagrams", as SVG.
"$AZKB" render --around ECOSOC --depth 2 -o "$tmp/readme-ecosoc.svg"
"$AZKB" render --at 2012-05 -o "$tmp/readme-may2012.svg"
"$AZKB" render --relations 'electedTo|partOf' --around Azerbaijan \
  -o "$tmp/readme-elected.svg"
"$AZKB" render --query 'Azerbaijan -participatedIn-> ?op -mandatedBy|ledBy-> ?x' \
  --layout fdp -o "$tmp/readme-operations.svg"
"$AZKB" render --around Azerbaijan -o "$tmp/readme-azerbaijan.svg"
"$AZKB" render --around Azerbaijan --at 2005,2012,2019 \
  -o "$tmp/readme-multiples.svg"
exec python3 "$SRC/tests/diagram-check.py" --quiet "$SRC"/exports/*.svg "$tmp"/*.svg
