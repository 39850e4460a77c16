/* Intake: parsed triples to local ids, interned on a second thread.
 *
 * A batch is a byte buffer of records, one per triple:
 *   u32 line, u32 term_line, then three terms, each u32 length + key bytes.
 * The parser thread fills one batch at a time and queues it when it holds
 * BATCH_BYTES; the intake thread empties batches in order and hands them
 * back.  Only BATCHES exist, so at most that much parsed text waits.
 *
 * The term table is an id set (src/util/hash.h); keys live in a string
 * chunk, their lengths and hashes beside them.  A key is checked (no NUL,
 * valid UTF-8) only when it is new: a key found in the table was checked
 * when it went in. */
#include "intake.h"

#include "rdf-private.h"
#include "src/util/hash.h"
#include "src/util/tsan.h"

#include <string.h>

#define BATCH_BYTES (1u << 20)
#define BATCHES 4

/* Queued after the last batch: the intake thread stops. */
static GByteArray end_of_input;

/* What the table compares before the bytes of a key: a probe that meets
 * another key reads this, not the key. */
typedef struct {
  guint32 len;
  guint32 hash;
} KeyShape;

struct _AzkbIntake {
  /* parser side */
  GByteArray *batch;
  gboolean    finished;
  const char *producer_message; /* a term raptor gave that azkb cannot hold */
  guint       producer_line;

  /* hand-over (threaded only) */
  GThread     *thread;
  GAsyncQueue *full;
  GAsyncQueue *empty;
  gint         failed; /* atomic: the intake side hit a bad term */

  /* intake side */
  GStringChunk *chunk;
  GPtrArray    *keys;       /* id → key; [0] NULL */
  GArray       *shapes;     /* id → KeyShape */
  GArray       *first_line; /* id → line */
  GArray       *triples;    /* AzkbIntakeTriple */
  AzkbIdSet     table;
  char         *message; /* why a term was refused, or NULL */
  guint         message_line;
  guint32       last_subject; /* id of the previous triple's subject */
};

/* ---- hashing ---- */

static inline guint64
load64(const char *p)
{
  guint64 v;

  memcpy(&v, p, sizeof v);
  return v;
}

/* A multiply-rotate hash, eight bytes a step: keys are long IRIs that
 * share long prefixes, so the step width matters more than the mixing. */
static guint32
hash_key(const char *key, gsize len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  gsize   i = 0;

  for (; i + 8 <= len; i += 8) {
    h ^= load64(key + i);
    h *= 0xbf58476d1ce4e5b9ull;
    h = (h << 31) | (h >> 33);
  }
  if (i < len) {
    guint64 tail = 0;

    memcpy(&tail, key + i, len - i);
    h ^= tail;
    h *= 0xbf58476d1ce4e5b9ull;
  }
  h ^= h >> 29;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 32;
  return (guint32)h;
}

/* ---- the term table (intake side) ---- */

typedef struct {
  const char *bytes;
  guint32     len;
  guint32     hash;
} Key;

static inline const KeyShape *
key_shape(const AzkbIntake *in, guint32 id)
{
  return &g_array_index(in->shapes, KeyShape, id);
}

static gboolean
key_matches(gconstpointer ctx, guint32 id, gconstpointer data)
{
  const AzkbIntake *in    = ctx;
  const Key        *key   = data;
  const KeyShape   *shape = key_shape(in, id);

  return shape->hash == key->hash && shape->len == key->len &&
         memcmp(g_ptr_array_index(in->keys, id), key->bytes, key->len) == 0;
}

static guint32
key_rehash(gconstpointer ctx, guint32 id)
{
  return key_shape(ctx, id)->hash;
}

static inline guint32
table_find(const AzkbIntake *in, const Key *key)
{
  return azkb_id_set_find(&in->table, key->hash, key_matches, in, key);
}

/* Whether @iri starts with a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT /
 * "+" / "-" / "." ) ":"), as an absolute IRI does. */
