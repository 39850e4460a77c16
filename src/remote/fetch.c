/* The part of a SPARQL store's graph that one entity card, timeline or
 * connection needs, read into a fresh local store, so that the same local
 * code prints it as it prints a local one.
 *
 * What is read around a set of nodes X (one CONSTRUCT with VALUES over X,
 * answered as N-Triples):
 *   - every triple with a node of X as subject or object (the direct
 *     triples of its statements, its classes, labels and attributes);
 *   - whole, every statement node whose rdf:subject, rdf:object or
 *     prov:wasDerivedFrom is in X (its time, sources and qualifiers);
 *   - the labels and classes of every node at the other end of those
 *     (names to print), and the sources of X's statements whole (their
 *     paragraph text, for show --sources).
 * The statements of X are thus all there, each exactly as in the server's
 * graph.  Lines are kept once each (a set), and the whole is imported with
 * the ordinary RDF import at the end, so its checks and caps apply.
 *
 * A connection is found by reading balls around both ends, a level at a
 * time on the side with the smaller frontier: with every statement at the
 * nodes within distance r_a of FROM (less than r_a) and r_b of TO read,
 * every connection of at most r_a + r_b hops lies in what was read (each
 * hop touches a node within reach of one side), and what was read holds
 * no connection the graph lacks.  So the shortest connections found there
 * within r_a + r_b hops are the graph's own; the search stops at the first
 * level where there are any, or when r_a + r_b reaches the hop limit (or a
 * side has nothing left to read): then there is none. */
#include "remote-private.h"
#include "src/util/iri.h"

#include <string.h>

#define DEFAULT_MAX_TRIPLES ((guint64)1000000)
/* Nodes in one VALUES: a short query for any server. */
#define NODES_PER_READ 100u
/* Entities a name may match before it is refused as too vague. */
#define MAX_CANDIDATES 50u

typedef struct {
  AzkbRemote *remote;
  const char *graph;
  const char *base;
  guint64     max_triples;
  GHashTable *lines;     ///< char *: every triple read, N-Triples, once
  GPtrArray  *new_lines; ///< char * (owned by lines): of the last read
  NtLines     split;
  NtTerm      t[3];
  /// While not NULL: only triples whose object is one of these terms
  /// (N-Triples) are kept.
  GHashTable *keep_objects;
} Fetch;

static gboolean
on_line(gpointer data, const char *line, gsize len, GError **error)
{
  Fetch   *f = data;
  GString *out;

  if (len == 0 || line[0] == '#')
    return TRUE;
  if (!nt_parse_line(line, len, f->t)) {
    g_autofree char *e = remote_escape_text(line, len, 200);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the server's N-Triples hold a line azkb cannot read: “%s”",
                e);
    return FALSE;
  }
  /* Written again by azkb: one spelling per triple, whatever the
   * server's escaping, so that a set finds repeats. */
  out = g_string_new(NULL);
  for (int i = 0; i < 3; i++) {
    gsize start = out->len;

    nt_append_term(out,
                   f->t[i].kind,
                   f->t[i].value->str,
                   f->t[i].datatype->str,
                   f->t[i].lang->str);
    if (i == 2 && f->keep_objects != NULL &&
        !g_hash_table_contains(f->keep_objects, out->str + start)) {
      g_string_free(out, TRUE);
      return TRUE;
    }
    g_string_append_c(out, ' ');
  }
  g_string_append(out, ".");
  if (g_hash_table_contains(f->lines, out->str)) {
    g_string_free(out, TRUE);
    return TRUE;
  }
  if (g_hash_table_size(f->lines) >= f->max_triples) {
    g_string_free(out, TRUE);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_TOO_LARGE,
                "the part of the graph this needs is larger than the limit "
                "of %" G_GUINT64_FORMAT " triples; azkb stopped reading",
                f->max_triples);
    return FALSE;
  }
  g_ptr_array_add(f->new_lines, out->str);
  g_hash_table_add(f->lines, g_string_free(out, FALSE));
  return TRUE;
}

static gboolean
on_data(const char *data, gsize len, gpointer user_data, GError **error)
{
  Fetch *f = user_data;

  return nt_lines_feed(&f->split, data, len, error);
}

static void
fetch_init(Fetch      *f,
           AzkbRemote *remote,
           const char *graph,
           const char *base,
           guint64     max_triples)
{
  memset(f, 0, sizeof *f);
  f->remote      = remote;
  f->graph       = graph;
  f->base        = base;
  f->max_triples = max_triples ? max_triples : DEFAULT_MAX_TRIPLES;
  f->lines       = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  f->new_lines   = g_ptr_array_new();
  nt_lines_init(&f->split, on_line, f);
  for (int i = 0; i < 3; i++)
    nt_term_init(&f->t[i]);
}

