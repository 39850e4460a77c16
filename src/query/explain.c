/* `--explain`: the plan of a query in words, the automaton of each step
 * listed.  What it says of the evaluation must follow eval.c. */
#include "query-private.h"

static void
explain_node(const AzkbQuery *q, const QNode *node, GString *out)
{
  switch (node->kind) {
    case NODE_ENTITY:
      g_string_append_printf(out,
                             "entity %s (“%s”)",
                             azkb_store_term_name(q->store, node->entity),
                             azkb_store_display_name(q->store, node->entity));
      break;
    case NODE_VAR:
      g_string_append_printf(out, "variable ?%s", node->name);
      break;
    case NODE_ANON:
      g_string_append(out, "anonymous node ?");
      break;
  }
  if (node->cls != 0)
    g_string_append_printf(out,
                           ", of class %s (or a subclass)",
                           azkb_store_term_name(q->store, node->cls));
}

static void
explain_step(const AzkbQuery *q, guint i, GString *out)
{
  const QStep *step = &g_array_index(q->steps, QStep, i);

  g_string_append_printf(out, "  step %u (column %u): -", i + 1, step->column);
  if (step->expr != NULL)
    px_print(step->expr, q->store, out);
  if (step->lit_prop != 0)
    g_string_append_printf(out,
                           "%s%s",
                           step->expr != NULL ? "/" : "",
                           azkb_store_term_name(q->store, step->lit_prop));
  g_string_append(out, "->");
  if (step->backward)
    g_string_append(out, " (written backwards)");
  g_string_append_c(out, '\n');
  if (step->has_time)
    g_string_append_printf(
      out, "    time: every hop overlaps %s\n", step->time_text);
  if (step->time_var >= 0)
    g_string_append_printf(
      out,
      "    time variable: ?%s, the time of the statement crossed\n",
      QUERY_VAR(q, step->time_var)->name);
  for (guint k = 0; step->quals != NULL && k < step->quals->len; k++) {
    const QQual *qual = &g_array_index(step->quals, QQual, k);

    g_string_append_printf(out,
                           "    qualifier: ?%s, its %s\n",
                           QUERY_VAR(q, qual->var)->name,
                           azkb_store_term_name(q->store, qual->property));
  }
  if (step->lit_prop != 0)
    g_string_append_printf(out,
                           "    ends at a literal value of %s\n",
                           azkb_store_term_name(q->store, step->lit_prop));
  if (step->fwd == NULL)
    return;
  g_string_append_printf(
    out, "    automaton, %u states:\n", step->fwd->n_states);
  nfa_print(step->fwd, q->store, out);
}

char *
azkb_query_explain(AzkbQuery *query)
{
  GString *out = g_string_new(NULL);
  guint    anchor;

  g_return_val_if_fail(query != NULL, NULL);
  g_string_append_printf(out, "pattern: %s\n", query->text);
  for (guint i = 0; i < query->nodes->len; i++) {
    g_string_append_printf(out, "  node %u: ", i + 1);
    explain_node(query, &g_array_index(query->nodes, QNode, i), out);
    g_string_append_c(out, '\n');
    if (i < query->steps->len)
      explain_step(query, i, out);
  }
  if (query->has_time) {
    g_autofree char *t =
      azkb_interval_to_string(&query->time, AZKB_TIME_STYLE_ISO);
    g_string_append_printf(out, "time: every hop overlaps %s\n", t);
  }
  for (guint i = 0; i < query->constraints->len; i++) {
    const QConstraint *c = &g_array_index(query->constraints, QConstraint, i);

    g_string_append_printf(out,
                           "constraint: %s %s %s (on day spans)\n",
                           c->a.text,
                           time_relation_name(c->relation),
                           c->b.text);
  }
  g_string_append_printf(out,
                         "undated statements: %s\n",
                         query->flags & AZKB_QUERY_STRICT_TIME
                           ? "fail time filters (strict)"
                           : "match any time");
  if (query->flags & AZKB_QUERY_WHEN)
    g_string_append(out,
                    "when: each row with the days it held in one snapshot; "
                    "per step a fixpoint of day sets over (node, state) "
                    "pairs, intersected along the chain, united over "
                    "hidden nodes\n");
  anchor = eval_choose_anchor(query);
  g_string_append_printf(out, "evaluation: start at node %u", anchor + 1);
  if (anchor < query->steps->len)
    g_string_append_printf(
      out, ", steps %u..%u rightwards", anchor + 1, query->steps->len);
  if (anchor > 0)
    g_string_append_printf(out, ", steps %u..1 leftwards", anchor);
  g_string_append(out,
                  "; each step a breadth-first search over (node, "
                  "state) pairs\n");
  return g_string_free(out, FALSE);
}
