/* azkb — fuzz the time parsers: azkb_date_parse() and azkb_interval_parse(),
 * and what relates two times: Allen's relations, overlap, order, day sets.
 *
 * The input up to its first NUL is one text, given to both parsers; the
 * rest, up to a second NUL, is a second time (a seed without a NUL is one
 * text only, as before).  Invariants:
 *   - a failure sets exactly one AZKB_TIME_ERROR with one clear message;
 *   - an accepted date is valid, and its ISO form parses back to it;
 *   - an accepted time is valid, its ISO form parses back to an equal
 *     interval, its human form is non-empty UTF-8 when dated, and it
 *     overlaps itself and "equals" itself in Allen's terms;
 *   - the two parsers agree: a date is exactly a point in time;
 *   - the days of a time, named again (azkb_day_range_to_interval_at()),
 *     are the same days unless they run from the first day a date can name
 *     (an unknown start) or to the last (an open end);
 *   - of two times: the relation of b to a is the converse of a to b, and
 *     the relation of their day spans (azkb_allen_of_spans()); they overlap
 *     both ways alike, exactly when the relation says they share a day;
 *     their order is antisymmetric; the day sets of their spans unite and
 *     meet as azkb_day_ranges_union() / _intersect() compute, and hold the
 *     days they should.
 */
#include "fuzz.h"

#include <azkb/time.h>
#include <string.h>

static void
check_date(const AzkbDate *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso    = NULL;
  g_autofree char *human  = NULL;
  AzkbDate         again;

  FUZZ_CHECK(azkb_date_is_valid(date));
  FUZZ_CHECK(azkb_date_first_day(date) <= azkb_date_last_day(date));
  FUZZ_CHECK(azkb_date_compare(date, date) == 0);

  iso = azkb_date_to_string(date, AZKB_TIME_STYLE_ISO);
  FUZZ_CHECK(iso != NULL);
  FUZZ_CHECK(azkb_date_parse(iso, &again, &error));
  FUZZ_CHECK(error == NULL);
  FUZZ_CHECK(azkb_date_equal(date, &again));

  human = azkb_date_to_string(date, AZKB_TIME_STYLE_HUMAN);
  FUZZ_CHECK(human != NULL && human[0] != '\0');
  FUZZ_CHECK(g_utf8_validate(human, -1, NULL));
}

/* "Now" is fixed so that a finding replays the same on any day. */
static const AzkbDate present = { 2024, 6, 15, AZKB_PRECISION_DAY, 0 };

static void
check_interval(const AzkbInterval *interval)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso    = NULL;
  g_autofree char *human  = NULL;
  AzkbInterval     again;
  gint32           first, last;

  FUZZ_CHECK(azkb_interval_is_valid(interval));
  /* The parser refuses "..", "/" and the like: what it accepts is dated. */
  FUZZ_CHECK(!azkb_interval_is_undated(interval));
  FUZZ_CHECK(azkb_interval_span_at(interval, &present, &first, &last));
  FUZZ_CHECK(first <= last);
  FUZZ_CHECK(azkb_interval_overlaps_at(interval, interval, &present));
  FUZZ_CHECK(azkb_interval_allen_at(interval, interval, &present) ==
             AZKB_ALLEN_EQUALS);
  FUZZ_CHECK(azkb_interval_compare_at(interval, interval, &present) == 0);

  iso = azkb_interval_to_string(interval, AZKB_TIME_STYLE_ISO);
  FUZZ_CHECK(iso != NULL);
  FUZZ_CHECK(azkb_interval_parse(iso, &again, &error));
  FUZZ_CHECK(error == NULL);
  FUZZ_CHECK(azkb_interval_equal(interval, &again));
  FUZZ_CHECK(azkb_interval_compare_at(interval, &again, &present) == 0);

  human = azkb_interval_to_string(interval, AZKB_TIME_STYLE_HUMAN);
  FUZZ_CHECK(human != NULL && human[0] != '\0');
  FUZZ_CHECK(g_utf8_validate(human, -1, NULL));

  if (interval->is_point) {
    FUZZ_CHECK(azkb_date_equal(&interval->start, &interval->end));
    check_date(&interval->start);
  }
}

/* The days of @interval, named as an interval again, are the same days. */
static void
check_span_named(const AzkbInterval *interval)
{
  gint32       first, last, again_first, again_last;
  AzkbInterval again;

  if (!azkb_interval_span_at(interval, &present, &first, &last) ||
      first == AZKB_DAY_MIN || last == AZKB_DAY_MAX)
    return;
  again = azkb_day_range_to_interval_at(first, last, &present);
  FUZZ_CHECK(azkb_interval_is_valid(&again));
  FUZZ_CHECK(
    azkb_interval_span_at(&again, &present, &again_first, &again_last));
  FUZZ_CHECK(again_first == first && again_last == last);
}

static gboolean
shares_a_day(AzkbAllen r)
{
  return r != AZKB_ALLEN_BEFORE && r != AZKB_ALLEN_MEETS &&
         r != AZKB_ALLEN_MET_BY && r != AZKB_ALLEN_AFTER;
}

static int
sign(int x)
{
  return (x > 0) - (x < 0);
}

