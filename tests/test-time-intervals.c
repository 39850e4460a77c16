/* Tests of intervals with open and unknown ends: parsing valid and invalid
 * texts (tables, one g_test case per row), formatting and the round trip,
 * undated and valid intervals, ordering and equality, random texts, the
 * present open ends run to, and EDTF. */
#include "time-test.h"

#include <string.h>

/* ---- intervals: parsing and formatting ---- */

typedef struct {
  const char *name;
  const char *text;
  const char *start; ///< ISO, or NULL: unknown
  const char *end;   ///< ISO, or NULL: see end_bound
  int         end_bound;
  gboolean    is_point;
  const char *human;
  const char *iso;
} IntervalRow;

// clang-format off
static const IntervalRow valid_intervals[] = {
  { "point-day", "2012-05-04", "2012-05-04", "2012-05-04", AZKB_BOUND_DATE, TRUE, "4 May 2012", "2012-05-04" },
  { "point-month", "1994-09", "1994-09", "1994-09", AZKB_BOUND_DATE, TRUE, "September 1994", "1994-09" },
  { "point-year", "2012", "2012", "2012", AZKB_BOUND_DATE, TRUE, "2012", "2012" },
  { "years", "2003..2005", "2003", "2005", AZKB_BOUND_DATE, FALSE, "2003\u20132005", "2003..2005" },
  { "same-year", "2019..2019", "2019", "2019", AZKB_BOUND_DATE, FALSE, "2019", "2019..2019" },
  { "same-day", "2012-05-04..2012-05-04", "2012-05-04", "2012-05-04", AZKB_BOUND_DATE, FALSE, "4 May 2012", "2012-05-04..2012-05-04" },
  { "mixed-precision", "2012-05-04..2013", "2012-05-04", "2013", AZKB_BOUND_DATE, FALSE, "4 May 2012 \u2013 2013", "2012-05-04..2013" },
  { "months", "1994-09..1995-01", "1994-09", "1995-01", AZKB_BOUND_DATE, FALSE, "September 1994 \u2013 January 1995", "1994-09..1995-01" },
  { "inside-year", "2012-06..2012", "2012-06", "2012", AZKB_BOUND_DATE, FALSE, "June 2012 \u2013 2012", "2012-06..2012" },
  { "open-end", "1999..", "1999", NULL, AZKB_BOUND_OPEN, FALSE, "since 1999", "1999.." },
  { "open-end-day", "2012-05-04..", "2012-05-04", NULL, AZKB_BOUND_OPEN, FALSE, "since 4 May 2012", "2012-05-04.." },
  { "unknown-start", "..2005", NULL, "2005", AZKB_BOUND_DATE, FALSE, "until 2005", "..2005" },
  { "unknown-end", "1999/", "1999", NULL, AZKB_BOUND_UNKNOWN, FALSE, "from 1999", "1999/" },
  { "at-present", "..", NULL, NULL, AZKB_BOUND_OPEN, FALSE, "at present", ".." },
  { "slash", "2003/2005", "2003", "2005", AZKB_BOUND_DATE, FALSE, "2003\u20132005", "2003..2005" },
  { "slash-open-end", "1999/..", "1999", NULL, AZKB_BOUND_OPEN, FALSE, "since 1999", "1999.." },
  { "slash-unknown-start", "/2005", NULL, "2005", AZKB_BOUND_DATE, FALSE, "until 2005", "..2005" },
  { "slash-at-present", "/..", NULL, NULL, AZKB_BOUND_OPEN, FALSE, "at present", ".." },
  { "trimmed", "  2003..2005\t", "2003", "2005", AZKB_BOUND_DATE, FALSE, "2003\u20132005", "2003..2005" },
};
// clang-format on

static void
check_bound(guint8 bound, const AzkbDate *date, const char *iso)
{
  if (iso == NULL) {
    g_assert_cmpint(bound, !=, AZKB_BOUND_DATE);
    g_assert_cmpint(date->precision, ==, AZKB_PRECISION_NONE);
  } else {
    g_autofree char *text = azkb_date_to_string(date, AZKB_TIME_STYLE_ISO);

    g_assert_cmpint(bound, ==, AZKB_BOUND_DATE);
    g_assert_cmpstr(text, ==, iso);
  }
}

