/* Intake: parsed triples to local ids, interned on a second thread.
 *
 * A batch is a byte buffer of records, one per triple:
 *   u32 line, u32 term_line, then three terms, each u32 length, u32 hash
 *   (0 from the parser, the intake's own once it has hashed the key) and
 *   the key's bytes.
 * The parser thread fills one batch at a time and queues it when it holds
 * BATCH_BYTES; the intake thread empties batches in order and hands them
 * back.  Only BATCHES exist, so at most that much parsed text waits.
 *
 * The term table is open addressing with linear probing, as the tables of
 * src/util/hash.h, but a slot holds the hash beside the id, so that a probe
 * that meets another key moves on without reading it, and a key's length
 * is stored just before its bytes, so that a lookup that finds its slot
 * reads one more place, the key.  On a large file those places are cache
 * misses (a lookup was most of the intake's time, waiting for memory), so
 * the intake reads ahead in the batch: a few triples ahead it hashes each
 * term and fetches its slot, the key's pointer and then the key into the
 * cache, each a few triples before the next needs it (consume()).  A key is
 * checked (no NUL, valid UTF-8) only when it is new: a key found in the
 * table was checked when it went in. */
#include "intake.h"

#include "rdf-private.h"
#include "src/util/tsan.h"

#include <stdlib.h>
#include <string.h>
#ifdef G_OS_UNIX
#  include <sys/mman.h>
#endif

#define BATCH_BYTES (1u << 20)
#define BATCHES 4

/* Queued after the last batch: the intake thread stops. */
static GByteArray end_of_input;

/* A slot of the term table: a term's id (0: free) and its key's hash. */
typedef struct {
  guint32 id;
  guint32 hash;
} Slot;

/* Keys are held in blocks of this many bytes, a huge page, each as its
 * u32 length, its bytes and a NUL.  A key of more than KEY_OWN_BYTES gets
 * an allocation of its own, and the block goes on: starting a new block
 * for it would leave the rest of the last unused, at most KEY_OWN_BYTES
 * of 2 MiB this way (with no bound, keys of a megabyte each took twice
 * their size). */
#define KEY_BLOCK_BYTES (2u << 20)
#define KEY_OWN_BYTES (KEY_BLOCK_BYTES / 32)

/* The most distinct terms an import holds: the term table's slots are
 * counted in 32 bits and kept at most half full, so 2^31 slots hold
 * 2^30 - 1 terms (and id 0).  AzkbRdfImportOptions.max_terms may set
 * less. */
#define MAX_TERMS ((1u << 30) - 1)

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
  GPtrArray   *blocks;     /* where the keys are held */
  char        *block_at;   /* the free part of the last block */
  gsize        block_left; /* and its size */
  const char **keys;   /* id → key (its bytes, after its length); [0] NULL */
  guint32      n_keys; /* ids given, and 0 */
  guint32      keys_room;
  guint32      max_terms;  /* distinct terms held at most */
  GArray      *first_line; /* id → line */
  GByteArray  *kinds;      /* id → AZKB_KEY_*, the key's first byte */
  GArray      *triples;    /* AzkbIntakeTriple */
  Slot        *slots;      /* the term table */
  guint32      mask;       /* its slots - 1 (a power of two) */
  char        *message;    /* why a term was refused, or NULL */
  guint        message_line;
  guint32      last_subject; /* id of the previous triple's subject */
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

/* The first table, in slots: grown by doubling when half full. */
#define TABLE_MIN_SLOTS 1024u

static inline const char *
key_of(const AzkbIntake *in, guint32 id)
{
  return in->keys[id];
}

/* The length of a held key, stored before its bytes. */
static inline guint32
key_len(const char *key)
{
  guint32 len;

  memcpy(&len, key - sizeof len, sizeof len);
  return len;
}

/* The id of the key @bytes (@len bytes, hashed to @hash), or 0; in
 * *@out_free the free slot where the search ended. */
static inline guint32
table_find(const AzkbIntake *in,
           const char       *bytes,
           guint32           len,
           guint32           hash,
           guint32          *out_free)
{
  for (guint32 i = hash & in->mask;; i = (i + 1) & in->mask) {
    const Slot *slot = &in->slots[i];

    if (slot->id == 0) {
      *out_free = i;
      return 0;
    }
    if (slot->hash == hash) {
      const char *key = key_of(in, slot->id);

      if (key_len(key) == len && memcmp(key, bytes, len) == 0)
        return slot->id;
    }
  }
}

/* The first id in @hash's probe run with that hash, or 0: the key a
 * lookup of @hash will most likely read.  Read ahead (consume()). */
static inline guint32
table_first(const AzkbIntake *in, guint32 hash)
{
  for (guint32 i = hash & in->mask;; i = (i + 1) & in->mask) {
    const Slot *slot = &in->slots[i];

    if (slot->id == 0 || slot->hash == hash)
      return slot->id;
  }
}

/* The size of a huge page (x86-64, arm64 with 4 KiB pages). */
#define HUGE_PAGE_BYTES (2u << 20)

