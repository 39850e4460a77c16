/* Versioned graphs: a push that uploads each replacement into a graph of
 * its own and publishes it with one triple, so that readers see the old
 * data or the new, whole, on any store (Virtuoso 7.2.5 lets a reader see
 * part of a MOVE; bench/virtuoso-move-readers), and nothing is copied.
 *
 * The catalog graph (AZKB_REMOTE_CATALOG) holds two kinds of triples:
 *   <V> azkb:versionOf <G>   written before V is uploaded, so that a push
 *                            that dies half way leaves a graph the next
 *                            push knows to remove;
 *   <G> azkb:published <V>   the switch: one INSERT DATA of one triple;
 *   <G> azkb:replaced <V>    a push in place removed G's pointers, the
 *                            newest to V: kept after V is gone, so that
 *                            what was published once is known (below).
 * The current version of G is its newest published one.  A version IRI is
 * G + "-azkb-v" + 10 digits + "-" + 8 hex digits (a random tag, so that
 * two pushes at once never write into one graph): its string order is the
 * order of its number, so a reader that knows no more than SPARQL finds
 * the current version with ORDER BY DESC(STR(?v)) LIMIT 1.  The old
 * pointer is not deleted at the switch: a reader reading the catalog
 * while it changes sees the old pointer, or both (and takes the newer),
 * never none; pointers go with their graphs, at the next push but one.
 *
 * A version noted and never published may be under way: a push that is
 * still uploading it, or one that died.  No push can tell which, so none
 * removes such a version while it might still be published: only once a
 * version numbered as high was published (the catalog's floor), when the
 * push uploading it, if any, can only fail as superseded.  A push in place
 * removes the pointers, and with them what was published: it marks the
 * newest as replaced first, so the floor never goes down.  (Without the
 * mark, the push in place after it found nothing published, took every
 * version noted for one a dead push left, and removed one that another
 * push was uploading and would have published.)
 *
 * IRIs read from the catalog are used only if they have exactly that
 * form for G (anything else someone wrote there is not followed), so what
 * goes back into an update is text azkb made. */
#include "remote-private.h"

#include <string.h>

#define VERSION_MARK "-azkb-v"
#define VERSION_DIGITS 10
#define VERSION_TAG 8

/* The number of @iri if it is a version IRI of @graph; 0 if not. */
guint64
remote_version_number(const char *graph, const char *iri)
{
  gsize       glen = strlen(graph);
  const char *p;
  guint64     n = 0;

  if (strncmp(iri, graph, glen) != 0 ||
      strncmp(iri + glen, VERSION_MARK, strlen(VERSION_MARK)) != 0)
    return 0;
  p = iri + glen + strlen(VERSION_MARK);
  for (int i = 0; i < VERSION_DIGITS; i++, p++) {
    if (!g_ascii_isdigit(*p))
      return 0;
    n = n * 10 + (guint64)(*p - '0');
  }
  if (*p++ != '-')
    return 0;
  for (int i = 0; i < VERSION_TAG; i++, p++)
    if (!g_ascii_isxdigit(*p) || g_ascii_isupper(*p))
      return 0;
  return *p == '\0' ? n : 0;
}

/* The highest number ten digits hold. */
#define VERSION_MAX G_GUINT64_CONSTANT(9999999999)

/* The version of @c numbered @number (one of its lists holds it). */
static const char *
version_numbered(const RemoteCatalog *c, guint64 number)
{
  GArray *lists[] = { c->published, c->made, c->replaced };

  for (guint a = 0; a < G_N_ELEMENTS(lists); a++)
    for (guint i = 0; lists[a] != NULL && i < lists[a]->len; i++)
      if (g_array_index(lists[a], RemoteVersion, i).number == number)
        return g_array_index(lists[a], RemoteVersion, i).iri;
  return "";
}

