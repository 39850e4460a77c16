/* Tests of how intervals relate: the valid-time rule (the days an interval
 * spans, whether two overlap) and Allen's thirteen relations, by table
 * rows and over a pool of intervals. */
#include "time-test.h"

/* ---- the valid-time rule ---- */

typedef struct {
  const char *name;
  const char *interval;
  const char *present; ///< NULL: not needed
  const char *first;   ///< ISO day, or NULL: undated
  const char *last;
} SpanRow;

// clang-format off
static const SpanRow span_rows[] = {
  { "year", "2012", NULL, "2012-01-01", "2012-12-31" },
  { "month", "2012-02", NULL, "2012-02-01", "2012-02-29" },
  { "years", "2003..2005", NULL, "2003-01-01", "2005-12-31" },
  { "open-end", "1999..", "2024-06-01", "1999-01-01", "2024-06-01" },
  { "open-end-year-present", "1999..", "2024", "1999-01-01", "2024-12-31" },
  { "open-end-future-start", "2030..", "2024-06-01", "2030-01-01", "2030-12-31" },
  { "unknown-end", "1999-05/", NULL, "1999-05-01", "1999-05-31" },
  { "unknown-start", "..2005", NULL, "2005-01-01", "2005-12-31" },
  { "at-present", "..", "2024-06-01", "2024-06-01", "2024-06-01" },
};
// clang-format on

static gint32
day_of(const char *iso)
{
  AzkbDate date = date_of(iso);

  g_assert_cmpint(date.precision, ==, AZKB_PRECISION_DAY);
  return azkb_date_first_day(&date);
}

static void
test_interval_span(gconstpointer data)
{
  const SpanRow  *row = data;
  AzkbInterval    interval;
  gint32          first, last;
  AzkbDate        buf;
  const AzkbDate *now = present_of(row->present, &buf);

  interval = interval_of(row->interval);
  g_assert_true(azkb_interval_span_at(&interval, now, &first, &last));
  g_assert_cmpint(first, ==, day_of(row->first));
  g_assert_cmpint(last, ==, day_of(row->last));
}

typedef struct {
  const char *name;
  const char *a;
  const char *b;
  const char *present;
  gboolean    overlaps;
} OverlapRow;

// clang-format off
static const OverlapRow overlap_rows[] = {
  { "year-day", "2012", "2012-05-04", NULL, TRUE },
  { "year-month", "2012", "2012-12", NULL, TRUE },
  { "year-next-day", "2012", "2013-01-01", NULL, FALSE },
  { "same-day", "2005-12-31", "2005-12-31", NULL, TRUE },
  { "adjacent-days", "2005-12-31", "2006-01-01", NULL, FALSE },
  { "end-day", "2003..2005", "2005-12-31", NULL, TRUE },
  { "day-after-end", "2003..2005", "2006-01-01", NULL, FALSE },
  { "adjacent-years", "2003..2005", "2006", NULL, FALSE },
  { "shared-year", "2003..2005", "2005..2007", NULL, TRUE },
  { "month-end-in-year", "2003..2005-06", "2005", NULL, TRUE },
  { "month-end-before-day", "2003..2005-06", "2005-07-01", NULL, FALSE },
  { "inside", "2003..2005", "2004-02-29", NULL, TRUE },
  { "open-end-holds-now", "1999..", "2024", "2024-06-01", TRUE },
  { "open-end-present-day", "1999..", "2024-06-01", "2024-06-01", TRUE },
  { "open-end-after-present", "1999..", "2024-06-02", "2024-06-01", FALSE },
  { "open-end-future", "1999..", "2025", "2024-06-01", FALSE },
  { "open-end-before-start", "1999..", "1998-12-31", "2024-06-01", FALSE },
  { "unknown-end-start", "1999/", "1999-07", NULL, TRUE },
  { "unknown-end-no-extend", "1999/", "2000", NULL, FALSE },
  { "unknown-start-end", "..2005", "2005-03", NULL, TRUE },
  { "unknown-start-no-extend", "..2005", "2004", NULL, FALSE },
  { "at-present-now", "..", "2024", "2024-06-01", TRUE },
  { "at-present-past", "..", "2023", "2024-06-01", FALSE },
  { "open-ends", "1999..", "2010..", "2024-06-01", TRUE },
};
// clang-format on

