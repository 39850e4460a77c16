/* One raptor world for the process.
 *
 * A world is costly to open (it registers every parser and serializer), and
 * raptor 2.0.15 loses track of a few URIs of its own concepts (rdf:type,
 * xsd:...) each time one is freed after a document used them.  So azkb opens
 * one world on first use and keeps it until exit: those URIs stay reachable
 * from it, and nothing grows per import.  Like the store, it is not for use
 * from several threads at once.
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

raptor_world *
azkb_rdf_world(void)
{
  static raptor_world *world;

  if (g_once_init_enter(&world)) {
    raptor_world *w = raptor_new_world();

    if (w == NULL || raptor_world_open(w) != 0)
      g_error("raptor: cannot open a world");
    raptor_world_set_log_handler(w, NULL, drop_message);
    g_once_init_leave(&world, w);
  }
  return world;
}

void
azkb_rdf_world_restart_blank_ids(void)
{
  /* NULL keeps raptor's "genid" prefix; the counter starts over */
  raptor_world_set_generate_bnodeid_parameters(azkb_rdf_world(), NULL, 0);
}

void
azkb_rdf_world_set_log_handler(raptor_log_handler handler, void *user_data)
{
  raptor_world_set_log_handler(
    azkb_rdf_world(), user_data, handler != NULL ? handler : drop_message);
}
