/* Hostile input, through the azkb binary: loading reads the file it is
 * given and nothing else (checked with strace), and inputs that never end,
 * never come or come from a pipe are read once and end with a message. */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->dir = azkb_test_tmpdir_new("azkb-hostile");
}

static void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  azkb_test_tmpdir_remove(f->dir);
  g_free(f->dir);
}

static char *
write_in(const Fixture *f, const char *name, const char *text)
{
  char *path              = g_build_filename(f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents(path, text, -1, &error);
  g_assert_no_error(error);
  return path;
}

/* ---- strace: only the named file is opened, no socket made ---- */

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define XML_HEAD "<?xml version=\"1.0\"?>\n"
#define XML_ROOT                                                               \
  "<rdf:RDF xmlns:rdf=\"" RDF_NS "\" xmlns:ex=\"http://example.org/\">\n"      \
  "<rdf:Description rdf:about=\"http://example.org/a\">"
#define XML_END "</rdf:Description></rdf:RDF>\n"

typedef struct {
  const char *name; /* file name: its extension gives the syntax */
  const char *text; /* @F@: the path of a file that must not be read */
  gboolean    ok;   /* loads (else refused with exit 3) */
} Case;

static const Case strace_cases[] = {
  { "ok.ttl", "<http://e.org/a> <http://e.org/p> \"@F@\" .\n", TRUE },
  { "ok.nt", "<http://e.org/a> <http://e.org/p> \"@F@\" .\n", TRUE },
  { "ok.nq",
    "<http://e.org/a> <http://e.org/p> \"@F@\" <http://e.org/g> .\n",
    TRUE },
  { "ok.trig",
    "<http://e.org/g> { <http://e.org/a> <http://e.org/p> \"@F@\" }\n",
    TRUE },
  { "ok.rdf", XML_HEAD XML_ROOT "<ex:p>@F@</ex:p>" XML_END, TRUE },
  { "ok.json",
    "{\"http://e.org/a\": {\"http://e.org/p\": "
    "[{\"type\": \"literal\", \"value\": \"@F@\"}]}}\n",
    TRUE },
  /* the same file named by each way XML knows */
  { "general.rdf",
    XML_HEAD
    "<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM \"file://@F@\"> ]>\n" XML_ROOT
    "<ex:p>&x;</ex:p>" XML_END,
    FALSE },
  { "relative.rdf",
    XML_HEAD "<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM \"@F@\"> ]>\n" XML_ROOT
             "<ex:p>&x;</ex:p>" XML_END,
    FALSE },
  { "parameter.rdf",
    XML_HEAD
    "<!DOCTYPE rdf:RDF [ <!ENTITY % p SYSTEM \"@F@\"> %p; ]>\n" XML_ROOT
    "<ex:p>&leak;</ex:p>" XML_END,
    FALSE },
  { "dtd.rdf",
    XML_HEAD "<!DOCTYPE rdf:RDF SYSTEM \"@F@\">\n" XML_ROOT
             "<ex:p>&leak;</ex:p>" XML_END,
    FALSE },
  { "public.rdf",
    XML_HEAD "<!DOCTYPE rdf:RDF PUBLIC \"-//x//y\" \"@F@\">\n" XML_ROOT
             "<ex:p>x</ex:p>" XML_END,
    FALSE },
  { "network.rdf",
    XML_HEAD "<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "
             "\"http://127.0.0.1:9/@F@\"> ]>\n" XML_ROOT
             "<ex:p>&x;</ex:p>" XML_END,
    FALSE },
};

/* Whether the process may open @path without reading anything not named:
 * the loader's libraries and the C library's own files. */
static gboolean
system_file(const char *path)
{
  static const char *const prefixes[] = {
    "/lib/",          "/lib64/",
    "/usr/lib/",      "/usr/lib64/",
    "/etc/ld.so.",    "/proc/",
    "/sys/",          "/usr/share/locale/",
    "/etc/localtime", "/usr/share/zoneinfo/",
    "/dev/urandom",   "/etc/nsswitch.conf"
  };
  const char *build = g_getenv("AZKB_BUILD_ROOT");

  for (gsize i = 0; i < G_N_ELEMENTS(prefixes); i++)
    if (g_str_has_prefix(path, prefixes[i]))
      return TRUE;
  return build != NULL && g_str_has_prefix(path, build) &&
         strstr(path, ".so") != NULL;
}

/* The strace log @log lists only system files and @named (opened at most
 * @max_named times), and no socket. */
static void
assert_only_opened(const char *log, const char *named, guint max_named)
{
  g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
  guint n_named       = 0;

  for (char **l = lines; *l != NULL; l++) {
    const char      *call = strstr(*l, "open");
    const char      *q;
    const char      *end;
    g_autofree char *path = NULL;

    if (strstr(*l, "socket(") != NULL || strstr(*l, "connect(") != NULL)
      g_error("made a socket: %s", *l);
    if (call == NULL || strstr(*l, "execve(") != NULL)
      continue;
    q = strchr(call, '"');
    if (q == NULL)
      continue;
    end = strchr(q + 1, '"');
    g_assert_nonnull(end);
    path = g_strndup(q + 1, (gsize)(end - q - 1));
    if (strcmp(path, named) == 0) {
      n_named++;
      continue;
    }
    if (!system_file(path))
      g_error("opened %s besides %s:\n%s", path, named, log);
  }
  g_assert_cmpuint(n_named, >=, 1);
  g_assert_cmpuint(n_named, <=, max_named);
}

static char *
strace_path(void)
{
  char *strace = g_find_program_in_path("strace");

  if (strace == NULL)
    g_test_skip("strace is not installed");
  return strace;
}

/* Runs azkb under strace with @args; returns the log. */
static char *
traced(const Fixture     *f,
       const char        *strace,
       const char *const *args,
       AzkbTestRun       *out_run)
{
  g_autofree char *log      = g_build_filename(f->dir, "strace.log", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  char *text                = NULL;

  g_ptr_array_add(argv, (char *)strace);
  g_ptr_array_add(argv, "-f");
  g_ptr_array_add(argv, "-qq");
  g_ptr_array_add(argv, "-e");
  g_ptr_array_add(argv,
                  "trace=open,openat,openat2,creat,socket,connect,execve");
  g_ptr_array_add(argv, "-o");
  g_ptr_array_add(argv, log);
  g_ptr_array_add(argv, (char *)g_getenv("AZKB"));
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add(argv, (char *)*a);
  g_ptr_array_add(argv, NULL);
  *out_run = azkb_test_run_argv((const char *const *)argv->pdata);
  g_assert_true(g_file_get_contents(log, &text, NULL, NULL));
  return text;
}

static void
test_strace(Fixture *f, gconstpointer data)
{
  const Case      *c      = data;
  g_autofree char *strace = strace_path();
  g_autofree char *secret = NULL;
  g_autofree char *text   = NULL;
  g_autofree char *path   = NULL;

  if (strace == NULL)
    return;
  /* LeakSanitizer cannot work in a process that strace traces */
  {
    const char      *asan = g_getenv("ASAN_OPTIONS");
    g_autofree char *opts = g_strconcat(asan != NULL ? asan : "",
                                        asan != NULL ? ":" : "",
                                        "detect_leaks=0",
                                        NULL);

    g_setenv("ASAN_OPTIONS", opts, TRUE);
  }
  /* a file beside the data: anything that reads it shows in the log */
  secret = write_in(f, "secret.txt", "SECRET\n");
  g_free(write_in(f, "leak.dtd", "<!ENTITY leak \"SECRET\">\n"));
  {
    g_auto(GStrv) parts = g_strsplit(c->text, "@F@", -1);

    text = g_strjoinv(secret, parts);
  }
  path = write_in(f, c->name, text);
  {
    const char *const  import[] = { "import", path, NULL };
    const char *const  stats[]  = { "stats", "--data", path, NULL };
    const char *const *runs[]   = { import, stats };

    for (gsize i = 0; i < G_N_ELEMENTS(runs); i++) {
      AzkbTestRun      run;
      g_autofree char *log = traced(f, strace, runs[i], &run);

      assert_only_opened(log, path, 1);
      g_assert_cmpint(run.status, ==, c->ok ? 0 : 3);
      g_assert_null(strstr(run.out, "SECRET"));
      if (!c->ok)
        azkb_test_assert_contains(run.err, "which azkb does not");
      azkb_test_run_clear(&run);
    }
  }
}

/* ---- inputs that are not plain files ---- */

/* Runs @script with sh (bash for process substitution) in the fixture's
 * directory; $AZKB is the binary. */
static AzkbTestRun
run_shell(const Fixture *f, const char *shell, const char *script)
{
  g_autofree char *full   = g_strdup_printf("cd '%s' && %s", f->dir, script);
  g_autofree char *path   = g_find_program_in_path(shell);
  const char      *argv[] = { path, "-c", full, NULL };

  g_assert_nonnull(path);
  return azkb_test_run_argv(argv);
}

#define TURTLE_ONE "<http://e.org/a> <http://e.org/p> \"x\" .\n"

static void
test_fifo(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTestRun run;

  g_free(write_in(f, "data.ttl", TURTLE_ONE));
  /* a writer that comes: read once, from its start */
  run = run_shell(f,
                  "sh",
                  "mkfifo fifo.ttl && (cat data.ttl > fifo.ttl &) && "
                  "\"$AZKB\" import fifo.ttl");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "fifo.ttl: 1 triples");
  azkb_test_run_clear(&run);
  /* --data sniffs for a snapshot first, on the same open */
  run = run_shell(f,
                  "sh",
                  "mkfifo fifo2.ttl && (cat data.ttl > fifo2.ttl &) && "
                  "\"$AZKB\" stats --data fifo2.ttl");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Entities: 1");
  azkb_test_run_clear(&run);
}

static void
test_stdin(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTestRun run;

  g_free(write_in(f, "data.ttl", TURTLE_ONE));
  run = run_shell(f, "sh", "\"$AZKB\" import -i turtle - < data.ttl");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "-: 1 triples");
  azkb_test_run_clear(&run);
  run = run_shell(
    f, "sh", "\"$AZKB\" stats --data - --input-format turtle < data.ttl");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Entities: 1");
  azkb_test_run_clear(&run);
  /* no name, no syntax: a usage error */
  run = run_shell(f, "sh", "\"$AZKB\" import - < data.ttl");
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "give it with -i/--input-format");
  azkb_test_run_clear(&run);
  /* a snapshot is known by its magic, also on standard input */
  run = run_shell(f,
                  "sh",
                  "\"$AZKB\" snapshot -o kb.azs >/dev/null && "
                  "\"$AZKB\" stats --data - < kb.azs");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Entities: ");
  azkb_test_run_clear(&run);
  /* process substitution: /dev/fd/N, a pipe */
  if (g_file_test("/bin/bash", G_FILE_TEST_IS_EXECUTABLE)) {
    run =
      run_shell(f, "bash", "\"$AZKB\" stats -i turtle --data <(cat data.ttl)");
    g_assert_cmpint(run.status, ==, 0);
    azkb_test_assert_contains(run.out, "Entities: 1");
    azkb_test_run_clear(&run);
  }
}

