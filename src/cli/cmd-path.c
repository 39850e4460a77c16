/* azkb path FROM TO: the shortest connections between two entities, each
 * hop with its relation, direction, time and source paragraphs — a witness
 * a reader can check against the text. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  int      max_hops;
  char    *at;
  char    *during;
  char    *via;
  gboolean all;
  gboolean strict;
  gboolean ids;
  gboolean when;
  gboolean json;
} Options;

static const char *
name_of(const AzkbStore *store, AzkbTermId term, gboolean ids)
{
  return azkb_cli_safe(ids ? azkb_store_term_name(store, term)
                           : azkb_store_display_name(store, term));
}

/* "2003–2005, 2017–2019" and "[P7]" for the statements of one hop. */
static void
describe_statements(const AzkbStore *store,
                    const GArray    *stmts,
                    char           **out_when,
                    char           **out_sources)
{
  g_autoptr(GString) when = g_string_new(NULL);
  g_autoptr(GHashTable) seen =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < stmts->len; i++) {
    AzkbStmtId       id = g_array_index(stmts, AzkbStmtId, i);
    AzkbStatement    st;
    g_autofree char *t = NULL;

    azkb_store_get_statement(store, id, &st);
    t = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_HUMAN);
    /* A hop may rest on a dated and an undated statement at once: say
     * both, so the dated one does not seem to cover every source. */
    if (*t == '\0') {
      g_free(t);
      t = g_strdup("undated");
    }
    if (g_hash_table_add(seen, g_strdup(t)))
      g_string_append_printf(when, "%s%s", when->len ? ", " : "", t);
  }
  *out_when = g_string_free(g_steal_pointer(&when), FALSE);
  *out_sources =
    azkb_cli_sources_text(store, (const AzkbStmtId *)stmts->data, stmts->len);
}

/* --when: the days at which every hop of @hops held at once, the
 * sequenced time of the connection: the intersection over hops of the
 * union of the spans of each hop's statements (an undated statement holds
 * always, or never with --strict-time).  (transfer full) */
static char *
connection_when(const AzkbStore *store, const GArray *hops, gboolean strict)
{
  g_autoptr(AzkbTimeSet) all = azkb_time_set_new_always();

  for (guint i = 0; i < hops->len; i++) {
    const AzkbHop *h           = &g_array_index(hops, AzkbHop, i);
    g_autoptr(AzkbTimeSet) hop = azkb_time_set_new();

    for (guint k = 0; k < h->stmts->len; k++) {
      AzkbStatement st;

      azkb_store_get_statement(
        store, g_array_index(h->stmts, AzkbStmtId, k), &st);
      if (!azkb_time_set_add_span_at(hop, &st.time, azkb_cli_present()) &&
          !strict)
        azkb_time_set_add(hop, AZKB_DAY_MIN, AZKB_DAY_MAX);
    }
    azkb_time_set_intersect(all, hop);
  }
  return azkb_time_set_to_string_at(
    all, AZKB_TIME_STYLE_HUMAN, azkb_cli_present());
}

static void
print_connection(const AzkbStore *store, const GArray *hops, gboolean ids)
{
  for (guint i = 0; i < hops->len; i++) {
    const AzkbHop   *h       = &g_array_index(hops, AzkbHop, i);
    g_autofree char *when    = NULL;
    g_autofree char *sources = NULL;
    const char *rel = azkb_cli_safe(azkb_store_term_name(store, h->relation));

    describe_statements(store, h->stmts, &when, &sources);
    printf("  %u. %s %s%s%s %s\n",
           i + 1,
           name_of(store, h->from, ids),
           h->forward ? "-" : "<-",
           rel,
           h->forward ? "->" : "-",
           name_of(store, h->to, ids));
    printf(
      "     %s%s%s\n", *when ? when : "undated", *sources ? "  " : "", sources);
  }
}

/* One row per hop, numbered by connection and hop: {"connection": 1,
 * "hop": 1, "from": TERM, "direction": "out"|"in", "relation": NAME,
 * "to": TERM, "times": [ISO|null, ...], "sources": [...]}. */
