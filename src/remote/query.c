/* azkb_remote_query(): a path pattern answered by a SPARQL store.  The
 * query is the one `azkb query --sparql` prints; the answer's IRIs are
 * mapped back to the store's terms, so the rows print exactly as a local
 * query's. */
#include "remote-private.h"

#include <string.h>

static gboolean
cell_term(AzkbQuery            *query,
          const char           *base,
          const AzkbRemoteTerm *cell,
          const char           *column,
          AzkbTermId           *out,
          GError              **error)
{
  if (cell->kind == AZKB_REMOTE_IRI) {
    *out = azkb_query_term_for_iri(query, base, cell->value);
    return TRUE;
  }
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              cell->kind == AZKB_REMOTE_UNBOUND ? AZKB_REMOTE_ERROR_UNSUPPORTED
                                                : AZKB_REMOTE_ERROR_PROTOCOL,
              "the server bound ?%s to %s, where every match binds an "
              "entity (an IRI): its answer is wrong, so azkb refuses it "
              "(run the query locally)",
              column,
              cell->kind == AZKB_REMOTE_UNBOUND ? "nothing"
              : cell->kind == AZKB_REMOTE_BLANK ? "a blank node"
                                                : "a literal");
  return FALSE;
}

/* ---- what Virtuoso 7 cannot answer exactly ----
 *
 * Found by comparing its answers with azkb's own (tests/remote): where it
 * would give wrong rows, the query is refused instead.
 *   1. A time filter: the SPARQL binds each date inside an OPTIONAL, and
 *      Virtuoso evaluates those BINDs on rows the OPTIONAL did not match,
 *      with CONCAT() of an unbound value giving a string: spans come out
 *      wrong, and rows go missing.
 *   2. A path that can match the empty path (`?`, `*`; `{m,n}` expands
 *      to nested `?`): some of these miss rows (`p/((p|^p)/p?)?` matches
 *      nothing; `?x -(!^p)*-> ?` misses most rows; a `?` step from a
 *      named entity misses the entity itself).
 *   3. A repetition of a group holding an inverse (`(!^p)+`,
 *      `(^(!q)|(!^p)+)`): wrong rows.
 *   4. What Virtuoso refuses itself, said plainly: a repeated path
 *      (`*`, `+`, `{m,}`) whose two ends are both free ("transitive start
 *      not given"), a path its compiler cannot compile (SP031), a search
 *      past its transitive memory (TN...).
 *   5. An answer that leaves a variable unbound (no match of a path
 *      pattern can): it is wrong, so it is refused. */

/* Mark the characters of @q inside <IRI>s, strings and comments. */
static char *
quoted_mask(const char *q, gsize n)
{
  char *mask = g_malloc0(n + 1);

  for (gsize i = 0; i < n; i++) {
    gsize j = i + 1;

    if (q[i] == '<') {
      while (j < n && q[j] != '>' && !g_ascii_isspace(q[j]))
        j++;
      if (j >= n || q[j] != '>')
        continue; /* a comparison, not an IRI */
    } else if (q[i] == '"') {
      while (j < n && q[j] != '"')
        j += q[j] == '\\' ? 2 : 1;
    } else if (q[i] == '#') {
      while (j < n && q[j] != '\n')
        j++;
    } else
      continue;
    memset(mask + i, 1, MIN(j, n - 1) - i + 1);
    i = j;
  }
  return mask;
}

/* Is there a path that can match the empty path, a postfix `?` or `*`
 * (outside IRIs, strings, comments; a variable's `?` follows a space or a
 * bracket, a postfix follows a name or a group)? */
static gboolean
has_zero_length_path(const char *q)
{
  gsize            n    = strlen(q);
  g_autofree char *mask = quoted_mask(q, n);

  for (gsize i = 1; i < n; i++) {
    char before = q[i - 1], after = i + 1 < n ? q[i + 1] : ' ';

    if (mask[i] || (q[i] != '?' && q[i] != '*'))
      continue;
    if (!(before == ')' || before == '>' || g_ascii_isalnum(before) ||
          before == '_'))
      continue;
    if (g_ascii_isalnum(after) || after == '_')
      continue;
    return TRUE;
  }
  return FALSE;
}

