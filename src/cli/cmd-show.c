/* azkb show ENTITY: an entity card, every relation in and out sorted by
 * time, each with its span and the paragraphs that state it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  AzkbStmtId    stmt;
  AzkbStatement st;
  gboolean      outgoing;
  char         *when; /* human time, or "(undated)" */
} Row;

static void
row_clear(gpointer data)
{
  Row *row = data;

  g_free(row->when);
}

/* printf's widths count bytes; time strings hold en dashes, so pad by
 * characters to keep the arrows in one column. */
static void
print_padded(const char *text, guint width)
{
  glong len = g_utf8_strlen(text, -1);

  fputs(text, stdout);
  for (glong i = len; i < (glong)width; i++)
    putchar(' ');
}

static int
by_time(gconstpointer a, gconstpointer b, gpointer store)
{
  const Row *x = a;
  const Row *y = b;

  return azkb_cli_compare_statements(store, x->stmt, y->stmt);
}

/* ---- an entity's side data in an order of its content, not of the order
 * the data was read in (see azkb_cli_compare_statements()) ---- */

static int
by_label(gconstpointer a, gconstpointer b)
{
  const AzkbLabel *x = a;
  const AzkbLabel *y = b;
  int              c = (int)x->kind - (int)y->kind;

  if (c == 0)
    c = g_strcmp0(x->lang, y->lang);
  return c != 0 ? c : strcmp(x->text, y->text);
}

static GArray *
sorted_labels(const AzkbStore *store, AzkbTermId entity)
{
  gsize            n;
  const AzkbLabel *labels = azkb_store_entity_labels(store, entity, &n);
  GArray          *out = g_array_sized_new(FALSE, FALSE, sizeof(AzkbLabel), n);

  g_array_append_vals(out, labels, n);
  g_array_sort(out, by_label);
  return out;
}

static int
by_term(gconstpointer a, gconstpointer b, gpointer store)
{
  return azkb_cli_compare_terms(
    store, *(const AzkbTermId *)a, *(const AzkbTermId *)b);
}

static GArray *
sorted_classes(const AzkbStore *store, AzkbTermId entity)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(store, entity, &n);
  GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), n);

  g_array_append_vals(out, classes, n);
  g_array_sort_with_data(out, by_term, (gpointer)store);
  return out;
}

static int
by_property(gconstpointer a, gconstpointer b, gpointer store)
{
  const AzkbQualifier *x = a;
  const AzkbQualifier *y = b;
  int c = azkb_cli_compare_terms(store, x->property, y->property);

  return c != 0 ? c : azkb_cli_compare_terms(store, x->value, y->value);
}

static void
sort_qualifiers(const AzkbStore *store, GArray *quals)
{
  g_array_sort_with_data(quals, by_property, (gpointer)store);
}

static GArray *
sorted_attributes(const AzkbStore *store, AzkbTermId entity)
{
  gsize                n;
  const AzkbQualifier *attrs = azkb_store_entity_attributes(store, entity, &n);
  GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(AzkbQualifier), n);

  g_array_append_vals(out, attrs, n);
  sort_qualifiers(store, out);
  return out;
}

/* A literal or entity as a reader wants it: the value, or the name. */
static char *
describe_node(const AzkbStore *store, AzkbTermId node)
{
  AzkbLiteral lit;
  const char *name, *short_name;

  if (azkb_store_get_literal(store, node, &lit))
    return g_strdup_printf("“%s”", azkb_cli_safe(lit.lexical));
  name       = azkb_cli_safe(azkb_store_display_name(store, node));
  short_name = azkb_cli_safe(azkb_store_short_name(store, node));
  /* Only an abbreviation helps a reader; a longer alias does not. */
  if (short_name != NULL && strlen(short_name) < strlen(name))
    return g_strdup_printf("%s (%s)", name, short_name);
  return g_strdup(name);
}

