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

AzkbExitStatus
azkb_error_exit_status(const GError *error)
{
  if (error == NULL)
    return AZKB_EXIT_OK;
  if (error->domain == AZKB_QUERY_ERROR &&
      error->code == AZKB_QUERY_ERROR_TIMEOUT)
    return AZKB_EXIT_TIMEOUT;
  if (error->domain == AZKB_QUERY_ERROR)
    return AZKB_EXIT_USAGE;
  if (error->domain == AZKB_TIME_ERROR)
    return AZKB_EXIT_USAGE;
  if (error->domain == AZKB_STORE_ERROR &&
      (error->code == AZKB_STORE_ERROR_UNKNOWN_ENTITY ||
       error->code == AZKB_STORE_ERROR_AMBIGUOUS))
    return AZKB_EXIT_USAGE;
  if (error->domain == AZKB_DIAGRAM_ERROR &&
      (error->code == AZKB_DIAGRAM_ERROR_TOO_LARGE ||
       error->code == AZKB_DIAGRAM_ERROR_EMPTY))
    return AZKB_EXIT_NO_MATCH;
  if (error->domain == AZKB_RDF_ERROR && error->code == AZKB_RDF_ERROR_FORMAT)
    return AZKB_EXIT_USAGE;
  if (error->domain == G_OPTION_ERROR)
    return AZKB_EXIT_USAGE;
  return AZKB_EXIT_DATA;
}
