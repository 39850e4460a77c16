/* Raptor worlds, lent to one import or export at a time.
 *
 * A world is costly to open (it registers every parser and serializer), and
 * raptor 2.0.15 loses track of a few URIs of its own concepts (rdf:type,
 * xsd:...) each time one is freed after a document used them.  So azkb
 * never frees a world: it keeps the worlds it opened in a pool and lends
 * each to one import or export at a time (azkb_rdf_world_acquire()).  A
 * world is not for use from two threads at once: it holds the log handler,
 * the numbering of blank nodes and (with interning) a tree of URIs, all
 * changed by a parse.  A lent world is its borrower's alone, so two imports
 * on two threads each parse in a world of their own and nothing is swapped
 * under the other's feet.  The pool grows to the number of imports and
 * exports that ran at the same time, and one thread's loads reuse one
 * world, as before the pool.  (The importer's second thread never touches
 * raptor.)
 *
 * raptor interns every URI it makes in one search tree, a fifth of the time
 * of a parse; the importer interns terms itself, so the syntaxes parse in
 * worlds with interning off.  N-Triples and N-Quads need a check first:
 * raptor 2.0.15's parser for them keeps a reference to the datatype URI of
 * every typed literal and never drops it (fixed in 2.0.16, commit
 * 3e185c37).  With interning that is one shared URI; without it, a leak per
 * literal, unless the importer drops the reference itself.  Dropping it on
 * a parser that already does would free a URI still in use, so a probe
 * parse counts the references instead of trusting a version number (a
 * distribution may carry the fix in an older version).
 *
 * Opening a world has process-wide effects in raptor.  It calls
 * curl_global_init, which a flag turns off (raptor never fetches here:
 * parsers run with RAPTOR_OPTION_NO_NET).  And it points libxml2's error
 * handler of the opening thread (libxml2 keeps one per thread) at the
 * world: that is how an RDF/XML parse reports its errors ("XML parser
 * error: ..."; without it they come worded otherwise, by another path).
 * Left there, an error on that thread would reach whoever borrows the
 * world then, and a thread that opened no world would word its errors the
 * other way.  So open_world() reads raptor's handler and puts the thread's
 * own back, and each lease points its thread's handler at the lent world
 * until it is given back.  What is left, the first xmlInitParser, runs
 * under the pool's lock.
 *
 * What a world would otherwise restart per document, the lender restarts:
 * the numbering of anonymous blank nodes (so loading one file twice gives
 * the same names) and the log handler. */
#include "rdf-private.h"
#include "src/util/tsan.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

static void
drop_message(void *user_data, raptor_log_message *message)
{
  (void)user_data;
  (void)message;
}

struct _AzkbRdfWorld {
  raptor_world *world;
  gboolean      interning;
  /* while lent: the borrowing thread's libxml2 handler, put back after */
  xmlStructuredErrorFunc saved_handler;
  void                  *saved_context;
};

/* raptor's libxml2 error handler, read at the first open (NULL before). */
static xmlStructuredErrorFunc raptor_xml_errors;

/* Called with the pool's lock held: raptor_world_open() is not safe to run
 * on two threads at once (libxml2's first initialisation). */
static AzkbRdfWorld *
open_world(gboolean interning)
{
  AzkbRdfWorld *lent = g_new0(AzkbRdfWorld, 1);
  raptor_world *w    = raptor_new_world();

  if (w == NULL)
    g_error("raptor: cannot open a world");
  if (!interning)
    raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_URI_INTERNING, 0);
  /* the generic handler serves errors without a parser: none here */
  raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_LIBXML_GENERIC_ERROR_SAVE, 0);
  raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_WWW_SKIP_INIT_FINISH, 1);
  {
    xmlStructuredErrorFunc handler = xmlStructuredError;
    void                  *context = xmlStructuredErrorContext;

    if (raptor_world_open(w) != 0)
      g_error("raptor: cannot open a world");
    if (xmlStructuredErrorContext == (void *)w)
      raptor_xml_errors = xmlStructuredError;
    xmlSetStructuredErrorFunc(context, handler);
  }
  raptor_world_set_log_handler(w, NULL, drop_message);
  lent->world     = w;
  lent->interning = interning;
  return lent;
}

