/* azkb check: validate the loaded knowledge base against its ontology and
 * print one line per problem; exit 1 when there is any. */
#include "cli.h"

#include <stdio.h>

static void
print_problems(const AzkbCheckReport *report)
{
  guint n = azkb_check_report_n_problems(report);

  for (guint i = 0; i < n; i++) {
    g_autofree char *line =
      azkb_check_problem_to_string(azkb_check_report_problem(report, i));

    printf("%s\n", line);
  }
}

static void
print_summary(const AzkbCheckReport *report, FILE *out)
{
  guint entities, statements, classes, relations;
  guint n = azkb_check_report_n_problems(report);

  azkb_check_report_counts(
    report, &entities, &statements, &classes, &relations);
  fprintf(out,
          "%u entities, %u statements checked against %u classes and %u "
          "relations: ",
          entities,
          statements,
          classes,
          relations);
  if (n == 0)
    fprintf(out, "no problems\n");
  else
    fprintf(out, "%u problem%s\n", n, n == 1 ? "" : "s");
}

int
azkb_cmd_check(int argc, char **argv, gboolean do_help)
{
  AzkbCliData data                  = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "check",
    NULL,
    "Validate the knowledge base against the ontology it holds: labels and "
    "classes of entities, domains and ranges of relations, valid time, "
    "provenance and dangling references.",
    "Prints one line per problem (file:line: message when the location is "
    "known) and a summary.\nExit status: 0 when clean, 1 on problems, 2 "
    "usage error, 3 data or I/O error.");
  g_autoptr(AzkbStore) store        = NULL;
  g_autoptr(GError) error           = NULL;
  g_autoptr(AzkbCheckReport) report = NULL;
  int status;

  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc > 1) {
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
    goto out;
  }
  store = azkb_cli_load(&data, &error);
  if (store == NULL) {
    status = azkb_cli_fail(error);
    goto out;
  }
  report = azkb_check_store(store);
  print_problems(report);
  /* The summary goes to stderr when there are problems, so stdout holds
   * exactly one line per problem for tools. */
  print_summary(report,
                azkb_check_report_n_problems(report) > 0 ? stderr : stdout);
  status = azkb_check_report_n_problems(report) > 0 ? AZKB_EXIT_NO_MATCH
                                                    : AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
