/* azkb — dates with precision, intervals with open and unknown ends.
 *
 * A date says only as much as the source does: `1994` (a year), `1994-09`
 * (a month), `2012-05-04` (a day).  Each date therefore stands for a range of
 * days, [azkb_date_first_day, azkb_date_last_day], and every comparison is
 * made on those ranges: `2012` overlaps `2012-05-04`.
 *
 * An interval has a start and an end bound, each one of
 *   - AZKB_BOUND_DATE:    a known date (of any precision),
 *   - AZKB_BOUND_UNKNOWN: the source does not say,
 *   - AZKB_BOUND_OPEN:    (end only) still holds: "since 1999", "at present".
 * A point in time ("on 4 May 2012") is an interval with `is_point` set and
 * start == end.  An interval whose bounds are both unknown is "undated".
 *
 * The valid-time rule used for overlap (doc/query-language.md, "Time"):
 *   - an open end extends to the present: a day, month or year the caller
 *     names (the functions ending in `_at` take it, NULL meaning today), or
 *     today, UTC (azkb_time_today(); the functions without `_at`);
 *   - an unknown end does NOT extend: the statement is only known to hold at
 *     its start, so its span is the start's own range of days;
 *   - an unknown start likewise shrinks the span to the end's range;
 *   - an undated interval overlaps nothing (callers decide whether undated
 *     statements match a time filter).
 *
 * Text forms (ISO style, what azkb_interval_parse() reads and
 * azkb_interval_to_string() writes):
 *   2012-05-04      a point in time (of day, month or year precision)
 *   2003..2005      from 2003 to 2005 (also read as 2003/2005)
 *   1999..          since 1999, still holds (also read as 1999/..)
 *   ..2005          until 2005, start unknown (also read as /2005)
 *   1999/           from 1999, end unknown (ISO 8601-2's empty end)
 *   ..              at present, start unknown (also read as /..)
 * Leading and trailing white space is ignored, as XSD's date types collapse
 * it; white space inside is an error.
 *
 * Threads: every function here is safe from any thread (they work on
 * values; azkb_time_today() reads the clock under a lock), except that a
 * time set is used by one thread at a time.  There is no process-wide
 * "now": see "the present" below.
 */
#pragma once

#include <azkb/error.h>
#include <azkb/export.h>
#include <glib.h>

G_BEGIN_DECLS

/// How much of a date is known.
typedef enum {
  AZKB_PRECISION_NONE  = 0, ///< no date
  AZKB_PRECISION_YEAR  = 1, ///< 1994
  AZKB_PRECISION_MONTH = 2, ///< 1994-09
  AZKB_PRECISION_DAY   = 3, ///< 1994-09-26
} AzkbPrecision;

/// A Gregorian date of some precision; fields below the precision are 0.
typedef struct {
  gint32 year;      ///< 1..9999 (ISO-8601 without expansion)
  guint8 month;     ///< 1..12, or 0 below month precision
  guint8 day;       ///< 1..31, or 0 below day precision
  guint8 precision; ///< an AzkbPrecision
  guint8 reserved_; ///< 0
} AzkbDate;

/// What is known of one end of an interval.
typedef enum {
  AZKB_BOUND_UNKNOWN = 0, ///< the source does not say
  AZKB_BOUND_DATE    = 1, ///< a known date
  AZKB_BOUND_OPEN    = 2, ///< end only: ongoing, holds at present
} AzkbBound;

/// A span of valid time.  Zero-initialised, it is "undated".
typedef struct {
  AzkbDate start;
  AzkbDate end;
  guint8   start_bound; ///< an AzkbBound (never OPEN)
  guint8   end_bound;   ///< an AzkbBound
  guint8   is_point;    ///< TRUE for a point in time (start == end)
  guint8   reserved_;   ///< 0
} AzkbInterval;

/// Allen's thirteen interval relations, of a to b, on day ranges.
typedef enum {
  AZKB_ALLEN_BEFORE,
  AZKB_ALLEN_MEETS,
  AZKB_ALLEN_OVERLAPS,
  AZKB_ALLEN_STARTS,
  AZKB_ALLEN_DURING,
  AZKB_ALLEN_FINISHES,
  AZKB_ALLEN_EQUALS,
  AZKB_ALLEN_FINISHED_BY,
  AZKB_ALLEN_CONTAINS,
  AZKB_ALLEN_STARTED_BY,
  AZKB_ALLEN_OVERLAPPED_BY,
  AZKB_ALLEN_MET_BY,
  AZKB_ALLEN_AFTER,
} AzkbAllen;

