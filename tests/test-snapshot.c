/* Tests of binary snapshots: exact round trip, and rejection of truncated,
 * damaged, foreign and wrong-version files. */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <string.h>

typedef struct {
  char      *dir;
  AzkbStore *store;
  char      *path;
} Fixture;

/* A generated graph plus everything the generator does not make: literal
 * attributes of each kind, qualifiers, several sources, language-tagged
 * labels, undated statements and load locations. */
static AzkbStore *
rich_store(void)
{
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  AzkbGenerateOptions options = { .n_entities = 1500, .seed = 99 };
  AzkbTermId          e, f, prop, num, date, lit, theme;
  AzkbStmtId          st;
  AzkbDate            d = {
               .year = 2012, .month = 5, .day = 4, .precision = AZKB_PRECISION_DAY
  };
  AzkbInterval t = azkb_interval_point(&d);

  g_assert_true(azkb_generate(store, &options, &error));
  e    = azkb_store_add_entity(store, "Azerbaijan");
  f    = azkb_store_add_entity(store, "Ümläut_Ölçü");
  prop = azkb_store_intern(store, "population");
  num  = azkb_store_intern_literal(
    store, AZKB_VALUE_INTEGER, "10000000", NULL, NULL, &error);
  g_assert_no_error(error);
  date = azkb_store_intern_literal(
    store, AZKB_VALUE_DATE, "1991-10-18", NULL, NULL, &error);
  lit = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, "Azərbaycan", NULL, "az", &error);
  theme = azkb_store_intern_literal(
    store, AZKB_VALUE_OTHER, "x", "http://example.org/dt", NULL, &error);
  g_assert_no_error(error);
  azkb_store_add_attribute(store, e, prop, num);
  azkb_store_add_attribute(store, e, azkb_store_intern(store, "founded"), date);
  azkb_store_add_label(store, e, "Azərbaycan", "az", AZKB_LABEL_PREFERRED);
  azkb_store_add_label(store, e, "AZ", NULL, AZKB_LABEL_ALTERNATIVE);
  azkb_store_add_class(store, f, azkb_store_lookup(store, "Country"));
  st = azkb_store_add_statement(
    store, e, azkb_store_lookup(store, "memberOf"), f, &t);
  azkb_store_add_source(store, st, azkb_store_intern(store, "P7"));
  azkb_store_add_source(store, st, azkb_store_intern(store, "P8"));
  azkb_store_add_qualifier(store, st, azkb_store_intern(store, "theme"), lit);
  azkb_store_add_qualifier(store, st, prop, theme);
  st = azkb_store_add_statement(
    store, f, azkb_store_lookup(store, "cooperatesWith"), e, NULL);
  azkb_store_set_location(store, e, 0, "data/kb.ttl", 12);
  azkb_store_set_location(store, f, st, "data/other.ttl", 3);
  azkb_store_set_location(store, 0, 1, "data/kb.ttl", 40);
  return g_steal_pointer(&store);
}

static void
dump_literal(GString *out, const AzkbStore *store, AzkbTermId t)
{
  AzkbLiteral lit;

  if (azkb_store_get_literal(store, t, &lit))
    g_string_append_printf(out,
                           " lit(%d,%s,%s,%s)",
                           lit.kind,
                           lit.lexical,
                           lit.datatype ? lit.datatype : "-",
                           lit.lang ? lit.lang : "-");
}

