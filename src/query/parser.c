/* The pattern parser: recursive descent over the grammar in query.h,
 * resolving every name against the store as it goes, so that an error
 * points at the column of the name that is wrong. */
#include "query-private.h"

#include <string.h>

/// Where a property (a relation to literal values) is written.
typedef struct {
  AzkbTermId property;
  guint      column;
  guint      step;
  gboolean   allowed; ///< as a relation of its own, not in a negated set
} PropUse;

typedef struct {
  Scanner    sc;
  AzkbStore *store;
  AzkbQuery *query;      ///< NULL when parsing a path expression alone
  guint      depth;      ///< open `(`, `^` and postfixes around the operand
  guint      atoms;      ///< atoms read so far in this expression
  PropUse    prop;       ///< the first property written, in a pattern
  guint      n_props;    ///< properties written (check_literals() allows one)
  gboolean   in_negated; ///< inside `!(...)`
} Parser;

static Px *parse_alt(Parser *ps, GError **error);

/* ---- bounds ---- */

/* Every walk over the tree after parsing (inversion, expansion, Glushkov
 * sets, SPARQL, printing) recurses on it, and so does this parser on
 * `(` and `^`: the input must not choose how deep.  Nesting is bounded
 * here, and the atom count bounds the chains of `/` and `|`, so each later
 * walk is bounded too. */
static gboolean
enter(Parser *ps, guint levels, gsize pos, GError **error)
{
  if (ps->depth + levels <= AZKB_QUERY_MAX_DEPTH) {
    ps->depth += levels;
    return TRUE;
  }
  query_error_at(error,
                 AZKB_QUERY_ERROR_TOO_LARGE,
                 scanner_column(&ps->sc, pos),
                 "the expression is nested too deep: at most %u "
                 "levels of “(”, “^” and postfix operators are allowed",
                 AZKB_QUERY_MAX_DEPTH);
  return FALSE;
}

static gboolean
count_atom(Parser *ps, gsize pos, GError **error)
{
  if (++ps->atoms <= AZKB_QUERY_MAX_ATOMS)
    return TRUE;
  query_error_at(error,
                 AZKB_QUERY_ERROR_TOO_LARGE,
                 scanner_column(&ps->sc, pos),
                 "this path expression holds more than %u relation "
                 "occurrences",
                 AZKB_QUERY_MAX_ATOMS);
  return FALSE;
}

/* ---- names ---- */

/* Bytes of a relation or class name read onto the stack (scanner_name_temp):
 * longer ones are allocated. */
#define NAME_BUF 64

static AzkbQueryError
unknown_code(AzkbTermKind kind)
{
  if (kind & AZKB_TERM_RELATION)
    return AZKB_QUERY_ERROR_UNKNOWN_RELATION;
  if (kind & (AZKB_TERM_CLASS))
    return AZKB_QUERY_ERROR_UNKNOWN_CLASS;
  if (kind & AZKB_TERM_PROPERTY)
    return AZKB_QUERY_ERROR_UNKNOWN_RELATION;
  return AZKB_QUERY_ERROR_UNKNOWN_ENTITY;
}

/* Resolve through the store, which words the message and the suggestions
 * ("no relation “electedTo”; did you mean …?"); we add the column. */
static AzkbTermId
resolve(Parser      *ps,
        const char  *name,
        AzkbTermKind kind,
        gsize        pos,
        GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint      column       = scanner_column(&ps->sc, pos);
  AzkbTermId term         = azkb_store_resolve(ps->store, name, kind, &local);
  AzkbTermId other;

  if (term != 0)
    return term;
  if (g_error_matches(local, AZKB_STORE_ERROR, AZKB_STORE_ERROR_AMBIGUOUS)) {
    query_error_at(
      error, AZKB_QUERY_ERROR_AMBIGUOUS, column, "%s", local->message);
    return 0;
  }
  /* A property holds literals (a theme, a count), so it cannot be a hop
   * between two nodes: say so rather than suggest look-alikes. */
  other = azkb_store_lookup(ps->store, name);
  if ((kind & AZKB_TERM_RELATION) && other != 0 && ps->query != NULL &&
      (azkb_store_term_kind(ps->store, other) & AZKB_TERM_PROPERTY)) {
    /* In a pattern it may end the last step at a literal value: whether it
     * does is checked once the whole pattern is read (check_literals). */
    if (ps->n_props++ == 0)
      ps->prop =
        (PropUse){ other, column, ps->query->steps->len - 1, !ps->in_negated };
    return other;
  }
  if ((kind & AZKB_TERM_RELATION) && other != 0 &&
      (azkb_store_term_kind(ps->store, other) & AZKB_TERM_PROPERTY)) {
    query_error_at(error,
                   AZKB_QUERY_ERROR_UNKNOWN_RELATION,
                   column,
                   "“%s” is a property with literal values, not a "
                   "relation between entities",
                   name);
    return 0;
  }
  query_error_at(error, unknown_code(kind), column, "%s", local->message);
  return 0;
}

/* ---- path expressions ---- */

