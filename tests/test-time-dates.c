/* Tests of dates with precision: day numbers (checked against GLib's
 * GDate, an independent implementation), leap years, parsing valid and
 * invalid texts, comparison and validity.  Most cases are rows of tables,
 * one g_test case per row. */
#include "time-test.h"

#include <string.h>

/* ---- dates: day numbers ---- */

static void
test_date_day_numbers(void)
{
  /* Every day of 1890..2110 (with 1900, 2000, 2100) and the first and last
   * day of every year, against GDate's julian days (1 = 0001-01-01). */
  for (gint32 year = 1; year <= 9999; year++) {
    gboolean dense = year >= 1890 && year <= 2110;

    for (guint month = 1; month <= 12; month++) {
      guint last = g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);

      for (guint day = 1; day <= last; day++) {
        AzkbDate d;

        if (!dense && !(month == 1 && day == 1) &&
            !(month == 12 && day == 31) && !(month == 3 && day == 1))
          continue;
        d = azkb_date_make(year, month, day);
        g_assert_true(azkb_date_is_valid(&d));
        g_assert_cmpint(
          azkb_date_first_day(&d), ==, gdate_day(year, month, day));
        g_assert_cmpint(azkb_date_last_day(&d), ==, azkb_date_first_day(&d));
      }
    }
  }
}

static void
test_date_precision_ranges(void)
{
  for (gint32 year = 1; year <= 9999; year += 7) {
    AzkbDate y = azkb_date_make(year, 0, 0);

    g_assert_cmpint(y.precision, ==, AZKB_PRECISION_YEAR);
    g_assert_cmpint(azkb_date_first_day(&y), ==, gdate_day(year, 1, 1));
    g_assert_cmpint(azkb_date_last_day(&y), ==, gdate_day(year, 12, 31));
    g_assert_cmpint(azkb_date_last_day(&y) - azkb_date_first_day(&y) + 1,
                    ==,
                    g_date_is_leap_year((GDateYear)year) ? 366 : 365);

    for (guint month = 1; month <= 12; month++) {
      AzkbDate m = azkb_date_make(year, month, 0);
      guint days = g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);

      g_assert_cmpint(m.precision, ==, AZKB_PRECISION_MONTH);
      g_assert_cmpint(azkb_date_first_day(&m), ==, gdate_day(year, month, 1));
      g_assert_cmpint(azkb_date_last_day(&m), ==, gdate_day(year, month, days));
    }
  }
}

typedef struct {
  gint32   year;
  gboolean leap;
} LeapRow;

static const LeapRow leap_rows[] = {
  { 2000, TRUE }, { 1900, FALSE }, { 2024, TRUE }, { 2021, FALSE },
  { 1600, TRUE }, { 2100, FALSE }, { 4, TRUE },    { 9996, TRUE },
  { 1, FALSE },   { 2023, FALSE },
};

static void
test_date_leap(gconstpointer data)
{
  const LeapRow   *row    = data;
  g_autofree char *text   = g_strdup_printf("%04d-02-29", (int)row->year);
  g_autoptr(GError) error = NULL;
  AzkbDate february       = azkb_date_make(row->year, 2, 0);
  AzkbDate year           = azkb_date_make(row->year, 0, 0);
  AzkbDate date;

  g_assert_cmpint(azkb_date_last_day(&february) -
                    azkb_date_first_day(&february) + 1,
                  ==,
                  row->leap ? 29 : 28);
  g_assert_cmpint(azkb_date_last_day(&year) - azkb_date_first_day(&year) + 1,
                  ==,
                  row->leap ? 366 : 365);

  if (row->leap) {
    g_assert_true(azkb_date_parse(text, &date, &error));
    g_assert_no_error(error);
    g_assert_cmpint(date.day, ==, 29);
  } else {
    g_autofree char *expected = g_strdup_printf(
      "invalid date \"%s\": February %d has 28 days", text, (int)row->year);

    g_assert_false(azkb_date_parse(text, &date, &error));
    g_assert_error(error, AZKB_TIME_ERROR, AZKB_TIME_ERROR_INVALID_DATE);
    g_assert_cmpstr(error->message, ==, expected);
  }
}