static void
print_qualifiers(const AzkbStore *store, AzkbStmtId stmt, guint width)
{
  g_autoptr(GArray) quals = azkb_store_statement_qualifiers(store, stmt);

  sort_qualifiers(store, quals);
  for (guint i = 0; i < quals->len; i++) {
    const AzkbQualifier *q   = &g_array_index(quals, AzkbQualifier, i);
    g_autofree char     *val = describe_node(store, q->value);

    printf("  ");
    print_padded("", width);
    printf("   %s: %s\n",
           azkb_cli_safe(azkb_store_term_name(store, q->property)),
           val);
  }
}

/* Under a statement, the words of each paragraph it cites: in full the
 * first time, by name after that (a paragraph such as P7 backs dozens of
 * statements).  @shown holds the sources already printed. */
static void
print_source_texts(AzkbStore *store, AzkbStmtId stmt, GHashTable *shown)
{
  g_autoptr(GArray) sources = azkb_source_of_statement(store, stmt);

  for (guint i = 0; i < sources->len; i++) {
    AzkbTermId       src  = g_array_index(sources, AzkbTermId, i);
    const char      *text = azkb_source_text(store, src);
    g_autofree char *name =
      azkb_cli_terminal_text(azkb_store_term_name(store, src));

    if (text == NULL)
      printf("      [%s] (no text in the knowledge base)\n", name);
    else if (!g_hash_table_add(shown, GUINT_TO_POINTER(src)))
      printf("      [%s] (text above)\n", name);
    else {
      printf("      [%s]\n", name);
      azkb_cli_print_wrapped(text, 8, 78);
    }
  }
}

static void
print_row(const AzkbStore *store, const Row *row, guint width)
{
  g_autofree char *other =
    describe_node(store, row->outgoing ? row->st.object : row->st.subject);
  g_autofree char *sources = azkb_cli_sources_text(store, &row->stmt, 1);
  const char      *rel =
    azkb_cli_safe(azkb_store_term_name(store, row->st.relation));

  printf("  ");
  print_padded(row->when, width);
  printf(" %s %s %s", row->outgoing ? "→" : "←", rel, other);
  if (*sources)
    printf("  %s", sources);
  putchar('\n');
  print_qualifiers(store, row->stmt, width);
}

/* Every statement that has @entity as subject or object, in time order. */
static GArray *
collect_rows(AzkbStore *store, AzkbTermId entity)
{
  GArray *rows = g_array_new(FALSE, FALSE, sizeof(Row));

  g_array_set_clear_func(rows, row_clear);
  gsize           n;
  const AzkbEdge *edges;

  edges = azkb_store_out_edges(store, entity, 0, &n);
  for (gsize i = 0; i < n; i++) {
    Row r = { .stmt = edges[i].stmt, .outgoing = TRUE };
    azkb_store_get_statement(store, r.stmt, &r.st);
    g_array_append_val(rows, r);
  }
  edges = azkb_store_in_edges(store, entity, 0, &n);
  for (gsize i = 0; i < n; i++) {
    Row r = { .stmt = edges[i].stmt, .outgoing = FALSE };
    azkb_store_get_statement(store, r.stmt, &r.st);
    g_array_append_val(rows, r);
  }
  g_array_sort_with_data(rows, by_time, store);
  for (guint i = 0; i < rows->len; i++) {
    Row *r  = &g_array_index(rows, Row, i);
    r->when = azkb_interval_to_string(&r->st.time, AZKB_TIME_STYLE_HUMAN);
    if (*r->when == '\0') {
      g_free(r->when);
      r->when = g_strdup("(undated)");
    }
  }
  return rows;
}