static void
test_interval_overlaps(gconstpointer data)
{
  const OverlapRow *row = data;
  AzkbInterval      a, b;
  AzkbDate          buf;
  const AzkbDate   *now = present_of(row->present, &buf);

  a = interval_of(row->a);
  b = interval_of(row->b);
  g_assert_cmpint(azkb_interval_overlaps_at(&a, &b, now), ==, row->overlaps);
  g_assert_cmpint(azkb_interval_overlaps_at(&b, &a, now), ==, row->overlaps);
}

/* ---- Allen's relations ---- */

typedef struct {
  const char *name;
  const char *a;
  const char *b;
  const char *present;
  AzkbAllen   relation;
} AllenRow;

// clang-format off
static const AllenRow allen_rows[] = {
  { "before", "2001", "2003", NULL, AZKB_ALLEN_BEFORE },
  { "before-by-a-day", "2005-12-30", "2006-01-01", NULL, AZKB_ALLEN_BEFORE },
  { "meets", "2001", "2002", NULL, AZKB_ALLEN_MEETS },
  { "meets-adjacent-days", "2005-12-31", "2006-01-01", NULL, AZKB_ALLEN_MEETS },
  { "overlaps", "2001..2003", "2002..2004", NULL, AZKB_ALLEN_OVERLAPS },
  { "overlaps-one-day", "2003..2005", "2005-12-31..2007", NULL, AZKB_ALLEN_OVERLAPS },
  { "starts", "2001", "2001..2003", NULL, AZKB_ALLEN_STARTS },
  { "during", "2012-05-04", "2012", NULL, AZKB_ALLEN_DURING },
  { "finishes", "2003", "2001..2003", NULL, AZKB_ALLEN_FINISHES },
  { "equals", "2012", "2012-01-01..2012-12-31", NULL, AZKB_ALLEN_EQUALS },
  { "equals-same-day", "2012-05-04", "2012-05-04", NULL, AZKB_ALLEN_EQUALS },
  { "finished-by", "1999..", "2020..2024-06-01", "2024-06-01", AZKB_ALLEN_FINISHED_BY },
  { "contains", "2003..2005", "2004-07", NULL, AZKB_ALLEN_CONTAINS },
  { "started-by", "2012", "2012-01", NULL, AZKB_ALLEN_STARTED_BY },
  { "overlapped-by", "2002..2004", "2001..2003", NULL, AZKB_ALLEN_OVERLAPPED_BY },
  { "met-by", "2006", "..2005", NULL, AZKB_ALLEN_MET_BY },
  { "after", "2024", "1999/", NULL, AZKB_ALLEN_AFTER },
  { "at-present-finishes", "..", "1999..", "2024-06-01", AZKB_ALLEN_FINISHES },
};
// clang-format on

/* The enumeration lists each relation opposite its converse. */
static AzkbAllen
converse(AzkbAllen relation)
{
  return (AzkbAllen)(AZKB_ALLEN_AFTER - relation);
}

static void
test_interval_allen(gconstpointer data)
{
  const AllenRow *row = data;
  AzkbInterval    a, b;
  AzkbAllen       relation;
  gboolean        apart;
  AzkbDate        buf;
  const AzkbDate *now = present_of(row->present, &buf);

  a        = interval_of(row->a);
  b        = interval_of(row->b);
  relation = azkb_interval_allen_at(&a, &b, now);
  g_assert_cmpstr(
    azkb_allen_to_string(relation), ==, azkb_allen_to_string(row->relation));
  g_assert_cmpstr(azkb_allen_to_string(azkb_interval_allen_at(&b, &a, now)),
                  ==,
                  azkb_allen_to_string(converse(row->relation)));
  apart = relation == AZKB_ALLEN_BEFORE || relation == AZKB_ALLEN_MEETS ||
          relation == AZKB_ALLEN_MET_BY || relation == AZKB_ALLEN_AFTER;
  g_assert_cmpint(azkb_interval_overlaps_at(&a, &b, now), ==, !apart);
}

static void
test_allen_names(void)
{
  static const char *const names[] = {
    "before",        "meets",  "overlaps",    "starts",   "during",
    "finishes",      "equals", "finished-by", "contains", "started-by",
    "overlapped-by", "met-by", "after",
  };
  AzkbAllen relation;

  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    g_assert_cmpstr(azkb_allen_to_string((AzkbAllen)i), ==, names[i]);
    g_assert_true(azkb_allen_from_string(names[i], &relation));
    g_assert_cmpint(relation, ==, i);
  }
  g_assert_true(azkb_allen_from_string("Met-By", &relation));
  g_assert_cmpint(relation, ==, AZKB_ALLEN_MET_BY);
  g_assert_false(azkb_allen_from_string("near", &relation));
  g_assert_false(azkb_allen_from_string("", &relation));
}