static void
fetch_clear(Fetch *f)
{
  g_ptr_array_unref(f->new_lines);
  g_hash_table_unref(f->lines);
  nt_lines_clear(&f->split);
  for (int i = 0; i < 3; i++)
    nt_term_clear(&f->t[i]);
}

/* One CONSTRUCT, its answer streamed into the set of lines. */
static gboolean
construct(Fetch *f, const char *query, GError **error)
{
  g_autoptr(GString) form = g_string_new("query=");
  HttpRequest req         = { .method       = "POST",
                              .url          = f->remote->endpoint,
                              .content_type = "application/x-www-form-urlencoded",
                              .accept       = "application/n-triples",
                              .stream       = on_data,
                              .stream_data  = f };

  g_string_append_uri_escaped(form, query, NULL, FALSE);
  if (f->graph != NULL) {
    g_string_append(form, "&default-graph-uri=");
    g_string_append_uri_escaped(form, f->graph, NULL, FALSE);
  }
  req.body     = form->str;
  req.body_len = form->len;
  g_string_truncate(f->split.partial, 0);
  return remote_http(f->remote, &req, NULL, error) &&
         nt_lines_finish(&f->split, error);
}

/* The names of a node: what show, timeline and path print of a node at
 * the other end of a statement (a statement node's type would make it a
 * node in part, which the import refuses). */
#define NAMES                                                                  \
  "VALUES ?np { <" AZKB_NS_RDF "type> <" AZKB_NS_RDFS "label> <" AZKB_NS_SKOS  \
  "prefLabel> "                                                                \
  "<" AZKB_NS_SKOS "altLabel> } FILTER(?l != <" AZKB_NS_RDF "Statement>)"
/* The ontology's relations and classes, whole. */
#define ONTOLOGY                                                               \
  "CONSTRUCT { ?r ?p ?o } WHERE { VALUES ?k { <" AZKB_NS_OWL                   \
  "ObjectProperty> <" AZKB_NS_OWL "DatatypeProperty> <" AZKB_NS_OWL            \
  "Class> <" AZKB_NS_RDF "Property> } ?r a "                                   \
  "?k . ?r ?p ?o }"

static gboolean
is_iri(const char *term, const char *iri)
{
  gsize n = strlen(iri);

  return term[0] == '<' && strncmp(term + 1, iri, n) == 0 &&
         term[n + 1] == '>' && term[n + 2] == '\0';
}

/* Predicates that the import never makes an edge of. */
static gboolean
is_not_edge(const char *p)
{
  return is_iri(p, AZKB_NS_RDF "type") || is_iri(p, AZKB_NS_RDFS "label") ||
         is_iri(p, AZKB_NS_SKOS "prefLabel") ||
         is_iri(p, AZKB_NS_SKOS "altLabel") ||
         is_iri(p, AZKB_NS_RDFS "subClassOf") ||
         is_iri(p, AZKB_NS_RDFS "domain") || is_iri(p, AZKB_NS_RDFS "range");
}

/* The N-Triples terms of @line's subject, predicate and object: three
 * pieces (the object may hold spaces). */
static void
split_triple(const char *line, char **s, char **p, char **o)
{
  NtTerm t[3];

  for (int i = 0; i < 3; i++)
    nt_term_init(&t[i]);
  if (nt_parse_line(line, strlen(line), t)) {
    char **out[3] = { s, p, o };

    for (int i = 0; i < 3; i++) {
      GString *g = g_string_new(NULL);
      nt_append_term(
        g, t[i].kind, t[i].value->str, t[i].datatype->str, t[i].lang->str);
      *out[i] = g_string_free(g, FALSE);
    }
  } else
    *s = *p = *o = NULL;
  for (int i = 0; i < 3; i++)
    nt_term_clear(&t[i]);
}

/* What is read around nodes X, in queries whose every pattern starts from
 * a node given in VALUES (Virtuoso 7 plans a join such as "statement
 * nodes about X, then their ends' labels" so badly that it times out on a
 * graph of 4M triples, while each step alone takes milliseconds): the
 * triples of X and those pointing at X (not a class's members, not a
 * statement node's rdf:predicate: a node comes whole or not at all, or
 * the import refuses it); then the statement nodes that point at X,
 * whole; then the names of every node at the other end and the sources of
 * the statement nodes, whole.  Statement nodes alone make their
 * statements, so the direct triples of the statements citing X are not
 * needed. */
