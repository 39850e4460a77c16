/* The SPARQL 1.1 form of a pattern, over azkb's exported RDF
 * (doc/linked-data.md, "Linked data shape").
 *
 * A step without a time filter becomes a property path over the direct
 * triples.  A step with one cannot: a property path cannot look at the
 * rdf:Statement node of each hop.  When its expression is bounded (no `*`,
 * `+`, `{m,}`) it is unfolded into joins (`/`) and UNIONs (`|`, `?`), one
 * statement-node pattern per hop, each testing the same span rule as
 * azkb_interval_span() on ISO date strings; otherwise it is refused.
 *
 * Dates compare as strings: a date of year or month precision is padded to
 * its first day ("2003" → "2003-01-01") for the start of a span and to a
 * day past its last ("2003" → "2003-12-31", "2003-02" → "2003-02-31") for
 * the end, which orders correctly against every real day. */
#include "query-private.h"
#include "src/util/iri.h"

#include <azkb/rdf.h>
#include <string.h>

/* A predicate that no data uses, for "no relation at all". */
#define NEVER_IRI "<urn:azkb:no-relation>"

typedef struct {
  AzkbQuery *q;
  char      *id_ns;   ///< BASE id/
  char      *onto_ns; ///< BASE ontology#
  GString   *body;
  guint      fresh;
  guint      used_vocab; ///< bit i: azkb_iri_vocabs[i] is used
  gboolean   used_az, used_azo;
  char       present[16];
  gint64     present_day; ///< the present as a Julian day number
  GArray    *relations;   ///< every relation between entities, by name
  GPtrArray *sources;     ///< per step: the variable of its sources, or NULL
} Sparql;

/* ---- terms ---- */

static gboolean
is_local_name(const char *s)
{
  gsize n = strlen(s);

  if (n == 0 || !(g_ascii_isalnum(s[0]) || s[0] == '_') || s[n - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum(s[i]) && s[i] != '_' && s[i] != '-' && s[i] != '.')
      return FALSE;
  return TRUE;
}

/* Write an IRI, as a prefixed name where that reads back the same. */
static void
append_iri(Sparql *sp, GString *out, const char *iri)
{
  gsize id_len = strlen(sp->id_ns), onto_len = strlen(sp->onto_ns);

  if (g_str_has_prefix(iri, sp->id_ns) && is_local_name(iri + id_len)) {
    sp->used_az = TRUE;
    g_string_append_printf(out, "az:%s", iri + id_len);
    return;
  }
  if (g_str_has_prefix(iri, sp->onto_ns) && is_local_name(iri + onto_len)) {
    sp->used_azo = TRUE;
    g_string_append_printf(out, "azo:%s", iri + onto_len);
    return;
  }
  for (guint i = 0; i < AZKB_IRI_N_VOCABS; i++)
    if (g_str_has_prefix(iri, azkb_iri_vocabs[i].ns) &&
        is_local_name(iri + strlen(azkb_iri_vocabs[i].ns))) {
      sp->used_vocab |= 1u << i;
      g_string_append_printf(out,
                             "%s:%s",
                             azkb_iri_vocabs[i].prefix,
                             iri + strlen(azkb_iri_vocabs[i].ns));
      return;
    }
  g_string_append_printf(out, "<%s>", iri);
}

static void
use_vocab(Sparql *sp, const char *prefix)
{
  for (guint i = 0; i < AZKB_IRI_N_VOCABS; i++)
    if (strcmp(azkb_iri_vocabs[i].prefix, prefix) == 0) {
      sp->used_vocab |= 1u << i;
      return;
    }
  g_assert_not_reached();
}

static void
append_vocab(Sparql *sp, GString *out, const char *prefix, const char *local)
{
  use_vocab(sp, prefix);
  g_string_append_printf(out, "%s:%s", prefix, local);
}

/* The IRI of a store term, as the exporter writes it: `<iri>` names stay
 * as they are, `prefix:local` expands a known vocabulary, anything else
 * hangs off the base, in the ontology for classes and relations. */
static void
append_term(Sparql *sp, GString *out, AzkbTermId term)
{
  const char      *name  = azkb_store_term_name(sp->q->store, term);
  AzkbTermKind     kind  = azkb_store_term_kind(sp->q->store, term);
  const char      *colon = strchr(name, ':');
  gsize            len   = strlen(name);
  gboolean         onto;
  g_autofree char *iri = NULL;

  if (name[0] == '<' && len > 2 && name[len - 1] == '>') {
    iri = g_strndup(name + 1, len - 2);
    append_iri(sp, out, iri);
    return;
  }
  if (colon != NULL)
    for (guint i = 0; i < AZKB_IRI_N_VOCABS; i++)
      if (strlen(azkb_iri_vocabs[i].prefix) == (gsize)(colon - name) &&
          strncmp(name, azkb_iri_vocabs[i].prefix, colon - name) == 0) {
        iri = g_strconcat(azkb_iri_vocabs[i].ns, colon + 1, NULL);
        append_iri(sp, out, iri);
        return;
      }
  onto = (kind & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY)) ||
         !(kind & (AZKB_TERM_ENTITY | AZKB_TERM_SOURCE));
  iri = g_strconcat(onto ? sp->onto_ns : sp->id_ns, name, NULL);
  append_iri(sp, out, iri);
}

static char *
fresh_var(Sparql *sp, const char *stem)
{
  for (;;) {
    char    *name  = g_strdup_printf("_%s%u", stem, ++sp->fresh);
    gboolean taken = FALSE;

    for (guint i = 0; i < sp->q->vars->len; i++)
      taken |= strcmp(QUERY_VAR(sp->q, i)->name, name + 0) == 0;
    if (!taken) {
      char *var = g_strconcat("?", name, NULL);
      g_free(name);
      return var;
    }
    g_free(name);
  }
}

/* ---- property paths (steps without time) ---- */

static void
append_relation_set(Sparql *sp, GString *out, const Px *atom)
{
  guint n = 0;

  g_string_append_c(out, '(');
  for (guint i = 0; i < sp->relations->len; i++) {
    AzkbTermId r = g_array_index(sp->relations, AzkbTermId, i);

    if (atom->kind == PX_NOT) {
      NfaLabel label = { PX_NOT, 0, FALSE, atom };
      if (!nfa_label_reads(&label, r))
        continue;
    }
    if (n++ > 0)
      g_string_append_c(out, '|');
    append_term(sp, out, r);
  }
  if (n == 0)
    g_string_append(out, NEVER_IRI);
  g_string_append_c(out, ')');
}

/* SPARQL's path precedence, loosest first: `|`, then `/`, then the unary
 * forms (`^p`, `p*`), then a primary (an IRI, a group). */
enum {
  PREC_ALT     = 1,
  PREC_SEQ     = 2,
  PREC_UNARY   = 3,
  PREC_PRIMARY = 4,
};