static void
test_interval_parse_valid(gconstpointer data)
{
  const IntervalRow *row      = data;
  AzkbInterval       interval = interval_of(row->text);
  AzkbInterval       again;
  g_autofree char   *human = NULL;
  g_autofree char   *iso   = NULL;

  g_assert_cmpint(interval.start_bound,
                  ==,
                  row->start != NULL ? AZKB_BOUND_DATE : AZKB_BOUND_UNKNOWN);
  check_bound(interval.start_bound, &interval.start, row->start);
  g_assert_cmpint(interval.end_bound, ==, row->end_bound);
  check_bound(interval.end_bound, &interval.end, row->end);
  g_assert_cmpint(interval.is_point, ==, row->is_point);
  g_assert_false(azkb_interval_is_undated(&interval));

  human = azkb_interval_to_string(&interval, AZKB_TIME_STYLE_HUMAN);
  iso   = azkb_interval_to_string(&interval, AZKB_TIME_STYLE_ISO);
  g_assert_cmpstr(human, ==, row->human);
  g_assert_cmpstr(iso, ==, row->iso);

  /* Round trip: the ISO text parses back to the very same interval. */
  again = interval_of(iso);
  g_assert_true(azkb_interval_equal(&interval, &again));
  g_assert_cmpint(azkb_interval_compare(&interval, &again), ==, 0);
}

typedef struct {
  const char *name;
  const char *text;
  int         code;
  const char *message;
} BadIntervalRow;

// clang-format off
static const BadIntervalRow invalid_intervals[] = {
  { "start-after-end", "2022..2019", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"2022..2019\": the start 2022 is after the end 2019" },
  { "month-after-month", "2012-06..2012-05", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"2012-06..2012-05\": the start 2012-06 is after the end 2012-05" },
  { "day-after-day", "2012-05-05/2012-05-04", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"2012-05-05/2012-05-04\": the start 2012-05-05 is after the end 2012-05-04" },
  { "empty", "", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"\": no date or interval given" },
  { "blank", " ", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \" \": no date or interval given" },
  { "no-bounds", "/", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"/\": an interval needs a start or an end" },
  { "open-start", "../2005", AZKB_TIME_ERROR_INVALID_INTERVAL, "invalid time \"../2005\": an open start is not supported; write \"/B\" or \"..B\" for an unknown start" },
  { "bad-start", "2021-02-29..2022", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2021-02-29..2022\": February 2021 has 28 days" },
  { "bad-end", "2020..2021-02-29", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2020..2021-02-29\": February 2021 has 28 days" },
  { "bad-month", "2012-13-01", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2012-13-01\": there is no month 13" },
  { "bad-year", "99999..", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"99999..\": the year 99999 is outside 1..9999" },
  { "one-digit-month", "2012-5..2013", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2012-5..2013\": the month \"5\" must have two digits" },
  { "three-parts", "1999..2005..2007", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"1999..2005..2007\": unexpected \"..2007\" after the date" },
  { "three-dots", "1999...2005", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"1999...2005\": a date starts with a four-digit year" },
  { "spaced", "1999 .. 2005", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"1999 .. 2005\": unexpected \" \" after the date" },
  { "trailing-junk", "2003..2005!", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2003..2005!\": unexpected \"!\" after the date" },
  { "en-dash", "2003\u20132005", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2003\u20132005\": unexpected \"\u20132005\" after the date; write .. between a start and an end" },
  { "hyphen-years", "2003-2005", AZKB_TIME_ERROR_INVALID_DATE, "invalid time \"2003-2005\": the month \"2005\" must have two digits; write 2003..2005 for a span of years" },
};
// clang-format on

static void
test_interval_parse_invalid(gconstpointer data)
{
  const BadIntervalRow *row = data;
  g_autoptr(GError) error   = NULL;
  AzkbInterval interval     = { 0 };

  interval.is_point = 7;
  g_assert_false(azkb_interval_parse(row->text, &interval, &error));
  g_assert_error(error, AZKB_TIME_ERROR, row->code);
  g_assert_cmpstr(error->message, ==, row->message);
  g_assert_cmpint(interval.is_point, ==, 7);
}

/* Every combination of bounds over dates of each precision formats to ISO
 * text that parses back to an equal interval. */