/// How to write a date or interval as text.
typedef enum {
  AZKB_TIME_STYLE_ISO,   ///< 2003..2005, 1999.., 2012-05-04
  AZKB_TIME_STYLE_HUMAN, ///< 2003–2005, since 1999, 4 May 2012
  AZKB_TIME_STYLE_EDTF,  ///< 2003/2005, 1999/.., /2005, 1999/, 2012-05-04
} AzkbTimeStyle;

/* ---- dates ---- */

/**
 * Parse an ISO-8601 calendar date of year, month or day precision:
 * `1999`, `2012-05`, `2012-05-04`.  Rejects impossible dates (2021-02-29,
 * 2012-13-01), years outside 1..9999 and trailing text, with
 * AZKB_TIME_ERROR_INVALID_DATE and a message quoting the input.
 */
AZKB_API gboolean azkb_date_parse(const char *text,
                                  AzkbDate   *out_date,
                                  GError    **error);

/// TRUE if @date is a real date of its precision.
AZKB_API gboolean azkb_date_is_valid(const AzkbDate *date);

/// First day covered by @date, as a day number (1 = 0001-01-01).
AZKB_API gint32 azkb_date_first_day(const AzkbDate *date);

/// Last day covered by @date, as a day number (1 = 0001-01-01).
AZKB_API gint32 azkb_date_last_day(const AzkbDate *date);

/// A date of the precision the arguments imply: @month 0 gives a year,
/// @day 0 a month.  Not checked: see azkb_date_is_valid().
AZKB_API AzkbDate azkb_date_make(gint32 year, guint month, guint day);

/// Order by first day, then by precision (coarser first); 0 when equal.
AZKB_API int azkb_date_compare(const AzkbDate *a, const AzkbDate *b);

/// TRUE if @a and @b are the same date of the same precision.
AZKB_API gboolean azkb_date_equal(const AzkbDate *a, const AzkbDate *b);

/// Format @date; "4 May 2012", "September 1994", "2012" or ISO.
/// (transfer full)
AZKB_API char *azkb_date_to_string(const AzkbDate *date, AzkbTimeStyle style);

/* ---- intervals ---- */

/**
 * Parse a time: a date (a point in time, `2012-05-04`), or an interval
 * `A..B`, `A..` (open end: ongoing), `..B` (unknown start).  `A/B` is taken
 * as `A..B`.  A bare year or month is a point in time of that precision.
 * A bad date inside fails with AZKB_TIME_ERROR_INVALID_DATE; start > end,
 * an empty text or an interval with neither start nor end fail with
 * AZKB_TIME_ERROR_INVALID_INTERVAL.  Messages read
 * `invalid time "2022..2019": the start 2022 is after the end 2019`.
 */
AZKB_API gboolean azkb_interval_parse(const char   *text,
                                      AzkbInterval *out_interval,
                                      GError      **error);

/// An interval from @start to @end (either may be NULL: unknown).
AZKB_API AzkbInterval azkb_interval_make(const AzkbDate *start,
                                         const AzkbDate *end);

/// An interval from @start (NULL: unknown) that still holds: "since 1999".
AZKB_API AzkbInterval azkb_interval_since(const AzkbDate *start);

/// A point in time at @date.
AZKB_API AzkbInterval azkb_interval_point(const AzkbDate *date);

/// TRUE if neither bound is known (and the end is not open).
AZKB_API gboolean azkb_interval_is_undated(const AzkbInterval *interval);

/// TRUE when the bounds are consistent (dates valid, start <= end).
AZKB_API gboolean azkb_interval_is_valid(const AzkbInterval *interval);

/**
 * The day range in which @interval is known to hold, by the valid-time rule
 * in this header's comment, an open end running to today.  Returns FALSE
 * for an undated interval.
 */
AZKB_API gboolean azkb_interval_span(const AzkbInterval *interval,
                                     gint32             *out_first_day,
                                     gint32             *out_last_day);

/// azkb_interval_span() with an open end running to @present (a valid date
/// of any precision; NULL: today).
AZKB_API gboolean azkb_interval_span_at(const AzkbInterval *interval,
                                        const AzkbDate     *present,
                                        gint32             *out_first_day,
                                        gint32             *out_last_day);

/// Precision-aware overlap of the spans of @a and @b (FALSE if undated).
AZKB_API gboolean azkb_interval_overlaps(const AzkbInterval *a,
                                         const AzkbInterval *b);

/// azkb_interval_overlaps() as of @present (NULL: today).
AZKB_API gboolean azkb_interval_overlaps_at(const AzkbInterval *a,
                                            const AzkbInterval *b,
                                            const AzkbDate     *present);

/// Allen relation of the span of @a to the span of @b (both dated).
AZKB_API AzkbAllen azkb_interval_allen(const AzkbInterval *a,
                                       const AzkbInterval *b);