static Px *
parse_relation(Parser *ps, gboolean inverse, GError **error)
{
  gsize            pos;
  char             buf[NAME_BUF];
  g_autofree char *owned = NULL;
  const char      *name;
  AzkbTermId       rel;
  Px              *px;

  scanner_peek(&ps->sc);
  pos = ps->sc.pos;
  if (!count_atom(ps, pos, error))
    return NULL;
  name =
    scanner_name_temp(&ps->sc, "a relation", buf, sizeof buf, &owned, error);
  if (name == NULL)
    return NULL;
  rel = resolve(ps, name, AZKB_TERM_RELATION, pos, error);
  if (rel == 0)
    return NULL;
  px          = px_new(PX_REL);
  px->rel     = rel;
  px->inverse = inverse;
  return px;
}

static int
compare_ids(gconstpointer a, gconstpointer b)
{
  AzkbTermId x = *(const AzkbTermId *)a;
  AzkbTermId y = *(const AzkbTermId *)b;

  return x < y ? -1 : x > y;
}

static Px *
make_not(GArray *set, gboolean inverse)
{
  Px *px;

  if (set->len == 0)
    return NULL;
  g_array_sort(set, compare_ids);
  px          = px_new(PX_NOT);
  px->set     = g_array_ref(set);
  px->inverse = inverse;
  return px;
}

/* `!a`, `!^a` or `!(a|^b|…)`: as in SPARQL, the forward members and the
 * inverse members make two sets, and the whole is their alternation. */
static Px *
parse_negated(Parser *ps, GError **error)
{
  g_autoptr(GArray) fwd = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autoptr(GArray) inv = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gboolean paren        = scanner_accept(&ps->sc, "(");
  Px      *a, *b, *alt;

  ps->in_negated = TRUE;
  do {
    gboolean inverse  = scanner_accept(&ps->sc, "^");
    g_autoptr(Px) rel = parse_relation(ps, FALSE, error);

    if (rel == NULL) {
      ps->in_negated = FALSE;
      return NULL;
    }
    g_array_append_val(inverse ? inv : fwd, rel->rel);
  } while (paren && scanner_accept(&ps->sc, "|"));
  ps->in_negated = FALSE;
  if (paren && !scanner_accept(&ps->sc, ")")) {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected “|” or “)” in the negated set, found %s",
                  found);
    return NULL;
  }
  a = make_not(fwd, FALSE);
  b = make_not(inv, TRUE);
  if (a == NULL || b == NULL)
    return a != NULL ? a : b;
  alt    = px_new(PX_ALT);
  alt->a = a;
  alt->b = b;
  return alt;
}

static Px *
parse_primary(Parser *ps, GError **error)
{
  char c = scanner_peek(&ps->sc);
  Px  *px;

  if (c == '(') {
    if (!enter(ps, 1, ps->sc.pos, error))
      return NULL;
    ps->sc.pos++;
    px = parse_alt(ps, error);
    ps->depth--;
    if (px == NULL)
      return NULL;
    if (!scanner_accept(&ps->sc, ")")) {
      g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
      scanner_error(&ps->sc,
                    ps->sc.pos,
                    error,
                    "expected “)”, “/” or “|”, found %s",
                    found);
      px_free(px);
      return NULL;
    }
    return px;
  }
  if (c == '!') {
    ps->sc.pos++;
    return parse_negated(ps, error);
  }
  if (c == '_') {
    if (!count_atom(ps, ps->sc.pos, error))
      return NULL;
    ps->sc.pos++;
    return px_new(PX_ANY);
  }
  if (scanner_at_name(&ps->sc))
    return parse_relation(ps, FALSE, error);
  {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected a relation, “_”, “!”, “^” or “(”, found %s",
                  found);
  }
  return NULL;
}

static Px *
make_repeat(Px *a, guint min, guint max)
{
  Px *px  = px_new(PX_REPEAT);
  px->a   = a;
  px->min = min;
  px->max = max;
  return px;
}

/* `{m}`, `{m,}` or `{m,n}`; the `{` is already read. */
static gboolean
parse_bounds(Parser *ps, guint *out_min, guint *out_max, GError **error)
{
  gsize start = ps->sc.pos - 1;

  if (!scanner_uint(&ps->sc, out_min, error))
    return FALSE;
  *out_max = *out_min;
  if (scanner_accept(&ps->sc, ",")) {
    *out_max = PX_INF;
    if (scanner_peek(&ps->sc) != '}' && !scanner_uint(&ps->sc, out_max, error))
      return FALSE;
  }
  if (!scanner_accept(&ps->sc, "}")) {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected “,” or “}” in the bounds, found %s",
                  found);
    return FALSE;
  }
  if (*out_max < *out_min) {
    scanner_error(&ps->sc,
                  start,
                  error,
                  "the bounds {%u,%u} have a maximum below the minimum",
                  *out_min,
                  *out_max);
    return FALSE;
  }
  return TRUE;
}

