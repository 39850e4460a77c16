/* Graphviz I/O of diagrams: DOT written to and read from memory through
 * cgraph's disciplines, with IDs numbered in the order names are first
 * seen, so that the text of a graph is the same on every run. */
#include "diagram-private.h"

#include <string.h>

static int
put_gstring(void *chan, const char *text)
{
  g_string_append(chan, text);
  return 0;
}

static int
flush_nothing(void *chan)
{
  (void)chan;
  return 0;
}

/* Reading DOT back from memory (azkb_diagram_parse_dot): the channel is a
 * TextChannel, read in whatever chunks cgraph's scanner asks for. */
typedef struct {
  const char *text;
  gsize       len;
  gsize       pos;
} TextChannel;

static int
read_text(void *chan, char *buf, int size)
{
  TextChannel *in = chan;
  gsize        n  = MIN((gsize)size, in->len - in->pos);

  memcpy(buf, in->text + in->pos, n);
  in->pos += n;
  return (int)n;
}

/* agwrite writes through the graph's I/O discipline: this one appends to a
 * GString, so the DOT text can be written atomically or compared. */
static Agiodisc_t string_io = { read_text, put_gstring, flush_nothing };

/* cgraph's default ID discipline uses the address of each interned name as
 * its ID, and agwrite orders subgraphs by ID: the order of the clusters in
 * the DOT would follow malloc.  This discipline numbers names in the order
 * they are first seen instead, so the DOT text is the same on every run and
 * under every allocator (sanitizers included).  Named objects get even IDs,
 * anonymous ones odd IDs, as in cgraph's own. */
typedef struct {
  Agraph_t   *graph;
  GHashTable *ids;   /* name → ID */
  GPtrArray  *names; /* ID / 2 - 1 → name, interned with agstrdup */
  IDTYPE      anonymous;
} IdState;

static void *
id_open(Agraph_t *g, Agdisc_t *disc)
{
  IdState *state = g_new0(IdState, 1);

  (void)disc;
  state->graph     = g;
  state->names     = g_ptr_array_new();
  state->ids       = g_hash_table_new(g_str_hash, g_str_equal);
  state->anonymous = 1;
  return state;
}

static long
id_map(void *data, int objtype, char *name, IDTYPE *id, int create)
{
  IdState *state = data;
  gpointer found;

  (void)objtype;
  if (name == NULL) {
    *id = state->anonymous;
    state->anonymous += 2;
    return TRUE;
  }
  found = g_hash_table_lookup(state->ids, name);
  if (found != NULL) {
    *id = (IDTYPE)GPOINTER_TO_SIZE(found);
    return TRUE;
  }
  if (!create)
    return FALSE;
  /* agwrite tells HTML-like names from plain ones by the header agstrdup
   * puts before the string, so names must be cgraph's own strings. */
  g_ptr_array_add(state->names, agstrdup(state->graph, name));
  *id = (IDTYPE)state->names->len * 2;
  g_hash_table_insert(state->ids,
                      g_ptr_array_index(state->names, state->names->len - 1),
                      GSIZE_TO_POINTER((gsize)*id));
  return TRUE;
}

static long
id_alloc(void *data, int objtype, IDTYPE id)
{
  (void)data;
  (void)objtype;
  (void)id;
  return FALSE; /* no object is created with a caller-chosen ID */
}

static void
id_free(void *data, int objtype, IDTYPE id)
{
  (void)data;
  (void)objtype;
  (void)id;
}

static char *
id_print(void *data, int objtype, IDTYPE id)
{
  IdState *state = data;

  (void)objtype;
  if (id % 2 != 0 || id == 0 || id / 2 > state->names->len)
    return NULL;
  return g_ptr_array_index(state->names, (guint)(id / 2 - 1));
}

static void
id_close(void *data)
{
  IdState *state = data;

  for (guint i = 0; i < state->names->len; i++)
    agstrfree(state->graph, g_ptr_array_index(state->names, i));
  g_hash_table_unref(state->ids);
  g_ptr_array_unref(state->names);
  g_free(state);
}

static void
id_register(void *data, int objtype, void *obj)
{
  (void)data;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t ordered_ids = { id_open,  id_map,   id_alloc,   id_free,
                                  id_print, id_close, id_register };
static Agdisc_t   string_disc = { &AgMemDisc, &ordered_ids, &string_io };

Agraph_t *
azkb_diagram_graph_open(const char *name)
{
  return agopen((char *)name, Agdirected, &string_disc);
}

Agraph_t *
azkb_diagram_parse_dot(const char *text)
{
  TextChannel in = { text, strlen(text), 0 };

  return agread(&in, &string_disc);
}

char *
azkb_diagram_to_dot(AzkbDiagram *diagram)
{
  GString *out = g_string_new(NULL);

  agwrite(diagram->graph, out);
  return g_string_free(out, FALSE);
}