/// azkb_interval_allen() as of @present (NULL: today).
AZKB_API AzkbAllen azkb_interval_allen_at(const AzkbInterval *a,
                                          const AzkbInterval *b,
                                          const AzkbDate     *present);

/**
 * Allen relation of the days @a_first..@a_last to the days
 * @b_first..@b_last (closed ranges, first <= last), as
 * azkb_interval_allen() relates two spans: adjacent days meet.  For a
 * caller that has the spans already (one per row of a query).
 */
AZKB_API AzkbAllen azkb_allen_of_spans(gint32 a_first,
                                       gint32 a_last,
                                       gint32 b_first,
                                       gint32 b_last);

/// Total order for sorting statements by time: undated last.
AZKB_API int azkb_interval_compare(const AzkbInterval *a,
                                   const AzkbInterval *b);

/// azkb_interval_compare() as of @present (NULL: today): an interval with
/// an open end and no start spans the present.
AZKB_API int azkb_interval_compare_at(const AzkbInterval *a,
                                      const AzkbInterval *b,
                                      const AzkbDate     *present);

/// TRUE if the two intervals are identical in every field.
AZKB_API gboolean azkb_interval_equal(const AzkbInterval *a,
                                      const AzkbInterval *b);

/// "2003–2005", "since 1999", "until 2005", "from 1999" (end unknown),
/// "4 May 2012", "at present" (HUMAN) or "2003..2005", "1999..", "..2005",
/// "1999/", "2012-05-04" (ISO) or the same as ISO 8601-2 / EDTF intervals
/// "2003/2005", "1999/.." (open end), "/2005" (unknown start), "1999/"
/// (unknown end), "/.." (at present, start unknown), "2012-05-04" (EDTF;
/// dates are written as in ISO); "" when undated.  A start equal to its end
/// is written once in HUMAN style ("2019").  ISO text parses back to an equal
/// interval.  (transfer full)
AZKB_API char *azkb_interval_to_string(const AzkbInterval *interval,
                                       AzkbTimeStyle       style);

/// Name of an Allen relation ("before", "overlapped-by", ...).
AZKB_API const char *azkb_allen_to_string(AzkbAllen relation);

/// The relation named @name (as azkb_allen_to_string(), any case).
AZKB_API gboolean azkb_allen_from_string(const char *name,
                                         AzkbAllen  *out_relation);

/* ---- the present ---- */

/*
 * There is no process-wide "now": every function whose answer depends on
 * the present takes it as an argument (the `_at` forms here; a field or a
 * setter in the query, path, diagram, diff and export options), NULL
 * meaning today.  Two threads can so work with different presents.
 */

/// Today, UTC (so that one instant is one day on every machine).
AZKB_API AzkbDate azkb_time_today(void);

/* ---- sets of instants ---- */

/*
 * A set of days, kept as sorted, disjoint and non-adjacent closed ranges
 * of day numbers (azkb_date_first_day()'s numbering): the answer to "when
 * did this hold?" once several statements have been combined.  Coalescing
 * merges ranges that overlap or touch, so {2003–2005, 2006} is one range
 * 2003–2006 and every set has exactly one form: two sets are equal when
 * their ranges are.  AZKB_DAY_MIN..AZKB_DAY_MAX is "always" (the span of
 * an undated statement, which holds at every instant).
 */

/// A closed range of day numbers, first <= last.
typedef struct {
  gint32 first;
  gint32 last;
} AzkbDayRange;

/// The first day a date can name, 0001-01-01.
#define AZKB_DAY_MIN 1
/// The last day a date can name, 9999-12-31.
#define AZKB_DAY_MAX 3652059

/**
 * Sort the @n ranges at @ranges and merge those that overlap or touch, in
 * place.  Returns how many ranges remain (at most @n).
 */
AZKB_API gsize azkb_day_ranges_coalesce(AzkbDayRange *ranges, gsize n);

/**
 * The union of two coalesced lists, written coalesced to @out, which has
 * room for @n_a + @n_b ranges (and may not overlap the inputs).  Returns
 * how many ranges it wrote.
 */
AZKB_API gsize azkb_day_ranges_union(const AzkbDayRange *a,
                                     gsize               n_a,
                                     const AzkbDayRange *b,
                                     gsize               n_b,
                                     AzkbDayRange       *out);

/**
 * The intersection of two coalesced lists, written coalesced to @out,
 * which has room for @n_a + @n_b ranges (and may not overlap the inputs).
 * Returns how many ranges it wrote.
 */