/* Everything the public API tells about @store, as text. */
static char *
dump(AzkbStore *store)
{
  GString *out = g_string_new(NULL);

  for (AzkbTermId t = 1; t <= azkb_store_n_terms(store); t++) {
    gsize                n;
    const AzkbTermId    *ids;
    const AzkbLabel     *labels;
    const AzkbQualifier *attrs;
    AzkbTermId           dom, ran;
    const char          *file = NULL;
    guint                line = 0;

    g_string_append_printf(out,
                           "T%u %s k%d",
                           t,
                           azkb_store_term_name(store, t),
                           azkb_store_term_kind(store, t));
    dump_literal(out, store, t);
    ids = azkb_store_entity_classes(store, t, &n);
    for (gsize i = 0; i < n; i++)
      g_string_append_printf(out, " c%u", ids[i]);
    ids = azkb_store_superclasses(store, t, &n);
    for (gsize i = 0; i < n; i++)
      g_string_append_printf(out, " s%u", ids[i]);
    labels = azkb_store_entity_labels(store, t, &n);
    for (gsize i = 0; i < n; i++)
      g_string_append_printf(out,
                             " l(%s,%s,%d)",
                             labels[i].text,
                             labels[i].lang ? labels[i].lang : "-",
                             labels[i].kind);
    attrs = azkb_store_entity_attributes(store, t, &n);
    for (gsize i = 0; i < n; i++)
      g_string_append_printf(
        out, " a(%u=%u)", attrs[i].property, attrs[i].value);
    azkb_store_get_signature(store, t, &dom, &ran);
    if (dom || ran)
      g_string_append_printf(out, " sig(%u,%u)", dom, ran);
    if (azkb_store_get_location(store, t, 0, &file, &line))
      g_string_append_printf(out, " at %s:%u", file, line);
    g_string_append_c(out, '\n');
  }
  for (AzkbStmtId s = 1; s <= azkb_store_n_statements(store); s++) {
    AzkbStatement    st;
    g_autofree char *time  = NULL;
    g_autoptr(GArray) src  = azkb_store_statement_sources(store, s);
    g_autoptr(GArray) qual = azkb_store_statement_qualifiers(store, s);
    const char *file       = NULL;
    guint       line       = 0;

    g_assert_true(azkb_store_get_statement(store, s, &st));
    time = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
    g_string_append_printf(out,
                           "S%u %u %u %u %s pt%d",
                           s,
                           st.subject,
                           st.relation,
                           st.object,
                           time,
                           st.time.is_point);
    for (guint i = 0; i < src->len; i++)
      g_string_append_printf(out, " src%u", g_array_index(src, AzkbTermId, i));
    for (guint i = 0; i < qual->len; i++) {
      const AzkbQualifier *q = &g_array_index(qual, AzkbQualifier, i);

      g_string_append_printf(out, " q(%u=%u)", q->property, q->value);
    }
    if (azkb_store_get_location(store, 0, s, &file, &line))
      g_string_append_printf(out, " at %s:%u", file, line);
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

static void
fixture_set_up(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  fx->dir   = azkb_test_tmpdir_new("azkb-snapshot");
  fx->store = rich_store();
  fx->path  = g_build_filename(fx->dir, "kb.azs", NULL);
  g_assert_true(azkb_snapshot_save(fx->store, fx->path, &error));
  g_assert_no_error(error);
}

static void
fixture_tear_down(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  azkb_test_tmpdir_remove(fx->dir);
  g_free(fx->dir);
  g_free(fx->path);
  azkb_store_unref(fx->store);
}

static GBytes *
read_all(const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data              = NULL;
  gsize len               = 0;

  g_assert_true(g_file_get_contents(path, &data, &len, &error));
  g_assert_no_error(error);
  return g_bytes_new_take(data, len);
}

static void
test_round_trip(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error     = NULL;
  g_autoptr(AzkbStore) loaded = azkb_snapshot_load(fx->path, &error);
  g_autofree char *before     = NULL;
  g_autofree char *after      = NULL;
  AzkbStatement    st;
  AzkbTermId       az;

  g_assert_no_error(error);
  g_assert_nonnull(loaded);
  before = dump(fx->store);
  after  = dump(loaded);
  g_assert_true(strcmp(after, before) == 0);

  /* The rebuilt key tables find what was there: no duplicate on re-add. */
  az = azkb_store_lookup(loaded, "Azerbaijan");
  g_assert_cmpuint(az, ==, azkb_store_lookup(fx->store, "Azerbaijan"));
  g_assert_cmpuint(azkb_store_intern(loaded, "Ümläut_Ölçü"),
                   ==,
                   azkb_store_lookup(fx->store, "Ümläut_Ölçü"));
  g_assert_true(azkb_store_get_statement(loaded, 7, &st));
  g_assert_cmpuint(azkb_store_add_statement(
                     loaded, st.subject, st.relation, st.object, &st.time),
                   ==,
                   7);
  g_assert_cmpuint(
    azkb_store_n_statements(loaded), ==, azkb_store_n_statements(fx->store));
  g_assert_true(azkb_snapshot_sniff(fx->path));
}

/* The same store saves to the same bytes; a reloaded one too. */
static void
test_deterministic(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error     = NULL;
  g_autofree char *again      = g_build_filename(fx->dir, "again.azs", NULL);
  g_autoptr(AzkbStore) loaded = azkb_snapshot_load(fx->path, &error);
  g_autoptr(GBytes) a         = NULL;
  g_autoptr(GBytes) b         = NULL;

  g_assert_no_error(error);
  g_assert_true(azkb_snapshot_save(loaded, again, &error));
  g_assert_no_error(error);
  a = read_all(fx->path);
  b = read_all(again);
  g_assert_true(g_bytes_equal(a, b));
}

static void
test_empty(void)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) empty = azkb_store_new();
  g_autofree char *dir       = azkb_test_tmpdir_new("azkb-snapshot");
  g_autofree char *path      = g_build_filename(dir, "empty.azs", NULL);
  g_autoptr(AzkbStore) back  = NULL;

  g_assert_true(azkb_snapshot_save(empty, path, &error));
  back = azkb_snapshot_load(path, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_store_n_terms(back), ==, 0);
  g_assert_cmpuint(azkb_store_n_statements(back), ==, 0);
  azkb_test_tmpdir_remove(dir);
}