static void
json_hop(JsonBuilder     *b,
         const AzkbStore *store,
         guint            connection,
         guint            index,
         const AzkbHop   *h)
{
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "connection");
  json_builder_add_int_value(b, connection);
  json_builder_set_member_name(b, "hop");
  json_builder_add_int_value(b, index);
  json_builder_set_member_name(b, "from");
  azkb_cli_json_term(b, store, h->from);
  json_builder_set_member_name(b, "direction");
  json_builder_add_string_value(b, h->forward ? "out" : "in");
  json_builder_set_member_name(b, "relation");
  json_builder_add_string_value(b, azkb_store_term_name(store, h->relation));
  json_builder_set_member_name(b, "to");
  azkb_cli_json_term(b, store, h->to);
  json_builder_set_member_name(b, "times");
  json_builder_begin_array(b);
  for (guint i = 0; i < h->stmts->len; i++) {
    AzkbStatement st;

    azkb_store_get_statement(
      store, g_array_index(h->stmts, AzkbStmtId, i), &st);
    azkb_cli_json_time(b, &st.time);
  }
  json_builder_end_array(b);
  json_builder_set_member_name(b, "sources");
  azkb_cli_json_sources(
    b, store, (const AzkbStmtId *)h->stmts->data, h->stmts->len);
  json_builder_end_object(b);
}

static void
print_json(const AzkbStore *store,
           AzkbTermId       from,
           AzkbTermId       to,
           const GPtrArray *paths)
{
  static const char *const columns[] = { "connection", "hop",      "from",
                                         "direction",  "relation", "to",
                                         "times",      "sources",  NULL };
  g_autoptr(JsonBuilder) b           = json_builder_new();

  json_builder_begin_object(b);
  json_builder_set_member_name(b, "from");
  azkb_cli_json_term(b, store, from);
  json_builder_set_member_name(b, "to");
  azkb_cli_json_term(b, store, to);
  azkb_cli_json_columns(b, columns);
  for (guint i = 0; i < paths->len; i++) {
    const GArray *hops = g_ptr_array_index(paths, i);

    for (guint k = 0; k < hops->len; k++)
      json_hop(b, store, i + 1, k + 1, &g_array_index(hops, AzkbHop, k));
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
}

/* The store and the connections: from @data's files, or with --endpoint
 * from the part of the server's graph that holds them. */
static AzkbStore *
load_and_find(const AzkbCliData       *data,
              const AzkbCliRemoteRead *remote,
              const char              *from_name,
              const char              *to_name,
              const AzkbPathOptions   *options,
              AzkbTermId              *from,
              AzkbTermId              *to,
              GPtrArray              **paths,
              GError                 **error)
{
  g_autoptr(AzkbStore) store = NULL;

  if (remote->remote.endpoint != NULL)
    return azkb_cli_remote_path(
      remote, data, from_name, to_name, options, from, to, paths, error);
  if ((store = azkb_cli_load(data, error)) == NULL ||
      (*from = azkb_store_resolve(store, from_name, AZKB_TERM_ENTITY, error)) ==
        0 ||
      (*to = azkb_store_resolve(store, to_name, AZKB_TERM_ENTITY, error)) == 0)
    return NULL;
  if (*from != *to &&
      (*paths = azkb_path_find(store, *from, *to, options, error)) == NULL)
    return NULL;
  return g_steal_pointer(&store);
}

static int
find(const AzkbCliData       *data,
     const AzkbCliRemoteRead *remote,
     const char              *from_name,
     const char              *to_name,
     Options                 *o)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(AzkbStore) store = NULL;
  AzkbPathOptions options    = { 0 };
  AzkbInterval    at;
  AzkbTermId      from = 0, to = 0;

  if (o->at != NULL) {
    if (!azkb_interval_parse(o->at, &at, &error)) {
      g_prefix_error(&error, "--at: ");
      return azkb_cli_fail(error);
    }
    options.at = &at;
  }
  options.max_hops     = (guint)o->max_hops;
  options.via          = o->via;
  options.all_shortest = o->all;
  options.flags        = o->strict ? AZKB_QUERY_STRICT_TIME : 0;
  options.present      = azkb_cli_present();
  store                = load_and_find(
    data, remote, from_name, to_name, &options, &from, &to, &paths, &error);
  if (store == NULL)
    return azkb_cli_fail(error);
  if (from == to) {
    fprintf(stderr,
            "%s: “%s” and “%s” are the same entity\n",
            g_get_prgname(),
            azkb_cli_safe(from_name),
            azkb_cli_safe(to_name));
    return AZKB_EXIT_USAGE;
  }
  /* A hop's statements in time order, not in the order they were read. */
  for (guint i = 0; i < paths->len; i++) {
    GArray *hops = g_ptr_array_index(paths, i);

    for (guint k = 0; k < hops->len; k++)
      azkb_cli_sort_by_time(store, g_array_index(hops, AzkbHop, k).stmts);
  }
  if (o->json)
    print_json(store, from, to, paths);
  if (paths->len == 0) {
    fprintf(stderr,
            "%s: no connection from %s to %s within %d hops%s\n",
            g_get_prgname(),
            name_of(store, from, o->ids),
            name_of(store, to, o->ids),
            o->max_hops,
            o->at != NULL ? " at that time" : "");
    return AZKB_EXIT_NO_MATCH;
  }
  for (guint i = 0; i < paths->len && !o->json; i++) {
    GArray *hops = g_ptr_array_index(paths, i);

    if (paths->len > 1)
      printf("%sConnection %u of %u, %u hop%s:\n",
             i ? "\n" : "",
             i + 1,
             paths->len,
             hops->len,
             hops->len == 1 ? "" : "s");
    else
      printf("%s → %s, %u hop%s:\n",
             name_of(store, from, o->ids),
             name_of(store, to, o->ids),
             hops->len,
             hops->len == 1 ? "" : "s");
    print_connection(store, hops, o->ids);
    if (o->when) {
      g_autofree char *when = connection_when(store, hops, o->strict);

      printf("  every hop at once: %s\n", when);
    }
  }
  return AZKB_EXIT_OK;
}