/* A FIFO that no writer opens: azkb waits, as cat does, and Ctrl-C
 * (SIGINT) ends the wait. */
static void
test_fifo_no_writer(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *fifo   = g_build_filename(f->dir, "never.ttl", NULL);
  const char      *argv[] = { g_getenv("AZKB"), "import", fifo, NULL };
  g_autoptr(GError) error = NULL;
  GPid   pid;
  int    status = 0;
  gint64 deadline;

  g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
  g_assert_true(g_spawn_async(NULL,
                              (char **)argv,
                              NULL,
                              G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL,
                              NULL,
                              &pid,
                              &error));
  g_assert_no_error(error);
  g_usleep(G_USEC_PER_SEC / 2);
  g_assert_cmpint(kill(pid, SIGINT), ==, 0);
  deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (g_get_monotonic_time() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      g_error("azkb did not end on SIGINT while waiting for a writer");
    }
    g_usleep(G_USEC_PER_SEC / 20);
  }
  g_spawn_close_pid(pid);
  /* it ended (by the signal, or by a handler that exits) */
  g_assert_true(WIFSIGNALED(status) || WIFEXITED(status));
  if (WIFEXITED(status))
    g_assert_cmpint(WEXITSTATUS(status), !=, 0);
}

/* Inputs that never end: each syntax stops with a located message. */
static void
test_dev_zero(Fixture *f G_GNUC_UNUSED, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const cases[][2] = {
    { "ntriples", "/dev/zero:1: a line longer than 64 MiB" },
    { "nquads", "/dev/zero:1: a line longer than 64 MiB" },
    { "turtle", "/dev/zero:1: the byte 00" },
    { "trig", "/dev/zero:1: the byte 00" },
    { "rdfxml", "/dev/zero:1: the byte 00" },
    { "json", "/dev/zero:1: the byte 00" },
  };

  if (!g_file_test("/dev/zero", G_FILE_TEST_EXISTS)) {
    g_test_skip("no /dev/zero");
    return;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    AzkbTestRun run =
      azkb_test_run_azkb("import", "-i", cases[i][0], "/dev/zero", NULL);

    g_assert_cmpint(run.status, ==, 3);
    azkb_test_assert_contains(run.err, cases[i][1]);
    azkb_test_run_clear(&run);
  }
}