char *
remote_version_next(const char          *graph,
                    const RemoteCatalog *c,
                    guint64             *out_number,
                    GError             **error)
{
  /* One past ten digits would not be of the version form: readers would
   * not follow it, and the push's own check would blame another push.
   * No push counts that far (one a second for 300 years): the entry was
   * written by hand, or by something that is not azkb. */
  if (c->newest >= VERSION_MAX) {
    const char *v = version_numbered(c, c->newest);

    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the catalog graph <" AZKB_REMOTE_CATALOG "> names version "
                "%" G_GUINT64_FORMAT " of graph <%s> (<%s>), the highest "
                "number a version IRI holds (ten digits), so no newer "
                "version can be made; no versioned push counts that far: "
                "remove that version's entries from the catalog "
                "(<%s> <" AZKB_REMOTE_PUBLISHED "> <%s>, <%s> "
                "<" AZKB_REMOTE_VERSION_OF "> <%s>) and push again",
                c->newest,
                graph,
                v,
                graph,
                v,
                v,
                graph);
    return NULL;
  }
  *out_number = c->newest + 1;
  return g_strdup_printf("%s" VERSION_MARK "%010" G_GUINT64_FORMAT "-%08x",
                         graph,
                         *out_number,
                         g_random_int());
}

/* Newer: by number, then by tag (the string order, as documented). */
static int
version_compare(const RemoteVersion *a, const RemoteVersion *b)
{
  if (a->number != b->number)
    return a->number < b->number ? -1 : 1;
  return strcmp(a->iri, b->iri);
}

static void
version_clear(gpointer data)
{
  g_free(((RemoteVersion *)data)->iri);
}

/* The IRIs in column 0 of @t that are versions of @graph, in @out; the
 * number of rows that were not. */
static guint
collect(const AzkbRemoteTable *t, const char *graph, GArray *out)
{
  guint foreign = 0;

  for (guint r = 0; r < azkb_remote_table_n_rows(t); r++) {
    const AzkbRemoteTerm *cell = azkb_remote_table_cell(t, r, 0);
    RemoteVersion         v    = { 0 };

    if (cell->kind == AZKB_REMOTE_IRI)
      v.number = remote_version_number(graph, cell->value);
    if (v.number == 0) {
      foreign++;
      continue;
    }
    v.iri = g_strdup(cell->value);
    g_array_append_val(out, v);
  }
  return foreign;
}

typedef enum { LIST_PUBLISHED, LIST_MADE, LIST_REPLACED } CatalogList;

/* The versions the catalog lists for @graph: published (<G> published ?v),
 * made (?v versionOf <G>) or replaced (<G> replaced ?v). */
static AzkbRemoteTable *
catalog_select(AzkbRemote *remote,
               const char *graph,
               CatalogList list,
               GError    **error)
{
  g_autofree char *q = NULL;

  if (list == LIST_MADE)
    q = g_strdup_printf("SELECT DISTINCT ?v WHERE { GRAPH "
                        "<" AZKB_REMOTE_CATALOG "> { ?v "
                        "<" AZKB_REMOTE_VERSION_OF "> <%s> } }",
                        graph);
  else
    q = g_strdup_printf("SELECT DISTINCT ?v WHERE { GRAPH "
                        "<" AZKB_REMOTE_CATALOG "> { <%s> <%s> ?v } }",
                        graph,
                        list == LIST_PUBLISHED ? AZKB_REMOTE_PUBLISHED
                                               : AZKB_REMOTE_REPLACED);
  return azkb_remote_select(remote, q, NULL, error);
}

/* The highest number in @list, or 0. */
static guint64
highest(const GArray *list)
{
  guint64 n = 0;

  for (guint i = 0; list != NULL && i < list->len; i++)
    n = MAX(n, g_array_index(list, RemoteVersion, i).number);
  return n;
}

static GArray *
version_list_new(void)
{
  GArray *list = g_array_new(FALSE, TRUE, sizeof(RemoteVersion));

  g_array_set_clear_func(list, version_clear);
  return list;
}