/* ---- dates: parsing ---- */

typedef struct {
  const char *name;
  const char *text;
  gint32      year;
  guint       month, day;
  int         precision;
  const char *iso;
  const char *human;
} DateRow;

// clang-format off
static const DateRow valid_dates[] = {
  { "year", "1999", 1999, 0, 0, AZKB_PRECISION_YEAR, "1999", "1999" },
  { "month", "1994-09", 1994, 9, 0, AZKB_PRECISION_MONTH, "1994-09", "September 1994" },
  { "day", "2012-05-04", 2012, 5, 4, AZKB_PRECISION_DAY, "2012-05-04", "4 May 2012" },
  { "leap-2000", "2000-02-29", 2000, 2, 29, AZKB_PRECISION_DAY, "2000-02-29", "29 February 2000" },
  { "leap-2024", "2024-02-29", 2024, 2, 29, AZKB_PRECISION_DAY, "2024-02-29", "29 February 2024" },
  { "first", "0001-01-01", 1, 1, 1, AZKB_PRECISION_DAY, "0001-01-01", "1 January 1" },
  { "last", "9999-12-31", 9999, 12, 31, AZKB_PRECISION_DAY, "9999-12-31", "31 December 9999" },
  { "short-year", "0999", 999, 0, 0, AZKB_PRECISION_YEAR, "0999", "999" },
  { "trimmed", " \t1999-12\n ", 1999, 12, 0, AZKB_PRECISION_MONTH, "1999-12", "December 1999" },
};
// clang-format on

static void
test_date_parse_valid(gconstpointer data)
{
  const DateRow *row      = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso    = NULL;
  g_autofree char *human  = NULL;
  AzkbDate         date, again;

  g_assert_true(azkb_date_parse(row->text, &date, &error));
  g_assert_no_error(error);
  g_assert_true(azkb_date_is_valid(&date));
  g_assert_cmpint(date.year, ==, row->year);
  g_assert_cmpuint(date.month, ==, row->month);
  g_assert_cmpuint(date.day, ==, row->day);
  g_assert_cmpint(date.precision, ==, row->precision);
  g_assert_cmpuint(date.reserved_, ==, 0);

  iso   = azkb_date_to_string(&date, AZKB_TIME_STYLE_ISO);
  human = azkb_date_to_string(&date, AZKB_TIME_STYLE_HUMAN);
  g_assert_cmpstr(iso, ==, row->iso);
  g_assert_cmpstr(human, ==, row->human);

  g_assert_true(azkb_date_parse(iso, &again, &error));
  g_assert_true(azkb_date_equal(&date, &again));
  g_assert_cmpint(azkb_date_compare(&date, &again), ==, 0);
}

typedef struct {
  const char *name;
  const char *text;
  const char *message;
} BadRow;