#define WHOLE "CONSTRUCT { ?x ?p ?o } WHERE {", "?x ?p ?o }"
#define POINTING                                                               \
  "CONSTRUCT { ?s ?p ?x } WHERE {",                                            \
    "?s ?p ?x FILTER(?p != <" AZKB_NS_RDF "type> && ?p != <" AZKB_NS_RDF       \
    "predicate>) }"
#define NAMED "CONSTRUCT { ?x ?np ?l } WHERE {", NAMES " ?x ?np ?l }"

/* CONSTRUCT @head VALUES ?x { @terms } @tail, over @terms in groups. */
static gboolean
query_over(Fetch      *f,
           const char *head,
           const char *tail,
           GPtrArray  *terms,
           GError    **error)
{
  for (guint at = 0; at < terms->len; at += NODES_PER_READ) {
    g_autoptr(GString) q = g_string_new(head);

    g_string_append(q, " VALUES ?x {");
    for (guint i = at; i < MIN(at + NODES_PER_READ, terms->len); i++)
      g_string_append_printf(q, " %s", (const char *)terms->pdata[i]);
    g_string_append(q, " } ");
    g_string_append(q, tail);
    if (!construct(f, q->str, error))
      return FALSE;
  }
  return TRUE;
}

/* Add IRI @term to @set and @list unless it is there or in @skip. */
static void
add_iri(GHashTable *set, GPtrArray *list, GHashTable *skip, const char *term)
{
  if (term[0] != '<' || g_hash_table_contains(skip, term) ||
      g_hash_table_contains(set, term))
    return;
  g_hash_table_add(set, g_strdup(term));
  g_ptr_array_add(list, g_strdup(term));
}

static gboolean
is_about(const char *p)
{
  return is_iri(p, AZKB_NS_RDF "subject") || is_iri(p, AZKB_NS_RDF "object") ||
         is_iri(p, AZKB_NS_PROV "wasDerivedFrom");
}

static gboolean
read_around_iris(Fetch *f, GPtrArray *iris, GError **error)
{
  g_autoptr(GHashTable) x =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  /* one set a list: a node may be a name here and a source there */
  g_autoptr(GHashTable) in_nodes =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_names =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_sources =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) nodes   = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) names   = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func(g_free);
  guint first                  = f->new_lines->len, mid;

  for (guint i = 0; i < iris->len; i++)
    g_hash_table_add(x, g_strdup(iris->pdata[i]));
  if (!query_over(f, WHOLE, iris, error) ||
      !query_over(f, POINTING, iris, error))
    return FALSE;
  for (guint i = first; i < f->new_lines->len; i++) {
    char *s, *p, *o;

    split_triple(f->new_lines->pdata[i], &s, &p, &o);
    if (s == NULL)
      continue;
    if (g_hash_table_contains(x, o) && is_about(p))
      add_iri(in_nodes, nodes, x, s);
    else if (g_hash_table_contains(x, o))
      add_iri(in_names, names, x, s);
    if (g_hash_table_contains(x, s))
      add_iri(in_names, names, x, o);
    g_free(s), g_free(p), g_free(o);
  }
  mid = f->new_lines->len;
  if (!query_over(f, WHOLE, nodes, error))
    return FALSE;
  for (guint i = mid; i < f->new_lines->len; i++) {
    char *s, *p, *o;

    split_triple(f->new_lines->pdata[i], &s, &p, &o);
    if (s == NULL)
      continue;
    if (is_iri(p, AZKB_NS_RDF "subject") || is_iri(p, AZKB_NS_RDF "object"))
      add_iri(in_names, names, x, o);
    else if (is_iri(p, AZKB_NS_PROV "wasDerivedFrom"))
      add_iri(in_sources, sources, x, o);
    g_free(s), g_free(p), g_free(o);
  }
  return query_over(f, NAMED, names, error) &&
         query_over(f, WHOLE, sources, error);
}

/* The triples whose object is one of @literals (N-Triples terms), and
 * what lies around their subjects.  Not asked with the literal in the
 * query: Virtuoso 7 matches a literal there by value ("1"^^xsd:integer
 * finds "true"^^xsd:boolean) and writes the query's term into the answer,
 * a triple the graph does not hold, whatever the filter (=, sameTerm,
 * DATATYPE).  So the graph's literals of the same lexical form are asked
 * for (a scan of the graph's literals) and those that are not exactly one
 * of @literals dropped here. */
