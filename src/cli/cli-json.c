/* JSON output shared by the commands: one document per run, an object with
 * "columns" (names) and "rows" (one object per row, keyed by column), plus
 * members of the command's own before them.  Terms are {"id", "label"},
 * literals {"value", "datatype"?, "lang"?}, times ISO strings or null. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
azkb_cli_format_index(const char *format, const char *const *known)
{
  for (int i = 0; known[i] != NULL; i++)
    if (g_ascii_strcasecmp(format, known[i]) == 0)
      return i;
  return -1;
}

void
azkb_cli_add_format_option(GOptionContext *context, char **format)
{
  // clang-format off
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, format, "text (default) or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  g_option_context_add_main_entries(context, entries, NULL);
}

gboolean
azkb_cli_text_or_json(GOptionContext *context,
                      const char     *format,
                      gboolean       *out_json,
                      int            *out_status)
{
  int i = format != NULL
            ? azkb_cli_format_index(
                format, (const char *const[]){ "text", "json", NULL })
            : 0;

  if (i < 0) {
    *out_status =
      azkb_cli_usage(context, "unknown format “%s” (text or json)", format);
    return FALSE;
  }
  *out_json = i == 1;
  return TRUE;
}

void
azkb_cli_json_columns(JsonBuilder *b, const char *const *columns)
{
  json_builder_set_member_name(b, "columns");
  json_builder_begin_array(b);
  for (const char *const *c = columns; *c != NULL; c++)
    json_builder_add_string_value(b, *c);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "rows");
  json_builder_begin_array(b);
}

void
azkb_cli_json_term(JsonBuilder *b, const AzkbStore *store, AzkbTermId term)
{
  AzkbLiteral lit;

  json_builder_begin_object(b);
  if (azkb_store_get_literal(store, term, &lit)) {
    json_builder_set_member_name(b, "value");
    json_builder_add_string_value(b, lit.lexical);
    if (lit.datatype != NULL) {
      json_builder_set_member_name(b, "datatype");
      json_builder_add_string_value(b, lit.datatype);
    }
    if (lit.lang != NULL) {
      json_builder_set_member_name(b, "lang");
      json_builder_add_string_value(b, lit.lang);
    }
  } else {
    json_builder_set_member_name(b, "id");
    json_builder_add_string_value(b, azkb_store_term_name(store, term));
    json_builder_set_member_name(b, "label");
    json_builder_add_string_value(b, azkb_store_display_name(store, term));
  }
  json_builder_end_object(b);
}

void
azkb_cli_json_time(JsonBuilder *b, const AzkbInterval *time)
{
  g_autofree char *iso = NULL;

  if (azkb_interval_is_undated(time)) {
    json_builder_add_null_value(b);
    return;
  }
  iso = azkb_interval_to_string(time, AZKB_TIME_STYLE_ISO);
  json_builder_add_string_value(b, iso);
}

void
azkb_cli_json_sources(JsonBuilder      *b,
                      const AzkbStore  *store,
                      const AzkbStmtId *stmts,
                      guint             n)
{
  g_autofree char *text = azkb_cli_sources_text(store, stmts, n);
  g_auto(GStrv) names   = NULL;

  json_builder_begin_array(b);
  /* "[P6, P10]", in reading order: the same order as the text. */
  if (*text != '\0') {
    text[strlen(text) - 1] = '\0';
    names                  = g_strsplit(text + 1, ", ", -1);
    for (char **name = names; *name != NULL; name++)
      json_builder_add_string_value(b, *name);
  }
  json_builder_end_array(b);
}

void
azkb_cli_json_print(JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new();
  g_autoptr(JsonNode) root     = json_builder_get_root(b);
  g_autofree char *text        = NULL;

  json_generator_set_root(gen, root);
  json_generator_set_pretty(gen, TRUE);
  text = json_generator_to_data(gen, NULL);
  puts(text);
}
