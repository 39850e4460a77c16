/* azkb — helpers shared by the fuzz targets. */
#include "fuzz.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long enough for a location, a quoted excerpt and an explanation; a
 * message longer than this is no longer "one clear message". */
enum { MESSAGE_MAX = 1024 };

void
fuzz_fail(const char *file, int line, const char *condition)
{
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
  abort();
}

/* abort() rather than GLib's fatal-log breakpoint (SIGTRAP): libFuzzer
 * saves the input on an abort, and meson reports it the same way. */
static void
log_handler(const char    *domain,
            GLogLevelFlags level,
            const char    *message,
            gpointer       user_data)
{
  if (level &
      (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) {
    fprintf(stderr, "%s: %s\n", domain != NULL ? domain : "log", message);
    abort();
  }
  g_log_default_handler(domain, level, message, user_data);
}

gboolean
fuzz_lax(const char *check)
{
  const char *lax      = g_getenv("AZKB_FUZZ_LAX");
  g_auto(GStrv) checks = NULL;

  if (lax == NULL)
    return FALSE;
  checks = g_strsplit(lax, ",", -1);
  return g_strv_contains((const char *const *)checks, check);
}

void
fuzz_setup(void)
{
  static gsize done = 0;

  if (g_once_init_enter(&done)) {
    g_log_set_default_handler(log_handler, NULL);
    g_once_init_leave(&done, 1);
  }
}

char *
fuzz_text(const uint8_t *data, size_t size)
{
  char *text = g_malloc(size + 1);

  if (size > 0)
    memcpy(text, data, size);
  text[size] = '\0';
  return text;
}

void
fuzz_check_failure(gboolean ok, const GError *error, GQuark domain)
{
  const char *message;
  gsize       length;

  FUZZ_CHECK(!ok);
  FUZZ_CHECK(error != NULL);
  FUZZ_CHECK(error->domain == domain);
  message = error->message;
  FUZZ_CHECK(message != NULL);
  length = strlen(message);
  FUZZ_CHECK(length > 0);
  FUZZ_CHECK(length <= MESSAGE_MAX);
  if (fuzz_lax("messages"))
    return;
  FUZZ_CHECK(g_utf8_validate(message, (gssize)length, NULL));
  for (const char *p = message; *p != '\0'; p++)
    FUZZ_CHECK(!g_ascii_iscntrl(*p));
}

/* ---- store fingerprints ---- */

static char *
describe_term(const AzkbStore *store, AzkbTermId term)
{
  AzkbLiteral lit;
  const char *name;

  if (term == 0)
    return g_strdup("-");
  FUZZ_CHECK(term <= azkb_store_n_terms(store));
  if (azkb_store_get_literal(store, term, &lit)) {
    FUZZ_CHECK(lit.lexical != NULL);
    return g_strdup_printf("\"%s\"/%d^^%s@%s",
                           lit.lexical,
                           (int)lit.kind,
                           lit.datatype != NULL ? lit.datatype : "",
                           lit.lang != NULL ? lit.lang : "");
  }
  name = azkb_store_term_name(store, term);
  FUZZ_CHECK(name != NULL);
  return g_strdup(name);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @parts, sorted and joined by @separator.  (transfer full) */
static char *
join_sorted(GPtrArray *parts, const char *separator)
{
  g_ptr_array_sort(parts, compare_strings);
  g_ptr_array_add(parts, NULL);
  return g_strjoinv(separator, (char **)parts->pdata);
}

static void
add_location(const AzkbStore *store,
             AzkbTermId       entity,
             AzkbStmtId       stmt,
             GString         *line)
{
  const char *file = NULL;
  guint       n    = 0;

  if (azkb_store_get_location(store, entity, stmt, &file, &n)) {
    FUZZ_CHECK(file != NULL);
    g_string_append_printf(line, " at %s:%u", file, n);
  }
}

static char *
describe_time(const AzkbInterval *time)
{
  if (azkb_interval_is_undated(time))
    return g_strdup("undated");
  FUZZ_CHECK(azkb_interval_is_valid(time));
  return azkb_interval_to_string(time, AZKB_TIME_STYLE_ISO);
}

static char *
describe_statement(AzkbStore *store, AzkbStmtId id, gboolean with_locations)
{
  g_autoptr(GPtrArray) extras  = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GArray) sources    = NULL;
  g_autoptr(GArray) qualifiers = NULL;
  g_autofree char *s = NULL, *p = NULL, *o = NULL, *t = NULL, *rest = NULL;
  g_autoptr(GString) line = g_string_new("S ");
  AzkbStatement st;
  gsize         n;
  gboolean      found = FALSE;

  FUZZ_CHECK(azkb_store_get_statement(store, id, &st));
  s = describe_term(store, st.subject);
  p = describe_term(store, st.relation);
  o = describe_term(store, st.object);
  t = describe_time(&st.time);

  /* The statement is among its subject's out-edges and object's in-edges. */
  {
    const AzkbEdge *edges = azkb_store_out_edges(store, st.subject, 0, &n);

    for (gsize i = 0; i < n; i++)
      found = found || (edges[i].stmt == id && edges[i].other == st.object &&
                        edges[i].relation == st.relation);
    FUZZ_CHECK(found);
    found = FALSE;
    edges = azkb_store_in_edges(store, st.object, st.relation, &n);
    for (gsize i = 0; i < n; i++)
      found = found || (edges[i].stmt == id && edges[i].other == st.subject);
    FUZZ_CHECK(found);
  }

  sources = azkb_store_statement_sources(store, id);
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add(extras,
                    g_strconcat("src ",
                                azkb_store_term_name(
                                  store, g_array_index(sources, AzkbTermId, i)),
                                NULL));
  qualifiers = azkb_store_statement_qualifiers(store, id);
  for (guint i = 0; i < qualifiers->len; i++) {
    const AzkbQualifier *q  = &g_array_index(qualifiers, AzkbQualifier, i);
    g_autofree char     *qp = describe_term(store, q->property);
    g_autofree char     *qv = describe_term(store, q->value);

    g_ptr_array_add(extras, g_strdup_printf("q %s=%s", qp, qv));
  }
  rest = join_sorted(extras, ", ");
  g_string_append_printf(line, "%s %s %s %s [%s]", s, p, o, t, rest);
  if (with_locations)
    add_location(store, 0, id, line);
  return g_string_free(g_steal_pointer(&line), FALSE);
}

static char *
describe_entity(AzkbStore *store, AzkbTermId entity, gboolean with_locations)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GString) line    = g_string_new("E ");
  g_autofree char     *name  = describe_term(store, entity);
  g_autofree char     *rest  = NULL;
  const AzkbTermId    *classes;
  const AzkbLabel     *labels;
  const AzkbQualifier *attributes;
  gsize                n;

  classes = azkb_store_entity_classes(store, entity, &n);
  for (gsize i = 0; i < n; i++) {
    g_autofree char *cls = describe_term(store, classes[i]);

    g_ptr_array_add(parts, g_strconcat("a ", cls, NULL));
  }
  labels = azkb_store_entity_labels(store, entity, &n);
  for (gsize i = 0; i < n; i++) {
    FUZZ_CHECK(labels[i].text != NULL);
    g_ptr_array_add(parts,
                    g_strdup_printf("label%d %s@%s",
                                    (int)labels[i].kind,
                                    labels[i].text,
                                    labels[i].lang ? labels[i].lang : ""));
  }
  attributes = azkb_store_entity_attributes(store, entity, &n);
  for (gsize i = 0; i < n; i++) {
    g_autofree char *ap = describe_term(store, attributes[i].property);
    g_autofree char *av = describe_term(store, attributes[i].value);

    g_ptr_array_add(parts, g_strdup_printf("attr %s=%s", ap, av));
  }
  FUZZ_CHECK(azkb_store_display_name(store, entity) != NULL);
  {
    const char *abbreviation = azkb_store_short_name(store, entity);

    FUZZ_CHECK(abbreviation == NULL || g_utf8_validate(abbreviation, -1, NULL));
  }
  rest = join_sorted(parts, ", ");
  g_string_append_printf(line, "%s [%s]", name, rest);
  if (with_locations)
    add_location(store, entity, 0, line);
  return g_string_free(g_steal_pointer(&line), FALSE);
}

