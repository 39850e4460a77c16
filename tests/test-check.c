/* azkb check: each kind of problem is found, with its message and the
 * location it was read from; clean data passes; the bundled knowledge base
 * passes; the command exits 1 on problems and 0 when clean.
 *
 * The broken inputs in tests/data/check/ are small knowledge bases checked
 * against the real ontology (ontology/azkb.ttl), one defect each. */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <string.h>

typedef struct {
  const char   *file;
  AzkbCheckKind kind;
  const char   *message;
  guint         first_line; /* the defect spans these lines of the file */
  guint         last_line;  /* 0: the problem has no location */
} Case;

static const Case cases[] = {
  { "no-label.ttl",
    AZKB_CHECK_NO_LABEL,
    "entity “Nameless” has no label (rdfs:label)",
    14,
    14 },
  { "no-class.ttl",
    AZKB_CHECK_NO_CLASS,
    "entity “Classless” has no class (rdf:type)",
    14,
    14 },
  { "unknown-class.ttl",
    AZKB_CHECK_UNKNOWN_CLASS,
    "entity “Gizmo” has class “Gadget”, which the ontology does not define",
    14,
    14 },
  { "unknown-relation.ttl",
    AZKB_CHECK_UNKNOWN_RELATION,
    "“Land” befriended “Board”: relation “befriended” is not defined by the "
    "ontology",
    14,
    16 },
  { "unknown-qualifier.ttl",
    AZKB_CHECK_UNKNOWN_RELATION,
    "“Land” electedTo “Board”: qualifier “mood” is not defined by the "
    "ontology",
    14,
    17 },
  { "domain.ttl",
    AZKB_CHECK_DOMAIN,
    "“Land” holdsOffice “Chair”: the subject is of class Country, not Person "
    "(the domain of holdsOffice)",
    15,
    17 },
  { "range.ttl",
    AZKB_CHECK_RANGE,
    "“Land” electedTo “Someone”: the object is of class Person, not "
    "Organisation (the range of electedTo)",
    15,
    17 },
  { "literal-range.ttl",
    AZKB_CHECK_RANGE,
    "“Res” numberOfCoSponsors “many”: the value is not of the range "
    "xsd:integer",
    15,
    17 },
  { "no-source.ttl",
    AZKB_CHECK_NO_SOURCE,
    "“Land” electedTo “Board”: the statement has no source "
    "(prov:wasDerivedFrom)",
    14,
    16 },
  { "no-source-attribute.ttl",
    AZKB_CHECK_NO_SOURCE,
    "“Res” numberOfCoSponsors “12”: the value has no source (state it with a "
    "statement node and prov:wasDerivedFrom)",
    14,
    14 },
  { "dangling.ttl",
    AZKB_CHECK_DANGLING,
    "dangling reference to “Bord”: it has no class and no label",
    14,
    16 },
  { "dangling-source.ttl",
    AZKB_CHECK_DANGLING,
    "dangling reference to “P99”: it has no class and no label",
    14,
    16 },
};

static char *source_path(const char *first, ...) G_GNUC_NULL_TERMINATED;

/* A path under the source root ($AZKB_SOURCE_ROOT, set by meson). */
static char *
source_path(const char *first, ...)
{
  const char *root = g_getenv("AZKB_SOURCE_ROOT");
  GPtrArray  *parts;
  va_list     args;
  char       *path;

  g_assert_nonnull(root);
  parts = g_ptr_array_new();
  g_ptr_array_add(parts, (gpointer)root);
  va_start(args, first);
  for (const char *p = first; p != NULL; p = va_arg(args, const char *))
    g_ptr_array_add(parts, (gpointer)p);
  va_end(args);
  g_ptr_array_add(parts, NULL);
  path = g_build_filenamev((char **)parts->pdata);
  g_ptr_array_unref(parts);
  return path;
}

/* The ontology plus one file of tests/data/check/, loaded as the CLI's
 * --data options would. */