static gboolean
has_scheme(const char *iri, gsize len)
{
  if (len == 0 || !g_ascii_isalpha(iri[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++) {
    if (iri[i] == ':')
      return TRUE;
    if (!g_ascii_isalnum(iri[i]) && iri[i] != '+' && iri[i] != '-' &&
        iri[i] != '.')
      return FALSE;
  }
  return FALSE;
}

/* Why @iri (@len bytes of valid UTF-8) is not an IRI, naming the character
 * and quoting the start of the IRI; NULL when it is one.  The importer
 * makes the message printable.  (transfer full) */
static char *
check_iri(const char *iri, gsize len, gboolean may_be_empty)
{
  enum { EXCERPT = 60 };
  const char      *bad = azkb_rdf_iri_bad_char(iri, len);
  const char      *end = iri + len;
  gunichar         c;
  g_autofree char *what = NULL;

  if (bad == NULL && !has_scheme(iri, len) && !may_be_empty) {
    /* RDF/JSON hands relative IRIs over unresolved; written out, they
     * would make N-Triples no parser reads back */
    if (len > EXCERPT)
      end = g_utf8_find_prev_char(iri, iri + EXCERPT + 1);
    return g_strdup_printf("IRI <%.*s%s is relative: azkb reads absolute "
                           "IRIs only (RDF/JSON does not resolve them)",
                           (int)(end - iri),
                           iri,
                           end < iri + len ? "…" : ">");
  }
  if (bad == NULL)
    return NULL;
  c    = g_utf8_get_char(bad);
  what = c > 0x20 && c != 0x7F && c < 0x80 ? g_strdup_printf("“%c”", (char)c)
                                           : g_strdup_printf("U+%04X", c);
  if (len > EXCERPT)
    end = g_utf8_find_prev_char(iri, iri + EXCERPT + 1);
  return g_strdup_printf("IRI <%.*s%s holds %s, which an IRI cannot hold",
                         (int)(end - iri),
                         iri,
                         end < iri + len ? "…" : ">",
                         what);
}

/* Why @key cannot be held, or NULL.  (transfer full) */
static char *
check_key(const char *key, gsize len)
{
  /* Keys are C strings later: a NUL inside would silently cut the term. */
  if (memchr(key, '\0', len) != NULL)
    return g_strdup("a term holds a NUL character");
  /* raptor passes IRIs through unchecked, and the store holds UTF-8 names
   * only: say so here rather than quote the bytes later. */
  if (!g_utf8_validate_len(key, len, NULL))
    return g_strdup("a term is not valid UTF-8");
  /* Nor does every parser refuse what IRIs cannot hold (N-Triples takes
   * "<a<b>"), and an export could not write it back. */
  if (key[0] == AZKB_KEY_IRI)
    return check_iri(key + 1, len - 1, FALSE);
  if (key[0] == AZKB_KEY_LITERAL) {
    const char *datatype = memchr(key, '\1', len);
    const char *lexical;

    g_assert(datatype != NULL);
    datatype++;
    lexical = memchr(datatype, '\1', (gsize)(key + len - datatype));
    g_assert(lexical != NULL);
    /* empty: a plain literal */
    return check_iri(
      datatype, (gsize)(lexical - datatype), lexical == datatype);
  }
  return NULL;
}

/* The id of @key, interned if new; 0 when it cannot be held. */
static guint32
intern(AzkbIntake *in, const char *key, gsize len, guint32 term_line)
{
  Key      k     = { key, (guint32)len, hash_key(key, len) };
  guint32  id    = table_find(in, &k);
  KeyShape shape = { k.len, k.hash };
  char    *why;
  guint32  zero = 0;

  if (id != 0)
    return id;
  why = check_key(key, len);
  if (why != NULL) {
    in->message      = why;
    in->message_line = term_line;
    return 0;
  }
  id = in->keys->len;
  g_ptr_array_add(in->keys,
                  g_string_chunk_insert_len(in->chunk, key, (gssize)len));
  g_array_append_val(in->shapes, shape);
  g_array_append_val(in->first_line, zero);
  azkb_id_set_add(&in->table, k.hash, id, key_rehash, in);
  return id;
}

static inline guint32
read32(const guint8 **p)
{
  guint32 v;

  memcpy(&v, *p, sizeof v);
  *p += sizeof v;
  return v;
}

static guint32
take_term(AzkbIntake *in, const guint8 **p, guint32 term_line)
{
  guint32     len = read32(p);
  const char *key = (const char *)*p;

  *p += len;
  return intern(in, key, len, term_line);
}

/* Subjects come in runs (every syntax groups a subject's triples): a
 * repeat of the last one costs a compare, not a lookup. */
static guint32
take_subject(AzkbIntake *in, const guint8 **p, guint32 term_line)
{
  guint32 last = in->last_subject;

  if (last != 0) {
    guint32 len;

    memcpy(&len, *p, sizeof len);
    if (key_shape(in, last)->len == len &&
        memcmp(g_ptr_array_index(in->keys, last), *p + sizeof len, len) == 0) {
      *p += sizeof len + len;
      return last;
    }
  }
  last             = take_term(in, p, term_line);
  in->last_subject = last;
  return last;
}

/* Interns a batch; FALSE at the first term that cannot be held. */
static gboolean
consume(AzkbIntake *in, const GByteArray *batch)
{
  const guint8 *p   = batch->data;
  const guint8 *end = p + batch->len;

  while (p < end) {
    AzkbIntakeTriple t;
    guint32          term_line;
    guint32         *first;

    t.line    = read32(&p);
    term_line = read32(&p);
    if ((t.s = take_subject(in, &p, term_line)) == 0 ||
        (t.p = take_term(in, &p, term_line)) == 0 ||
        (t.o = take_term(in, &p, term_line)) == 0)
      return FALSE;
    first = &g_array_index(in->first_line, guint32, t.s);
    if (*first == 0)
      *first = t.line;
    g_array_append_val(in->triples, t);
  }
  return TRUE;
}

static gpointer
intake_thread(gpointer data)
{
  AzkbIntake *in = data;
  GByteArray *batch;

  while ((batch = g_async_queue_pop(in->full)) != &end_of_input) {
    AZKB_TSAN_ACQUIRE(batch);
    /* after a failure, batches still go back: the parser may wait on one */
    if (!g_atomic_int_get(&in->failed) && !consume(in, batch))
      g_atomic_int_set(&in->failed, TRUE);
    g_byte_array_set_size(batch, 0);
    AZKB_TSAN_RELEASE(batch);
    g_async_queue_push(in->empty, batch);
  }
  return NULL;
}

/* ---- the parser side ---- */

/* A key as up to five pieces of bytes, so that its length is known before
 * anything is copied. */
typedef struct {
  const void *data[5];
  gsize       len[5];
  guint       n;
  gsize       total;
} Pieces;

static void
piece(Pieces *k, const void *data, gsize len)
{
  k->data[k->n] = data;
  k->len[k->n]  = len;
  k->n++;
  k->total += len;
}

/* @t's key; NULL, or why it has none (static text). */
static const char *
key_pieces(const raptor_term *t, Pieces *k)
{
  size_t               n;
  const unsigned char *s;

  k->n     = 0;
  k->total = 0;
  switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
      s = raptor_uri_as_counted_string(t->value.uri, &n);
      piece(k, "<", 1);
      piece(k, s, n);
      return NULL;
    case RAPTOR_TERM_TYPE_BLANK:
      piece(k, "_", 1);
      piece(k, t->value.blank.string, t->value.blank.string_len);
      return NULL;
    case RAPTOR_TERM_TYPE_LITERAL:
      piece(k, "\"", 1);
      /* \1 separates the key's parts, so the parts before the lexical
       * form cannot hold one (neither a language tag nor an IRI may) */
      if (t->value.literal.language != NULL) {
        if (memchr(t->value.literal.language,
                   '\1',
                   t->value.literal.language_len) != NULL)
          return "a language tag holds U+0001";
        piece(k, t->value.literal.language, t->value.literal.language_len);
      }
      piece(k, "\1", 1);
      if (t->value.literal.datatype != NULL) {
        s = raptor_uri_as_counted_string(t->value.literal.datatype, &n);
        if (memchr(s, '\1', n) != NULL)
          return "a datatype IRI holds U+0001, which an IRI cannot hold";
        /* RDF 1.1: "x"^^xsd:string is the plain literal "x". */
        if (strcmp((const char *)s, AZKB_NS_XSD "string") != 0)
          piece(k, s, n);
      }
      piece(k, "\1", 1);
      piece(k, t->value.literal.string, t->value.literal.string_len);
      return NULL;
    case RAPTOR_TERM_TYPE_UNKNOWN:
    default:
      return "a term of unknown type";
  }
}

static guint8 *
put32(guint8 *at, guint32 v)
{
  memcpy(at, &v, sizeof v);
  return at + sizeof v;
}

static guint8 *
put_key(guint8 *at, const Pieces *k)
{
  at = put32(at, (guint32)k->total);
  for (guint i = 0; i < k->n; i++) {
    memcpy(at, k->data[i], k->len[i]);
    at += k->len[i];
  }
  return at;
}

static void
hand_over(AzkbIntake *in)
{
  if (in->batch->len == 0)
    return;
  if (in->thread == NULL) {
    if (in->message == NULL && !consume(in, in->batch))
      in->failed = TRUE;
    g_byte_array_set_size(in->batch, 0);
    return;
  }
  AZKB_TSAN_RELEASE(in->batch);
  g_async_queue_push(in->full, in->batch);
  in->batch = g_async_queue_pop(in->empty);
  AZKB_TSAN_ACQUIRE(in->batch);
}

gboolean
azkb_intake_add(AzkbIntake        *in,
                const raptor_term *subject,
                const raptor_term *predicate,
                const raptor_term *object,
                guint32            line,
                guint32            term_line)
{
  Pieces      k[3];
  const char *why;
  guint64     need;
  guint       at;
  guint8     *p;

  g_return_val_if_fail(!in->finished, FALSE);

  if (in->producer_message != NULL || g_atomic_int_get(&in->failed))
    return FALSE;
  if ((why = key_pieces(subject, &k[0])) != NULL ||
      (why = key_pieces(predicate, &k[1])) != NULL ||
      (why = key_pieces(object, &k[2])) != NULL) {
    in->producer_message = why;
    in->producer_line    = term_line;
    return FALSE;
  }
  need = 2 * sizeof(guint32) + 3 * sizeof(guint32) + (guint64)k[0].total +
         k[1].total + k[2].total;
  if (need > G_MAXUINT32 / 2) {
    in->producer_message = "a term is too long";
    in->producer_line    = term_line;
    return FALSE;
  }
  at = in->batch->len;
  g_byte_array_set_size(in->batch, at + (guint)need);
  p = in->batch->data + at;
  p = put32(p, line);
  p = put32(p, term_line);
  p = put_key(p, &k[0]);
  p = put_key(p, &k[1]);
  put_key(p, &k[2]);
  if (in->batch->len >= BATCH_BYTES)
    hand_over(in);
  return TRUE;
}

gboolean
azkb_intake_finish(AzkbIntake *in, const char **out_message, guint *out_line)
{
  if (!in->finished) {
    in->finished = TRUE;
    hand_over(in);
    if (in->thread != NULL) {
      g_async_queue_push(in->full, &end_of_input);
      g_thread_join(g_steal_pointer(&in->thread));
    }
  }
  /* The intake's refusal came from an earlier triple than the parser's
   * (the parser stops adding at its own), so it is the one to report. */
  if (in->message != NULL) {
    *out_message = in->message;
    *out_line    = in->message_line;
    return FALSE;
  }
  if (in->producer_message != NULL) {
    *out_message = in->producer_message;
    *out_line    = in->producer_line;
    return FALSE;
  }
  return TRUE;
}

/* ---- life ---- */

/* A batch holds BATCH_BYTES and the triple that crosses that mark. */
static GByteArray *
new_batch(void)
{
  return g_byte_array_sized_new(BATCH_BYTES + 4096);
}

AzkbIntake *
azkb_intake_new(gboolean threaded)
{
  AzkbIntake *in   = g_new0(AzkbIntake, 1);
  KeyShape    none = { 0, 0 };
  guint32     zero = 0;

  in->chunk  = g_string_chunk_new(256 * 1024);
  in->keys   = g_ptr_array_new();
  in->shapes = g_array_new(FALSE, FALSE, sizeof(KeyShape));
  /* every term is asked for once before it is held: half full keeps
   * those lookups short, as the intake's own table was */
  in->table.max_fill = 50;
  in->first_line     = g_array_new(FALSE, FALSE, sizeof(guint32));
  in->triples        = g_array_new(FALSE, FALSE, sizeof(AzkbIntakeTriple));
  g_ptr_array_add(in->keys, NULL); /* id 0 is "none" */
  g_array_append_val(in->shapes, none);
  g_array_append_val(in->first_line, zero);
  in->batch = new_batch();
  if (threaded) {
    in->full  = g_async_queue_new();
    in->empty = g_async_queue_new();
    for (guint i = 1; i < BATCHES; i++)
      g_async_queue_push(in->empty, new_batch());
    in->thread = g_thread_new("azkb-intake", intake_thread, in);
  }
  return in;
}

void
azkb_intake_free(AzkbIntake *in)
{
  const char *message;
  guint       line;

  if (in == NULL)
    return;
  azkb_intake_finish(in, &message, &line); /* joins the thread */
  if (in->full != NULL) {
    GByteArray *b;

    while ((b = g_async_queue_try_pop(in->empty)) != NULL)
      g_byte_array_unref(b);
    g_async_queue_unref(in->full);
    g_async_queue_unref(in->empty);
  }
  g_byte_array_unref(in->batch);
  g_string_chunk_free(in->chunk);
  g_ptr_array_unref(in->keys);
  g_array_unref(in->shapes);
  g_array_unref(in->first_line);
  g_array_unref(in->triples);
  azkb_id_set_clear(&in->table);
  g_free(in->message);
  g_free(in);
}

/* ---- the table ---- */

guint
azkb_intake_n_terms(const AzkbIntake *in)
{
  return in->keys->len;
}

const char *
azkb_intake_key(const AzkbIntake *in, guint32 id)
{
  return g_ptr_array_index(in->keys, id);
}

guint32
azkb_intake_lookup(const AzkbIntake *in, const char *key)
{
  gsize len = strlen(key);
  Key   k   = { key, (guint32)len, hash_key(key, len) };

  return table_find(in, &k);
}

guint32
azkb_intake_first_line(const AzkbIntake *in, guint32 id)
{
  return g_array_index(in->first_line, guint32, id);
}

const AzkbIntakeTriple *
azkb_intake_triples(const AzkbIntake *in, guint *out_n)
{
  *out_n = in->triples->len;
  return (const AzkbIntakeTriple *)in->triples->data;
}
