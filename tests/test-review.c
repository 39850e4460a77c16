/* data/source-review.tsv, the sentence-by-sentence review of the knowledge
 * base against its source, stays in step with the data: each paragraph's
 * sentences are its text, each statement named exists and cites the
 * paragraph, each statement citing a paragraph is named, and a sentence
 * that no statement carries says why.  One test case per paragraph. */
#include <azkb/azkb.h>
#include <string.h>

typedef struct {
  guint  line;
  char  *sentence;
  char **statements; /* "subject relation object", or empty */
  char  *review;
} Row;

typedef struct {
  char      *para;
  GPtrArray *rows; /* of Row, in sentence order */
} Paragraph;

static AzkbStore *kb;
static GPtrArray *paragraphs; /* of Paragraph, in file order */
static char      *review_path;

static void
row_free(gpointer data)
{
  Row *r = data;

  g_free(r->sentence);
  g_strfreev(r->statements);
  g_free(r->review);
  g_free(r);
}

static void
paragraph_free(gpointer data)
{
  Paragraph *p = data;

  g_free(p->para);
  g_ptr_array_unref(p->rows);
  g_free(p);
}

static Paragraph *
paragraph_for(const char *para)
{
  Paragraph *p;

  if (paragraphs->len > 0) {
    p = g_ptr_array_index(paragraphs, paragraphs->len - 1);
    if (strcmp(p->para, para) == 0)
      return p;
  }
  p       = g_new0(Paragraph, 1);
  p->para = g_strdup(para);
  p->rows = g_ptr_array_new_with_free_func(row_free);
  g_ptr_array_add(paragraphs, p);
  return p;
}

static void
load_review(void)
{
  g_autofree char *text   = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines     = NULL;

  review_path =
    g_test_build_filename(G_TEST_DIST, "..", "data", "source-review.tsv", NULL);
  if (!g_file_get_contents(review_path, &text, NULL, &error))
    g_error("%s", error->message);
  paragraphs = g_ptr_array_new_with_free_func(paragraph_free);
  lines      = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    g_auto(GStrv) f = NULL;
    Row *row;

    if (lines[i][0] == '#' || lines[i][0] == '\0')
      continue;
    f = g_strsplit(lines[i], "\t", -1);
    if (g_strv_length(f) != 5)
      g_error(
        "source-review.tsv:%u: %u columns, not 5", i + 1, g_strv_length(f));
    row           = g_new0(Row, 1);
    row->line     = i + 1;
    row->sentence = g_strdup(f[2]);
    row->statements =
      strcmp(f[3], "-") == 0 ? g_new0(char *, 1) : g_strsplit(f[3], " ; ", -1);
    row->review = g_strdup(f[4]);
    g_ptr_array_add(paragraph_for(f[0])->rows, row);
  }
}

/* The row's literal forms, as in tests/data/facts.tsv. */
static gboolean
object_matches(AzkbTermId value, const char *text)
{
  AzkbLiteral lit;
  gsize       n = strlen(text);

  if (!azkb_store_get_literal(kb, value, &lit))
    return g_strcmp0(azkb_store_term_name(kb, value), text) == 0;
  if (g_str_has_prefix(text, "int:"))
    return lit.kind == AZKB_VALUE_INTEGER && strcmp(lit.lexical, text + 4) == 0;
  if (g_str_has_prefix(text, "date:"))
    return lit.kind == AZKB_VALUE_DATE && strcmp(lit.lexical, text + 5) == 0;
  if (g_str_has_prefix(text, "bool:"))
    return lit.kind == AZKB_VALUE_BOOLEAN && strcmp(lit.lexical, text + 5) == 0;
  return text[0] == '"' && n >= 2 && lit.kind == AZKB_VALUE_STRING &&
         strlen(lit.lexical) == n - 2 &&
         strncmp(lit.lexical, text + 1, n - 2) == 0;
}

static gboolean
cites(AzkbStmtId stmt, AzkbTermId para)
{
  g_autoptr(GArray) src = azkb_store_statement_sources(kb, stmt);

  for (guint i = 0; i < src->len; i++)
    if (g_array_index(src, AzkbTermId, i) == para)
      return TRUE;
  return FALSE;
}

/* Mark in @named every statement that @key names and that cites @para;
 * fail when there is none. */
