/* Hostile input through the azkb binary: patterns nested past any stack,
 * labels holding terminal escapes, outputs that cannot be written.  Each
 * case is one row of the table below; each runs in a directory of its own
 * and asserts the exit status, the message, what reached stdout, and that
 * nothing was written or left behind but what the case expects. */
#include "azkb-test.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A label with an OSC title change, a colour, a bell, a line break and a
 * right-to-left override: none of it may reach a terminal raw. */
#define PREFIXES                                                               \
  "@prefix az: <http://azkb.example/id/> .\n"                                  \
  "@prefix azo: <http://azkb.example/ontology#> .\n"                           \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
#define ESC_DATA                                                               \
  PREFIXES                                                                     \
  "az:P1 a azo:SourceParagraph ; rdfs:label \"[P1]\"@en .\n"                   \
  "az:Land a azo:Country ; rdfs:label "                                        \
  "\"Land\\u001b]0;pwned\\u0007\\u001b[31mRed\\nNext\\u202Eevil\"@en .\n"      \
  "az:Board a azo:ExecutiveBoard ; rdfs:label \"Board\\tTab\\u009b2J\"@en .\n" \
  "az:Land azo:electedTo az:Board .\n"
#define ESC_SHOWN "Land\\x1B]0;pwned\\x07\\x1B[31mRed\\nNext\\u202Eevil"

typedef struct {
  const char *name;
  const char *data;     ///< Turtle for @DATA, or NULL
  const char *args[12]; ///< after "azkb"; "@DATA", "@GEN" substituted
  /* @GEN = head + unit × times + tail */
  const char *head, *unit, *tail;
  guint       times;
  const char *redirect; ///< run through sh with this stdout, or NULL
  int         status;
  const char *message;   ///< in stderr, or NULL
  const char *out_has;   ///< in stdout, or NULL
  const char *out_lacks; ///< never in stdout or stderr, or NULL
  /* Shell snippets run in the case's directory: @setup before (its files
   * are then "the old ones"), @verify after, which must exit 0.  Without
   * @verify the directory must hold exactly what it held before. */
  const char *setup;
  const char *verify;
  int         signal;    ///< sent @signal_ms after the start, or 0
  guint       signal_ms; ///< the run must then end by it or exit 0
} Case;

#define GEN(h, u, t, n) .head = h, .unit = u, .tail = t, .times = n