static Px *
parse_postfix(Parser *ps, Px *px, GError **error)
{
  for (guint n = 1;; n++) {
    guint min, max;
    /* A postfix sticks to its operand: in `-p ?x` the `?` is a typo for a
     * missing `->`, not `p?`. */
    char c = ps->sc.text[ps->sc.pos];

    if ((c == '*' || c == '+' || c == '?' || c == '{') &&
        ps->depth + n > AZKB_QUERY_MAX_DEPTH) {
      enter(ps, n, ps->sc.pos, error);
      px_free(px);
      return NULL;
    }
    if (c == '*' || c == '+' || c == '?') {
      ps->sc.pos++;
      px = make_repeat(px, c == '+', c == '?' ? 1 : PX_INF);
      continue;
    }
    if (c != '{')
      return px;
    ps->sc.pos++;
    if (!parse_bounds(ps, &min, &max, error)) {
      px_free(px);
      return NULL;
    }
    px = make_repeat(px, min, max);
  }
}

static Px *
parse_unary(Parser *ps, GError **error)
{
  Px *px;

  gsize pos = (scanner_peek(&ps->sc), ps->sc.pos);

  if (scanner_accept(&ps->sc, "^")) {
    Px *operand;

    if (!enter(ps, 1, pos, error))
      return NULL;
    operand = parse_unary(ps, error);
    ps->depth--;
    if (operand == NULL)
      return NULL;
    px    = px_new(PX_INV);
    px->a = operand;
    return px;
  }
  px = parse_primary(ps, error);
  if (px == NULL)
    return NULL;
  return parse_postfix(ps, px, error);
}

static Px *
parse_binary(Parser *ps, PxKind kind, GError **error)
{
  const char *op = kind == PX_SEQ ? "/" : "|";
  Px         *px =
    kind == PX_SEQ ? parse_unary(ps, error) : parse_binary(ps, PX_SEQ, error);

  while (px != NULL && scanner_accept(&ps->sc, op)) {
    Px *rhs =
      kind == PX_SEQ ? parse_unary(ps, error) : parse_binary(ps, PX_SEQ, error);
    Px *node;

    if (rhs == NULL) {
      px_free(px);
      return NULL;
    }
    node    = px_new(kind);
    node->a = px;
    node->b = rhs;
    px      = node;
  }
  return px;
}

static Px *
parse_alt(Parser *ps, GError **error)
{
  return parse_binary(ps, PX_ALT, error);
}

/* The whole expression, checked against the size limit. */
static Px *
parse_expression(Parser *ps, GError **error)
{
  gsize start = (scanner_peek(&ps->sc), ps->sc.pos);
  Px   *px    = parse_alt(ps, error);
  guint n;

  if (px == NULL)
    return NULL;
  px = px_push_inverse(px, FALSE);
  n  = px_n_atoms(px);
  if (n > AZKB_QUERY_MAX_ATOMS) {
    query_error_at(error,
                   AZKB_QUERY_ERROR_TOO_LARGE,
                   scanner_column(&ps->sc, start),
                   "this path expression expands to %s%u relation "
                   "occurrences; at most %u are allowed (write `{m,}` or `*` "
                   "instead of a large upper bound)",
                   n == G_MAXUINT ? "over " : "",
                   n,
                   AZKB_QUERY_MAX_ATOMS);
    px_free(px);
    return NULL;
  }
  return px;
}

/* ---- time ---- */

/* A filter covers the first day of its start to the last day of its end;
 * a missing start reaches back without limit and an open or unknown end
 * runs on without limit, except that `..` alone means the present. */
DayRange
day_range_of(const AzkbInterval *time, const AzkbDate *present)
{
  DayRange r = { G_MININT32, G_MAXINT32 };

  if (time->start_bound == AZKB_BOUND_DATE)
    r.lo = azkb_date_first_day(&time->start);
  if (time->end_bound == AZKB_BOUND_DATE)
    r.hi = azkb_date_last_day(&time->end);
  else if (time->is_point && time->start_bound == AZKB_BOUND_DATE)
    r.hi = azkb_date_last_day(&time->start);
  if (time->start_bound != AZKB_BOUND_DATE &&
      time->end_bound == AZKB_BOUND_OPEN) {
    r.lo = azkb_date_first_day(present);
    r.hi = azkb_date_last_day(present);
  }
  return r;
}

static gboolean
parse_time(Parser *ps, QStep *step, GError **error)
{
  gsize start             = ps->sc.pos;
  g_autoptr(GError) local = NULL;

  step->time_text = scanner_time(&ps->sc);
  if (*step->time_text == '\0') {
    g_autofree char *found = scanner_describe(&ps->sc, start);
    scanner_error(&ps->sc,
                  start,
                  error,
                  "expected a date or an interval after “@” (2019, "
                  "2003..2005, 2012-05-04), found %s",
                  found);
    return FALSE;
  }
  if (!azkb_interval_parse(step->time_text, &step->time, &local) ||
      azkb_interval_is_undated(&step->time)) {
    query_error_at(error,
                   AZKB_QUERY_ERROR_INVALID_TIME,
                   scanner_column(&ps->sc, start),
                   "bad time “%s”%s%s",
                   step->time_text,
                   local ? ": " : "",
                   local ? local->message : "");
    return FALSE;
  }
  step->has_time = TRUE;
  step->range    = day_range_of(&step->time, &ps->query->present);
  return TRUE;
}

