/* azkb — fuzz DOT writing: labels of any kind through azkb_diagram_new(),
 * agwrite (azkb_diagram_to_dot()) and back through agread.
 *
 * The input is split at NUL bytes into up to five texts: the labels of two
 * entities, the name of the relation between them, the title, and the
 * --base; each is made valid UTF-8 (the importer guarantees that much of
 * every label).  Invariants:
 *   - the diagram is built, and its DOT is read back by agread with both
 *     nodes, the edge and the legend;
 *   - no attribute read back holds a control character, and none of the
 *     values holds a token longer than cgraph's scanner accepts;
 *   - a node has a link only if it is http(s) with a host;
 *   - the SVG that gvc renders from it is valid UTF-8 without the control
 *     characters XML 1.0 forbids.
 */
#include "fuzz.h"

#include <azkb/diagram.h>
#include <graphviz/cgraph.h>
#include <string.h>

enum { N_TEXTS = 5, SCANNER_LIMIT = 16384 };

static void
split(const uint8_t *data, size_t size, char *texts[N_TEXTS])
{
  const uint8_t *p   = data;
  const uint8_t *end = data + size;

  for (int i = 0; i < N_TEXTS; i++) {
    const uint8_t *nul  = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
    const uint8_t *stop = nul ? nul : end;

    texts[i] = g_utf8_make_valid((const char *)p, p < end ? stop - p : 0);
    p        = nul ? nul + 1 : end;
  }
}

static gboolean
has_control(const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);

    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
      return TRUE;
  }
  return FALSE;
}

/* cgraph's scanner refuses a token of SCANNER_LIMIT bytes or more.  A
 * quoted string is one token; an HTML-like string is scanned a run of
 * [^<>\n] at a time, so a long legend of short cells reads back. */
static gboolean
fits_scanner(const char *value)
{
  if (!aghtmlstr((char *)value))
    return strlen(value) < SCANNER_LIMIT;
  for (const char *p = value; *p != '\0'; p++) {
    size_t run = strcspn(p, "<>\n");

    if (run >= SCANNER_LIMIT)
      return FALSE;
    p += run;
    if (*p == '\0')
      break;
  }
  return TRUE;
}

static void
check_attributes(Agraph_t *g, void *obj, int kind)
{
  for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym != NULL;
       sym          = agnxtattr(g, kind, sym)) {
    const char *value = agxget(obj, sym);

    FUZZ_CHECK(g_utf8_validate(value, -1, NULL));
    FUZZ_CHECK(!has_control(value));
    FUZZ_CHECK(fits_scanner(value));
  }
}

static void
check_read_back(const char *dot)
{
  Agraph_t *g = agmemread(dot);
  Agnode_t *a;
  Agnode_t *b;

  FUZZ_CHECK(g != NULL);
  a = agnode(g, (char *)"A", FALSE);
  b = agnode(g, (char *)"B", FALSE);
  FUZZ_CHECK(a != NULL && b != NULL);
  FUZZ_CHECK(agsubg(g, (char *)"cluster_legend", FALSE) != NULL);
  FUZZ_CHECK(agfstout(g, a) != NULL && aghead(agfstout(g, a)) == b);
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
    const char *url = agget(n, (char *)"URL");

    check_attributes(g, n, AGNODE);
    for (Agedge_t *e = agfstout(g, n); e != NULL; e = agnxtout(g, e))
      check_attributes(g, e, AGEDGE);
    /* Schemes are case-insensitive (RFC 3986 3.1): `HTTP://` is http. */
    if (url != NULL && *url != '\0')
      FUZZ_CHECK(g_ascii_strncasecmp(url, "http://", 7) == 0 ||
                 g_ascii_strncasecmp(url, "https://", 8) == 0);
  }
  check_attributes(g, g, AGRAPH);
  agclose(g);
}

static void
check_svg(AzkbDiagram *diagram)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg   = azkb_diagram_render(diagram, "svg", "dot", &error);
  gsize       len;
  const char *text;

  FUZZ_CHECK(svg != NULL);
  text = g_bytes_get_data(svg, &len);
  FUZZ_CHECK(g_utf8_validate(text, (gssize)len, NULL));
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar)text[i];

    FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
  }
}

static void
add(AzkbStore *store, const char *id, const char *label)
{
  AzkbTermId e = azkb_store_add_entity(store, id);

  azkb_store_add_class(store, e, azkb_store_intern(store, "Country"));
  if (*label != '\0')
    azkb_store_add_label(store, e, label, "en", AZKB_LABEL_PREFERRED);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  g_autoptr(AzkbStore) store     = azkb_store_new();
  g_autoptr(AzkbDiagram) diagram = NULL;
  g_autoptr(GError) error        = NULL;
  g_autofree char   *dot         = NULL;
  char              *texts[N_TEXTS];
  AzkbDiagramOptions opts = { 0 };
  AzkbInterval       time = { 0 };

  fuzz_setup();
  split(data, size, texts);
  add(store, "A", texts[0]);
  add(store, "B", texts[1]);
  /* A relation is named by an IRI: the name of one is never empty. */
  azkb_store_add_statement(
    store,
    azkb_store_lookup(store, "A"),
    azkb_store_intern(store, *texts[2] ? texts[2] : "memberOf"),
    azkb_store_lookup(store, "B"),
    &time);
  opts.title = *texts[3] ? texts[3] : NULL;
  opts.base  = *texts[4] ? texts[4] : NULL;
  diagram    = azkb_diagram_new(store, &opts, &error);
  FUZZ_CHECK(diagram != NULL);
  dot = azkb_diagram_to_dot(diagram);
  check_read_back(dot);
  check_svg(diagram);
  for (int i = 0; i < N_TEXTS; i++)
    g_free(texts[i]);
  return 0;
}