/* @size bytes (zeroed if @zero) for the table, the keys and their
 * pointers, which a load reads at random: every lookup a cache miss and,
 * with 4 KiB pages, a TLB miss too (the page walk another miss before the
 * read-ahead's fetch can start).  Where the system has them, huge pages
 * take the TLB misses away.  Freed with g_free(). */
static void *
huge_alloc(gsize size, gboolean zero)
{
  void *p = NULL;

#ifdef MADV_HUGEPAGE
  if (size >= HUGE_PAGE_BYTES &&
      posix_memalign(&p, HUGE_PAGE_BYTES, size) == 0) {
    (void)madvise(p, size, MADV_HUGEPAGE); /* only advice */
    if (zero)
      memset(p, 0, size);
    return p;
  }
#endif
  return zero ? g_malloc0(size) : g_malloc(size);
}

static void
table_put(AzkbIntake *in, Slot slot)
{
  guint32 i = slot.hash & in->mask;

  while (in->slots[i].id != 0)
    i = (i + 1) & in->mask;
  in->slots[i] = slot;
}

/* Doubles the table: the hashes are in the slots, so no key is read. */
static void
table_grow(AzkbIntake *in)
{
  guint32 old_n = in->mask + 1;
  guint32 new_n = old_n * 2;
  Slot   *old   = in->slots;

  g_assert(new_n > old_n);
  in->slots = huge_alloc((gsize)new_n * sizeof(Slot), TRUE);
  in->mask  = new_n - 1;
  for (guint32 i = 0; i < old_n; i++)
    if (old[i].id != 0)
      table_put(in, old[i]);
  g_free(old);
}

/* Adds @id under @hash, at the free slot @at a lookup just ended on. */
static void
table_add(AzkbIntake *in, guint32 id, guint32 hash, guint32 at)
{
  Slot slot = { id, hash };

  /* at most half full: most lookups are of keys not yet held (every term
   * is asked for once before it is), and such a lookup runs to a free
   * slot, 2.5 slots on average at half full */
  if ((guint64)in->n_keys * 2 > (guint64)in->mask + 1) {
    table_grow(in);
    table_put(in, slot);
  } else
    in->slots[at] = slot;
}

/* Gives @key the next id. */
static guint32
add_key(AzkbIntake *in, const char *key)
{
  if (in->n_keys == in->keys_room) {
    const char **old = in->keys;

    g_assert(in->keys_room < G_MAXUINT32 / 2);
    in->keys_room *= 2;
    in->keys = huge_alloc((gsize)in->keys_room * sizeof *in->keys, FALSE);
    memcpy(in->keys, old, (gsize)in->n_keys * sizeof *in->keys);
    g_free(old);
  }
  in->keys[in->n_keys] = key;
  return in->n_keys++;
}

/* A copy of @key (@len bytes) after its length, and a NUL: keys are C
 * strings later. */
