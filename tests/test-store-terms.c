/* Tests of the store's terms: interning, kinds, literals and their
 * validation, entities and their names, declared namespaces and the order
 * of names.  Lookup and the ontology are in test-store-lookup.c,
 * statements, adjacency and merging in test-store-statements.c. */
#include "store-test.h"

#include <string.h>

/* ---- lifetime ---- */

static void
test_unref_null(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();

  azkb_store_unref(NULL);
  g_assert_true(azkb_store_ref(store) == store);
  azkb_store_unref(store);
  g_assert_cmpuint(azkb_store_n_terms(store), ==, 0);
  g_assert_cmpuint(azkb_store_n_statements(store), ==, 0);
}

/* ---- terms ---- */

static void
test_intern(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId a = azkb_store_intern(f->store, "Azerbaijan");
  AzkbTermId b = azkb_store_intern(f->store, "ECOSOC");

  g_assert_cmpuint(a, !=, 0);
  g_assert_cmpuint(b, !=, 0);
  g_assert_cmpuint(a, !=, b);
  g_assert_cmpuint(azkb_store_intern(f->store, "Azerbaijan"), ==, a);
  g_assert_cmpuint(azkb_store_lookup(f->store, "ECOSOC"), ==, b);
  g_assert_cmpuint(azkb_store_lookup(f->store, "Nowhere"), ==, 0);
  g_assert_cmpuint(azkb_store_lookup(f->store, ""), ==, 0);
  g_assert_cmpstr(azkb_store_term_name(f->store, a), ==, "Azerbaijan");
  g_assert_null(azkb_store_term_name(f->store, 0));
  g_assert_null(azkb_store_term_name(f->store, 999));
  g_assert_cmpuint(azkb_store_n_terms(f->store), ==, 2);
}

/* Many terms force the id table to grow; every id must still be found. */
static void
test_intern_many(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  for (guint i = 0; i < 20000; i++) {
    g_autofree char *name = g_strdup_printf("term-%u", i);

    g_assert_cmpuint(azkb_store_intern(f->store, name), ==, i + 1);
  }
  for (guint i = 0; i < 20000; i++) {
    g_autofree char *name = g_strdup_printf("term-%u", i);

    g_assert_cmpuint(azkb_store_lookup(f->store, name), ==, i + 1);
  }
  g_assert_cmpuint(azkb_store_n_terms(f->store), ==, 20000);
}

static void
test_kinds(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId t = azkb_store_intern(f->store, "Country");

  g_assert_cmpint(azkb_store_term_kind(f->store, t), ==, 0);
  azkb_store_mark(f->store, t, AZKB_TERM_CLASS);
  azkb_store_mark(f->store, t, AZKB_TERM_ENTITY);
  g_assert_cmpint(
    azkb_store_term_kind(f->store, t), ==, AZKB_TERM_CLASS | AZKB_TERM_ENTITY);
  /* Bits are only ever added. */
  azkb_store_mark(f->store, t, AZKB_TERM_CLASS);
  g_assert_cmpint(
    azkb_store_term_kind(f->store, t), ==, AZKB_TERM_CLASS | AZKB_TERM_ENTITY);
  g_assert_cmpint(azkb_store_term_kind(f->store, 0), ==, 0);
}

/* ---- literals ---- */

