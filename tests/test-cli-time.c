/* Tests of time through the azkb binary: the time column of `query` in
 * each format, `--where` and `--sources`, literal answers, errors with
 * their caret, `query --when` and `path --when`, `export --at` and `diff`.
 * The library's side is tested in test-query-time.c and test-when.c. */
#include "azkb-test.h"

#include <string.h>

/* ---- query: time variables, constraints, literals ---- */

static void
test_cli_time_column_formats(void)
{
  AzkbTestRun run = azkb_test_run_azkb(
    "query", "-f", "csv", "Azerbaijan -memberOf@?t-> UNSC", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, "t\n2012/2013\n");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("query", "Azerbaijan -memberOf@?t-> UNSC", NULL);
  azkb_test_assert_contains(run.out, "2012–2013");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb(
    "query", "-f", "json", "Azerbaijan -memberOf@?t-> UN", NULL);
  azkb_test_assert_contains(run.out, "\"start\" : \"1992-03-02\"");
  azkb_test_assert_contains(run.out, "\"end\" : null");
  azkb_test_assert_contains(run.out, "\"precision\" : \"day\"");
  azkb_test_assert_contains(run.out, "\"openEnd\" : true");
  azkb_test_assert_contains(run.out, "\"edtf\" : \"1992-03-02/..\"");
  azkb_test_run_clear(&run);
}

static void
test_cli_where_and_sources(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("query",
                       "-f",
                       "tsv",
                       "--sources",
                       "--where",
                       "?h during ?m",
                       "Azerbaijan -memberOf@?m-> UNSC <-heldBy@?h- ?meeting",
                       "--ids",
                       NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "?m\t?h\t?meeting\t?sources\n");
  azkb_test_assert_contains(
    run.out, "2012/2013\t2012-05-04\tSCHighLevelMeeting2012\tP10\n");
  azkb_test_run_clear(&run);
}

static void
test_cli_literal_answer(void)
{
  AzkbTestRun run = azkb_test_run_azkb(
    "query", "Azerbaijan -independenceRegainedOn-> ?date", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "18 October 1991");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb(
    "query", "-f", "csv", "Azerbaijan -independenceRegainedOn-> ?date", NULL);
  g_assert_cmpstr(run.out, ==, "date\n1991-10-18\n");
  azkb_test_run_clear(&run);
}

static void
test_cli_errors_exit_2_with_a_caret(void)
{
  AzkbTestRun run = azkb_test_run_azkb("query",
                                       "--where",
                                       "?t durng 2012",
                                       "Azerbaijan -memberOf@?t-> UNSC",
                                       NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err,
                            "column 4: unknown temporal relation “durng”");
  azkb_test_assert_contains(run.err, "  ?t durng 2012\n     ^\n");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("query", "Azerbaijan -memberOf+@?t-> UNSC", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "column 23: a time variable");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("query",
                           "--where",
                           "?u after 2000",
                           "Azerbaijan -memberOf@?t-> UNSC",
                           NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "?u is not a time variable");
  azkb_test_run_clear(&run);
}

/* ---- query --when, path --when ---- */

static void
test_cli_when_table_tsv_and_json(void)
{
  AzkbTestRun run = azkb_test_run_azkb("query",
                                       "--now",
                                       "2026-12-01",
                                       "--when",
                                       "-f",
                                       "tsv",
                                       "Azerbaijan -memberOf-> ?body",
                                       NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "?body\t?when\n"
                  "UN Security Council\t2012/2013\n"
                  "United Nations\t1992-03-02/..\n");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb(
    "query", "--when", "-f", "json", "Azerbaijan -electedTo-> ECOSOC", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\"edtf\" : \"2003/2005\"");
  azkb_test_assert_contains(run.out, "\"edtf\" : \"2017/2019\"");
  azkb_test_assert_contains(run.out, "\"firstDay\" : \"2017-01-01\"");
  azkb_test_run_clear(&run);

  /* Two hops at the same time: the meetings held while Azerbaijan sat on
   * the body that held them. */
  run = azkb_test_run_azkb(
    "query", "--when", "?m:Meeting -heldBy-> ? <-memberOf- Azerbaijan", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "?when");
  azkb_test_assert_contains(run.out, "4 May 2012");
  azkb_test_assert_contains(run.out, "28 October 2013");
  azkb_test_run_clear(&run);
}

