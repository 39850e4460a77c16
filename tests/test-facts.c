/* The bundled knowledge base holds the facts of its source document.
 *
 * tests/data/facts.tsv lists facts written from the text of the source,
 * each with the paragraph that states it; every row becomes one test case
 * asserted against the bundled store: the statement with its exact time
 * and source ("="), a statement holding at some time ("~"), or the absence
 * of one ("!").  Labels, abbreviations and classes are rows too. */
#include <azkb/azkb.h>
#include <string.h>

typedef enum {
  MODE_EXACT,   /* = */
  MODE_OVERLAP, /* ~ */
  MODE_ABSENT,  /* ! */
} Mode;

typedef struct {
  guint line;
  Mode  mode;
  char *para;
  char *subject;
  char *relation;
  char *object;
  char *time; /* "-" when undated */
  char *note;
} Fact;

/* Loaded once: every case reads the same bundled knowledge base. */
static AzkbStore *kb;

static void
fact_free(gpointer data)
{
  Fact *f = data;

  g_free(f->para);
  g_free(f->subject);
  g_free(f->relation);
  g_free(f->object);
  g_free(f->time);
  g_free(f->note);
  g_free(f);
}

static const char *
describe(const Fact *f)
{
  static char buf[512];

  g_snprintf(buf,
             sizeof buf,
             "facts.tsv:%u [%s] %s %s %s %s (%s)",
             f->line,
             f->para,
             f->subject,
             f->relation,
             f->object,
             f->time,
             f->note);
  return buf;
}

static AzkbTermId
entity(const Fact *f, const char *slug)
{
  AzkbTermId id = azkb_store_lookup(kb, slug);

  if (id == 0 || !(azkb_store_term_kind(kb, id) & AZKB_TERM_ENTITY))
    g_error("%s: no entity “%s” in the knowledge base", describe(f), slug);
  return id;
}

/* Does literal term @value equal the row's literal ("int:147",
 * "date:1945-10-24", "bool:true", "\"text\"")?  FALSE for entities. */
static gboolean
literal_equals(AzkbTermId value, const char *text)
{
  AzkbLiteral lit;

  if (!azkb_store_get_literal(kb, value, &lit))
    return FALSE;
  if (g_str_has_prefix(text, "int:"))
    return lit.kind == AZKB_VALUE_INTEGER &&
           g_strcmp0(lit.lexical, text + 4) == 0;
  if (g_str_has_prefix(text, "date:"))
    return lit.kind == AZKB_VALUE_DATE && g_strcmp0(lit.lexical, text + 5) == 0;
  if (g_str_has_prefix(text, "bool:"))
    return lit.kind == AZKB_VALUE_BOOLEAN &&
           g_strcmp0(lit.lexical, text + 5) == 0;
  if (text[0] == '"') {
    gsize n = strlen(text);

    return lit.kind == AZKB_VALUE_STRING && n >= 2 &&
           strlen(lit.lexical) == n - 2 &&
           strncmp(lit.lexical, text + 1, n - 2) == 0;
  }
  return FALSE;
}

static gboolean
is_literal_text(const char *text)
{
  return g_str_has_prefix(text, "int:") || g_str_has_prefix(text, "date:") ||
         g_str_has_prefix(text, "bool:") || text[0] == '"';
}

static gboolean
object_matches(const Fact *f, AzkbTermId other)
{
  if (is_literal_text(f->object))
    return literal_equals(other, f->object);
  return other == entity(f, f->object);
}

