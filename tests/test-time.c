/* Tests of the time module: dates with precision, intervals with open and
 * unknown ends, the valid-time rule, Allen's relations and formatting.
 *
 * Most cases are rows of tables, one g_test case per row.  Day numbers are
 * checked against GLib's GDate, an independent implementation. */
#include <azkb/time.h>
#include <string.h>

/* ---- helpers ---- */

static AzkbDate
date_of(const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbDate date;

  g_assert_true(azkb_date_parse(text, &date, &error));
  g_assert_no_error(error);
  return date;
}

static AzkbInterval
interval_of(const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbInterval interval;

  g_assert_true(azkb_interval_parse(text, &interval, &error));
  g_assert_no_error(error);
  g_assert_true(azkb_interval_is_valid(&interval));
  return interval;
}

/* "Now" as the `_at` functions take it: @present parsed into @buf, or
 * NULL (today) when @present is NULL. */
static const AzkbDate *
present_of(const char *present, AzkbDate *buf)
{
  if (present == NULL)
    return NULL;
  *buf = date_of(present);
  return buf;
}

static gint32
gdate_day(gint32 year, guint month, guint day)
{
  GDate date;

  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return (gint32)g_date_get_julian(&date);
}

static void
add_table_case(const char   *prefix,
               const char   *name,
               gconstpointer row,
               GTestDataFunc func)
{
  g_autofree char *path = g_strdup_printf("%s/%s", prefix, name);

  g_test_add_data_func(path, row, func);
}

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

static const DateRow valid_dates[] = {
  { "year", "1999", 1999, 0, 0, AZKB_PRECISION_YEAR, "1999", "1999" },
  { "month",
    "1994-09",
    1994,
    9,
    0,
    AZKB_PRECISION_MONTH,
    "1994-09",
    "September 1994" },
  { "day",
    "2012-05-04",
    2012,
    5,
    4,
    AZKB_PRECISION_DAY,
    "2012-05-04",
    "4 May 2012" },
  { "leap-2000",
    "2000-02-29",
    2000,
    2,
    29,
    AZKB_PRECISION_DAY,
    "2000-02-29",
    "29 February 2000" },
  { "leap-2024",
    "2024-02-29",
    2024,
    2,
    29,
    AZKB_PRECISION_DAY,
    "2024-02-29",
    "29 February 2024" },
  { "first",
    "0001-01-01",
    1,
    1,
    1,
    AZKB_PRECISION_DAY,
    "0001-01-01",
    "1 January 1" },
  { "last",
    "9999-12-31",
    9999,
    12,
    31,
    AZKB_PRECISION_DAY,
    "9999-12-31",
    "31 December 9999" },
  { "short-year", "0999", 999, 0, 0, AZKB_PRECISION_YEAR, "0999", "999" },
  { "trimmed",
    " \t1999-12\n ",
    1999,
    12,
    0,
    AZKB_PRECISION_MONTH,
    "1999-12",
    "December 1999" },
};

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