/* A token that never ends (a generator: a prefix, then the byte @fill
 * for ever): each syntax stops at 64 MiB with a message located where the
 * token started, and the generator gets SIGPIPE. */
static void
test_endless_token(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const cases[][4] = {
    { "turtle", "<a> <b> \\\"", "x", "<stdin>:1: a string longer than 64 MiB" },
    { "turtle",
      "<a> <b> \\\"\\\"\\\"\\n\\n",
      "x",
      "<stdin>:1: a string longer than 64 MiB" },
    { "turtle", "<a> <b> <", "x", "<stdin>:1: an IRI longer than 64 MiB" },
    { "turtle",
      "@prefix ex: <x#> .\\nex:a ex:b ex:",
      "a",
      "<stdin>:2: a name, number or language tag longer than 64 MiB" },
    { "turtle", "# ", "a", "<stdin>:1: a comment longer than 64 MiB" },
    { "trig",
      "<g> { <a> <b> \\\"",
      "x",
      "<stdin>:1: a string longer than 64 MiB" },
    { "json",
      "{\\\"a\\\":{\\\"b\\\":[{\\\"value\\\":\\\"",
      "x",
      "<stdin>:1: a JSON string longer than 64 MiB" },
    { "json",
      "{\\\"a\\\":{\\\"b\\\":[{\\\"value\\\":1",
      "1",
      "<stdin>:1: a JSON number or word longer than 64 MiB" },
  };

  if (!g_file_test("/dev/zero", G_FILE_TEST_EXISTS)) {
    g_test_skip("no /dev/zero");
    return;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *script =
      g_strdup_printf("{ printf \"%s\"; tr '\\000' '%s' < /dev/zero; } | "
                      "\"$AZKB\" import -i %s -",
                      cases[i][1],
                      cases[i][2],
                      cases[i][0]);
    AzkbTestRun run = run_shell(f, "sh", script);

    g_assert_cmpint(run.status, ==, 3);
    azkb_test_assert_contains(run.err, cases[i][3]);
    azkb_test_run_clear(&run);
  }
}

