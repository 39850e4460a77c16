/* azkb — intervals of valid time: parsing, spans, overlap, Allen relations,
 * ordering and formatting.  Every relation is decided on spans, the closed
 * ranges of day numbers given by azkb_interval_span(). */
#include "time-private.h"

#include <string.h>

static const char *const allen_names[] = {
  [AZKB_ALLEN_BEFORE]        = "before",
  [AZKB_ALLEN_MEETS]         = "meets",
  [AZKB_ALLEN_OVERLAPS]      = "overlaps",
  [AZKB_ALLEN_STARTS]        = "starts",
  [AZKB_ALLEN_DURING]        = "during",
  [AZKB_ALLEN_FINISHES]      = "finishes",
  [AZKB_ALLEN_EQUALS]        = "equals",
  [AZKB_ALLEN_FINISHED_BY]   = "finished-by",
  [AZKB_ALLEN_CONTAINS]      = "contains",
  [AZKB_ALLEN_STARTED_BY]    = "started-by",
  [AZKB_ALLEN_OVERLAPPED_BY] = "overlapped-by",
  [AZKB_ALLEN_MET_BY]        = "met-by",
  [AZKB_ALLEN_AFTER]         = "after",
};

/* ---- construction ---- */

AzkbInterval
azkb_interval_make(const AzkbDate *start, const AzkbDate *end)
{
  AzkbInterval interval = { 0 };

  if (start != NULL) {
    interval.start       = *start;
    interval.start_bound = AZKB_BOUND_DATE;
  }
  if (end != NULL) {
    interval.end       = *end;
    interval.end_bound = AZKB_BOUND_DATE;
  }
  return interval;
}

AzkbInterval
azkb_interval_since(const AzkbDate *start)
{
  AzkbInterval interval = azkb_interval_make(start, NULL);

  interval.end_bound = AZKB_BOUND_OPEN;
  return interval;
}

AzkbInterval
azkb_interval_point(const AzkbDate *date)
{
  AzkbInterval interval;

  g_return_val_if_fail(date != NULL, azkb_interval_make(NULL, NULL));

  interval          = azkb_interval_make(date, date);
  interval.is_point = TRUE;
  return interval;
}

/* ---- properties ---- */

gboolean
azkb_interval_is_undated(const AzkbInterval *interval)
{
  g_return_val_if_fail(interval != NULL, TRUE);

  return interval->start_bound == AZKB_BOUND_UNKNOWN &&
         interval->end_bound == AZKB_BOUND_UNKNOWN;
}

static gboolean
date_is_zero(const AzkbDate *date)
{
  return date->year == 0 && date->month == 0 && date->day == 0 &&
         date->precision == AZKB_PRECISION_NONE;
}

/* A bound without a date must carry a zero date, so that
 * azkb_interval_equal() compares only what is known. */
static gboolean
bound_is_valid(guint8 bound, const AzkbDate *date, gboolean may_be_open)
{
  switch ((AzkbBound)bound) {
    case AZKB_BOUND_DATE:
      return azkb_date_is_valid(date);
    case AZKB_BOUND_OPEN:
      return may_be_open && date_is_zero(date);
    case AZKB_BOUND_UNKNOWN:
      return date_is_zero(date);
    default:
      return FALSE;
  }
}

gboolean
azkb_interval_is_valid(const AzkbInterval *interval)
{
  g_return_val_if_fail(interval != NULL, FALSE);

  if (!bound_is_valid(interval->start_bound, &interval->start, FALSE) ||
      !bound_is_valid(interval->end_bound, &interval->end, TRUE))
    return FALSE;
  if (interval->is_point > 1)
    return FALSE;
  if (interval->is_point &&
      (interval->start_bound != AZKB_BOUND_DATE ||
       interval->end_bound != AZKB_BOUND_DATE ||
       !azkb_date_equal(&interval->start, &interval->end)))
    return FALSE;
  /* Consistent if some day of the start's range is not after some day of
   * the end's: "2012-06..2012" (ended later in 2012) is fine. */
  if (interval->start_bound == AZKB_BOUND_DATE &&
      interval->end_bound == AZKB_BOUND_DATE &&
      azkb_date_first_day(&interval->start) >
        azkb_date_last_day(&interval->end))
    return FALSE;
  return TRUE;
}

