/* azkb — fuzz the time parsers: azkb_date_parse() and azkb_interval_parse().
 *
 * The whole input is one text, given to both parsers.  Invariants:
 *   - a failure sets exactly one AZKB_TIME_ERROR with one clear message;
 *   - an accepted date is valid, and its ISO form parses back to it;
 *   - an accepted time is valid, its ISO form parses back to an equal
 *     interval, its human form is non-empty UTF-8 when dated, and it
 *     overlaps itself and "equals" itself in Allen's terms;
 *   - the two parsers agree: a date is exactly a point in time.
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
  return 0;
}