/* Input that goes on and on with nothing in it (a generator of blank
 * lines, spaces, comments or ";"): raptor would hold it all with the
 * statement it is in, so each syntax stops with a located message once
 * 64 MiB have passed without a term, in bounded memory (measured with
 * /usr/bin/time, which the tests install). */
/* Peak memory allowed for an endless run of nothing: what the 64 MiB
 * limit costs (100-170 MB in the plain build) with room for the sanitized
 * build; before the limit, Turtle ran into a 4 GiB abort. */
#define PEAK_KB_MAX (1024u * 1024)

static void
test_endless_blank(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const cases[][3] = {
    { "turtle",
      "tr '\\000' '\\n' < /dev/zero",
      "<stdin>:1: more than 64 MiB without a term" },
    { "turtle",
      "{ printf '<a> <b> <c> .\\n'; tr '\\000' ' ' < /dev/zero; }",
      "<stdin>:1: more than 64 MiB without a term" },
    { "turtle",
      "{ printf '<a> <b> <c> .\\n\\n'; yes '# nothing here'; }",
      "<stdin>:1: more than 64 MiB without a term" },
    { "turtle",
      "{ printf '<a> <b> <c>'; tr '\\000' ';' < /dev/zero; }",
      "<stdin>:1: more than 64 MiB without a term" },
    { "trig",
      "{ printf '<g> {'; tr '\\000' '\\n' < /dev/zero; }",
      "<stdin>:1: more than 64 MiB without a term" },
    { "json",
      "{ printf '{'; tr '\\000' '\\n' < /dev/zero; }",
      "<stdin>:1: more than 64 MiB of white space" },
    /* raptor's N-Triples parser kept blank lines that all ended and copied
     * them with every chunk (100 MB: 100 s); azkb no longer gives it them */
    { "ntriples",
      "tr '\\000' '\\n' < /dev/zero",
      "<stdin>:1: more than 64 MiB without a statement" },
    { "nquads",
      "{ printf '<a:a> <a:b> <a:c> <a:g> .\\n\\n'; yes '# nothing here'; }",
      "<stdin>:1: more than 64 MiB without a statement" },
    /* raptor holds an element's text whole: white space in a property
     * element took 2.4 GB in 20 s */
    { "rdfxml",
      "{ printf '<rdf:RDF xmlns:rdf=\"" RDF_NS "\" xmlns:ex=\"x:\">"
      "\\n<rdf:Description><ex:p>'; tr '\\000' '\\n' < /dev/zero; }",
      "<stdin>:2: text longer than 64 MiB between two tags" },
    { "rdfxml",
      "tr '\\000' ' ' < /dev/zero",
      "<stdin>:1: text longer than 64 MiB between two tags" },
  };

  if (!g_file_test("/dev/zero", G_FILE_TEST_EXISTS) ||
      !g_file_test("/usr/bin/time", G_FILE_TEST_IS_EXECUTABLE)) {
    g_test_skip("no /dev/zero or /usr/bin/time");
    return;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *script = g_strdup_printf(
      "%s | /usr/bin/time -f 'peak %%M kB' \"$AZKB\" import -i %s -",
      cases[i][1],
      cases[i][0]);
    AzkbTestRun run  = run_shell(f, "sh", script);
    const char *peak = strstr(run.err, "peak ");

    g_assert_cmpint(run.status, ==, 3);
    azkb_test_assert_contains(run.err, cases[i][2]);
    g_assert_nonnull(peak);
    g_test_message("%s: %s", cases[i][0], peak);
    g_assert_cmpuint(g_ascii_strtoull(peak + 5, NULL, 10), <, PEAK_KB_MAX);
    azkb_test_run_clear(&run);
  }
}