/* The worlds not lent out, by interning (0 or 1); they are never freed
 * (see above), so LeakSanitizer sees them reachable from here. */
static GMutex     pool_lock;
static GPtrArray *idle[2];

static void
pool_lock_take(void)
{
  g_mutex_lock(&pool_lock);
  AZKB_TSAN_ACQUIRE(&pool_lock);
}

static void
pool_lock_give(void)
{
  AZKB_TSAN_RELEASE(&pool_lock);
  g_mutex_unlock(&pool_lock);
}

static AzkbRdfWorld *
acquire(gboolean interning, raptor_log_handler handler, void *user_data)
{
  AzkbRdfWorld          *lent = NULL;
  GPtrArray            **pool = &idle[interning ? 1 : 0];
  xmlStructuredErrorFunc xml_errors;

  pool_lock_take();
  if (*pool != NULL && (*pool)->len > 0)
    lent = g_ptr_array_steal_index_fast(*pool, (*pool)->len - 1);
  else
    lent = open_world(interning);
  xml_errors = raptor_xml_errors;
  pool_lock_give();

  /* NULL keeps raptor's "genid" prefix; the counter starts over */
  raptor_world_set_generate_bnodeid_parameters(lent->world, NULL, 0);
  raptor_world_set_log_handler(
    lent->world, user_data, handler != NULL ? handler : drop_message);
  lent->saved_handler = xmlStructuredError;
  lent->saved_context = xmlStructuredErrorContext;
  if (xml_errors != NULL)
    xmlSetStructuredErrorFunc(lent->world, xml_errors);
  return lent;
}

AzkbRdfWorld *
azkb_rdf_world_acquire(raptor_log_handler handler, void *user_data)
{
  return acquire(TRUE, handler, user_data);
}

raptor_world *
azkb_rdf_world_get(const AzkbRdfWorld *world)
{
  return world->world;
}

void
azkb_rdf_world_release(AzkbRdfWorld *world)
{
  GPtrArray **pool;

  if (world == NULL)
    return;
  raptor_world_set_log_handler(world->world, NULL, drop_message);
  xmlSetStructuredErrorFunc(world->saved_context, world->saved_handler);
  pool = &idle[world->interning ? 1 : 0];
  pool_lock_take();
  if (*pool == NULL)
    *pool = g_ptr_array_new();
  g_ptr_array_add(*pool, world);
  pool_lock_give();
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

/* One typed literal through the N-Triples parser of a plain world. */
static NtDatatype
probe_ntriples(void)
{
  AzkbRdfWorld     *lent = acquire(FALSE, NULL, NULL);
  raptor_world     *w    = lent->world;
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
  azkb_rdf_world_release(lent);
  return found;
}

static gsize nt_datatype; /* NtDatatype + 1, once probed */

static NtDatatype
ntriples_datatype(void)
{
  if (g_once_init_enter(&nt_datatype))
    g_once_init_leave(&nt_datatype, (gsize)probe_ntriples() + 1);
  return (NtDatatype)(nt_datatype - 1);
}

AzkbRdfWorld *
azkb_rdf_world_acquire_for_parser(const char        *parser,
                                  gboolean          *out_drop_datatype,
                                  raptor_log_handler handler,
                                  void              *user_data)
{
  gboolean interning = FALSE;

  *out_drop_datatype = FALSE;
  if (strcmp(parser, "ntriples") == 0 || strcmp(parser, "nquads") == 0) {
    NtDatatype how = ntriples_datatype();

    interning          = how == NT_UNKNOWN;
    *out_drop_datatype = how == NT_KEEPS;
  }
  return acquire(interning, handler, user_data);
}