/* ---- node terms ---- */

static int
find_variable(const AzkbQuery *query, const char *name)
{
  for (guint i = 0; i < query->vars->len; i++)
    if (strcmp(QUERY_VAR(query, i)->name, name) == 0)
      return (int)i;
  return -1;
}

static int
add_variable(AzkbQuery     *query,
             const char    *name,
             AzkbColumnKind kind,
             guint          column)
{
  QVar var = { g_strdup(name), kind, column, 0 };

  g_array_append_val(query->vars, var);
  return (int)query->vars->len - 1;
}

/* A node variable: a name seen before as a node joins with it. */
static int
variable_index(AzkbQuery *query, const char *name, guint column)
{
  int var = find_variable(query, name);

  return var >= 0 ? var : add_variable(query, name, AZKB_COLUMN_ENTITY, column);
}

static guint
variable_column(const AzkbQuery *query, int var)
{
  return QUERY_VAR(query, var)->column;
}

/* A variable that names one value of its own (a time, a qualifier): its
 * name must be new. */
static int
new_variable(Parser        *ps,
             const char    *name,
             AzkbColumnKind kind,
             gsize          pos,
             GError       **error)
{
  int var = find_variable(ps->query, name);

  if (var >= 0) {
    scanner_error(&ps->sc,
                  pos,
                  error,
                  "?%s is already used at column %u; a %s variable needs a "
                  "name of its own",
                  name,
                  variable_column(ps->query, var),
                  kind == AZKB_COLUMN_TIME ? "time" : "qualifier");
    return -1;
  }
  return add_variable(ps->query, name, kind, scanner_column(&ps->sc, pos));
}

static gboolean
parse_class(Parser *ps, QNode *node, GError **error)
{
  gsize            pos;
  char             buf[NAME_BUF];
  g_autofree char *owned = NULL;
  const char      *name;

  if (ps->sc.text[ps->sc.pos] != ':')
    return TRUE;
  ps->sc.pos++;
  scanner_peek(&ps->sc);
  pos  = ps->sc.pos;
  name = scanner_name_temp(
    &ps->sc, "a class name after “:”", buf, sizeof buf, &owned, error);
  if (name == NULL)
    return FALSE;
  node->cls = resolve(ps, name, AZKB_TERM_CLASS, pos, error);
  return node->cls != 0;
}

static gboolean
parse_node(Parser *ps, QNode *node, GError **error)
{
  char c = scanner_peek(&ps->sc);

  node->column = scanner_column(&ps->sc, ps->sc.pos);
  node->var    = -1;
  if (c == '?') {
    ps->sc.pos++;
    node->name = scanner_ident(&ps->sc);
    node->kind = *node->name ? NODE_VAR : NODE_ANON;
    if (node->kind == NODE_VAR) {
      node->var = variable_index(ps->query, node->name, node->column);
      if (QUERY_VAR(ps->query, node->var)->kind != AZKB_COLUMN_ENTITY) {
        query_error_at(error,
                       AZKB_QUERY_ERROR_SYNTAX,
                       node->column,
                       "?%s names a value at column %u (a time or a "
                       "qualifier), not a node",
                       node->name,
                       variable_column(ps->query, node->var));
        return FALSE;
      }
    }
    return parse_class(ps, node, error);
  }
  if (scanner_at_name(&ps->sc)) {
    gsize pos  = ps->sc.pos;
    node->kind = NODE_ENTITY;
    node->name = scanner_name(&ps->sc, "an entity", error);
    if (node->name == NULL)
      return FALSE;
    node->entity = resolve(ps, node->name, AZKB_TERM_ENTITY, pos, error);
    return node->entity != 0;
  }
  {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected an entity, a variable such as “?x” or “?”, "
                  "found %s",
                  found);
  }
  return FALSE;
}

/* ---- steps ---- */

static gboolean
expect_step_end(Parser *ps, gboolean backward, GError **error)
{
  const char *end = backward ? "-" : "->";
  gsize       pos = (scanner_peek(&ps->sc), ps->sc.pos);

  if (backward && scanner_accept(&ps->sc, "->")) {
    scanner_error(&ps->sc,
                  pos,
                  error,
                  "a step that starts with “<-” ends with “-”, not “->”");
    return FALSE;
  }
  if (scanner_accept(&ps->sc, end))
    return TRUE;
  {
    g_autofree char *found = scanner_describe(&ps->sc, pos);
    scanner_error(&ps->sc,
                  pos,
                  error,
                  "expected “%s” to end the step (or “/”, “|”, “@”, “[”), "
                  "found %s",
                  end,
                  found);
  }
  return FALSE;
}

/* The forward automaton now; the backward one on first use (step_nfa()),
 * unless its size may differ, when it is compiled here so that a limit it
 * passes is a parse error. */