/* The thirteen relations of day ranges, one case each: closed ranges, so
 * that days 1..2 meet days 3..4. */
static void
test_allen_of_spans(void)
{
  static const struct {
    gint32    as, ae, bs, be;
    AzkbAllen want;
  } cases[] = {
    { 1, 2, 4, 5, AZKB_ALLEN_BEFORE },
    { 1, 2, 3, 4, AZKB_ALLEN_MEETS },
    { 1, 3, 2, 4, AZKB_ALLEN_OVERLAPS },
    { 1, 2, 1, 4, AZKB_ALLEN_STARTS },
    { 2, 3, 1, 4, AZKB_ALLEN_DURING },
    { 3, 4, 1, 4, AZKB_ALLEN_FINISHES },
    { 1, 4, 1, 4, AZKB_ALLEN_EQUALS },
    { 1, 4, 3, 4, AZKB_ALLEN_FINISHED_BY },
    { 1, 4, 2, 3, AZKB_ALLEN_CONTAINS },
    { 1, 4, 1, 2, AZKB_ALLEN_STARTED_BY },
    { 2, 4, 1, 3, AZKB_ALLEN_OVERLAPPED_BY },
    { 3, 4, 1, 2, AZKB_ALLEN_MET_BY },
    { 4, 5, 1, 2, AZKB_ALLEN_AFTER },
    { 7, 7, 7, 7, AZKB_ALLEN_EQUALS },
  };

  for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
    g_assert_cmpstr(azkb_allen_to_string(azkb_allen_of_spans(
                      cases[i].as, cases[i].ae, cases[i].bs, cases[i].be)),
                    ==,
                    azkb_allen_to_string(cases[i].want));
}

/* All thirteen relations over a pool of intervals are decided consistently:
 * each pair has its converse the other way, and overlap agrees. */
static void
test_interval_allen_pool(void)
{
  static const char *const pool[] = {
    "2001",    "2002",       "2001..2003", "2002..2004", "2003",
    "2003-06", "2003-06-15", "1999..",     "..2002",     "2001/",
    "..",      "2001..2001", "2000..2010", "2024-06-01", "2003-01..2003-06",
  };
  guint    seen[AZKB_ALLEN_AFTER + 1] = { 0 };
  AzkbDate now                        = date_of("2024-06-01");

  for (guint i = 0; i < G_N_ELEMENTS(pool); i++) {
    for (guint j = 0; j < G_N_ELEMENTS(pool); j++) {
      AzkbInterval a  = interval_of(pool[i]);
      AzkbInterval b  = interval_of(pool[j]);
      AzkbAllen    ab = azkb_interval_allen_at(&a, &b, &now);
      AzkbAllen    ba = azkb_interval_allen_at(&b, &a, &now);
      gint32       as, ae, bs, be;

      g_assert_cmpint(ba, ==, converse(ab));
      g_assert_true(azkb_interval_span_at(&a, &now, &as, &ae));
      g_assert_true(azkb_interval_span_at(&b, &now, &bs, &be));
      g_assert_cmpint(azkb_allen_of_spans(as, ae, bs, be), ==, ab);
      g_assert_cmpint(ab == AZKB_ALLEN_EQUALS, ==, as == bs && ae == be);
      g_assert_cmpint(
        azkb_interval_overlaps_at(&a, &b, &now), ==, as <= be && bs <= ae);
      seen[ab]++;
    }
  }
  for (guint r = 0; r <= AZKB_ALLEN_AFTER; r++)
    g_assert_cmpuint(seen[r], >, 0);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS(span_rows); i++)
    add_table_case("/time/interval/span",
                   span_rows[i].name,
                   &span_rows[i],
                   test_interval_span);
  for (guint i = 0; i < G_N_ELEMENTS(overlap_rows); i++)
    add_table_case("/time/interval/overlaps",
                   overlap_rows[i].name,
                   &overlap_rows[i],
                   test_interval_overlaps);
  for (guint i = 0; i < G_N_ELEMENTS(allen_rows); i++)
    add_table_case("/time/interval/allen",
                   allen_rows[i].name,
                   &allen_rows[i],
                   test_interval_allen);
  g_test_add_func("/time/interval/allen/pool", test_interval_allen_pool);
  g_test_add_func("/time/interval/allen/names", test_allen_names);
  g_test_add_func("/time/interval/allen/of-spans", test_allen_of_spans);
  return g_test_run();
}
