/* azkb source PARAGRAPH: the paragraph's own words and every statement
 * that cites it, so that a reader can check the one against the other. */
#include "cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Width of the wrapped paragraph text, indent included. */
#define TEXT_WIDTH 78

static void
print_table(AzkbStore *store, AzkbTermId source, const GArray *stmts)
{
  const char      *text = azkb_source_text(store, source);
  AzkbTermId       doc  = azkb_source_document(store, source);
  g_autofree char *name =
    azkb_cli_terminal_text(azkb_store_term_name(store, source));

  if (doc != 0) {
    g_autofree char *title =
      azkb_cli_terminal_text(azkb_source_title(store, doc));
    printf("%s, in “%s”\n", name, title);
  } else
    printf("%s\n", name);
  putchar('\n');
  if (text != NULL)
    azkb_cli_print_wrapped(text, 4, TEXT_WIDTH);
  else
    puts("    (the knowledge base holds no text for this source)");
  printf("\nStatements citing %s (%u, by time):\n", name, stmts->len);
  azkb_cli_print_citing(store, stmts);
}

static void
add_node(JsonBuilder *b, const AzkbStore *store, AzkbTermId node)
{
  AzkbLiteral lit;

  json_builder_begin_object(b);
  if (azkb_store_get_literal(store, node, &lit)) {
    json_builder_set_member_name(b, "value");
    json_builder_add_string_value(b, lit.lexical);
  } else {
    json_builder_set_member_name(b, "id");
    json_builder_add_string_value(b, azkb_store_term_name(store, node));
    json_builder_set_member_name(b, "label");
    json_builder_add_string_value(b, azkb_store_display_name(store, node));
  }
  json_builder_end_object(b);
}

static void
add_row(JsonBuilder *b, const AzkbStore *store, AzkbStmtId s)
{
  AzkbStatement    st;
  g_autofree char *when = NULL;
  g_autoptr(GArray) src = azkb_source_of_statement(store, s);

  azkb_store_get_statement(store, s, &st);
  when = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "time");
  if (*when)
    json_builder_add_string_value(b, when);
  else
    json_builder_add_null_value(b);
  json_builder_set_member_name(b, "subject");
  add_node(b, store, st.subject);
  json_builder_set_member_name(b, "relation");
  json_builder_add_string_value(b, azkb_store_term_name(store, st.relation));
  json_builder_set_member_name(b, "object");
  add_node(b, store, st.object);
  json_builder_set_member_name(b, "sources");
  json_builder_begin_array(b);
  for (guint i = 0; i < src->len; i++)
    json_builder_add_string_value(
      b, azkb_store_term_name(store, g_array_index(src, AzkbTermId, i)));
  json_builder_end_array(b);
  json_builder_end_object(b);
}

static const char *const columns[] = { "time",
                                       "subject",
                                       "relation",
                                       "object",
                                       "sources" };

static void
add_source(JsonBuilder *b, AzkbStore *store, AzkbTermId source)
{
  const char *text = azkb_source_text(store, source);
  AzkbTermId  doc  = azkb_source_document(store, source);

  json_builder_set_member_name(b, "source");
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "id");
  json_builder_add_string_value(b, azkb_store_term_name(store, source));
  json_builder_set_member_name(b, "document");
  if (doc != 0) {
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "id");
    json_builder_add_string_value(b, azkb_store_term_name(store, doc));
    json_builder_set_member_name(b, "title");
    json_builder_add_string_value(b, azkb_source_title(store, doc));
    json_builder_end_object(b);
  } else
    json_builder_add_null_value(b);
  json_builder_set_member_name(b, "text");
  if (text != NULL)
    json_builder_add_string_value(b, text);
  else
    json_builder_add_null_value(b);
  json_builder_end_object(b);
}

static void
print_json(AzkbStore *store, AzkbTermId source, const GArray *stmts)
{
  g_autoptr(JsonBuilder) b     = json_builder_new();
  g_autoptr(JsonGenerator) gen = json_generator_new();
  g_autoptr(JsonNode) root     = NULL;
  g_autofree char *out         = NULL;

  json_builder_begin_object(b);
  add_source(b, store, source);
  json_builder_set_member_name(b, "columns");
  json_builder_begin_array(b);
  for (gsize i = 0; i < G_N_ELEMENTS(columns); i++)
    json_builder_add_string_value(b, columns[i]);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "rows");
  json_builder_begin_array(b);
  for (guint i = 0; i < stmts->len; i++)
    add_row(b, store, g_array_index(stmts, AzkbStmtId, i));
  json_builder_end_array(b);
  json_builder_end_object(b);
  root = json_builder_get_root(b);
  json_generator_set_root(gen, root);
  json_generator_set_pretty(gen, TRUE);
  out = json_generator_to_data(gen, NULL);
  puts(out);
}

int
azkb_cmd_source(int argc, char **argv, gboolean do_help)
{
  AzkbCliData      data             = { 0 };
  g_autofree char *format           = NULL;
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "source",
    "PARAGRAPH",
    "Print a source paragraph's own words and every statement that cites "
    "it.",
    "PARAGRAPH is a source id (P7), its label ([P7]) or its number (7).  "
    "Text from the data is printed with control characters made visible.");
  // clang-format off
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output FORMAT: table (default) or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GArray) stmts    = NULL;
  AzkbTermId source;
  int        status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (format != NULL && g_ascii_strcasecmp(format, "table") != 0 &&
      g_ascii_strcasecmp(format, "json") != 0) {
    status =
      azkb_cli_usage(context, "unknown format “%s” (table or json)", format);
    goto out;
  }
  if (argc != 2) {
    status = azkb_cli_usage(
      context, argc < 2 ? "no PARAGRAPH given" : "give exactly one PARAGRAPH");
    goto out;
  }
  store = azkb_cli_load(&data, &error);
  if (store == NULL) {
    status = azkb_cli_fail(error);
    goto out;
  }
  source = azkb_source_resolve(store, argv[1], &error);
  if (source == 0) {
    status = azkb_cli_fail(error);
    goto out;
  }
  stmts = azkb_source_citing(store, source);
  azkb_cli_sort_by_time(store, stmts);
  if (format != NULL && g_ascii_strcasecmp(format, "json") == 0)
    print_json(store, source, stmts);
  else
    print_table(store, source, stmts);
  status = AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