static const BadRow invalid_dates[] = {
  { "feb-29-2021",
    "2021-02-29",
    "invalid date \"2021-02-29\": February 2021 has 28 days" },
  { "feb-29-1900",
    "1900-02-29",
    "invalid date \"1900-02-29\": February 1900 has 28 days" },
  { "feb-30-2000",
    "2000-02-30",
    "invalid date \"2000-02-30\": February 2000 has 29 days" },
  { "april-31",
    "2012-04-31",
    "invalid date \"2012-04-31\": April 2012 has 30 days" },
  { "day-32",
    "2012-01-32",
    "invalid date \"2012-01-32\": January 2012 has 31 days" },
  { "day-0", "2012-05-00", "invalid date \"2012-05-00\": there is no day 00" },
  { "month-13",
    "2012-13-01",
    "invalid date \"2012-13-01\": there is no month 13" },
  { "month-0", "2012-00", "invalid date \"2012-00\": there is no month 00" },
  { "year-5-digits",
    "99999",
    "invalid date \"99999\": the year 99999 is outside 1..9999" },
  { "year-0",
    "0000",
    "invalid date \"0000\": the year 0000 is outside 1..9999" },
  { "year-2-digits",
    "99",
    "invalid date \"99\": the year \"99\" must have four digits" },
  { "month-1-digit",
    "2012-5",
    "invalid date \"2012-5\": the month \"5\" must have two digits" },
  { "month-3-digits",
    "2012-123",
    "invalid date \"2012-123\": the month \"123\" must have two digits" },
  { "day-1-digit",
    "2012-05-4",
    "invalid date \"2012-05-4\": the day \"4\" must have two digits" },
  { "no-month",
    "2012-",
    "invalid date \"2012-\": expected a two-digit month after \"-\"" },
  { "no-day",
    "2012-05-",
    "invalid date \"2012-05-\": expected a two-digit day after \"-\"" },
  { "trailing-junk",
    "2012-05-04x",
    "invalid date \"2012-05-04x\": unexpected \"x\" after the date" },
  { "time-of-day",
    "2012-05-04T10:00",
    "invalid date \"2012-05-04T10:00\": unexpected \"T10:00\" after the date" },
  { "inner-space",
    "2012 -05",
    "invalid date \"2012 -05\": unexpected \" -05\" after the date" },
  { "slash-separated",
    "2012/05/04",
    "invalid date \"2012/05/04\": unexpected \"/05/04\" after the date" },
  { "control-char",
    "2012\001",
    "invalid date \"2012\\001\": unexpected \"\\001\" after the date" },
  { "not-utf8",
    "2012\xff",
    "invalid date \"2012\\377\": unexpected \"\\377\" after the date" },
  { "quote",
    "2012\"",
    "invalid date \"2012\\\"\": unexpected \"\\\"\" after the date" },
  { "empty", "", "invalid date \"\": no date given" },
  { "blank", "  ", "invalid date \"  \": no date given" },
  { "words",
    "May 2012",
    "invalid date \"May 2012\": a date starts with a four-digit year" },
  { "negative",
    "-0044",
    "invalid date \"-0044\": a date starts with a four-digit year" },
  { "basic-form",
    "20120504",
    "invalid date \"20120504\": write 2012-05-04: the basic form without "
    "hyphens is not supported" },
  { "many-digits",
    "123456789012345678901234567890",
    "invalid date \"123456789012345678901234567890\": the year "
    "12345678901234567890… is outside 1..9999" },
};

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