static gboolean
read_around_literals(Fetch *f, GPtrArray *literals, GError **error)
{
  for (guint at = 0; at < literals->len; at += NODES_PER_READ) {
    g_autoptr(GString) q = g_string_new(
      "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o) && "
      "STR(?o) IN (");
    g_autoptr(GHashTable) keep = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) seen =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func(g_free);
    guint    first                = f->new_lines->len;
    gboolean ok;

    for (guint i = at; i < MIN(at + NODES_PER_READ, literals->len); i++) {
      const char *lit = literals->pdata[i];
      NtTerm      t[3];
      g_autoptr(GString) line = g_string_new("<urn:x:s> <urn:x:p> ");

      /* the lexical form, through the N-Triples reader */
      for (int k = 0; k < 3; k++)
        nt_term_init(&t[k]);
      g_string_append(line, lit);
      g_string_append(line, " .");
      if (nt_parse_line(line->str, line->len, t)) {
        g_string_append(q, i > at ? ", " : "");
        nt_append_term(q, AZKB_REMOTE_LITERAL, t[2].value->str, "", "");
      }
      for (int k = 0; k < 3; k++)
        nt_term_clear(&t[k]);
      g_hash_table_add(keep, (gpointer)lit);
    }
    g_string_append(q, ")) }");
    f->keep_objects = keep;
    ok              = construct(f, q->str, error);
    f->keep_objects = NULL;
    if (!ok)
      return FALSE;
    for (guint i = first; i < f->new_lines->len; i++) {
      const char *line = f->new_lines->pdata[i];
      const char *end  = strchr(line, ' ');

      if (line[0] == '<' && end != NULL) {
        char *subject = g_strndup(line, (gsize)(end - line));

        if (g_hash_table_add(seen, subject))
          g_ptr_array_add(subjects, g_strdup(subject));
      }
    }
    if (!read_around_iris(f, subjects, error))
      return FALSE;
  }
  return TRUE;
}

/* Read what lies around @nodes (N-Triples terms); the new lines are in
 * f->new_lines. */
static gboolean
read_around(Fetch *f, GPtrArray *nodes, GError **error)
{
  g_autoptr(GPtrArray) iris     = g_ptr_array_new();
  g_autoptr(GPtrArray) literals = g_ptr_array_new();

  g_ptr_array_set_size(f->new_lines, 0);
  for (guint i = 0; i < nodes->len; i++) {
    const char *n = nodes->pdata[i];

    if (n[0] == '<')
      g_ptr_array_add(iris, (gpointer)n);
    else if (n[0] == '"')
      g_ptr_array_add(literals, (gpointer)n);
  }
  return read_around_iris(f, iris, error) &&
         read_around_literals(f, literals, error);
}

/* A fresh store of every line read, through the ordinary import. */
static AzkbStore *
build_store(Fetch *f, GError **error)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GString) text    = g_string_new(NULL);
  g_autoptr(GBytes) bytes    = NULL;
  GHashTableIter it;
  gpointer       line;

  g_hash_table_iter_init(&it, f->lines);
  while (g_hash_table_iter_next(&it, &line, NULL)) {
    g_string_append(text, line);
    g_string_append_c(text, '\n');
  }
  bytes = g_bytes_new(text->str, text->len);
  if (!azkb_rdf_import_bytes(
        store, bytes, "the server's answer", "ntriples", f->base, NULL, error))
    return NULL;
  /* az:, azo: and <IRI> name terms, as in a local load */
  azkb_rdf_add_default_namespaces(store, f->base);
  return g_steal_pointer(&store);
}

/* ---- names ---- */

/* @name as the store's lookup reads it before folding case: `_` as a
 * space, runs of white space as one, none at the ends. */