static void
test_interval_round_trip(void)
{
  static const char *const dates[] = {
    "0001", "1999", "2012-05", "2012-05-04", "2024-02-29", "9999-12-31",
  };
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
    AzkbDate     start = date_of(dates[i]);
    AzkbInterval candidates[4];

    candidates[0] = azkb_interval_point(&start);
    candidates[1] = azkb_interval_since(&start);
    candidates[2] = azkb_interval_make(&start, NULL);
    candidates[3] = azkb_interval_make(NULL, &start);
    for (guint j = 0; j < G_N_ELEMENTS(candidates); j++) {
      g_autofree char *iso =
        azkb_interval_to_string(&candidates[j], AZKB_TIME_STYLE_ISO);
      AzkbInterval again = interval_of(iso);

      g_assert_true(azkb_interval_equal(&candidates[j], &again));
      checked++;
    }
    for (guint k = i; k < G_N_ELEMENTS(dates); k++) {
      AzkbDate         end      = date_of(dates[k]);
      AzkbInterval     interval = azkb_interval_make(&start, &end);
      g_autofree char *iso =
        azkb_interval_to_string(&interval, AZKB_TIME_STYLE_ISO);
      AzkbInterval again = interval_of(iso);

      g_assert_true(azkb_interval_equal(&interval, &again));
      checked++;
    }
  }
  g_assert_cmpuint(checked, ==, 6 * 4 + 6 * 7 / 2);
}

static void
test_interval_undated(void)
{
  AzkbInterval     undated = { 0 };
  AzkbInterval     year    = interval_of("2012");
  AzkbInterval     present = interval_of("..");
  g_autofree char *human =
    azkb_interval_to_string(&undated, AZKB_TIME_STYLE_HUMAN);
  g_autofree char *iso = azkb_interval_to_string(&undated, AZKB_TIME_STYLE_ISO);
  gint32           first = -1, last = -1;

  g_assert_true(azkb_interval_is_valid(&undated));
  g_assert_true(azkb_interval_is_undated(&undated));
  g_assert_false(azkb_interval_is_undated(&present));
  g_assert_cmpstr(human, ==, "");
  g_assert_cmpstr(iso, ==, "");
  g_assert_false(azkb_interval_span(&undated, &first, &last));
  g_assert_cmpint(first, ==, -1);
  g_assert_false(azkb_interval_overlaps(&undated, &year));
  g_assert_false(azkb_interval_overlaps(&year, &undated));
  g_assert_false(azkb_interval_overlaps(&undated, &undated));
  g_assert_false(azkb_interval_overlaps(&undated, &present));
  undated = azkb_interval_make(NULL, NULL);
  g_assert_true(azkb_interval_is_undated(&undated));
}

static void
test_interval_is_valid(void)
{
  AzkbDate     day = date_of("2012-05-04");
  AzkbDate     bad = azkb_date_make(2021, 2, 29);
  AzkbInterval interval;

  interval = azkb_interval_point(&day);
  g_assert_true(azkb_interval_is_valid(&interval));
  interval.end = date_of("2012-05-05");
  g_assert_false(azkb_interval_is_valid(&interval)); /* point, start != end */
  interval.is_point = FALSE;
  g_assert_true(azkb_interval_is_valid(&interval));

  interval = azkb_interval_make(&bad, NULL);
  g_assert_false(azkb_interval_is_valid(&interval));

  interval             = azkb_interval_since(&day);
  interval.start_bound = AZKB_BOUND_OPEN; /* a start is never open */
  g_assert_false(azkb_interval_is_valid(&interval));

  interval     = azkb_interval_since(&day);
  interval.end = day; /* an open end carries no date */
  g_assert_false(azkb_interval_is_valid(&interval));

  interval           = azkb_interval_make(&day, &day);
  interval.end_bound = 9;
  g_assert_false(azkb_interval_is_valid(&interval));

  interval     = azkb_interval_make(&day, &day);
  interval.end = date_of("2012-05-03");
  g_assert_false(azkb_interval_is_valid(&interval));

  interval = azkb_interval_since(NULL);
  g_assert_true(azkb_interval_is_valid(&interval));
  g_assert_cmpint(interval.start_bound, ==, AZKB_BOUND_UNKNOWN);
}

