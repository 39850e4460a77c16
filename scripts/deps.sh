#!/bin/sh
# The one place that installs what azkb needs on Debian 12 (as root).
# Sourced or run by scripts/run.sh and scripts/test.sh; quiet when all is
# already there.  Everything a build, a test or a benchmark uses is listed
# here and nowhere else.
set -eu

# Build: compiler, meson, and the libraries azkb links.
BUILD_PACKAGES="gcc libc6-dev meson ninja-build pkg-config libglib2.0-dev
  libjson-glib-dev libraptor2-dev libxml2-dev libgraphviz-dev graphviz"
# Diagrams: Liberation Sans has Helvetica's metrics (so SVG text fits its
# boxes in a browser), DejaVu the shape glyphs of the legend.
BUILD_PACKAGES="$BUILD_PACKAGES fonts-liberation2 fonts-dejavu-core"
# mimalloc: the azkb program's malloc (raptor2 allocates per term; meson
# option mimalloc, src/cli/meson.build).
BUILD_PACKAGES="$BUILD_PACKAGES libmimalloc-dev"
# libcurl: `azkb push` and remote queries speak HTTP through it (digest
# auth, .netrc, TLS, timeouts).  The GnuTLS flavour, because Debian's
# libraptor2-dev depends on it and the OpenSSL one conflicts with it.
BUILD_PACKAGES="$BUILD_PACKAGES libcurl4-gnutls-dev"
# Tests: real peers to check against (raptor's rapper, serd, SPARQL engines),
# sanitizer runtime, valgrind, formatting, XML well-formedness.
TEST_PACKAGES="raptor2-utils serdi sordi python3 python3-rdflib
  libapache-jena-java default-jre-headless valgrind clang-format
  libxml2-utils"
# Rhino (JavaScript on the JVM) drives Jena ARQ through a whole batch of
# queries in one JVM: tests/interop/jena-run.js.
TEST_PACKAGES="$TEST_PACKAGES librhino-java"
# bench/run measures peak memory with /usr/bin/time (not in a minimal
# Debian 12).
TEST_PACKAGES="$TEST_PACKAGES time"
# tests/test-hostile.c checks with strace that loading opens only the file
# named and makes no socket.
TEST_PACKAGES="$TEST_PACKAGES strace"
# tests/test-cliopts.c runs the zsh completion (doc/_azkb.in) in zsh.
TEST_PACKAGES="$TEST_PACKAGES zsh"
# scripts/fuzz.sh: the fuzz targets built with clang and libFuzzer.
TEST_PACKAGES="$TEST_PACKAGES clang libclang-rt-14-dev"
# A real SPARQL store for the push/sync/remote-query tests, started by the
# tests themselves on 127.0.0.1 (tests/remote/).
TEST_PACKAGES="$TEST_PACKAGES virtuoso-opensource-7-bin"

missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_packages() {
  # shellcheck disable=SC2046
  need=$(missing $(echo "$@"))
  [ -z "$need" ] && return 0
  echo "deps: installing $(echo $need)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null
}

case "${1:-build}" in
  build) install_packages "$BUILD_PACKAGES" ;;
  test)
    install_packages "$BUILD_PACKAGES $TEST_PACKAGES"
    # Node.js and npm (for the Oxigraph engine) only when absent: machines
    # that already carry a newer Node.js keep theirs.
    command -v npm >/dev/null 2>&1 || install_packages "nodejs npm"
    ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
