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

# Diagrams (doc/guide.md, "Diagrams"): the whole knowledge base and three focused
# views, each as DOT (cgraph's agwrite: deterministic, compared byte for byte
# by check-exports.sh) and SVG (laid out by gvc; its coordinates depend on
# the installed fonts, so tests/test-diagram-render.c compares it structurally:
# nodes, edges, labels, links).  PNGs for doc/guide.md.
diagram() { # NAME OPTION...
  name=$1
  shift
  "$AZKB" dot "$@" -o "$OUT/$name.dot"
  "$AZKB" render --format svg "$@" -o "$OUT/$name.svg"
}
diagram diagram-full \
  --title "Azerbaijan and the United Nations: the whole knowledge base"
diagram diagram-elected-bodies --around Azerbaijan \
  --relations 'electedTo|partOf|principalOrganOf' \
  --title "Bodies Azerbaijan was elected to, with its terms"
diagram diagram-operations --around Azerbaijan --depth 2 \
  --relations 'participatedIn|mandatedBy|ledBy|contributesToOperationsMandatedBy' \
  --title "Operations Azerbaijan took part in: mandates and leaders"
SC_VIEW="--around SecurityCouncil --depth 2 --at 2012..2013"
SC_RELATIONS='electedTo|memberOf|presided|heldBy|chaired|organised'
# shellcheck disable=SC2086
diagram diagram-security-council-2012-2013 $SC_VIEW \
  --relations "$SC_RELATIONS" \
  --title "Azerbaijan on the Security Council, 2012–2013"
# shellcheck disable=SC2086
"$AZKB" render --format png $SC_VIEW --relations "$SC_RELATIONS" \
  --title "Azerbaijan on the Security Council, 2012–2013" \
  -o "$OUT/diagram-security-council-2012-2013.png"

# The neighbourhood of Azerbaijan (doc/guide.md, "Diagrams"): the fan-out of its
# elected terms, each ending at a body that carries its label.
diagram diagram-azerbaijan --around Azerbaijan \
  --title "Azerbaijan and its neighbours"
"$AZKB" render --format png --around Azerbaijan \
  --title "Azerbaijan and its neighbours" -o "$OUT/diagram-azerbaijan.png"

# Small multiples (doc/guide.md, "Diagrams of time"): the bodies Azerbaijan sat on
# at three times, each at the same place in every panel.  SVG and PNG only:
# the DOT of small multiples holds the positions of a layout, which depend
# on the installed fonts.
for format in svg png; do
  "$AZKB" render --format "$format" --around Azerbaijan \
    --relations 'electedTo|partOf|principalOrganOf' --at 2005,2012,2019 \
    --title "Bodies Azerbaijan sat on in 2005, 2012 and 2019" \
    -o "$OUT/diagram-elected-2005-2012-2019.$format"
done

# A timeline chart (doc/guide.md, "Diagrams of time").  Open bars run to the
# present: a fixed one keeps the export the same from one day to the next.
for format in svg png; do
  "$AZKB" render --format "$format" --timeline Azerbaijan --now 2026-12-02 \
    --title "Azerbaijan in the United Nations, statement by statement" \
    -o "$OUT/diagram-timeline-azerbaijan.$format"
done