gboolean
remote_catalog_read(AzkbRemote    *remote,
                    const char    *graph,
                    gboolean       with_made,
                    RemoteCatalog *out,
                    GError       **error)
{
  g_autoptr(AzkbRemoteTable) pub = NULL;
  g_autoptr(AzkbRemoteTable) reg = NULL;
  g_autoptr(AzkbRemoteTable) rep = NULL;

  memset(out, 0, sizeof *out);
  if (!remote_check_iri("graph", graph, error))
    return FALSE;
  if ((pub = catalog_select(remote, graph, LIST_PUBLISHED, error)) == NULL ||
      (with_made &&
       ((reg = catalog_select(remote, graph, LIST_MADE, error)) == NULL ||
        (rep = catalog_select(remote, graph, LIST_REPLACED, error)) == NULL))) {
    /* The first request of a command that reads a graph: say it was this
     * one, not the command's own query, that failed. */
    g_prefix_error(error,
                   "looking up the versions of graph <%s> in the catalog "
                   "graph <" AZKB_REMOTE_CATALOG ">: ",
                   graph);
    return FALSE;
  }
  out->published = version_list_new();
  out->made      = version_list_new();
  out->replaced  = version_list_new();
  out->foreign   = collect(pub, graph, out->published);
  if (reg != NULL)
    collect(reg, graph, out->made);
  if (rep != NULL)
    collect(rep, graph, out->replaced);
  for (guint i = 0; i < out->published->len; i++) {
    const RemoteVersion *v = &g_array_index(out->published, RemoteVersion, i);
    if (out->current == NULL || version_compare(v, out->current) > 0)
      out->current = v;
  }
  out->floor  = MAX(highest(out->published), highest(out->replaced));
  out->newest = MAX(out->floor, highest(out->made));
  return TRUE;
}

void
remote_catalog_clear(RemoteCatalog *c)
{
  g_clear_pointer(&c->published, g_array_unref);
  g_clear_pointer(&c->made, g_array_unref);
  g_clear_pointer(&c->replaced, g_array_unref);
  c->current = NULL;
}

void
remote_catalog_set_before(RemoteCatalog *c, const char *version, guint64 number)
{
  RemoteVersion own = { (char *)version, number };

  c->current = NULL;
  c->floor   = 0;
  if (c->published == NULL)
    return;
  for (guint i = 0; i < c->published->len; i++) {
    const RemoteVersion *v = &g_array_index(c->published, RemoteVersion, i);

    if (version_compare(v, &own) < 0 &&
        (c->current == NULL || version_compare(v, c->current) > 0))
      c->current = v;
  }
  if (c->current != NULL)
    c->floor = c->current->number;
  for (guint i = 0; c->replaced != NULL && i < c->replaced->len; i++) {
    const RemoteVersion *v = &g_array_index(c->replaced, RemoteVersion, i);

    if (version_compare(v, &own) < 0)
      c->floor = MAX(c->floor, v->number);
  }
}

char *
azkb_remote_current_graph(AzkbRemote *remote, const char *graph, GError **error)
{
  RemoteCatalog c;
  char         *current;

  g_return_val_if_fail(remote != NULL && graph != NULL, NULL);
  /* A reader needs the pointers only: one query. */
  if (!remote_catalog_read(remote, graph, FALSE, &c, error))
    return NULL;
  if (c.current == NULL && c.foreign > 0) {
    remote_catalog_clear(&c);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the catalog graph <" AZKB_REMOTE_CATALOG "> publishes a "
                "version of graph <%s> that is not a version azkb made "
                "(<GRAPH-azkb-vNUMBER-TAG>); azkb reads no graph it does "
                "not know",
                graph);
    return NULL;
  }
  current = g_strdup(c.current != NULL ? c.current->iri : graph);
  remote_catalog_clear(&c);
  return current;
}

/* ---- the push's side ---- */

char *
remote_version_note_text(const char *verb,
                         const char *graph,
                         const char *version)
{
  return g_strdup_printf("%s DATA { GRAPH <" AZKB_REMOTE_CATALOG "> { <%s> "
                         "<" AZKB_REMOTE_VERSION_OF "> <%s> } }",
                         verb,
                         version,
                         graph);
}

