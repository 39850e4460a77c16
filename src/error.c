/* Error quarks, written out by hand: clang-format mangles G_DEFINE_QUARK's
 * dashed argument into a different quark string. */
#include <azkb/error.h>

GQuark
azkb_time_error_quark(void)
{
  return g_quark_from_static_string("azkb-time-error-quark");
}

GQuark
azkb_store_error_quark(void)
{
  return g_quark_from_static_string("azkb-store-error-quark");
}

GQuark
azkb_rdf_error_quark(void)
{
  return g_quark_from_static_string("azkb-rdf-error-quark");
}

/* azkb_query_error_quark() is an extended error: src/query/located.c */

GQuark
azkb_diagram_error_quark(void)
{
  return g_quark_from_static_string("azkb-diagram-error-quark");
}

GQuark
azkb_remote_error_quark(void)
{
  return g_quark_from_static_string("azkb-remote-error-quark");
}