static char *
spaced_name(const char *name)
{
  g_autoptr(GString) out = g_string_new(NULL);
  gboolean space         = FALSE;

  for (const char *p = name; *p; p++) {
    if (*p == '_' || g_ascii_isspace(*p)) {
      space = out->len > 0;
      continue;
    }
    if (space)
      g_string_append_c(out, ' ');
    space = FALSE;
    g_string_append_c(out, *p);
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* Can @name follow the base's id/ or ontology# in an IRI as it is? */
static gboolean
is_plain_name(const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum(*p) && strchr("_-.~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* The store term of N-Triples IRI @term (“<...>”), through the store's
 * namespaces; 0 if the store does not know it. */
static AzkbTermId
term_of(AzkbStore *store, const char *term)
{
  g_autofree char *iri = g_strndup(term + 1, strlen(term) - 2);
  AzkbTermId       id = azkb_store_resolve(store, term, AZKB_TERM_ENTITY, NULL);

  /* an IRI outside the declared namespaces is its own name */
  return id != 0 ? id : azkb_store_resolve(store, iri, AZKB_TERM_ENTITY, NULL);
}

/* The local lookup's error, its “no entity “NAME”” said of the server's
 * graph. */
static void
propagate_here(GError *local, GError **error)
{
  const char *quote = strstr(local->message, "”");

  if (g_error_matches(
        local, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY) &&
      g_str_has_prefix(local->message, "no entity “") && quote != NULL) {
    quote += strlen("”");
    g_set_error(error,
                local->domain,
                local->code,
                "%.*s in the server's graph%s",
                (int)(quote - local->message),
                local->message,
                quote);
    g_error_free(local);
  } else
    g_propagate_error(error, local);
}

/* Nothing on the server is named @name by id, IRI or label up to letter
 * case: read every name of the graph (labels, at most the fetch's
 * max_triples of them; past that, nothing more is done) and look @name up
 * among them as a local command does, which ignores accents too and
 * otherwise suggests names ("did you mean"): its error is the local one.
 * What it finds becomes the candidate (@out).  FALSE with that error. */
static gboolean
lookup_in_names(Fetch *f, const char *name, GPtrArray *out, GError **error)
{
  Fetch names;
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) local    = NULL;
  g_autoptr(GHashTable) seen =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer       line;
  AzkbTermId     entity;

  fetch_init(&names, f->remote, f->graph, f->base, f->max_triples);
  if (construct(&names,
                "CONSTRUCT { ?e ?np ?l } WHERE { ?e ?np ?l " NAMES
                " FILTER(isLiteral(?l)) }",
                &local))
    store = build_store(&names, &local);
  if (store == NULL) {
    fetch_clear(&names);
    if (g_error_matches(local, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_TOO_LARGE))
      return TRUE; /* too many names to read: no candidate */
    g_propagate_error(error, g_steal_pointer(&local));
    return FALSE;
  }
  entity = azkb_store_resolve(store, name, AZKB_TERM_ENTITY, &local);
  if (entity == 0)
    propagate_here(g_steal_pointer(&local), error);
  /* The subject IRIs read, as N-Triples terms: the one of @entity. */
  g_hash_table_iter_init(&it, names.lines);
  while (entity != 0 && g_hash_table_iter_next(&it, &line, NULL)) {
    const char *end = strstr(line, "> ");
    char       *subject;

    if (*(const char *)line != '<' || end == NULL)
      continue;
    subject = g_strndup(line, (gsize)(end + 1 - (const char *)line));
    if (g_hash_table_contains(seen, subject) ||
        term_of(store, subject) != entity) {
      g_hash_table_add(seen, subject);
      continue;
    }
    g_ptr_array_add(out, subject);
    break;
  }
  fetch_clear(&names);
  return entity != 0;
}

/* The IRIs of the entities @name may stand for, by the server: the id
 * itself (under the base's id/ or ontology#), written as <IRI>, or an
 * IRI or label equal to @name up to letter case (SPARQL LCASE; the local
 * lookup also drops accents, which a server cannot be asked to); `az:ID`
 * and `azo:ID` stand for the id under the base.  The
 * local lookup then decides among them, with all of them read. */
static GPtrArray *
find_candidates(Fetch *f, const char *name, GError **error)
{
  g_autoptr(GString) q         = g_string_new("SELECT DISTINCT ?e WHERE { ");
  g_autoptr(GString) iris      = g_string_new(NULL); /* <a> <b> */
  g_autoptr(GString) lower     = g_string_new(NULL); /* LCASE("a"), ... */
  g_autoptr(GPtrArray) ids     = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(AzkbRemoteTable) t = NULL;
  g_autofree char *spaced      = spaced_name(name);
  const char      *base = f->base != NULL ? f->base : AZKB_RDF_DEFAULT_BASE;
  GPtrArray       *out  = NULL;
  gsize            len  = strlen(name);

  if (len > 2 && name[0] == '<' && name[len - 1] == '>') {
    char *iri = g_strndup(name + 1, len - 2);

    g_ptr_array_add(ids, iri);
    if (!remote_check_iri("entity", iri, error))
      return NULL;
  } else if (g_str_has_prefix(name, "az:") && is_plain_name(name + 3))
    g_ptr_array_add(ids, g_strconcat(base, AZKB_IRI_ID, name + 3, NULL));
  else if (g_str_has_prefix(name, "azo:") && is_plain_name(name + 4))
    g_ptr_array_add(ids, g_strconcat(base, AZKB_IRI_ONTOLOGY, name + 4, NULL));
  else if (is_plain_name(name)) {
    g_ptr_array_add(ids, g_strconcat(base, AZKB_IRI_ID, name, NULL));
    g_ptr_array_add(ids, g_strconcat(base, AZKB_IRI_ONTOLOGY, name, NULL));
  }
  for (guint i = 0; i < ids->len; i++) {
    g_string_append_c(iris, ' ');
    nt_append_term(iris, AZKB_REMOTE_IRI, ids->pdata[i], "", "");
    g_string_append(lower, "LCASE(");
    nt_append_term(lower, AZKB_REMOTE_LITERAL, ids->pdata[i], "", "");
    g_string_append(lower, "), ");
  }
  if (ids->len > 0)
    g_string_append_printf(q,
                           "{ VALUES ?e {%s } { ?e ?p ?o } UNION { ?s ?p ?e } "
                           "} UNION { ?e a ?k FILTER(LCASE(STR(?e)) IN "
                           "(%.*s)) } UNION ",
                           iris->str,
                           (int)lower->len - 2,
                           lower->str);
  g_string_truncate(lower, 0);
  g_string_append(lower, "LCASE(");
  nt_append_term(lower, AZKB_REMOTE_LITERAL, name, "", "");
  g_string_append(lower, "), LCASE(");
  nt_append_term(lower, AZKB_REMOTE_LITERAL, spaced, "", "");
  g_string_append(lower, ")");
  g_string_append_printf(q,
                         "{ ?e ?np ?l " NAMES
                         " FILTER(isLiteral(?l) && LCASE(STR(?l)) IN (%s)) "
                         "} } LIMIT %u",
                         lower->str,
                         MAX_CANDIDATES + 1);
  t = azkb_remote_select(f->remote, q->str, f->graph, error);
  if (t == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func(g_free);
  for (guint r = 0; r < azkb_remote_table_n_rows(t); r++) {
    const AzkbRemoteTerm *cell = azkb_remote_table_cell(t, r, 0);
    GString              *term;

    if (cell->kind != AZKB_REMOTE_IRI)
      continue;
    term = g_string_new(NULL);
    nt_append_term(term, AZKB_REMOTE_IRI, cell->value, "", "");
    g_ptr_array_add(out, g_string_free(term, FALSE));
  }
  if (out->len == 0 && !lookup_in_names(f, name, out, error)) {
    g_ptr_array_unref(out);
    return NULL;
  }
  if (out->len > MAX_CANDIDATES) {
    g_autofree char *e = remote_escape_text(name, len, 100);
    g_set_error(error,
                AZKB_STORE_ERROR,
                AZKB_STORE_ERROR_AMBIGUOUS,
                "“%s” is ambiguous: it names more than %u entities on the "
                "server",
                e,
                MAX_CANDIDATES);
    g_ptr_array_unref(out);
    return NULL;
  }
  return out;
}

/* Resolve @name in @store as a local command does, and check that the
 * entity is one of @candidates, whose surroundings were read whole. */
static AzkbTermId
resolve(AzkbStore  *store,
        const char *name,
        GPtrArray  *candidates,
        GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *e      = remote_escape_text(name, strlen(name), 100);
  AzkbTermId entity = azkb_store_resolve(store, name, AZKB_TERM_ENTITY, &local);

  if (entity == 0) {
    /* The local message knows only what was read: say where. */
    if (g_error_matches(
          local, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY))
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_UNKNOWN_ENTITY,
                  "no entity “%s” in the server's graph",
                  e);
    else
      g_propagate_error(error, g_steal_pointer(&local));
    return 0;
  }
  for (guint i = 0; i < candidates->len; i++)
    if (term_of(store, candidates->pdata[i]) == entity)
      return entity;
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_UNSUPPORTED,
              "“%s” names an entity that the server did not list for that "
              "name (its label differs from it by more than letter case); "
              "give the entity's id",
              e);
  return 0;
}

/* Check @graph and @base; the graph to read is @graph's current version
 * (in *@out_current; NULL: the server's default graph).  FALSE on
 * failure. */
static gboolean
check_graph(AzkbRemote *remote,
            const char *graph,
            const char *base,
            char      **out_current,
            GError    **error)
{
  *out_current = NULL;
  if (graph != NULL && !remote_check_iri("graph", graph, error))
    return FALSE;
  if (base != NULL && !remote_check_iri("base", base, error))
    return FALSE;
  if (graph == NULL)
    return TRUE;
  *out_current = azkb_remote_current_graph(remote, graph, error);
  return *out_current != NULL;
}

AzkbStore *
azkb_remote_fetch_entity(AzkbRemote *remote,
                         const char *graph,
                         const char *base,
                         const char *name,
                         guint64     max_triples,
                         AzkbTermId *out_entity,
                         GError    **error)
{
  Fetch            f;
  g_autofree char *current        = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(AzkbStore) store      = NULL;

  g_return_val_if_fail(remote != NULL && name != NULL && out_entity != NULL,
                       NULL);
  if (!check_graph(remote, graph, base, &current, error))
    return NULL;
  fetch_init(&f, remote, current, base, max_triples);
  candidates = find_candidates(&f, name, error);
  if (candidates != NULL && read_around(&f, candidates, error))
    store = build_store(&f, error);
  fetch_clear(&f);
  if (store == NULL)
    return NULL;
  *out_entity = resolve(store, name, candidates, error);
  return *out_entity != 0 ? g_steal_pointer(&store) : NULL;
}

/* ---- connections ---- */

/* If one end of the edge @s – @o is in @frontier, the other end joins
 * @out, unless @seen holds it already (it joins @seen too). */
static void
add_other_end(GHashTable *frontier,
              GHashTable *seen,
              GPtrArray  *out,
              const char *s,
              const char *o)
{
  const char *other = NULL;

  if (g_hash_table_contains(frontier, s))
    other = o;
  else if (g_hash_table_contains(frontier, o))
    other = s;
  if (other != NULL && !g_hash_table_contains(seen, other)) {
    g_hash_table_add(seen, g_strdup(other));
    g_ptr_array_add(out, g_strdup(other));
  }
}

/* The nodes one statement away from @frontier (a set of N-Triples
 * terms) in the lines just read, not in @seen (which they join): the next
 * level.  Over-inclusive on purpose: a node read in vain costs a little,
 * a node missed would cost a connection. */
static GPtrArray *
next_level(Fetch *f, GHashTable *frontier, GHashTable *seen)
{
  g_autoptr(GHashTable) nodes =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) subject =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) object =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

  /* statement nodes: their ends */
  for (guint i = 0; i < f->new_lines->len; i++) {
    char *s, *p, *o;

    split_triple(f->new_lines->pdata[i], &s, &p, &o);
    if (s == NULL)
      continue;
    if (is_iri(p, AZKB_NS_RDF "subject") || is_iri(p, AZKB_NS_RDF "object"))
      g_hash_table_replace(is_iri(p, AZKB_NS_RDF "subject") ? subject : object,
                           g_strdup(s),
                           g_strdup(o));
    if (is_iri(p, AZKB_NS_RDF "subject") || is_iri(p, AZKB_NS_RDF "object") ||
        is_iri(p, AZKB_NS_RDF "predicate"))
      g_hash_table_add(nodes, g_strdup(s));
    g_free(s), g_free(p), g_free(o);
  }
  for (guint i = 0; i < f->new_lines->len; i++) {
    char *s, *p, *o;

    split_triple(f->new_lines->pdata[i], &s, &p, &o);
    if (s == NULL)
      continue;
    if (!g_hash_table_contains(nodes, s) && !is_not_edge(p) && o[0] != '_' &&
        s[0] != '_')
      add_other_end(frontier, seen, out, s, o);
    g_free(s), g_free(p), g_free(o);
  }
  {
    GHashTableIter it;
    gpointer       node, s;

    g_hash_table_iter_init(&it, subject);
    while (g_hash_table_iter_next(&it, &node, &s)) {
      const char *o = g_hash_table_lookup(object, node);

      if (o != NULL)
        add_other_end(frontier, seen, out, s, o);
    }
  }
  return out;
}