/* Is there a `( ... ^ ... )+`, a repetition over a group holding an
 * inverse (outside IRIs, strings, comments)? */
static gboolean
has_repeated_inverse(const char *q)
{
  gsize            n    = strlen(q);
  g_autofree char *mask = quoted_mask(q, n);

  for (gsize i = 1; i + 1 < n; i++) {
    gsize depth = 0;

    if (mask[i] || q[i] != ')' || (q[i + 1] != '+' && q[i + 1] != '*'))
      continue;
    for (gsize j = i; j-- > 0;) {
      if (mask[j])
        continue;
      if (q[j] == ')')
        depth++;
      else if (q[j] == '(' && depth-- == 0)
        break;
      else if (q[j] == '^')
        return TRUE;
    }
  }
  return FALSE;
}

static gboolean
virtuoso_can_answer(const char *sparql, GError **error)
{
  const char *why = NULL;

  if (strstr(sparql, "OPTIONAL {") != NULL)
    why = "a time filter (on the whole pattern, or @ on a step): Virtuoso 7 "
          "evaluates the BINDs of an OPTIONAL on rows it did not match, so "
          "the statements' spans come out wrong";
  else if (has_zero_length_path(sparql))
    why = "a step that can match the empty path (“?”, “*”, “{0,n}”, or a "
          "“{m,n}” unfolded into nested “?”): Virtuoso 7 misses rows of "
          "some of these";
  else if (has_repeated_inverse(sparql))
    why = "a repetition (“+”, “{m,}”) of a group holding an inverse "
          "(“^a”, “!^a”): Virtuoso 7 gives wrong rows for some of these";
  if (why == NULL)
    return TRUE;
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_UNSUPPORTED,
              "the server (Virtuoso) cannot answer this pattern exactly, so "
              "azkb refuses its answer: %s.  Run the query locally",
              why);
  return FALSE;
}

/* Virtuoso's own refusal said plainly; and where it failed on a pattern
 * that it could not have answered exactly anyway, the reason why. */
static void
explain_server_refusal(AzkbRemote *remote, const char *sparql, GError **error)
{
  GError *refusal = NULL;

  if (*error == NULL || !remote_is_virtuoso(remote))
    return;
  if (!virtuoso_can_answer(sparql, &refusal)) {
    g_clear_error(error);
    g_propagate_error(error, refusal);
    return;
  }
  if (strstr((*error)->message, "transitive start not given") != NULL) {
    g_clear_error(error);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_UNSUPPORTED,
                "the server (Virtuoso) cannot evaluate a repeated path (“*”, "
                "“+”, “{m,}”) whose two ends are both variables; name an "
                "entity at one end, or run the query locally");
  } else if (strstr((*error)->message, "Error SP031") != NULL ||
             strstr((*error)->message, "Error TN") != NULL) {
    char *m = g_strdup_printf("the server (Virtuoso) cannot evaluate this "
                              "pattern (run it locally): %s",
                              (*error)->message);
    (*error)->domain = AZKB_REMOTE_ERROR;
    (*error)->code   = AZKB_REMOTE_ERROR_UNSUPPORTED;
    g_free((*error)->message);
    (*error)->message = m;
  }
}

/* What a remote answer can give: entities, whose IRIs map back to store
 * terms.  A column of another kind (a literal value, a statement's time,
 * the sources of a row, when a row held) would need the statement behind
 * it, which a SPARQL answer does not name; refused before asking, never
 * answered as something else. */