/* How tightly what append_path() writes for @px binds. */
static int
path_precedence(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return px->inverse ? PREC_UNARY : PREC_PRIMARY;
    case PX_SEQ:
      return PREC_SEQ;
    case PX_ALT:
      return PREC_ALT;
    case PX_REPEAT:
      /* {1,1} writes its operand alone */
      if (px->min == 1 && px->max == 1)
        return path_precedence(px->a);
      return PREC_UNARY;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

static void append_path(Sparql *sp, GString *out, const Px *px);

/* @px where an operand binding at least @min is needed: in parentheses
 * when it binds more loosely.  Every operand goes through here, so no
 * nesting of `{1}`, alternatives and sequences loses its grouping. */
static void
append_operand(Sparql *sp, GString *out, const Px *px, int min)
{
  gboolean paren = path_precedence(px) < min;

  if (paren)
    g_string_append_c(out, '(');
  append_path(sp, out, px);
  if (paren)
    g_string_append_c(out, ')');
}

static void
append_path(Sparql *sp, GString *out, const Px *px)
{
  switch (px->kind) {
    case PX_REL:
      if (px->inverse)
        g_string_append_c(out, '^');
      append_term(sp, out, px->rel);
      return;
    case PX_ANY:
    case PX_NOT:
      if (px->inverse)
        g_string_append_c(out, '^');
      append_relation_set(sp, out, px);
      return;
    case PX_SEQ:
      append_operand(sp, out, px->a, PREC_SEQ);
      g_string_append_c(out, '/');
      append_operand(sp, out, px->b, PREC_SEQ);
      return;
    case PX_ALT:
      append_operand(sp, out, px->a, PREC_ALT);
      g_string_append_c(out, '|');
      append_operand(sp, out, px->b, PREC_ALT);
      return;
    case PX_REPEAT:
      if (px->max == 0) {
        g_string_append(out, "(" NEVER_IRI ")?");
        return;
      }
      if (px->min == 1 && px->max == 1) {
        append_path(sp, out, px->a);
        return;
      }
      /* the operand of a postfix must be a primary */
      append_operand(sp, out, px->a, PREC_PRIMARY);
      g_string_append(out, px->max == 1 ? "?" : px->min == 0 ? "*" : "+");
      return;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

/* ---- statement-node patterns (steps with time) ---- */

static void
indent(GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append(out, "  ");
}

/* ISO day strings bounding a time filter, as day_range_of() does; NULL for
 * an end without limit. */
static void
filter_strings(const AzkbInterval *t,
               const char         *present,
               char              **out_lo,
               char              **out_hi)
{
  static const char *const first[] = { "", "-01-01", "-01", "" };
  static const char *const last[]  = { "", "-12-31", "-31", "" };
  const AzkbDate          *hi_date = NULL;

  *out_lo = *out_hi = NULL;
  if (t->start_bound == AZKB_BOUND_DATE) {
    g_autofree char *s = azkb_date_to_string(&t->start, AZKB_TIME_STYLE_ISO);
    *out_lo            = g_strconcat(s, first[t->start.precision], NULL);
  }
  if (t->end_bound == AZKB_BOUND_DATE)
    hi_date = &t->end;
  else if (t->is_point && t->start_bound == AZKB_BOUND_DATE)
    hi_date = &t->start;
  if (hi_date != NULL) {
    g_autofree char *s = azkb_date_to_string(hi_date, AZKB_TIME_STYLE_ISO);
    *out_hi            = g_strconcat(s, last[hi_date->precision], NULL);
  }
  if (t->start_bound != AZKB_BOUND_DATE && t->end_bound == AZKB_BOUND_OPEN) {
    g_free(*out_lo);
    g_free(*out_hi);
    *out_lo = g_strdup(present);
    *out_hi = g_strdup(present);
  }
}

typedef struct {
  const AzkbInterval *times[2];
  guint               n;
  gboolean            strict;
} TimeFilter;

static void
append_pad(GString *out, const char *var, const char *pad)
{
  g_string_append_printf(
    out, "CONCAT(STR(%s), SUBSTR(\"%s\", STRLEN(STR(%s)) - 3))", var, pad, var);
}

/* `OPTIONAL { NODE PROP ?v BIND(first day AS ?lo) BIND(last day AS ?hi) }`:
 * every expression is computed where its variable is bound (rdflib fails
 * on expressions over unbound variables instead of treating them as
 * errors). */
static void
append_date_parts(Sparql     *sp,
                  GString    *out,
                  guint       depth,
                  const char *node,
                  const char *prop,
                  char      **out_lo,
                  char      **out_hi)
{
  g_autofree char *v = fresh_var(sp, prop);

  *out_lo = fresh_var(sp, "lo");
  *out_hi = fresh_var(sp, "hi");
  indent(out, depth);
  g_string_append_printf(out, "OPTIONAL { %s azo:%s %s .\n", node, prop, v);
  indent(out, depth + 2);
  g_string_append(out, "BIND(");
  append_pad(out, v, "-01-01");
  g_string_append_printf(out, " AS %s)\n", *out_lo);
  indent(out, depth + 2);
  g_string_append(out, "BIND(");
  append_pad(out, v, "-12-31");
  g_string_append_printf(out, " AS %s) }\n", *out_hi);
}

/* The span rule of azkb_interval_span() on the statement node's time: the
 * first day is the point's, the start's, the end's or (ongoing, start
 * unknown) the present; the last day is the point's, the end's, the later
 * of the present and the start's (ongoing), the present (ongoing, start
 * unknown) or the start's own.  An undated node gets an empty span
 * ("9999" .. "0000") that overlaps nothing. */
static void
append_span(Sparql     *sp,
            GString    *out,
            guint       depth,
            const char *node,
            const char *lo,
            const char *hi)
{
  g_autofree char *pt_lo = NULL, *pt_hi = NULL, *s_lo = NULL, *s_hi = NULL;
  g_autofree char *e_lo = NULL, *e_hi = NULL;
  g_autofree char *og   = fresh_var(sp, "ongoing");
  g_autofree char *now  = fresh_var(sp, "now");
  g_autofree char *s2   = fresh_var(sp, "start");
  g_autofree char *s2hi = fresh_var(sp, "hi");
  g_autofree char *open = fresh_var(sp, "open");

  append_date_parts(sp, out, depth, node, "pointInTime", &pt_lo, &pt_hi);
  append_date_parts(sp, out, depth, node, "start", &s_lo, &s_hi);
  append_date_parts(sp, out, depth, node, "end", &e_lo, &e_hi);
  indent(out, depth);
  g_string_append_printf(
    out,
    "OPTIONAL { %s azo:ongoing %s . BIND(\"%s\" AS %s) }\n",
    node,
    og,
    sp->present,
    now);
  indent(out, depth);
  g_string_append_printf(
    out, "OPTIONAL { %s azo:ongoing [] ; azo:start %s .\n", node, s2);
  indent(out, depth + 2);
  g_string_append(out, "BIND(");
  append_pad(out, s2, "-12-31");
  g_string_append_printf(out, " AS %s)\n", s2hi);
  indent(out, depth + 2);
  g_string_append_printf(out,
                         "BIND(IF(%s > \"%s\", %s, \"%s\") AS %s) }\n",
                         s2hi,
                         sp->present,
                         s2hi,
                         sp->present,
                         open);
  indent(out, depth);
  g_string_append_printf(
    out,
    "BIND(COALESCE(%s, %s, %s, %s, \"9999-99-99\") AS %s)\n",
    pt_lo,
    s_lo,
    e_lo,
    now,
    lo);
  indent(out, depth);
  g_string_append_printf(
    out,
    "BIND(COALESCE(%s, %s, %s, %s, %s, \"0000-00-00\") AS %s)\n",
    pt_hi,
    e_hi,
    open,
    now,
    s_hi,
    hi);
}

static void
append_overlap(Sparql           *sp,
               GString          *out,
               guint             depth,
               const TimeFilter *tf,
               const char       *lo,
               const char       *hi)
{
  const char *glue = "";

  indent(out, depth);
  g_string_append(out, "FILTER(");
  for (guint i = 0; i < tf->n; i++) {
    g_autofree char *qlo = NULL;
    g_autofree char *qhi = NULL;

    filter_strings(tf->times[i], sp->present, &qlo, &qhi);
    if (qhi != NULL) {
      g_string_append_printf(out, "%s%s <= \"%s\"", glue, lo, qhi);
      glue = " && ";
    }
    if (qlo != NULL) {
      g_string_append_printf(out, "%s%s >= \"%s\"", glue, hi, qlo);
      glue = " && ";
    }
  }
  g_string_append(out, *glue ? ")\n" : "true)\n");
}

/* `FILTER(?p IN (...))` for a wildcard or negated hop. */
static void
append_predicate_filter(Sparql     *sp,
                        GString    *out,
                        guint       depth,
                        const Px   *atom,
                        const char *p)
{
  g_autoptr(GString) set = g_string_new(NULL);

  append_relation_set(sp, set, atom);
  /* "(a|b)" → "(a, b)" */
  for (gsize i = 0; i < set->len; i++)
    if (set->str[i] == '|')
      g_string_overwrite(set, i, ",");
  indent(out, depth);
  g_string_append_printf(out, "FILTER(%s IN %s)\n", p, set->str);
}

/* `UNION { S P O . FILTER NOT EXISTS { a statement node of it } ...`: the
 * other way a hop is made, a direct triple with no statement node
 * (undated, unsourced); the caller adds its bindings and closes it. */
static void
append_bare_triple(Sparql     *sp,
                   GString    *out,
                   guint       depth,
                   const Px   *atom,
                   const char *s,
                   const char *p,
                   const char *o,
                   const char *nn)
{
  indent(out, depth);
  g_string_append(out, "UNION { # a bare triple: undated, unsourced\n");
  indent(out, depth + 1);
  g_string_append_printf(out, "%s %s %s .\n", s, p, o);
  if (atom->kind != PX_REL)
    append_predicate_filter(sp, out, depth + 1, atom, p);
  indent(out, depth + 1);
  g_string_append_printf(out,
                         "FILTER NOT EXISTS { %s rdf:subject %s ; "
                         "rdf:predicate %s ; rdf:object %s }\n",
                         nn,
                         s,
                         p,
                         o);
}

/* Statement node @node reifying @s @p @o, with the relation filter when the
 * hop is not one named relation. */
static void
append_statement_node(Sparql     *sp,
                      GString    *out,
                      guint       depth,
                      const Px   *atom,
                      const char *node,
                      const char *s,
                      const char *p,
                      const char *o)
{
  use_vocab(sp, "rdf");
  indent(out, depth);
  g_string_append_printf(out,
                         "%s rdf:subject %s ; rdf:predicate %s ; "
                         "rdf:object %s .\n",
                         node,
                         s,
                         p,
                         o);
  if (atom->kind != PX_REL)
    append_predicate_filter(sp, out, depth, atom, p);
}

static void
append_hop(Sparql           *sp,
           GString          *out,
           guint             depth,
           const Px         *atom,
           const char       *from,
           const char       *to,
           const TimeFilter *tf)
{
  const char      *s  = atom->inverse ? to : from;
  const char      *o  = atom->inverse ? from : to;
  g_autofree char *p  = NULL;
  g_autofree char *st = fresh_var(sp, "stmt");
  g_autofree char *lo = fresh_var(sp, "first");
  g_autofree char *hi = fresh_var(sp, "last");
  g_autofree char *un = fresh_var(sp, "stmt");
  g_autofree char *tt = fresh_var(sp, "t");
  g_autofree char *nn = fresh_var(sp, "stmt");

  sp->used_azo = TRUE;
  if (atom->kind == PX_REL) {
    g_autoptr(GString) tmp = g_string_new(NULL);
    append_term(sp, tmp, atom->rel);
    p = g_string_free(g_steal_pointer(&tmp), FALSE);
  } else
    p = fresh_var(sp, "rel");

  /* a dated statement whose span overlaps every filter */
  indent(out, depth);
  g_string_append_printf(out, "{ # a statement dated within the time\n");
  append_statement_node(sp, out, depth + 1, atom, st, s, p, o);
  append_span(sp, out, depth + 1, st, lo, hi);
  append_overlap(sp, out, depth + 1, tf, lo, hi);
  indent(out, depth);
  g_string_append(out, "}\n");
  if (tf->strict)
    return;
  /* an undated statement node */
  indent(out, depth);
  g_string_append(out, "UNION { # an undated statement\n");
  append_statement_node(sp, out, depth + 1, atom, un, s, p, o);
  indent(out, depth + 1);
  g_string_append_printf(
    out,
    "FILTER NOT EXISTS { %s azo:start|azo:end|azo:pointInTime|azo:ongoing "
    "%s }\n",
    un,
    tt);
  indent(out, depth);
  g_string_append(out, "}\n");
  /* a bare direct triple: an undated statement without a node */
  append_bare_triple(sp, out, depth, atom, s, p, o, nn);
  indent(out, depth);
  g_string_append(out, "}\n");
}

static gboolean
is_var(const char *term)
{
  return term[0] == '?';
}

/* The entities, for a node that a zero-length path leaves free. */
static void
append_domain(Sparql *sp, GString *out, guint depth, const char *var)
{
  indent(out, depth);
  g_string_append_printf(
    out, "FILTER(STRSTARTS(STR(%s), \"%s\"))\n", var, sp->id_ns);
}

static void
append_any_node(Sparql *sp, GString *out, guint depth, const char *var)
{
  g_autofree char *p = fresh_var(sp, "p");
  g_autofree char *x = fresh_var(sp, "o");

  indent(out, depth);
  g_string_append_printf(
    out, "{ %s %s %s } UNION { %s %s %s }\n", var, p, x, x, p, var);
  append_domain(sp, out, depth, var);
}

/* Can the empty path lead from @from to @to?  Not between two different
 * entities. */
static gboolean
zero_possible(const char *from, const char *to)
{
  return is_var(from) || is_var(to) || strcmp(from, to) == 0;
}

/* The empty path from @from to @to, as a zero-or-one path over a predicate
 * no data uses: its only matches are the zero-length ones, with SPARQL's
 * own rules for bound and free ends.  (BIND would be shorter, but rdflib
 * lets a BIND overwrite a variable bound outside its group.)  Free ends
 * range over the graph's nodes: keep the entities. */
static void
append_zero(Sparql     *sp,
            GString    *out,
            guint       depth,
            const char *from,
            const char *to)
{
  indent(out, depth);
  g_string_append(out, "{\n");
  indent(out, depth + 1);
  if (!zero_possible(from, to))
    g_string_append(out, "FILTER(false)\n");
  else
    g_string_append_printf(
      out, "%s (%s)? %s .  # the empty path\n", from, NEVER_IRI, to);
  if (is_var(from))
    append_domain(sp, out, depth + 1, from);
  else if (is_var(to))
    append_domain(sp, out, depth + 1, to);
  indent(out, depth);
  g_string_append(out, "}\n");
}

/* @px (expanded, bounded) from @from to @to, one statement node per hop. */
static void
append_unfolded(Sparql           *sp,
                GString          *out,
                guint             depth,
                const Px         *px,
                const char       *from,
                const char       *to,
                const TimeFilter *tf)
{
  g_autofree char *mid = NULL;

  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      append_hop(sp, out, depth, px, from, to, tf);
      return;
    case PX_SEQ:
      mid = fresh_var(sp, "via");
      indent(out, depth);
      g_string_append(out, "{\n");
      append_unfolded(sp, out, depth + 1, px->a, from, mid, tf);
      append_unfolded(sp, out, depth + 1, px->b, mid, to, tf);
      indent(out, depth);
      g_string_append(out, "}\n");
      return;
    case PX_ALT:
      indent(out, depth);
      g_string_append(out, "{\n");
      append_unfolded(sp, out, depth + 1, px->a, from, to, tf);
      indent(out, depth);
      g_string_append(out, "} UNION {\n");
      append_unfolded(sp, out, depth + 1, px->b, from, to, tf);
      indent(out, depth);
      g_string_append(out, "}\n");
      return;
    case PX_REPEAT:
      if (px->max == 0) {
        append_zero(sp, out, depth, from, to);
        return;
      }
      if (px->min == 1 && px->max == 1) {
        append_unfolded(sp, out, depth, px->a, from, to, tf);
        return;
      }
      g_assert(px->min == 0 && px->max == 1);
      if (!zero_possible(from, to)) {
        append_unfolded(sp, out, depth, px->a, from, to, tf);
        return;
      }
      indent(out, depth);
      g_string_append(out, "{\n");
      append_zero(sp, out, depth + 1, from, to);
      indent(out, depth);
      g_string_append(out, "} UNION {\n");
      append_unfolded(sp, out, depth + 1, px->a, from, to, tf);
      indent(out, depth);
      g_string_append(out, "}\n");
      return;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

/* ---- time variables, qualifiers, literal values, constraints ---- */

/* azkb's day numbers start at 0001-01-01 = 1; the Julian day number of
 * that day is 1721426. */
#define JULIAN_OFFSET G_GINT64_CONSTANT(1721425)

/* An empty span (first day after last) for an undated statement. */
#define NO_FIRST_DAY "99999999"
#define NO_LAST_DAY "0"

/* The Julian day number of year @y, month @m, day @d (SPARQL
 * expressions), by the usual integer formula: a month counted from March
 * makes February's length and the leap days fall out of FLOOR.  Each sum
 * is written with + alone, a subtraction as the addition of (0 - x):
 * Oxigraph 0.5 reads `a - b + c` as `a - (b + c)` (shared/notes), and
 * parenthesizing every pair instead nests deeper than rdflib's recursive
 * evaluator allows. */
static char *
jdn_expr(const char *y, const char *m, const char *d)
{
  g_autofree char *a  = g_strdup_printf("FLOOR((14 - (%s)) / 12)", m);
  g_autofree char *yy = g_strdup_printf("((%s) + 4800 + (0 - %s))", y, a);
  g_autofree char *mm = g_strdup_printf("((%s) + (12 * %s) + (0 - 3))", m, a);

  return g_strdup_printf("((%s) + FLOOR((153 * %s + 2) / 5) + (365 * %s) + "
                         "FLOOR(%s / 4) + (0 - FLOOR(%s / 100)) + "
                         "FLOOR(%s / 400) + (0 - 32045))",
                         d,
                         mm,
                         yy,
                         yy,
                         yy,
                         yy);
}

/* `OPTIONAL { NODE azo:PROP ?v ... }` binding the first and last day (as
 * Julian day numbers) of the date it holds, of year, month or day
 * precision by its length. */
static void
append_date_days(Sparql     *sp,
                 GString    *out,
                 guint       depth,
                 const char *node,
                 const char *prop,
                 char      **out_lo,
                 char      **out_hi)
{
  g_autofree char *v     = fresh_var(sp, prop);
  g_autofree char *s     = fresh_var(sp, "s");
  g_autofree char *y     = fresh_var(sp, "y");
  g_autofree char *m     = fresh_var(sp, "m");
  g_autofree char *d     = fresh_var(sp, "d");
  g_autofree char *mn    = fresh_var(sp, "m");
  g_autofree char *yn    = fresh_var(sp, "y");
  g_autofree char *first = jdn_expr(y, m, d);
  g_autofree char *next  = jdn_expr(yn, mn, "1");

  *out_lo      = fresh_var(sp, "lo");
  *out_hi      = fresh_var(sp, "hi");
  sp->used_azo = TRUE;
  use_vocab(sp, "xsd");
  indent(out, depth);
  g_string_append_printf(out, "OPTIONAL { %s azo:%s %s .\n", node, prop, v);
  indent(out, depth + 2);
  g_string_append_printf(out, "BIND(STR(%s) AS %s)\n", v, s);
  indent(out, depth + 2);
  g_string_append_printf(
    out, "BIND(xsd:integer(SUBSTR(%s, 1, 4)) AS %s)\n", s, y);
  indent(out, depth + 2);
  g_string_append_printf(out,
                         "BIND(IF(STRLEN(%s) >= 7, xsd:integer(SUBSTR(%s, 6, "
                         "2)), 1) AS %s)\n",
                         s,
                         s,
                         m);
  indent(out, depth + 2);
  g_string_append_printf(out,
                         "BIND(IF(STRLEN(%s) >= 10, xsd:integer(SUBSTR(%s, "
                         "9, 2)), 1) AS %s)\n",
                         s,
                         s,
                         d);
  indent(out, depth + 2);
  g_string_append_printf(out, "BIND(%s AS %s)\n", first, *out_lo);
  /* the last day is the day before the next month or year begins (month
   * 13 of a year is January of the next, in the formula) */
  indent(out, depth + 2);
  g_string_append_printf(
    out, "BIND(IF(STRLEN(%s) >= 7, %s + 1, 1) AS %s)\n", s, m, mn);
  indent(out, depth + 2);
  g_string_append_printf(
    out, "BIND(IF(STRLEN(%s) >= 7, %s, %s + 1) AS %s)\n", s, y, y, yn);
  indent(out, depth + 2);
  g_string_append_printf(out,
                         "BIND(IF(STRLEN(%s) >= 10, %s, %s - 1) AS %s) }\n",
                         s,
                         *out_lo,
                         next,
                         *out_hi);
}

/* The day span of statement node @node as Julian day numbers @lo..@hi,
 * by the rule of azkb_interval_span() (as append_span() does on strings);
 * an undated node gets NO_FIRST_DAY..NO_LAST_DAY, an empty span. */
static void
append_day_span(Sparql     *sp,
                GString    *out,
                guint       depth,
                const char *node,
                const char *lo,
                const char *hi)
{
  g_autofree char *pt_lo = NULL, *pt_hi = NULL, *s_lo = NULL, *s_hi = NULL;
  g_autofree char *e_lo = NULL, *e_hi = NULL, *o_lo = NULL, *o_hi = NULL;
  g_autofree char *now  = fresh_var(sp, "now");
  g_autofree char *og   = fresh_var(sp, "ongoing");
  g_autofree char *open = fresh_var(sp, "open");

  append_date_days(sp, out, depth, node, "pointInTime", &pt_lo, &pt_hi);
  append_date_days(sp, out, depth, node, "start", &s_lo, &s_hi);
  append_date_days(sp, out, depth, node, "end", &e_lo, &e_hi);
  indent(out, depth);
  g_string_append_printf(out,
                         "OPTIONAL { %s azo:ongoing %s . BIND(%" G_GINT64_FORMAT
                         " AS %s) }\n",
                         node,
                         og,
                         sp->present_day,
                         now);
  /* ongoing with a start: to the later of the present and the start's
   * last day (recomputed inside: a group cannot see the outer binding) */
  indent(out, depth);
  g_string_append_printf(out, "OPTIONAL { %s azo:ongoing [] .\n", node);
  append_date_days(sp, out, depth + 2, node, "start", &o_lo, &o_hi);
  indent(out, depth + 2);
  g_string_append_printf(out, "FILTER(BOUND(%s))\n", o_hi);
  indent(out, depth + 2);
  g_string_append_printf(out,
                         "BIND(IF(%s > %" G_GINT64_FORMAT
                         ", %s, %" G_GINT64_FORMAT ") AS %s) }\n",
                         o_hi,
                         sp->present_day,
                         o_hi,
                         sp->present_day,
                         open);
  indent(out, depth);
  g_string_append_printf(out,
                         "BIND(COALESCE(%s, %s, %s, %s, " NO_FIRST_DAY
                         ") AS %s)\n",
                         pt_lo,
                         s_lo,
                         e_lo,
                         now,
                         lo);
  indent(out, depth);
  g_string_append_printf(out,
                         "BIND(COALESCE(%s, %s, %s, %s, %s, " NO_LAST_DAY
                         ") AS %s)\n",
                         pt_hi,
                         e_hi,
                         open,
                         now,
                         s_hi,
                         hi);
}

/* `BIND(... AS ?t)`: the statement node's time as azkb writes it in
 * tsv/csv (ISO 8601-2, AZKB_TIME_STYLE_EDTF): "2003/2005", "1999/..",
 * "/2005", "1999/", a point's date, "" undated. */
static void
append_edtf(Sparql     *sp,
            GString    *out,
            guint       depth,
            const char *node,
            const char *t)
{
  static const char *const props[]  = { "pointInTime", "start", "end" };
  char                    *parts[3] = { NULL, NULL, NULL };
  g_autofree char         *og       = fresh_var(sp, "ongoing");
  g_autofree char         *dots     = fresh_var(sp, "dots");

  sp->used_azo = TRUE;
  for (guint i = 0; i < 3; i++) {
    g_autofree char *v = fresh_var(sp, props[i]);

    parts[i] = fresh_var(sp, "text");
    indent(out, depth);
    g_string_append_printf(out,
                           "OPTIONAL { %s azo:%s %s . BIND(STR(%s) AS %s) }\n",
                           node,
                           props[i],
                           v,
                           v,
                           parts[i]);
  }
  indent(out, depth);
  g_string_append_printf(
    out,
    "OPTIONAL { %s azo:ongoing %s . BIND(\"..\" AS %s) }\n",
    node,
    og,
    dots);
  indent(out, depth);
  g_string_append_printf(
    out,
    "BIND(COALESCE(%s, IF(BOUND(%s) || BOUND(%s) || BOUND(%s), "
    "CONCAT(COALESCE(%s, \"\"), \"/\", COALESCE(%s, %s, \"\")), \"\")) AS "
    "%s)\n",
    parts[0],
    parts[1],
    parts[2],
    dots,
    parts[1],
    parts[2],
    dots,
    t);
  for (guint i = 0; i < 3; i++)
    g_free(parts[i]);
}

/* What a step that reads its statement binds besides its ends. */
typedef struct {
  const QStep *step;
  char        *node;    ///< the statement node variable
  char        *time;    ///< ?t or NULL
  char        *lo, *hi; ///< its day span, when constraints need it
  const char  *sources; ///< the variable of its sources, or NULL
} StmtVars;

/* In a branch where @sv->node is bound to a statement node: its time, its
 * span, its qualifiers, its sources. */
static void
append_node_reads(Sparql *sp, GString *out, guint depth, const StmtVars *sv)
{
  const QStep *step = sv->step;

  if (sv->time != NULL)
    append_edtf(sp, out, depth, sv->node, sv->time);
  if (sv->lo != NULL)
    append_day_span(sp, out, depth, sv->node, sv->lo, sv->hi);
  for (guint k = 0; step->quals != NULL && k < step->quals->len; k++) {
    const QQual *q = &g_array_index(step->quals, QQual, k);

    indent(out, depth);
    g_string_append_printf(out, "%s ", sv->node);
    append_term(sp, out, q->property);
    g_string_append_printf(out, " ?%s .\n", QUERY_VAR(sp->q, q->var)->name);
  }
  if (sv->sources != NULL) {
    indent(out, depth);
    g_string_append_printf(out, "OPTIONAL { %s ", sv->node);
    append_vocab(sp, out, "prov", "wasDerivedFrom");
    g_string_append_printf(out, " %s }\n", sv->sources);
  }
}

/* In a branch without a statement node (an undated statement of no
 * sources or qualifiers): an empty time and span. */
static void
append_bare_reads(GString *out, guint depth, const StmtVars *sv)
{
  if (sv->time != NULL) {
    indent(out, depth);
    g_string_append_printf(out, "BIND(\"\" AS %s)\n", sv->time);
  }
  if (sv->lo != NULL) {
    indent(out, depth);
    g_string_append_printf(out,
                           "BIND(" NO_FIRST_DAY " AS %s) BIND(" NO_LAST_DAY
                           " AS %s)\n",
                           sv->lo,
                           sv->hi);
  }
}

/* One hop over @atom from @s to @o that binds its statement node, under
 * the filters @tf: the branches of append_hop(), with the node's reads in
 * each; the bare-triple branch only when no qualifier needs a node. */
static void
append_read_hop(Sparql           *sp,
                GString          *out,
                guint             depth,
                const Px         *atom,
                const char       *from,
                const char       *to,
                const TimeFilter *tf,
                const StmtVars   *sv)
{
  const char      *s    = atom->inverse ? to : from;
  const char      *o    = atom->inverse ? from : to;
  gboolean         bare = sv->step->quals == NULL;
  g_autofree char *p    = NULL;
  g_autofree char *nn   = fresh_var(sp, "stmt");

  if (atom->kind == PX_REL) {
    g_autoptr(GString) tmp = g_string_new(NULL);
    append_term(sp, tmp, atom->rel);
    p = g_string_free(g_steal_pointer(&tmp), FALSE);
  } else
    p = fresh_var(sp, "rel");
  indent(out, depth);
  g_string_append(out, "{ # the statement node\n");
  append_statement_node(sp, out, depth + 1, atom, sv->node, s, p, o);
  if (tf->n > 0) {
    g_autofree char *lo = fresh_var(sp, "first");
    g_autofree char *hi = fresh_var(sp, "last");

    append_span(sp, out, depth + 1, sv->node, lo, hi);
    if (tf->strict) {
      append_overlap(sp, out, depth + 1, tf, lo, hi);
    } else {
      /* dated within every filter, or undated */
      indent(out, depth + 1);
      g_string_append_printf(out, "FILTER(%s > %s || (", lo, hi);
      {
        g_autoptr(GString) cond = g_string_new(NULL);

        append_overlap(sp, cond, 0, tf, lo, hi);
        /* "FILTER(x)\n" → "x" */
        g_string_erase(cond, 0, strlen("FILTER("));
        g_string_truncate(cond, cond->len - 2);
        g_string_append(out, cond->str);
      }
      g_string_append(out, "))\n");
    }
  }
  append_node_reads(sp, out, depth + 1, sv);
  indent(out, depth);
  g_string_append(out, "}\n");
  if (!bare || (tf->n > 0 && tf->strict))
    return;
  append_bare_triple(sp, out, depth, atom, s, p, o, nn);
  append_bare_reads(out, depth + 1, sv);
  indent(out, depth);
  g_string_append(out, "}\n");
}

/* A one-hop expression (expanded) as a UNION of its atoms. */
static void
append_read_alternatives(Sparql           *sp,
                         GString          *out,
                         guint             depth,
                         const Px         *px,
                         const char       *from,
                         const char       *to,
                         const TimeFilter *tf,
                         const StmtVars   *sv)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      indent(out, depth);
      g_string_append(out, "{\n");
      append_read_hop(sp, out, depth + 1, px, from, to, tf, sv);
      indent(out, depth);
      g_string_append(out, "}\n");
      return;
    case PX_ALT:
      append_read_alternatives(sp, out, depth, px->a, from, to, tf, sv);
      indent(out, depth);
      g_string_append(out, "UNION\n");
      append_read_alternatives(sp, out, depth, px->b, from, to, tf, sv);
      return;
    case PX_REPEAT:
      g_assert(px->min == 1 && px->max == 1);
      append_read_alternatives(sp, out, depth, px->a, from, to, tf, sv);
      return;
    case PX_SEQ:
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

/* Does a constraint name time variable @var? */
static gboolean
constrained(const AzkbQuery *q, int var)
{
  for (guint i = 0; i < q->constraints->len; i++) {
    const QConstraint *c = &g_array_index(q->constraints, QConstraint, i);

    if ((c->a.kind == OPERAND_VAR && c->a.var == var) ||
        (c->b.kind == OPERAND_VAR && c->b.var == var))
      return TRUE;
  }
  return FALSE;
}

static char *
span_var(const char *prefix, const char *name)
{
  return g_strdup_printf("?_%s_%s", prefix, name);
}

/* A step that reads its statement: a time variable, qualifiers, sources,
 * or the literal of a property ending a one-hop step. */
static void
append_reading_step(Sparql           *sp,
                    guint             i,
                    const char       *from,
                    const char       *to,
                    const TimeFilter *tf)
{
  const QStep *step      = &g_array_index(sp->q->steps, QStep, i);
  g_autoptr(Px) expanded = NULL;
  StmtVars         sv    = { step, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *node  = g_strdup_printf("?_stmt%u", i + 1);

  sv.node = node;
  if (step->time_var >= 0) {
    const char *name = QUERY_VAR(sp->q, step->time_var)->name;

    sv.time = g_strconcat("?", name, NULL);
    if (constrained(sp->q, step->time_var)) {
      sv.lo = span_var("first", name);
      sv.hi = span_var("last", name);
    }
  }
  sv.sources = g_ptr_array_index(sp->sources, i);
  if (step->lit_prop != 0) {
    expanded      = px_new(PX_REL);
    expanded->rel = step->lit_prop;
  } else
    expanded = px_expand(step->expr);
  append_read_alternatives(sp, sp->body, 1, expanded, from, to, tf, &sv);
  g_free(sv.time);
  g_free(sv.lo);
  g_free(sv.hi);
}

/* `FILTER(isLiteral(?v))`: a property's values are literals. */
static void
append_literal_filter(Sparql *sp, const char *to)
{
  indent(sp->body, 1);
  g_string_append_printf(sp->body, "FILTER(isLiteral(%s))\n", to);
}

/* A day-number expression of one side of a constraint: the variable's
 * span, or a date's, written in. */
static void
operand_days(const QOperand *o, const AzkbQuery *q, char **lo, char **hi)
{
  gint32 first, last;

  if (o->kind == OPERAND_VAR) {
    const char *name = QUERY_VAR(q, o->var)->name;

    *lo = span_var("first", name);
    *hi = span_var("last", name);
    return;
  }
  if (!azkb_interval_span_at(&o->time, &q->present, &first, &last)) {
    *lo = g_strdup(NO_FIRST_DAY);
    *hi = g_strdup(NO_LAST_DAY);
    return;
  }
  *lo = g_strdup_printf("%" G_GINT64_FORMAT, (gint64)first + JULIAN_OFFSET);
  *hi = g_strdup_printf("%" G_GINT64_FORMAT, (gint64)last + JULIAN_OFFSET);
}

/* Allen's relations on closed day ranges [as, ae], [bs, be]; both spans
 * must be non-empty (dated). */
static void
append_constraint(Sparql *sp, const QConstraint *c)
{
  g_autofree char *as = NULL, *ae = NULL, *bs = NULL, *be = NULL;
  const char      *f = NULL;

  operand_days(&c->a, sp->q, &as, &ae);
  operand_days(&c->b, sp->q, &bs, &be);
  /* AS AE BS BE: the first and last days of A and of B */
  switch (c->relation) {
    case AZKB_ALLEN_BEFORE:
      f = "AE + 1 < BS";
      break;
    case AZKB_ALLEN_AFTER:
      f = "BE + 1 < AS";
      break;
    case AZKB_ALLEN_MEETS:
      f = "AE + 1 = BS";
      break;
    case AZKB_ALLEN_MET_BY:
      f = "BE + 1 = AS";
      break;
    case AZKB_ALLEN_OVERLAPS:
      f = "AS < BS && BS <= AE && AE < BE";
      break;
    case AZKB_ALLEN_OVERLAPPED_BY:
      f = "BS < AS && AS <= BE && BE < AE";
      break;
    case AZKB_ALLEN_STARTS:
      f = "AS = BS && AE < BE";
      break;
    case AZKB_ALLEN_STARTED_BY:
      f = "AS = BS && AE > BE";
      break;
    case AZKB_ALLEN_DURING:
      f = "AS > BS && AE < BE";
      break;
    case AZKB_ALLEN_CONTAINS:
      f = "AS < BS && AE > BE";
      break;
    case AZKB_ALLEN_FINISHES:
      f = "AE = BE && AS > BS";
      break;
    case AZKB_ALLEN_FINISHED_BY:
      f = "AE = BE && AS < BS";
      break;
    case AZKB_ALLEN_EQUALS:
      f = "AS = BS && AE = BE";
      break;
    default:
      f = "AS <= BE && BS <= AE"; /* intersects */
      break;
  }
  indent(sp->body, 1);
  g_string_append_printf(
    sp->body, "FILTER(%s <= %s && %s <= %s && (", as, ae, bs, be);
  for (const char *p = f; *p != '\0'; p++) {
    if ((p[0] == 'A' || p[0] == 'B') && (p[1] == 'S' || p[1] == 'E')) {
      const char *day =
        p[0] == 'A' ? (p[1] == 'S' ? as : ae) : (p[1] == 'S' ? bs : be);

      g_string_append(sp->body, day);
      p++;
    } else
      g_string_append_c(sp->body, *p);
  }
  g_string_append_printf(sp->body,
                         "))  # %s %s %s\n",
                         c->a.text,
                         time_relation_name(c->relation),
                         c->b.text);
}

/* What SPARQL 1.1 cannot say of these: refused, never half written. */
static gboolean
check_supported(const AzkbQuery *q, GError **error)
{
  if (!(q->flags & AZKB_QUERY_SOURCES))
    return TRUE;
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);

    if (step->stmt_slot < 0 && !(step->lit_prop != 0 && step->expr == NULL)) {
      query_error_at(error,
                     AZKB_QUERY_ERROR_UNSUPPORTED,
                     step->column,
                     "with a sources column, a step of a path has the "
                     "sources of one shortest witness, which SPARQL 1.1 cannot "
                     "pick (a property path binds no statement); only steps "
                     "that bind their statement (-relation@?t->) translate");
      return FALSE;
    }
  }
  return TRUE;
}

/* ---- the whole query ---- */

static char *
node_term(Sparql *sp, const QNode *node)
{
  g_autoptr(GString) out = NULL;

  switch (node->kind) {
    case NODE_VAR:
      return g_strconcat("?", node->name, NULL);
    case NODE_ANON:
      return fresh_var(sp, "node");
    case NODE_ENTITY:
      out = g_string_new(NULL);
      append_term(sp, out, node->entity);
      return g_string_free(g_steal_pointer(&out), FALSE);
  }
  g_assert_not_reached();
}

static gboolean append_path_step(Sparql           *sp,
                                 const QStep      *step,
                                 const Px         *expanded,
                                 const char       *from,
                                 const char       *to,
                                 const TimeFilter *tf,
                                 GError          **error);

static gboolean
append_step(Sparql     *sp,
            guint       i,
            const char *from,
            const char *to,
            GError    **error)
{
  const QStep *step      = &g_array_index(sp->q->steps, QStep, i);
  TimeFilter   tf        = { { NULL, NULL }, 0, FALSE };
  g_autoptr(Px) expanded = NULL;

  if (step->has_time)
    tf.times[tf.n++] = &step->time;
  if (sp->q->has_time)
    tf.times[tf.n++] = &sp->q->time;
  tf.strict = (sp->q->flags & AZKB_QUERY_STRICT_TIME) != 0;
  if (step->stmt_slot >= 0 || (step->lit_prop != 0 && step->expr == NULL &&
                               g_ptr_array_index(sp->sources, i) != NULL)) {
    append_reading_step(sp, i, from, to, &tf);
    if (step->lit_prop != 0)
      append_literal_filter(sp, to);
    return TRUE;
  }
  if (step->lit_prop != 0) {
    /* what comes before the property, then the property */
    Px *last = px_new(PX_REL);

    last->rel = step->lit_prop;
    if (step->expr != NULL) {
      expanded    = px_new(PX_SEQ);
      expanded->a = px_expand(step->expr);
      expanded->b = last;
    } else
      expanded = last;
    if (!append_path_step(sp, step, expanded, from, to, &tf, error))
      return FALSE;
    append_literal_filter(sp, to);
    return TRUE;
  }
  expanded = px_expand(step->expr);
  return append_path_step(sp, step, expanded, from, to, &tf, error);
}

/* A step of a path: a property path, or unfolded one statement node per
 * hop under a time filter. */
static gboolean
append_path_step(Sparql           *sp,
                 const QStep      *step,
                 const Px         *expanded,
                 const char       *from,
                 const char       *to,
                 const TimeFilter *tf,
                 GError          **error)
{
  if (tf->n == 0) {
    indent(sp->body, 1);
    g_string_append_printf(sp->body, "%s ", from);
    append_path(sp, sp->body, expanded);
    g_string_append_printf(sp->body, " %s .\n", to);
    if (px_nullable(expanded)) {
      if (is_var(from))
        append_domain(sp, sp->body, 1, from);
      if (is_var(to) && strcmp(from, to) != 0)
        append_domain(sp, sp->body, 1, to);
    }
    return TRUE;
  }
  if (px_unbounded(expanded)) {
    query_error_at(error,
                   AZKB_QUERY_ERROR_UNSUPPORTED,
                   step->column,
                   "this step repeats without bound (“*”, “+” or "
                   "“{m,}”) under a time filter; SPARQL 1.1 cannot test the "
                   "time of each hop of a property path, so the query has no "
                   "exact SPARQL form (bound the repetition, e.g. “{1,4}”, or "
                   "drop the time filter)");
    return FALSE;
  }
  append_unfolded(sp, sp->body, 1, expanded, from, to, tf);
  return TRUE;
}

static void
append_class(Sparql *sp, const char *term, AzkbTermId cls)
{
  indent(sp->body, 1);
  g_string_append_printf(sp->body, "%s ", term);
  append_vocab(sp, sp->body, "rdf", "type");
  g_string_append_c(sp->body, '/');
  append_vocab(sp, sp->body, "rdfs", "subClassOf");
  g_string_append(sp->body, "* ");
  append_term(sp, sp->body, cls);
  g_string_append(sp->body, " .\n");
}

static gboolean
append_body(Sparql *sp, GError **error)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func(g_free);
  AzkbQuery *q               = sp->q;

  for (guint i = 0; i < q->nodes->len; i++)
    g_ptr_array_add(terms, node_term(sp, &g_array_index(q->nodes, QNode, i)));
  for (guint i = 0; i < q->steps->len; i++)
    g_ptr_array_add(
      sp->sources,
      q->flags & AZKB_QUERY_SOURCES ? g_strdup_printf("?_src%u", i + 1) : NULL);
  if (q->steps->len == 0) {
    const char *t = g_ptr_array_index(terms, 0);
    if (is_var(t))
      append_any_node(sp, sp->body, 1, t);
    else {
      g_autofree char *p = fresh_var(sp, "p");
      g_autofree char *x = fresh_var(sp, "o");
      indent(sp->body, 1);
      g_string_append_printf(
        sp->body, "{ %s %s %s } UNION { %s %s %s }\n", t, p, x, x, p, t);
    }
  }
  for (guint i = 0; i < q->steps->len; i++)
    if (!append_step(sp,
                     i,
                     g_ptr_array_index(terms, i),
                     g_ptr_array_index(terms, i + 1),
                     error))
      return FALSE;
  for (guint i = 0; i < q->nodes->len; i++) {
    const QNode *node = &g_array_index(q->nodes, QNode, i);
    if (node->cls != 0)
      append_class(sp, g_ptr_array_index(terms, i), node->cls);
  }
  for (guint i = 0; i < q->constraints->len; i++)
    append_constraint(sp, &g_array_index(q->constraints, QConstraint, i));
  return TRUE;
}

static GArray *
entity_relations(const AzkbStore *store)
{
  GArray *all = azkb_store_relations(store);
  GArray *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  for (guint i = 0; i < all->len; i++) {
    AzkbTermId r = g_array_index(all, AzkbTermId, i);
    if (azkb_store_term_kind(store, r) & AZKB_TERM_RELATION)
      g_array_append_val(out, r);
  }
  g_array_unref(all);
  return out;
}

static void
append_prefixes(Sparql *sp, GString *out)
{
  for (guint i = 0; i < AZKB_IRI_N_VOCABS; i++)
    if (sp->used_vocab & (1u << i))
      g_string_append_printf(out,
                             "PREFIX %s: <%s>\n",
                             azkb_iri_vocabs[i].prefix,
                             azkb_iri_vocabs[i].ns);
  if (sp->used_az)
    g_string_append_printf(out, "PREFIX az: <%s>\n", sp->id_ns);
  if (sp->used_azo)
    g_string_append_printf(out, "PREFIX azo: <%s>\n", sp->onto_ns);
}

/* " ?a ?b ..." : the query's variables in order. */
static void
append_vars(const AzkbQuery *query, GString *out)
{
  for (guint i = 0; i < query->vars->len; i++)
    g_string_append_printf(out, " ?%s", QUERY_VAR(query, i)->name);
}

static void
append_limit(GString *out, guint limit)
{
  if (limit > 0)
    g_string_append_printf(out, "LIMIT %u\n", limit);
}

/* The query around the body: ASK, SELECT DISTINCT ... ORDER BY, or that
 * SELECT counted by an outer one (the ORDER BY dropped: a count has no
 * order; the limit inside, as `--count --limit` counts at most that many
 * rows). */
/* ` (CONCAT(GROUP_CONCAT(...), " ", ...) AS ?sources)`: the paragraph
 * names of every step's statement, as azkb names them (the IRI after the
 * id namespace); azkb prints each once, in reading order. */
static void
append_sources_select(const Sparql *sp, GString *out)
{
  g_string_append(out, " (CONCAT(");
  for (guint i = 0; i < sp->sources->len; i++)
    g_string_append_printf(out,
                           "%sCOALESCE(GROUP_CONCAT(DISTINCT STRAFTER(STR(%s), "
                           "\"%s\"); separator=\" \"), \"\")",
                           i ? ", \" \", " : "",
                           (char *)g_ptr_array_index(sp->sources, i),
                           sp->id_ns);
  if (sp->sources->len == 1)
    g_string_append(out, ", \"\"");
  g_string_append(out, ") AS ?sources)");
}

static void
append_query(const Sparql    *sp,
             const AzkbQuery *query,
             const GString   *body,
             AzkbSparqlFlags  flags,
             guint            limit,
             GString         *out)
{
  gboolean count   = (flags & AZKB_SPARQL_COUNT) != 0;
  gboolean sources = (query->flags & AZKB_QUERY_SOURCES) != 0;

  if (query->vars->len == 0 && !sources) {
    g_string_append(out, "ASK {\n");
    g_string_append(out, body->str);
    g_string_append(out, "}\n");
    append_limit(out, limit);
    return;
  }
  if (count)
    g_string_append(out, "SELECT (COUNT(*) AS ?count) WHERE {\n");
  g_string_append(out, "SELECT DISTINCT");
  append_vars(query, out);
  if (sources)
    append_sources_select(sp, out);
  g_string_append(out, " WHERE {\n");
  g_string_append(out, body->str);
  g_string_append(out, "}\n");
  if (sources && query->vars->len > 0) {
    g_string_append(out, "GROUP BY");
    append_vars(query, out);
    g_string_append_c(out, '\n');
  }
  if (count) {
    append_limit(out, limit);
    g_string_append(out, "}\n");
    return;
  }
  if (query->vars->len > 0) {
    g_string_append(out, "ORDER BY");
    append_vars(query, out);
    g_string_append_c(out, '\n');
  }
  append_limit(out, limit);
}

char *
azkb_query_to_sparql_full(AzkbQuery      *query,
                          const char     *base,
                          AzkbSparqlFlags flags,
                          guint           limit,
                          GError        **error)
{
  Sparql      sp    = { 0 };
  AzkbIriBase names = { 0 };
  GString    *out;

  g_return_val_if_fail(query != NULL, NULL);
  if (query->flags & AZKB_QUERY_WHEN) {
    /* SPARQL can list a statement's dates but cannot coalesce a union of
     * intersections of spans into maximal intervals: a query printed here
     * would give other answers, so there is none. */
    g_set_error_literal(
      error,
      AZKB_QUERY_ERROR,
      AZKB_QUERY_ERROR_UNSUPPORTED,
      "the days a whole row held (sequenced evaluation) have no SPARQL "
      "1.1 form: the instants at which a row held over paths and hidden "
      "nodes, coalesced into maximal intervals, cannot be computed in "
      "SPARQL; a time variable gives the time of one statement");
    return NULL;
  }
  if (!check_supported(query, error))
    return NULL;
  sp.present_day = (gint64)azkb_date_first_day(&query->present) + JULIAN_OFFSET;
  sp.sources     = g_ptr_array_new_with_free_func(g_free);
  azkb_iri_base_init(&names, base != NULL ? base : AZKB_RDF_DEFAULT_BASE);
  sp.q         = query;
  sp.id_ns     = names.id;
  sp.onto_ns   = names.onto;
  sp.body      = g_string_new(NULL);
  sp.relations = entity_relations(query->store);
  g_snprintf(sp.present,
             sizeof sp.present,
             "%04d-%02d-%02d",
             (int)query->present.year,
             query->present.month ? query->present.month : 1,
             query->present.day ? query->present.day : 1);
  out = NULL;
  if (append_body(&sp, error)) {
    out = g_string_new(NULL);
    append_prefixes(&sp, out);
    append_query(&sp, query, sp.body, flags, limit, out);
  }
  azkb_iri_base_clear(&names);
  g_string_free(sp.body, TRUE);
  g_array_unref(sp.relations);
  g_ptr_array_unref(sp.sources);
  return out != NULL ? g_string_free(out, FALSE) : NULL;
}

char *
azkb_query_to_sparql(AzkbQuery *query, const char *base, GError **error)
{
  return azkb_query_to_sparql_full(query, base, AZKB_SPARQL_ROWS, 0, error);
}

/* The inverse of append_term(): names under the base lose it (entities
 * under id/, the ontology's terms under ontology#), a known vocabulary's
 * IRI becomes prefix:local, any other IRI stays `<iri>`. */
AzkbTermId
azkb_query_term_for_iri(AzkbQuery *query, const char *base, const char *iri)
{
  g_auto(AzkbIriBase) names = { 0 };
  g_autofree char *name     = NULL;
  const char      *id_ns, *onto_ns;
  AzkbTermId       term;

  g_return_val_if_fail(query != NULL && iri != NULL, 0);
  azkb_iri_base_init(&names, base != NULL ? base : AZKB_RDF_DEFAULT_BASE);
  id_ns   = names.id;
  onto_ns = names.onto;
  if (g_str_has_prefix(iri, id_ns) && iri[strlen(id_ns)] != '\0')
    name = g_strdup(iri + strlen(id_ns));
  else if (g_str_has_prefix(iri, onto_ns) && iri[strlen(onto_ns)] != '\0')
    name = g_strdup(iri + strlen(onto_ns));
  else
    for (guint i = 0; i < AZKB_IRI_N_VOCABS && name == NULL; i++)
      if (g_str_has_prefix(iri, azkb_iri_vocabs[i].ns) &&
          iri[strlen(azkb_iri_vocabs[i].ns)] != '\0')
        name = g_strconcat(azkb_iri_vocabs[i].prefix,
                           ":",
                           iri + strlen(azkb_iri_vocabs[i].ns),
                           NULL);
  if (name != NULL && (term = azkb_store_lookup(query->store, name)) != 0)
    return term;
  /* Not a name the exporter shortens, or one this store lacks: the IRI
   * written out, as the importer names such a term. */
  g_free(name);
  name = g_strdup_printf("<%s>", iri);
  term = azkb_store_lookup(query->store, name);
  return term != 0 ? term : azkb_store_intern(query->store, name);
}