int
azkb_cmd_path(int argc, char **argv, gboolean do_help)
{
  AzkbCliData       data            = { 0 };
  AzkbCliRemoteRead remote          = { 0 };
  Options           o               = { .max_hops = 6 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "path",
    "FROM TO",
    "Find the shortest connections between two entities, over relations "
    "in either direction, each hop with its time and source paragraphs.",
    "A hop crosses one statement forwards (FROM -rel-> TO) or backwards\n"
    "(FROM <-rel- TO: TO rel FROM).  --via EXPR keeps only connections\n"
    "whose hops spell a word of (EXPR|^EXPR)+, EXPR being a path\n"
    "expression of `azkb query` (default: _ , any relation).\n"
    "Exit status: 0 found, 1 no connection, 2 usage or unknown entity.");
  // clang-format off
  const GOptionEntry entries[] = {
    { "max-hops",     'm', 0, G_OPTION_ARG_INT,    &o.max_hops, "Longest connection to look for (default 6)", "N" },
    { "at",           0,   0, G_OPTION_ARG_STRING, &o.at,       "Every hop must hold at DATE (or in A..B)", "DATE" },
    { "during",       0,   0, G_OPTION_ARG_STRING, &o.during,   "Every hop must hold in A..B (the same as --at A..B)", "A..B" },
    { "via",          0,   0, G_OPTION_ARG_STRING, &o.via,      "Only hops matching this path expression", "EXPR" },
    { "all-shortest", 0,   0, G_OPTION_ARG_NONE,   &o.all,      "Print every shortest connection (up to 100), not one", NULL },
    { "when",         0,   0, G_OPTION_ARG_NONE,   &o.when,     "Say when every hop of a connection held at once", NULL },
    { "strict-time",  0,   0, G_OPTION_ARG_NONE,   &o.strict,   "Undated statements fail --at", NULL },
    { "ids",          0,   0, G_OPTION_ARG_NONE,   &o.ids,      "Print ids instead of labels", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autofree char *format = NULL;
  int              status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_format_option(context, &format);
  azkb_cli_add_data_options(context, &data);
  azkb_cli_add_remote_read_options(context, &remote);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (!azkb_cli_text_or_json(context, format, &o.json, &status))
    goto out;
  if (o.at != NULL && o.during != NULL) {
    status = azkb_cli_usage(context, "give --at or --during, not both");
    goto out;
  }
  if (o.during != NULL)
    o.at = g_steal_pointer(&o.during);
  if (argc != 3)
    status = azkb_cli_usage(context, "give two entities, FROM and TO");
  else if (o.max_hops < 1 || o.max_hops > 100)
    status = azkb_cli_usage(context, "--max-hops must be 1..100");
  else
    status = find(&data, &remote, argv[1], argv[2], &o);
out:
  g_clear_pointer(&o.at, g_free);
  g_clear_pointer(&o.during, g_free);
  g_clear_pointer(&o.via, g_free);
  azkb_cli_data_clear(&data);
  azkb_cli_remote_read_clear(&remote);
  return status;
}