gboolean
remote_version_note(AzkbRemote *remote,
                    const char *graph,
                    const char *version,
                    GError    **error)
{
  g_autofree char *note = remote_version_note_text("INSERT", graph, version);

  if (azkb_remote_update(remote, note, error))
    return TRUE;
  g_prefix_error(error,
                 "push failed before its upload (the catalog's note of the "
                 "new version); graph <%s> is unchanged: ",
                 graph);
  return FALSE;
}

gboolean
remote_version_may_publish(AzkbRemote *remote,
                           const char *graph,
                           const char *version,
                           guint64     number,
                           GError    **error)
{
  g_auto(RemoteCatalog) c = { 0 };
  gboolean noted          = FALSE;

  if (!remote_catalog_read(remote, graph, TRUE, &c, error))
    return FALSE;
  for (guint i = 0; i < c.made->len && !noted; i++)
    noted = strcmp(g_array_index(c.made, RemoteVersion, i).iri, version) == 0;
  if (c.current != NULL && c.current->number >= number &&
      strcmp(c.current->iri, version) != 0) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_SUPERSEDED,
                "%s: another push of graph <%s> published version <%s> "
                "meanwhile, numbered %" G_GUINT64_FORMAT " against this "
                "push's %" G_GUINT64_FORMAT ": it began after this one (or "
                "at the same moment) and published first, and readers read "
                "it; this push's version would never be read, so it is not "
                "published.  Push again to publish this data",
                noted ? "superseded"
                      : "this push's version was removed while it "
                        "uploaded (a push removes the older versions it "
                        "finds: it cannot tell one under way from one "
                        "that died)",
                graph,
                c.current->iri,
                c.current->number,
                number);
    return FALSE;
  }
  /* Published once, then replaced by a push in place: this version began
   * before that one, which readers were sent to, so it lost as it would
   * have had the pointer stayed (and a push that finds a version numbered
   * this high published once may have removed this one already). */
  for (guint i = 0; i < c.replaced->len; i++) {
    const RemoteVersion *r = &g_array_index(c.replaced, RemoteVersion, i);

    if (r->number < number || strcmp(r->iri, version) == 0)
      continue;
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_SUPERSEDED,
                "superseded: another push of graph <%s> published version "
                "<%s> meanwhile, numbered %" G_GUINT64_FORMAT " against this "
                "push's %" G_GUINT64_FORMAT ", and a push in place has "
                "replaced it since: that push began after this one (or at "
                "the same moment) and published first, and readers read it "
                "before the push in place; this push's older data is not "
                "published.  Push again to publish this data",
                graph,
                r->iri,
                r->number,
                number);
    return FALSE;
  }
  if (!noted) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_SUPERSEDED,
                "version <%s> of graph <%s> was removed while this push "
                "uploaded it (the catalog graph <" AZKB_REMOTE_CATALOG "> no "
                "longer notes it); readers read what they read before.  "
                "Push again to publish this data",
                version,
                graph);
    return FALSE;
  }
  return TRUE;
}

/* Whether readers of @graph now find @version; NULL if it cannot be read.
 * Runs despite an interrupt: the caller must know what readers see. */
static char *
current_now(AzkbRemote *remote, const char *graph, GError **error)
{
  gboolean was = remote->cleaning_up;
  char    *now;

  remote->cleaning_up = TRUE;
  now                 = azkb_remote_current_graph(remote, graph, error);
  remote->cleaning_up = was;
  return now;
}