gboolean
azkb_interval_span(const AzkbInterval *interval,
                   gint32             *out_first_day,
                   gint32             *out_last_day)
{
  return azkb_interval_span_at(interval, NULL, out_first_day, out_last_day);
}

/* The present as a value: @present, or today when NULL. */
static AzkbDate
present_or_today(const AzkbDate *present)
{
  return present != NULL ? *present : azkb_time_today();
}

gboolean
azkb_interval_span_at(const AzkbInterval *interval,
                      const AzkbDate     *present,
                      gint32             *out_first_day,
                      gint32             *out_last_day)
{
  AzkbDate now;
  gint32   first, last;

  g_return_val_if_fail(interval != NULL, FALSE);

  if (interval->start_bound == AZKB_BOUND_DATE) {
    first = azkb_date_first_day(&interval->start);
    switch ((AzkbBound)interval->end_bound) {
      case AZKB_BOUND_DATE:
        last = azkb_date_last_day(&interval->end);
        break;
      case AZKB_BOUND_OPEN:
        /* A start after the present still holds over its own range. */
        now = present_or_today(present);
        last =
          MAX(azkb_date_last_day(&now), azkb_date_last_day(&interval->start));
        break;
      case AZKB_BOUND_UNKNOWN:
      default:
        last = azkb_date_last_day(&interval->start);
        break;
    }
  } else {
    switch ((AzkbBound)interval->end_bound) {
      case AZKB_BOUND_DATE:
        first = azkb_date_first_day(&interval->end);
        last  = azkb_date_last_day(&interval->end);
        break;
      case AZKB_BOUND_OPEN:
        now   = present_or_today(present);
        first = azkb_date_first_day(&now);
        last  = azkb_date_last_day(&now);
        break;
      case AZKB_BOUND_UNKNOWN:
      default:
        return FALSE;
    }
  }

  if (out_first_day != NULL)
    *out_first_day = first;
  if (out_last_day != NULL)
    *out_last_day = last;
  return TRUE;
}

/* ---- relations ---- */

gboolean
azkb_interval_overlaps(const AzkbInterval *a, const AzkbInterval *b)
{
  return azkb_interval_overlaps_at(a, b, NULL);
}

gboolean
azkb_interval_overlaps_at(const AzkbInterval *a,
                          const AzkbInterval *b,
                          const AzkbDate     *present)
{
  gint32 a_first, a_last, b_first, b_last;

  g_return_val_if_fail(a != NULL && b != NULL, FALSE);

  if (!azkb_interval_span_at(a, present, &a_first, &a_last) ||
      !azkb_interval_span_at(b, present, &b_first, &b_last))
    return FALSE;
  return a_first <= b_last && b_first <= a_last;
}

AzkbAllen
azkb_interval_allen(const AzkbInterval *a, const AzkbInterval *b)
{
  return azkb_interval_allen_at(a, b, NULL);
}

AzkbAllen
azkb_interval_allen_at(const AzkbInterval *a,
                       const AzkbInterval *b,
                       const AzkbDate     *present)
{
  gint32 as, ae, bs, be;

  g_return_val_if_fail(a != NULL && b != NULL, AZKB_ALLEN_EQUALS);
  if (!azkb_interval_span_at(a, present, &as, &ae) ||
      !azkb_interval_span_at(b, present, &bs, &be))
    g_return_val_if_reached(AZKB_ALLEN_EQUALS);
  return azkb_allen_of_spans(as, ae, bs, be);
}

