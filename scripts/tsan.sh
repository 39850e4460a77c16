#!/bin/sh
# The ThreadSanitizer check: a -Db_sanitize=thread build (build-tsan/) of
# the library and tests/test-threads, which runs imports, queries and
# exports on two threads at once (see there).  scripts/test.sh runs it;
# alone it takes a few minutes the first time, seconds after.  Only that
# program is built and run: the rest of the suites have no second thread.
set -eu
cd "$(dirname "$0")/.."

[ -f build-tsan/build.ninja ] ||
  meson setup build-tsan -Dwerror=true -Db_sanitize=thread \
    -Db_lundef=false >/dev/null
meson compile -C build-tsan tests/test-threads
meson test -C build-tsan --setup=tsan --no-rebuild --print-errorlogs threads
