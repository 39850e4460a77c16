/* azkb diff DATE1 DATE2: what began, ended, began and ended, or held
 * throughout between two dates, with the paragraphs that say so.  The
 * definitions are the library's (include/azkb/diff.h). */
#include "cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char    *around;
  char    *format;
  gboolean ids;
} Options;

static const char *const headings[] = {
  [AZKB_CHANGE_BEGAN]           = "Began",
  [AZKB_CHANGE_ENDED]           = "Ended",
  [AZKB_CHANGE_BEGAN_AND_ENDED] = "Began and ended",
  [AZKB_CHANGE_HELD]            = "Held throughout",
};

static const char *
term_text(const AzkbStore *store, AzkbTermId term, gboolean ids)
{
  AzkbLiteral lit;

  if (azkb_store_get_literal(store, term, &lit))
    return lit.lexical;
  return ids ? azkb_store_term_name(store, term)
             : azkb_store_display_name(store, term);
}

static char *
sources_of(const AzkbStore *store, AzkbStmtId stmt, gboolean brackets)
{
  g_autoptr(GArray) src = azkb_store_statement_sources(store, stmt);

  return azkb_cli_terms_text(
    store, (const AzkbTermId *)(gpointer)src->data, src->len, brackets);
}

static char *
time_of(const AzkbStatement *st, AzkbTimeStyle style)
{
  return azkb_interval_to_string(&st->time, style);
}

/* ---- table ---- */

static void
print_table(const AzkbStore *store, const GArray *changes, gboolean ids)
{
  g_autofree guint *width = g_new0(guint, changes->len + 1);
  guint             w     = 0;
  int               kind  = -1;

  for (guint i = 0; i < changes->len; i++) {
    AzkbStatement    st;
    g_autofree char *t = NULL;

    azkb_store_get_statement(
      store, g_array_index(changes, AzkbChange, i).stmt, &st);
    t = time_of(&st, AZKB_TIME_STYLE_HUMAN);
    w = MAX(w, (guint)g_utf8_strlen(t, -1));
  }
  for (guint i = 0; i < changes->len; i++) {
    const AzkbChange *c = &g_array_index(changes, AzkbChange, i);
    AzkbStatement     st;
    g_autofree char  *t   = NULL;
    g_autofree char  *src = NULL;
    guint             n   = 0;

    if ((int)c->kind != kind) {
      kind = (int)c->kind;
      for (guint k = i; k < changes->len &&
                        g_array_index(changes, AzkbChange, k).kind == c->kind;
           k++)
        n++;
      printf("%s%s (%u):\n", i > 0 ? "\n" : "", headings[c->kind], n);
    }
    azkb_store_get_statement(store, c->stmt, &st);
    t   = time_of(&st, AZKB_TIME_STYLE_HUMAN);
    src = sources_of(store, c->stmt, TRUE);
    /* labels come from the data: escaped for the terminal */
    printf("  %s%*s  %s -%s-> %s",
           t,
           (int)(w - (guint)g_utf8_strlen(t, -1)),
           "",
           azkb_cli_safe(term_text(store, st.subject, ids)),
           azkb_cli_safe(azkb_store_term_name(store, st.relation)),
           azkb_cli_safe(term_text(store, st.object, ids)));
    if (*src != '\0')
      printf("  %s", azkb_cli_safe(src));
    putchar('\n');
  }
}

/* ---- tsv ---- */

static void
print_tsv_cell(const char *text)
{
  for (const char *p = text; *p; p++)
    putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

static void
print_tsv(const AzkbStore *store, const GArray *changes, gboolean ids)
{
  puts("change\ttime\tsubject\trelation\tobject\tsources");
  for (guint i = 0; i < changes->len; i++) {
    const AzkbChange *c = &g_array_index(changes, AzkbChange, i);
    AzkbStatement     st;
    g_autofree char  *t   = NULL;
    g_autofree char  *src = NULL;

    azkb_store_get_statement(store, c->stmt, &st);
    t   = time_of(&st, AZKB_TIME_STYLE_EDTF);
    src = sources_of(store, c->stmt, FALSE);
    printf("%s\t%s\t", azkb_change_kind_to_string(c->kind), t);
    print_tsv_cell(term_text(store, st.subject, ids));
    printf("\t%s\t", azkb_store_term_name(store, st.relation));
    print_tsv_cell(term_text(store, st.object, ids));
    printf("\t%s\n", src);
  }
}

/* ---- json ---- */

static void
json_term(JsonBuilder *b, const AzkbStore *store, AzkbTermId term)
{
  AzkbLiteral lit;

  if (azkb_store_get_literal(store, term, &lit)) {
    json_builder_add_string_value(b, lit.lexical);
    return;
  }
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "id");
  json_builder_add_string_value(b, azkb_store_term_name(store, term));
  json_builder_set_member_name(b, "label");
  json_builder_add_string_value(b, azkb_store_display_name(store, term));
  json_builder_end_object(b);
}

static void
json_change(JsonBuilder *b, const AzkbStore *store, const AzkbChange *c)
{
  AzkbStatement    st;
  g_autofree char *edtf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *src  = NULL;
  g_auto(GStrv) names   = NULL;

  azkb_store_get_statement(store, c->stmt, &st);
  edtf  = time_of(&st, AZKB_TIME_STYLE_EDTF);
  text  = time_of(&st, AZKB_TIME_STYLE_HUMAN);
  src   = sources_of(store, c->stmt, FALSE);
  names = g_strsplit(src, " ", -1);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "change");
  json_builder_add_string_value(b, azkb_change_kind_to_string(c->kind));
  json_builder_set_member_name(b, "subject");
  json_term(b, store, st.subject);
  json_builder_set_member_name(b, "relation");
  json_builder_add_string_value(b, azkb_store_term_name(store, st.relation));
  json_builder_set_member_name(b, "object");
  json_term(b, store, st.object);
  json_builder_set_member_name(b, "time");
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "edtf");
  json_builder_add_string_value(b, edtf);
  json_builder_set_member_name(b, "text");
  json_builder_add_string_value(b, text);
  json_builder_end_object(b);
  json_builder_set_member_name(b, "sources");
  json_builder_begin_array(b);
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      json_builder_add_string_value(b, names[i]);
  json_builder_end_array(b);
  json_builder_end_object(b);
}