static gboolean
check_column_kinds(const AzkbResult *empty, GError **error)
{
  for (guint c = 0; c < azkb_result_n_columns(empty); c++) {
    AzkbColumnKind kind = azkb_result_column_kind(empty, c);
    const char    *what;

    if (kind == AZKB_COLUMN_ENTITY)
      continue;
    switch ((int)kind) {
      case AZKB_COLUMN_LITERAL:
        what = "a literal value";
        break;
      case AZKB_COLUMN_TIME:
        what = "a statement's time";
        break;
      case AZKB_COLUMN_SOURCES:
        what = "the sources of each row";
        break;
      case AZKB_COLUMN_WHEN:
        what = "when each row held";
        break;
      default:
        what = "values other than entities";
        break;
    }
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_UNSUPPORTED,
                "a remote query answers entity columns only, and ?%s holds "
                "%s; run the query locally",
                azkb_result_column_name(empty, c),
                what);
    return FALSE;
  }
  return TRUE;
}

/* The server must answer with the query's own columns, in order. */
static gboolean
check_columns(const AzkbRemoteTable *t, const AzkbResult *empty, GError **e)
{
  guint n = azkb_result_n_columns(empty);

  if (n == 0)
    return TRUE; /* an ASK */
  if (azkb_remote_table_n_columns(t) != n)
    goto bad;
  for (guint c = 0; c < n; c++)
    if (strcmp(azkb_remote_table_column(t, c),
               azkb_result_column_name(empty, c)) != 0)
      goto bad;
  return TRUE;
bad:
  g_set_error(e,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_PROTOCOL,
              "the server answered with other columns than the query's");
  return FALSE;
}

AzkbResult *
azkb_remote_query(AzkbRemote *remote,
                  AzkbQuery  *query,
                  const char *base,
                  const char *graph,
                  GError    **error)
{
  g_autofree char *sparql      = NULL;
  g_autofree char *current     = NULL;
  g_autoptr(AzkbRemoteTable) t = NULL;
  g_autoptr(AzkbResult) empty  = azkb_result_new_from_rows(query, NULL, 0);
  g_autoptr(GArray) cells      = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  guint width                  = azkb_result_n_columns(empty);

  if (!check_column_kinds(empty, error))
    return NULL;
  sparql = azkb_query_to_sparql_full(query, base, AZKB_SPARQL_ROWS, 0, error);
  if (sparql == NULL)
    return NULL;
  /* A versioned graph is read in its current version. */
  if (graph != NULL &&
      (current = azkb_remote_current_graph(remote, graph, error)) == NULL)
    return NULL;
  /* Know the server before asking: a pattern it cannot answer exactly is
   * refused without loading it with the work. */
  if (remote->server == NULL) {
    g_autoptr(AzkbRemoteTable) probe =
      azkb_remote_select(remote, "ASK {}", NULL, error);
    if (probe == NULL)
      return NULL;
  }
  if (remote_is_virtuoso(remote) && !virtuoso_can_answer(sparql, error))
    return NULL;
  t = azkb_remote_select(remote, sparql, current, error);
  if (t == NULL) {
    explain_server_refusal(remote, sparql, error);
    return NULL;
  }
  /* Known only once it has answered: drop an answer that may be wrong. */
  if (remote_is_virtuoso(remote) && !virtuoso_can_answer(sparql, error))
    return NULL;
  if (!check_columns(t, empty, error))
    return NULL;
  g_array_set_size(cells, azkb_remote_table_n_rows(t) * width);
  for (guint r = 0; r < azkb_remote_table_n_rows(t); r++)
    for (guint c = 0; c < width; c++)
      if (!cell_term(query,
                     base,
                     azkb_remote_table_cell(t, r, c),
                     azkb_result_column_name(empty, c),
                     &g_array_index(cells, AzkbTermId, r * width + c),
                     error))
        return NULL;
  return azkb_result_new_from_rows(query,
                                   (const AzkbTermId *)(gpointer)cells->data,
                                   azkb_remote_table_n_rows(t));
}