static gboolean
compile_step(QStep *step, GError **error)
{
  g_autoptr(Px) inverse   = NULL;
  g_autoptr(GError) local = NULL;

  step->fwd = nfa_compile(step->expr, &local);
  if (step->fwd != NULL && !px_expands_alike(step->expr)) {
    inverse   = px_inverse(step->expr);
    step->bwd = nfa_compile(inverse, &local);
  }
  if (local == NULL)
    return TRUE;
  /* located at the expression, as the parse's own errors are */
  query_error_at(error,
                 (AzkbQueryError)local->code,
                 step->expr_column,
                 "%s",
                 local->message);
  return FALSE;
}

const Nfa *
step_nfa(QStep *s, gboolean backward)
{
  if (!backward || s->fwd == NULL)
    return s->fwd;
  if (s->bwd == NULL) {
    g_autoptr(Px) inverse = px_inverse(s->expr);

    /* The same positions as the forward one (px_expands_alike()), which
     * compiled: this one cannot pass a limit. */
    s->bwd = nfa_compile(inverse, NULL);
    g_assert(s->bwd != NULL && s->bwd->n_states == s->fwd->n_states);
  }
  return s->bwd;
}

/* `@?t`, at the `?`: bind the time of the statement the step crosses. */
static gboolean
parse_time_var(Parser *ps, QStep *step, GError **error)
{
  gsize            pos  = ps->sc.pos;
  g_autofree char *name = NULL;

  if (step->time_var >= 0) {
    scanner_error(&ps->sc,
                  pos,
                  error,
                  "a step binds one time variable (it already has ?%s)",
                  QUERY_VAR(ps->query, step->time_var)->name);
    return FALSE;
  }
  ps->sc.pos++;
  name = scanner_ident(&ps->sc);
  if (*name == '\0') {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected the name of a time variable after “@?” (as in "
                  "@?term), found %s",
                  found);
    return FALSE;
  }
  step->time_column = scanner_column(&ps->sc, pos);
  step->time_var    = new_variable(ps, name, AZKB_COLUMN_TIME, pos, error);
  return step->time_var >= 0;
}

/* One `property=?var` of a qualifier list. */
static gboolean
parse_qualifier(Parser *ps, QStep *step, GError **error)
{
  QQual            q    = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *var  = NULL;
  gsize            pos  = (scanner_peek(&ps->sc), ps->sc.pos);

  name =
    scanner_name(&ps->sc, "a qualifier (a property such as ordinal)", error);
  if (name == NULL)
    return FALSE;
  q.column   = scanner_column(&ps->sc, pos);
  q.property = resolve(ps, name, AZKB_TERM_PROPERTY, pos, error);
  if (q.property == 0)
    return FALSE;
  if (!scanner_accept(&ps->sc, "=") || scanner_peek(&ps->sc) != '?') {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected “=?name” after the qualifier “%s”, found %s",
                  name,
                  found);
    return FALSE;
  }
  pos = ps->sc.pos++;
  var = scanner_ident(&ps->sc);
  if (*var == '\0') {
    scanner_error(&ps->sc, pos, error, "expected a variable name after “?”");
    return FALSE;
  }
  q.var = new_variable(ps, var, AZKB_COLUMN_LITERAL, pos, error);
  if (q.var < 0)
    return FALSE;
  if (step->quals == NULL)
    step->quals = g_array_new(FALSE, FALSE, sizeof(QQual));
  g_array_append_val(step->quals, q);
  return TRUE;
}

/* `[ordinal=?n, basis=?b]`, at the `[`. */
static gboolean
parse_qualifiers(Parser *ps, QStep *step, GError **error)
{
  ps->sc.pos++;
  do {
    if (!parse_qualifier(ps, step, error))
      return FALSE;
  } while (scanner_accept(&ps->sc, ","));
  if (!scanner_accept(&ps->sc, "]")) {
    g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
    scanner_error(&ps->sc,
                  ps->sc.pos,
                  error,
                  "expected “,” or “]” in the qualifiers, found %s",
                  found);
    return FALSE;
  }
  return TRUE;
}

/* After the path: a time filter `@2019`, a time variable `@?t`,
 * qualifiers `[p=?v]`, in any order. */
static gboolean
parse_annotations(Parser *ps, QStep *step, GError **error)
{
  for (;;) {
    char c = scanner_peek(&ps->sc);

    if (c == '[') {
      if (!parse_qualifiers(ps, step, error))
        return FALSE;
      continue;
    }
    if (c != '@')
      return TRUE;
    ps->sc.pos++;
    if (scanner_peek(&ps->sc) == '?') {
      if (!parse_time_var(ps, step, error))
        return FALSE;
      continue;
    }
    if (step->has_time) {
      scanner_error(&ps->sc,
                    ps->sc.pos,
                    error,
                    "a step takes one time filter (it has @%s; write an "
                    "interval such as @2003..2005)",
                    step->time_text);
      return FALSE;
    }
    if (!parse_time(ps, step, error))
      return FALSE;
  }
}

