/* Sets of days: sorted, disjoint, non-adjacent closed ranges.
 *
 * Days are whole units here (no time of day), so two ranges that touch,
 * 2003 and 2004, are one range: coalescing merges them and each set has a
 * single form.  Union and intersection are merges of two sorted lists,
 * linear in their lengths; the query module calls the list functions on
 * its own buffers, AzkbTimeSet is the owning form for everybody else. */
#include <azkb/time.h>
#include <stdlib.h>
#include <string.h>

/* ---- lists of ranges ---- */

static int
compare_ranges(const void *a, const void *b)
{
  const AzkbDayRange *x = a;
  const AzkbDayRange *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return (x->last > y->last) - (x->last < y->last);
}

/* Append [first, last] to the coalesced list @out of *@n ranges whose
 * firsts do not exceed @first: it either extends the last range or starts
 * a new one.  The subtraction is done in 64 bits: last + 1 must not wrap. */
static inline void
append_range(AzkbDayRange *out, gsize *n, gint32 first, gint32 last)
{
  if (*n > 0 && (gint64)first <= (gint64)out[*n - 1].last + 1) {
    if (last > out[*n - 1].last)
      out[*n - 1].last = last;
    return;
  }
  out[*n].first = first;
  out[*n].last  = last;
  (*n)++;
}

gsize
azkb_day_ranges_coalesce(AzkbDayRange *ranges, gsize n)
{
  gsize kept = 0;

  g_return_val_if_fail(ranges != NULL || n == 0, 0);
  if (n > 1)
    qsort(ranges, n, sizeof *ranges, compare_ranges);
  for (gsize i = 0; i < n; i++)
    append_range(ranges, &kept, ranges[i].first, ranges[i].last);
  return kept;
}

gsize
azkb_day_ranges_union(const AzkbDayRange *a,
                      gsize               n_a,
                      const AzkbDayRange *b,
                      gsize               n_b,
                      AzkbDayRange       *out)
{
  gsize i = 0, j = 0, n = 0;

  while (i < n_a || j < n_b) {
    const AzkbDayRange *next;

    if (j >= n_b || (i < n_a && a[i].first <= b[j].first))
      next = &a[i++];
    else
      next = &b[j++];
    append_range(out, &n, next->first, next->last);
  }
  return n;
}

gsize
azkb_day_ranges_intersect(const AzkbDayRange *a,
                          gsize               n_a,
                          const AzkbDayRange *b,
                          gsize               n_b,
                          AzkbDayRange       *out)
{
  gsize i = 0, j = 0, n = 0;

  /* Inputs coalesced: the pieces come out sorted and apart, except that
   * two pieces may touch only if an input had touching ranges. */
  while (i < n_a && j < n_b) {
    gint32 first = MAX(a[i].first, b[j].first);
    gint32 last  = MIN(a[i].last, b[j].last);

    if (first <= last)
      append_range(out, &n, first, last);
    if (a[i].last < b[j].last)
      i++;
    else
      j++;
  }
  return n;
}

/* ---- naming a range ---- */

static void
day_to_ymd(gint32 day, gint32 *year, guint *month, guint *dom)
{
  GDate date;

  g_date_clear(&date, 1);
  g_date_set_julian(&date, (guint32)CLAMP(day, AZKB_DAY_MIN, AZKB_DAY_MAX));
  *year  = g_date_get_year(&date);
  *month = g_date_get_month(&date);
  *dom   = g_date_get_day(&date);
}

/* The coarsest date whose first day is @day and whose last day does not
 * pass @limit. */
static AzkbDate
start_date(gint32 day, gint32 limit)
{
  gint32   year;
  guint    month, dom;
  AzkbDate date;

  day_to_ymd(day, &year, &month, &dom);
  date = azkb_date_make(year, 0, 0);
  if (azkb_date_first_day(&date) == day && azkb_date_last_day(&date) <= limit)
    return date;
  date = azkb_date_make(year, month, 0);
  if (azkb_date_first_day(&date) == day && azkb_date_last_day(&date) <= limit)
    return date;
  return azkb_date_make(year, month, dom);
}

/* The coarsest date whose last day is @day and whose first day is not
 * before @limit. */
static AzkbDate
end_date(gint32 day, gint32 limit)
{
  gint32   year;
  guint    month, dom;
  AzkbDate date;

  day_to_ymd(day, &year, &month, &dom);
  date = azkb_date_make(year, 0, 0);
  if (azkb_date_last_day(&date) == day && azkb_date_first_day(&date) >= limit)
    return date;
  date = azkb_date_make(year, month, 0);
  if (azkb_date_last_day(&date) == day && azkb_date_first_day(&date) >= limit)
    return date;
  return azkb_date_make(year, month, dom);
}