/* ---- ordering and equality ---- */

static void
test_interval_compare(void)
{
  /* In the expected order; the undated interval comes last. */
  static const char *const sorted[] = {
    "..1999",     "1999",    "1999..2000",  "1999..",     "2003", "2003..2003",
    "2003..2005", "2003-05", "2012-05-04/", "2012-05-04", "..",
  };
  AzkbInterval intervals[G_N_ELEMENTS(sorted) + 1];
  const guint  n   = G_N_ELEMENTS(intervals);
  AzkbDate     now = date_of("2024-06-01");

  for (guint i = 0; i < G_N_ELEMENTS(sorted); i++)
    intervals[i] = interval_of(sorted[i]);
  intervals[n - 1] = azkb_interval_make(NULL, NULL);

  for (guint i = 0; i < n; i++) {
    for (guint j = 0; j < n; j++) {
      int expected = (i > j) - (i < j);
      int order = azkb_interval_compare_at(&intervals[i], &intervals[j], &now);

      if ((order > 0) - (order < 0) != expected)
        g_error("compare (%s, %s) = %d, expected %d",
                i < n - 1 ? sorted[i] : "undated",
                j < n - 1 ? sorted[j] : "undated",
                order,
                expected);
      g_assert_cmpint(
        azkb_interval_equal(&intervals[i], &intervals[j]), ==, i == j);
    }
  }
}

static void
test_interval_equal(void)
{
  AzkbInterval point = interval_of("2019");
  AzkbInterval same  = interval_of("2019..2019");
  AzkbInterval jan   = interval_of("2019-01");
  AzkbInterval since = interval_of("2019..");
  AzkbInterval from  = interval_of("2019/");
  AzkbInterval again = interval_of(" 2019 ");

  g_assert_true(azkb_interval_equal(&point, &again));
  g_assert_false(azkb_interval_equal(&point, &same));
  g_assert_false(azkb_interval_equal(&point, &jan));
  g_assert_false(azkb_interval_equal(&since, &from));
  /* A point and a one-year interval hold over the same days. */
  g_assert_cmpint(azkb_interval_allen(&point, &same), ==, AZKB_ALLEN_EQUALS);
}

/* ---- random texts ---- */

/* Texts built from the characters of the syntax, mostly near-misses: each
 * is either accepted, valid and round-tripped, or rejected with exactly one
 * error of the time domain whose message quotes it.  The seed is printed
 * with --verbose; rerun with --seed to repeat a failure. */
static void
test_parse_random(void)
{
  static const char *const pieces[] = {
    "2012", "1999", "0000", "9999", "-", "05", "13", "02", "29",
    "31",   "00",   "..",   "/",    " ", "1",  "x",  ".",  "\u2013",
  };
  guint accepted = 0, rejected = 0;

  for (int i = 0; i < 20000; i++) {
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GError) error = NULL;
    int          n          = g_test_rand_int_range(1, 7);
    AzkbInterval interval;

    for (int k = 0; k < n; k++)
      g_string_append(text,
                      pieces[g_test_rand_int_range(0, G_N_ELEMENTS(pieces))]);

    if (azkb_interval_parse(text->str, &interval, &error)) {
      g_autofree char *iso   = NULL;
      g_autofree char *human = NULL;
      AzkbInterval     again;

      g_assert_no_error(error);
      g_assert_true(azkb_interval_is_valid(&interval));
      iso   = azkb_interval_to_string(&interval, AZKB_TIME_STYLE_ISO);
      human = azkb_interval_to_string(&interval, AZKB_TIME_STYLE_HUMAN);
      g_assert_nonnull(human);
      g_assert_true(azkb_interval_parse(iso, &again, NULL));
      g_assert_true(azkb_interval_equal(&interval, &again));
      accepted++;
    } else {
      g_assert_nonnull(error);
      g_assert_true(error->domain == AZKB_TIME_ERROR);
      g_assert_true(g_str_has_prefix(error->message, "invalid time \""));
      g_assert_true(g_utf8_validate(error->message, -1, NULL));
      rejected++;
    }
  }
  /* The pieces make both outcomes common; a skewed run means a broken
   * generator, not a passing parser. */
  g_assert_cmpuint(accepted, >, 100);
  g_assert_cmpuint(rejected, >, 100);
}