static void
assert_rejected(GBytes *bytes, gsize size, const char *expect)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = NULL;

  store = azkb_snapshot_load_data(
    g_bytes_get_data(bytes, NULL), size, "kb.azs", &error);
  g_assert_null(store);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_SNAPSHOT_CORRUPT);
  g_assert_true(g_str_has_prefix(error->message, "kb.azs: "));
  if (expect != NULL && strstr(error->message, expect) == NULL)
    g_error("message \"%s\" lacks \"%s\"", error->message, expect);
}

/* Every prefix of a snapshot is refused: the first 64 and then a spread of
 * a few hundred lengths across the whole file. */
static void
test_truncated(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = read_all(fx->path);
  gsize size              = g_bytes_get_size(bytes);
  gsize step              = MAX(1u, size / 300);

  g_assert_cmpuint(size, >, 1000);
  for (gsize len = 0; len < size; len += len < 64 ? 1 : step)
    assert_rejected(bytes, len, "truncated");
  assert_rejected(bytes, size - 1, "truncated");
}

/* One flipped bit anywhere is caught: by the magic, the version, the size
 * or the checksum. */
static void
test_bit_flips(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GBytes) orig  = read_all(fx->path);
  gsize   size            = g_bytes_get_size(orig);
  guint8 *copy            = g_memdup2(g_bytes_get_data(orig, NULL), size);
  g_autoptr(GBytes) bytes = g_bytes_new_take(copy, size);
  GRand *rand             = g_rand_new_with_seed(5);

  for (guint i = 0; i < 600; i++) {
    gsize  at  = i < 256 ? i : (gsize)g_rand_int_range(rand, 0, (gint32)size);
    guint8 bit = (guint8)(1u << g_rand_int_range(rand, 0, 8));

    copy[at] ^= bit;
    assert_rejected(bytes, size, NULL);
    copy[at] ^= bit;
  }
  g_rand_free(rand);
}

static void
test_wrong_version(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GBytes) orig  = read_all(fx->path);
  gsize   size            = g_bytes_get_size(orig);
  guint8 *copy            = g_memdup2(g_bytes_get_data(orig, NULL), size);
  g_autoptr(GBytes) bytes = g_bytes_new_take(copy, size);
  guint64 sum;

  /* Version 2 with a correct checksum: refused for its version alone. */
  copy[16] = 2;
  sum      = GUINT64_TO_LE(azkb_snapshot_checksum(copy + 16, size - 16));
  memcpy(copy + 8, &sum, sizeof sum);
  assert_rejected(bytes,
                  size,
                  "snapshot format version 2; this azkb reads "
                  "version 1");
}

/* Damage behind a valid checksum (a crafted file): every id and offset is
 * checked, so loading fails cleanly or yields a store, never a crash.  Run
 * under ASan/valgrind this is the proof. */
