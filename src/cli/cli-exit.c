/* The azkb command's exit statuses: which error of the library means a bad
 * command line, bad data, no match or a time limit.  The library reports
 * what went wrong; this mapping is the command's own (doc/guide.md,
 * "Exit status"). */
#include "cli.h"

AzkbExitStatus
azkb_cli_exit_status(const GError *error)
{
  if (error == NULL)
    return AZKB_EXIT_OK;
  if (error->domain == AZKB_QUERY_ERROR &&
      error->code == AZKB_QUERY_ERROR_TIMEOUT)
    return AZKB_EXIT_TIMEOUT;
  if (error->domain == AZKB_REMOTE_ERROR &&
      (error->code == AZKB_REMOTE_ERROR_TIMEOUT ||
       error->code == AZKB_REMOTE_ERROR_SERVER_TIMEOUT))
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
  if (error->domain == AZKB_REMOTE_ERROR &&
      (error->code == AZKB_REMOTE_ERROR_INVALID ||
       error->code == AZKB_REMOTE_ERROR_UNSUPPORTED))
    return AZKB_EXIT_USAGE;
  if (error->domain == G_OPTION_ERROR)
    return AZKB_EXIT_USAGE;
  return AZKB_EXIT_DATA;
}