static gboolean
has_source(AzkbStmtId stmt, const char *para)
{
  g_autoptr(GArray) sources = azkb_store_statement_sources(kb, stmt);

  for (guint i = 0; i < sources->len; i++)
    if (g_strcmp0(
          azkb_store_term_name(kb, g_array_index(sources, AzkbTermId, i)),
          para) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_time(const Fact *f, AzkbInterval *out)
{
  g_autoptr(GError) error = NULL;

  if (strcmp(f->time, "-") == 0) {
    *out = (AzkbInterval){ 0 };
    return FALSE;
  }
  if (!azkb_interval_parse(f->time, out, &error))
    g_error("%s: bad time: %s", describe(f), error->message);
  return TRUE;
}

static char *
times_of(AzkbTermId subject, AzkbTermId relation, const Fact *f)
{
  gsize           n;
  const AzkbEdge *edges = azkb_store_out_edges(kb, subject, relation, &n);
  GString        *out   = g_string_new(NULL);

  for (gsize i = 0; i < n; i++) {
    AzkbStatement st;

    if (!object_matches(f, edges[i].other))
      continue;
    azkb_store_get_statement(kb, edges[i].stmt, &st);
    g_autofree char *t = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
    g_string_append_printf(out, " [%s]", *t ? t : "undated");
  }
  return g_string_free(out, FALSE);
}

static void
check_statement(const Fact *f)
{
  AzkbTermId      subject  = entity(f, f->subject);
  AzkbTermId      relation = azkb_store_lookup(kb, f->relation);
  AzkbInterval    want;
  gboolean        dated = parse_time(f, &want);
  gsize           n     = 0;
  const AzkbEdge *edges = NULL;
  guint           found = 0;

  if (relation != 0)
    edges = azkb_store_out_edges(kb, subject, relation, &n);
  for (gsize i = 0; i < n; i++) {
    AzkbStatement st;

    if (!object_matches(f, edges[i].other))
      continue;
    g_assert_true(azkb_store_get_statement(kb, edges[i].stmt, &st));
    switch (f->mode) {
      case MODE_EXACT:
        if (azkb_interval_equal(&st.time, &want) &&
            has_source(edges[i].stmt, f->para))
          found++;
        break;
      case MODE_OVERLAP:
        if (azkb_interval_overlaps(&st.time, &want) &&
            has_source(edges[i].stmt, f->para))
          found++;
        break;
      case MODE_ABSENT:
        if (!dated || azkb_interval_overlaps(&st.time, &want))
          found++;
        break;
    }
  }
  if (f->mode == MODE_ABSENT && found > 0)
    g_error("%s: the knowledge base states it, the text does not", describe(f));
  if (f->mode != MODE_ABSENT && found == 0) {
    g_autofree char *have =
      relation != 0 ? times_of(subject, relation, f) : g_strdup("");

    g_error("%s: not in the knowledge base (statements found:%s)",
            describe(f),
            *have ? have : " none");
  }
}

static void
check_label(const Fact *f, AzkbLabelKind kind)
{
  AzkbTermId       e = entity(f, f->subject);
  gsize            n;
  const AzkbLabel *labels = azkb_store_entity_labels(kb, e, &n);
  g_autofree char *text   = g_strndup(f->object + 1, strlen(f->object) - 2);

  for (gsize i = 0; i < n; i++)
    if (labels[i].kind == kind && g_strcmp0(labels[i].text, text) == 0)
      return;
  g_error("%s: no such label", describe(f));
}

static void
check_class(const Fact *f)
{
  AzkbTermId e   = entity(f, f->subject);
  AzkbTermId cls = azkb_store_lookup(kb, f->object);

  if (cls == 0 || !azkb_store_has_class(kb, e, cls))
    g_error("%s: not of that class", describe(f));
}

static void
test_fact(gconstpointer data)
{
  const Fact *f = data;

  if (strcmp(f->relation, "rdfs:label") == 0)
    check_label(f, AZKB_LABEL_PREFERRED);
  else if (strcmp(f->relation, "skos:altLabel") == 0)
    check_label(f, AZKB_LABEL_ALTERNATIVE);
  else if (strcmp(f->relation, "rdf:type") == 0)
    check_class(f);
  else
    check_statement(f);
}

static Mode
parse_mode(const char *text, guint line)
{
  if (strcmp(text, "=") == 0)
    return MODE_EXACT;
  if (strcmp(text, "~") == 0)
    return MODE_OVERLAP;
  if (strcmp(text, "!") == 0)
    return MODE_ABSENT;
  g_error("facts.tsv:%u: unknown mode “%s”", line, text);
  return MODE_EXACT;
}

/* Read the table; every row must be well formed, so a typo in the table
 * fails loudly instead of silently testing less. */
static GPtrArray *
read_facts(void)
{
  g_autofree char *path =
    g_test_build_filename(G_TEST_DIST, "data", "facts.tsv", NULL);
  g_autofree char *text   = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines     = NULL;
  GPtrArray *facts        = g_ptr_array_new_with_free_func(fact_free);

  g_file_get_contents(path, &text, NULL, &error);
  g_assert_no_error(error);
  lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    g_auto(GStrv) cols = NULL;
    Fact *f;

    if (lines[i][0] == '\0' || lines[i][0] == '#')
      continue;
    cols = g_strsplit(lines[i], "\t", -1);
    if (g_strv_length(cols) != 7)
      g_error("facts.tsv:%u: expected 7 tab-separated columns, found %u",
              i + 1,
              g_strv_length(cols));
    f           = g_new0(Fact, 1);
    f->line     = i + 1;
    f->mode     = parse_mode(cols[0], i + 1);
    f->para     = g_strdup(cols[1]);
    f->subject  = g_strdup(cols[2]);
    f->relation = g_strdup(cols[3]);
    f->object   = g_strdup(cols[4]);
    f->time     = g_strdup(cols[5]);
    f->note     = g_strdup(cols[6]);
    g_ptr_array_add(facts, f);
  }
  return facts;
}

/* The table itself must stay large and cite every paragraph that states a
 * fact, so the test cannot quietly shrink. */
static void
test_table(gconstpointer data)
{
  const GPtrArray *facts      = data;
  g_autoptr(GHashTable) paras = g_hash_table_new(g_str_hash, g_str_equal);
  guint absent                = 0;

  for (guint i = 0; i < facts->len; i++) {
    const Fact *f = g_ptr_array_index((GPtrArray *)facts, i);

    g_hash_table_add(paras, f->para);
    if (f->mode == MODE_ABSENT)
      absent++;
  }
  g_assert_cmpuint(facts->len, >=, 70);
  g_assert_cmpuint(absent, >=, 5);
  /* [P1]..[P26] state facts; [P27] is the page footer. */
  for (guint p = 1; p <= 26; p++) {
    g_autofree char *name = g_strdup_printf("P%u", p);

    if (!g_hash_table_contains(paras, name))
      g_error("facts.tsv cites no fact of [%s]", name);
  }
}

/* Every statement in the knowledge base cites a paragraph, and the
 * paragraphs are the 27 of the source. */
static void
test_sources(void)
{
  guint n = azkb_store_n_statements(kb);

  g_assert_cmpuint(n, >, 0);
  for (AzkbStmtId s = 1; s <= n; s++) {
    g_autoptr(GArray) sources = azkb_store_statement_sources(kb, s);
    g_assert_cmpuint(sources->len, >, 0);
    for (guint i = 0; i < sources->len; i++) {
      const char *name =
        azkb_store_term_name(kb, g_array_index(sources, AzkbTermId, i));
      guint64 num = 0;

      g_assert_true(name[0] == 'P');
      g_assert_true(
        g_ascii_string_to_unsigned(name + 1, 10, 1, 27, &num, NULL));
    }
  }
}

int
main(int argc, char **argv)
{
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GError) error    = NULL;
  int status;

  g_test_init(&argc, &argv, NULL);
  kb = azkb_store_new();
  if (!azkb_rdf_import_bundled(kb, &error))
    g_error("cannot load the bundled knowledge base: %s", error->message);

  facts = read_facts();
  g_test_add_data_func("/facts/table", facts, test_table);
  g_test_add_func("/facts/sources", test_sources);
  for (guint i = 0; i < facts->len; i++) {
    const Fact      *f    = g_ptr_array_index(facts, i);
    g_autofree char *path = g_strdup_printf(
      "/facts/%s/line%u-%s-%s", f->para, f->line, f->subject, f->relation);

    g_test_add_data_func(path, f, test_fact);
  }
  status = g_test_run();
  azkb_store_unref(kb);
  return status;
}