static const char *
hold_key(AzkbIntake *in, const char *key, guint32 len)
{
  gsize need = sizeof len + (gsize)len + 1;
  char *at;

  if (need > in->block_left && need > KEY_OWN_BYTES) {
    at = huge_alloc(need, FALSE);
    g_ptr_array_add(in->blocks, at);
  } else {
    if (need > in->block_left) {
      in->block_at = huge_alloc(KEY_BLOCK_BYTES, FALSE);
      g_ptr_array_add(in->blocks, in->block_at);
      in->block_left = KEY_BLOCK_BYTES;
    }
    at = in->block_at;
    in->block_at += need;
    in->block_left -= need;
  }
  memcpy(at, &len, sizeof len);
  memcpy(at + sizeof len, key, len);
  at[sizeof len + len] = '\0';
  return at + sizeof len;
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

/* The id of @key (@len bytes, hashed to @hash), interned if new; 0 when
 * it cannot be held. */
static guint32
intern(AzkbIntake *in,
       const char *key,
       guint32     len,
       guint32     hash,
       guint32     term_line)
{
  guint32 at;
  guint32 id = table_find(in, key, len, hash, &at);
  char   *why;
  guint32 zero = 0;

  if (id != 0)
    return id;
  if (in->n_keys - 1 >= in->max_terms) { /* n_keys counts id 0 */
    in->message      = g_strdup_printf("more than %u distinct terms (IRIs, "
                                       "blank nodes and literals): one "
                                       "import holds at most that many",
                                  in->max_terms);
    in->message_line = term_line;
    return 0;
  }
  why = check_key(key, len);
  if (why != NULL) {
    in->message      = why;
    in->message_line = term_line;
    return 0;
  }
  id = add_key(in, hold_key(in, key, len));
  g_array_append_val(in->first_line, zero);
  g_byte_array_append(in->kinds, (const guint8 *)key, 1);
  table_add(in, id, hash, at);
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
  guint32     len  = read32(p);
  guint32     hash = read32(p);
  const char *key  = (const char *)*p;

  *p += len;
  return intern(in, key, len, hash, term_line);
}

/* Subjects come in runs (every syntax groups a subject's triples): a
 * repeat of the last one costs a compare, not a lookup. */
static guint32
take_subject(AzkbIntake *in, const guint8 **p, guint32 term_line)
{
  guint32 last = in->last_subject;

  if (last != 0) {
    const char *key = key_of(in, last);
    guint32     len;

    memcpy(&len, *p, sizeof len);
    /* the length, the hash, the bytes */
    if (key_len(key) == len && memcmp(key, *p + 2 * sizeof len, len) == 0) {
      *p += 2 * sizeof len + len;
      return last;
    }
  }
  last             = take_term(in, p, term_line);
  in->last_subject = last;
  return last;
}

/* How far the intake reads ahead, in triples, for each of its three
 * looks (ahead()): far enough for memory to answer, near enough that
 * what it fetched is still in the cache. */
#define AHEAD 4

/* One look ahead at the terms of the record at @rec, the next record
 * returned.  Look 0 hashes each key (into the record) and fetches its slot;
 * look 1, AHEAD triples later, reads the slot and fetches the key's
 * pointer; look 2 fetches the key.  Only fetches: the table may change
 * before the triple is interned, which then finds what is there. */
static guint8 *
ahead(const AzkbIntake *in, guint8 *rec, guint look)
{
  rec += 2 * sizeof(guint32); /* line, term_line */
  for (guint t = 0; t < 3; t++) {
    guint32     len, hash, id;
    const char *key = (const char *)rec + 2 * sizeof len;

    memcpy(&len, rec, sizeof len);
    if (look == 0) {
      hash = hash_key(key, len);
      memcpy(rec + sizeof len, &hash, sizeof hash);
      __builtin_prefetch(&in->slots[hash & in->mask]);
    } else {
      memcpy(&hash, rec + sizeof len, sizeof hash);
      id = table_first(in, hash);
      if (id != 0 && look == 1)
        __builtin_prefetch(&in->keys[id]);
      else if (id != 0)
        __builtin_prefetch(key_of(in, id) - sizeof len);
    }
    rec = (guint8 *)key + len;
  }
  return rec;
}

/* Interns a batch; FALSE at the first term that cannot be held. */
static gboolean
consume(AzkbIntake *in, GByteArray *batch)
{
  const guint8 *p   = batch->data;
  const guint8 *end = p + batch->len;
  guint8       *look[3];

  /* look l is (3 - l) * AHEAD triples ahead of the triple interned: look
   * 0 hashes a triple's keys before the others read the hashes */
  for (guint l = 0; l < 3; l++) {
    look[l] = batch->data;
    for (guint k = 0; k < (3 - l) * AHEAD && look[l] < end; k++)
      look[l] = ahead(in, look[l], l);
  }
  while (p < end) {
    AzkbIntakeTriple t;
    guint32          term_line;
    guint32         *first;

    for (guint l = 0; l < 3; l++)
      if (look[l] < end)
        look[l] = ahead(in, look[l], l);
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
  at = put32(at, 0); /* the hash: the intake's work */
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
  need = 2 * sizeof(guint32) + 3 * 2 * sizeof(guint32) + (guint64)k[0].total +
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
azkb_intake_new(gboolean threaded, guint32 max_terms)
{
  AzkbIntake *in   = g_new0(AzkbIntake, 1);
  guint32     zero = 0;

  in->max_terms = max_terms == 0 ? MAX_TERMS : MIN(max_terms, MAX_TERMS);

  in->blocks     = g_ptr_array_new_with_free_func(g_free);
  in->keys_room  = 1024;
  in->keys       = g_new(const char *, in->keys_room);
  in->slots      = g_new0(Slot, TABLE_MIN_SLOTS);
  in->mask       = TABLE_MIN_SLOTS - 1;
  in->first_line = g_array_new(FALSE, FALSE, sizeof(guint32));
  in->triples    = g_array_new(FALSE, FALSE, sizeof(AzkbIntakeTriple));
  add_key(in, NULL); /* id 0 is "none" */
  g_array_append_val(in->first_line, zero);
  in->kinds = g_byte_array_new();
  g_byte_array_append(in->kinds, (const guint8 *)"", 1); /* id 0 */
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
  g_ptr_array_unref(in->blocks);
  g_free(in->keys);
  g_array_unref(in->first_line);
  g_byte_array_unref(in->kinds);
  g_array_unref(in->triples);
  g_free(in->slots);
  g_free(in->message);
  g_free(in);
}

/* ---- the table ---- */

guint
azkb_intake_n_terms(const AzkbIntake *in)
{
  return in->n_keys;
}

const char *
azkb_intake_key(const AzkbIntake *in, guint32 id)
{
  return in->keys[id];
}

guint32
azkb_intake_lookup(const AzkbIntake *in, const char *key)
{
  gsize   len = strlen(key);
  guint32 at;

  if (len > G_MAXUINT32)
    return 0;
  return table_find(in, key, (guint32)len, hash_key(key, len), &at);
}

guint8
azkb_intake_kind(const AzkbIntake *in, guint32 id)
{
  return in->kinds->data[id];
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
