/* Tests of the in-memory store: terms, literals, entities, lookup,
 * ontology, class members, statements, adjacency, locations and merging. */
#include "azkb-test.h"

#include <azkb/snapshot.h>
#include <azkb/store.h>
#include <string.h>

typedef struct {
  AzkbStore *store;
} Fixture;

static void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->store = azkb_store_new();
}

static void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_clear_pointer(&f->store, azkb_store_unref);
}

static AzkbInterval
years(gint32 from, gint32 to)
{
  AzkbInterval t = { 0 };

  t.start       = (AzkbDate){ .year = from, .precision = AZKB_PRECISION_YEAR };
  t.end         = (AzkbDate){ .year = to, .precision = AZKB_PRECISION_YEAR };
  t.start_bound = AZKB_BOUND_DATE;
  t.end_bound   = AZKB_BOUND_DATE;
  return t;
}

static AzkbTermId
string_literal(AzkbStore *store, const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId t            = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, text, NULL, NULL, &error);

  g_assert_no_error(error);
  return t;
}

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

/* ---- lookup ---- */

static void
add_named(AzkbStore  *s,
          const char *id,
          const char *label,
          const char *abbreviation)
{
  AzkbTermId e = azkb_store_add_entity(s, id);

  if (label != NULL)
    azkb_store_add_label(s, e, label, "en", AZKB_LABEL_PREFERRED);
  if (abbreviation != NULL)
    azkb_store_add_label(s, e, abbreviation, NULL, AZKB_LABEL_ALTERNATIVE);
}

static void
lookup_set_up(Fixture *f, gconstpointer data)
{
  fixture_set_up(f, data);
  add_named(f->store, "Azerbaijan", "Republic of Azerbaijan", NULL);
  add_named(f->store, "Turkiye", "Türkiye", NULL);
  add_named(f->store, "ECOSOC", "Economic and Social Council", "ECOSOC");
  add_named(f->store, "UNICEF", "United Nations Children's Fund", "UNICEF");
  add_named(f->store, "Heydar_Aliyev", "Heydar Aliyev", NULL);
  add_named(f->store, "Georgia_country", "Georgia", NULL);
  add_named(f->store, "Georgia_state", "Georgia", NULL);
  add_named(f->store, "Istanbul", "İstanbul", NULL);
  add_named(f->store, "Sao_Tome", "São Tomé and Príncipe", NULL);
  azkb_store_mark(
    f->store, azkb_store_intern(f->store, "electedTo"), AZKB_TERM_RELATION);
}

static AzkbTermId
find_one(AzkbStore *s, const char *name)
{
  g_autoptr(GArray) found = azkb_store_find(s, name);

  g_assert_cmpuint(found->len, ==, 1);
  return g_array_index(found, AzkbTermId, 0);
}

static void
test_find(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s              = f->store;
  AzkbTermId turkiye        = azkb_store_lookup(s, "Turkiye");
  g_autoptr(GArray) none    = azkb_store_find(s, "Atlantis");
  g_autoptr(GArray) georgia = azkb_store_find(s, "georgia");

  g_assert_cmpuint(find_one(s, "turkiye"), ==, turkiye);
  g_assert_cmpuint(find_one(s, "Türkiye"), ==, turkiye);
  g_assert_cmpuint(find_one(s, "TÜRKIYE"), ==, turkiye);
  g_assert_cmpuint(find_one(s, "ecosoc"), ==, azkb_store_lookup(s, "ECOSOC"));
  g_assert_cmpuint(find_one(s, "unicef"), ==, azkb_store_lookup(s, "UNICEF"));
  g_assert_cmpuint(
    find_one(s, "heydar aliyev"), ==, azkb_store_lookup(s, "Heydar_Aliyev"));
  g_assert_cmpuint(find_one(s, "  Heydar   ALIYEV "),
                   ==,
                   azkb_store_lookup(s, "Heydar_Aliyev"));
  g_assert_cmpuint(find_one(s, "republic of azerbaijan"),
                   ==,
                   azkb_store_lookup(s, "Azerbaijan"));
  g_assert_cmpuint(none->len, ==, 0);
  g_assert_cmpuint(georgia->len, ==, 2);
  g_assert_cmpuint(
    find_one(s, "istanbul"), ==, azkb_store_lookup(s, "Istanbul"));
  g_assert_cmpuint(
    find_one(s, "İSTANBUL"), ==, azkb_store_lookup(s, "Istanbul"));
  g_assert_cmpuint(
    find_one(s, "sao tome and principe"), ==, azkb_store_lookup(s, "Sao_Tome"));
  g_assert_cmpuint(
    find_one(s, "SÃO TOMÉ AND PRÍNCIPE"), ==, azkb_store_lookup(s, "Sao_Tome"));
}

/* The index is rebuilt after a write. */
static void
test_find_after_write(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GArray) before = azkb_store_find(f->store, "KFOR");
  AzkbTermId kfor;

  g_assert_cmpuint(before->len, ==, 0);
  kfor = azkb_store_add_entity(f->store, "KosovoForce");
  azkb_store_add_label(f->store, kfor, "KFOR", NULL, AZKB_LABEL_ALTERNATIVE);
  g_assert_cmpuint(find_one(f->store, "kfor"), ==, kfor);
}