// clang-format off
static const BadRow invalid_dates[] = {
  { "feb-29-2021", "2021-02-29", "invalid date \"2021-02-29\": February 2021 has 28 days" },
  { "feb-29-1900", "1900-02-29", "invalid date \"1900-02-29\": February 1900 has 28 days" },
  { "feb-30-2000", "2000-02-30", "invalid date \"2000-02-30\": February 2000 has 29 days" },
  { "april-31", "2012-04-31", "invalid date \"2012-04-31\": April 2012 has 30 days" },
  { "day-32", "2012-01-32", "invalid date \"2012-01-32\": January 2012 has 31 days" },
  { "day-0", "2012-05-00", "invalid date \"2012-05-00\": there is no day 00" },
  { "month-13", "2012-13-01", "invalid date \"2012-13-01\": there is no month 13" },
  { "month-0", "2012-00", "invalid date \"2012-00\": there is no month 00" },
  { "year-5-digits", "99999", "invalid date \"99999\": the year 99999 is outside 1..9999" },
  { "year-0", "0000", "invalid date \"0000\": the year 0000 is outside 1..9999" },
  { "year-2-digits", "99", "invalid date \"99\": the year \"99\" must have four digits" },
  { "month-1-digit", "2012-5", "invalid date \"2012-5\": the month \"5\" must have two digits" },
  { "month-3-digits", "2012-123", "invalid date \"2012-123\": the month \"123\" must have two digits" },
  { "day-1-digit", "2012-05-4", "invalid date \"2012-05-4\": the day \"4\" must have two digits" },
  { "no-month", "2012-", "invalid date \"2012-\": expected a two-digit month after \"-\"" },
  { "no-day", "2012-05-", "invalid date \"2012-05-\": expected a two-digit day after \"-\"" },
  { "trailing-junk", "2012-05-04x", "invalid date \"2012-05-04x\": unexpected \"x\" after the date" },
  { "time-of-day", "2012-05-04T10:00", "invalid date \"2012-05-04T10:00\": unexpected \"T10:00\" after the date" },
  { "inner-space", "2012 -05", "invalid date \"2012 -05\": unexpected \" -05\" after the date" },
  { "slash-separated", "2012/05/04", "invalid date \"2012/05/04\": unexpected \"/05/04\" after the date" },
  { "control-char", "2012\001", "invalid date \"2012\\001\": unexpected \"\\001\" after the date" },
  { "not-utf8", "2012\xff", "invalid date \"2012\\377\": unexpected \"\\377\" after the date" },
  { "quote", "2012\"", "invalid date \"2012\\\"\": unexpected \"\\\"\" after the date" },
  { "empty", "", "invalid date \"\": no date given" },
  { "blank", "  ", "invalid date \"  \": no date given" },
  { "words", "May 2012", "invalid date \"May 2012\": a date starts with a four-digit year" },
  { "negative", "-0044", "invalid date \"-0044\": a date starts with a four-digit year" },
  { "basic-form", "20120504", "invalid date \"20120504\": write 2012-05-04: the basic form without hyphens is not supported" },
  { "many-digits", "123456789012345678901234567890", "invalid date \"123456789012345678901234567890\": the year 12345678901234567890… is outside 1..9999" },
};
// clang-format on

static void
test_date_parse_invalid(gconstpointer data)
{
  const BadRow *row       = data;
  g_autoptr(GError) error = NULL;
  AzkbDate date           = azkb_date_make(1234, 0, 0);

  g_assert_false(azkb_date_parse(row->text, &date, &error));
  g_assert_error(error, AZKB_TIME_ERROR, AZKB_TIME_ERROR_INVALID_DATE);
  g_assert_cmpstr(error->message, ==, row->message);
  g_assert_true(g_utf8_validate(error->message, -1, NULL));
  /* Nothing half-written on failure. */
  g_assert_cmpint(date.year, ==, 1234);
  g_assert_cmpint(date.precision, ==, AZKB_PRECISION_YEAR);
}

static void
test_date_parse_long_input(void)
{
  g_autoptr(GString) text   = g_string_new("2012");
  g_autoptr(GError) error   = NULL;
  g_autofree char *quoted   = NULL;
  g_autofree char *rest     = NULL;
  g_autofree char *expected = NULL;
  AzkbDate         date;

  for (int i = 0; i < 200; i++)
    g_string_append_c(text, 'x');
  /* Quotes are cut at 60 bytes, on a character boundary, with an ellipsis. */
  quoted   = g_strndup(text->str, 60);
  rest     = g_strndup(text->str + 4, 60);
  expected = g_strdup_printf("invalid date \"%s…\": unexpected \"%s…\" after "
                             "the date",
                             quoted,
                             rest);
  g_assert_false(azkb_date_parse(text->str, &date, &error));
  g_assert_error(error, AZKB_TIME_ERROR, AZKB_TIME_ERROR_INVALID_DATE);
  g_assert_cmpstr(error->message, ==, expected);
}