static gboolean
reaches_present(gint32 last, const AzkbDate *present)
{
  AzkbDate now = present != NULL ? *present : azkb_time_today();

  return last == AZKB_DAY_MAX || last == azkb_date_last_day(&now);
}

AzkbInterval
azkb_day_range_to_interval(gint32 first, gint32 last)
{
  return azkb_day_range_to_interval_at(first, last, NULL);
}

AzkbInterval
azkb_day_range_to_interval_at(gint32          first,
                              gint32          last,
                              const AzkbDate *present)
{
  AzkbInterval interval = { 0 };

  g_return_val_if_fail(first <= last, interval);

  if (first > AZKB_DAY_MIN) {
    interval.start       = start_date(first, last);
    interval.start_bound = AZKB_BOUND_DATE;
  }
  if (reaches_present(last, present) && first > AZKB_DAY_MIN) {
    interval.end_bound = AZKB_BOUND_OPEN;
  } else {
    interval.end       = end_date(last, first);
    interval.end_bound = AZKB_BOUND_DATE;
  }
  return interval;
}

/* ---- the owning set ---- */

struct _AzkbTimeSet {
  GArray *ranges; ///< AzkbDayRange, coalesced
};

AzkbTimeSet *
azkb_time_set_new(void)
{
  AzkbTimeSet *set = g_new0(AzkbTimeSet, 1);

  set->ranges = g_array_new(FALSE, FALSE, sizeof(AzkbDayRange));
  return set;
}

AzkbTimeSet *
azkb_time_set_new_always(void)
{
  AzkbTimeSet *set = azkb_time_set_new();

  azkb_time_set_add(set, AZKB_DAY_MIN, AZKB_DAY_MAX);
  return set;
}

AzkbTimeSet *
azkb_time_set_new_from_ranges(const AzkbDayRange *ranges, gsize n)
{
  AzkbTimeSet *set = azkb_time_set_new();

  g_return_val_if_fail(ranges != NULL || n == 0, set);
  if (n > 0)
    g_array_append_vals(set->ranges, ranges, (guint)n);
  g_array_set_size(
    set->ranges,
    (guint)azkb_day_ranges_coalesce((AzkbDayRange *)(gpointer)set->ranges->data,
                                    set->ranges->len));
  return set;
}

AzkbTimeSet *
azkb_time_set_copy(const AzkbTimeSet *set)
{
  g_return_val_if_fail(set != NULL, NULL);
  return azkb_time_set_new_from_ranges(
    (const AzkbDayRange *)(gconstpointer)set->ranges->data, set->ranges->len);
}

void
azkb_time_set_free(AzkbTimeSet *set)
{
  if (set == NULL)
    return;
  g_array_unref(set->ranges);
  g_free(set);
}

/* Replace @set's ranges by @op of them and @other's. */
static void
combine(AzkbTimeSet        *set,
        const AzkbDayRange *other,
        gsize               n_other,
        gsize (*op)(const AzkbDayRange *,
                    gsize,
                    const AzkbDayRange *,
                    gsize,
                    AzkbDayRange *))
{
  GArray *out = g_array_sized_new(
    FALSE, FALSE, sizeof(AzkbDayRange), (guint)(set->ranges->len + n_other));
  gsize n = op((const AzkbDayRange *)(gconstpointer)set->ranges->data,
               set->ranges->len,
               other,
               n_other,
               (AzkbDayRange *)(gpointer)out->data);

  g_array_set_size(out, (guint)n);
  g_array_unref(set->ranges);
  set->ranges = out;
}

void
azkb_time_set_add(AzkbTimeSet *set, gint32 first, gint32 last)
{
  AzkbDayRange range = { first, last };

  g_return_if_fail(set != NULL);
  g_return_if_fail(first <= last);
  combine(set, &range, 1, azkb_day_ranges_union);
}

gboolean
azkb_time_set_add_span(AzkbTimeSet *set, const AzkbInterval *interval)
{
  return azkb_time_set_add_span_at(set, interval, NULL);
}

gboolean
azkb_time_set_add_span_at(AzkbTimeSet        *set,
                          const AzkbInterval *interval,
                          const AzkbDate     *present)
{
  gint32 first, last;

  g_return_val_if_fail(set != NULL && interval != NULL, FALSE);
  if (!azkb_interval_span_at(interval, present, &first, &last))
    return FALSE;
  azkb_time_set_add(set, first, last);
  return TRUE;
}

void
azkb_time_set_union(AzkbTimeSet *set, const AzkbTimeSet *other)
{
  g_return_if_fail(set != NULL && other != NULL);
  combine(set,
          (const AzkbDayRange *)(gconstpointer)other->ranges->data,
          other->ranges->len,
          azkb_day_ranges_union);
}