/* One side of the search: the nodes read, the next ones, how far. */
typedef struct {
  GHashTable *seen;     ///< N-Triples terms reached
  GPtrArray  *frontier; ///< reached and not read yet
  guint       radius;   ///< statements of nodes nearer than this are read
} Side;

static void
side_init(Side *side, GPtrArray *start)
{
  side->seen     = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  side->frontier = g_ptr_array_new_with_free_func(g_free);
  side->radius   = 0;
  for (guint i = 0; i < start->len; i++) {
    g_hash_table_add(side->seen, g_strdup(start->pdata[i]));
    g_ptr_array_add(side->frontier, g_strdup(start->pdata[i]));
  }
}

static void
side_clear(Side *side)
{
  g_hash_table_unref(side->seen);
  g_ptr_array_unref(side->frontier);
}

/* Read one level on @side: its frontier's surroundings; the nodes they
 * reach become its next frontier. */
static gboolean
side_step(Fetch *f, Side *side, GError **error)
{
  g_autoptr(GHashTable) frontier = g_hash_table_new(g_str_hash, g_str_equal);

  if (!read_around(f, side->frontier, error))
    return FALSE;
  for (guint i = 0; i < side->frontier->len; i++)
    g_hash_table_add(frontier, side->frontier->pdata[i]);
  {
    GPtrArray *next = next_level(f, frontier, side->seen);

    g_hash_table_remove_all(frontier); /* borrows the old frontier */
    g_ptr_array_unref(side->frontier);
    side->frontier = next;
  }
  side->radius++;
  return TRUE;
}