static void
test_date_parse_long_utf8(void)
{
  g_autoptr(GString) text = g_string_new("2012x");
  g_autoptr(GError) error = NULL;
  AzkbDate date;

  /* "é" is two bytes, and one spans bytes 59..60: the cut must not split
   * it. */
  for (int i = 0; i < 100; i++)
    g_string_append(text, "\u00e9");
  g_assert_false(azkb_date_parse(text->str, &date, &error));
  g_assert_error(error, AZKB_TIME_ERROR, AZKB_TIME_ERROR_INVALID_DATE);
  g_assert_true(g_utf8_validate(error->message, -1, NULL));
  g_assert_true(strstr(error->message, "\u00e9…\"") != NULL);
}

static void
test_date_compare(void)
{
  /* Sorted: by first day, then coarser precision first. */
  static const char *const sorted[] = {
    "1999",    "2012",       "2012-01",    "2012-01-01", "2012-01-02",
    "2012-02", "2012-02-29", "2012-03-01", "2013",       "2013-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS(sorted); i++) {
    for (guint j = 0; j < G_N_ELEMENTS(sorted); j++) {
      AzkbDate a        = date_of(sorted[i]);
      AzkbDate b        = date_of(sorted[j]);
      int      expected = (i > j) - (i < j);

      g_assert_cmpint(azkb_date_compare(&a, &b), ==, expected);
      g_assert_cmpint(azkb_date_equal(&a, &b), ==, i == j);
    }
  }
}

static void
test_date_is_valid(void)
{
  AzkbDate zero = { 0 };
  AzkbDate date;

  g_assert_false(azkb_date_is_valid(&zero));
  date = azkb_date_make(2021, 2, 29);
  g_assert_false(azkb_date_is_valid(&date));
  date = azkb_date_make(2020, 2, 29);
  g_assert_true(azkb_date_is_valid(&date));
  date = azkb_date_make(10000, 0, 0);
  g_assert_false(azkb_date_is_valid(&date));
  date = azkb_date_make(0, 0, 0);
  g_assert_false(azkb_date_is_valid(&date));
  date = azkb_date_make(2020, 13, 0);
  g_assert_false(azkb_date_is_valid(&date));
  /* Fields below the precision must be 0. */
  date     = azkb_date_make(2020, 5, 0);
  date.day = 3;
  g_assert_false(azkb_date_is_valid(&date));
  date           = azkb_date_make(2020, 5, 3);
  date.precision = AZKB_PRECISION_YEAR;
  g_assert_false(azkb_date_is_valid(&date));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/time/date/day-numbers", test_date_day_numbers);
  g_test_add_func("/time/date/precision-ranges", test_date_precision_ranges);
  for (guint i = 0; i < G_N_ELEMENTS(leap_rows); i++) {
    g_autofree char *name = g_strdup_printf("%d", (int)leap_rows[i].year);

    add_table_case("/time/date/leap", name, &leap_rows[i], test_date_leap);
  }
  for (guint i = 0; i < G_N_ELEMENTS(valid_dates); i++)
    add_table_case("/time/date/parse/valid",
                   valid_dates[i].name,
                   &valid_dates[i],
                   test_date_parse_valid);
  for (guint i = 0; i < G_N_ELEMENTS(invalid_dates); i++)
    add_table_case("/time/date/parse/invalid",
                   invalid_dates[i].name,
                   &invalid_dates[i],
                   test_date_parse_invalid);
  g_test_add_func("/time/date/parse/long-input", test_date_parse_long_input);
  g_test_add_func("/time/date/parse/long-utf8", test_date_parse_long_utf8);
  g_test_add_func("/time/date/compare", test_date_compare);
  g_test_add_func("/time/date/is-valid", test_date_is_valid);
  return g_test_run();
}
