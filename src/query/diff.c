/* What changed between two dates: each dated statement overlapping the
 * window classified by whether it held on the window's first and last day
 * (diff.h states the definitions). */
#include <azkb/diff.h>
#include <azkb/error.h>

typedef struct {
  AzkbChange    change;
  AzkbStatement st;
} Item;

static const char *
name_of(const AzkbStore *store, AzkbTermId term)
{
  const char *name = azkb_store_term_name(store, term);

  return name != NULL ? name : "";
}

typedef struct {
  const AzkbStore *store;
  const AzkbDate  *present;
} Order;

static int
by_kind_time_names(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Order     *order = user_data;
  const AzkbStore *store = order->store;
  const Item      *x     = a;
  const Item      *y     = b;
  int              c;

  if (x->change.kind != y->change.kind)
    return x->change.kind < y->change.kind ? -1 : 1;
  if ((c = azkb_interval_compare_at(
         &x->st.time, &y->st.time, order->present)) != 0 ||
      (c = g_strcmp0(name_of(store, x->st.subject),
                     name_of(store, y->st.subject))) != 0 ||
      (c = g_strcmp0(name_of(store, x->st.relation),
                     name_of(store, y->st.relation))) != 0 ||
      (c = g_strcmp0(name_of(store, x->st.object),
                     name_of(store, y->st.object))) != 0)
    return c;
  return x->change.stmt < y->change.stmt ? -1 : x->change.stmt > y->change.stmt;
}

/* The kind of change of a span [@lo, @hi] across the window [@a, @b], or
 * FALSE when it lies outside. */
static gboolean
classify(gint32 lo, gint32 hi, gint32 a, gint32 b, AzkbChangeKind *out)
{
  gboolean at_start, at_end;

  if (hi < a || lo > b)
    return FALSE;
  at_start = lo <= a;
  at_end   = hi >= b;
  *out     = at_start && at_end ? AZKB_CHANGE_HELD
             : at_end           ? AZKB_CHANGE_BEGAN
             : at_start         ? AZKB_CHANGE_ENDED
                                : AZKB_CHANGE_BEGAN_AND_ENDED;
  return TRUE;
}

GArray *
azkb_diff(AzkbStore      *store,
          const AzkbDate *from,
          const AzkbDate *to,
          AzkbTermId      around,
          const AzkbDate *present,
          GError        **error)
{
  AzkbDate now = present != NULL ? *present : azkb_time_today();
  Order    order;
  g_autoptr(GArray) items = NULL;
  GArray *out;
  gint32  a, b;
  guint   n;

  g_return_val_if_fail(store != NULL && from != NULL && to != NULL, NULL);
  g_return_val_if_fail(azkb_date_is_valid(from) && azkb_date_is_valid(to),
                       NULL);

  a = azkb_date_first_day(from);
  b = azkb_date_last_day(to);
  if (a > azkb_date_first_day(to)) {
    g_autofree char *x = azkb_date_to_string(from, AZKB_TIME_STYLE_ISO);
    g_autofree char *y = azkb_date_to_string(to, AZKB_TIME_STYLE_ISO);

    g_set_error(error,
                AZKB_QUERY_ERROR,
                AZKB_QUERY_ERROR_INVALID_TIME,
                "%s begins after %s: give the earlier date first",
                x,
                y);
    return NULL;
  }
  items = g_array_new(FALSE, FALSE, sizeof(Item));
  n     = azkb_store_n_statements(store);
  for (AzkbStmtId id = 1; id <= n; id++) {
    Item   item = { { id, AZKB_CHANGE_HELD }, { 0 } };
    gint32 lo, hi;

    if (!azkb_store_get_statement(store, id, &item.st) ||
        !azkb_interval_span_at(&item.st.time, &now, &lo, &hi))
      continue;
    if (around != 0 && item.st.subject != around && item.st.object != around)
      continue;
    if (classify(lo, hi, a, b, &item.change.kind))
      g_array_append_val(items, item);
  }
  order.store   = store;
  order.present = &now;
  g_array_sort_with_data(items, by_kind_time_names, &order);
  out = g_array_sized_new(FALSE, FALSE, sizeof(AzkbChange), items->len);
  for (guint i = 0; i < items->len; i++)
    g_array_append_val(out, g_array_index(items, Item, i).change);
  return out;
}

const char *
azkb_change_kind_to_string(AzkbChangeKind kind)
{
  switch (kind) {
    case AZKB_CHANGE_BEGAN:
      return "began";
    case AZKB_CHANGE_ENDED:
      return "ended";
    case AZKB_CHANGE_BEGAN_AND_ENDED:
      return "began-and-ended";
    case AZKB_CHANGE_HELD:
      return "held";
    default:
      return NULL;
  }
}
