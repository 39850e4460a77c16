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

static const char *
kind_name(AzkbCheckKind kind)
{
  switch (kind) {
    case AZKB_CHECK_NO_LABEL:
      return "no-label";
    case AZKB_CHECK_NO_CLASS:
      return "no-class";
    case AZKB_CHECK_UNKNOWN_CLASS:
      return "unknown-class";
    case AZKB_CHECK_UNKNOWN_RELATION:
      return "unknown-relation";
    case AZKB_CHECK_DOMAIN:
      return "domain";
    case AZKB_CHECK_RANGE:
      return "range";
    case AZKB_CHECK_BAD_TIME:
      return "bad-time";
    case AZKB_CHECK_NO_SOURCE:
      return "no-source";
    case AZKB_CHECK_DANGLING:
      return "dangling";
    case AZKB_CHECK_LABEL_CONFLICT:
      return "label-conflict";
    case AZKB_CHECK_CYCLE:
      return "cycle";
    default:
      return "other";
  }
}

static void
json_problem(JsonBuilder *b, const AzkbCheckProblem *p)
{
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "file");
  if (p->file != NULL)
    json_builder_add_string_value(b, p->file);
  else
    json_builder_add_null_value(b);
  json_builder_set_member_name(b, "line");
  if (p->line > 0)
    json_builder_add_int_value(b, p->line);
  else
    json_builder_add_null_value(b);
  json_builder_set_member_name(b, "kind");
  json_builder_add_string_value(b, kind_name(p->kind));
  json_builder_set_member_name(b, "message");
  json_builder_add_string_value(b, p->message);
  json_builder_end_object(b);
}

/* The counts as members, then one row per problem. */
static void
print_json(const AzkbCheckReport *report)
{
  static const char *const columns[] = {
    "file", "line", "kind", "message", NULL
  };
  g_autoptr(JsonBuilder) b = json_builder_new();
  guint entities, statements, classes, relations;
  guint n = azkb_check_report_n_problems(report);

  azkb_check_report_counts(
    report, &entities, &statements, &classes, &relations);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "entities");
  json_builder_add_int_value(b, entities);
  json_builder_set_member_name(b, "statements");
  json_builder_add_int_value(b, statements);
  json_builder_set_member_name(b, "classes");
  json_builder_add_int_value(b, classes);
  json_builder_set_member_name(b, "relations");
  json_builder_add_int_value(b, relations);
  json_builder_set_member_name(b, "problems");
  json_builder_add_int_value(b, n);
  azkb_cli_json_columns(b, columns);
  for (guint i = 0; i < n; i++)
    json_problem(b, azkb_check_report_problem(report, i));
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
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
  g_autofree char *format           = NULL;
  gboolean         json             = FALSE;
  guint            classes;
  int              status;

  azkb_cli_add_format_option(context, &format);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc > 1) {
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
    goto out;
  }
  if (!azkb_cli_text_or_json(context, format, &json, &status))
    goto out;
  store = azkb_cli_load(&data, &error);
  if (store == NULL) {
    status = azkb_cli_fail(error);
    goto out;
  }
  report = azkb_check_store(store);
  if (json)
    print_json(report);
  else
    print_problems(report);
  /* Data loaded without its ontology fails every check; say why once. */
  azkb_check_report_counts(report, NULL, NULL, &classes, NULL);
  if (classes == 0 && azkb_check_report_n_problems(report) > 0)
    fprintf(stderr,
            "azkb check: the loaded files declare no class; load the "
            "ontology too (--data ontology/azkb.ttl)\n");
  /* The summary goes to stderr when there are problems, so stdout holds
   * exactly one line per problem for tools. */
  if (!json)
    print_summary(report,
                  azkb_check_report_n_problems(report) > 0 ? stderr : stdout);
  status = azkb_check_report_n_problems(report) > 0 ? AZKB_EXIT_NO_MATCH
                                                    : AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