static void
print_header(const AzkbStore *store, AzkbTermId entity)
{
  g_autoptr(GArray) classes = sorted_classes(store, entity);
  g_autoptr(GArray) labels  = sorted_labels(store, entity);
  g_autoptr(GArray) attrs   = sorted_attributes(store, entity);

  printf("%s\n", azkb_cli_safe(azkb_store_display_name(store, entity)));
  printf("  id:       %s\n",
         azkb_cli_safe(azkb_store_term_name(store, entity)));
  printf("  classes: ");
  for (guint i = 0; i < classes->len; i++)
    printf(" %s",
           azkb_cli_safe(azkb_store_term_name(
             store, g_array_index(classes, AzkbTermId, i))));
  putchar('\n');
  for (guint i = 0; i < labels->len; i++) {
    const AzkbLabel *l = &g_array_index(labels, AzkbLabel, i);

    printf("  %-9s “%s”%s%s\n",
           l->kind == AZKB_LABEL_PREFERRED ? "label:" : "also:",
           azkb_cli_safe(l->text),
           l->lang ? "@" : "",
           l->lang ? azkb_cli_safe(l->lang) : "");
  }
  for (guint i = 0; i < attrs->len; i++) {
    const AzkbQualifier *a   = &g_array_index(attrs, AzkbQualifier, i);
    g_autofree char     *val = describe_node(store, a->value);

    printf("  %s: %s\n",
           azkb_cli_safe(azkb_store_term_name(store, a->property)),
           val);
  }
}

/* ---- JSON ---- */

static void
json_header(JsonBuilder *b, const AzkbStore *store, AzkbTermId entity)
{
  g_autoptr(GArray) classes = sorted_classes(store, entity);
  g_autoptr(GArray) labels  = sorted_labels(store, entity);
  g_autoptr(GArray) attrs   = sorted_attributes(store, entity);

  json_builder_set_member_name(b, "entity");
  azkb_cli_json_term(b, store, entity);
  json_builder_set_member_name(b, "classes");
  json_builder_begin_array(b);
  for (guint i = 0; i < classes->len; i++)
    json_builder_add_string_value(
      b, azkb_store_term_name(store, g_array_index(classes, AzkbTermId, i)));
  json_builder_end_array(b);
  json_builder_set_member_name(b, "labels");
  json_builder_begin_array(b);
  for (guint i = 0; i < labels->len; i++) {
    const AzkbLabel *l = &g_array_index(labels, AzkbLabel, i);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "text");
    json_builder_add_string_value(b, l->text);
    json_builder_set_member_name(b, "lang");
    if (l->lang != NULL)
      json_builder_add_string_value(b, l->lang);
    else
      json_builder_add_null_value(b);
    json_builder_set_member_name(b, "preferred");
    json_builder_add_boolean_value(b, l->kind == AZKB_LABEL_PREFERRED);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_set_member_name(b, "attributes");
  json_builder_begin_array(b);
  for (guint i = 0; i < attrs->len; i++) {
    const AzkbQualifier *a = &g_array_index(attrs, AzkbQualifier, i);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "property");
    json_builder_add_string_value(b, azkb_store_term_name(store, a->property));
    json_builder_set_member_name(b, "value");
    azkb_cli_json_term(b, store, a->value);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

static void
json_row(JsonBuilder *b, const AzkbStore *store, const Row *row)
{
  g_autoptr(GArray) quals = azkb_store_statement_qualifiers(store, row->stmt);

  sort_qualifiers(store, quals);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "time");
  azkb_cli_json_time(b, &row->st.time);
  json_builder_set_member_name(b, "direction");
  json_builder_add_string_value(b, row->outgoing ? "out" : "in");
  json_builder_set_member_name(b, "relation");
  json_builder_add_string_value(b,
                                azkb_store_term_name(store, row->st.relation));
  json_builder_set_member_name(b, "other");
  azkb_cli_json_term(
    b, store, row->outgoing ? row->st.object : row->st.subject);
  json_builder_set_member_name(b, "sources");
  azkb_cli_json_sources(b, store, &row->stmt, 1);
  json_builder_set_member_name(b, "qualifiers");
  json_builder_begin_array(b);
  for (guint i = 0; i < quals->len; i++) {
    const AzkbQualifier *q = &g_array_index(quals, AzkbQualifier, i);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "property");
    json_builder_add_string_value(b, azkb_store_term_name(store, q->property));
    json_builder_set_member_name(b, "value");
    azkb_cli_json_term(b, store, q->value);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
}

