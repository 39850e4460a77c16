/* azkb — dates of year, month or day precision on the proleptic Gregorian
 * calendar, and the day taken as "now".
 *
 * Day numbers are computed here rather than through GDate: the arithmetic is
 * a few lines, needs no allocation or validity dance, and the tests check it
 * against g_date_get_julian(), which uses the same numbering (1 = 0001-01-01).
 */
#include "src/util/tsan.h"
#include "time-private.h"

#include <string.h>

enum { MIN_YEAR = 1, MAX_YEAR = 9999, QUOTE_MAX = 60 };

static const char *const month_names[] = {
  "January", "February", "March",     "April",   "May",      "June",
  "July",    "August",   "September", "October", "November", "December",
};

static gboolean
is_leap_year(gint32 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
days_in_month(gint32 year, guint month)
{
  static const guint8 days[] = {
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
  };

  if (month == 2 && is_leap_year(year))
    return 29;
  return days[month - 1];
}

/* Days from 0001-01-01 up to, not including, the first day of @month. */
static gint32
days_before(gint32 year, guint month)
{
  static const guint16 before[] = { 0,   31,  59,  90,  120, 151,
                                    181, 212, 243, 273, 304, 334 };
  gint32               y        = year - 1;
  gint32               days;

  days = 365 * y + y / 4 - y / 100 + y / 400 + before[month - 1];
  if (month > 2 && is_leap_year(year))
    days++;
  return days;
}

gboolean
azkb_date_is_valid(const AzkbDate *date)
{
  g_return_val_if_fail(date != NULL, FALSE);

  if (date->year < MIN_YEAR || date->year > MAX_YEAR)
    return FALSE;
  switch ((AzkbPrecision)date->precision) {
    case AZKB_PRECISION_YEAR:
      return date->month == 0 && date->day == 0;
    case AZKB_PRECISION_MONTH:
      return date->month >= 1 && date->month <= 12 && date->day == 0;
    case AZKB_PRECISION_DAY:
      return date->month >= 1 && date->month <= 12 && date->day >= 1 &&
             date->day <= days_in_month(date->year, date->month);
    case AZKB_PRECISION_NONE:
    default:
      return FALSE;
  }
}

gint32
azkb_date_first_day(const AzkbDate *date)
{
  g_return_val_if_fail(date != NULL && azkb_date_is_valid(date), 0);

  switch ((AzkbPrecision)date->precision) {
    case AZKB_PRECISION_YEAR:
      return days_before(date->year, 1) + 1;
    case AZKB_PRECISION_MONTH:
      return days_before(date->year, date->month) + 1;
    case AZKB_PRECISION_DAY:
    case AZKB_PRECISION_NONE:
    default:
      return days_before(date->year, date->month) + date->day;
  }
}

gint32
azkb_date_last_day(const AzkbDate *date)
{
  g_return_val_if_fail(date != NULL && azkb_date_is_valid(date), 0);

  switch ((AzkbPrecision)date->precision) {
    case AZKB_PRECISION_YEAR:
      return days_before(date->year, 12) + 31;
    case AZKB_PRECISION_MONTH:
      return days_before(date->year, date->month) +
             (gint32)days_in_month(date->year, date->month);
    case AZKB_PRECISION_DAY:
    case AZKB_PRECISION_NONE:
    default:
      return days_before(date->year, date->month) + date->day;
  }
}

AzkbDate
azkb_date_make(gint32 year, guint month, guint day)
{
  AzkbDate date = { 0 };

  date.year      = year;
  date.month     = (guint8)MIN(month, G_MAXUINT8);
  date.day       = month == 0 ? 0 : (guint8)MIN(day, G_MAXUINT8);
  date.precision = month == 0 ? AZKB_PRECISION_YEAR
                   : day == 0 ? AZKB_PRECISION_MONTH
                              : AZKB_PRECISION_DAY;
  return date;
}

int
azkb_date_compare(const AzkbDate *a, const AzkbDate *b)
{
  gint32 a_first, b_first;

  g_return_val_if_fail(a != NULL && b != NULL, 0);

  a_first = azkb_date_first_day(a);
  b_first = azkb_date_first_day(b);
  if (a_first != b_first)
    return a_first < b_first ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  return 0;
}

gboolean
azkb_date_equal(const AzkbDate *a, const AzkbDate *b)
{
  g_return_val_if_fail(a != NULL && b != NULL, FALSE);

  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->precision == b->precision;
}

char *
azkb_date_to_string(const AzkbDate *date, AzkbTimeStyle style)
{
  g_return_val_if_fail(date != NULL && azkb_date_is_valid(date), NULL);

  if (style != AZKB_TIME_STYLE_HUMAN) {
    switch ((AzkbPrecision)date->precision) {
      case AZKB_PRECISION_YEAR:
        return g_strdup_printf("%04d", (int)date->year);
      case AZKB_PRECISION_MONTH:
        return g_strdup_printf(
          "%04d-%02u", (int)date->year, (unsigned)date->month);
      case AZKB_PRECISION_DAY:
      case AZKB_PRECISION_NONE:
      default:
        return g_strdup_printf("%04d-%02u-%02u",
                               (int)date->year,
                               (unsigned)date->month,
                               (unsigned)date->day);
    }
  }

  switch ((AzkbPrecision)date->precision) {
    case AZKB_PRECISION_YEAR:
      return g_strdup_printf("%d", (int)date->year);
    case AZKB_PRECISION_MONTH:
      return g_strdup_printf(
        "%s %d", month_names[date->month - 1], (int)date->year);
    case AZKB_PRECISION_DAY:
    case AZKB_PRECISION_NONE:
    default:
      return g_strdup_printf("%u %s %d",
                             (unsigned)date->day,
                             month_names[date->month - 1],
                             (int)date->year);
  }
}

/* ---- parsing ---- */

void
azkb_time_trim(const char *text, const char **out_start, gsize *out_length)
{
  const char *end = text + strlen(text);

  while (g_ascii_isspace(*text))
    text++;
  while (end > text && g_ascii_isspace(end[-1]))
    end--;
  *out_start  = text;
  *out_length = (gsize)(end - text);
}

char *
azkb_time_quote(const char *text)
{
  g_autofree char *exceptions = NULL;
  g_autofree char *escaped    = NULL;
  gsize            length     = strlen(text);
  const char      *ellipsis   = "";

  /* Keep UTF-8 readable; escape everything else so a message stays valid
   * UTF-8 and shows control characters. */
  if (g_utf8_validate(text, (gssize)length, NULL)) {
    exceptions = g_malloc(129);
    for (int i = 0; i < 128; i++)
      exceptions[i] = (char)(0x80 + i);
    exceptions[128] = '\0';
    if (length > QUOTE_MAX) {
      length =
        (gsize)(g_utf8_find_prev_char(text, text + QUOTE_MAX + 1) - text);
      ellipsis = "…";
    }
  } else if (length > QUOTE_MAX) {
    length   = QUOTE_MAX;
    ellipsis = "…";
  }

  {
    g_autofree char *cut = g_strndup(text, length);

    escaped = g_strescape(cut, exceptions);
  }
  return g_strdup_printf("\"%s%s\"", escaped, ellipsis);
}

static gsize
count_digits(const char *p, const char *end)
{
  gsize n = 0;

  while (p + n < end && g_ascii_isdigit(p[n]))
    n++;
  return n;
}

static guint
digits_value(const char *p, gsize n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint)(p[i] - '0');
  return value;
}