void
azkb_time_set_intersect(AzkbTimeSet *set, const AzkbTimeSet *other)
{
  g_return_if_fail(set != NULL && other != NULL);
  combine(set,
          (const AzkbDayRange *)(gconstpointer)other->ranges->data,
          other->ranges->len,
          azkb_day_ranges_intersect);
}

gboolean
azkb_time_set_is_empty(const AzkbTimeSet *set)
{
  g_return_val_if_fail(set != NULL, TRUE);
  return set->ranges->len == 0;
}

gboolean
azkb_time_set_contains(const AzkbTimeSet *set, gint32 day)
{
  guint lo = 0, hi;

  g_return_val_if_fail(set != NULL, FALSE);
  /* Binary search for the last range starting on or before @day. */
  hi = set->ranges->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (g_array_index(set->ranges, AzkbDayRange, mid).first <= day)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo > 0 && g_array_index(set->ranges, AzkbDayRange, lo - 1).last >= day;
}

gboolean
azkb_time_set_equal(const AzkbTimeSet *a, const AzkbTimeSet *b)
{
  g_return_val_if_fail(a != NULL && b != NULL, FALSE);
  return a->ranges->len == b->ranges->len &&
         (a->ranges->len == 0 ||
          memcmp(a->ranges->data,
                 b->ranges->data,
                 a->ranges->len * sizeof(AzkbDayRange)) == 0);
}

const AzkbDayRange *
azkb_time_set_ranges(const AzkbTimeSet *set, gsize *out_n)
{
  g_return_val_if_fail(set != NULL && out_n != NULL, NULL);
  *out_n = set->ranges->len;
  return (const AzkbDayRange *)(gconstpointer)set->ranges->data;
}

/* ---- text ---- */

static void
append_human(GString *out, const AzkbDayRange *range, const AzkbDate *present)
{
  AzkbInterval interval =
    azkb_day_range_to_interval_at(range->first, range->last, present);
  g_autofree char *end = NULL;

  if (interval.start_bound == AZKB_BOUND_DATE) {
    g_autofree char *text =
      azkb_interval_to_string(&interval, AZKB_TIME_STYLE_HUMAN);

    g_string_append(out, text);
    return;
  }
  /* From the beginning of time: only undated statements do that. */
  if (range->last == AZKB_DAY_MAX) {
    g_string_append(out, "always");
    return;
  }
  if (reaches_present(range->last, present)) {
    g_string_append(out, "until the present");
    return;
  }
  end = azkb_date_to_string(&interval.end, AZKB_TIME_STYLE_HUMAN);
  g_string_append_printf(out, "until %s", end);
}

static void
append_iso(GString *out, const AzkbDayRange *range, const AzkbDate *present)
{
  AzkbInterval interval =
    azkb_day_range_to_interval_at(range->first, range->last, present);
  g_autofree char *start = NULL;
  g_autofree char *end   = NULL;

  if (interval.start_bound == AZKB_BOUND_DATE)
    start = azkb_date_to_string(&interval.start, AZKB_TIME_STYLE_ISO);
  if (interval.end_bound == AZKB_BOUND_DATE)
    end = azkb_date_to_string(&interval.end, AZKB_TIME_STYLE_ISO);
  /* EDTF: ".." is an open end, or a start from the beginning of time. */
  if (start != NULL && end != NULL && strcmp(start, end) == 0)
    g_string_append(out, start);
  else
    g_string_append_printf(out,
                           "%s/%s",
                           start != NULL ? start : "..",
                           end != NULL && range->last < AZKB_DAY_MAX ? end
                                                                     : "..");
}

char *
azkb_time_set_to_string(const AzkbTimeSet *set, AzkbTimeStyle style)
{
  return azkb_time_set_to_string_at(set, style, NULL);
}

char *
azkb_time_set_to_string_at(const AzkbTimeSet *set,
                           AzkbTimeStyle      style,
                           const AzkbDate    *present)
{
  GString *out;

  g_return_val_if_fail(set != NULL, NULL);
  if (set->ranges->len == 0)
    return g_strdup(style == AZKB_TIME_STYLE_HUMAN ? "never" : "");
  out = g_string_new(NULL);
  for (guint i = 0; i < set->ranges->len; i++) {
    const AzkbDayRange *range = &g_array_index(set->ranges, AzkbDayRange, i);

    if (i > 0)
      g_string_append(
        out, style == AZKB_TIME_STYLE_HUMAN ? ", " : AZKB_TIME_SET_SEPARATOR);
    if (style == AZKB_TIME_STYLE_HUMAN)
      append_human(out, range, present);
    else
      append_iso(out, range, present);
  }
  return g_string_free(out, FALSE);
}