static void
show_json(AzkbStore *store, AzkbTermId entity)
{
  static const char *const columns[] = { "time",  "direction", "relation",
                                         "other", "sources",   "qualifiers",
                                         NULL };
  g_autoptr(JsonBuilder) b           = json_builder_new();
  g_autoptr(GArray) rows             = collect_rows(store, entity);

  json_builder_begin_object(b);
  json_header(b, store, entity);
  azkb_cli_json_columns(b, columns);
  for (guint i = 0; i < rows->len; i++)
    json_row(b, store, &g_array_index(rows, Row, i));
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
}

/* For a source paragraph, what it states: the statements citing it. */
static void
print_cited_by(AzkbStore *store, AzkbTermId entity)
{
  g_autoptr(GArray) stmts = NULL;

  if (!azkb_source_is_source(store, entity))
    return;
  stmts = azkb_source_citing(store, entity);
  azkb_cli_sort_by_time(store, stmts);
  printf("\nCited by (%u statements, by time):\n", stmts->len);
  azkb_cli_print_citing(store, stmts);
}

static int
show(const AzkbCliData       *data,
     const AzkbCliRemoteRead *remote,
     const char              *name,
     gboolean                 with_sources,
     gboolean                 json)
{
  g_autoptr(GHashTable) shown = g_hash_table_new(NULL, NULL);
  g_autoptr(GError) error     = NULL;
  g_autoptr(GArray) rows      = NULL;
  g_autoptr(AzkbStore) store  = NULL;
  AzkbTermId entity           = 0;
  guint      width            = 0;

  store = azkb_cli_load_entity(data, remote, name, &entity, &error);
  if (store == NULL)
    return azkb_cli_fail(error);
  if (json) {
    show_json(store, entity);
    return AZKB_EXIT_OK;
  }
  print_header(store, entity);
  rows = collect_rows(store, entity);
  printf("\nStatements (%u, by time):\n", rows->len);
  for (guint i = 0; i < rows->len; i++)
    width =
      MAX(width, (guint)g_utf8_strlen(g_array_index(rows, Row, i).when, -1));
  for (guint i = 0; i < rows->len; i++) {
    const Row *row = &g_array_index(rows, Row, i);

    print_row(store, row, width);
    if (with_sources)
      print_source_texts(store, row->stmt, shown);
  }
  print_cited_by(store, entity);
  return AZKB_EXIT_OK;
}

int
azkb_cmd_show(int argc, char **argv, gboolean do_help)
{
  AzkbCliData       data            = { 0 };
  AzkbCliRemoteRead remote          = { 0 };
  gboolean          with_sources    = FALSE;
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "show",
    "ENTITY",
    "Show an entity card: id, classes, labels, attributes, and every "
    "relation in and out with its time span and source paragraphs.",
    "ENTITY is an id, a label or an abbreviation, in any case: "
    "“Azerbaijan”, “ecosoc”, “Heydar Aliyev”.  For a source paragraph "
    "(P7) the card ends with the statements that cite it.");
  // clang-format off
  const GOptionEntry entries[] = {
    { "sources", 0, 0, G_OPTION_ARG_NONE, &with_sources, "Print the words of the cited paragraphs under each statement", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autofree char *format = NULL;
  gboolean         json   = FALSE;
  int              status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_format_option(context, &format);
  azkb_cli_add_data_options(context, &data);
  azkb_cli_add_remote_read_options(context, &remote);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc != 2) {
    status = azkb_cli_usage(
      context, argc < 2 ? "no ENTITY given" : "give exactly one ENTITY");
    goto out;
  }
  if (!azkb_cli_text_or_json(context, format, &json, &status))
    goto out;
  status = show(&data, &remote, argv[1], with_sources, json);
out:
  azkb_cli_data_clear(&data);
  azkb_cli_remote_read_clear(&remote);
  return status;
}