static const IntervalRow valid_intervals[] = {
  { "point-day",
    "2012-05-04",
    "2012-05-04",
    "2012-05-04",
    AZKB_BOUND_DATE,
    TRUE,
    "4 May 2012",
    "2012-05-04" },
  { "point-month",
    "1994-09",
    "1994-09",
    "1994-09",
    AZKB_BOUND_DATE,
    TRUE,
    "September 1994",
    "1994-09" },
  { "point-year",
    "2012",
    "2012",
    "2012",
    AZKB_BOUND_DATE,
    TRUE,
    "2012",
    "2012" },
  { "years",
    "2003..2005",
    "2003",
    "2005",
    AZKB_BOUND_DATE,
    FALSE,
    "2003\u20132005",
    "2003..2005" },
  { "same-year",
    "2019..2019",
    "2019",
    "2019",
    AZKB_BOUND_DATE,
    FALSE,
    "2019",
    "2019..2019" },
  { "same-day",
    "2012-05-04..2012-05-04",
    "2012-05-04",
    "2012-05-04",
    AZKB_BOUND_DATE,
    FALSE,
    "4 May 2012",
    "2012-05-04..2012-05-04" },
  { "mixed-precision",
    "2012-05-04..2013",
    "2012-05-04",
    "2013",
    AZKB_BOUND_DATE,
    FALSE,
    "4 May 2012 \u2013 2013",
    "2012-05-04..2013" },
  { "months",
    "1994-09..1995-01",
    "1994-09",
    "1995-01",
    AZKB_BOUND_DATE,
    FALSE,
    "September 1994 \u2013 January 1995",
    "1994-09..1995-01" },
  { "inside-year",
    "2012-06..2012",
    "2012-06",
    "2012",
    AZKB_BOUND_DATE,
    FALSE,
    "June 2012 \u2013 2012",
    "2012-06..2012" },
  { "open-end",
    "1999..",
    "1999",
    NULL,
    AZKB_BOUND_OPEN,
    FALSE,
    "since 1999",
    "1999.." },
  { "open-end-day",
    "2012-05-04..",
    "2012-05-04",
    NULL,
    AZKB_BOUND_OPEN,
    FALSE,
    "since 4 May 2012",
    "2012-05-04.." },
  { "unknown-start",
    "..2005",
    NULL,
    "2005",
    AZKB_BOUND_DATE,
    FALSE,
    "until 2005",
    "..2005" },
  { "unknown-end",
    "1999/",
    "1999",
    NULL,
    AZKB_BOUND_UNKNOWN,
    FALSE,
    "from 1999",
    "1999/" },
  { "at-present",
    "..",
    NULL,
    NULL,
    AZKB_BOUND_OPEN,
    FALSE,
    "at present",
    ".." },
  { "slash",
    "2003/2005",
    "2003",
    "2005",
    AZKB_BOUND_DATE,
    FALSE,
    "2003\u20132005",
    "2003..2005" },
  { "slash-open-end",
    "1999/..",
    "1999",
    NULL,
    AZKB_BOUND_OPEN,
    FALSE,
    "since 1999",
    "1999.." },
  { "slash-unknown-start",
    "/2005",
    NULL,
    "2005",
    AZKB_BOUND_DATE,
    FALSE,
    "until 2005",
    "..2005" },
  { "slash-at-present",
    "/..",
    NULL,
    NULL,
    AZKB_BOUND_OPEN,
    FALSE,
    "at present",
    ".." },
  { "trimmed",
    "  2003..2005\t",
    "2003",
    "2005",
    AZKB_BOUND_DATE,
    FALSE,
    "2003\u20132005",
    "2003..2005" },
};

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

static const BadIntervalRow invalid_intervals[] = {
  { "start-after-end",
    "2022..2019",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"2022..2019\": the start 2022 is after the end 2019" },
  { "month-after-month",
    "2012-06..2012-05",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"2012-06..2012-05\": the start 2012-06 is after the end "
    "2012-05" },
  { "day-after-day",
    "2012-05-05/2012-05-04",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"2012-05-05/2012-05-04\": the start 2012-05-05 is after "
    "the end 2012-05-04" },
  { "empty",
    "",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"\": no date or interval given" },
  { "blank",
    " ",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \" \": no date or interval given" },
  { "no-bounds",
    "/",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"/\": an interval needs a start or an end" },
  { "open-start",
    "../2005",
    AZKB_TIME_ERROR_INVALID_INTERVAL,
    "invalid time \"../2005\": an open start is not supported; write \"/B\" "
    "or \"..B\" for an unknown start" },
  { "bad-start",
    "2021-02-29..2022",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2021-02-29..2022\": February 2021 has 28 days" },
  { "bad-end",
    "2020..2021-02-29",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2020..2021-02-29\": February 2021 has 28 days" },
  { "bad-month",
    "2012-13-01",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2012-13-01\": there is no month 13" },
  { "bad-year",
    "99999..",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"99999..\": the year 99999 is outside 1..9999" },
  { "one-digit-month",
    "2012-5..2013",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2012-5..2013\": the month \"5\" must have two digits" },
  { "three-parts",
    "1999..2005..2007",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"1999..2005..2007\": unexpected \"..2007\" after the "
    "date" },
  { "three-dots",
    "1999...2005",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"1999...2005\": a date starts with a four-digit year" },
  { "spaced",
    "1999 .. 2005",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"1999 .. 2005\": unexpected \" \" after the date" },
  { "trailing-junk",
    "2003..2005!",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2003..2005!\": unexpected \"!\" after the date" },
  { "en-dash",
    "2003\u20132005",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2003\u20132005\": unexpected \"\u20132005\" after the "
    "date; write .. between a start and an end" },
  { "hyphen-years",
    "2003-2005",
    AZKB_TIME_ERROR_INVALID_DATE,
    "invalid time \"2003-2005\": the month \"2005\" must have two digits; "
    "write 2003..2005 for a span of years" },
};

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

