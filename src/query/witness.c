/* The statements behind a row: for a step a row crossed without binding
 * its statement, those of one shortest way across it (step_witness()),
 * whose sources the row reports under AZKB_QUERY_SOURCES. */
#include "query-private.h"

/* TRUE if statement @stmt holds on @day (0: any day): its span covers the
 * day, or it is undated and @strict is not set. */
static gboolean
holds_on(AzkbStore      *store,
         AzkbStmtId      stmt,
         gint32          day,
         gboolean        strict,
         const AzkbDate *present)
{
  AzkbStatement st;
  gint32        first, last;

  if (day == 0)
    return TRUE;
  if (!azkb_store_get_statement(store, stmt, &st))
    return FALSE;
  if (!azkb_interval_span_at(&st.time, present, &first, &last))
    return !strict;
  return first <= day && day <= last;
}

/* Append every statement of @store from @u to @v over @rel (from object to
 * subject when @inverse) that passes @filter and holds on @day (0: any):
 * all the statements that make one hop (two terms of one membership). */
static void
hop_statements(AzkbStore       *store,
               AzkbTermId       u,
               AzkbTermId       v,
               AzkbTermId       rel,
               gboolean         inverse,
               const HopFilter *f,
               gint32           day,
               GArray          *out)
{
  gsize           n;
  const AzkbEdge *edges = inverse ? azkb_store_in_edges(store, u, rel, &n)
                                  : azkb_store_out_edges(store, u, rel, &n);

  for (gsize e = 0; e < n; e++)
    if (edges[e].other == v &&
        (f->n_ranges == 0 || hop_filter_pass(f, edges[e].stmt)) &&
        holds_on(store, edges[e].stmt, day, f->strict, f->present))
      g_array_append_val(out, edges[e].stmt);
}

typedef struct {
  AzkbTermId node;
  guint      state;
  gint64     parent; ///< index in the search's queue, -1 at the start
  AzkbTermId relation;
  gboolean   inverse;
} Visit;

/* step_witness() for a step of one hop, without the search: the way the
 * breadth-first search finds first is the first edge to @b in the order it
 * queues them (position, then edge), and its hop is made by every
 * statement of that edge's relation and direction.  A search per row cost
 * twenty times the rows of a one-hop query with sources. */
static void
one_hop_witness(AzkbStore       *store,
                const Nfa       *nfa,
                const HopFilter *f,
                gint32           day,
                AzkbTermId       a,
                AzkbTermId       b,
                GArray          *out)
{
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;

  for (guint i = nfa->offsets[0]; i < nfa->offsets[1]; i++) {
    const NfaLabel *label = &nfa->labels[nfa->next[i]];
    gsize           n;
    const AzkbEdge *edges = label_edges(label, label->inverse, store, a, &n);

    for (gsize e = 0; e < n; e++)
      if (edges[e].other == b &&
          label_reads_edge(label, store, &edges[e], filter) &&
          holds_on(store, edges[e].stmt, day, f->strict, f->present)) {
        hop_statements(
          store, a, b, edges[e].relation, label->inverse, f, day, out);
        return;
      }
  }
}

void
step_witness(AzkbStore       *store,
             const QStep     *s,
             const HopFilter *f,
             gint32           day,
             AzkbTermId       a,
             AzkbTermId       b,
             GArray          *out)
{
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;
  const Nfa       *nfa    = s->fwd;
  g_autoptr(GArray) queue = NULL;
  AzkbKeySet seen;
  gint64     found = -1;

  if (nfa == NULL) {
    hop_statements(store, a, b, s->lit_prop, FALSE, f, day, out);
    return;
  }
  if (s->lit_prop == 0 && nfa_one_hop(nfa)) {
    one_hop_witness(store, nfa, f, day, a, b, out);
    return;
  }
  queue = g_array_new(FALSE, FALSE, sizeof(Visit));
  azkb_key_set_init(&seen);
  g_array_append_val(queue, ((Visit){ a, 0, -1, 0, FALSE }));
  azkb_key_set_add(&seen, (guint64)a * nfa->n_states);
  for (guint head = 0; head < queue->len && found < 0; head++) {
    Visit w = g_array_index(queue, Visit, head);

    if (nfa->accepting[w.state]) {
      guint before = out->len;

      if (s->lit_prop == 0 && w.node == b) {
        found = head;
        break;
      }
      if (s->lit_prop != 0) {
        hop_statements(store, w.node, b, s->lit_prop, FALSE, f, day, out);
        if (out->len > before) {
          found = head;
          break;
        }
      }
    }
    for (guint i = nfa->offsets[w.state]; i < nfa->offsets[w.state + 1]; i++) {
      guint           p     = nfa->next[i];
      const NfaLabel *label = &nfa->labels[p];
      gsize           n;
      const AzkbEdge *edges =
        label_edges(label, label->inverse, store, w.node, &n);

      for (gsize e = 0; e < n; e++) {
        Visit next = {
          edges[e].other, p, head, edges[e].relation, label->inverse
        };

        if (label_reads_edge(label, store, &edges[e], filter) &&
            holds_on(store, edges[e].stmt, day, f->strict, f->present) &&
            azkb_key_set_add(&seen, (guint64)next.node * nfa->n_states + p))
          g_array_append_val(queue, next);
      }
    }
  }
  azkb_key_set_clear(&seen);
  for (gint64 i = found; i >= 0 && g_array_index(queue, Visit, i).parent >= 0;
       i        = g_array_index(queue, Visit, i).parent) {
    const Visit *v = &g_array_index(queue, Visit, i);
    const Visit *u = &g_array_index(queue, Visit, v->parent);

    hop_statements(
      store, u->node, v->node, v->relation, v->inverse, f, day, out);
  }
}
