/* Tests of the azkb command through its binary: exit statuses, help,
 * messages on bad input, and the answers of `stats` and `show` on the
 * bundled knowledge base.  The binary's path comes from $AZKB (meson). */
#include "azkb-test.h"

#include <glib.h>
#include <string.h>

static void
test_version(void)
{
  AzkbTestRun run = azkb_test_run_azkb("--version", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_true(g_str_has_prefix(run.out, "azkb "));
  azkb_test_run_clear(&run);
}

static void
test_no_command(void)
{
  AzkbTestRun run = azkb_test_run_azkb(NULL, NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "Usage: azkb COMMAND");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_unknown_command(void)
{
  AzkbTestRun run = azkb_test_run_azkb("frobnicate", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "unknown command “frobnicate”");
  azkb_test_run_clear(&run);
}

static void
test_help_matches_option(void)
{
  AzkbTestRun a = azkb_test_run_azkb("help", "show", NULL);
  AzkbTestRun b = azkb_test_run_azkb("show", "--help", NULL);

  g_assert_cmpint(a.status, ==, 0);
  g_assert_cmpint(b.status, ==, 0);
  azkb_test_assert_contains(a.out, "azkb show");
  azkb_test_assert_contains(a.out, "ENTITY");
  g_assert_cmpstr(a.out, ==, b.out);
  azkb_test_run_clear(&a);
  azkb_test_run_clear(&b);
}

static void
test_bad_option(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", "--no-such-option", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "azkb stats: ");
  azkb_test_assert_contains(run.err, "--no-such-option");
  azkb_test_run_clear(&run);
}

static void
test_missing_file(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("stats", "--data", "/nonexistent/kb.ttl", NULL);

  g_assert_cmpint(run.status, ==, 3);
  azkb_test_assert_contains(run.err, "/nonexistent/kb.ttl");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_malformed_file(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir    = azkb_test_tmpdir_new("azkb-cli");
  g_autofree char *path   = g_build_filename(dir, "bad.ttl", NULL);
  AzkbTestRun      run;

  g_file_set_contents(path,
                      "@prefix az: <http://azkb.example/id/> .\n"
                      "az:A az:b az:C .\n"
                      "az:D az:e \"unterminated .\n",
                      -1,
                      &error);
  g_assert_no_error(error);
  run = azkb_test_run_azkb("stats", "--data", path, NULL);
  g_assert_cmpint(run.status, ==, 3);
  /* file:line: — the location of the error, then one message line */
  {
    g_autofree char *located = g_strdup_printf("%s:3", path);
    azkb_test_assert_contains(run.err, located);
  }
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
  azkb_test_tmpdir_remove(dir);
}

static void
test_bad_now(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", "--now", "2021-02-29", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "2021-02-29");
  azkb_test_run_clear(&run);
}

/* The first number after @label in @text. */
static guint64
number_after(const char *text, const char *label)
{
  const char *p = strstr(text, label);

  g_assert_nonnull(p);
  return g_ascii_strtoull(p + strlen(label), NULL, 10);
}

static void
test_stats(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpuint(number_after(run.out, "Entities: "), >, 50);
  g_assert_cmpuint(number_after(run.out, "Statements: "), >, 50);
  azkb_test_assert_contains(run.out, "Entities by class:");
  azkb_test_assert_contains(run.out, "Statements by relation:");
  azkb_test_assert_contains(run.out, "Statements by source:");
  azkb_test_run_clear(&run);
}

static void
test_show_azerbaijan(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "Azerbaijan", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "id:       Azerbaijan");
  /* The two ECOSOC terms are two statements, each with its span. */
  azkb_test_assert_contains(run.out, "2003–2005");
  azkb_test_assert_contains(run.out, "2017–2019");
  azkb_test_assert_contains(run.out, "[P7]");
  /* Sorted by time: admission (1992) comes before the 2003 ECOSOC term. */
  g_assert_true(strstr(run.out, "1992") < strstr(run.out, "2003–2005"));
  azkb_test_run_clear(&run);
}

static void
test_show_case_insensitive(void)
{
  AzkbTestRun a = azkb_test_run_azkb("show", "ecosoc", NULL);
  AzkbTestRun b = azkb_test_run_azkb("show", "ECOSOC", NULL);

  g_assert_cmpint(a.status, ==, 0);
  g_assert_cmpstr(a.out, ==, b.out);
  azkb_test_run_clear(&a);
  azkb_test_run_clear(&b);
}

static void
test_show_unknown(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "Azerbijan", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean");
  azkb_test_assert_contains(run.err, "Azerbaijan");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_show_arguments(void)
{
  AzkbTestRun none = azkb_test_run_azkb("show", NULL);
  AzkbTestRun two  = azkb_test_run_azkb("show", "Azerbaijan", "UN", NULL);

  g_assert_cmpint(none.status, ==, 2);
  azkb_test_assert_contains(none.err, "no ENTITY given");
  g_assert_cmpint(two.status, ==, 2);
  azkb_test_run_clear(&none);
  azkb_test_run_clear(&two);
}

/* Every command that `azkb help` lists has its own entry in azkb(1). */
/* The same data read in another order prints the same: show, timeline and
 * path order what they print by content, never by the order statements
 * and labels were read (a SPARQL store answers in an order of its own). */
static void
test_read_order(void)
{
  g_autofree char *dir        = azkb_test_tmpdir_new("azkb-order");
  g_autofree char *nt         = g_build_filename(dir, "kb.nt", NULL);
  g_autofree char *rev        = g_build_filename(dir, "reversed.nt", NULL);
  g_autofree char *text       = NULL;
  g_auto(GStrv) lines         = NULL;
  g_autoptr(GString) reversed = g_string_new(NULL);
  AzkbTestRun run =
    azkb_test_run_azkb("export", "--with-ontology", "-o", nt, NULL);
  static const char *const commands[][5] = {
    { "show", "Azerbaijan", NULL },
    { "show", "--sources", "P7", NULL },
    { "show", "-f", "json", "UN", NULL },
    { "timeline", "Azerbaijan", NULL },
    { "path", "--all-shortest", "Ilham Aliyev", "Non-Aligned Movement", NULL },
    { "source", "8", NULL },
  };

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_run_clear(&run);
  g_assert_true(g_file_get_contents(nt, &text, NULL, NULL));
  lines = g_strsplit(text, "\n", -1);
  for (guint i = g_strv_length(lines); i-- > 0;)
    if (*lines[i] != '\0')
      g_string_append_printf(reversed, "%s\n", lines[i]);
  g_assert_true(g_file_set_contents(rev, reversed->str, -1, NULL));
  for (gsize c = 0; c < G_N_ELEMENTS(commands); c++) {
    const char *const *cmd = commands[c]; /* NULL-terminated */
    AzkbTestRun        a, b;

    a = azkb_test_run_azkb(cmd[0], cmd[1], cmd[2], cmd[3], NULL);
    b = azkb_test_run_azkb(cmd[0], "--data", rev, cmd[1], cmd[2], cmd[3], NULL);
    g_assert_cmpint(a.status, ==, 0);
    g_assert_cmpint(b.status, ==, 0);
    g_assert_cmpstr(a.out, ==, b.out);
    azkb_test_run_clear(&a);
    azkb_test_run_clear(&b);
  }
  azkb_test_tmpdir_remove(dir);
}

static void
test_man_page_lists_commands(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path =
    g_build_filename(g_getenv("AZKB_BUILD_ROOT"), "doc", "azkb.1", NULL);
  g_autofree char *man = NULL;
  AzkbTestRun      run = azkb_test_run_azkb("help", NULL);
  g_auto(GStrv) lines  = g_strsplit(run.out, "\n", -1);
  guint seen           = 0;

  g_file_get_contents(path, &man, NULL, &error);
  g_assert_no_error(error);
  for (char **l = lines; *l != NULL; l++) {
    g_auto(GStrv) words = NULL;
    g_autofree char *b  = NULL;
    g_autofree char *bi = NULL;

    if (!g_str_has_prefix(*l, "  "))
      continue;
    words = g_strsplit(g_strstrip(*l), " ", 2);
    b     = g_strdup_printf("\n.SS azkb %s ", words[0]);
    bi    = g_strdup_printf("\n.SS azkb %s\n", words[0]);
    if (strstr(man, b) == NULL && strstr(man, bi) == NULL)
      g_error("azkb(1) has no entry for the command “%s”", words[0]);
    seen++;
  }
  g_assert_cmpuint(seen, >=, 2);
  azkb_test_run_clear(&run);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/version", test_version);
  g_test_add_func("/cli/usage/no-command", test_no_command);
  g_test_add_func("/cli/usage/unknown-command", test_unknown_command);
  g_test_add_func("/cli/usage/help-matches-option", test_help_matches_option);
  g_test_add_func("/cli/usage/bad-option", test_bad_option);
  g_test_add_func("/cli/data/missing-file", test_missing_file);
  g_test_add_func("/cli/data/malformed-file", test_malformed_file);
  g_test_add_func("/cli/data/bad-now", test_bad_now);
  g_test_add_func("/cli/stats", test_stats);
  g_test_add_func("/cli/show/azerbaijan", test_show_azerbaijan);
  g_test_add_func("/cli/show/case-insensitive", test_show_case_insensitive);
  g_test_add_func("/cli/show/unknown", test_show_unknown);
  g_test_add_func("/cli/show/arguments", test_show_arguments);
  g_test_add_func("/cli/show/read-order", test_read_order);
  g_test_add_func("/cli/man-page/lists-commands", test_man_page_lists_commands);
  return g_test_run();
}