AZKB_API gsize azkb_day_ranges_intersect(const AzkbDayRange *a,
                                         gsize               n_a,
                                         const AzkbDayRange *b,
                                         gsize               n_b,
                                         AzkbDayRange       *out);

/**
 * The interval written for the days @first..@last: each end at the
 * coarsest precision that names it exactly without reaching past the
 * range (1 January 2012 to 31 December 2013 is 2012..2013; 1 to 31 May
 * 2012 is 2012-05; 4 May 2012 alone is a point).  A range that starts on
 * AZKB_DAY_MIN has an unknown start ("until 2005"); one that ends on the
 * last day of today or on AZKB_DAY_MAX is open ("since 1992"), as a
 * statement's open end runs to the present.
 */
AZKB_API AzkbInterval azkb_day_range_to_interval(gint32 first, gint32 last);

/// azkb_day_range_to_interval() with the present @present (NULL: today).
AZKB_API AzkbInterval azkb_day_range_to_interval_at(gint32          first,
                                                    gint32          last,
                                                    const AzkbDate *present);

/// A set of days (see above).  Owned by one caller.
typedef struct _AzkbTimeSet AzkbTimeSet;

/// An empty set.  (transfer full)
AZKB_API AzkbTimeSet *azkb_time_set_new(void);

/// The set of every day, AZKB_DAY_MIN..AZKB_DAY_MAX.  (transfer full)
AZKB_API AzkbTimeSet *azkb_time_set_new_always(void);

/// A set of the @n coalesced ranges at @ranges.  (transfer full)
AZKB_API AzkbTimeSet *azkb_time_set_new_from_ranges(const AzkbDayRange *ranges,
                                                    gsize               n);

/// A copy of @set.  (transfer full)
AZKB_API AzkbTimeSet *azkb_time_set_copy(const AzkbTimeSet *set);

/// Free @set.  Accepts NULL.
AZKB_API void azkb_time_set_free(AzkbTimeSet *set);

/// Add the days @first..@last (first <= last) to @set.
AZKB_API void azkb_time_set_add(AzkbTimeSet *set, gint32 first, gint32 last);

/**
 * Add the span of @interval (azkb_interval_span(): an open end runs to the
 * present, an unknown end covers only its start's own range).  Returns
 * FALSE and adds nothing when @interval is undated: whether an undated
 * statement holds always or never is the caller's choice.
 */
AZKB_API gboolean azkb_time_set_add_span(AzkbTimeSet        *set,
                                         const AzkbInterval *interval);

/// azkb_time_set_add_span() as of @present (NULL: today).
AZKB_API gboolean azkb_time_set_add_span_at(AzkbTimeSet        *set,
                                            const AzkbInterval *interval,
                                            const AzkbDate     *present);

/// @set becomes @set ∪ @other.
AZKB_API void azkb_time_set_union(AzkbTimeSet *set, const AzkbTimeSet *other);

/// @set becomes @set ∩ @other.
AZKB_API void azkb_time_set_intersect(AzkbTimeSet       *set,
                                      const AzkbTimeSet *other);

/// TRUE if @set holds no day.
AZKB_API gboolean azkb_time_set_is_empty(const AzkbTimeSet *set);

/// TRUE if @set holds day @day.
AZKB_API gboolean azkb_time_set_contains(const AzkbTimeSet *set, gint32 day);

/// TRUE if @a and @b hold the same days.
AZKB_API gboolean azkb_time_set_equal(const AzkbTimeSet *a,
                                      const AzkbTimeSet *b);

/// The ranges of @set, sorted and coalesced: *@out_n of them.
/// (transfer none)
AZKB_API const AzkbDayRange *azkb_time_set_ranges(const AzkbTimeSet *set,
                                                  gsize             *out_n);

/**
 * @set as text, each range as azkb_day_range_to_interval() names it.
 * HUMAN: "2003–2005, 2017–2019", "since 2 March 1992", "always" for every
 * day, "never" for none.  ISO: ISO 8601-2 / EDTF intervals joined by
 * AZKB_TIME_SET_SEPARATOR: "2003/2005;2017/2019", "1992-03-02/..",
 * "../2005" (from the beginning of time), "../.." (always), "" (never).
 * (transfer full)
 */
AZKB_API char *azkb_time_set_to_string(const AzkbTimeSet *set,
                                       AzkbTimeStyle      style);

/// azkb_time_set_to_string() with the present @present (NULL: today).
AZKB_API char *azkb_time_set_to_string_at(const AzkbTimeSet *set,
                                          AzkbTimeStyle      style,
                                          const AzkbDate    *present);

/// What separates the intervals of a set in ISO style.
#define AZKB_TIME_SET_SEPARATOR ";"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbTimeSet, azkb_time_set_free)

G_END_DECLS