static void
test_cli_when_refuses_sparql_and_locates_errors(void)
{
  AzkbTestRun run = azkb_test_run_azkb(
    "query", "--when", "--sparql", "Azerbaijan -memberOf-> ?b", NULL);

  g_assert_cmpint(run.status, ==, 2);
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_assert_contains(run.err, "--when: the days a whole row held");
  azkb_test_assert_contains(run.err, "have no SPARQL 1.1 form");
  azkb_test_run_clear(&run);

  run =
    azkb_test_run_azkb("query", "--when", "Azerbaijan -electdTo-> ?b", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "column 13: no relation “electdTo”");
  azkb_test_run_clear(&run);

  /* Held in no one snapshot: no row, exit status 1. */
  run = azkb_test_run_azkb("query",
                           "--when",
                           "Azerbaijan -memberOf@2012-> ? <-heldBy- "
                           "?m:Meeting -heldBy@2015-> ?",
                           NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
}

/* Real questions on the bundled knowledge base, answers checked by hand
 * against the source: [P7] lists the terms, [P10] the Security Council
 * seat of 2012–2013 and its meetings, [P5] the independence date. */
static void
test_cli_when_with_terms_sources_and_literals(void)
{
  /* Which bodies was Azerbaijan elected to for a term that touched
   * 2015–2020, with each term and when the whole row held: each term its
   * own row (two for the World Tourism Organisation's board), [P7]. */
  AzkbTestRun run = azkb_test_run_azkb("query",
                                       "--now",
                                       "2026-12-01",
                                       "--when",
                                       "--sources",
                                       "-f",
                                       "csv",
                                       "Azerbaijan -electedTo@?term-> ?body",
                                       "--where",
                                       "?term intersects 2015..2020",
                                       NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "term,body,when,sources\n");
  azkb_test_assert_contains(run.out,
                            "2013/2017,Executive Board of the World Tourism "
                            "Organisation,2013/2017,P7\n");
  azkb_test_assert_contains(run.out,
                            "2018/2021,Executive Board of the World Tourism "
                            "Organisation,2018/2021,P7\n");
  azkb_test_assert_contains(
    run.out, "2017/2019,Economic and Social Council,2017/2019,P7\n");
  /* 17 terms: the Security Council's 2012–2013 and CESCR's 2021–2024 lie
   * outside */
  g_assert_cmpuint(azkb_test_count_lines(run.out), ==, 18);
  g_assert_null(strstr(run.out, "Security Council"));
  azkb_test_run_clear(&run);

  /* The meetings held while Azerbaijan sat on the Council, with the term:
   * the row held on the meeting's day only, [P10]. */
  run = azkb_test_run_azkb("query",
                           "--when",
                           "--sources",
                           "-f",
                           "tsv",
                           "?m:Meeting -heldBy-> UNSC <-memberOf@?term- "
                           "Azerbaijan",
                           NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "?m\t?term\t?when\t?sources\n"
                  "Arria-formula meeting of 30 May 2012 on the peaceful "
                  "settlement of disputes\t2012/2013\t2012-05-30\tP10\n"
                  "Security Council high-level meeting of 28 October 2013 "
                  "on UN–OIC partnership\t2012/2013\t2013-10-28\tP10\n"
                  "Security Council high-level meeting of 4 May 2012 on "
                  "counter-terrorism\t2012/2013\t2012-05-04\tP10\n");
  azkb_test_run_clear(&run);

  /* A literal answer holds while its statement does: the independence
   * date is stated for that day, [P5]. */
  run = azkb_test_run_azkb("query",
                           "--when",
                           "-f",
                           "json",
                           "Azerbaijan -independenceRegainedOn-> ?date",
                           NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out,
                            "\"columns\" : [\n    \"date\",\n    \"when\"\n");
  azkb_test_assert_contains(run.out, "\"firstDay\" : \"1991-10-18\"");
  azkb_test_assert_contains(run.out, "\"lastDay\" : \"1991-10-18\"");
  azkb_test_run_clear(&run);

  /* Qualifiers belong to their statement: each chairmanship its year. */
  run = azkb_test_run_azkb(
    "query", "--when", "Azerbaijan -presided@?day[ordinal=?n]-> ?body", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out,
                            "?day        ?n  ?body                ?when\n");
  azkb_test_assert_contains(run.out,
                            "from 2012   1   UN Security Council  2012\n");
  azkb_test_assert_contains(run.out,
                            "until 2013  2   UN Security Council  2013\n");
  azkb_test_run_clear(&run);

  /* --count counts those rows; --sparql still has no form for them */
  run = azkb_test_run_azkb(
    "query", "--when", "--count", "Azerbaijan -electedTo@?term-> ECOSOC", NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, "2\n");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("query",
                           "--when",
                           "--sparql",
                           "--sources",
                           "Azerbaijan -electedTo@?term-> ?body",
                           "--where",
                           "?term during 2015..2020",
                           NULL);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_assert_contains(run.err, "have no SPARQL 1.1 form");
  azkb_test_run_clear(&run);
}

static void
test_cli_path_when(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("path", "--when", "Heydar Aliyev", "UNESCO", NULL);

  g_assert_cmpint(run.status, ==, 0);
  /* Two hops of September 1994 and two undated ones. */
  azkb_test_assert_contains(run.out, "\n  every hop at once: September 1994\n");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb(
    "path", "--when", "--strict-time", "Heydar Aliyev", "UNESCO", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\n  every hop at once: never\n");
  azkb_test_run_clear(&run);
}

/* ---- export --at, diff ---- */

/* Lines of DOT without the tooltips (which list sources in an order that
 * depends on term ids, not on what was exported). */
static char *
without_tooltips(const char *dot)
{
  g_auto(GStrv) lines = g_strsplit(dot, "\n", -1);
  GString *out        = g_string_new(NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr(lines[i], "tooltip") == NULL)
      g_string_append_printf(out, "%s\n", lines[i]);
  return g_string_free(out, FALSE);
}

static void
test_cli_export_at_agrees_with_dot_at(void)
{
  const char *dates[]  = { "1993", "2012", "2012-05-04", "2003..2005", "2019" };
  g_autofree char *dir = azkb_test_tmpdir_new("azkb-when");
  g_autofree char *nt  = g_build_filename(dir, "at.nt", NULL);

  for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
    AzkbTestRun      exp, full, again;
    g_autofree char *a = NULL, *b = NULL;

    exp = azkb_test_run_azkb(
      "export", "--with-ontology", "--at", dates[i], "-o", nt, NULL);
    g_assert_cmpint(exp.status, ==, 0);
    full  = azkb_test_run_azkb("dot", "--at", dates[i], NULL);
    again = azkb_test_run_azkb("dot", "--data", nt, "--at", dates[i], NULL);
    g_assert_cmpint(full.status, ==, 0);
    g_assert_cmpint(again.status, ==, 0);
    a = without_tooltips(full.out);
    b = without_tooltips(again.out);
    g_assert_cmpstr(a, ==, b);
    azkb_test_run_clear(&exp);
    azkb_test_run_clear(&full);
    azkb_test_run_clear(&again);
  }
  azkb_test_tmpdir_remove(dir);
}

static void
test_cli_export_at_keeps_what_held_then(void)
{
  AzkbTestRun at =
    azkb_test_run_azkb("export", "-f", "ntriples", "--at", "2012", NULL);
  AzkbTestRun full = azkb_test_run_azkb("export", "-f", "ntriples", NULL);
  AzkbTestRun bad  = azkb_test_run_azkb("export", "--at", "2012x", NULL);

  g_assert_cmpint(at.status, ==, 0);
  g_assert_cmpint(full.status, ==, 0);
  /* The ECOSOC term of 2017–2019 began later; the Security Council seat of
   * 2012–2013 held; partOf is undated and always holds. */
  azkb_test_assert_contains(full.out, "\"2017\"^^");
  g_assert_null(strstr(at.out, "\"2017\"^^"));
  azkb_test_assert_contains(at.out, "\"2013\"^^");
  azkb_test_assert_contains(at.out, "/ontology#partOf>");
  g_assert_cmpuint(strlen(at.out), <, strlen(full.out));
  g_assert_cmpint(bad.status, ==, 2);
  azkb_test_assert_contains(bad.err, "--at: invalid time \"2012x\"");
  azkb_test_run_clear(&at);
  azkb_test_run_clear(&full);
  azkb_test_run_clear(&bad);
}

static void
test_cli_diff_lists_changes_with_sources(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("diff", "--now", "2026-12-01", "2012", "2019", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Ended (5):");
  azkb_test_assert_contains(
    run.out,
    "2012–2013                      Azerbaijan -memberOf-> UN "
    "Security Council  [P10]");
  azkb_test_assert_contains(run.out, "Held throughout (5):");
  azkb_test_assert_contains(run.out, "since 2 March 1992");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb("diff",
                           "--now",
                           "2026-12-01",
                           "2012",
                           "2019",
                           "--around",
                           "ECOSOC",
                           "-f",
                           "tsv",
                           NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "change\ttime\tsubject\trelation\tobject\tsources\n"
                  "began\t2017/2019\tAzerbaijan\telectedTo\tEconomic and "
                  "Social Council\tP7\n");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb(
    "diff", "2013", "2013", "--around", "Azerbaijan", "-f", "json", NULL);
  g_assert_cmpint(run.status, ==, 0);
  /* the shape of every command's JSON: members, columns, rows */
  azkb_test_assert_contains(run.out, "\"columns\" : [\n    \"change\",");
  azkb_test_assert_contains(run.out, "\"rows\" : [\n    {\n");
  azkb_test_assert_contains(run.out, "\"change\" : \"began-and-ended\"");
  azkb_test_assert_contains(run.out, "\"sources\" : [\n        \"P13\"\n");
  azkb_test_run_clear(&run);
}

static void
test_cli_diff_errors(void)
{
  AzkbTestRun run = azkb_test_run_azkb("diff", "2019", "2012", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "2019 begins after 2012");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "2012", "20x9", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "DATE2: invalid date \"20x9\"");
  azkb_test_run_clear(&run);
  run =
    azkb_test_run_azkb("diff", "2012", "2019", "--around", "Azerbijan", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean “Azerbaijan”?");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "2012", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "1900", "1901", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
  /* no change is status 1 in every format, the shape still printed */
  run = azkb_test_run_azkb("diff", "1900", "1901", "-f", "json", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.out, "\"rows\" : [");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "1900", "1901", "-f", "tsv", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.out, "change\ttime\t");
  azkb_test_run_clear(&run);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/query-time/cli/time-column-formats",
                  test_cli_time_column_formats);
  g_test_add_func("/query-time/cli/where-and-sources",
                  test_cli_where_and_sources);
  g_test_add_func("/query-time/cli/literal-answer", test_cli_literal_answer);
  g_test_add_func("/query-time/cli/errors-exit-2-with-a-caret",
                  test_cli_errors_exit_2_with_a_caret);
  g_test_add_func("/when/cli/table-tsv-json", test_cli_when_table_tsv_and_json);
  g_test_add_func("/when/cli/sparql-refused-errors-located",
                  test_cli_when_refuses_sparql_and_locates_errors);
  g_test_add_func("/when/cli/terms-sources-and-literals",
                  test_cli_when_with_terms_sources_and_literals);
  g_test_add_func("/when/cli/path", test_cli_path_when);
  g_test_add_func("/export/at/agrees-with-dot-at",
                  test_cli_export_at_agrees_with_dot_at);
  g_test_add_func("/export/at/keeps-what-held-then",
                  test_cli_export_at_keeps_what_held_then);
  g_test_add_func("/diff/lists-changes-with-sources",
                  test_cli_diff_lists_changes_with_sources);
  g_test_add_func("/diff/errors", test_cli_diff_errors);
  return g_test_run();
}