static gboolean
parse_step(Parser *ps, QStep *step, GError **error)
{
  step->column    = scanner_column(&ps->sc, ps->sc.pos);
  step->time_var  = -1;
  step->stmt_slot = -1;
  step->backward  = scanner_accept(&ps->sc, "<-");
  if (!step->backward)
    ps->sc.pos++; /* the `-` the caller saw */
  scanner_peek(&ps->sc);
  step->expr_column = scanner_column(&ps->sc, ps->sc.pos);
  step->expr        = parse_expression(ps, error);
  if (step->expr == NULL)
    return FALSE;
  if (!parse_annotations(ps, step, error))
    return FALSE;
  if (!expect_step_end(ps, step->backward, error))
    return FALSE;
  /* Steps are kept as read left to right: `A <-p- B` is `A -^p-> B`. */
  if (step->backward)
    step->expr = px_push_inverse(step->expr, TRUE);
  return compile_step(step, error);
}

/* `UN-Habitat -partOf-> ?x` reads as the entity “UN” and a step
 * “-Habitat…”: when a step glued to a bare name fails, say how to write
 * the name. */
static void
add_dash_hint(Parser *ps, const QNode *node, GError **error)
{
  const char *name = node->name;
  const char *at, *end;
  char       *message;

  if (error == NULL || *error == NULL || node->kind != NODE_ENTITY ||
      strstr((*error)->message, "did you mean") != NULL)
    return;
  at = strstr(ps->sc.text, name);
  while (at != NULL && at[strlen(name)] != '-')
    at = strstr(at + 1, name);
  if (at == NULL || !g_ascii_isalnum(at[strlen(name) + 1]))
    return;
  end = at;
  while (g_ascii_isalnum(*end) || *end == '_' || *end == '.' ||
         (*end == '-' && g_ascii_isalnum(end[1])) || (guchar)*end >= 0x80)
    end++;
  message = g_strdup_printf("%s (if “%.*s” is one name, quote it: \"%.*s\")",
                            (*error)->message,
                            (int)(end - at),
                            at,
                            (int)(end - at),
                            at);
  g_free((*error)->message);
  (*error)->message = message;
}

static gboolean
parse_chain(Parser *ps, GError **error)
{
  AzkbQuery *q = ps->query;

  for (;;) {
    QNode node = { 0 };
    QStep step = { 0 };
    char  c;

    g_array_append_val(q->nodes, node);
    if (!parse_node(
          ps, &g_array_index(q->nodes, QNode, q->nodes->len - 1), error))
      return FALSE;
    c = scanner_peek(&ps->sc);
    if (c == '\0')
      return TRUE;
    if (c != '-' && !(c == '<' && ps->sc.text[ps->sc.pos + 1] == '-')) {
      g_autofree char *found = scanner_describe(&ps->sc, ps->sc.pos);
      scanner_error(&ps->sc,
                    ps->sc.pos,
                    error,
                    "expected a step (“-relation->” or “<-relation-”) "
                    "or the end of the pattern, found %s",
                    found);
      return FALSE;
    }
    g_array_append_val(q->steps, step);
    if (!parse_step(
          ps, &g_array_index(q->steps, QStep, q->steps->len - 1), error)) {
      add_dash_hint(
        ps, &g_array_index(q->nodes, QNode, q->nodes->len - 1), error);
      return FALSE;
    }
  }
}

static void
clear_node(gpointer data)
{
  QNode *node = data;

  g_clear_pointer(&node->name, g_free);
}

static void
clear_step(gpointer data)
{
  QStep *step = data;

  g_clear_pointer(&step->expr, px_free);
  g_clear_pointer(&step->time_text, g_free);
  g_clear_pointer(&step->fwd, nfa_free);
  g_clear_pointer(&step->bwd, nfa_free);
  g_clear_pointer(&step->quals, g_array_unref);
}

static void
clear_var(gpointer data)
{
  QVar *var = data;

  g_clear_pointer(&var->name, g_free);
}

static void
clear_constraint(gpointer data)
{
  QConstraint *c = data;

  g_clear_pointer(&c->a.text, g_free);
  g_clear_pointer(&c->b.text, g_free);
}

static AzkbQuery *
query_new(const char *text, AzkbStore *store)
{
  AzkbQuery *q = g_new0(AzkbQuery, 1);

  g_ref_count_init(&q->ref);
  q->store       = azkb_store_ref(store);
  q->text        = g_strdup(text);
  q->nodes       = g_array_new(FALSE, TRUE, sizeof(QNode));
  q->steps       = g_array_new(FALSE, TRUE, sizeof(QStep));
  q->vars        = g_array_new(FALSE, TRUE, sizeof(QVar));
  q->constraints = g_array_new(FALSE, TRUE, sizeof(QConstraint));
  q->present     = azkb_time_today();
  g_array_set_clear_func(q->nodes, clear_node);
  g_array_set_clear_func(q->steps, clear_step);
  g_array_set_clear_func(q->vars, clear_var);
  g_array_set_clear_func(q->constraints, clear_constraint);
  return q;
}

