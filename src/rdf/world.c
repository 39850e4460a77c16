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
 * of a parse; the importer interns terms itself, so the syntaxes parse in a
 * second world with interning off.  N-Triples and N-Quads need a check
 * first: raptor 2.0.15's parser for them keeps a reference to the datatype
 * URI of every typed literal and never drops it (fixed in 2.0.16, commit
 * 3e185c37).  With interning that is one shared URI; without it, a leak per
 * literal, unless the importer drops the reference itself.  Dropping it on
 * a parser that already does would free a URI still in use, so a probe
 * parse counts the references instead of trusting a version number (a
 * distribution may carry the fix in an older version).
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

/* Opened on first use (an open costs milliseconds): the export writes in
 * the interning world, every parser reads in the plain one, and N-Triples
 * falls back to the interning one only when the probe below cannot count
 * raptor's references. */
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

/* raptor's own layout of a URI (struct raptor_uri_s, private but the same
 * from 2.0.0 to 2.0.16).  Only uri_refs() reads it, and only after checking
 * three of its fields against raptor's public accessors. */
typedef struct {
  raptor_world  *world;
  unsigned char *string;
  unsigned int   length;
  int            usage;
} UriLayout;

/* How many references @uri of world @w has; -1 when the layout is not
 * raptor's as expected, so the count cannot be read. */
static int
uri_refs(raptor_world *w, raptor_uri *uri)
{
  const UriLayout     *u = (const UriLayout *)uri;
  size_t               len;
  const unsigned char *s = raptor_uri_as_counted_string(uri, &len);

  if (u->world != w || u->string != s || u->length != len)
    return -1;
  return u->usage;
}

typedef enum {
  NT_UNKNOWN, /* the count could not be read: parse with interning */
  NT_FREES,   /* the parser drops its own reference */
  NT_KEEPS    /* it keeps one: the statement handler drops it */
} NtDatatype;

static void
on_probe(void *user_data, raptor_statement *statement)
{
  NtDatatype  *out = user_data;
  raptor_term *o   = statement->object;
  int          refs;

  if (o->type != RAPTOR_TERM_TYPE_LITERAL || o->value.literal.datatype == NULL)
    return;
  /* The term holds one reference; a parser that still holds its own makes
   * two. */
  refs = uri_refs(o->world, o->value.literal.datatype);
  *out = refs == 1 ? NT_FREES : refs == 2 ? NT_KEEPS : NT_UNKNOWN;
  if (*out == NT_KEEPS)
    raptor_free_uri(o->value.literal.datatype);
}

/* One typed literal through the N-Triples parser of the plain world. */
static NtDatatype
probe_ntriples(raptor_world *w)
{
  static const char doc[] =
    "<urn:azkb:probe#s> <urn:azkb:probe#p> \"1\"^^<urn:azkb:probe#t> .\n";
  NtDatatype     found  = NT_UNKNOWN;
  raptor_parser *parser = raptor_new_parser(w, "ntriples");
  raptor_uri    *base   = raptor_new_uri(w, (const unsigned char *)"urn:x");

  if (parser != NULL && base != NULL) {
    raptor_parser_set_statement_handler(parser, &found, on_probe);
    if (raptor_parser_parse_start(parser, base) != 0 ||
        raptor_parser_parse_chunk(
          parser, (const unsigned char *)doc, sizeof doc - 1, 1) != 0)
      found = NT_UNKNOWN;
  }
  if (base != NULL)
    raptor_free_uri(base);
  if (parser != NULL)
    raptor_free_parser(parser);
  return found;
}

static gsize nt_datatype; /* NtDatatype + 1, once probed */

static NtDatatype
ntriples_datatype(void)
{
  if (g_once_init_enter(&nt_datatype))
    g_once_init_leave(&nt_datatype, (gsize)probe_ntriples(plain_world()) + 1);
  return (NtDatatype)(nt_datatype - 1);
}

raptor_world *
azkb_rdf_world_for_parser(const char *parser, gboolean *out_drop_datatype)
{
  *out_drop_datatype = FALSE;
  if (strcmp(parser, "ntriples") == 0 || strcmp(parser, "nquads") == 0) {
    NtDatatype how = ntriples_datatype();

    if (how == NT_UNKNOWN)
      return azkb_rdf_world();
    *out_drop_datatype = how == NT_KEEPS;
  }
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