gboolean
remote_version_publish(AzkbRemote *remote,
                       const char *graph,
                       const char *version,
                       double     *out_seconds,
                       GError    **error)
{
  g_autofree char *insert =
    g_strdup_printf("INSERT DATA { GRAPH <" AZKB_REMOTE_CATALOG "> { <%s> "
                    "<" AZKB_REMOTE_PUBLISHED "> <%s> } }",
                    graph,
                    version);
  g_autofree char *now   = NULL;
  gint64           start = g_get_monotonic_time();
  GError          *local = NULL;

  if (!azkb_remote_update(remote, insert, &local)) {
    /* The answer may be lost after the server did it: ask. */
    now = current_now(remote, graph, NULL);
    if (now == NULL) {
      g_propagate_prefixed_error(
        error,
        local,
        "push failed at the switch (the catalog's pointer to version <%s>); "
        "readers of graph <%s> see its old data or the new version, each "
        "whole and both kept, which cannot be told now: ask the catalog "
        "once the server answers (the next versioned push removes the one "
        "not current): ",
        version,
        graph);
      return FALSE;
    }
    if (strcmp(now, version) != 0) {
      g_propagate_prefixed_error(
        error,
        local,
        "push failed at the switch (the catalog's pointer); graph <%s> is "
        "unchanged, its readers read <%s>; the new version <%s> stays until "
        "the next versioned push of the graph removes it: ",
        graph,
        now,
        version);
      return FALSE;
    }
    g_clear_error(&local);
  }
  *out_seconds = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
  if (now == NULL && (now = current_now(remote, graph, error)) == NULL) {
    g_prefix_error(error,
                   "version <%s> of graph <%s> is published, but the "
                   "catalog could not be read back: ",
                   version,
                   graph);
    return FALSE;
  }
  if (strcmp(now, version) == 0)
    return TRUE;
  /* Another push checked and published at the same moment: the later
   * pointer wins when its version is newer, and ours may have been read
   * in between, so it stays for the next push to remove. */
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_SUPERSEDED,
              "version <%s> of graph <%s> is published, but readers find "
              "<%s>: another push published a newer version at the same "
              "moment; this one stays, for readers that found it, until "
              "the next versioned push removes it",
              version,
              graph,
              now);
  return FALSE;
}

/* The update removing the pointer `<@graph> published <@v>`, one triple.
 * (transfer full) */
static char *
pointer_delete_text(const char *graph, const char *v)
{
  return g_strdup_printf("DELETE DATA { GRAPH <" AZKB_REMOTE_CATALOG "> { <%s> "
                         "<" AZKB_REMOTE_PUBLISHED "> <%s> } }",
                         graph,
                         v);
}

/* The update removing @graph's pointers to anything that is not one of its
 * versions (a literal, a blank node, another IRI): the text of the
 * version form, as remote_version_number() reads it, as a regular
 * expression in a SPARQL string (escaped for both).  @graph passed
 * remote_check_iri(), so it holds no quote, backslash, brace or bar; what else
 * is special in a regular expression is escaped.  Number 0 is of the form
 * but no version (remote_version_number() returns 0, so readers count it
 * as foreign): it goes too, or it would be left alone after the push and
 * readers would fail on it.  (transfer full) */
static char *
foreign_delete_text(const char *graph)
{
  g_autoptr(GString) re = g_string_new("^");

  for (const char *p = graph; *p; p++) {
    /* `\.` in the expression is `\\.` in the SPARQL string, whose only
     * escapes are ECHAR's: a bare `\.` is a syntax error (Virtuoso:
     * "Bad escape sequence"). */
    if (strchr(".$*+?()[]", *p) != NULL)
      g_string_append(re, "\\\\");
    g_string_append_c(re, *p);
  }
  g_string_append_printf(
    re, VERSION_MARK "[0-9]{%d}-[0-9a-f]{%d}$", VERSION_DIGITS, VERSION_TAG);
  return g_strdup_printf(
    "DELETE { GRAPH <" AZKB_REMOTE_CATALOG "> { <%s> "
    "<" AZKB_REMOTE_PUBLISHED "> ?v } } WHERE { GRAPH "
    "<" AZKB_REMOTE_CATALOG "> { <%s> <" AZKB_REMOTE_PUBLISHED "> ?v } "
    "FILTER (!isIRI(?v) || !REGEX(STR(?v), \"%s\") || "
    "REGEX(STR(?v), \"" VERSION_MARK "0{%d}-[0-9a-f]{%d}$\")) }",
    graph,
    graph,
    re->str,
    VERSION_DIGITS,
    VERSION_TAG);
}

/* The update adding (@verb "INSERT") or removing ("DELETE") the mark that
 * a push in place replaced @graph's version @v.  (transfer full) */
static char *
replaced_text(const char *verb, const char *graph, const char *v)
{
  return g_strdup_printf("%s DATA { GRAPH <" AZKB_REMOTE_CATALOG "> { <%s> "
                         "<" AZKB_REMOTE_REPLACED "> <%s> } }",
                         verb,
                         graph,
                         v);
}

