#!/bin/sh
# Regenerate exports/ from the bundled knowledge base:
#   make-exports.sh AZKB SOURCE_ROOT OUTDIR
# (`meson compile -C build exports` runs it with OUTDIR = SOURCE_ROOT/exports;
# the 'exports' test runs it into a temporary directory and compares.)
# Each file is written atomically by azkb itself.
set -eu
AZKB=$1
SRC=$2
OUT=$3
mkdir -p "$OUT"

# Linked data: the ontology and the data together, as pretty Turtle and as
# N-Triples (the bulk format), and the ontology alone.
"$AZKB" export --with-ontology -o "$OUT/azerbaijan-un.ttl"
"$AZKB" export --with-ontology --format ntriples -o "$OUT/azerbaijan-un.nt"
"$AZKB" export --data "$SRC/ontology/azkb.ttl" --with-ontology \
  -o "$OUT/ontology.ttl"