/* Parse a two-digit month or day at @p, after a '-'. */
static gboolean
parse_two_digits(const char *p,
                 const char *end,
                 const char *what,
                 guint      *out_value,
                 char      **out_reason)
{
  gsize n = count_digits(p, end);

  if (n == 0) {
    *out_reason = g_strdup_printf("expected a two-digit %s after \"-\"", what);
    return FALSE;
  }
  if (n != 2) {
    *out_reason = g_strdup_printf(
      "the %s \"%.*s\" must have two digits", what, (int)MIN(n, 20), p);
    return FALSE;
  }
  *out_value = digits_value(p, 2);
  return TRUE;
}

static gboolean
parse_year(const char *p, const char *end, gint32 *out_year, char **out_reason)
{
  gsize n = count_digits(p, end);

  if (n == 0) {
    *out_reason = g_strdup("a date starts with a four-digit year");
    return FALSE;
  }
  if (n == 8) {
    *out_reason = g_strdup_printf("write %.4s-%.2s-%.2s: the basic form "
                                  "without hyphens is not supported",
                                  p,
                                  p + 4,
                                  p + 6);
    return FALSE;
  }
  if (n > 4 || (n == 4 && digits_value(p, 4) < MIN_YEAR)) {
    *out_reason = g_strdup_printf("the year %.*s%s is outside %d..%d",
                                  (int)MIN(n, 20),
                                  p,
                                  n > 20 ? "…" : "",
                                  MIN_YEAR,
                                  MAX_YEAR);
    return FALSE;
  }
  if (n < 4) {
    *out_reason =
      g_strdup_printf("the year \"%.*s\" must have four digits", (int)n, p);
    return FALSE;
  }
  *out_year = (gint32)digits_value(p, 4);
  return TRUE;
}