static void
test_broken_snapshots(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const cases[][3] = {
    { "empty.azs", "", "truncated snapshot: an empty file" },
    { "short.azs", "AZKB", "truncated snapshot: 4 bytes" },
    { "text.azs", "<a> <b> <c> .\n", "not an azkb snapshot" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *path = write_in(f, cases[i][0], cases[i][1]);
    AzkbTestRun      run  = azkb_test_run_azkb("stats", "--data", path, NULL);

    g_assert_cmpint(run.status, ==, 3);
    azkb_test_assert_contains(run.err, cases[i][2]);
    g_assert_cmpstr(run.out, ==, "");
    azkb_test_run_clear(&run);
  }
}

/* Relative IRIs resolve against the base, never the file's location. */
static void
test_relative_base(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path =
    write_in(f, "rel.ttl", "<a> <b> <c> .\n<id/x> <b> \"y\" .\n");
  AzkbTestRun run = azkb_test_run_azkb("import", path, "-o", "-", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "<http://azkb.example/a>");
  g_assert_null(strstr(run.out, "file:"));
  g_assert_null(strstr(run.out, f->dir));
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb(
    "import", "--base", "http://example.org/kb/", path, "-o", "-", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "<http://example.org/kb/a>");
  g_assert_null(strstr(run.out, f->dir));
  azkb_test_run_clear(&run);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  g_test_add("/hostile/fifo",
             Fixture,
             NULL,
             fixture_set_up,
             test_fifo,
             fixture_tear_down);
  g_test_add("/hostile/fifo-no-writer",
             Fixture,
             NULL,
             fixture_set_up,
             test_fifo_no_writer,
             fixture_tear_down);
  g_test_add("/hostile/stdin",
             Fixture,
             NULL,
             fixture_set_up,
             test_stdin,
             fixture_tear_down);
  g_test_add("/hostile/dev-zero",
             Fixture,
             NULL,
             fixture_set_up,
             test_dev_zero,
             fixture_tear_down);
  g_test_add("/hostile/endless-token",
             Fixture,
             NULL,
             fixture_set_up,
             test_endless_token,
             fixture_tear_down);
  g_test_add("/hostile/endless-blank",
             Fixture,
             NULL,
             fixture_set_up,
             test_endless_blank,
             fixture_tear_down);
  g_test_add("/hostile/snapshot/broken",
             Fixture,
             NULL,
             fixture_set_up,
             test_broken_snapshots,
             fixture_tear_down);
  g_test_add("/hostile/relative-base",
             Fixture,
             NULL,
             fixture_set_up,
             test_relative_base,
             fixture_tear_down);

  for (gsize i = 0; i < G_N_ELEMENTS(strace_cases); i++) {
    g_autofree char *name =
      g_strconcat("/hostile/strace/", strace_cases[i].name, NULL);

    g_test_add(name,
               Fixture,
               &strace_cases[i],
               fixture_set_up,
               test_strace,
               fixture_tear_down);
  }
  return g_test_run();
}
