/* The mapping between IRIs and store term names, and the syntax table.
 * Kept apart from raptor so import and export cannot disagree on it. */
#include "rdf-private.h"

#include <string.h>

static const AzkbRdfSyntax syntaxes[] = {
  { "turtle", "turtle", "turtle", "ttl turtle" },
  { "ntriples", "ntriples", "ntriples", "nt" },
  { "nquads", "nquads", "nquads", "nq" },
  { "trig", "trig", NULL, "trig" },
  { "rdfxml", "rdfxml", "rdfxml-abbrev", "rdf owl xml" },
  { "json", "json", "json", "json rj" },
};

gboolean
azkb_rdf_base_check(const char *base, GError **error)
{
  gsize len = base != NULL ? strlen(base) : 0;

  if (base == NULL)
    return TRUE;
  /* IRIs are minted by appending "id/SLUG": the base must be absolute and
   * end where a path segment or fragment starts. */
  if (!g_uri_is_valid(base, G_URI_FLAGS_NONE, NULL) || len == 0 ||
      (base[len - 1] != '/' && base[len - 1] != '#')) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "base IRI “%s” is not an absolute IRI ending in / or #",
                base);
    return FALSE;
  }
  return TRUE;
}

void
azkb_rdf_base_init(AzkbRdfBase *b, const char *base)
{
  azkb_iri_base_init(b, base != NULL ? base : AZKB_RDF_DEFAULT_BASE);
}

void
azkb_rdf_base_clear(AzkbRdfBase *b)
{
  azkb_iri_base_clear(b);
}

/* A local part reads back as itself only when it cannot be mistaken for a
 * prefixed name, a full IRI or a blank node. */
static gboolean
is_plain_name(const char *s, gsize len)
{
  if (len == 0 || s[0] == '<' || s[0] == '_')
    return FALSE;
  return memchr(s, ':', len) == NULL;
}

static gboolean
has_prefix(const char *iri, gsize len, const char *ns, gsize ns_len)
{
  return len > ns_len && memcmp(iri, ns, ns_len) == 0;
}

char *
azkb_rdf_iri_to_name(const AzkbRdfBase *b,
                     const char        *iri,
                     gsize              len,
                     AzkbRdfIriKind    *out_kind)
{
  AzkbRdfIriKind kind = AZKB_RDF_IRI_OTHER;
  char          *name = NULL;

  if (b != NULL && has_prefix(iri, len, b->id, b->id_len) &&
      is_plain_name(iri + b->id_len, len - b->id_len)) {
    kind = AZKB_RDF_IRI_ENTITY;
    name = g_strndup(iri + b->id_len, len - b->id_len);
  } else if (b != NULL && has_prefix(iri, len, b->onto, b->onto_len) &&
             is_plain_name(iri + b->onto_len, len - b->onto_len)) {
    kind = AZKB_RDF_IRI_ONTOLOGY;
    name = g_strndup(iri + b->onto_len, len - b->onto_len);
  } else
    for (const AzkbIriVocab *v = azkb_iri_vocabs; v->prefix != NULL; v++) {
      gsize ns_len = strlen(v->ns);

      if (has_prefix(iri, len, v->ns, ns_len) &&
          memchr(iri + ns_len, ':', len - ns_len) == NULL) {
        kind = AZKB_RDF_IRI_VOCAB;
        name = g_strdup_printf(
          "%s:%.*s", v->prefix, (int)(len - ns_len), iri + ns_len);
        break;
      }
    }
  if (name == NULL)
    name = g_strdup_printf("<%.*s>", (int)len, iri);
  if (out_kind != NULL)
    *out_kind = kind;
  return name;
}

char *
azkb_rdf_name_to_iri(const AzkbRdfBase *b,
                     const char        *name,
                     gboolean           in_ontology)
{
  const char *colon;
  gsize       len = strlen(name);

  if (g_str_has_prefix(name, "_:"))
    return NULL;
  if (name[0] == '<' && len >= 2 && name[len - 1] == '>')
    return g_strndup(name + 1, len - 2);
  colon = strchr(name, ':');
  if (colon != NULL)
    for (const AzkbIriVocab *v = azkb_iri_vocabs; v->prefix != NULL; v++)
      if (strlen(v->prefix) == (gsize)(colon - name) &&
          strncmp(name, v->prefix, colon - name) == 0)
        return g_strconcat(v->ns, colon + 1, NULL);
  return g_strconcat(in_ontology ? b->onto : b->id, name, NULL);
}

void
azkb_rdf_namespace_declare(AzkbStore         *store,
                           const AzkbRdfBase *b,
                           const char        *prefix,
                           const char        *iri)
{
  /* The form of the namespace's names, read off the name of one probe
   * IRI in it: "x" (entity or ontology), "rdfs:x" or "<...x>". */
  g_autofree char *probe = g_strconcat(iri, "x", NULL);
  AzkbRdfIriKind   kind;
  g_autofree char *name = azkb_rdf_iri_to_name(b, probe, strlen(probe), &kind);

  if (kind == AZKB_RDF_IRI_OTHER) {
    g_autofree char *head = g_strconcat("<", iri, NULL);

    azkb_store_add_namespace(store, prefix, iri, head, ">");
    return;
  }
  name[strlen(name) - 1] = '\0';
  azkb_store_add_namespace(store, prefix, iri, name, "");
}

void
azkb_rdf_add_namespace(AzkbStore  *store,
                       const char *prefix,
                       const char *iri,
                       const char *base)
{
  AzkbRdfBase b;

  azkb_rdf_base_init(&b, base);
  azkb_rdf_namespace_declare(store, &b, prefix, iri);
  azkb_rdf_base_clear(&b);
}