static void
test_literal_interning(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  AzkbLiteral lit;
  AzkbTermId  n1 = azkb_store_intern_literal(
    f->store, AZKB_VALUE_INTEGER, "193", NULL, NULL, &error);
  AzkbTermId n2 = azkb_store_intern_literal(
    f->store, AZKB_VALUE_INTEGER, "193", NULL, NULL, &error);
  AzkbTermId s = azkb_store_intern_literal(
    f->store, AZKB_VALUE_STRING, "193", NULL, NULL, &error);
  AzkbTermId en = azkb_store_intern_literal(
    f->store, AZKB_VALUE_STRING, "Baku", NULL, "en", &error);
  AzkbTermId EN = azkb_store_intern_literal(
    f->store, AZKB_VALUE_STRING, "Baku", NULL, "EN", &error);
  AzkbTermId az = azkb_store_intern_literal(
    f->store, AZKB_VALUE_STRING, "Baku", NULL, "az", &error);
  AzkbTermId other = azkb_store_intern_literal(
    f->store, AZKB_VALUE_OTHER, "P1Y", "xsd:duration", NULL, &error);
  AzkbTermId named = azkb_store_intern(f->store, "193");

  g_assert_no_error(error);
  g_assert_cmpuint(n1, !=, 0);
  g_assert_cmpuint(n1, ==, n2);
  g_assert_cmpuint(n1, !=, s);
  g_assert_cmpuint(en, ==, EN);
  g_assert_cmpuint(en, !=, az);
  /* A literal and a name with the same text are different terms. */
  g_assert_cmpuint(named, !=, n1);
  g_assert_cmpuint(named, !=, s);

  g_assert_true(azkb_store_get_literal(f->store, n1, &lit));
  g_assert_cmpint(lit.kind, ==, AZKB_VALUE_INTEGER);
  g_assert_cmpstr(lit.lexical, ==, "193");
  g_assert_null(lit.datatype);
  g_assert_null(lit.lang);
  g_assert_true(azkb_store_get_literal(f->store, az, &lit));
  g_assert_cmpint(lit.kind, ==, AZKB_VALUE_STRING);
  g_assert_cmpstr(lit.lang, ==, "az");
  g_assert_true(azkb_store_get_literal(f->store, other, &lit));
  g_assert_cmpint(lit.kind, ==, AZKB_VALUE_OTHER);
  g_assert_cmpstr(lit.datatype, ==, "xsd:duration");
  g_assert_cmpstr(lit.lexical, ==, "P1Y");
  g_assert_false(azkb_store_get_literal(f->store, named, &lit));
  g_assert_cmpint(
    azkb_store_term_kind(f->store, n1) & AZKB_TERM_LITERAL, !=, 0);
  g_assert_cmpstr(azkb_store_term_name(f->store, n1), ==, "193");
}

typedef struct {
  AzkbValueKind kind;
  const char   *lexical;
  gboolean      valid;
} LiteralCase;

/* The kinds by name, for the cases' paths. */
static const char *const value_kind_names[] = {
  [AZKB_VALUE_STRING] = "string",   [AZKB_VALUE_INTEGER] = "integer",
  [AZKB_VALUE_DECIMAL] = "decimal", [AZKB_VALUE_BOOLEAN] = "boolean",
  [AZKB_VALUE_DATE] = "date",       [AZKB_VALUE_OTHER] = "other",
};

// clang-format off
static const LiteralCase literal_cases[] = {
  { AZKB_VALUE_INTEGER, "193", TRUE },
  { AZKB_VALUE_INTEGER, "-7", TRUE },
  { AZKB_VALUE_INTEGER, "+0012", TRUE },
  { AZKB_VALUE_INTEGER, "", FALSE },
  { AZKB_VALUE_INTEGER, "-", FALSE },
  { AZKB_VALUE_INTEGER, "12a", FALSE },
  { AZKB_VALUE_INTEGER, "1.5", FALSE },
  { AZKB_VALUE_INTEGER, " 1", FALSE },
  { AZKB_VALUE_DECIMAL, "1.5", TRUE },
  { AZKB_VALUE_DECIMAL, "-0.25", TRUE },
  { AZKB_VALUE_DECIMAL, ".5", TRUE },
  { AZKB_VALUE_DECIMAL, "3.", TRUE },
  { AZKB_VALUE_DECIMAL, "42", TRUE },
  { AZKB_VALUE_DECIMAL, ".", FALSE },
  { AZKB_VALUE_DECIMAL, "1.2.3", FALSE },
  { AZKB_VALUE_DECIMAL, "1e5", FALSE },
  { AZKB_VALUE_BOOLEAN, "true", TRUE },
  { AZKB_VALUE_BOOLEAN, "false", TRUE },
  { AZKB_VALUE_BOOLEAN, "1", TRUE },
  { AZKB_VALUE_BOOLEAN, "0", TRUE },
  { AZKB_VALUE_BOOLEAN, "yes", FALSE },
  { AZKB_VALUE_BOOLEAN, "True", FALSE },
  { AZKB_VALUE_DATE, "1992", TRUE },
  { AZKB_VALUE_DATE, "1992-03", TRUE },
  { AZKB_VALUE_DATE, "1992-03-02", TRUE },
  { AZKB_VALUE_DATE, "2024-02-29", TRUE },
  { AZKB_VALUE_DATE, "2021-02-29", FALSE },
  { AZKB_VALUE_DATE, "2012-13-01", FALSE },
  { AZKB_VALUE_DATE, "soon", FALSE },
  { AZKB_VALUE_STRING, "", TRUE },
  { AZKB_VALUE_STRING, "Bakı", TRUE },
};
// clang-format on