/* ---- literal values, time variables, cells ---- */

/* TRUE if variable @var names a node before node @i. */
static gboolean
node_var_seen(const AzkbQuery *q, int var, guint i)
{
  for (guint j = 0; j < i; j++)
    if (g_array_index(q->nodes, QNode, j).var == var)
      return TRUE;
  return FALSE;
}

/* TRUE if the last relation of @px's top-level sequence is @prop read
 * forwards. */
static gboolean
ends_with(const Px *px, AzkbTermId prop)
{
  if (px->kind == PX_SEQ)
    return ends_with(px->b, prop);
  return px->kind == PX_REL && px->rel == prop && !px->inverse;
}

/* @px without its last relation (consumes @px); NULL when nothing is
 * left. */
static Px *
drop_last(Px *px)
{
  Px *rest;

  if (px->kind != PX_SEQ) {
    px_free(px);
    return NULL;
  }
  rest = drop_last(g_steal_pointer(&px->b));
  if (rest != NULL) {
    px->b = rest;
    return px;
  }
  rest = g_steal_pointer(&px->a);
  px_free(px);
  return rest;
}

static gboolean literal_error(GError    **error,
                              guint       column,
                              const char *format,
                              ...) G_GNUC_PRINTF(3, 4);

static gboolean
literal_error(GError **error, guint column, const char *format, ...)
{
  va_list          args;
  g_autofree char *text = NULL;

  va_start(args, format);
  text = g_strdup_vprintf(format, args);
  va_end(args);
  query_error_at(error, AZKB_QUERY_ERROR_SYNTAX, column, "%s", text);
  return FALSE;
}

/* The node a literal step ends at: a variable of its own. */
static gboolean
check_literal_node(AzkbQuery *q, guint i, GError **error)
{
  QNode *node = &g_array_index(q->nodes, QNode, i);

  if (node->kind == NODE_ENTITY || node->cls != 0)
    return literal_error(error,
                         node->column,
                         "this step ends at a literal value (a date, a "
                         "number, a text): end it at a variable such as "
                         "?value%s",
                         node->cls != 0 ? ", without a class" : "");
  for (guint j = 0; j < i && node->var >= 0; j++)
    if (g_array_index(q->nodes, QNode, j).var == node->var)
      return literal_error(error,
                           node->column,
                           "?%s is a node at column %u but a literal value "
                           "here",
                           node->name,
                           g_array_index(q->nodes, QNode, j).column);
  if (node->var >= 0)
    QUERY_VAR(q, node->var)->kind = AZKB_COLUMN_LITERAL;
  return TRUE;
}

/* A property (a relation to literals) may only be the last relation of the
 * last step, read forwards: a literal value ends a path.  That step keeps
 * what comes before it as its expression. */
static gboolean
check_literals(Parser *ps, GError **error)
{
  AzkbQuery     *q    = ps->query;
  guint          last = q->steps->len - 1;
  QStep         *step;
  const PropUse *use = &ps->prop;

  if (ps->n_props == 0)
    return TRUE;
  step = &g_array_index(q->steps, QStep, use->step);
  if (!use->allowed)
    return literal_error(error,
                         use->column,
                         "“%s” is a property with literal values; a negated "
                         "set lists relations between entities",
                         azkb_store_term_name(q->store, use->property));
  if (ps->n_props > 1 || use->step != last || step->backward ||
      !ends_with(step->expr, use->property))
    return literal_error(
      error,
      use->column,
      "“%s” is a property with literal values: it can only be the last "
      "relation of the last step, read forwards, as in “-%s-> ?value” (a "
      "literal value ends a path)",
      azkb_store_term_name(q->store, use->property),
      azkb_store_term_name(q->store, use->property));
  if (!check_literal_node(q, last + 1, error))
    return FALSE;
  step->lit_prop = use->property;
  step->expr     = drop_last(step->expr);
  g_clear_pointer(&step->fwd, nfa_free);
  g_clear_pointer(&step->bwd, nfa_free);
  return step->expr == NULL || compile_step(step, error);
}

/* A time variable or a qualifier reads the one statement a step crosses. */
static gboolean
check_single_hops(AzkbQuery *q, GError **error)
{
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);
    gboolean     one =
      step->lit_prop != 0 ? step->expr == NULL : px_single_hop(step->expr);
    guint column = step->time_var >= 0 ? step->time_column
                   : step->quals != NULL
                     ? g_array_index(step->quals, QQual, 0).column
                     : 0;

    if (column != 0 && !one)
      return literal_error(
        error,
        column,
        "%s reads the one statement a step crosses: the step must be one "
        "hop (a relation, “_”, “a|b”, a negated set), not a path that can "
        "cross several statements or none (“/”, “*”, “+”, “?”, “{m,n}”)",
        step->time_var >= 0 ? "a time variable" : "a qualifier");
  }
  return TRUE;
}

/* Rows hold the nodes, then for each step that reads its statement the
 * statement, then the qualifiers' values. */