/* Before the pointers go: mark the newest as replaced, so that the floor
 * (what was published once) stays where it is without them.  Older marks
 * go after it: one mark, the highest, holds the floor. */
static gboolean
mark_replaced(AzkbRemote          *remote,
              const char          *graph,
              const RemoteCatalog *catalog,
              char               **out_update,
              GError             **error)
{
  const RemoteVersion *newest = catalog->current;

  if (newest == NULL || newest->number <= highest(catalog->replaced))
    return TRUE;
  *out_update = replaced_text("INSERT", graph, newest->iri);
  if (!azkb_remote_update(remote, *out_update, error))
    return FALSE;
  for (guint i = 0; catalog->replaced != NULL && i < catalog->replaced->len;
       i++) {
    g_autofree char *drop = replaced_text(
      "DELETE", graph, g_array_index(catalog->replaced, RemoteVersion, i).iri);
    g_autoptr(GError) local = NULL;

    if (!azkb_remote_update(remote, drop, &local))
      g_debug("push: an old mark stays (%s): %s", drop, local->message);
  }
  return TRUE;
}

static int
version_order(gconstpointer a, gconstpointer b)
{
  return version_compare(a, b);
}

/* A store may let readers see part of an update that deletes many
 * triples (Virtuoso 7.2.5 lets them see part of a MOVE), and one DELETE of
 * all the pointers could then show them an older pointer alone, and send
 * them to a version about to be dropped.  (On Virtuoso 7.2.5 one DELETE
 * of 2,001 pointers showed no reader a part in 77,635 lookups; the order
 * below is for what a store does not promise.)  So the pointers go one
 * triple at a time, in an order where every state a reader can meet
 * resolves to what it resolved to before, or to @graph itself:
 *   1. pointers to what is no version of @graph: readers pass them over
 *      while a version is published, and would fail on them alone, so
 *      they go while the versions still stand;
 *   2. the versions' pointers, oldest first, one DELETE DATA each: until
 *      the last, the newest is still published and readers read it;
 *      deleting the newest's sends them to @graph, which the MOVE has
 *      already filled.
 * Before them all, the newest is marked as replaced (mark_replaced()).
 * No version graph is dropped here: remote_version_retire() drops a
 * version only after its pointer, and keeps the one readers read last.
 * A pointer another push published after @catalog was read stays: that
 * push published after this one's MOVE, and the later publish wins. */
gboolean
remote_version_unpublish(AzkbRemote          *remote,
                         const char          *graph,
                         const RemoteCatalog *catalog,
                         GError             **error)
{
  g_autoptr(GArray) order = NULL;
  g_autofree char *update = NULL;

  if (catalog->published == NULL ||
      (catalog->published->len == 0 && catalog->foreign == 0))
    return TRUE;
  if (!mark_replaced(remote, graph, catalog, &update, error))
    goto failed;
  if (catalog->foreign > 0) {
    g_free(update);
    update = foreign_delete_text(graph);
    if (!azkb_remote_update(remote, update, error))
      goto failed;
  }
  order = g_array_sized_new(
    FALSE, FALSE, sizeof(RemoteVersion), catalog->published->len);
  g_array_append_vals(order, catalog->published->data, catalog->published->len);
  g_array_sort(order, version_order);
  for (guint i = 0; i < order->len; i++) {
    g_free(update);
    update =
      pointer_delete_text(graph, g_array_index(order, RemoteVersion, i).iri);
    if (!azkb_remote_update(remote, update, error))
      goto failed;
  }
  return TRUE;

failed:
  g_prefix_error(error,
                 "graph <%s> holds the new data, but the catalog still "
                 "publishes versions of it, and azkb's readers read the "
                 "newest: remove the pointers <%s> <" AZKB_REMOTE_PUBLISHED
                 "> ?v from graph <" AZKB_REMOTE_CATALOG "> one at a time, "
                 "oldest first (the next was “%s”), or push again: ",
                 graph,
                 graph,
                 update);
  return FALSE;
}

