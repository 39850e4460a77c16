/* SPARQL 1.1 Query Results JSON Format, read into a table of terms.  The
 * strings live in one GStringChunk; the cells in one array, row by row. */
#include "remote-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

struct _AzkbRemoteTable {
  GPtrArray    *columns; ///< char *
  GArray       *cells;   ///< AzkbRemoteTerm, n_rows * width
  guint         n_rows;
  GStringChunk *strings;
};

static AzkbRemoteTable *
table_new(void)
{
  AzkbRemoteTable *t = g_new0(AzkbRemoteTable, 1);

  t->columns = g_ptr_array_new_with_free_func(g_free);
  t->cells   = g_array_new(FALSE, TRUE, sizeof(AzkbRemoteTerm));
  t->strings = g_string_chunk_new(4096);
  return t;
}

void
azkb_remote_table_free(AzkbRemoteTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref(table->columns);
  g_array_unref(table->cells);
  g_string_chunk_free(table->strings);
  g_free(table);
}

static gboolean
bad(GError **error, const char *what)
{
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_PROTOCOL,
              "the reply is not SPARQL JSON results: %s",
              what);
  return FALSE;
}

static const char *
member_string(JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member(o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) ||
      json_node_get_value_type(n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string(n);
}

static gboolean
read_term(AzkbRemoteTable *t, JsonNode *node, AzkbRemoteTerm *out, GError **e)
{
  JsonObject *o;
  const char *type, *value, *dt, *lang;

  if (!JSON_NODE_HOLDS_OBJECT(node))
    return bad(e, "a binding is not an object");
  o     = json_node_get_object(node);
  type  = member_string(o, "type");
  value = member_string(o, "value");
  if (type == NULL || value == NULL)
    return bad(e, "a binding has no type or value");
  dt   = member_string(o, "datatype");
  lang = member_string(o, "xml:lang");
  if (strcmp(type, "uri") == 0)
    out->kind = AZKB_REMOTE_IRI;
  else if (strcmp(type, "literal") == 0 || strcmp(type, "typed-literal") == 0)
    out->kind = AZKB_REMOTE_LITERAL; /* typed-literal: the 2008 draft's */
  else if (strcmp(type, "bnode") == 0)
    out->kind = AZKB_REMOTE_BLANK;
  else
    return bad(e, "a binding has an unknown type");
  out->value    = g_string_chunk_insert_const(t->strings, value);
  out->datatype = dt != NULL && out->kind == AZKB_REMOTE_LITERAL
                    ? g_string_chunk_insert_const(t->strings, dt)
                    : NULL;
  out->lang     = lang != NULL && out->kind == AZKB_REMOTE_LITERAL
                    ? g_string_chunk_insert_const(t->strings, lang)
                    : NULL;
  return TRUE;
}

static gboolean
read_rows(AzkbRemoteTable *t, JsonArray *bindings, GError **error)
{
  guint width = t->columns->len;

  for (guint r = 0; r < json_array_get_length(bindings); r++) {
    JsonNode   *row = json_array_get_element(bindings, r);
    JsonObject *o;
    gsize       at = t->cells->len;

    if (!JSON_NODE_HOLDS_OBJECT(row))
      return bad(error, "a result is not an object");
    o = json_node_get_object(row);
    g_array_set_size(t->cells, at + width);
    for (guint c = 0; c < width; c++) {
      JsonNode *cell = json_object_get_member(o, t->columns->pdata[c]);
      if (cell != NULL &&
          !read_term(
            t, cell, &g_array_index(t->cells, AzkbRemoteTerm, at + c), error))
        return FALSE;
    }
    t->n_rows++;
  }
  return TRUE;
}

static gboolean
read_select(AzkbRemoteTable *t, JsonObject *root, GError **error)
{
  JsonNode  *head = json_object_get_member(root, "head");
  JsonNode  *res  = json_object_get_member(root, "results");
  JsonNode  *vars, *bindings;
  JsonArray *va;

  if (head == NULL || !JSON_NODE_HOLDS_OBJECT(head))
    return bad(error, "no “head”");
  vars = json_object_get_member(json_node_get_object(head), "vars");
  if (vars == NULL || !JSON_NODE_HOLDS_ARRAY(vars))
    return bad(error, "no “head.vars”");
  va = json_node_get_array(vars);
  for (guint i = 0; i < json_array_get_length(va); i++) {
    JsonNode *v = json_array_get_element(va, i);
    if (!JSON_NODE_HOLDS_VALUE(v) ||
        json_node_get_value_type(v) != G_TYPE_STRING)
      return bad(error, "a variable name is not a string");
    g_ptr_array_add(t->columns, g_strdup(json_node_get_string(v)));
  }
  if (res == NULL || !JSON_NODE_HOLDS_OBJECT(res))
    return bad(error, "no “results”");
  bindings = json_object_get_member(json_node_get_object(res), "bindings");
  if (bindings == NULL || !JSON_NODE_HOLDS_ARRAY(bindings))
    return bad(error, "no “results.bindings”");
  return read_rows(t, json_node_get_array(bindings), error);
}

AzkbRemoteTable *
remote_table_parse(const GString *body, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable();
  g_autoptr(GError) local      = NULL;
  AzkbRemoteTable *t;
  JsonNode        *root, *boolean;

  if (!json_parser_load_from_data(
        parser, body->str, (gssize)body->len, &local)) {
    g_autofree char *start = remote_escape_text(body->str, body->len, 200);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the reply is not JSON (%s); it starts: %s",
                local->message,
                start);
    return NULL;
  }
  root = json_parser_get_root(parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
    bad(error, "not an object");
    return NULL;
  }
  t       = table_new();
  boolean = json_object_get_member(json_node_get_object(root), "boolean");
  if (boolean != NULL) {
    if (!JSON_NODE_HOLDS_VALUE(boolean) ||
        json_node_get_value_type(boolean) != G_TYPE_BOOLEAN) {
      azkb_remote_table_free(t);
      bad(error, "“boolean” is not true or false");
      return NULL;
    }
    t->n_rows = json_node_get_boolean(boolean) ? 1 : 0;
    return t;
  }
  if (!read_select(t, json_node_get_object(root), error)) {
    azkb_remote_table_free(t);
    return NULL;
  }
  return t;
}

guint
azkb_remote_table_n_columns(const AzkbRemoteTable *table)
{
  return table->columns->len;
}

const char *
azkb_remote_table_column(const AzkbRemoteTable *table, guint column)
{
  g_return_val_if_fail(column < table->columns->len, NULL);
  return table->columns->pdata[column];
}

guint
azkb_remote_table_n_rows(const AzkbRemoteTable *table)
{
  return table->n_rows;
}

const AzkbRemoteTerm *
azkb_remote_table_cell(const AzkbRemoteTable *table, guint row, guint column)
{
  g_return_val_if_fail(row < table->n_rows && column < table->columns->len,
                       NULL);
  return &g_array_index(
    table->cells, AzkbRemoteTerm, row * table->columns->len + column);
}