static void
test_crafted(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GBytes) orig = read_all(fx->path);
  gsize   size           = g_bytes_get_size(orig);
  guint8 *copy           = g_memdup2(g_bytes_get_data(orig, NULL), size);
  GRand  *rand           = g_rand_new_with_seed(17);
  guint   refused        = 0;

  for (guint i = 0; i < 300; i++) {
    gsize   at    = (gsize)g_rand_int_range(rand, 16, (gint32)size);
    guint8  saved = copy[at];
    guint64 sum;
    g_autoptr(GError) error    = NULL;
    g_autoptr(AzkbStore) store = NULL;

    copy[at] = (guint8)g_rand_int_range(rand, 0, 256);
    sum      = GUINT64_TO_LE(azkb_snapshot_checksum(copy + 16, size - 16));
    memcpy(copy + 8, &sum, sizeof sum);
    store = azkb_snapshot_load_data(copy, size, "kb.azs", &error);
    if (store == NULL) {
      g_assert_error(
        error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_SNAPSHOT_CORRUPT);
      refused++;
    } else
      g_assert_no_error(error);
    copy[at] = saved;
  }
  /* Most bytes are ids, counts or offsets: most damage is caught. */
  g_assert_cmpuint(refused, >, 50);
  g_rand_free(rand);
  g_free(copy);
}

static void
test_foreign(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error    = NULL;
  g_autofree char *ttl       = g_build_filename(fx->dir, "kb.ttl", NULL);
  g_autofree char *missing   = g_build_filename(fx->dir, "none.azs", NULL);
  g_autoptr(AzkbStore) store = NULL;

  g_assert_true(g_file_set_contents(
    ttl, "@prefix az: <http://azkb.example/id/> .\n", -1, NULL));
  store = azkb_snapshot_load(ttl, &error);
  g_assert_null(store);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_SNAPSHOT_CORRUPT);
  g_assert_nonnull(strstr(error->message, "not an azkb snapshot"));
  g_assert_false(azkb_snapshot_sniff(ttl));
  g_clear_error(&error);

  store = azkb_snapshot_load(missing, &error);
  g_assert_null(store);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_IO);
  g_assert_false(azkb_snapshot_sniff(missing));
}

/* A failed save leaves nothing behind, and an existing file untouched. */
static void
test_save_fails(Fixture *fx, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad    = g_build_filename(fx->dir, "no", "kb.azs", NULL);
  g_autoptr(GDir) dir     = NULL;
  const char *name;
  guint       n = 0;

  g_assert_false(azkb_snapshot_save(fx->store, bad, &error));
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_IO);
  g_assert_true(g_str_has_prefix(error->message, bad));
  dir = g_dir_open(fx->dir, 0, NULL);
  while ((name = g_dir_read_name(dir)) != NULL)
    n++;
  g_assert_cmpuint(n, ==, 1); /* kb.azs alone, no temporary file */
}

/* One term's kind bits changed behind a valid checksum, as a hand-made
 * file could (fuzz findings snapshot-literal-is-entity, -literal-without-
 * kind, -relation-without-kind): the loader refuses a kind that does not
 * fit how the term is used, naming the term or the record. */
typedef struct {
  const char  *path;
  const char  *term;   /* a named term, or NULL: the literal "10000000" */
  AzkbTermKind clear;  /* kind bits taken away */
  AzkbTermKind set;    /* kind bits added */
  const char  *expect; /* in the message */
} KindCase;

static const KindCase kind_cases[] = {
  { "/snapshot/reject/kinds/literal-is-entity",
    NULL,
    0,
    AZKB_TERM_ENTITY,
    "is a literal and also of the entity kind" },
  { "/snapshot/reject/kinds/literal-without-kind",
    NULL,
    AZKB_TERM_LITERAL,
    0,
    "is a literal without the literal kind" },
  { "/snapshot/reject/kinds/named-literal-kind",
    "Azerbaijan",
    0,
    AZKB_TERM_LITERAL,
    "is of the literal kind but not a literal" },
  { "/snapshot/reject/kinds/relation-without-kind",
    "memberOf",
    AZKB_TERM_RELATION,
    0,
    "is not of the relation kind" },
  { "/snapshot/reject/kinds/property-without-kind",
    "population",
    AZKB_TERM_PROPERTY,
    0,
    "is not of the property kind" },
  { "/snapshot/reject/kinds/source-without-kind",
    "P7",
    AZKB_TERM_SOURCE,
    0,
    "is not of the source kind" },
  { "/snapshot/reject/kinds/class-without-kind",
    "Country",
    AZKB_TERM_CLASS,
    0,
    "is not of the class kind" },
};

static guint32
get_le32(const guint8 *p)
{
  return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 |
         (guint32)p[3] << 24;
}