static void
test_literal_validation(gconstpointer data)
{
  const LiteralCase *c       = data;
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  AzkbTermId t =
    azkb_store_intern_literal(store, c->kind, c->lexical, NULL, NULL, &error);

  if (c->valid) {
    g_assert_no_error(error);
    g_assert_cmpuint(t, !=, 0);
  } else {
    g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_INVALID);
    g_assert_cmpuint(t, ==, 0);
    /* Nothing half-interned. */
    g_assert_cmpuint(azkb_store_n_terms(store), ==, 0);
    if (c->kind != AZKB_VALUE_DATE)
      g_assert_nonnull(strstr(error->message, c->lexical));
  }
}

static void
test_literal_invalid_other(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId t            = azkb_store_intern_literal(
    f->store, AZKB_VALUE_OTHER, "x", NULL, NULL, &error);

  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_INVALID);
  g_assert_cmpuint(t, ==, 0);
  g_clear_error(&error);
  t = azkb_store_intern_literal(
    f->store, AZKB_VALUE_STRING, "\xff\xfe", NULL, NULL, &error);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_INVALID);
  g_assert_cmpuint(t, ==, 0);
}

/* ---- entities ---- */

static void
test_entity_data(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore           *s       = f->store;
  AzkbTermId           un      = azkb_store_add_entity(s, "UnitedNations");
  AzkbTermId           org     = azkb_store_intern(s, "Organization");
  AzkbTermId           members = azkb_store_intern(s, "memberCount");
  AzkbTermId           n193    = 0;
  gsize                n;
  const AzkbTermId    *classes;
  const AzkbLabel     *labels;
  const AzkbQualifier *attrs;
  g_autoptr(GArray) entities = NULL;
  g_autoptr(GError) error    = NULL;

  n193 =
    azkb_store_intern_literal(s, AZKB_VALUE_INTEGER, "193", NULL, NULL, &error);
  g_assert_no_error(error);
  azkb_store_add_class(s, un, org);
  azkb_store_add_class(s, un, org);
  azkb_store_add_label(s, un, "United Nations", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_label(s, un, "United Nations", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_label(
    s, un, "Birləşmiş Millətlər", "az", AZKB_LABEL_PREFERRED);
  azkb_store_add_label(s, un, "UNO", NULL, AZKB_LABEL_ALTERNATIVE);
  azkb_store_add_label(s, un, "UN", NULL, AZKB_LABEL_ALTERNATIVE);
  azkb_store_add_label(s, un, "UN", NULL, AZKB_LABEL_ALTERNATIVE);
  azkb_store_add_attribute(s, un, members, n193);
  azkb_store_add_attribute(s, un, members, n193);

  classes = azkb_store_entity_classes(s, un, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(classes[0], ==, org);
  g_assert_cmpint(azkb_store_term_kind(s, org) & AZKB_TERM_CLASS, !=, 0);

  labels = azkb_store_entity_labels(s, un, &n);
  g_assert_cmpuint(n, ==, 4);
  g_assert_cmpstr(labels[0].text, ==, "United Nations");
  g_assert_cmpstr(labels[0].lang, ==, "en");
  g_assert_cmpint(labels[0].kind, ==, AZKB_LABEL_PREFERRED);
  g_assert_cmpstr(labels[1].lang, ==, "az");
  g_assert_cmpstr(labels[2].text, ==, "UNO");
  g_assert_null(labels[2].lang);
  g_assert_cmpint(labels[3].kind, ==, AZKB_LABEL_ALTERNATIVE);

  attrs = azkb_store_entity_attributes(s, un, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(attrs[0].property, ==, members);
  g_assert_cmpuint(attrs[0].value, ==, n193);
  g_assert_cmpint(azkb_store_term_kind(s, members) & AZKB_TERM_PROPERTY, !=, 0);

  g_assert_cmpstr(azkb_store_display_name(s, un), ==, "United Nations");
  g_assert_cmpstr(azkb_store_short_name(s, un), ==, "UN");

  /* Nothing recorded: empty, not an error. */
  g_assert_null(azkb_store_entity_classes(s, org, &n));
  g_assert_cmpuint(n, ==, 0);
  g_assert_null(azkb_store_entity_labels(s, 0, &n));
  g_assert_cmpuint(n, ==, 0);
  g_assert_cmpstr(azkb_store_display_name(s, org), ==, "Organization");
  g_assert_null(azkb_store_short_name(s, org));

  entities = azkb_store_entities(s);
  g_assert_cmpuint(entities->len, ==, 1);
  g_assert_cmpuint(g_array_index(entities, AzkbTermId, 0), ==, un);
}

/* The display name prefers English, then no language, then any. */
static void
test_display_name(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId e = azkb_store_add_entity(f->store, "Baku");

  azkb_store_add_label(f->store, e, "Bakı", "az", AZKB_LABEL_PREFERRED);
  g_assert_cmpstr(azkb_store_display_name(f->store, e), ==, "Bakı");
  azkb_store_add_label(f->store, e, "Baku city", NULL, AZKB_LABEL_PREFERRED);
  g_assert_cmpstr(azkb_store_display_name(f->store, e), ==, "Baku city");
  azkb_store_add_label(f->store, e, "Baku", "en", AZKB_LABEL_PREFERRED);
  g_assert_cmpstr(azkb_store_display_name(f->store, e), ==, "Baku");
}

/* Declared namespaces let a name be written `p:local` or `<IRI>`; they
 * survive a merge, and only terms that exist resolve. */
static void
test_namespaces(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbStore) other = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  AzkbTermId       alice = azkb_store_intern(store, "<http://ex.org/p/Alice>");
  AzkbTermId       bob   = azkb_store_intern(store, "Bob");
  g_autofree char *expanded = NULL;
  g_autofree char *prefixed = NULL;

  azkb_store_mark(store, alice, AZKB_TERM_ENTITY);
  azkb_store_mark(store, bob, AZKB_TERM_ENTITY);
  azkb_store_add_namespace(
    other, "ex", "http://ex.org/p/", "<http://ex.org/p/", ">");
  azkb_store_add_namespace(other, "az", "http://azkb.example/id/", "", "");
  azkb_store_merge(store, other);

  g_assert_cmpuint(azkb_store_resolve(store, "ex:Alice", 0, &error), ==, alice);
  g_assert_no_error(error);
  g_assert_cmpuint(
    azkb_store_resolve(store, "<http://azkb.example/id/Bob>", 0, &error),
    ==,
    bob);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_store_resolve(store, "az:Bob", 0, &error), ==, bob);
  g_assert_no_error(error);
  expanded = azkb_store_expand_name(store, "ex:Carol");
  g_assert_null(expanded);
  g_assert_cmpuint(azkb_store_resolve(store, "ex:Carol", 0, &error), ==, 0);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  prefixed = azkb_store_prefixed_name(store, alice);
  g_assert_cmpstr(prefixed, ==, "ex:Alice");
  /* A plain name needs no prefix. */
  g_assert_null(azkb_store_prefixed_name(store, bob));
}

/* ---- the order of names ---- */

/* TRUE if @ranks order every term of @store as strcmp() orders their
 * names, equal names by id, and are a permutation of 0..n-1. */
static gboolean
ranks_sort_names(AzkbStore *store, const guint32 *ranks)
{
  guint               n  = azkb_store_n_terms(store);
  g_autofree guint32 *by = g_new0(guint32, n + 1); /* rank -> id + 1 */

  for (AzkbTermId t = 1; t <= n; t++) {
    if (ranks[t] >= n || by[ranks[t]] != 0)
      return FALSE;
    by[ranks[t]] = t;
  }
  for (guint r = 1; r < n; r++) {
    int c = strcmp(azkb_store_term_name(store, by[r - 1]),
                   azkb_store_term_name(store, by[r]));

    if (c > 0 || (c == 0 && by[r - 1] > by[r]))
      return FALSE;
  }
  return TRUE;
}

/* Names that share long prefixes (past the 16 packed bytes), differ only
 * after them, are prefixes of each other, and a literal written like an
 * IRI: the ranks must order them all as strcmp(), and terms added later
 * must be ranked too. */
static void
test_name_ranks(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand            = g_rand_new_with_seed(17);
  static const char *const heads[] = {
    "",
    "a",
    "http://example.org/",
    "http://example.org/entity/",
    "\xc3\xa9t\xc3\xa9",
    "Z",
  };

  g_assert_false(azkb_store_has_name_ranks(f->store));
  for (guint i = 0; i < 3000; i++) {
    g_autofree char *name =
      g_strdup_printf("%s%u",
                      heads[g_rand_int_range(rand, 0, G_N_ELEMENTS(heads))],
                      g_rand_int_range(rand, 0, 5000));

    azkb_store_intern(f->store, name);
  }
  string_literal(f->store, "http://example.org/1");
  string_literal(f->store, "Z7");
  g_assert_true(ranks_sort_names(f->store, azkb_store_name_ranks(f->store)));
  g_assert_true(azkb_store_has_name_ranks(f->store));
  g_assert_true(azkb_store_name_ranks(f->store) ==
                azkb_store_name_ranks(f->store));

  azkb_store_intern(f->store, "http://example.org/entity/0000");
  azkb_store_intern(f->store, "0");
  g_assert_false(azkb_store_has_name_ranks(f->store));
  g_assert_true(ranks_sort_names(f->store, azkb_store_name_ranks(f->store)));
  g_assert_cmpuint(azkb_store_name_ranks(f->store)[0], ==, 0);
}

/* A store that took another's terms by absorbing it ranks them afresh. */
static void
test_name_ranks_absorb(void)
{
  g_autoptr(AzkbStore) into  = azkb_store_new();
  g_autoptr(AzkbStore) other = azkb_store_new();

  azkb_store_intern(other, "b");
  azkb_store_intern(other, "a");
  g_assert_true(ranks_sort_names(other, azkb_store_name_ranks(other)));
  azkb_store_absorb(into, other);
  g_assert_true(ranks_sort_names(into, azkb_store_name_ranks(into)));
  g_assert_cmpuint(
    azkb_store_name_ranks(into)[azkb_store_lookup(into, "a")], ==, 0);
  azkb_store_intern(into, "0");
  g_assert_cmpuint(
    azkb_store_name_ranks(into)[azkb_store_lookup(into, "0")], ==, 0);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/store/lifetime/unref-null", test_unref_null);
  STORE_ADD("terms/intern", test_intern);
  STORE_ADD("terms/intern-many", test_intern_many);
  STORE_ADD("terms/kinds", test_kinds);
  STORE_ADD("literals/interning", test_literal_interning);
  STORE_ADD("literals/invalid-other", test_literal_invalid_other);
  for (gsize i = 0; i < G_N_ELEMENTS(literal_cases); i++) {
    g_autofree char *path = g_strdup_printf(
      "/store/literals/validate/%s/%s/%s",
      value_kind_names[literal_cases[i].kind],
      literal_cases[i].valid ? "valid" : "invalid",
      *literal_cases[i].lexical ? literal_cases[i].lexical : "(empty)");
    g_test_add_data_func(path, &literal_cases[i], test_literal_validation);
  }
  STORE_ADD("entities/data", test_entity_data);
  STORE_ADD("entities/display-name", test_display_name);
  g_test_add_func("/store/names/namespaces", test_namespaces);
  STORE_ADD("names/ranks-order-names", test_name_ranks);
  g_test_add_func("/store/names/ranks-after-absorb", test_name_ranks_absorb);
  return g_test_run();
}
