#include "time-test.h"

AzkbDate
date_of(const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbDate date;

  g_assert_true(azkb_date_parse(text, &date, &error));
  g_assert_no_error(error);
  return date;
}

AzkbInterval
interval_of(const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbInterval interval;

  g_assert_true(azkb_interval_parse(text, &interval, &error));
  g_assert_no_error(error);
  g_assert_true(azkb_interval_is_valid(&interval));
  return interval;
}

const AzkbDate *
present_of(const char *present, AzkbDate *buf)
{
  if (present == NULL)
    return NULL;
  *buf = date_of(present);
  return buf;
}

gint32
gdate_day(gint32 year, guint month, guint day)
{
  GDate date;

  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return (gint32)g_date_get_julian(&date);
}

void
add_table_case(const char   *prefix,
               const char   *name,
               gconstpointer row,
               GTestDataFunc func)
{
  g_autofree char *path = g_strdup_printf("%s/%s", prefix, name);

  g_test_add_data_func(path, row, func);
}