static const Case cases[] = {
  /* ---- patterns nested past any stack: a located "too deep" ---- */
  { "depth/parens-65000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -", "(", "partOf", 65000),
    .status  = 2,
    .message = "column 69: the expression is nested too deep" },
  { "depth/inverse-130000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -", "^", "partOf-> ?y", 130000),
    .status  = 2,
    .message = "column 69: the expression is nested too deep" },
  { "depth/star-130000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "*", "-> ?y", 130000),
    .status  = 2,
    .message = "column 75: the expression is nested too deep" },
  { "depth/plus-130000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "+", "-> ?y", 130000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/optional-130000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "?", "-> ?y", 130000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/bounds-20000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "{1,2}", "-> ?y", 20000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/inverse-paren-mix",
    NULL,
    { "query", "@GEN" },
    GEN("?x -", "^(", "partOf", 40000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/sequence-15000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "/partOf", "-> ?y", 15000),
    .status  = 2,
    .message = "holds more than 1024 relation occurrences" },
  { "depth/alternation-15000",
    NULL,
    { "query", "@GEN" },
    GEN("?x -partOf", "|_", "-> ?y", 15000),
    .status  = 2,
    .message = "holds more than 1024 relation occurrences" },
  { "depth/sparql",
    NULL,
    { "query", "--sparql", "@GEN" },
    GEN("?x -", "(", "partOf", 65000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/explain",
    NULL,
    { "query", "--explain", "@GEN" },
    GEN("?x -partOf", "*", "-> ?y", 130000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/dot-query",
    NULL,
    { "dot", "--query", "@GEN" },
    GEN("?x -", "^", "partOf-> ?y", 130000),
    .status  = 2,
    .message = "--query: column 69: the expression is nested too deep" },
  { "depth/path-via-parens",
    NULL,
    { "path", "--via", "@GEN", "Azerbaijan", "UN" },
    GEN("", "(", "partOf", 65000),
    .status  = 2,
    .message = "--via: column 65: the expression is nested too deep" },
  { "depth/path-via-star",
    NULL,
    { "path", "--via", "@GEN", "Azerbaijan", "UN" },
    GEN("partOf", "*", "", 130000),
    .status  = 2,
    .message = "--via: column 71: the expression is nested too deep" },
  { "depth/at-the-limit-parses",
    NULL,
    { "query", "--count", "@GEN" },
    GEN("?x -partOf", "*", "-> UN", 64),
    .status  = 0,
    .out_has = "\n" },
  { "depth/caret-window",
    NULL,
    { "query", "@GEN" },
    GEN("?x -", "(", "partOf", 65000),
    .status    = 2,
    .message   = "  …((((",
    .out_lacks = "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                 "(((((((((((("
                 "((((" },

  /* ---- labels holding terminal escapes ---- */
  { "escape/show",
    ESC_DATA,
    { "show", "-d", "@DATA", "Land" },
    .status    = 0,
    .out_has   = ESC_SHOWN "\n",
    .out_lacks = "\033" },
  { "escape/show-other-end",
    ESC_DATA,
    { "show", "-d", "@DATA", "Land" },
    .status    = 0,
    .out_has   = "electedTo Board\\tTab\\x9B2J\n",
    .out_lacks = "\xc2\x9b" },
  { "escape/query-table",
    ESC_DATA,
    { "query", "-d", "@DATA", "?x -electedTo-> ?y" },
    .status    = 0,
    .out_has   = ESC_SHOWN "  Board\\tTab\\x9B2J\n",
    .out_lacks = "\033" },
  { "escape/query-tsv-own-quoting",
    ESC_DATA,
    { "query", "-d", "@DATA", "--format", "tsv", "?x -electedTo-> ?y" },
    .status  = 0,
    .out_has = "Red Next" },
  { "escape/query-csv-own-quoting",
    ESC_DATA,
    { "query", "-d", "@DATA", "--format", "csv", "?x -electedTo-> ?y" },
    .status  = 0,
    .out_has = "\"Land\033]0;pwned\a\033[31mRed\nNext" },
  { "escape/query-json-own-quoting",
    ESC_DATA,
    { "query", "-d", "@DATA", "--format", "json", "?x -electedTo-> ?y" },
    .status  = 0,
    .out_has = "\"label\" : \"Land\\u001b]0;pwned\\u0007\\u001b[31mRed\\nNext",
    .out_lacks = "\033" },
  { "escape/timeline",
    ESC_DATA,
    { "timeline", "-d", "@DATA", "Board" },
    .status    = 1,
    .message   = "Board\\tTab\\x9B2J has no dated statements",
    .out_lacks = "\t" },
  { "escape/diff",
    ESC_DATA
    "[] a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;\n"
    "  <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> az:Land ;\n"
    "  <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
    "azo:electedTo ;\n"
    "  <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> az:Board ;\n"
    "  azo:start \"2003\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n",
    { "diff", "-d", "@DATA", "2000", "2010" },
    .status    = 0,
    .out_has   = ESC_SHOWN " -electedTo-> Board\\tTab\\x9B2J",
    .out_lacks = "\033" },
  { "escape/path",
    ESC_DATA,
    { "path", "-d", "@DATA", "Land", "Board" },
    .status    = 0,
    .out_has   = "1. " ESC_SHOWN " -electedTo-> Board\\tTab\\x9B2J\n",
    .out_lacks = "\033" },
  { "escape/path-ids",
    ESC_DATA,
    { "path", "-d", "@DATA", "--ids", "Land", "Board" },
    .status  = 0,
    .out_has = "Land → Board, 1 hop:\n" },
  { "escape/stats",
    ESC_DATA,
    { "stats", "-d", "@DATA" },
    .status    = 0,
    .out_lacks = "\033" },
  { "escape/check",
    ESC_DATA,
    { "check", "-d", "@DATA" },
    .out_lacks = "\033",
    .status    = 1 },

  /* ---- stdout that cannot be written ---- */
  { "stdout/stats-full",
    NULL,
    { "stats" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "azkb: writing the output failed: No space left on device" },
  { "stdout/stats-closed",
    NULL,
    { "stats" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/show-full",
    NULL,
    { "show", "UN" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/show-closed",
    NULL,
    { "show", "UN" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/query-table-full",
    NULL,
    { "query", "?x -memberOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/query-tsv-full",
    NULL,
    { "query", "--format", "tsv", "?x -memberOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/query-csv-closed",
    NULL,
    { "query", "--format", "csv", "?x -memberOf-> ?y" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/query-json-full",
    NULL,
    { "query", "--format", "json", "?x -memberOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/query-count-full",
    NULL,
    { "query", "--count", "?x -memberOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/query-sparql-full",
    NULL,
    { "query", "--sparql", "?x -memberOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/timeline-full",
    NULL,
    { "timeline", "Azerbaijan" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/timeline-closed",
    NULL,
    { "timeline", "Azerbaijan" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/path-full",
    NULL,
    { "path", "Azerbaijan", "UN" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/check-full",
    NULL,
    { "check" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/help-full",
    NULL,
    { "help" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/help-command-closed",
    NULL,
    { "help", "query" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/version-full",
    NULL,
    { "--version" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/dot-full",
    NULL,
    { "dot", "--around", "Azerbaijan" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "cannot write to standard output" },
  { "stdout/export-full",
    NULL,
    { "export", "--format", "ntriples" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },

  /* ---- more depth ---- */
  { "depth/dot-query-parens",
    NULL,
    { "dot", "--query", "@GEN" },
    GEN("?x -", "(", "partOf-> ?y", 65000),
    .status  = 2,
    .message = "--query: column 69: the expression is nested too deep" },
  { "depth/render-query-inverse",
    NULL,
    { "render", "-o", "out.svg", "--query", "@GEN" },
    GEN("?x -", "^", "partOf-> ?y", 100000),
    .status  = 2,
    .message = "nested too deep" },
  { "depth/path-via-inverse",
    NULL,
    { "path", "--via", "@GEN", "Azerbaijan", "UN" },
    GEN("", "^", "partOf", 130000),
    .status  = 2,
    .message = "--via: column 65: the expression is nested too deep" },
  { "depth/path-via-sequence",
    NULL,
    { "path", "--via", "@GEN", "Azerbaijan", "UN" },
    GEN("partOf", "/partOf", "", 15000),
    .status  = 2,
    .message = "holds more than 1024 relation occurrences" },
  { "depth/negated-set-huge",
    NULL,
    { "query", "@GEN" },
    GEN("?x -!(partOf", "|partOf", ")-> ?y", 15000),
    .status  = 2,
    .message = "holds more than 1024 relation occurrences" },
  { "depth/negated-nested",
    NULL,
    { "query", "?x -!(!(partOf))-> ?y" },
    .status  = 2,
    .message = "column 7:" },

  /* ---- output onto special files: written through, never replaced ---- */
  { "special/export-dev-null",
    NULL,
    { "export", "-o", "/dev/null" },
    .status = 0,
    .verify = "test -c /dev/null" },
  { "special/snapshot-dev-null",
    NULL,
    { "snapshot", "-o", "/dev/null" },
    .status = 0,
    .verify = "test -c /dev/null" },
  { "special/generate-dev-null",
    NULL,
    { "generate", "-n", "100", "-o", "/dev/null" },
    .status = 0,
    .verify = "test -c /dev/null" },
  { "special/dot-dev-null",
    NULL,
    { "dot", "--around", "Azerbaijan", "-o", "/dev/null" },
    .status = 0,
    .verify = "test -c /dev/null" },
  { "special/render-dev-null",
    NULL,
    { "render", "--around", "Azerbaijan", "-f", "svg", "-o", "/dev/null" },
    .status = 0,
    .verify = "test -c /dev/null" },
  { "special/export-dev-full",
    NULL,
    { "export", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write: No space left on device",
    .verify  = "test -c /dev/full" },
  { "special/snapshot-dev-full",
    NULL,
    { "snapshot", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write",
    .verify  = "test -c /dev/full" },
  { "special/generate-dev-full",
    NULL,
    { "generate", "-n", "100", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write",
    .verify  = "test -c /dev/full" },
  { "special/dot-dev-full",
    NULL,
    { "dot", "--around", "Azerbaijan", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write",
    .verify  = "test -c /dev/full" },
  { "special/render-dev-full",
    NULL,
    { "render", "--around", "Azerbaijan", "-f", "svg", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write",
    .verify  = "test -c /dev/full" },
  { "special/export-fifo-reader",
    NULL,
    { "export", "-o", "f" },
    .setup  = "mkfifo f; (cat f > got) </dev/null >/dev/null 2>&1 &",
    .status = 0,
    .verify = "test -p f; for i in 1 2 3 4 5 6 7 8 9 10; do "
              "grep -q 'azo:' got && break; sleep 0.3; done; "
              "grep -q 'azo:' got; test $(ls -A | wc -l) = 2" },
  { "special/export-fifo-no-reader",
    NULL,
    { "export", "-o", "f" },
    .setup   = "mkfifo f",
    .status  = 3,
    .message = "f: cannot write: the FIFO has no reader",
    .verify  = "test -p f; test $(ls -A | wc -l) = 1" },
  { "special/snapshot-fifo-no-reader",
    NULL,
    { "snapshot", "-o", "f" },
    .setup   = "mkfifo f",
    .status  = 3,
    .message = "the FIFO has no reader",
    .verify  = "test -p f; test $(ls -A | wc -l) = 1" },
  { "special/dot-fifo-no-reader",
    NULL,
    { "dot", "--around", "UN", "-o", "f" },
    .setup   = "mkfifo f",
    .status  = 3,
    .message = "the FIFO has no reader",
    .verify  = "test -p f; test $(ls -A | wc -l) = 1" },
  { "special/export-symlink",
    NULL,
    { "export", "-o", "link.ttl" },
    .setup  = "echo old > real.ttl; ln -s real.ttl link.ttl",
    .status = 0,
    .verify = "test -L link.ttl; test \"$(readlink link.ttl)\" = real.ttl; "
              "grep -q 'azo:' real.ttl; test $(ls -A | wc -l) = 2" },
  { "special/export-directory",
    NULL,
    { "export", "-o", "d" },
    .setup   = "mkdir d",
    .status  = 3,
    .message = "d: cannot write: Is a directory",
    .verify  = "test -d d; test -z \"$(ls -A d)\"; test $(ls -A | wc -l) = 1" },
  { "special/export-missing-folder",
    NULL,
    { "export", "-o", "missing/out.ttl" },
    .status  = 3,
    .message = "missing/out.ttl: cannot write: No such file or directory",
    .verify  = "test -z \"$(ls -A)\"" },
  { "special/export-keeps-mode",
    NULL,
    { "export", "-o", "out.ttl" },
    .setup  = "echo old > out.ttl; chmod 640 out.ttl",
    .status = 0,
    .verify = "test \"$(stat -c %a out.ttl)\" = 640; grep -q 'azo:' out.ttl; "
              "test $(ls -A | wc -l) = 1" },
  { "special/export-bad-format-keeps-old",
    NULL,
    { "export", "-o", "out.ttl", "--format", "nosuch" },
    .setup  = "echo old > out.ttl",
    .status = 2,
    .verify = "test \"$(cat out.ttl)\" = old; test $(ls -A | wc -l) = 1" },
  { "special/import-output-dev-full",
    ESC_DATA,
    { "import", "data.ttl", "-o", "/dev/full" },
    .status  = 3,
    .message = "/dev/full: cannot write",
    .verify  = "test -c /dev/full; test $(ls -A | wc -l) = 1" },

/* ---- signals: the old file or the whole new one, no temporary ---- */
#define BIG "\"$AZKB\" generate -n 20000 -o g.azs; echo old > out"
#define OLD_OR_WHOLE(ext)                                                      \
  "test $(ls -A | wc -l) = 2; test \"$(cat out" ext ")\" = old || "            \
  "\"$AZKB\" import out" ext " >/dev/null"
  { "signal/export-term",
    NULL,
    { "export", "-d", "g.azs", "-o", "out.ttl" },
    .setup     = BIG ".ttl",
    .verify    = OLD_OR_WHOLE(".ttl"),
    .signal    = SIGTERM,
    .signal_ms = 300 },
  { "signal/export-int",
    NULL,
    { "export", "-d", "g.azs", "-o", "out.ttl" },
    .setup     = BIG ".ttl",
    .verify    = OLD_OR_WHOLE(".ttl"),
    .signal    = SIGINT,
    .signal_ms = 400 },
  { "signal/export-hup",
    NULL,
    { "export", "-d", "g.azs", "-o", "out.ttl" },
    .setup     = BIG ".ttl",
    .verify    = OLD_OR_WHOLE(".ttl"),
    .signal    = SIGHUP,
    .signal_ms = 500 },
  { "signal/export-kill",
    NULL,
    { "export", "-d", "g.azs", "-o", "out.ttl" },
    .setup     = BIG ".ttl",
    .verify    = OLD_OR_WHOLE(".ttl"),
    .signal    = SIGKILL,
    .signal_ms = 400 },
  { "signal/export-ntriples-term",
    NULL,
    { "export", "-d", "g.azs", "-o", "out.nt" },
    .setup     = BIG ".nt",
    .verify    = OLD_OR_WHOLE(".nt"),
    .signal    = SIGTERM,
    .signal_ms = 200 },
  { "signal/generate-term",
    NULL,
    { "generate", "-n", "100000", "-o", "out.nt" },
    .setup     = "echo old > out.nt; touch g.azs",
    .verify    = OLD_OR_WHOLE(".nt"),
    .signal    = SIGTERM,
    .signal_ms = 300 },
  { "signal/generate-int",
    NULL,
    { "generate", "-n", "100000", "-o", "out.ttl" },
    .setup     = "echo old > out.ttl; touch g.azs",
    .verify    = OLD_OR_WHOLE(".ttl"),
    .signal    = SIGINT,
    .signal_ms = 300 },
  { "signal/snapshot-term",
    NULL,
    { "snapshot", "-d", "g.azs", "-o", "out.azs" },
    .setup     = BIG ".azs",
    .verify    = "test $(ls -A | wc -l) = 2; test \"$(cat out.azs)\" = old || "
                 "\"$AZKB\" stats -d out.azs >/dev/null",
    .signal    = SIGTERM,
    .signal_ms = 300 },
  { "signal/render-term",
    NULL,
    { "render",
      "-d",
      "g.azs",
      "--query",
      "?x -partOf-> ?y",
      "--max-nodes",
      "100000",
      "-f",
      "svg",
      "-o",
      "out.svg" },
    .setup     = BIG ".svg",
    .verify    = "test $(ls -A | wc -l) = 2; test \"$(cat out.svg)\" = old || "
                 "tail -c 10 out.svg | grep -q '</svg>'",
    .signal    = SIGTERM,
    .signal_ms = 800 },

/* ---- export of deep blank-node nesting: linear, and readable back ---- */
#define CHAIN                                                                  \
  "awk 'BEGIN { p = \"<http://azkb.example/ontology#partOf>\"; "               \
  "print \"<http://azkb.example/id/R> \" p \" _:b0 .\"; "                      \
  "for (i = 0; i < 60000; i++) print \"_:b\" i \" \" p \" _:b\" i + 1 \" "     \
  ".\" }' > chain.nt"
#define CHAIN_BACK(ext)                                                        \
  "test $(stat -c %s out" ext ") -lt $((4 * $(stat -c %s chain.nt))); "        \
  "\"$AZKB\" import out" ext                                                   \
  " | grep -q '60001 triples: 60002 entities'; test $(ls -A | wc -l) = 2"
  { "nesting/turtle-60000",
    NULL,
    { "export", "-d", "chain.nt", "-f", "turtle", "-o", "out.ttl" },
    .setup  = CHAIN,
    .status = 0,
    .verify = CHAIN_BACK(".ttl") },
  { "nesting/rdfxml-60000",
    NULL,
    { "export", "-d", "chain.nt", "-f", "rdfxml", "-o", "out.rdf" },
    .setup  = CHAIN,
    .status = 0,
    .verify = CHAIN_BACK(".rdf") },
  { "nesting/json-60000",
    NULL,
    { "export", "-d", "chain.nt", "-f", "json", "-o", "out.json" },
    .setup  = CHAIN,
    .status = 0,
    .verify = "\"$AZKB\" import out.json | grep -q '60002 entities'" },
  { "nesting/ntriples-60000",
    NULL,
    { "export", "-d", "chain.nt", "-f", "ntriples", "-o", "out.nt" },
    .setup  = CHAIN,
    .status = 0,
    .verify = CHAIN_BACK(".nt") },
  { "nesting/turtle-stdout",
    NULL,
    { "export", "-d", "chain.nt" },
    .setup   = CHAIN,
    .status  = 0,
    .out_has = "azo:partOf _:b" },
  { "nesting/blank-labels-round-trip",
    NULL,
    { "export", "-d", "two.nt", "-o", "out.ttl" },
    .setup  = "printf '<http://azkb.example/id/R> "
              "<http://azkb.example/ontology#partOf> _:a_b .\\n"
              "<http://azkb.example/id/S> "
              "<http://azkb.example/ontology#partOf> _:a_b .\\n"
              "_:a_b <http://azkb.example/ontology#partOf> _:azb .\\n' "
              "> two.nt",
    .status = 0,
    .verify = "\"$AZKB\" import out.ttl | grep -q '3 triples: 4 entities'" },

  /* ---- a query that would run for ever ---- */
  { "timeout/unanchored-closure",
    NULL,
    { "query", "-d", "g.azs", "--timeout", "0.001", "--count", "?x -_*-> ?y" },
    .setup   = "\"$AZKB\" generate -n 20000 -o g.azs",
    .status  = 4,
    .message = "azkb query: the query ran past its time limit of 0.001 s "
               "(narrow the pattern, or raise --timeout)" },
  { "timeout/when-unanchored-closure",
    NULL,
    { "query", "-d", "g.azs", "--timeout", "0.001", "--when", "?x -_*-> ?y" },
    .setup   = "\"$AZKB\" generate -n 20000 -o g.azs",
    .status  = 4,
    .message = "azkb query: the query ran past its time limit of 0.001 s "
               "(narrow the pattern, or raise --timeout)" },
  { "timeout/when-count",
    NULL,
    { "query",
      "-d",
      "g.azs",
      "--timeout",
      "0.001",
      "--when",
      "--count",
      "?x -_*-> ?y" },
    .setup   = "\"$AZKB\" generate -n 20000 -o g.azs",
    .status  = 4,
    .message = "azkb query: the query ran past its time limit of 0.001 s "
               "(narrow the pattern, or raise --timeout)" },
  { "timeout/negative",
    NULL,
    { "query", "--timeout", "-1", "?x -partOf-> ?y" },
    .status  = 2,
    .message = "--timeout must be 0 or more seconds" },
  { "timeout/nan",
    NULL,
    { "query", "--timeout", "nan", "?x -partOf-> ?y" },
    .status  = 2,
    .message = "--timeout" },
  { "timeout/default-lets-small-finish",
    NULL,
    { "query", "--count", "?x -_*-> ?y" },
    .status  = 0,
    .out_has = "\n" },
  { "timeout/zero-means-none",
    NULL,
    { "query", "--timeout", "0", "--count", "?x -partOf+-> ?y" },
    .status  = 0,
    .out_has = "\n" },

/* ---- model checks, each located ---- */
#define CHECK_PREFIXES                                                         \
  PREFIXES "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
  { "check/two-labels-one-language",
    CHECK_PREFIXES "az:Land rdfs:label \"Land\"@en , \"Country\"@en .\n",
    { "check", "-d", "@DATA" },
    .status  = 1,
    .out_has = "data.ttl:5: entity “Land” has two labels in language en: "
               "“Land” and “Country”" },
  { "check/labels-in-two-languages-fine",
    CHECK_PREFIXES "az:Land rdfs:label \"Land\"@en , \"Land\"@de , "
                   "\"Страна\"@ru .\n",
    { "check", "-d", "@DATA" },
    .status    = 1,
    .out_lacks = "two labels" },
  { "check/subclass-cycle",
    CHECK_PREFIXES "azo:A a owl:Class ; rdfs:subClassOf azo:B .\n"
                   "azo:B a owl:Class ; rdfs:subClassOf azo:C .\n"
                   "azo:C a owl:Class ; rdfs:subClassOf azo:A .\n",
    { "check", "-d", "@DATA" },
    .status  = 1,
    .out_has = "the class hierarchy has a cycle: A → B → C → A" },
  { "check/subclass-of-itself",
    CHECK_PREFIXES "azo:A a owl:Class ; rdfs:subClassOf azo:A .\n",
    { "check", "-d", "@DATA" },
    .status  = 1,
    .out_has = "the class hierarchy has a cycle: A → A" },
  { "check/part-of-itself",
    CHECK_PREFIXES "az:X rdfs:label \"X\"@en .\naz:X azo:partOf az:X .\n",
    { "check", "-d", "@DATA" },
    .status  = 1,
    .out_has = "data.ttl:6: “X” is part of itself (partOf)" },
  { "check/part-of-cycle",
    CHECK_PREFIXES "az:X azo:partOf az:Y .\naz:Y azo:partOf az:Z .\n"
                   "az:Z azo:partOf az:X .\n",
    { "check", "-d", "@DATA" },
    .status  = 1,
    .out_has = "data.ttl:5: a cycle of partOf: X → Y → Z → X" },
  { "check/part-of-chain-no-cycle",
    CHECK_PREFIXES "az:X azo:partOf az:Y .\naz:Y azo:partOf az:Z .\n",
    { "check", "-d", "@DATA" },
    .status    = 1,
    .out_lacks = "cycle" },
  { "check/deep-part-of-chain",
    NULL,
    { "check", "-d", "chain.nt" },
    .setup     = CHAIN,
    .status    = 1,
    .out_lacks = "cycle",
    .verify    = "test $(ls -A | wc -l) = 1" },
  { "check/bundled-has-none",
    NULL,
    { "check" },
    .status    = 0,
    .out_lacks = "cycle" },

  /* ---- more terminal escapes ---- */
  { "escape/did-you-mean",
    ESC_DATA,
    { "show", "-d", "@DATA", "Lanx" },
    .status    = 2,
    .out_lacks = "\033" },
  { "escape/dot-query-table-ids",
    ESC_DATA,
    { "query", "-d", "@DATA", "--ids", "?x -electedTo-> ?y" },
    .status  = 0,
    .out_has = "Land  Board\n" },
  { "escape/path-no-connection",
    ESC_DATA,
    { "path", "-d", "@DATA", "Board", "P1" },
    .status    = 1,
    .out_lacks = "\033" },
  { "escape/check-message",
    ESC_DATA "az:Land rdfs:label \"Two\\u001b[2J\"@en .\n",
    { "check", "-d", "@DATA" },
    .status    = 1,
    .out_has   = "“Two\\x1B[2J”",
    .out_lacks = "\033" },

  /* ---- more stdout failures ---- */
  { "stdout/export-closed",
    NULL,
    { "export" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "stdout:" },
  { "stdout/generate-full",
    NULL,
    { "generate", "-n", "10" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/import-summary-full",
    ESC_DATA,
    { "import", "data.ttl" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/query-explain-full",
    NULL,
    { "query", "--explain", "?x -partOf-> ?y" },
    .redirect = ">/dev/full",
    .status   = 3,
    .message  = "No space left on device" },
  { "stdout/path-help-closed",
    NULL,
    { "path", "--help" },
    .redirect = ">&-",
    .status   = 3,
    .message  = "standard output is closed" },
  { "stdout/stats-pipe-closed-early",
    NULL,
    { "stats" },
    .redirect = "| true",
    .status   = 0 },
};

static char *
generate(const Case *c)
{
  GString *s = g_string_new(c->head);

  for (guint i = 0; i < c->times; i++)
    g_string_append(s, c->unit);
  g_string_append(s, c->tail);
  return g_string_free(s, FALSE);
}

static char *
quoted_command(GPtrArray *argv, const char *redirect)
{
  GString *cmd = g_string_new("exec");

  for (guint i = 0; i + 1 < argv->len; i++) {
    g_autofree char *q = g_shell_quote(g_ptr_array_index(argv, i));
    g_string_append_printf(cmd, " %s", q);
  }
  if (redirect != NULL)
    g_string_append_printf(cmd, " %s", redirect);
  return g_string_free(cmd, FALSE);
}

/* sh -c @script in @dir; fails the test unless it exits 0. */
static void
shell(const char *dir, const char *script, const char *what)
{
  const char *argv[] = { "/bin/sh", "-ec", script, NULL };
  AzkbTestRun run    = azkb_test_run_argv_in(dir, argv, NULL);

  if (run.status != 0) {
    g_test_message("%s failed: %s\n%s%s", what, script, run.out, run.err);
    g_test_fail();
  }
  azkb_test_run_clear(&run);
}

/* The argument vector (NULL-terminated), @GEN expanded. */
static GPtrArray *
case_argv(const Case *c)
{
  GPtrArray  *argv = g_ptr_array_new_with_free_func(g_free);
  const char *azkb = g_getenv("AZKB");

  g_assert_nonnull(azkb);
  g_ptr_array_add(argv, g_strdup(azkb));
  for (guint i = 0; i < G_N_ELEMENTS(c->args) && c->args[i] != NULL; i++) {
    const char *a = c->args[i];

    if (strcmp(a, "@DATA") == 0)
      g_ptr_array_add(argv, g_strdup("data.ttl"));
    else if (strcmp(a, "@GEN") == 0)
      g_ptr_array_add(argv, generate(c));
    else
      g_ptr_array_add(argv, g_strdup(a));
  }
  g_ptr_array_add(argv, NULL);
  return argv;
}

/* Runs the case in @dir, through sh when it redirects; with a signal,
 * sends it on time.  A run ended by that signal reports status 128 + it,
 * as a shell would. */
static AzkbTestRun
run_case(const Case *c, const char *dir)
{
  g_autoptr(GPtrArray) argv = case_argv(c);
  g_autoptr(GError) error   = NULL;
  g_autofree char *cmd      = quoted_command(argv, c->redirect);
  const char      *sh[]     = { "/bin/sh", "-c", cmd, NULL };
  char **run_argv    = c->redirect != NULL ? (char **)sh : (char **)argv->pdata;
  AzkbTestRun run    = { 0 };
  int         status = 0;
  GPid        pid;

  if (c->signal == 0)
    return azkb_test_run_argv_in(dir, (const char *const *)run_argv, NULL);
  g_assert_true(g_spawn_async(dir,
                              run_argv,
                              NULL,
                              G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL,
                              NULL,
                              &pid,
                              &error));
  g_assert_no_error(error);
  g_usleep((gulong)c->signal_ms * 1000);
  kill(pid, c->signal);
  g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
  g_spawn_close_pid(pid);
  run.out = g_strdup("");
  run.err = g_strdup("");
  run.status =
    WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  return run;
}

/* Like azkb_test_assert_contains(), but a failure fails this case only:
 * the others still run and report. */
static void
expect_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) != NULL)
    return;
  g_test_message("expected “%s” in:\n%s", needle, haystack);
  g_test_fail();
}

static void
test_case(gconstpointer data)
{
  const Case      *c   = data;
  g_autofree char *dir = azkb_test_tmpdir_new("azkb-hostile");
  AzkbTestRun      run;
  guint            files;

  if (c->data != NULL) {
    g_autofree char *path = g_build_filename(dir, "data.ttl", NULL);
    g_assert_true(g_file_set_contents(path, c->data, -1, NULL));
  }
  if (c->setup != NULL)
    shell(dir, c->setup, "setup");
  files = azkb_test_count_entries(dir);
  run   = run_case(c, dir);
  if (c->signal != 0)
    /* killed in time, or done before the signal came */
    g_assert_true(run.status == 128 + c->signal || run.status == 0);
  else {
    if (run.status != c->status)
      g_test_message("stderr: %s", run.err);
    g_assert_cmpint(run.status, ==, c->status);
  }
  if (c->message != NULL)
    expect_contains(run.err, c->message);
  if (c->out_has != NULL)
    expect_contains(run.out, c->out_has);
  if (c->out_lacks != NULL) {
    g_assert_null(strstr(run.out, c->out_lacks));
    g_assert_null(strstr(run.err, c->out_lacks));
  }
  /* nothing written, replaced or left behind but what the case says */
  if (c->verify != NULL)
    shell(dir, c->verify, "verify");
  else
    g_assert_cmpuint(azkb_test_count_entries(dir), ==, files);
  azkb_test_run_clear(&run);
  azkb_test_tmpdir_remove(dir);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_set_nonfatal_assertions();
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *path = g_strdup_printf("/hostile-cli/%s", cases[i].name);
    g_test_add_data_func(path, &cases[i], test_case);
  }
  return g_test_run();
}
