/* Tests of sets of days (AzkbTimeSet, AzkbDayRange): the bounds of the
 * day numbers, coalescing, union and intersection, and the text of a set,
 * each range at its coarsest exact precision.  Day numbers come from
 * GLib's GDate. */
#include "time-test.h"

static void
test_day_bounds(void)
{
  AzkbDate first = azkb_date_make(1, 1, 1);
  AzkbDate last  = azkb_date_make(9999, 0, 0);

  g_assert_cmpint(azkb_date_first_day(&first), ==, AZKB_DAY_MIN);
  g_assert_cmpint(azkb_date_last_day(&last), ==, AZKB_DAY_MAX);
  first = azkb_date_make(2012, 5, 4);
  g_assert_cmpint(gdate_day(2012, 5, 4), ==, azkb_date_first_day(&first));
}

static void
test_set_coalesces_touching_and_overlapping_ranges(void)
{
  AzkbDayRange r[] = {
    { 10, 20 }, { 30, 40 }, { 21, 25 }, { 35, 50 }, { 1, 2 }
  };
  gsize n = azkb_day_ranges_coalesce(r, G_N_ELEMENTS(r));

  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpint(r[0].first, ==, 1);
  g_assert_cmpint(r[0].last, ==, 2);
  g_assert_cmpint(r[1].first, ==, 10); /* 10..20 and 21..25 touch */
  g_assert_cmpint(r[1].last, ==, 25);
  g_assert_cmpint(r[2].first, ==, 30);
  g_assert_cmpint(r[2].last, ==, 50);
}

static void
test_set_union_and_intersection(void)
{
  g_autoptr(AzkbTimeSet) a = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) b = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) u = NULL;
  const AzkbDayRange *r;
  gsize               n;

  azkb_time_set_add(a, 1, 10);
  azkb_time_set_add(a, 20, 30);
  azkb_time_set_add(b, 5, 22);
  azkb_time_set_add(b, 40, 41);
  u = azkb_time_set_copy(a);
  azkb_time_set_union(u, b);
  r = azkb_time_set_ranges(u, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpint(r[0].first, ==, 1);
  g_assert_cmpint(r[0].last, ==, 30);
  g_assert_cmpint(r[1].first, ==, 40);
  azkb_time_set_intersect(a, b);
  r = azkb_time_set_ranges(a, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpint(r[0].first, ==, 5);
  g_assert_cmpint(r[0].last, ==, 10);
  g_assert_cmpint(r[1].first, ==, 20);
  g_assert_cmpint(r[1].last, ==, 22);
  g_assert_true(azkb_time_set_contains(a, 21));
  g_assert_false(azkb_time_set_contains(a, 15));
  g_assert_false(azkb_time_set_contains(a, 4));
}

static void
test_set_intersection_with_empty_is_empty(void)
{
  g_autoptr(AzkbTimeSet) a     = azkb_time_set_new_always();
  g_autoptr(AzkbTimeSet) empty = azkb_time_set_new();

  g_assert_false(azkb_time_set_is_empty(a));
  azkb_time_set_intersect(a, empty);
  g_assert_true(azkb_time_set_is_empty(a));
  g_assert_true(azkb_time_set_equal(a, empty));
  azkb_time_set_free(NULL);
}

static char *
set_text(const AzkbDayRange *ranges,
         gsize               n,
         AzkbTimeStyle       style,
         const AzkbDate     *present)
{
  g_autoptr(AzkbTimeSet) set = azkb_time_set_new_from_ranges(ranges, n);

  return azkb_time_set_to_string_at(set, style, present);
}

static void
test_set_text_names_each_range_at_its_coarsest_exact_precision(void)
{
  AzkbDate present = azkb_date_make(2020, 6, 15);
  struct {
    AzkbDayRange r[2];
    gsize        n;
    const char  *human;
    const char  *edtf;
  } cases[] = {
    { { { gdate_day(2003, 1, 1), gdate_day(2005, 12, 31) },
        { gdate_day(2017, 1, 1), gdate_day(2019, 12, 31) } },
      2,
      "2003–2005, 2017–2019",
      "2003/2005;2017/2019" },
    { { { gdate_day(2012, 1, 1), gdate_day(2012, 12, 31) } },
      1,
      "2012",
      "2012" },
    { { { gdate_day(2012, 5, 4), gdate_day(2012, 5, 4) } },
      1,
      "4 May 2012",
      "2012-05-04" },
    { { { gdate_day(2012, 1, 1), gdate_day(2012, 1, 1) } },
      1,
      "1 January 2012",
      "2012-01-01" },
    { { { gdate_day(2012, 5, 1), gdate_day(2013, 12, 31) } },
      1,
      "May 2012 – 2013",
      "2012-05/2013" },
    { { { gdate_day(1992, 3, 2), gdate_day(2020, 6, 15) } },
      1,
      "since 2 March 1992",
      "1992-03-02/.." },
    { { { AZKB_DAY_MIN, AZKB_DAY_MAX } }, 1, "always", "../.." },
    { { { AZKB_DAY_MIN, gdate_day(2005, 12, 31) } },
      1,
      "until 2005",
      "../2005" },
    { { { 0, 0 } }, 0, "never", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *human =
      set_text(cases[i].r, cases[i].n, AZKB_TIME_STYLE_HUMAN, &present);
    g_autofree char *edtf =
      set_text(cases[i].r, cases[i].n, AZKB_TIME_STYLE_EDTF, &present);

    g_assert_cmpstr(human, ==, cases[i].human);
    g_assert_cmpstr(edtf, ==, cases[i].edtf);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/time/set/day-bounds", test_day_bounds);
  g_test_add_func("/time/set/coalesce-touching-and-overlapping",
                  test_set_coalesces_touching_and_overlapping_ranges);
  g_test_add_func("/time/set/union-and-intersection",
                  test_set_union_and_intersection);
  g_test_add_func("/time/set/intersection-with-empty",
                  test_set_intersection_with_empty_is_empty);
  g_test_add_func(
    "/time/set/text-at-coarsest-exact-precision",
    test_set_text_names_each_range_at_its_coarsest_exact_precision);
  return g_test_run();
}