static void
test_resolve(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  AzkbStore *s            = f->store;
  AzkbTermId t;

  t = azkb_store_resolve(s, "Azerbaijan", AZKB_TERM_ENTITY, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(t, ==, azkb_store_lookup(s, "Azerbaijan"));
  t = azkb_store_resolve(s, "turkiye", AZKB_TERM_ENTITY, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(t, ==, azkb_store_lookup(s, "Turkiye"));
  /* An exact id wins even when labels would be ambiguous. */
  t = azkb_store_resolve(s, "Georgia_state", AZKB_TERM_ENTITY, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(t, ==, azkb_store_lookup(s, "Georgia_state"));
  t = azkb_store_resolve(s, "electedTo", AZKB_TERM_RELATION, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(t, ==, azkb_store_lookup(s, "electedTo"));

  t = azkb_store_resolve(s, "Azerbijan", AZKB_TERM_ENTITY, &error);
  g_assert_cmpuint(t, ==, 0);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  g_assert_cmpstr(
    error->message, ==, "no entity “Azerbijan”; did you mean “Azerbaijan”?");
  g_clear_error(&error);

  t = azkb_store_resolve(s, "Xyzzyplugh", AZKB_TERM_ENTITY, &error);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  g_assert_cmpstr(error->message, ==, "no entity “Xyzzyplugh”");
  g_clear_error(&error);

  /* A relation name is not an entity. */
  t = azkb_store_resolve(s, "electedTo", AZKB_TERM_ENTITY, &error);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  g_clear_error(&error);
  t = azkb_store_resolve(s, "electedT", AZKB_TERM_RELATION, &error);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  g_assert_cmpstr(
    error->message, ==, "no relation “electedT”; did you mean “electedTo”?");
  g_clear_error(&error);

  t = azkb_store_resolve(s, "GEORGIA", AZKB_TERM_ENTITY, &error);
  g_assert_cmpuint(t, ==, 0);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_AMBIGUOUS);
  g_assert_cmpstr(error->message,
                  ==,
                  "“GEORGIA” is ambiguous: it names Georgia_country "
                  "(Georgia) and Georgia_state (Georgia); use an id");
}

static void
test_suggest(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_auto(GStrv) typo   = azkb_store_suggest(f->store, "Turkey", 0, 5);
  g_auto(GStrv) prefix = azkb_store_suggest(f->store, "uni", 0, 5);
  g_auto(GStrv) inner  = azkb_store_suggest(f->store, "Social", 0, 5);
  g_auto(GStrv) none   = azkb_store_suggest(f->store, "qqqqqqqq", 0, 5);
  g_auto(GStrv) one    = azkb_store_suggest(f->store, "Georgia", 0, 1);
  g_auto(GStrv) rels =
    azkb_store_suggest(f->store, "electedto", AZKB_TERM_RELATION, 5);

  g_assert_nonnull(typo[0]);
  g_assert_true(g_str_equal(typo[0], "Turkiye") ||
                g_str_equal(typo[0], "Türkiye"));
  g_assert_null(typo[1]);
  g_assert_nonnull(prefix[0]);
  g_assert_cmpstr(prefix[0], ==, "UNICEF");
  {
    /* Prefix before substring, and the shorter leftover first. */
    g_auto(GStrv) azer = azkb_store_suggest(f->store, "Azer", 0, 5);
    g_auto(GStrv) tome = azkb_store_suggest(f->store, "tome", 0, 5);

    g_assert_cmpstr(azer[0], ==, "Azerbaijan");
    g_assert_cmpstr(azer[1], ==, NULL);
    g_assert_cmpstr(tome[0], ==, "Sao_Tome");
  }
  g_assert_cmpstr(inner[0], ==, "Economic and Social Council");
  g_assert_null(none[0]);
  g_assert_cmpuint(g_strv_length(one), ==, 1);
  g_assert_cmpstr(rels[0], ==, "electedTo");
  g_assert_null(rels[1]);
}

/* ---- ontology ---- */

static void
test_subclass(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore        *s      = f->store;
  AzkbTermId        thing  = azkb_store_intern(s, "Thing");
  AzkbTermId        org    = azkb_store_intern(s, "Organization");
  AzkbTermId        igo    = azkb_store_intern(s, "IntergovernmentalOrg");
  AzkbTermId        agency = azkb_store_intern(s, "SpecializedAgency");
  AzkbTermId        place  = azkb_store_intern(s, "Place");
  AzkbTermId        who    = azkb_store_add_entity(s, "WHO");
  const AzkbTermId *supers;
  gsize             n;

  azkb_store_add_subclass(s, org, thing);
  azkb_store_add_subclass(s, igo, org);
  azkb_store_add_subclass(s, agency, igo);
  azkb_store_add_subclass(s, place, thing);
  azkb_store_add_class(s, who, agency);

  supers = azkb_store_superclasses(s, agency, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(supers[0], ==, igo);
  g_assert_true(azkb_store_is_subclass(s, agency, thing));
  g_assert_true(azkb_store_is_subclass(s, agency, agency));
  g_assert_false(azkb_store_is_subclass(s, thing, agency));
  g_assert_false(azkb_store_is_subclass(s, agency, place));
  g_assert_true(azkb_store_has_class(s, who, org));
  g_assert_false(azkb_store_has_class(s, who, place));
  g_assert_cmpint(azkb_store_term_kind(s, thing) & AZKB_TERM_CLASS, !=, 0);

  /* A cycle must not loop. */
  azkb_store_add_subclass(s, thing, agency);
  g_assert_true(azkb_store_is_subclass(s, thing, igo));
  g_assert_false(azkb_store_is_subclass(s, agency, place) &&
                 !azkb_store_is_subclass(s, thing, place));
  g_assert_false(azkb_store_is_subclass(s, org, place));
}

/* ---- class members and subclasses (the inverse views) ---- */

static void
assert_ids(const AzkbTermId *got, gsize n, const GArray *want)
{
  g_assert_cmpuint(n, ==, want->len);
  if (n == 0)
    g_assert_null(got);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint(got[i], ==, g_array_index(want, AzkbTermId, i));
}

/* The members of every id (and of 0 and one past the last) must be the
 * terms whose direct classes name it, and its subclasses the terms whose
 * superclasses name it: both found here by scanning every term in id
 * order, so the views must also come sorted. */
static void
check_inverse_views(AzkbStore *s)
{
  guint n_terms = azkb_store_n_terms(s);

  for (AzkbTermId cls = 0; cls <= n_terms + 1; cls++) {
    g_autoptr(GArray) members = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
    g_autoptr(GArray) subs    = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
    const AzkbTermId *got;
    gsize             n;

    for (AzkbTermId t = 1; t <= n_terms; t++) {
      const AzkbTermId *classes = azkb_store_entity_classes(s, t, &n);

      for (gsize i = 0; i < n; i++)
        if (classes[i] == cls)
          g_array_append_val(members, t);
      classes = azkb_store_superclasses(s, t, &n);
      for (gsize i = 0; i < n; i++)
        if (classes[i] == cls)
          g_array_append_val(subs, t);
    }
    got = azkb_store_class_members(s, cls, &n);
    assert_ids(got, n, members);
    got = azkb_store_subclasses(s, cls, &n);
    assert_ids(got, n, subs);
  }
}

/* Classes given out of id order, an entity with two classes, a class given
 * twice, a class without members and one with only subclasses. */
static void
build_countries(AzkbStore *s)
{
  AzkbTermId zeta    = azkb_store_add_entity(s, "Zeta");
  AzkbTermId org     = azkb_store_intern(s, "Organization");
  AzkbTermId country = azkb_store_intern(s, "Country");
  AzkbTermId agent   = azkb_store_intern(s, "Agent");
  AzkbTermId empty   = azkb_store_intern(s, "Empty");
  AzkbTermId un      = azkb_store_add_entity(s, "UN");
  AzkbTermId az      = azkb_store_add_entity(s, "Azerbaijan");
  AzkbTermId tr      = azkb_store_add_entity(s, "Turkiye");

  azkb_store_add_entity(s, "EU");
  azkb_store_add_subclass(s, empty, agent);
  azkb_store_add_subclass(s, country, agent);
  azkb_store_add_subclass(s, org, agent);
  azkb_store_add_class(s, tr, country);
  azkb_store_add_class(s, un, org);
  azkb_store_add_class(s, az, country);
  azkb_store_add_class(s, zeta, org);
  azkb_store_add_class(s, az, org);
  azkb_store_add_class(s, az, country);
}

static AzkbTermId
id_of(AzkbStore *s, const char *name)
{
  AzkbTermId t = azkb_store_lookup(s, name);

  g_assert_cmpuint(t, !=, 0);
  return t;
}

static void
test_class_members(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore        *s = f->store;
  AzkbTermId        org, country, agent, empty, az, tr, eu;
  const AzkbTermId *m;
  gsize             n;
  gsize             before;

  build_countries(s);
  org     = id_of(s, "Organization");
  country = id_of(s, "Country");
  agent   = id_of(s, "Agent");
  empty   = id_of(s, "Empty");
  az      = id_of(s, "Azerbaijan");
  tr      = id_of(s, "Turkiye");
  eu      = id_of(s, "EU");

  /* The view is memory the store holds: counted once built. */
  azkb_store_entity_classes(s, az, &n);
  before = azkb_store_memory_size(s);
  m      = azkb_store_class_members(s, country, &n);
  g_assert_cmpuint(azkb_store_memory_size(s), >=, before + 6 * 4);

  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpuint(m[0], ==, az);
  g_assert_cmpuint(m[1], ==, tr);
  m = azkb_store_class_members(s, org, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpstr(azkb_store_term_name(s, m[0]), ==, "Zeta");
  g_assert_cmpstr(azkb_store_term_name(s, m[1]), ==, "UN");
  g_assert_cmpuint(m[2], ==, az);
  /* Direct members only; none, nothing or out of range: NULL and 0. */
  g_assert_null(azkb_store_class_members(s, agent, &n));
  g_assert_cmpuint(n, ==, 0);
  g_assert_null(azkb_store_class_members(s, empty, &n));
  g_assert_cmpuint(n, ==, 0);
  g_assert_null(azkb_store_class_members(s, 0, &n));
  g_assert_null(azkb_store_class_members(s, 9999, &n));
  g_assert_cmpuint(n, ==, 0);
  g_assert_nonnull(azkb_store_class_members(s, country, NULL));
  m = azkb_store_subclasses(s, agent, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(m[0], ==, org);
  g_assert_cmpuint(m[1], ==, country);
  g_assert_cmpuint(m[2], ==, empty);
  g_assert_null(azkb_store_subclasses(s, country, &n));
  check_inverse_views(s);

  /* A write after the views were built is seen by the next read. */
  azkb_store_add_class(s, eu, country);
  azkb_store_add_class(s, eu, empty);
  azkb_store_add_subclass(s, agent, azkb_store_intern(s, "Thing"));
  m = azkb_store_class_members(s, country, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(m[2], ==, eu);
  m = azkb_store_class_members(s, empty, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(m[0], ==, eu);
  m = azkb_store_subclasses(s, id_of(s, "Thing"), &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(m[0], ==, agent);
  check_inverse_views(s);
}

/* Random classes and subclasses added in rounds, the views read between
 * them: each round must see everything added so far. */
static void
test_class_members_random(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  AzkbStore *s          = f->store;

  g_test_message("seed %u", seed);
  for (guint i = 0; i < 80; i++) {
    g_autofree char *name = g_strdup_printf("e%u", i);

    if (i % 10 == 3)
      azkb_store_intern(s, name); /* classes may name plain terms too */
    else
      azkb_store_add_entity(s, name);
  }
  for (guint round = 0; round < 4; round++) {
    for (guint i = 0; i < 50; i++) {
      /* Classes are ids 1..12 and 70..80: some are entities too. */
      AzkbTermId cls = g_rand_boolean(rand) ? g_rand_int_range(rand, 1, 13)
                                            : g_rand_int_range(rand, 70, 81);

      azkb_store_add_class(s, g_rand_int_range(rand, 1, 81), cls);
      if (i % 5 == 0)
        azkb_store_add_subclass(s, cls, g_rand_int_range(rand, 1, 13));
    }
    check_inverse_views(s);
  }
}

/* A store read back from a snapshot builds the views from what it loaded
 * and rebuilds them after a write. */
static void
test_class_members_snapshot(void)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbStore) back  = NULL;
  g_autofree char  *dir      = azkb_test_tmpdir_new("azkb-store");
  g_autofree char  *path     = g_build_filename(dir, "kb.azs", NULL);
  const AzkbTermId *m;
  gsize             n;

  build_countries(store);
  /* Views built before the save must not matter. */
  azkb_store_class_members(store, id_of(store, "Country"), &n);
  g_assert_true(azkb_snapshot_save(store, path, &error));
  g_assert_no_error(error);
  back = azkb_snapshot_load(path, &error);
  g_assert_no_error(error);
  g_assert_nonnull(back);
  /* The save left its file and nothing else (no temporary). */
  g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint(azkb_test_count_entries(dir), ==, 1);
  azkb_test_tmpdir_remove(dir);

  m = azkb_store_class_members(back, id_of(back, "Country"), &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpstr(azkb_store_term_name(back, m[0]), ==, "Azerbaijan");
  g_assert_cmpstr(azkb_store_term_name(back, m[1]), ==, "Turkiye");
  azkb_store_subclasses(back, id_of(back, "Agent"), &n);
  g_assert_cmpuint(n, ==, 3);
  check_inverse_views(back);
  azkb_store_add_class(back, id_of(back, "EU"), id_of(back, "Country"));
  m = azkb_store_class_members(back, id_of(back, "Country"), &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpstr(azkb_store_term_name(back, m[2]), ==, "EU");
  check_inverse_views(back);
}

static void
test_signature(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId rel     = azkb_store_intern(f->store, "memberOf");
  AzkbTermId country = azkb_store_intern(f->store, "Country");
  AzkbTermId org     = azkb_store_intern(f->store, "Organization");
  AzkbTermId d       = 99;
  AzkbTermId r       = 99;

  azkb_store_get_signature(f->store, rel, &d, &r);
  g_assert_cmpuint(d, ==, 0);
  g_assert_cmpuint(r, ==, 0);
  azkb_store_set_signature(f->store, rel, country, org);
  azkb_store_get_signature(f->store, rel, &d, &r);
  g_assert_cmpuint(d, ==, country);
  g_assert_cmpuint(r, ==, org);
}

/* ---- statements ---- */

/* Many statements read at once, in shuffled order with ids that are not
 * statements among them, read as one by one: the same records, and a
 * zeroed one for each id out of range. */
static void
test_statements_batch(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s          = f->store;
  g_autoptr(GRand) rand = g_rand_new_with_seed(7);
  AzkbTermId rel        = azkb_store_intern(s, "r");
  AzkbTermId node[50];
  g_autoptr(GArray) ids         = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autofree AzkbStatement *got = NULL;
  AzkbStatement             zero;
  gsize                     missing = 0;

  memset(&zero, 0, sizeof zero);
  for (guint i = 0; i < G_N_ELEMENTS(node); i++) {
    g_autofree char *name = g_strdup_printf("e%u", i);

    node[i] = azkb_store_add_entity(s, name);
  }
  for (guint i = 0; i < 2000; i++) {
    gint32       from = g_rand_int_range(rand, 1900, 2020);
    AzkbInterval t    = years(from, from + g_rand_int_range(rand, 0, 9));
    AzkbStmtId   id   = azkb_store_add_statement(
      s,
      node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))],
      rel,
      node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))],
      i % 7 == 0 ? NULL : &t);

    g_array_append_val(ids, id);
  }
  for (guint i = 0; i < 40; i++) {
    AzkbStmtId bad = i % 2 ? 0 : azkb_store_n_statements(s) + 1 + i;

    g_array_append_val(ids, bad);
  }
  for (guint i = ids->len; i > 1; i--) {
    guint      j = (guint)g_rand_int_range(rand, 0, (gint32)i);
    AzkbStmtId t = g_array_index(ids, AzkbStmtId, i - 1);

    g_array_index(ids, AzkbStmtId, i - 1) = g_array_index(ids, AzkbStmtId, j);
    g_array_index(ids, AzkbStmtId, j)     = t;
  }
  got = g_new(AzkbStatement, ids->len);
  g_assert_cmpuint(azkb_store_get_statements(
                     s, (const AzkbStmtId *)(gpointer)ids->data, ids->len, got),
                   ==,
                   40);
  for (guint i = 0; i < ids->len; i++) {
    AzkbStatement want;

    memset(&want, 0, sizeof want);
    if (!azkb_store_get_statement(
          s, g_array_index(ids, AzkbStmtId, i), &want)) {
      missing++;
      g_assert_cmpmem(&got[i], sizeof got[i], &zero, sizeof zero);
      continue;
    }
    g_assert_cmpuint(got[i].subject, ==, want.subject);
    g_assert_cmpuint(got[i].relation, ==, want.relation);
    g_assert_cmpuint(got[i].object, ==, want.object);
    g_assert_cmpmem(
      &got[i].time, sizeof got[i].time, &want.time, sizeof want.time);
  }
  g_assert_cmpuint(missing, ==, 40);
  g_assert_cmpuint(azkb_store_get_statements(s, NULL, 0, NULL), ==, 0);
}

/* The sources of many statements at once, with a qualifier among them and
 * ids out of range, as azkb_store_statement_sources() gives each. */
static void
test_sources_batch(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s          = f->store;
  g_autoptr(GRand) rand = g_rand_new_with_seed(11);
  AzkbTermId rel        = azkb_store_intern(s, "r");
  AzkbTermId theme      = azkb_store_intern(s, "theme");
  AzkbTermId value      = string_literal(s, "water");
  AzkbTermId src[5];
  g_autoptr(GArray) ids  = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autoptr(GArray) got  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree guint *ends = NULL;
  guint             at   = 0;

  for (guint i = 0; i < G_N_ELEMENTS(src); i++) {
    g_autofree char *name = g_strdup_printf("P%u", i + 1);

    src[i] = azkb_store_intern(s, name);
    azkb_store_mark(s, src[i], AZKB_TERM_SOURCE);
  }
  for (guint i = 0; i < 500; i++) {
    g_autofree char *a  = g_strdup_printf("a%u", i);
    g_autofree char *b  = g_strdup_printf("b%u", i % 37);
    AzkbStmtId       id = azkb_store_add_statement(
      s, azkb_store_add_entity(s, a), rel, azkb_store_add_entity(s, b), NULL);

    for (gint k = g_rand_int_range(rand, 0, 4); k > 0; k--)
      azkb_store_add_source(
        s, id, src[g_rand_int_range(rand, 0, G_N_ELEMENTS(src))]);
    if (i % 5 == 0)
      azkb_store_add_qualifier(s, id, theme, value);
    g_array_append_val(ids, id);
    g_array_prepend_val(ids, id);
  }
  for (guint i = 0; i < 10; i++) {
    AzkbStmtId bad = i % 2 ? 0 : azkb_store_n_statements(s) + 1;

    g_array_insert_val(ids, i * 97, bad);
  }
  ends = g_new(guint, ids->len);
  azkb_store_get_sources(
    s, (const AzkbStmtId *)(gpointer)ids->data, ids->len, got, ends);
  for (guint i = 0; i < ids->len; i++) {
    g_autoptr(GArray) want =
      azkb_store_statement_sources(s, g_array_index(ids, AzkbStmtId, i));

    g_assert_cmpuint(ends[i] - at, ==, want->len);
    g_assert_cmpmem(&g_array_index(got, AzkbTermId, at),
                    (ends[i] - at) * sizeof(AzkbTermId),
                    want->data,
                    want->len * sizeof(AzkbTermId));
    at = ends[i];
  }
  g_assert_cmpuint(at, ==, got->len);
  g_assert_cmpuint(got->len, >, 500);
}

static void
test_statements(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore      *s      = f->store;
  AzkbTermId      az     = azkb_store_add_entity(s, "Azerbaijan");
  AzkbTermId      ecosoc = azkb_store_add_entity(s, "ECOSOC");
  AzkbTermId      rel    = azkb_store_intern(s, "electedTo");
  AzkbTermId      p7     = azkb_store_intern(s, "P7");
  AzkbTermId      p8     = azkb_store_intern(s, "P8");
  AzkbInterval    first  = years(2003, 2005);
  AzkbInterval    second = years(2017, 2019);
  AzkbStatement   st;
  AzkbStmtId      a, b, again, undated;
  const AzkbEdge *edges;
  gsize           n;

  a       = azkb_store_add_statement(s, az, rel, ecosoc, &first);
  b       = azkb_store_add_statement(s, az, rel, ecosoc, &second);
  again   = azkb_store_add_statement(s, az, rel, ecosoc, &first);
  undated = azkb_store_add_statement(s, az, rel, ecosoc, NULL);
  g_assert_cmpuint(a, !=, 0);
  g_assert_cmpuint(a, !=, b);
  g_assert_cmpuint(a, ==, again);
  g_assert_cmpuint(undated, !=, a);
  g_assert_cmpuint(undated, !=, b);
  g_assert_cmpuint(azkb_store_n_statements(s), ==, 3);
  g_assert_cmpint(azkb_store_term_kind(s, rel) & AZKB_TERM_RELATION, !=, 0);

  g_assert_true(azkb_store_get_statement(s, b, &st));
  g_assert_cmpuint(st.subject, ==, az);
  g_assert_cmpuint(st.relation, ==, rel);
  g_assert_cmpuint(st.object, ==, ecosoc);
  g_assert_cmpmem(&st.time, sizeof st.time, &second, sizeof second);
  g_assert_true(azkb_store_get_statement(s, undated, &st));
  g_assert_cmpint(st.time.start_bound, ==, AZKB_BOUND_UNKNOWN);
  g_assert_cmpint(st.time.end_bound, ==, AZKB_BOUND_UNKNOWN);
  g_assert_false(azkb_store_get_statement(s, 0, &st));
  g_assert_false(azkb_store_get_statement(s, 42, &st));

  edges = azkb_store_out_edges(s, az, rel, &n);
  g_assert_cmpuint(n, ==, 3);
  for (gsize i = 0; i < n; i++) {
    g_assert_cmpuint(edges[i].relation, ==, rel);
    g_assert_cmpuint(edges[i].other, ==, ecosoc);
  }
  edges = azkb_store_in_edges(s, ecosoc, 0, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(edges[0].other, ==, az);

  /* Sources and qualifiers, deduplicated, in insertion order. */
  azkb_store_add_source(s, a, p7);
  azkb_store_add_source(s, a, p8);
  azkb_store_add_source(s, again, p7);
  {
    g_autoptr(GArray) sources = azkb_store_statement_sources(s, a);
    g_autoptr(GArray) none    = azkb_store_statement_sources(s, b);

    g_assert_cmpuint(sources->len, ==, 2);
    g_assert_cmpuint(g_array_index(sources, AzkbTermId, 0), ==, p7);
    g_assert_cmpuint(g_array_index(sources, AzkbTermId, 1), ==, p8);
    g_assert_cmpuint(none->len, ==, 0);
    g_assert_cmpint(azkb_store_term_kind(s, p7) & AZKB_TERM_SOURCE, !=, 0);
  }
  {
    AzkbTermId theme          = azkb_store_intern(s, "theme");
    AzkbTermId water          = string_literal(s, "water");
    AzkbTermId food           = string_literal(s, "food");
    g_autoptr(GArray) quals   = NULL;
    g_autoptr(GArray) sources = NULL;

    azkb_store_add_qualifier(s, b, theme, water);
    azkb_store_add_source(s, b, p8);
    azkb_store_add_qualifier(s, b, theme, food);
    azkb_store_add_qualifier(s, b, theme, water);
    quals   = azkb_store_statement_qualifiers(s, b);
    sources = azkb_store_statement_sources(s, b);
    g_assert_cmpuint(quals->len, ==, 2);
    g_assert_cmpuint(
      g_array_index(quals, AzkbQualifier, 0).property, ==, theme);
    g_assert_cmpuint(g_array_index(quals, AzkbQualifier, 0).value, ==, water);
    g_assert_cmpuint(g_array_index(quals, AzkbQualifier, 1).value, ==, food);
    g_assert_cmpuint(sources->len, ==, 1);
    g_assert_cmpint(azkb_store_term_kind(s, theme) & AZKB_TERM_PROPERTY, !=, 0);
  }
}

/* Open ends, unknown ends and points are part of the key. */
static void
test_statement_time_key(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s = f->store;
  AzkbTermId x = azkb_store_add_entity(s, "x");
  AzkbTermId y = azkb_store_add_entity(s, "y");
  AzkbTermId r = azkb_store_intern(s, "r");
  AzkbDate   d = {
      .year = 2012, .month = 5, .day = 4, .precision = AZKB_PRECISION_DAY
  };
  AzkbInterval  open        = { .start       = d,
                                .start_bound = AZKB_BOUND_DATE,
                                .end_bound   = AZKB_BOUND_OPEN };
  AzkbInterval  unknown_end = { .start = d, .start_bound = AZKB_BOUND_DATE };
  AzkbInterval  point       = { .start       = d,
                                .end         = d,
                                .start_bound = AZKB_BOUND_DATE,
                                .end_bound   = AZKB_BOUND_DATE,
                                .is_point    = TRUE };
  AzkbInterval  same_day    = point;
  AzkbInterval  garbage     = { .end = d }; /* date under an unknown bound */
  AzkbStatement st;
  AzkbStmtId    ids[4];

  same_day.is_point = FALSE;
  ids[0]            = azkb_store_add_statement(s, x, r, y, &open);
  ids[1]            = azkb_store_add_statement(s, x, r, y, &unknown_end);
  ids[2]            = azkb_store_add_statement(s, x, r, y, &point);
  ids[3]            = azkb_store_add_statement(s, x, r, y, &same_day);
  for (guint i = 0; i < 4; i++)
    for (guint j = i + 1; j < 4; j++)
      g_assert_cmpuint(ids[i], !=, ids[j]);
  /* A date under an unknown bound is not part of the key. */
  g_assert_cmpuint(azkb_store_add_statement(s, x, r, y, &garbage),
                   ==,
                   azkb_store_add_statement(s, x, r, y, NULL));

  g_assert_true(azkb_store_get_statement(s, ids[0], &st));
  g_assert_cmpmem(&st.time, sizeof st.time, &open, sizeof open);
  g_assert_true(azkb_store_get_statement(s, ids[2], &st));
  g_assert_cmpmem(&st.time, sizeof st.time, &point, sizeof point);
}

/* A statement whose object is a literal makes its relation a property. */
static void
test_literal_statement(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId x     = azkb_store_add_entity(f->store, "x");
  AzkbTermId count = azkb_store_intern(f->store, "count");
  AzkbTermId five  = string_literal(f->store, "five");
  gsize      n;

  azkb_store_add_statement(f->store, x, count, five, NULL);
  g_assert_cmpint(
    azkb_store_term_kind(f->store, count), ==, AZKB_TERM_PROPERTY);
  azkb_store_in_edges(f->store, five, 0, &n);
  g_assert_cmpuint(n, ==, 1);
}

/* ---- adjacency ---- */

static void
test_adjacency_relations(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore      *s  = f->store;
  AzkbTermId      a  = azkb_store_add_entity(s, "a");
  AzkbTermId      b  = azkb_store_add_entity(s, "b");
  AzkbTermId      c  = azkb_store_add_entity(s, "c");
  AzkbTermId      r1 = azkb_store_intern(s, "r1");
  AzkbTermId      r2 = azkb_store_intern(s, "r2");
  AzkbTermId      r3 = azkb_store_intern(s, "r3");
  const AzkbEdge *e;
  gsize           n;
  g_autoptr(GArray) rels = NULL;

  azkb_store_add_statement(s, a, r2, c, NULL);
  azkb_store_add_statement(s, a, r1, c, NULL);
  azkb_store_add_statement(s, a, r2, b, NULL);
  azkb_store_add_statement(s, b, r1, c, NULL);

  e = azkb_store_out_edges(s, a, 0, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(e[0].relation, ==, r1);
  g_assert_cmpuint(e[1].relation, ==, r2);
  g_assert_cmpuint(e[1].other, ==, b);
  g_assert_cmpuint(e[2].other, ==, c);
  e = azkb_store_out_edges(s, a, r2, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpuint(e[0].other, ==, b);
  e = azkb_store_out_edges(s, a, r3, &n);
  g_assert_cmpuint(n, ==, 0);
  g_assert_null(e);
  e = azkb_store_in_edges(s, c, r1, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpuint(e[0].other, ==, a);
  g_assert_cmpuint(e[1].other, ==, b);
  e = azkb_store_out_edges(s, c, 0, &n);
  g_assert_cmpuint(n, ==, 0);
  e = azkb_store_out_edges(s, 0, 0, &n);
  g_assert_cmpuint(n, ==, 0);

  /* A write after a read: the index is rebuilt. */
  azkb_store_add_statement(s, c, r3, a, NULL);
  e = azkb_store_out_edges(s, c, 0, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(e[0].relation, ==, r3);
  e = azkb_store_in_edges(s, a, r3, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(e[0].other, ==, c);
  /* A new term beyond the last built node. */
  e = azkb_store_out_edges(s, azkb_store_add_entity(s, "d"), 0, &n);
  g_assert_cmpuint(n, ==, 0);

  rels = azkb_store_relations(s);
  g_assert_cmpuint(rels->len, ==, 3);
  g_assert_cmpuint(g_array_index(rels, AzkbTermId, 0), ==, r1);
  g_assert_cmpuint(g_array_index(rels, AzkbTermId, 2), ==, r3);
}

/* Random graphs: adjacency must equal a naive scan of every statement. */
static void
check_against_scan(AzkbStore *s, guint n_nodes, guint n_rels, gboolean out)
{
  guint n_stmts = azkb_store_n_statements(s);

  for (AzkbTermId node = 1; node <= n_nodes + n_rels; node++)
    for (AzkbTermId rel = 0; rel <= n_nodes + n_rels; rel++) {
      gsize           n;
      const AzkbEdge *e        = out ? azkb_store_out_edges(s, node, rel, &n)
                                     : azkb_store_in_edges(s, node, rel, &n);
      gsize           expected = 0;

      for (AzkbStmtId id = 1; id <= n_stmts; id++) {
        AzkbStatement st;

        azkb_store_get_statement(s, id, &st);
        if ((out ? st.subject : st.object) == node &&
            (rel == 0 || st.relation == rel))
          expected++;
      }
      g_assert_cmpuint(n, ==, expected);
      for (gsize i = 0; i < n; i++) {
        AzkbStatement st;

        g_assert_true(azkb_store_get_statement(s, e[i].stmt, &st));
        g_assert_cmpuint(out ? st.subject : st.object, ==, node);
        g_assert_cmpuint(st.relation, ==, e[i].relation);
        g_assert_cmpuint(out ? st.object : st.subject, ==, e[i].other);
        if (rel != 0)
          g_assert_cmpuint(e[i].relation, ==, rel);
        if (i > 0) {
          const AzkbEdge *p = &e[i - 1];

          g_assert_true(p->relation < e[i].relation ||
                        (p->relation == e[i].relation &&
                         (p->other < e[i].other ||
                          (p->other == e[i].other && p->stmt < e[i].stmt))));
        }
      }
    }
}

static void
test_adjacency_random(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(20240501);
  AzkbStore *s          = f->store;
  guint      n_nodes    = 60;
  guint      n_rels     = 5;

  for (guint i = 0; i < n_nodes; i++) {
    g_autofree char *name = g_strdup_printf("n%u", i);
    azkb_store_add_entity(s, name);
  }
  for (guint i = 0; i < n_rels; i++) {
    g_autofree char *name = g_strdup_printf("rel%u", i);
    azkb_store_intern(s, name);
  }
  for (guint round = 0; round < 3; round++) {
    for (guint i = 0; i < 400; i++) {
      /* A skewed choice of subject: low ids get many edges. */
      guint sub =
        g_rand_int_range(rand, 0, 1 + g_rand_int_range(rand, 1, n_nodes));
      AzkbInterval time = years(g_rand_int_range(rand, 1990, 2000),
                                g_rand_int_range(rand, 2000, 2003));

      azkb_store_add_statement(s,
                               sub + 1,
                               n_nodes + 1 + g_rand_int_range(rand, 0, n_rels),
                               g_rand_int_range(rand, 1, n_nodes + 1),
                               g_rand_boolean(rand) ? &time : NULL);
    }
    check_against_scan(s, n_nodes, n_rels, TRUE);
    check_against_scan(s, n_nodes, n_rels, FALSE);
  }
}

/* ---- locations ---- */

static void
test_locations(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore  *s    = f->store;
  AzkbTermId  e    = azkb_store_add_entity(s, "e");
  AzkbTermId  r    = azkb_store_intern(s, "r");
  AzkbStmtId  st   = azkb_store_add_statement(s, e, r, e, NULL);
  const char *file = NULL;
  guint       line = 0;

  g_assert_false(azkb_store_get_location(s, e, 0, &file, &line));
  g_assert_null(file);
  azkb_store_set_location(s, e, st, "data/kb.ttl", 12);
  azkb_store_set_location(s, e, 0, "data/other.ttl", 40);
  g_assert_true(azkb_store_get_location(s, e, 0, &file, &line));
  g_assert_cmpstr(file, ==, "data/kb.ttl");
  g_assert_cmpuint(line, ==, 12);
  g_assert_true(azkb_store_get_location(s, 0, st, NULL, &line));
  g_assert_cmpuint(line, ==, 12);
  g_assert_false(azkb_store_get_location(s, r, 0, &file, &line));
  g_assert_false(azkb_store_get_location(s, 0, 99, &file, &line));
}

/* ---- merge ---- */

static void
build_part(AzkbStore *s, const char *file, gint32 from, gint32 to)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId az           = azkb_store_add_entity(s, "Azerbaijan");
  AzkbTermId body         = azkb_store_add_entity(s, "ECOSOC");
  AzkbTermId rel          = azkb_store_intern(s, "electedTo");
  AzkbTermId src          = azkb_store_intern(s, "P7");
  AzkbTermId theme        = azkb_store_intern(s, "theme");
  AzkbTermId val =
    azkb_store_intern_literal(s, AZKB_VALUE_STRING, file, NULL, "en", &error);
  AzkbTermId   country = azkb_store_intern(s, "Country");
  AzkbInterval time    = years(from, to);
  AzkbStmtId   st;

  g_assert_no_error(error);
  azkb_store_add_class(s, az, country);
  azkb_store_add_subclass(s, country, azkb_store_intern(s, "Place"));
  azkb_store_add_label(
    s, body, "Economic and Social Council", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_attribute(s, az, theme, val);
  azkb_store_set_signature(s, rel, country, 0);
  st = azkb_store_add_statement(s, az, rel, body, &time);
  azkb_store_add_source(s, st, src);
  azkb_store_add_qualifier(s, st, theme, val);
  azkb_store_set_location(s, az, st, file, (guint)from);
}

static void
test_merge(void)
{
  g_autoptr(AzkbStore) a = azkb_store_new();
  g_autoptr(AzkbStore) b = azkb_store_new();
  AzkbTermId   az, body, rel, country, place, dom, ran, theme;
  AzkbInterval early = years(2003, 2005);
  AzkbStmtId   st;
  gsize        n;
  const char  *file;
  guint        line;

  /* Different interning orders give different ids in the two stores. */
  azkb_store_intern(b, "padding");
  azkb_store_intern(b, "more padding");
  build_part(a, "a.ttl", 2003, 2005);
  build_part(b, "b.ttl", 2017, 2019);
  azkb_store_add_entity(b, "UNICEF");
  azkb_store_merge(a, b);
  azkb_store_merge(a, b); /* twice: nothing new */

  az      = azkb_store_lookup(a, "Azerbaijan");
  body    = azkb_store_lookup(a, "ECOSOC");
  rel     = azkb_store_lookup(a, "electedTo");
  country = azkb_store_lookup(a, "Country");
  place   = azkb_store_lookup(a, "Place");
  theme   = azkb_store_lookup(a, "theme");
  g_assert_cmpuint(azkb_store_lookup(a, "UNICEF"), !=, 0);
  g_assert_cmpint(azkb_store_term_kind(a, azkb_store_lookup(a, "UNICEF")),
                  ==,
                  AZKB_TERM_ENTITY);
  g_assert_cmpuint(azkb_store_n_statements(a), ==, 2);
  azkb_store_out_edges(a, az, rel, &n);
  g_assert_cmpuint(n, ==, 2);
  azkb_store_entity_classes(a, az, &n);
  g_assert_cmpuint(n, ==, 1);
  azkb_store_entity_labels(a, body, &n);
  g_assert_cmpuint(n, ==, 1);
  azkb_store_entity_attributes(a, az, &n);
  g_assert_cmpuint(n, ==, 2); /* "a.ttl"@en and "b.ttl"@en */
  g_assert_true(azkb_store_is_subclass(a, country, place));
  azkb_store_get_signature(a, rel, &dom, &ran);
  g_assert_cmpuint(dom, ==, country);
  g_assert_cmpuint(ran, ==, 0);

  /* The statement from b: its source, qualifier and location came along. */
  st = azkb_store_add_statement(a, az, rel, body, &early);
  g_assert_cmpuint(st, ==, 1);
  st = 2;
  {
    g_autoptr(GArray) sources = azkb_store_statement_sources(a, st);
    g_autoptr(GArray) quals   = azkb_store_statement_qualifiers(a, st);
    AzkbLiteral   lit;
    AzkbStatement stmt;

    g_assert_true(azkb_store_get_statement(a, st, &stmt));
    g_assert_cmpint(stmt.time.start.year, ==, 2017);
    g_assert_cmpuint(sources->len, ==, 1);
    g_assert_cmpstr(
      azkb_store_term_name(a, g_array_index(sources, AzkbTermId, 0)), ==, "P7");
    g_assert_cmpuint(quals->len, ==, 1);
    g_assert_cmpuint(
      g_array_index(quals, AzkbQualifier, 0).property, ==, theme);
    g_assert_true(azkb_store_get_literal(
      a, g_array_index(quals, AzkbQualifier, 0).value, &lit));
    g_assert_cmpstr(lit.lexical, ==, "b.ttl");
    g_assert_cmpstr(lit.lang, ==, "en");
  }
  g_assert_true(azkb_store_get_location(a, 0, st, &file, &line));
  g_assert_cmpstr(file, ==, "b.ttl");
  g_assert_cmpuint(line, ==, 2017);
  g_assert_true(azkb_store_get_location(a, az, 0, &file, &line));
  g_assert_cmpstr(file, ==, "a.ttl");
  g_assert_cmpuint(find_one(a, "economic and social council"), ==, body);
  /* b is left as it was. */
  g_assert_cmpuint(azkb_store_n_statements(b), ==, 1);
}

static void
test_memory_size(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  gsize      empty = azkb_store_memory_size(f->store);
  AzkbTermId a     = azkb_store_add_entity(f->store, "a");
  AzkbTermId r     = azkb_store_intern(f->store, "r");
  gsize      n;

  g_assert_cmpuint(empty, >, 0);
  for (guint i = 0; i < 100; i++) {
    g_autofree char *name = g_strdup_printf("b%u", i);
    azkb_store_add_statement(
      f->store, a, r, azkb_store_add_entity(f->store, name), NULL);
  }
  azkb_store_out_edges(f->store, a, 0, &n);
  g_assert_cmpuint(n, ==, 100);
  g_assert_cmpuint(
    azkb_store_memory_size(f->store), >, empty + 100 * (sizeof(AzkbEdge) * 2));
}

/* Reserving room changes no answer: before, between and after adds, with
 * hints too small and too large. */
static void
test_reserve(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  AzkbTermId terms[300];
  AzkbStmtId stmts[299];

  azkb_store_reserve(store, 10, 5);
  for (guint i = 0; i < G_N_ELEMENTS(terms); i++) {
    g_autofree char *name = g_strdup_printf("T%u", i);

    terms[i] = azkb_store_intern(store, name);
    if (i == 100)
      azkb_store_reserve(store, 5000, 5000);
  }
  for (guint i = 0; i + 1 < G_N_ELEMENTS(terms); i++) {
    stmts[i] =
      azkb_store_add_statement(store, terms[i], terms[0], terms[i + 1], NULL);
    if (i == 50)
      azkb_store_reserve(store, 1, 1);
  }
  g_assert_cmpuint(azkb_store_n_statements(store), ==, G_N_ELEMENTS(stmts));
  for (guint i = 0; i < G_N_ELEMENTS(terms); i++) {
    g_autofree char *name = g_strdup_printf("T%u", i);

    g_assert_cmpuint(azkb_store_lookup(store, name), ==, terms[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS(stmts); i++)
    g_assert_cmpuint(
      azkb_store_add_statement(store, terms[i], terms[0], terms[i + 1], NULL),
      ==,
      stmts[i]);
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

#define ADD(path, func)                                                        \
  g_test_add(                                                                  \
    "/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_LOOKUP(path, func)                                                 \
  g_test_add(                                                                  \
    "/store/" path, Fixture, NULL, lookup_set_up, func, fixture_tear_down)

  g_test_add_func("/store/lifetime/unref-null", test_unref_null);
  ADD("terms/intern", test_intern);
  ADD("terms/intern-many", test_intern_many);
  ADD("terms/kinds", test_kinds);
  ADD("literals/interning", test_literal_interning);
  ADD("literals/invalid-other", test_literal_invalid_other);
  for (gsize i = 0; i < G_N_ELEMENTS(literal_cases); i++) {
    g_autofree char *path = g_strdup_printf(
      "/store/literals/validate/%s/%s/%s",
      value_kind_names[literal_cases[i].kind],
      literal_cases[i].valid ? "valid" : "invalid",
      *literal_cases[i].lexical ? literal_cases[i].lexical : "(empty)");
    g_test_add_data_func(path, &literal_cases[i], test_literal_validation);
  }
  ADD("entities/data", test_entity_data);
  ADD("entities/display-name", test_display_name);
  ADD_LOOKUP("lookup/find", test_find);
  ADD_LOOKUP("lookup/find-after-write", test_find_after_write);
  ADD_LOOKUP("lookup/resolve", test_resolve);
  ADD_LOOKUP("lookup/suggest", test_suggest);
  ADD("ontology/subclass", test_subclass);
  ADD("ontology/signature", test_signature);
  ADD("ontology/class-members", test_class_members);
  ADD("ontology/class-members-random", test_class_members_random);
  g_test_add_func("/store/ontology/class-members-snapshot",
                  test_class_members_snapshot);
  ADD("statements/basic", test_statements);
  ADD("statements/read-many-at-once", test_statements_batch);
  ADD("statements/sources-many-at-once", test_sources_batch);
  ADD("statements/time-key", test_statement_time_key);
  ADD("statements/literal-object", test_literal_statement);
  ADD("adjacency/relations", test_adjacency_relations);
  ADD("adjacency/random", test_adjacency_random);
  ADD("locations/basic", test_locations);
  g_test_add_func("/store/merge/two-stores", test_merge);
  g_test_add_func("/store/reserve", test_reserve);
  g_test_add_func("/store/names/namespaces", test_namespaces);
  ADD("memory/size", test_memory_size);
  ADD("names/ranks-order-names", test_name_ranks);
  g_test_add_func("/store/names/ranks-after-absorb", test_name_ranks_absorb);
  return g_test_run();
}
