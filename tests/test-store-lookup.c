/* Tests of finding terms by name (lookup, resolve, suggest) and of the
 * ontology: subclasses, signatures and the inverse views of class members
 * and subclasses, also after a snapshot. */
#include "store-test.h"

#include <azkb/snapshot.h>

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

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

#define ADD_LOOKUP(path, func)                                                 \
  g_test_add(                                                                  \
    "/store/" path, Fixture, NULL, lookup_set_up, func, fixture_tear_down)

  ADD_LOOKUP("lookup/find", test_find);
  ADD_LOOKUP("lookup/find-after-write", test_find_after_write);
  ADD_LOOKUP("lookup/resolve", test_resolve);
  ADD_LOOKUP("lookup/suggest", test_suggest);
  STORE_ADD("ontology/subclass", test_subclass);
  STORE_ADD("ontology/signature", test_signature);
  STORE_ADD("ontology/class-members", test_class_members);
  STORE_ADD("ontology/class-members-random", test_class_members_random);
  g_test_add_func("/store/ontology/class-members-snapshot",
                  test_class_members_snapshot);
  return g_test_run();
}