static void
assign_cells(AzkbQuery *q)
{
  guint n_nodes = q->nodes->len;

  for (guint i = 0; i < n_nodes; i++) {
    const QNode *node = &g_array_index(q->nodes, QNode, i);

    if (node->var >= 0 && (i == 0 || !node_var_seen(q, node->var, i)))
      QUERY_VAR(q, node->var)->cell = i;
  }
  for (guint i = 0; i < q->steps->len; i++) {
    QStep *step = &g_array_index(q->steps, QStep, i);

    if (step->time_var < 0 && step->quals == NULL)
      continue;
    step->stmt_slot = (int)q->n_slots++;
    if (step->time_var >= 0)
      QUERY_VAR(q, step->time_var)->cell = n_nodes + (guint)step->stmt_slot;
    for (guint k = 0; step->quals != NULL && k < step->quals->len; k++) {
      QQual *qual = &g_array_index(step->quals, QQual, k);

      qual->slot                    = q->n_slots++;
      QUERY_VAR(q, qual->var)->cell = n_nodes + qual->slot;
    }
  }
}

AzkbQuery *
azkb_query_parse(const char *text, AzkbStore *store, GError **error)
{
  g_autoptr(AzkbQuery) q = NULL;
  Parser   ps;
  gboolean ok;

  g_return_val_if_fail(text != NULL, NULL);
  g_return_val_if_fail(store != NULL, NULL);
  if (!g_utf8_validate(text, -1, NULL)) {
    query_error_at(
      error, AZKB_QUERY_ERROR_SYNTAX, 1, "the pattern is not valid UTF-8");
    return NULL;
  }
  q  = query_new(text, store);
  ps = (Parser){ .sc = scanner_make(text), .store = store, .query = q };
  ok = parse_chain(&ps, error) && check_literals(&ps, error) &&
       check_single_hops(q, error);
  if (!ok)
    return NULL;
  assign_cells(q);
  return g_steal_pointer(&q);
}

Px *
parse_path_expression(const char *text, AzkbStore *store, GError **error)
{
  Parser ps = { .store = store, .query = NULL };
  Px    *px;

  if (!g_utf8_validate(text, -1, NULL)) {
    query_error_at(
      error, AZKB_QUERY_ERROR_SYNTAX, 1, "the expression is not valid UTF-8");
    return NULL;
  }
  ps.sc = scanner_make(text);
  px    = parse_expression(&ps, error);
  if (px != NULL && scanner_peek(&ps.sc) != '\0') {
    g_autofree char *found = scanner_describe(&ps.sc, ps.sc.pos);
    scanner_error(&ps.sc,
                  ps.sc.pos,
                  error,
                  "expected “/”, “|”, a postfix or the end, found %s",
                  found);
    g_clear_pointer(&px, px_free);
  }
  return px;
}

AzkbQuery *
azkb_query_ref(AzkbQuery *query)
{
  g_return_val_if_fail(query != NULL, NULL);
  g_ref_count_inc(&query->ref);
  return query;
}

void
azkb_query_unref(AzkbQuery *query)
{
  if (query == NULL || !g_ref_count_dec(&query->ref))
    return;
  g_clear_pointer(&query->store, azkb_store_unref);
  g_clear_pointer(&query->text, g_free);
  g_clear_pointer(&query->nodes, g_array_unref);
  g_clear_pointer(&query->steps, g_array_unref);
  g_clear_pointer(&query->vars, g_array_unref);
  g_clear_pointer(&query->constraints, g_array_unref);
  g_free(query);
}

gboolean
azkb_query_set_time(AzkbQuery *query, const AzkbInterval *time, GError **error)
{
  g_return_val_if_fail(query != NULL, FALSE);
  if (time == NULL) {
    query->has_time = FALSE;
    return TRUE;
  }
  if (azkb_interval_is_undated(time) || !azkb_interval_is_valid(time)) {
    g_set_error(error,
                AZKB_QUERY_ERROR,
                AZKB_QUERY_ERROR_INVALID_TIME,
                "the time filter must be a valid date or interval");
    return FALSE;
  }
  query->has_time = TRUE;
  query->time     = *time;
  query->range    = day_range_of(time, &query->present);
  return TRUE;
}

void
azkb_query_set_present(AzkbQuery *query, const AzkbDate *present)
{
  g_return_if_fail(query != NULL);
  g_return_if_fail(present == NULL || azkb_date_is_valid(present));

  query->present = present != NULL ? *present : azkb_time_today();
  /* the filter ranges were worked out against the present before */
  for (guint i = 0; i < query->steps->len; i++) {
    QStep *step = &g_array_index(query->steps, QStep, i);

    if (step->has_time)
      step->range = day_range_of(&step->time, &query->present);
  }
  if (query->has_time)
    query->range = day_range_of(&query->time, &query->present);
}

void
azkb_query_set_flags(AzkbQuery *query, AzkbQueryFlags flags)
{
  g_return_if_fail(query != NULL);
  query->flags = flags;
}