AzkbStore *
azkb_remote_fetch_path(AzkbRemote            *remote,
                       const char            *graph,
                       const char            *base,
                       const char            *from_name,
                       const char            *to_name,
                       const AzkbPathOptions *options,
                       guint64                max_triples,
                       AzkbTermId            *out_from,
                       AzkbTermId            *out_to,
                       GPtrArray            **out_paths,
                       GError               **error)
{
  Fetch            f;
  g_autofree char *current    = NULL;
  g_autoptr(GPtrArray) from_c = NULL;
  g_autoptr(GPtrArray) to_c   = NULL;
  g_autoptr(AzkbStore) store  = NULL;
  g_autoptr(GPtrArray) paths  = NULL;
  AzkbPathOptions o = options != NULL ? *options : (AzkbPathOptions){ 0 };
  guint           max_hops = o.max_hops ? o.max_hops : 6;
  Side            a, b;
  gboolean        ok = FALSE;

  g_return_val_if_fail(remote != NULL && from_name != NULL && to_name != NULL &&
                         out_from != NULL && out_to != NULL &&
                         out_paths != NULL,
                       NULL);
  if (!check_graph(remote, graph, base, &current, error))
    return NULL;
  fetch_init(&f, remote, current, base, max_triples);
  if ((from_c = find_candidates(&f, from_name, error)) == NULL ||
      (to_c = find_candidates(&f, to_name, error)) == NULL) {
    fetch_clear(&f);
    return NULL;
  }
  side_init(&a, from_c);
  side_init(&b, to_c);
  /* --via names relations: the ontology's declarations make them known
   * before a statement of theirs is read. */
  if (o.via != NULL && !construct(&f, ONTOLOGY, error))
    goto out;
  /* Both ends first: their names are resolved in what was read. */
  if (!side_step(&f, &a, error) || !side_step(&f, &b, error) ||
      (store = build_store(&f, error)) == NULL ||
      (*out_from = resolve(store, from_name, from_c, error)) == 0 ||
      (*out_to = resolve(store, to_name, to_c, error)) == 0)
    goto out;
  if (*out_from == *out_to) {
    paths = g_ptr_array_new();
    ok    = TRUE;
    goto out;
  }
  for (;;) {
    /* A side with nothing left to read has read its whole component:
     * every connection from it is there, of any length. */
    gboolean whole = a.frontier->len == 0 || b.frontier->len == 0;

    o.max_hops = whole ? max_hops : MIN(max_hops, a.radius + b.radius);
    g_clear_pointer(&paths, g_ptr_array_unref);
    paths = azkb_path_find(store, *out_from, *out_to, &o, error);
    if (paths == NULL)
      goto out;
    if (paths->len > 0 || whole || a.radius + b.radius >= max_hops)
      break;
    if (!side_step(&f, a.frontier->len <= b.frontier->len ? &a : &b, error))
      goto out;
    g_clear_pointer(&store, azkb_store_unref);
    if ((store = build_store(&f, error)) == NULL)
      goto out;
    /* the ends' ids in the new store */
    *out_from = resolve(store, from_name, from_c, error);
    if (*out_from == 0 || (*out_to = resolve(store, to_name, to_c, error)) == 0)
      goto out;
  }
  ok = TRUE;
out:
  side_clear(&a);
  side_clear(&b);
  fetch_clear(&f);
  if (!ok)
    return NULL;
  *out_paths = g_steal_pointer(&paths);
  return g_steal_pointer(&store);
}