gboolean
azkb_date_parse_part(const char *text,
                     gsize       length,
                     AzkbDate   *out_date,
                     char      **out_reason)
{
  const char *p    = text;
  const char *end  = text + length;
  AzkbDate    date = { 0 };
  guint       month, day;

  if (length == 0) {
    *out_reason = g_strdup("no date given");
    return FALSE;
  }
  if (!parse_year(p, end, &date.year, out_reason))
    return FALSE;
  p += 4;
  date.precision = AZKB_PRECISION_YEAR;

  if (p < end && *p == '-') {
    p++;
    /* "2003-2005" is a common way to write a span of years. */
    if (count_digits(p, end) == 4) {
      *out_reason = g_strdup_printf("the month \"%.4s\" must have two "
                                    "digits; write %04d..%.4s for a span of "
                                    "years",
                                    p,
                                    (int)date.year,
                                    p);
      return FALSE;
    }
    if (!parse_two_digits(p, end, "month", &month, out_reason))
      return FALSE;
    if (month < 1 || month > 12) {
      *out_reason = g_strdup_printf("there is no month %02u", month);
      return FALSE;
    }
    p += 2;
    date.month     = (guint8)month;
    date.precision = AZKB_PRECISION_MONTH;

    if (p < end && *p == '-') {
      p++;
      if (!parse_two_digits(p, end, "day", &day, out_reason))
        return FALSE;
      if (day < 1) {
        *out_reason = g_strdup("there is no day 00");
        return FALSE;
      }
      if (day > days_in_month(date.year, month)) {
        *out_reason = g_strdup_printf("%s %d has %u days",
                                      month_names[month - 1],
                                      (int)date.year,
                                      days_in_month(date.year, month));
        return FALSE;
      }
      p += 2;
      date.day       = (guint8)day;
      date.precision = AZKB_PRECISION_DAY;
    }
  }

  if (p < end) {
    g_autofree char *rest   = g_strndup(p, (gsize)(end - p));
    g_autofree char *quoted = azkb_time_quote(rest);

    /* A dash is how people write spans; say how azkb writes them. */
    *out_reason = g_strdup_printf("unexpected %s after the date%s",
                                  quoted,
                                  g_str_has_prefix(rest, "\u2013") ||
                                      g_str_has_prefix(rest, "\u2014")
                                    ? "; write .. between a start and an end"
                                    : "");
    return FALSE;
  }

  *out_date = date;
  return TRUE;
}

gboolean
azkb_date_parse(const char *text, AzkbDate *out_date, GError **error)
{
  g_autofree char *reason = NULL;
  const char      *start;
  gsize            length;
  AzkbDate         date;

  g_return_val_if_fail(text != NULL, FALSE);
  g_return_val_if_fail(out_date != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

  azkb_time_trim(text, &start, &length);
  if (!azkb_date_parse_part(start, length, &date, &reason)) {
    g_autofree char *quoted = azkb_time_quote(text);

    g_set_error(error,
                AZKB_TIME_ERROR,
                AZKB_TIME_ERROR_INVALID_DATE,
                "invalid date %s: %s",
                quoted,
                reason);
    return FALSE;
  }
  *out_date = date;
  return TRUE;
}

/* ---- today ---- */

G_LOCK_DEFINE_STATIC(today);
/* Today, cached per UTC day: a caller that leaves the present to today asks
 * on every overlap test with an open end, and building a GDateTime each
 * time would dominate a query. */
static AzkbDate today;
static gint64   today_epoch_day = G_MININT64;

AzkbDate
azkb_time_today(void)
{
  gint64   epoch_day = g_get_real_time() / G_USEC_PER_SEC / (24 * 60 * 60);
  AzkbDate result;

  G_LOCK(today);
  AZKB_TSAN_ACQUIRE(&today);
  if (epoch_day != today_epoch_day) {
    /* UTC, so that the same instant is the same day on every machine. */
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();

    today           = azkb_date_make(g_date_time_get_year(now),
                           (guint)g_date_time_get_month(now),
                           (guint)g_date_time_get_day_of_month(now));
    today_epoch_day = epoch_day;
  }
  result = today;
  AZKB_TSAN_RELEASE(&today);
  G_UNLOCK(today);
  return result;
}