static guint64
get_le64(const guint8 *p)
{
  return (guint64)get_le32(p) | (guint64)get_le32(p + 4) << 32;
}

static void
put_le32(guint8 *p, guint32 v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (guint8)(v >> (8 * i));
}

/* Where term @t's flags lie in snapshot @data (see azkb/snapshot.h). */
static gsize
term_flags_at(const guint8 *data, gsize size, AzkbTermId t)
{
  guint32 n_sections = get_le32(data + 20);

  for (guint32 s = 0; s < n_sections; s++) {
    const guint8 *e = data + 32 + (gsize)s * 24;

    if (memcmp(e, "TERM", 4) == 0) {
      g_assert_cmpuint(t, <=, get_le64(e + 8));
      g_assert_cmpuint(get_le64(e + 16) + (guint64)t * 8, <=, size);
      return (gsize)get_le64(e + 16) + (gsize)(t - 1) * 8;
    }
  }
  g_assert_not_reached();
}

static void
test_kinds(Fixture *fx, gconstpointer data)
{
  const KindCase *c       = data;
  g_autoptr(GBytes) orig  = read_all(fx->path);
  gsize              size = g_bytes_get_size(orig);
  g_autofree guint8 *copy = g_memdup2(g_bytes_get_data(orig, NULL), size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AzkbTermId t;
  gsize      at;
  guint32    flags;
  guint64    sum;

  t = c->term != NULL
        ? azkb_store_lookup(fx->store, c->term)
        : azkb_store_intern_literal(
            fx->store, AZKB_VALUE_INTEGER, "10000000", NULL, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(t, !=, 0);
  /* the case changes something the store has, or adds what it lacks */
  g_assert_true((azkb_store_term_kind(fx->store, t) & c->clear) == c->clear);
  g_assert_true((azkb_store_term_kind(fx->store, t) & c->set) == 0);
  at    = term_flags_at(copy, size, t);
  flags = (get_le32(copy + at) & ~(guint32)c->clear) | (guint32)c->set;
  put_le32(copy + at, flags);
  sum = GUINT64_TO_LE(azkb_snapshot_checksum(copy + 16, size - 16));
  memcpy(copy + 8, &sum, sizeof sum);
  bytes = g_bytes_new_take(g_steal_pointer(&copy), size);
  assert_rejected(bytes, size, c->expect);
}

/* Absorbing into an empty store moves everything as it is (same ids) and
 * empties the source; into a non-empty one it merges. */
static void
test_absorb(void)
{
  g_autoptr(AzkbStore) src   = rich_store();
  g_autoptr(AzkbStore) moved = azkb_store_new();
  g_autoptr(AzkbStore) twice = rich_store();
  g_autofree char *a         = dump(src);
  g_autofree char *b         = NULL;
  g_autofree char *c         = dump(twice);
  g_autofree char *d         = NULL;

  azkb_store_absorb(moved, src);
  b = dump(moved);
  g_assert_true(strcmp(a, b) == 0);
  g_assert_cmpuint(azkb_store_n_terms(src), ==, 0);
  g_assert_cmpuint(azkb_store_n_statements(src), ==, 0);

  azkb_store_absorb(twice, moved); /* the same content: nothing new */
  d = dump(twice);
  g_assert_true(strcmp(c, d) == 0);
  g_assert_cmpuint(azkb_store_n_terms(moved), >, 0);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD("/snapshot/round-trip", test_round_trip);
  ADD("/snapshot/deterministic", test_deterministic);
  ADD("/snapshot/reject/truncated", test_truncated);
  ADD("/snapshot/reject/bit-flips", test_bit_flips);
  ADD("/snapshot/reject/wrong-version", test_wrong_version);
  ADD("/snapshot/reject/crafted", test_crafted);
  ADD("/snapshot/reject/foreign", test_foreign);
  ADD("/snapshot/save-fails", test_save_fails);
#undef ADD
  for (gsize i = 0; i < G_N_ELEMENTS(kind_cases); i++)
    g_test_add(kind_cases[i].path,
               Fixture,
               &kind_cases[i],
               fixture_set_up,
               test_kinds,
               fixture_tear_down);
  g_test_add_func("/snapshot/empty", test_empty);
  g_test_add_func("/snapshot/absorb", test_absorb);
  return g_test_run();
}