static char *
describe_ontology_term(const AzkbStore *store, AzkbTermId term)
{
  g_autofree char  *name = describe_term(store, term);
  g_autofree char  *dom = NULL, *rng = NULL;
  const AzkbTermId *supers;
  AzkbTermId        domain = 0, range = 0;
  gsize             n;
  g_autoptr(GString) line = g_string_new(NULL);

  g_string_printf(
    line, "K %s kind=%u", name, (unsigned)azkb_store_term_kind(store, term));
  supers = azkb_store_superclasses(store, term, &n);
  for (gsize i = 0; i < n; i++) {
    g_autofree char *parent = describe_term(store, supers[i]);

    g_string_append_printf(line, " sub %s", parent);
  }
  azkb_store_get_signature(store, term, &domain, &range);
  dom = describe_term(store, domain);
  rng = describe_term(store, range);
  g_string_append_printf(line, " sig %s -> %s", dom, rng);
  return g_string_free(g_steal_pointer(&line), FALSE);
}

char *
fuzz_store_fingerprint(AzkbStore *store, gboolean with_locations)
{
  g_autoptr(GPtrArray) lines  = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GArray) entities  = azkb_store_entities(store);
  g_autoptr(GArray) relations = azkb_store_relations(store);
  guint n_terms               = azkb_store_n_terms(store);
  guint n_statements          = azkb_store_n_statements(store);

  for (AzkbTermId t = 1; t <= n_terms; t++)
    g_ptr_array_add(lines, describe_ontology_term(store, t));
  for (guint i = 0; i < entities->len; i++)
    g_ptr_array_add(lines,
                    describe_entity(store,
                                    g_array_index(entities, AzkbTermId, i),
                                    with_locations));
  for (AzkbStmtId s = 1; s <= n_statements; s++)
    g_ptr_array_add(lines, describe_statement(store, s, with_locations));
  for (guint i = 0; i < relations->len; i++)
    FUZZ_CHECK(g_array_index(relations, AzkbTermId, i) <= n_terms);
  return join_sorted(lines, "\n");
}