/* Run @drop, the DROP of @v, until @v counts no triple (three times at
 * most): its note goes only then, or a graph no note names would stay.
 * (Once, in remote-versions' "mixed modes" on a busy machine, a version
 * whose DROP had answered success still held triples after its note was
 * gone, in 3 of 3 rounds; not seen again in 11.) */
static gboolean
drop_until_empty(AzkbRemote *remote,
                 const char *v,
                 const char *drop,
                 guint       patience,
                 GError    **error)
{
  guint64 n = 0;

  for (guint attempt = 0; attempt < 3; attempt++) {
    if (!remote_update_patiently(remote, drop, patience, error) ||
        !azkb_remote_count(remote, v, &n, error))
      return FALSE;
    if (n == 0)
      return TRUE;
  }
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_MISMATCH,
              "graph <%s> still holds %" G_GUINT64_FORMAT " triples after "
              "three DROPs",
              v,
              n);
  return FALSE;
}

/* Remove version @v of @graph: its pointer (so no reader is sent there),
 * its triples, its note. */
static gboolean
drop_version(AzkbRemote *remote,
             const char *graph,
             const char *v,
             guint       patience,
             GError    **error)
{
  g_autofree char *unpublish = pointer_delete_text(graph, v);
  /* On Virtuoso, row by row (autocommit, logged): one transaction for
   * the whole graph would pass TransactionAfterImageLimit for a large one,
   * and no reader looks at this graph any more. */
  g_autofree char *drop = g_strdup_printf(
    "%sDROP SILENT GRAPH <%s>",
    remote_is_virtuoso(remote) ? "DEFINE sql:log-enable 3 " : "",
    v);
  g_autofree char *forget = remote_version_note_text("DELETE", graph, v);

  return azkb_remote_update(remote, unpublish, error) &&
         drop_until_empty(remote, v, drop, patience, error) &&
         azkb_remote_update(remote, forget, error) &&
         sync_record_forget(remote, v, error);
}

void
remote_version_retire(AzkbRemote          *remote,
                      const char          *graph,
                      const RemoteCatalog *catalog,
                      guint64              below,
                      const char          *keep,
                      guint                patience,
                      AzkbRemotePushStats *stats)
{
  g_autoptr(GHashTable) done = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pub  = g_hash_table_new(g_str_hash, g_str_equal);
  gint64 start               = g_get_monotonic_time();

  if (catalog->published == NULL)
    return;
  for (guint i = 0; i < catalog->published->len; i++)
    g_hash_table_add(pub,
                     g_array_index(catalog->published, RemoteVersion, i).iri);
  for (guint a = 0; a < 2; a++) {
    GArray *list = a ? catalog->made : catalog->published;

    for (guint i = 0; i < list->len; i++) {
      const RemoteVersion *v  = &g_array_index(list, RemoteVersion, i);
      g_autoptr(GError) local = NULL;

      /* A version noted and not published, numbered above every version
       * published before (the floor): a push may be uploading it still,
       * and may publish it (after a push in place, nothing else is
       * published), or it died (a push after a newer version's removes
       * it).  Dropping it under a push that uploads left one chunk of it
       * behind, committed after that push's own DROP had counted the
       * graph empty (Virtuoso 7.2.5, 2 of 16 runs of remote-versions'
       * two pushes); and before the floor, a push in place dropped one
       * that its push would have published (remote-versions, "mixed
       * modes"). */
      if (a == 1 && !g_hash_table_contains(pub, v->iri) &&
          v->number > catalog->floor)
        continue;
      if (v->number >= below || v == catalog->current ||
          (catalog->current != NULL &&
           strcmp(v->iri, catalog->current->iri) == 0) ||
          strcmp(v->iri, keep) == 0 || !g_hash_table_add(done, v->iri))
        continue;
      if (drop_version(remote, graph, v->iri, patience, &local))
        stats->dropped++;
      else
        g_debug("push: version <%s> stays for the next push: %s",
                v->iri,
                local->message);
    }
  }
  stats->cleanup_seconds =
    (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
}