/* The shape every command's JSON has: its own members (the window), then
 * "columns" and one row object per change. */
static void
print_json(const AzkbStore *store,
           const GArray    *changes,
           const AzkbDate  *from,
           const AzkbDate  *to)
{
  static const char *const columns[] = { "change", "subject", "relation",
                                         "object", "time",    "sources",
                                         NULL };
  g_autoptr(JsonBuilder) b           = json_builder_new();
  g_autofree char *a = azkb_date_to_string(from, AZKB_TIME_STYLE_ISO);
  g_autofree char *z = azkb_date_to_string(to, AZKB_TIME_STYLE_ISO);

  json_builder_begin_object(b);
  json_builder_set_member_name(b, "from");
  json_builder_add_string_value(b, a);
  json_builder_set_member_name(b, "to");
  json_builder_add_string_value(b, z);
  azkb_cli_json_columns(b, columns);
  for (guint i = 0; i < changes->len; i++)
    json_change(b, store, &g_array_index(changes, AzkbChange, i));
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
}

/* ---- running ---- */

static gboolean
parse_date(const char *text, const char *which, AzkbDate *out, GError **error)
{
  if (azkb_date_parse(text, out, error))
    return TRUE;
  g_prefix_error(error, "%s: ", which);
  return FALSE;
}

static int
run_diff(AzkbStore     *store,
         const char    *from_text,
         const char    *to_text,
         const Options *o)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(GArray) changes = NULL;
  AzkbTermId around         = 0;
  AzkbDate   from, to;

  if (!parse_date(from_text, "DATE1", &from, &error) ||
      !parse_date(to_text, "DATE2", &to, &error))
    return azkb_cli_fail(error);
  if (o->around != NULL) {
    around = azkb_store_resolve(store, o->around, AZKB_TERM_ENTITY, &error);
    if (around == 0) {
      g_prefix_error(&error, "--around: ");
      return azkb_cli_fail(error);
    }
  }
  changes = azkb_diff(store, &from, &to, around, azkb_cli_present(), &error);
  if (changes == NULL)
    return azkb_cli_fail(error);
  /* tsv and json print their (empty) shape even for no change; every
   * format exits 1 then, as `query` does for no row */
  if (strcmp(o->format, "json") == 0)
    print_json(store, changes, &from, &to);
  else if (strcmp(o->format, "tsv") == 0)
    print_tsv(store, changes, o->ids);
  else if (changes->len > 0)
    print_table(store, changes, o->ids);
  if (changes->len > 0)
    return AZKB_EXIT_OK;
  fprintf(stderr,
          "%s: no dated statement held between %s and %s\n",
          g_get_prgname(),
          from_text,
          to_text);
  return AZKB_EXIT_NO_MATCH;
}

static const char description[] =
  "The window runs from the first day of DATE1 to the last day of DATE2\n"
  "(2012 2019: 1 January 2012 to 31 December 2019).  Each dated statement\n"
  "whose span overlaps it is listed once:\n"
  "  began            not holding on the first day, holding on the last\n"
  "  ended            holding on the first day, not on the last\n"
  "  began and ended  holding only strictly inside the window\n"
  "  held throughout  holding on the first and the last day\n"
  "Spans as everywhere: an open end runs to the present (--now), an\n"
  "unknown end covers only its start's own year, month or day.  Undated\n"
  "statements never change and are not listed.\n"
  "\n"
  "Examples:\n"
  "  azkb diff 2012 2019\n"
  "  azkb diff 2012 2019 --around Azerbaijan --format json\n"
  "\n"
  "Exit status: 0 changes listed, 1 none (in every format; tsv and json\n"
  "still print their header or empty rows), 2 bad date or name.";

int
azkb_cmd_diff(int argc, char **argv, gboolean do_help)
{
  AzkbCliData data = { 0 };
  Options     o    = { 0 };
  g_autoptr(GOptionContext) context =
    azkb_cli_context("diff",
                     "DATE1 DATE2",
                     "List what began, ended or held throughout between two "
                     "dates, with sources.",
                     description);
  // clang-format off
  const GOptionEntry entries[] = {
    { "around", 0,   0, G_OPTION_ARG_STRING, &o.around, "Only statements with ENTITY as subject or object", "ENTITY" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format, "table (default), tsv or json", "FORMAT" },
    { "ids",    0,   0, G_OPTION_ARG_NONE,   &o.ids,    "Print ids instead of labels", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  int status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (o.format == NULL)
    o.format = g_strdup("table");
  if (argc != 3)
    status = azkb_cli_usage(context, "give two dates: DATE1 DATE2");
  else if (!g_strv_contains(
             (const char *const[]){ "table", "tsv", "json", NULL }, o.format))
    status = azkb_cli_usage(
      context, "unknown format “%s” (table, tsv or json)", o.format);
  else if ((store = azkb_cli_load(&data, &error)) == NULL)
    status = azkb_cli_fail(error);
  else
    status = run_diff(store, argv[1], argv[2], &o);
out:
  g_clear_pointer(&o.around, g_free);
  g_clear_pointer(&o.format, g_free);
  azkb_cli_data_clear(&data);
  return status;
}