static AzkbStore *
load_case(const char *file)
{
  g_autofree char *onto   = source_path("ontology", "azkb.ttl", NULL);
  g_autofree char *data   = source_path("tests", "data", "check", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AzkbStore) store = azkb_store_new();

  azkb_rdf_import_file(store, onto, NULL, NULL, &error);
  g_assert_no_error(error);
  azkb_rdf_import_file(store, data, NULL, NULL, &error);
  g_assert_no_error(error);
  return g_steal_pointer(&store);
}

static char *
all_problems(const AzkbCheckReport *report)
{
  GString *out = g_string_new(NULL);

  for (guint i = 0; i < azkb_check_report_n_problems(report); i++) {
    g_autofree char *line =
      azkb_check_problem_to_string(azkb_check_report_problem(report, i));

    g_string_append_printf(out, "  %s\n", line);
  }
  return g_string_free(out, FALSE);
}

static void
test_case(gconstpointer data)
{
  const Case *c                     = data;
  g_autoptr(AzkbStore) store        = load_case(c->file);
  g_autoptr(AzkbCheckReport) report = azkb_check_store(store);
  g_autofree char        *got       = all_problems(report);
  const AzkbCheckProblem *p;

  /* Exactly the one defect: the rest of the file is clean. */
  if (azkb_check_report_n_problems(report) != 1)
    g_error("%s: expected one problem, got:\n%s", c->file, got);
  p = azkb_check_report_problem(report, 0);
  g_assert_cmpstr(
    azkb_check_kind_to_string(p->kind), ==, azkb_check_kind_to_string(c->kind));
  g_assert_cmpstr(p->message, ==, c->message);
  g_assert_nonnull(p->file);
  g_assert_true(g_str_has_suffix(p->file, c->file));
  g_assert_cmpuint(p->line, >=, c->first_line);
  g_assert_cmpuint(p->line, <=, c->last_line);
}

static void
test_clean(void)
{
  g_autoptr(AzkbStore) store        = load_case("clean.ttl");
  g_autoptr(AzkbCheckReport) report = azkb_check_store(store);
  g_autofree char *got              = all_problems(report);
  guint            entities, statements, classes, relations;

  if (azkb_check_report_n_problems(report) != 0)
    g_error("clean.ttl: expected no problem, got:\n%s", got);
  azkb_check_report_counts(
    report, &entities, &statements, &classes, &relations);
  g_assert_cmpuint(entities, ==, 3);
  g_assert_cmpuint(statements, ==, 1);
  g_assert_cmpuint(classes, >=, 40);
  g_assert_cmpuint(relations, >=, 40);
}

static void
test_bundled(void)
{
  g_autoptr(AzkbStore) store        = azkb_store_new();
  g_autoptr(GError) error           = NULL;
  g_autoptr(AzkbCheckReport) report = NULL;
  g_autofree char *got              = NULL;
  guint            entities, statements;

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  g_assert_no_error(error);
  report = azkb_check_store(store);
  got    = all_problems(report);
  if (azkb_check_report_n_problems(report) != 0)
    g_error("the bundled knowledge base has problems:\n%s", got);
  azkb_check_report_counts(report, &entities, &statements, NULL, NULL);
  g_assert_cmpuint(entities, >=, 150);
  g_assert_cmpuint(statements, >=, 300);
}

/* Without the importer: subclass-aware domains on a store built by hand.
 * A Country is an Actor, so a relation whose domain is Actor accepts it,
 * while one whose domain is Person does not. */