/* Two times, both accepted by azkb_interval_parse() (so dated). */
static void
check_pair(const AzkbInterval *a, const AzkbInterval *b)
{
  gint32       af, al, bf, bl;
  AzkbAllen    ab      = azkb_interval_allen_at(a, b, &present);
  AzkbAllen    ba      = azkb_interval_allen_at(b, a, &present);
  gboolean     overlap = azkb_interval_overlaps_at(a, b, &present);
  AzkbDayRange ra, rb, u[2], i[2];
  gsize        nu, ni;
  g_autoptr(AzkbTimeSet) set   = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) other = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) meet  = NULL;

  FUZZ_CHECK(azkb_interval_span_at(a, &present, &af, &al));
  FUZZ_CHECK(azkb_interval_span_at(b, &present, &bf, &bl));
  /* the thirteen are listed so that converses mirror each other */
  FUZZ_CHECK((int)ba == AZKB_ALLEN_AFTER - (int)ab);
  FUZZ_CHECK(ab == azkb_allen_of_spans(af, al, bf, bl));
  FUZZ_CHECK(overlap == azkb_interval_overlaps_at(b, a, &present));
  FUZZ_CHECK(overlap == shares_a_day(ab));
  FUZZ_CHECK(sign(azkb_interval_compare_at(a, b, &present)) ==
             -sign(azkb_interval_compare_at(b, a, &present)));
  if (azkb_interval_equal(a, b))
    FUZZ_CHECK(azkb_interval_compare_at(a, b, &present) == 0);

  ra = (AzkbDayRange){ af, al };
  rb = (AzkbDayRange){ bf, bl };
  nu = azkb_day_ranges_union(&ra, 1, &rb, 1, u);
  ni = azkb_day_ranges_intersect(&ra, 1, &rb, 1, i);
  /* adjacent spans meet and unite into one range */
  FUZZ_CHECK(nu ==
             ((ab == AZKB_ALLEN_BEFORE || ab == AZKB_ALLEN_AFTER) ? 2 : 1));
  FUZZ_CHECK(ni == (overlap ? 1 : 0));
  if (ni == 1)
    FUZZ_CHECK(i[0].first == MAX(af, bf) && i[0].last == MIN(al, bl));
  if (nu == 1)
    FUZZ_CHECK(u[0].first == MIN(af, bf) && u[0].last == MAX(al, bl));

  FUZZ_CHECK(azkb_time_set_add_span_at(set, a, &present));
  FUZZ_CHECK(azkb_time_set_add_span_at(other, b, &present));
  meet = azkb_time_set_copy(set);
  azkb_time_set_intersect(meet, other);
  azkb_time_set_union(set, other);
  {
    gsize               n;
    const AzkbDayRange *r = azkb_time_set_ranges(set, &n);

    FUZZ_CHECK(n == nu && memcmp(r, u, n * sizeof *r) == 0);
    r = azkb_time_set_ranges(meet, &n);
    FUZZ_CHECK(n == ni && memcmp(r, i, n * sizeof *r) == 0);
  }
  FUZZ_CHECK(azkb_time_set_is_empty(meet) == !overlap);
  FUZZ_CHECK(azkb_time_set_contains(set, af) &&
             azkb_time_set_contains(set, bl));
  FUZZ_CHECK(!azkb_time_set_contains(set, MIN(af, bf) - 1));
  FUZZ_CHECK(!azkb_time_set_contains(set, MAX(al, bl) + 1));
}

static void
check_allen_name(const char *text)
{
  AzkbAllen relation;

  if (!azkb_allen_from_string(text, &relation))
    return;
  FUZZ_CHECK(g_ascii_strcasecmp(azkb_allen_to_string(relation), text) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  g_autofree char *text        = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) time_error = NULL;
  AzkbDate     date            = { 0 };
  AzkbInterval interval        = { 0 };
  gboolean     date_ok, time_ok;

  fuzz_setup();
  text = fuzz_text(data, size);

  date_ok = azkb_date_parse(text, &date, &date_error);
  if (date_ok) {
    FUZZ_CHECK(date_error == NULL);
    check_date(&date);
  } else {
    fuzz_check_failure(date_ok, date_error, AZKB_TIME_ERROR);
    FUZZ_CHECK(date_error->code == AZKB_TIME_ERROR_INVALID_DATE);
    FUZZ_CHECK(g_str_has_prefix(date_error->message, "invalid date "));
  }

  time_ok = azkb_interval_parse(text, &interval, &time_error);
  if (time_ok) {
    FUZZ_CHECK(time_error == NULL);
    check_interval(&interval);
  } else {
    fuzz_check_failure(time_ok, time_error, AZKB_TIME_ERROR);
    FUZZ_CHECK(time_error->code == AZKB_TIME_ERROR_INVALID_DATE ||
               time_error->code == AZKB_TIME_ERROR_INVALID_INTERVAL);
    FUZZ_CHECK(g_str_has_prefix(time_error->message, "invalid time "));
  }

  /* A date is exactly a point in time, whichever parser reads it. */
  FUZZ_CHECK(date_ok == (time_ok && interval.is_point));
  if (date_ok)
    FUZZ_CHECK(azkb_date_equal(&date, &interval.start));

  check_allen_name(text);
  if (time_ok)
    check_span_named(&interval);

  /* a second time after the first NUL */
  {
    const uint8_t   *nul    = memchr(data, '\0', size);
    g_autofree char *second = NULL;
    AzkbInterval     other  = { 0 };

    if (nul == NULL)
      return 0;
    second = fuzz_text(nul + 1, size - (gsize)(nul + 1 - data));
    if (time_ok && azkb_interval_parse(second, &other, NULL))
      check_pair(&interval, &other);
  }
  return 0;
}
