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

    printf("%s\n", azkb_cli_safe(line));
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
          "%u entit%s, %u statement%s checked against %u classes and %u "
          "relations: ",
          entities,
          entities == 1 ? "y" : "ies",
          statements,
          statements == 1 ? "" : "s",
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
  guint classes;
  int   status;

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
  /* Data loaded without its ontology fails every check; say why once. */
  azkb_check_report_counts(report, NULL, NULL, &classes, NULL);
  if (classes == 0 && azkb_check_report_n_problems(report) > 0)
    fprintf(stderr,
            "azkb check: the loaded files declare no class; load the "
            "ontology too (--data ontology/azkb.ttl)\n");
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