static void
test_subclass_aware(void)
{
  g_autoptr(AzkbStore) store        = azkb_store_new();
  g_autoptr(AzkbCheckReport) report = NULL;
  AzkbTermId              thing     = azkb_store_intern(store, "Thing");
  AzkbTermId              actor     = azkb_store_intern(store, "Actor");
  AzkbTermId              country   = azkb_store_intern(store, "Country");
  AzkbTermId              person    = azkb_store_intern(store, "Person");
  AzkbTermId              org       = azkb_store_intern(store, "Organisation");
  AzkbTermId              member    = azkb_store_intern(store, "memberOf");
  AzkbTermId              office    = azkb_store_intern(store, "holdsOffice");
  AzkbTermId              land      = azkb_store_add_entity(store, "Land");
  AzkbTermId              club      = azkb_store_add_entity(store, "Club");
  AzkbTermId              p1        = azkb_store_add_entity(store, "P1");
  AzkbTermId              para = azkb_store_intern(store, "SourceParagraph");
  AzkbStmtId              s1, s2;
  const AzkbCheckProblem *p;

  azkb_store_add_subclass(store, actor, thing);
  azkb_store_add_subclass(store, country, actor);
  azkb_store_add_subclass(store, person, actor);
  azkb_store_add_subclass(store, org, actor);
  azkb_store_add_subclass(store, para, thing);
  azkb_store_set_signature(store, member, actor, org);
  azkb_store_set_signature(store, office, person, org);
  azkb_store_add_class(store, land, country);
  azkb_store_add_label(store, land, "Land", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_class(store, club, org);
  azkb_store_add_label(store, club, "Club", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_class(store, p1, para);
  azkb_store_add_label(store, p1, "[P1]", "en", AZKB_LABEL_PREFERRED);
  s1 = azkb_store_add_statement(store, land, member, club, NULL);
  s2 = azkb_store_add_statement(store, land, office, club, NULL);
  azkb_store_add_source(store, s1, p1);
  azkb_store_add_source(store, s2, p1);

  report = azkb_check_store(store);
  g_assert_cmpuint(azkb_check_report_n_problems(report), ==, 1);
  p = azkb_check_report_problem(report, 0);
  g_assert_cmpint(p->kind, ==, AZKB_CHECK_DOMAIN);
  g_assert_cmpuint(p->stmt, ==, s2);
  /* Nothing recorded a location: the message stands alone. */
  g_assert_null(p->file);
  g_assert_cmpstr(p->message,
                  ==,
                  "“Land” holdsOffice “Club”: the subject is of class "
                  "Country, not Person (the domain of holdsOffice)");
}

/* Invalid time never reaches the check from RDF: the importer refuses the
 * file with one located message, and the store stays empty. */
typedef struct {
  const char *file;
  const char *message; /* after "path:" */
} LoadError;

static const LoadError load_errors[] = {
  { "bad-time.ttl", "15: the statement starts after it ends" },
  { "bad-date.ttl", "15: xsd:date literal: invalid date \"2021-02-29\"" },
};

static void
test_load_error(gconstpointer data)
{
  const LoadError *c    = data;
  g_autofree char *path = source_path("tests", "data", "check", c->file, NULL);
  g_autofree char *want = g_strdup_printf("%s:%s", path, c->message);
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;

  g_assert_false(azkb_rdf_import_file(store, path, NULL, NULL, &error));
  g_assert_nonnull(error);
  if (!g_str_has_prefix(error->message, want))
    g_error("expected “%s…”, got “%s”", want, error->message);
  g_assert_cmpuint(azkb_store_n_statements(store), ==, 0);
}

/* The same defects in a store built without the importer: the check finds
 * an interval that ends before it starts. */
static void
test_bad_time_store(void)
{
  g_autoptr(AzkbStore) store        = azkb_store_new();
  g_autoptr(AzkbCheckReport) report = NULL;
  AzkbTermId              thing     = azkb_store_intern(store, "Thing");
  AzkbTermId              country   = azkb_store_intern(store, "Country");
  AzkbTermId              para   = azkb_store_intern(store, "SourceParagraph");
  AzkbTermId              member = azkb_store_intern(store, "memberOf");
  AzkbTermId              land   = azkb_store_add_entity(store, "Land");
  AzkbTermId              club   = azkb_store_add_entity(store, "Club");
  AzkbTermId              p1     = azkb_store_add_entity(store, "P1");
  AzkbInterval            time   = { 0 };
  AzkbStmtId              s;
  const AzkbCheckProblem *p;

  azkb_store_add_subclass(store, country, thing);
  azkb_store_add_subclass(store, para, thing);
  azkb_store_set_signature(store, member, thing, thing);
  azkb_store_add_class(store, land, country);
  azkb_store_add_label(store, land, "Land", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_class(store, club, country);
  azkb_store_add_label(store, club, "Club", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_class(store, p1, para);
  azkb_store_add_label(store, p1, "[P1]", "en", AZKB_LABEL_PREFERRED);
  g_assert_true(azkb_date_parse("2019", &time.start, NULL));
  g_assert_true(azkb_date_parse("2017", &time.end, NULL));
  time.start_bound = AZKB_BOUND_DATE;
  time.end_bound   = AZKB_BOUND_DATE;
  s                = azkb_store_add_statement(store, land, member, club, &time);
  azkb_store_add_source(store, s, p1);
  azkb_store_set_location(store, 0, s, "made-up.ttl", 7);

  report = azkb_check_store(store);
  g_assert_cmpuint(azkb_check_report_n_problems(report), ==, 1);
  p = azkb_check_report_problem(report, 0);
  g_assert_cmpint(p->kind, ==, AZKB_CHECK_BAD_TIME);
  g_assert_cmpstr(p->message,
                  ==,
                  "“Land” memberOf “Club”: the start 2019 is after the end "
                  "2017");
  g_autofree char *line = azkb_check_problem_to_string(p);
  g_assert_cmpstr(line,
                  ==,
                  "made-up.ttl:7: “Land” memberOf “Club”: the start 2019 is "
                  "after the end 2017");
}

static void
test_free_null(void)
{
  azkb_check_report_free(NULL);
}

static AzkbTestRun
run_check(const char *data_file)
{
  g_autofree char *onto = source_path("ontology", "azkb.ttl", NULL);
  g_autofree char *data =
    data_file ? source_path("tests", "data", "check", data_file, NULL) : NULL;
  const char *azkb        = g_getenv("AZKB");
  const char *with_data[] = { azkb,     "check", "--data", onto,
                              "--data", data,    NULL };
  const char *bundled[]   = { azkb, "check", NULL };

  g_assert_nonnull(azkb);
  return azkb_test_run_argv(data_file ? with_data : bundled);
}

static void
test_cli_problems(void)
{
  AzkbTestRun run     = run_check("range.ttl");
  g_auto(GStrv) lines = g_strsplit(run.out, "\n", -1);

  g_assert_cmpint(run.status, ==, 1);
  /* One line per problem on stdout, located; the summary on stderr. */
  g_assert_cmpuint(g_strv_length(lines), ==, 2);
  g_assert_cmpstr(lines[1], ==, "");
  g_assert_nonnull(strstr(lines[0], "range.ttl:"));
  g_assert_true(g_str_has_suffix(
    lines[0],
    ": “Land” electedTo “Someone”: the object is of class Person, not "
    "Organisation (the range of electedTo)"));
  g_assert_nonnull(strstr(run.err, "1 problem"));
  g_free(run.out);
  g_free(run.err);
}

static void
test_cli_clean(void)
{
  AzkbTestRun run = run_check("clean.ttl");

  g_assert_cmpint(run.status, ==, 0);
  g_assert_nonnull(strstr(run.out, "no problems"));
  g_assert_cmpstr(run.err, ==, "");
  g_free(run.out);
  g_free(run.err);
}

static void
test_cli_bundled(void)
{
  AzkbTestRun run = run_check(NULL);

  if (run.status != 0)
    g_error("azkb check on the bundled data: status %d\n%s%s",
            run.status,
            run.out,
            run.err);
  g_assert_nonnull(strstr(run.out, "no problems"));
  g_free(run.out);
  g_free(run.err);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *path = g_strdup_printf(
      "/check/%s/%s", azkb_check_kind_to_string(cases[i].kind), cases[i].file);

    g_test_add_data_func(path, &cases[i], test_case);
  }
  for (gsize i = 0; i < G_N_ELEMENTS(load_errors); i++) {
    g_autofree char *path =
      g_strdup_printf("/check/load-error/%s", load_errors[i].file);

    g_test_add_data_func(path, &load_errors[i], test_load_error);
  }
  g_test_add_func("/check/bad-time-store", test_bad_time_store);
  g_test_add_func("/check/clean", test_clean);
  g_test_add_func("/check/bundled", test_bundled);
  g_test_add_func("/check/subclass-aware", test_subclass_aware);
  g_test_add_func("/check/free-null", test_free_null);
  g_test_add_func("/check/cli/problems", test_cli_problems);
  g_test_add_func("/check/cli/clean", test_cli_clean);
  g_test_add_func("/check/cli/bundled", test_cli_bundled);
  return g_test_run();
}