void
azkb_rdf_add_default_namespaces(AzkbStore *store, const char *base)
{
  AzkbRdfBase b;

  azkb_rdf_base_init(&b, base);
  azkb_rdf_namespace_declare(store, &b, "az", b.id);
  azkb_rdf_namespace_declare(store, &b, "azo", b.onto);
  for (const AzkbIriVocab *v = azkb_iri_vocabs; v->prefix != NULL; v++)
    azkb_rdf_namespace_declare(store, &b, v->prefix, v->ns);
  azkb_rdf_base_clear(&b);
}

/* 1: a byte IRIs cannot hold (space, C0 controls, DEL, <>"{}|\^`); 2: the
 * first byte of U+0080..U+00BF, a C1 control when the next is at most 9F.
 * A table: every byte of every new IRI passes through it. */
static const guint8 iri_bytes[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
  [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
  [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
  [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
  [0x1E] = 1, [0x1F] = 1, [0x20] = 1, [0x22] = 1, [0x3C] = 1, [0x3E] = 1,
  [0x5C] = 1, [0x5E] = 1, [0x60] = 1, [0x7B] = 1, [0x7C] = 1, [0x7D] = 1,
  [0x7F] = 1, [0xC2] = 2,
};

const char *
azkb_rdf_iri_bad_char(const char *iri, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    guint8 kind = iri_bytes[(guchar)iri[i]];

    if (kind == 1 || (kind == 2 && i + 1 < len && (guchar)iri[i + 1] <= 0x9F))
      return iri + i;
  }
  return NULL;
}

gboolean
azkb_rdf_kind_in_ontology(AzkbTermKind kind)
{
  if (kind & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY))
    return TRUE;
  return !(kind & (AZKB_TERM_ENTITY | AZKB_TERM_SOURCE));
}

AzkbValueKind
azkb_rdf_value_kind_for_datatype(const char *iri)
{
  static const struct {
    const char   *local;
    AzkbValueKind kind;
  } known[] = {
    { "string", AZKB_VALUE_STRING },   { "integer", AZKB_VALUE_INTEGER },
    { "decimal", AZKB_VALUE_DECIMAL }, { "boolean", AZKB_VALUE_BOOLEAN },
    { "date", AZKB_VALUE_DATE },       { "gYear", AZKB_VALUE_DATE },
    { "gYearMonth", AZKB_VALUE_DATE },
  };

  if (iri == NULL)
    return AZKB_VALUE_STRING;
  if (!g_str_has_prefix(iri, AZKB_NS_XSD))
    return AZKB_VALUE_OTHER;
  for (gsize i = 0; i < G_N_ELEMENTS(known); i++)
    if (strcmp(iri + strlen(AZKB_NS_XSD), known[i].local) == 0)
      return known[i].kind;
  return AZKB_VALUE_OTHER;
}

const char *
azkb_rdf_datatype_for_value(AzkbValueKind kind, AzkbPrecision precision)
{
  switch (kind) {
    case AZKB_VALUE_INTEGER:
      return AZKB_NS_XSD "integer";
    case AZKB_VALUE_DECIMAL:
      return AZKB_NS_XSD "decimal";
    case AZKB_VALUE_BOOLEAN:
      return AZKB_NS_XSD "boolean";
    case AZKB_VALUE_DATE:
      switch (precision) {
        case AZKB_PRECISION_YEAR:
          return AZKB_NS_XSD "gYear";
        case AZKB_PRECISION_MONTH:
          return AZKB_NS_XSD "gYearMonth";
        case AZKB_PRECISION_DAY:
        case AZKB_PRECISION_NONE:
        default:
          return AZKB_NS_XSD "date";
      }
    case AZKB_VALUE_STRING:
    case AZKB_VALUE_OTHER:
    default:
      return NULL;
  }
}

static gboolean
extension_matches(const AzkbRdfSyntax *s, const char *ext)
{
  g_auto(GStrv) exts = g_strsplit(s->extensions, " ", -1);

  return g_strv_contains((const char *const *)exts, ext);
}

const AzkbRdfSyntax *
azkb_rdf_syntax_find(const char *format, const char *path, GError **error)
{
  const char      *dot;
  g_autofree char *ext = NULL;

  if (format != NULL) {
    for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++)
      if (g_ascii_strcasecmp(format, syntaxes[i].name) == 0 ||
          extension_matches(&syntaxes[i], format))
        return &syntaxes[i];
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "unknown RDF format “%s” (known: turtle, ntriples, "
                "nquads, trig, rdfxml, json)",
                format);
    return NULL;
  }
  dot = path != NULL ? strrchr(path, '.') : NULL;
  if (dot != NULL && strchr(dot, G_DIR_SEPARATOR) == NULL) {
    ext = g_ascii_strdown(dot + 1, -1);
    for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++)
      if (extension_matches(&syntaxes[i], ext))
        return &syntaxes[i];
  }
  g_set_error(error,
              AZKB_RDF_ERROR,
              AZKB_RDF_ERROR_FORMAT,
              "%s: cannot tell the RDF syntax from the file name (.ttl, "
              ".nt, .nq, .trig, .rdf, .owl, .xml or .json)",
              path != NULL ? path : "-");
  return NULL;
}

const char *
azkb_rdf_syntax_name(const char *format, const char *path)
{
  const AzkbRdfSyntax *syntax = azkb_rdf_syntax_find(format, path, NULL);

  return syntax != NULL ? syntax->name : NULL;
}
