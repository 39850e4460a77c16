/* What the time tests share (test-time-dates.c, test-time-intervals.c,
 * test-time-relations.c, test-time-daysets.c): parsing that must succeed,
 * the present as the `_at` functions take it, GLib's own day numbers to
 * check azkb's against, and one g_test case per row of a table; see
 * time-test.c. */
#pragma once

#include <azkb/time.h>
#include <glib.h>

/* The date @text; fails the test unless it parses. */
AzkbDate date_of(const char *text);

/* The interval @text; fails the test unless it parses and is valid. */
AzkbInterval interval_of(const char *text);

/* "Now" as the `_at` functions take it: @present parsed into @buf, or
 * NULL (today) when @present is NULL. */
const AzkbDate *present_of(const char *present, AzkbDate *buf);

/* The day number of @year-@month-@day by GLib's GDate (Julian day), an
 * implementation independent of azkb's. */
gint32 gdate_day(gint32 year, guint month, guint day);

/* Adds the case "@prefix/@name" running @func on @row. */
void add_table_case(const char   *prefix,
                    const char   *name,
                    gconstpointer row,
                    GTestDataFunc func);
