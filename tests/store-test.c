#include "store-test.h"

void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->store = azkb_store_new();
}

void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_clear_pointer(&f->store, azkb_store_unref);
}

AzkbInterval
years(gint32 from, gint32 to)
{
  AzkbInterval t = { 0 };

  t.start       = (AzkbDate){ .year = from, .precision = AZKB_PRECISION_YEAR };
  t.end         = (AzkbDate){ .year = to, .precision = AZKB_PRECISION_YEAR };
  t.start_bound = AZKB_BOUND_DATE;
  t.end_bound   = AZKB_BOUND_DATE;
  return t;
}

AzkbTermId
string_literal(AzkbStore *store, const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId t            = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, text, NULL, NULL, &error);

  g_assert_no_error(error);
  return t;
}

AzkbTermId
find_one(AzkbStore *s, const char *name)
{
  g_autoptr(GArray) found = azkb_store_find(s, name);

  g_assert_cmpuint(found->len, ==, 1);
  return g_array_index(found, AzkbTermId, 0);
}
