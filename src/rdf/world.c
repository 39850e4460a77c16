/* Raptor worlds for the process: the default one, and one that parses
 * without interning URIs.
 *
 * A world is costly to open (it registers every parser and serializer), and
 * raptor 2.0.15 loses track of a few URIs of its own concepts (rdf:type,
 * xsd:...) each time one is freed after a document used them.  So azkb opens
 * each world on first use and keeps it until exit: those URIs stay
 * reachable from it, and nothing grows per import.  Like the store, a world
 * is not for use from several threads at once (the importer's second thread
 * never touches raptor).
 *
 * raptor interns every URI it makes in one search tree, a fifth of the time
 * of a parse; the importer interns terms itself, so most syntaxes parse in
 * a second world with interning off.  Not N-Triples and N-Quads: raptor
 * 2.0.15's parser for them never frees the datatype URI of a typed literal,
 * which with interning is one shared URI, and without it a leak per
 * literal.
 *
 * What a world would otherwise restart per document, the importer restarts
 * itself: the numbering of anonymous blank nodes (so loading one file twice
 * gives the same names) and the log handler. */
#include "rdf-private.h"

static void
drop_message(void *user_data, raptor_log_message *message)
{
  (void)user_data;
  (void)message;
}

static raptor_world *
open_world(gboolean interning)
{
  raptor_world *w = raptor_new_world();

  if (w != NULL && !interning)
    raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_URI_INTERNING, 0);
  if (w == NULL || raptor_world_open(w) != 0)
    g_error("raptor: cannot open a world");
  raptor_world_set_log_handler(w, NULL, drop_message);
  return w;
}

/* Opened on first use: a process that parses only N-Triples never opens
 * the plain world (an open costs milliseconds). */
static raptor_world *interning_world;
static raptor_world *plain_world_;

raptor_world *
azkb_rdf_world(void)
{
  if (g_once_init_enter(&interning_world))
    g_once_init_leave(&interning_world, open_world(TRUE));
  return interning_world;
}

static raptor_world *
plain_world(void)
{
  if (g_once_init_enter(&plain_world_))
    g_once_init_leave(&plain_world_, open_world(FALSE));
  return plain_world_;
}

/* The worlds opened so far, NULL-terminated. */
static void
opened_worlds(raptor_world *out[3])
{
  guint n = 0;

  if (g_atomic_pointer_get(&interning_world) != NULL)
    out[n++] = interning_world;
  if (g_atomic_pointer_get(&plain_world_) != NULL)
    out[n++] = plain_world_;
  out[n] = NULL;
}

raptor_world *
azkb_rdf_world_for_parser(const char *parser)
{
  if (strcmp(parser, "ntriples") == 0 || strcmp(parser, "nquads") == 0)
    return azkb_rdf_world();
  return plain_world();
}

void
azkb_rdf_world_restart_blank_ids(void)
{
  raptor_world *worlds[3];

  opened_worlds(worlds);
  /* NULL keeps raptor's "genid" prefix; the counter starts over */
  for (guint i = 0; worlds[i] != NULL; i++)
    raptor_world_set_generate_bnodeid_parameters(worlds[i], NULL, 0);
}

void
azkb_rdf_world_set_log_handler(raptor_log_handler handler, void *user_data)
{
  raptor_world *worlds[3];

  opened_worlds(worlds);
  if (handler == NULL)
    handler = drop_message;
  for (guint i = 0; worlds[i] != NULL; i++)
    raptor_world_set_log_handler(worlds[i], user_data, handler);
}