/* ---- the valid-time rule ---- */

typedef struct {
  const char *name;
  const char *interval;
  const char *present; ///< NULL: not needed
  const char *first;   ///< ISO day, or NULL: undated
  const char *last;
} SpanRow;

static const SpanRow span_rows[] = {
  { "year", "2012", NULL, "2012-01-01", "2012-12-31" },
  { "month", "2012-02", NULL, "2012-02-01", "2012-02-29" },
  { "years", "2003..2005", NULL, "2003-01-01", "2005-12-31" },
  { "open-end", "1999..", "2024-06-01", "1999-01-01", "2024-06-01" },
  { "open-end-year-present", "1999..", "2024", "1999-01-01", "2024-12-31" },
  { "open-end-future-start",
    "2030..",
    "2024-06-01",
    "2030-01-01",
    "2030-12-31" },
  { "unknown-end", "1999-05/", NULL, "1999-05-01", "1999-05-31" },
  { "unknown-start", "..2005", NULL, "2005-01-01", "2005-12-31" },
  { "at-present", "..", "2024-06-01", "2024-06-01", "2024-06-01" },
};

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

static const AllenRow allen_rows[] = {
  { "before", "2001", "2003", NULL, AZKB_ALLEN_BEFORE },
  { "before-by-a-day", "2005-12-30", "2006-01-01", NULL, AZKB_ALLEN_BEFORE },
  { "meets", "2001", "2002", NULL, AZKB_ALLEN_MEETS },
  { "meets-adjacent-days", "2005-12-31", "2006-01-01", NULL, AZKB_ALLEN_MEETS },
  { "overlaps", "2001..2003", "2002..2004", NULL, AZKB_ALLEN_OVERLAPS },
  { "overlaps-one-day",
    "2003..2005",
    "2005-12-31..2007",
    NULL,
    AZKB_ALLEN_OVERLAPS },
  { "starts", "2001", "2001..2003", NULL, AZKB_ALLEN_STARTS },
  { "during", "2012-05-04", "2012", NULL, AZKB_ALLEN_DURING },
  { "finishes", "2003", "2001..2003", NULL, AZKB_ALLEN_FINISHES },
  { "equals", "2012", "2012-01-01..2012-12-31", NULL, AZKB_ALLEN_EQUALS },
  { "equals-same-day", "2012-05-04", "2012-05-04", NULL, AZKB_ALLEN_EQUALS },
  { "finished-by",
    "1999..",
    "2020..2024-06-01",
    "2024-06-01",
    AZKB_ALLEN_FINISHED_BY },
  { "contains", "2003..2005", "2004-07", NULL, AZKB_ALLEN_CONTAINS },
  { "started-by", "2012", "2012-01", NULL, AZKB_ALLEN_STARTED_BY },
  { "overlapped-by",
    "2002..2004",
    "2001..2003",
    NULL,
    AZKB_ALLEN_OVERLAPPED_BY },
  { "met-by", "2006", "..2005", NULL, AZKB_ALLEN_MET_BY },
  { "after", "2024", "1999/", NULL, AZKB_ALLEN_AFTER },
  { "at-present-finishes", "..", "1999..", "2024-06-01", AZKB_ALLEN_FINISHES },
};

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
  g_test_add_func("/time/interval/compare", test_interval_compare);
  g_test_add_func("/time/interval/equal", test_interval_equal);
  g_test_add_func("/time/interval/parse/random", test_parse_random);
  g_test_add_func("/time/present", test_present);
  g_test_add_func("/time/interval/format/edtf", test_format_edtf);

  return g_test_run();
}