AzkbAllen
azkb_allen_of_spans(gint32 as, gint32 ae, gint32 bs, gint32 be)
{
  /* Spans are closed ranges of days; make the ends exclusive so that
   * adjacent days (2003 and 2004) meet rather than come before. */
  ae++;
  be++;

  if (ae < bs)
    return AZKB_ALLEN_BEFORE;
  if (ae == bs)
    return AZKB_ALLEN_MEETS;
  if (be < as)
    return AZKB_ALLEN_AFTER;
  if (be == as)
    return AZKB_ALLEN_MET_BY;
  if (as == bs && ae == be)
    return AZKB_ALLEN_EQUALS;
  if (as == bs)
    return ae < be ? AZKB_ALLEN_STARTS : AZKB_ALLEN_STARTED_BY;
  if (ae == be)
    return as > bs ? AZKB_ALLEN_FINISHES : AZKB_ALLEN_FINISHED_BY;
  if (as > bs && ae < be)
    return AZKB_ALLEN_DURING;
  if (as < bs && ae > be)
    return AZKB_ALLEN_CONTAINS;
  return as < bs ? AZKB_ALLEN_OVERLAPS : AZKB_ALLEN_OVERLAPPED_BY;
}

const char *
azkb_allen_to_string(AzkbAllen relation)
{
  g_return_val_if_fail((guint)relation < G_N_ELEMENTS(allen_names), NULL);

  return allen_names[relation];
}

gboolean
azkb_allen_from_string(const char *name, AzkbAllen *out_relation)
{
  g_return_val_if_fail(name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS(allen_names); i++) {
    if (g_ascii_strcasecmp(name, allen_names[i]) == 0) {
      if (out_relation != NULL)
        *out_relation = (AzkbAllen)i;
      return TRUE;
    }
  }
  return FALSE;
}

