/* Printing source texts and the statements that cite them, for `azkb
 * source` and `azkb show`: terminal escaping, wrapping, statement lines. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* One escaping for all text from data on a terminal: azkb_cli_safe(). */
char *
azkb_cli_terminal_text(const char *text)
{
  return g_strdup(azkb_cli_safe(text));
}

void
azkb_cli_print_wrapped(const char *text, guint indent, guint width)
{
  g_autofree char *safe = azkb_cli_terminal_text(text);
  g_auto(GStrv) words   = g_strsplit(safe, " ", -1);
  glong    column       = 0;
  gboolean started      = FALSE;

  for (guint i = 0; words[i] != NULL; i++) {
    glong len = g_utf8_strlen(words[i], -1);

    if (*words[i] == '\0')
      continue;
    if (started && column + 1 + len > (glong)width) {
      putchar('\n');
      started = FALSE;
    }
    if (!started) {
      printf("%*s%s", (int)indent, "", words[i]);
      column  = indent + len;
      started = TRUE;
    } else {
      printf(" %s", words[i]);
      column += 1 + len;
    }
  }
  if (started)
    putchar('\n');
}

/* The far end of a statement as a reader wants it: a quoted value, or
 * a name. */
char *
azkb_cli_node_text(const AzkbStore *store, AzkbTermId node)
{
  AzkbLiteral      lit;
  g_autofree char *raw = NULL;

  if (azkb_store_get_literal(store, node, &lit))
    raw = g_strdup_printf("“%s”", lit.lexical);
  else
    raw = g_strdup(azkb_store_display_name(store, node));
  return azkb_cli_terminal_text(raw);
}

/* Two terms by name; literals of one lexical form by datatype, then
 * language. */
int
azkb_cli_compare_terms(const AzkbStore *store, AzkbTermId x, AzkbTermId y)
{
  AzkbLiteral lx, ly;
  int         c;

  if (x == y)
    return 0;
  c = strcmp(azkb_store_term_name(store, x), azkb_store_term_name(store, y));
  if (c != 0)
    return c;
  if (!azkb_store_get_literal(store, x, &lx) ||
      !azkb_store_get_literal(store, y, &ly))
    return x < y ? -1 : 1;
  c = (int)lx.kind - (int)ly.kind;
  if (c == 0)
    c = g_strcmp0(lx.datatype, ly.datatype);
  if (c == 0)
    c = g_strcmp0(lx.lang, ly.lang);
  return c != 0 ? c : (x < y ? -1 : 1);
}

/* Statements by time, then by what they say: never by their ids, which
 * follow the order the data was read in, so that the same data read in
 * another order (an export read back, a SPARQL store's answer) prints the
 * same lines in the same order. */
int
azkb_cli_compare_statements(const AzkbStore *store, AzkbStmtId x, AzkbStmtId y)
{
  AzkbStatement sx, sy;
  int           c;

  azkb_store_get_statement(store, x, &sx);
  azkb_store_get_statement(store, y, &sy);
  c = azkb_interval_compare_at(&sx.time, &sy.time, azkb_cli_present());
  if (c == 0)
    c = azkb_cli_compare_terms(store, sx.relation, sy.relation);
  if (c == 0)
    c = azkb_cli_compare_terms(store, sx.subject, sy.subject);
  if (c == 0)
    c = azkb_cli_compare_terms(store, sx.object, sy.object);
  if (c != 0)
    return c;
  return x < y ? -1 : x > y;
}

static int
by_time(gconstpointer a, gconstpointer b, gpointer user_data)
{
  return azkb_cli_compare_statements(
    user_data, *(const AzkbStmtId *)a, *(const AzkbStmtId *)b);
}

void
azkb_cli_sort_by_time(const AzkbStore *store, GArray *stmts)
{
  g_array_sort_with_data(stmts, by_time, (gpointer)store);
}

char *
azkb_cli_time_text(const AzkbStore *store, AzkbStmtId stmt)
{
  AzkbStatement st;
  char         *when;

  azkb_store_get_statement(store, stmt, &st);
  when = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_HUMAN);
  if (*when == '\0') {
    g_free(when);
    when = g_strdup("(undated)");
  }
  return when;
}

void
azkb_cli_print_citing(const AzkbStore *store, const GArray *stmts)
{
  guint width = 0;

  for (guint i = 0; i < stmts->len; i++) {
    g_autofree char *when =
      azkb_cli_time_text(store, g_array_index(stmts, AzkbStmtId, i));
    width = MAX(width, (guint)g_utf8_strlen(when, -1));
  }
  for (guint i = 0; i < stmts->len; i++) {
    AzkbStmtId       s = g_array_index(stmts, AzkbStmtId, i);
    AzkbStatement    st;
    g_autofree char *when = azkb_cli_time_text(store, s);
    g_autofree char *subj = NULL;
    g_autofree char *obj  = NULL;
    g_autofree char *srcs = azkb_cli_sources_text(store, &s, 1);

    azkb_store_get_statement(store, s, &st);
    subj = azkb_cli_node_text(store, st.subject);
    obj  = azkb_cli_node_text(store, st.object);
    printf("  %s%*s  %s → %s → %s  %s\n",
           when,
           (int)(width - g_utf8_strlen(when, -1)),
           "",
           subj,
           azkb_store_term_name(store, st.relation),
           obj,
           srcs);
  }
}