/* ---- the present ---- */

/* The present a caller names is the one open ends run to; NULL and the
 * functions without `_at` take today, UTC. */
static void
test_present(void)
{
  g_autoptr(GDateTime) now = NULL;
  AzkbDate     fixed       = date_of("2024-06-01");
  AzkbDate     year        = date_of("2030");
  AzkbInterval at_present  = interval_of("/..");
  AzkbInterval since       = interval_of("2020..");
  AzkbDate     present;
  gint32       first, last, today_first, today_last;

  g_assert_true(azkb_interval_span_at(&at_present, &fixed, &first, &last));
  g_assert_cmpint(first, ==, azkb_date_first_day(&fixed));
  g_assert_cmpint(last, ==, azkb_date_last_day(&fixed));
  /* a present of year precision is the whole year */
  g_assert_true(azkb_interval_span_at(&at_present, &year, &first, &last));
  g_assert_cmpint(first, ==, azkb_date_first_day(&year));
  g_assert_cmpint(last, ==, azkb_date_last_day(&year));
  g_assert_true(azkb_interval_span_at(&since, &fixed, &first, &last));
  g_assert_cmpint(last, ==, azkb_date_last_day(&fixed));

  present = azkb_time_today();
  g_assert_true(azkb_interval_span(&at_present, &today_first, &today_last));
  g_assert_true(azkb_interval_span_at(&at_present, NULL, &first, &last));
  g_assert_cmpint(first, ==, today_first);
  g_assert_cmpint(last, ==, today_last);
  now = g_date_time_new_now_utc();
  g_assert_cmpint(present.precision, ==, AZKB_PRECISION_DAY);
  g_assert_true(azkb_date_is_valid(&present));
  /* Today in UTC, unless midnight passed between the two readings. */
  if (present.day == g_date_time_get_day_of_month(now)) {
    g_assert_cmpint(present.year, ==, g_date_time_get_year(now));
    g_assert_cmpint(present.month, ==, g_date_time_get_month(now));
  }
}

/* EDTF: a slash between the ends, empty for an unknown end, ".." for an
 * open one; a point is its date. */
static void
test_format_edtf(void)
{
  static const struct {
    const char *iso, *edtf;
  } cases[] = {
    { "2003..2005", "2003/2005" },
    { "1992-03-02..", "1992-03-02/.." },
    { "..2005", "/2005" },
    { "1999/", "1999/" },
    { "..", "/.." },
    { "2012-05-04", "2012-05-04" },
    { "1994-09", "1994-09" },
    { "2012-05..2013-02-01", "2012-05/2013-02-01" },
  };
  AzkbInterval     undated = { 0 };
  g_autofree char *empty =
    azkb_interval_to_string(&undated, AZKB_TIME_STYLE_EDTF);

  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    AzkbInterval     t;
    g_autofree char *text = NULL;

    g_assert_true(azkb_interval_parse(cases[i].iso, &t, NULL));
    text = azkb_interval_to_string(&t, AZKB_TIME_STYLE_EDTF);
    g_assert_cmpstr(text, ==, cases[i].edtf);
  }
  g_assert_cmpstr(empty, ==, "");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS(valid_intervals); i++)
    add_table_case("/time/interval/parse/valid",
                   valid_intervals[i].name,
                   &valid_intervals[i],
                   test_interval_parse_valid);
  for (guint i = 0; i < G_N_ELEMENTS(invalid_intervals); i++)
    add_table_case("/time/interval/parse/invalid",
                   invalid_intervals[i].name,
                   &invalid_intervals[i],
                   test_interval_parse_invalid);
  g_test_add_func("/time/interval/round-trip", test_interval_round_trip);
  g_test_add_func("/time/interval/undated", test_interval_undated);
  g_test_add_func("/time/interval/is-valid", test_interval_is_valid);
  g_test_add_func("/time/interval/compare", test_interval_compare);
  g_test_add_func("/time/interval/equal", test_interval_equal);
  g_test_add_func("/time/interval/parse/random", test_parse_random);
  g_test_add_func("/time/present", test_present);
  g_test_add_func("/time/interval/format/edtf", test_format_edtf);
  return g_test_run();
}