static int
compare_int(gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_bound(guint8          a_bound,
              const AzkbDate *a,
              guint8          b_bound,
              const AzkbDate *b)
{
  if (a_bound != b_bound)
    return compare_int(a_bound, b_bound);
  if (a_bound == AZKB_BOUND_DATE)
    return azkb_date_compare(a, b);
  return 0;
}

int
azkb_interval_compare(const AzkbInterval *a, const AzkbInterval *b)
{
  return azkb_interval_compare_at(a, b, NULL);
}

int
azkb_interval_compare_at(const AzkbInterval *a,
                         const AzkbInterval *b,
                         const AzkbDate     *present)
{
  gint32 a_first = 0, a_last = 0, b_first = 0, b_last = 0;
  int    order;
  int    a_dated, b_dated;

  g_return_val_if_fail(a != NULL && b != NULL, 0);

  a_dated = azkb_interval_span_at(a, present, &a_first, &a_last);
  b_dated = azkb_interval_span_at(b, present, &b_first, &b_last);
  if (a_dated != b_dated)
    return a_dated ? -1 : 1;
  if (!a_dated)
    return 0;

  /* By span, then by what the bounds say, so that only equal intervals
   * compare equal. */
  if ((order = compare_int(a_first, b_first)) != 0 ||
      (order = compare_int(a_last, b_last)) != 0 ||
      (order = compare_bound(
         a->start_bound, &a->start, b->start_bound, &b->start)) != 0 ||
      (order = compare_bound(a->end_bound, &a->end, b->end_bound, &b->end)) !=
        0)
    return order;
  /* A point before the interval of the same days. */
  return compare_int(b->is_point, a->is_point);
}

gboolean
azkb_interval_equal(const AzkbInterval *a, const AzkbInterval *b)
{
  g_return_val_if_fail(a != NULL && b != NULL, FALSE);

  return a->start_bound == b->start_bound && a->end_bound == b->end_bound &&
         a->is_point == b->is_point && azkb_date_equal(&a->start, &b->start) &&
         azkb_date_equal(&a->end, &b->end);
}

/* ---- formatting ---- */

static char *
format_human(const AzkbInterval *interval)
{
  g_autofree char *start     = NULL;
  g_autofree char *end       = NULL;
  gboolean         has_start = interval->start_bound == AZKB_BOUND_DATE;

  if (has_start)
    start = azkb_date_to_string(&interval->start, AZKB_TIME_STYLE_HUMAN);

  switch ((AzkbBound)interval->end_bound) {
    case AZKB_BOUND_OPEN:
      return has_start ? g_strdup_printf("since %s", start)
                       : g_strdup("at present");
    case AZKB_BOUND_UNKNOWN:
      return has_start ? g_strdup_printf("from %s", start) : g_strdup("");
    case AZKB_BOUND_DATE:
    default:
      break;
  }

  end = azkb_date_to_string(&interval->end, AZKB_TIME_STYLE_HUMAN);
  if (!has_start)
    return g_strdup_printf("until %s", end);
  if (interval->is_point || azkb_date_equal(&interval->start, &interval->end))
    return g_steal_pointer(&end);
  /* An en dash; spaced when a side has spaces ("4 May 2012 – 2013"), as
   * style guides do, so the dash does not seem to bind "2012–2013". */
  if (strchr(start, ' ') != NULL || strchr(end, ' ') != NULL)
    return g_strdup_printf("%s \u2013 %s", start, end);
  return g_strdup_printf("%s\u2013%s", start, end);
}

static char *
format_iso(const AzkbInterval *interval)
{
  g_autofree char *start = NULL;
  g_autofree char *end   = NULL;

  if (interval->start_bound == AZKB_BOUND_DATE)
    start = azkb_date_to_string(&interval->start, AZKB_TIME_STYLE_ISO);
  if (interval->end_bound == AZKB_BOUND_DATE)
    end = azkb_date_to_string(&interval->end, AZKB_TIME_STYLE_ISO);

  if (interval->is_point)
    return g_steal_pointer(&start);
  switch ((AzkbBound)interval->end_bound) {
    case AZKB_BOUND_OPEN:
      return g_strdup_printf("%s..", start != NULL ? start : "");
    case AZKB_BOUND_UNKNOWN:
      /* ISO 8601-2 writes an unknown end as an empty one: "1999/". */
      return start != NULL ? g_strdup_printf("%s/", start) : g_strdup("");
    case AZKB_BOUND_DATE:
    default:
      return g_strdup_printf("%s..%s", start != NULL ? start : "", end);
  }
}

/* ISO 8601-2 (EDTF level 1): a slash between the ends, an empty side for
 * an unknown end and ".." for an open one. */
static char *
format_edtf(const AzkbInterval *interval)
{
  g_autofree char *start = NULL;
  g_autofree char *end   = NULL;

  if (azkb_interval_is_undated(interval))
    return g_strdup("");
  if (interval->start_bound == AZKB_BOUND_DATE)
    start = azkb_date_to_string(&interval->start, AZKB_TIME_STYLE_ISO);
  if (interval->is_point)
    return g_steal_pointer(&start);
  if (interval->end_bound == AZKB_BOUND_DATE)
    end = azkb_date_to_string(&interval->end, AZKB_TIME_STYLE_ISO);
  else if (interval->end_bound == AZKB_BOUND_OPEN)
    end = g_strdup("..");
  return g_strdup_printf(
    "%s/%s", start != NULL ? start : "", end != NULL ? end : "");
}

char *
azkb_interval_to_string(const AzkbInterval *interval, AzkbTimeStyle style)
{
  g_return_val_if_fail(interval != NULL, NULL);
  g_return_val_if_fail(azkb_interval_is_valid(interval), NULL);

  switch (style) {
    case AZKB_TIME_STYLE_ISO:
      return format_iso(interval);
    case AZKB_TIME_STYLE_EDTF:
      return format_edtf(interval);
    case AZKB_TIME_STYLE_HUMAN:
    default:
      return format_human(interval);
  }
}

/* ---- parsing ---- */

typedef enum {
  SIDE_START,
  SIDE_END,
} Side;

/* One side of "A..B" or "A/B": a date, empty (unknown, or open for the end
 * of "A.."), or ".." (open, in the slash form). */
static gboolean
parse_side(const char *text,
           gsize       length,
           Side        side,
           gboolean    empty_is_open,
           guint8     *out_bound,
           AzkbDate   *out_date,
           char      **out_reason,
           gint       *out_code)
{
  *out_code = AZKB_TIME_ERROR_INVALID_DATE;
  if (length == 0) {
    *out_bound =
      empty_is_open && side == SIDE_END ? AZKB_BOUND_OPEN : AZKB_BOUND_UNKNOWN;
    return TRUE;
  }
  if (length == 2 && memcmp(text, "..", 2) == 0) {
    if (side == SIDE_START) {
      *out_code   = AZKB_TIME_ERROR_INVALID_INTERVAL;
      *out_reason = g_strdup("an open start is not supported; write \"/B\" "
                             "or \"..B\" for an unknown start");
      return FALSE;
    }
    *out_bound = AZKB_BOUND_OPEN;
    return TRUE;
  }
  if (!azkb_date_parse_part(text, length, out_date, out_reason))
    return FALSE;
  *out_bound = AZKB_BOUND_DATE;
  return TRUE;
}

static gboolean
parse_trimmed(const char   *text,
              gsize         length,
              AzkbInterval *out_interval,
              char        **out_reason,
              gint         *out_code)
{
  AzkbInterval interval = { 0 };
  const char  *end      = text + length;
  const char  *separator;
  gsize        separator_length;
  gboolean     slash;

  *out_code = AZKB_TIME_ERROR_INVALID_INTERVAL;
  if (length == 0) {
    *out_reason = g_strdup("no date or interval given");
    return FALSE;
  }

  separator        = memchr(text, '/', length);
  slash            = separator != NULL;
  separator_length = 1;
  if (!slash) {
    separator        = g_strstr_len(text, (gssize)length, "..");
    separator_length = 2;
  }

  if (separator == NULL) {
    *out_code = AZKB_TIME_ERROR_INVALID_DATE;
    if (!azkb_date_parse_part(text, length, &interval.start, out_reason))
      return FALSE;
    *out_interval = azkb_interval_point(&interval.start);
    return TRUE;
  }

  if (!parse_side(text,
                  (gsize)(separator - text),
                  SIDE_START,
                  FALSE,
                  &interval.start_bound,
                  &interval.start,
                  out_reason,
                  out_code) ||
      !parse_side(separator + separator_length,
                  (gsize)(end - separator - separator_length),
                  SIDE_END,
                  !slash,
                  &interval.end_bound,
                  &interval.end,
                  out_reason,
                  out_code))
    return FALSE;

  *out_code = AZKB_TIME_ERROR_INVALID_INTERVAL;
  if (azkb_interval_is_undated(&interval)) {
    *out_reason = g_strdup("an interval needs a start or an end");
    return FALSE;
  }
  if (!azkb_interval_is_valid(&interval)) {
    g_autofree char *start =
      azkb_date_to_string(&interval.start, AZKB_TIME_STYLE_ISO);
    g_autofree char *finish =
      azkb_date_to_string(&interval.end, AZKB_TIME_STYLE_ISO);

    *out_reason =
      g_strdup_printf("the start %s is after the end %s", start, finish);
    return FALSE;
  }
  *out_interval = interval;
  return TRUE;
}

gboolean
azkb_interval_parse(const char   *text,
                    AzkbInterval *out_interval,
                    GError      **error)
{
  g_autofree char *reason = NULL;
  const char      *start;
  gsize            length;
  gint             code;
  AzkbInterval     interval;

  g_return_val_if_fail(text != NULL, FALSE);
  g_return_val_if_fail(out_interval != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

  azkb_time_trim(text, &start, &length);
  if (!parse_trimmed(start, length, &interval, &reason, &code)) {
    g_autofree char *quoted = azkb_time_quote(text);

    g_set_error(
      error, AZKB_TIME_ERROR, code, "invalid time %s: %s", quoted, reason);
    return FALSE;
  }
  *out_interval = interval;
  return TRUE;
}