static void
match_key(const Row *row, const char *key, AzkbTermId para, GHashTable *named)
{
  g_auto(GStrv) part = g_strsplit(key, " ", 3);
  AzkbTermId      s, rel;
  const AzkbEdge *edges;
  gsize           n;
  guint           found = 0;

  if (g_strv_length(part) != 3)
    g_error("source-review.tsv:%u: “%s” is not “subject relation object”",
            row->line,
            key);
  s   = azkb_store_lookup(kb, part[0]);
  rel = azkb_store_lookup(kb, part[1]);
  if (s == 0 || rel == 0)
    g_error("source-review.tsv:%u: “%s”: no such subject or relation",
            row->line,
            key);
  edges = azkb_store_out_edges(kb, s, rel, &n);
  for (gsize i = 0; i < n; i++)
    if (object_matches(edges[i].other, part[2]) && cites(edges[i].stmt, para)) {
      g_hash_table_add(named, GUINT_TO_POINTER(edges[i].stmt));
      found++;
    }
  if (found == 0)
    g_error("source-review.tsv:%u: no statement “%s” citing %s",
            row->line,
            key,
            azkb_store_term_name(kb, para));
}

static void
describe_statement(GString *out, AzkbStmtId stmt)
{
  AzkbStatement st;
  AzkbLiteral   lit;

  azkb_store_get_statement(kb, stmt, &st);
  g_string_append_printf(out,
                         "\n  %s %s ",
                         azkb_store_term_name(kb, st.subject),
                         azkb_store_term_name(kb, st.relation));
  if (azkb_store_get_literal(kb, st.object, &lit))
    g_string_append_printf(out, "“%s”", lit.lexical);
  else
    g_string_append(out, azkb_store_term_name(kb, st.object));
}

static void
test_paragraph(gconstpointer data)
{
  const Paragraph *p          = data;
  AzkbTermId       para       = azkb_store_lookup(kb, p->para);
  g_autoptr(GHashTable) named = g_hash_table_new(NULL, NULL);
  g_autoptr(GString) joined   = g_string_new(NULL);
  g_autoptr(GString) unnamed  = g_string_new(NULL);
  g_autoptr(GArray) citing    = NULL;

  g_assert_cmpuint(para, !=, 0);
  for (guint i = 0; i < p->rows->len; i++) {
    const Row *row = g_ptr_array_index(p->rows, i);

    g_string_append_printf(joined, "%s%s", i ? " " : "", row->sentence);
    for (guint k = 0; row->statements[k] != NULL; k++)
      match_key(row, row->statements[k], para, named);
    if (row->statements[0] == NULL && strcmp(row->review, "-") == 0)
      g_error("source-review.tsv:%u: no statement and no reason", row->line);
  }
  /* The sentences are the paragraph, word for word. */
  g_assert_cmpstr(joined->str, ==, azkb_source_text(kb, para));

  citing = azkb_source_citing(kb, para);
  for (guint i = 0; i < citing->len; i++) {
    AzkbStmtId s = g_array_index(citing, AzkbStmtId, i);

    if (!g_hash_table_contains(named, GUINT_TO_POINTER(s)))
      describe_statement(unnamed, s);
  }
  if (unnamed->len > 0)
    g_error("%s: statements citing %s that the review does not name:%s",
            review_path,
            p->para,
            unnamed->str);
}

/* Every paragraph of the source is reviewed, in order. */
static void
test_every_paragraph(void)
{
  g_assert_cmpuint(paragraphs->len, ==, 27);
  for (guint i = 0; i < paragraphs->len; i++) {
    const Paragraph *p  = g_ptr_array_index(paragraphs, i);
    g_autofree char *id = g_strdup_printf("P%u", i + 1);

    g_assert_cmpstr(p->para, ==, id);
  }
}

int
main(int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init(&argc, &argv, NULL);
  kb = azkb_store_new();
  if (!azkb_rdf_import_bundled(kb, &error))
    g_error("bundled knowledge base: %s", error->message);
  load_review();
  g_test_add_func("/review/every-paragraph", test_every_paragraph);
  for (guint i = 0; i < paragraphs->len; i++) {
    const Paragraph *p    = g_ptr_array_index(paragraphs, i);
    g_autofree char *path = g_strdup_printf("/review/%s", p->para);

    g_test_add_data_func(path, p, test_paragraph);
  }
  status = g_test_run();
  g_ptr_array_unref(paragraphs);
  azkb_store_unref(kb);
  g_free(review_path);
  return status;
}