void
fuzz_check_same(const char *what, const char *expected, const char *actual)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (strcmp(expected, actual) == 0)
    return;
  a = g_strsplit(expected, "\n", -1);
  b = g_strsplit(actual, "\n", -1);
  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp(a[i], b[i]) != 0)
      break;
  fprintf(stderr,
          "%s: first difference at line %u:\n  expected: %s\n  actual:   %s\n",
          what,
          i + 1,
          a[i] != NULL ? a[i] : "(end)",
          b[i] != NULL ? b[i] : "(end)");
  fuzz_fail(__FILE__, __LINE__, what);
}

/* ---- temporary files ---- */

static char *tmp_dir;

static void
remove_tmp_dir(void)
{
  g_autoptr(GDir) dir = g_dir_open(tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
    g_autofree char *path = g_build_filename(tmp_dir, name, NULL);

    g_remove(path);
  }
  g_rmdir(tmp_dir);
  g_clear_pointer(&tmp_dir, g_free);
}

const char *
fuzz_tmp_dir(void)
{
  if (tmp_dir == NULL) {
    g_autoptr(GError) error = NULL;

    tmp_dir = g_dir_make_tmp("azkb-fuzz-XXXXXX", &error);
    FUZZ_CHECK(tmp_dir != NULL);
    atexit(remove_tmp_dir);
  }
  return tmp_dir;
}
