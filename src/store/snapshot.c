/* Binary snapshots of a store (the format is in include/azkb/snapshot.h).
 *
 * Saving streams the store's record arrays to a temporary file as they are
 * (byte-swapped on big-endian hosts), hashing as it goes.  Loading maps the
 * file, checks it whole before building anything, copies the arrays back
 * and rebuilds the key tables: no per-record parsing and no allocation per
 * term or statement. */
#include "src/util/atomic.h"
#include "store-private.h"

#include <azkb/snapshot.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "AZKBSNAP"
#define HEADER_SIZE 32
#define TOC_ENTRY 24

typedef enum {
  S_STRS,
  S_TERM,
  S_STMT,
  S_EXTR,
  S_CLAS,
  S_LABL,
  S_ATTR,
  S_SUPR,
  S_SIGN,
  S_FILE,
  S_TLOC,
  S_SLOC,
  N_SECTIONS
} Section;

typedef struct {
  char    tag[5];
  guint32 record_size; ///< 1 for byte blobs
} SectionSpec;

static const SectionSpec sections[N_SECTIONS] = {
  [S_STRS] = { "STRS", 1 },  [S_TERM] = { "TERM", 8 },
  [S_STMT] = { "STMT", 24 }, [S_EXTR] = { "EXTR", 12 },
  [S_CLAS] = { "CLAS", 12 }, [S_LABL] = { "LABL", 12 },
  [S_ATTR] = { "ATTR", 12 }, [S_SUPR] = { "SUPR", 12 },
  [S_SIGN] = { "SIGN", 12 }, [S_FILE] = { "FILE", 1 },
  [S_TLOC] = { "TLOC", 8 },  [S_SLOC] = { "SLOC", 8 },
};

G_STATIC_ASSERT(sizeof(StmtRec) == 24);
G_STATIC_ASSERT(sizeof(ExtraRec) == 12);
G_STATIC_ASSERT(sizeof(SideRec) == 12);
G_STATIC_ASSERT(sizeof(Signature) == 12);
G_STATIC_ASSERT(sizeof(Location) == 8);

static guint32
tag_value(const char *tag)
{
  return (guint32)(guchar)tag[0] | (guint32)(guchar)tag[1] << 8 |
         (guint32)(guchar)tag[2] << 16 | (guint32)(guchar)tag[3] << 24;
}

/* ---- the checksum ----
 * XXH64's construction (four lanes of multiply-rotate rounds, then an
 * avalanche), written here for this format: it runs at memory speed, so the
 * check costs little next to the load, and any flipped bit changes it. */

#define P1 11400714785074694791ull
#define P2 14029467366897019727ull
#define P3 1609587929392839161ull
#define P4 9650029242287828579ull
#define P5 2870177450012600261ull

typedef struct {
  guint64 v[4];
  guint64 total;
  guint8  buf[32];
  gsize   n_buf;
} Hasher;

static inline guint64
rotl64(guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
read64(const guint8 *p)
{
  guint64 v;

  memcpy(&v, p, sizeof v);
  return GUINT64_FROM_LE(v);
}

static inline guint32
read32(const guint8 *p)
{
  guint32 v;

  memcpy(&v, p, sizeof v);
  return GUINT32_FROM_LE(v);
}

static inline guint64
round64(guint64 acc, guint64 input)
{
  return rotl64(acc + input * P2, 31) * P1;
}

static void
hasher_init(Hasher *h)
{
  memset(h, 0, sizeof *h);
  h->v[0] = P1 + P2;
  h->v[1] = P2;
  h->v[2] = 0;
  h->v[3] = -P1;
}

static void
hasher_stripes(Hasher *h, const guint8 *p, gsize n_stripes)
{
  guint64 v0 = h->v[0], v1 = h->v[1], v2 = h->v[2], v3 = h->v[3];

  for (gsize i = 0; i < n_stripes; i++, p += 32) {
    v0 = round64(v0, read64(p));
    v1 = round64(v1, read64(p + 8));
    v2 = round64(v2, read64(p + 16));
    v3 = round64(v3, read64(p + 24));
  }
  h->v[0] = v0, h->v[1] = v1, h->v[2] = v2, h->v[3] = v3;
}

static void
hasher_update(Hasher *h, const void *data, gsize len)
{
  const guint8 *p = data;

  h->total += len;
  if (h->n_buf > 0) {
    gsize take = MIN(len, 32 - h->n_buf);

    memcpy(h->buf + h->n_buf, p, take);
    h->n_buf += take, p += take, len -= take;
    if (h->n_buf < 32)
      return;
    hasher_stripes(h, h->buf, 1);
    h->n_buf = 0;
  }
  hasher_stripes(h, p, len / 32);
  p += len / 32 * 32;
  len %= 32;
  memcpy(h->buf, p, len);
  h->n_buf = len;
}

static guint64
hasher_finish(const Hasher *h)
{
  const guint8 *p = h->buf;
  gsize         n = h->n_buf;
  guint64       x;

  if (h->total >= 32) {
    x = rotl64(h->v[0], 1) + rotl64(h->v[1], 7) + rotl64(h->v[2], 12) +
        rotl64(h->v[3], 18);
    for (int i = 0; i < 4; i++)
      x = (x ^ round64(0, h->v[i])) * P1 + P4;
  } else
    x = P5;
  x += h->total;
  for (; n >= 8; n -= 8, p += 8)
    x = rotl64(x ^ round64(0, read64(p)), 27) * P1 + P4;
  if (n >= 4) {
    x = rotl64(x ^ (guint64)read32(p) * P1, 23) * P2 + P3;
    n -= 4, p += 4;
  }
  for (; n > 0; n--, p++)
    x = rotl64(x ^ *p * P5, 11) * P1;
  x ^= x >> 33;
  x *= P2;
  x ^= x >> 29;
  x *= P3;
  x ^= x >> 32;
  return x;
}

guint64
azkb_snapshot_checksum(const guint8 *data, gsize len)
{
  Hasher h;

  hasher_init(&h);
  hasher_update(&h, data, len);
  return hasher_finish(&h);
}

/* ---- saving ---- */

typedef struct {
  FILE   *file;
  Hasher  hash;
  guint64 pos;
  guint8 *swap; ///< scratch for big-endian hosts
} Writer;

static void
put(Writer *w, const void *data, gsize len)
{
  if (len == 0)
    return;
  /* Without a file the writer only hashes: the first pass of a snapshot
   * streamed where it cannot seek back to its checksum. */
  if (w->file != NULL)
    fwrite(data, 1, len, w->file);
  hasher_update(&w->hash, data, len);
  w->pos += len;
}

static void
put_u32(Writer *w, guint32 v)
{
  v = GUINT32_TO_LE(v);
  put(w, &v, sizeof v);
}

static void
put_u64(Writer *w, guint64 v)
{
  v = GUINT64_TO_LE(v);
  put(w, &v, sizeof v);
}

/* Write @n 32-bit words little-endian. */
static void
put_words(Writer *w, const guint32 *words, gsize n)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  put(w, words, n * sizeof(guint32));
#else
  while (n > 0) {
    gsize    k   = MIN(n, 4096);
    guint32 *out = (guint32 *)w->swap;

    for (gsize i = 0; i < k; i++)
      out[i] = GUINT32_TO_LE(words[i]);
    put(w, out, k * sizeof(guint32));
    words += k, n -= k;
  }
#endif
}

static void
pad8(Writer *w)
{
  static const guint8 zeros[8] = { 0 };

  if (w->pos % 8 != 0)
    put(w, zeros, 8 - w->pos % 8);
}

typedef struct {
  guint64 count;
  guint64 offset;
} TocEntry;

static guint64
strings_size(const AzkbStore *store)
{
  guint64 size = 0;

  for (guint32 t = 1; t < store->terms->len; t++)
    size += strlen(g_array_index(store->terms, TermRec, t).name) + 1;
  return size;
}

static guint64
files_size(const AzkbStore *store)
{
  guint64 size = 0;

  for (guint i = 0; i < store->files->len; i++)
    size += strlen(g_ptr_array_index(store->files, i)) + 1;
  return size;
}

static void
plan(const AzkbStore *store, TocEntry toc[N_SECTIONS])
{
  guint64 offset = HEADER_SIZE + (guint64)TOC_ENTRY * N_SECTIONS;

  toc[S_STRS].count = strings_size(store);
  toc[S_TERM].count = store->terms->len - 1;
  toc[S_STMT].count = store->stmts->len - 1;
  toc[S_EXTR].count = store->extras->len - 1;
  toc[S_CLAS].count = store->classes.raw->len;
  toc[S_LABL].count = store->labels.raw->len;
  toc[S_ATTR].count = store->attributes.raw->len;
  toc[S_SUPR].count = store->supers.raw->len;
  toc[S_SIGN].count = store->signatures->len;
  toc[S_FILE].count = files_size(store);
  toc[S_TLOC].count = store->term_locations ? store->term_locations->len : 0;
  toc[S_SLOC].count = store->stmt_locations ? store->stmt_locations->len : 0;
  for (int s = 0; s < N_SECTIONS; s++) {
    offset        = (offset + 7) / 8 * 8;
    toc[s].offset = offset;
    offset += toc[s].count * sections[s].record_size;
  }
}

static void
put_strings(Writer *w, const AzkbStore *store)
{
  for (guint32 t = 1; t < store->terms->len; t++) {
    const char *name = g_array_index(store->terms, TermRec, t).name;

    put(w, name, strlen(name) + 1);
  }
}

static void
put_terms(Writer *w, const AzkbStore *store)
{
  for (guint32 t = 1; t < store->terms->len; t++) {
    const TermRec *rec = &g_array_index(store->terms, TermRec, t);

    put_u32(w, rec->flags);
    put_u32(w, rec->extra);
  }
}

static void
put_array(Writer *w, const GArray *array, guint first)
{
  gsize size;

  if (array == NULL || array->len <= first)
    return;
  size = g_array_get_element_size((GArray *)array);
  put_words(w,
            (const guint32 *)(gconstpointer)(array->data + first * size),
            (array->len - first) * size / sizeof(guint32));
}

static void
put_files(Writer *w, const AzkbStore *store)
{
  for (guint i = 0; i < store->files->len; i++) {
    const char *name = g_ptr_array_index(store->files, i);

    put(w, name, strlen(name) + 1);
  }
}

static void
put_section(Writer *w, const AzkbStore *store, Section s)
{
  switch (s) {
    case S_STRS:
      put_strings(w, store);
      break;
    case S_TERM:
      put_terms(w, store);
      break;
    case S_STMT:
      put_array(w, store->stmts, 1);
      break;
    case S_EXTR:
      put_array(w, store->extras, 1);
      break;
    case S_CLAS:
      put_array(w, store->classes.raw, 0);
      break;
    case S_LABL:
      put_array(w, store->labels.raw, 0);
      break;
    case S_ATTR:
      put_array(w, store->attributes.raw, 0);
      break;
    case S_SUPR:
      put_array(w, store->supers.raw, 0);
      break;
    case S_SIGN:
      put_array(w, store->signatures, 0);
      break;
    case S_FILE:
      put_files(w, store);
      break;
    case S_TLOC:
      if (store->term_locations != NULL)
        put_array(w, store->term_locations, 0);
      break;
    case S_SLOC:
      if (store->stmt_locations != NULL)
        put_array(w, store->stmt_locations, 0);
      break;
    case N_SECTIONS:
    default:
      g_assert_not_reached();
  }
}

static gboolean
io_error(GError **error, const char *path, const char *what, int errsv)
{
  g_set_error(error,
              AZKB_STORE_ERROR,
              AZKB_STORE_ERROR_IO,
              "%s: cannot %s: %s",
              path,
              what,
              g_strerror(errsv));
  return FALSE;
}

/* Everything after the magic and the checksum (the bytes the checksum
 * covers) through @file, or only hashed when @file is NULL; returns the
 * checksum. */
static guint64
write_body(FILE *file, const AzkbStore *store)
{
  Writer   w = { .file = file };
  TocEntry toc[N_SECTIONS];
  guint64  total;

  plan(store, toc);
  total = toc[N_SECTIONS - 1].offset +
          toc[N_SECTIONS - 1].count * sections[N_SECTIONS - 1].record_size;
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  w.swap = g_malloc(4096 * sizeof(guint32));
#endif
  w.pos = 16;
  hasher_init(&w.hash);
  put_u32(&w, AZKB_SNAPSHOT_VERSION);
  put_u32(&w, N_SECTIONS);
  put_u64(&w, total);
  for (int s = 0; s < N_SECTIONS; s++) {
    put_u32(&w, tag_value(sections[s].tag));
    put_u32(&w, sections[s].record_size);
    put_u64(&w, toc[s].count);
    put_u64(&w, toc[s].offset);
  }
  for (int s = 0; s < N_SECTIONS; s++) {
    pad8(&w);
    g_assert(w.pos == toc[s].offset);
    put_section(&w, store, (Section)s);
  }
  g_free(w.swap);
  g_assert(w.pos == total);
  return hasher_finish(&w.hash);
}

/* Write the whole snapshot to @file, then its checksum at offset 8. */
static gboolean
write_snapshot(FILE *file, const AzkbStore *store)
{
  guint64 sum;

  fwrite(MAGIC "\0\0\0\0\0\0\0\0", 1, 16, file);
  sum = GUINT64_TO_LE(write_body(file, store));
  if (fseek(file, 8, SEEK_SET) != 0)
    return FALSE;
  fwrite(&sum, sizeof sum, 1, file);
  return fflush(file) == 0 && !ferror(file);
}

gboolean
azkb_snapshot_write(AzkbStore *store, FILE *out, GError **error)
{
  guint64 sum;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(out != NULL, FALSE);
  /* Two passes: the checksum comes before the bytes it covers, and a pipe
   * cannot be rewound to it. */
  sum   = GUINT64_TO_LE(write_body(NULL, store));
  errno = 0;
  fwrite(MAGIC, 1, 8, out);
  fwrite(&sum, sizeof sum, 1, out);
  write_body(out, store);
  if (fflush(out) != 0 || ferror(out))
    return io_error(error, "standard output", "write", errno ? errno : EIO);
  return TRUE;
}

gboolean
azkb_snapshot_save(AzkbStore *store, const char *path, GError **error)
{
  AzkbAtomicFile *f;
  int             errsv;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(path != NULL, FALSE);

  /* The one atomic writer: the old snapshot survives any failure or
   * signal.  The checksum is written last at offset 8, so a snapshot
   * cannot stream into a FIFO; that fails here, cleanly. */
  f = azkb_atomic_file_open(path, AZKB_STORE_ERROR, AZKB_STORE_ERROR_IO, error);
  if (f == NULL)
    return FALSE;
  setvbuf(azkb_atomic_file_stream(f), NULL, _IOFBF, 1 << 20);
  errno = 0;
  if (!write_snapshot(azkb_atomic_file_stream(f), store)) {
    errsv = errno ? errno : EIO;
    azkb_atomic_file_abort(f);
    return io_error(error, path, "write", errsv);
  }
  return azkb_atomic_file_commit(f, error);
}

/* ---- loading ---- */

typedef struct {
  const guint8 *data;
  gsize         size;
  const char   *name;
  const guint8 *at[N_SECTIONS];
  guint64       count[N_SECTIONS];
} Reader;

static gboolean corrupt(GError    **error,
                        const char *name,
                        const char *format,
                        ...) G_GNUC_PRINTF(3, 4);

static gboolean
corrupt(GError **error, const char *name, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  g_set_error(error,
              AZKB_STORE_ERROR,
              AZKB_STORE_ERROR_SNAPSHOT_CORRUPT,
              "%s: %s",
              name,
              message);
  return FALSE;
}

static gboolean
check_header(Reader *r, GError **error)
{
  guint32 version, n_sections;
  guint64 size, sum;

  if (r->size == 0)
    return corrupt(error, r->name, "truncated snapshot: an empty file");
  /* shorter than the magic: a start of it is a truncated snapshot */
  if (memcmp(r->data, MAGIC, MIN(r->size, 8)) != 0)
    return corrupt(
      error, r->name, "not an azkb snapshot (no \"" MAGIC "\" at its start)");
  if (r->size < HEADER_SIZE)
    return corrupt(error,
                   r->name,
                   "truncated snapshot: %" G_GSIZE_FORMAT
                   " bytes, shorter than the %d-byte header",
                   r->size,
                   HEADER_SIZE);
  version = read32(r->data + 16);
  if (version != AZKB_SNAPSHOT_VERSION)
    return corrupt(error,
                   r->name,
                   "snapshot format version %u; this azkb reads version %d "
                   "(write the snapshot again with this azkb)",
                   version,
                   AZKB_SNAPSHOT_VERSION);
  size = read64(r->data + 24);
  if (size != r->size)
    return corrupt(error,
                   r->name,
                   "%s snapshot: %" G_GSIZE_FORMAT
                   " bytes, its header says %" G_GUINT64_FORMAT,
                   r->size < size ? "truncated" : "damaged",
                   r->size,
                   size);
  n_sections = read32(r->data + 20);
  if (n_sections != N_SECTIONS)
    return corrupt(error,
                   r->name,
                   "damaged snapshot: %u sections, version %d has %d",
                   n_sections,
                   AZKB_SNAPSHOT_VERSION,
                   N_SECTIONS);
  sum = read64(r->data + 8);
  if (azkb_snapshot_checksum(r->data + 16, r->size - 16) != sum)
    return corrupt(
      error, r->name, "damaged snapshot: its checksum does not match");
  return TRUE;
}

static gboolean
check_toc(Reader *r, GError **error)
{
  guint64 end = HEADER_SIZE + (guint64)TOC_ENTRY * N_SECTIONS;

  if (end > r->size)
    return corrupt(error, r->name, "damaged snapshot: no section table");
  for (int s = 0; s < N_SECTIONS; s++) {
    const guint8 *e      = r->data + HEADER_SIZE + (gsize)s * TOC_ENTRY;
    guint32       size   = sections[s].record_size;
    guint64       count  = read64(e + 8);
    guint64       offset = read64(e + 16);

    if (read32(e) != tag_value(sections[s].tag) || read32(e + 4) != size)
      return corrupt(error,
                     r->name,
                     "damaged snapshot: section %d is not %s",
                     s + 1,
                     sections[s].tag);
    if (offset < end || offset % 8 != 0 || offset > r->size ||
        count > (r->size - offset) / size)
      return corrupt(error,
                     r->name,
                     "damaged snapshot: section %s lies outside the file",
                     sections[s].tag);
    r->at[s]    = r->data + offset;
    r->count[s] = count;
    end         = offset + count * size;
  }
  if (r->count[S_TERM] >= G_MAXUINT32 || r->count[S_STMT] >= G_MAXUINT32 ||
      r->count[S_EXTR] >= G_MAXUINT32)
    return corrupt(error, r->name, "damaged snapshot: too many records");
  return TRUE;
}

/* Copy @n little-endian words into @out. */
static void
copy_words(guint32 *out, const guint8 *in, gsize n)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  memcpy(out, in, n * sizeof(guint32));
#else
  for (gsize i = 0; i < n; i++)
    out[i] = read32(in + i * 4);
#endif
}

/* Append the @n records of section @s to @array (record size = element). */
static void
copy_section(GArray *array, const Reader *r, Section s)
{
  guint old = array->len;

  g_array_set_size(array, old + (guint)r->count[s]);
  copy_words(
    (guint32 *)(gpointer)(array->data + (gsize)old * sections[s].record_size),
    r->at[s],
    r->count[s] * sections[s].record_size / sizeof(guint32));
}

/* The name of @kind's lowest bit, for messages. */
static const char *
kind_name(guint32 kind)
{
  static const char *const names[] = { "entity",   "class",   "relation",
                                       "property", "literal", "source" };

  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    if (kind & (1u << i))
      return names[i];
  return "no";
}

/* The store marks a term by how it is used (store.c): a literal is of the
 * literal kind and no other, and only a literal is.  A hand-made file can
 * say otherwise behind a valid checksum; a literal marked an entity, say,
 * would be missed by azkb_store_find() and changed by a merge. */
static gboolean
check_term_kind(const Reader *r, guint32 t, guint32 flags, GError **error)
{
  guint32 kinds = flags & TERM_KIND_MASK;

  if ((flags & TERM_IS_LITERAL) == 0) {
    if (kinds & AZKB_TERM_LITERAL)
      return corrupt(error,
                     r->name,
                     "damaged snapshot: term %u is of the literal kind but "
                     "not a literal",
                     t);
    return TRUE;
  }
  if ((kinds & AZKB_TERM_LITERAL) == 0)
    return corrupt(error,
                   r->name,
                   "damaged snapshot: term %u is a literal without the "
                   "literal kind",
                   t);
  if (kinds != AZKB_TERM_LITERAL)
    return corrupt(error,
                   r->name,
                   "damaged snapshot: term %u is a literal and also of the "
                   "%s kind",
                   t,
                   kind_name(kinds & ~(guint32)AZKB_TERM_LITERAL));
  return TRUE;
}

/* @term (a valid id), used in record @index of @what, is of @kind (0:
 * any); else the error names the record. */
static gboolean
check_use(const AzkbStore *store,
          const Reader    *r,
          AzkbTermId       term,
          AzkbTermKind     kind,
          const char      *what,
          guint64          index,
          GError         **error)
{
  if (kind == 0 || (azkb_store_term_kind(store, term) & kind) != 0)
    return TRUE;
  return corrupt(error,
                 r->name,
                 "damaged snapshot: %s %" G_GUINT64_FORMAT
                 ": term %u is not of the %s kind",
                 what,
                 index,
                 term,
                 kind_name(kind));
}

static gboolean
load_terms(AzkbStore *store, const Reader *r, GError **error)
{
  const char   *blob    = (const char *)r->at[S_STRS];
  gsize         len     = r->count[S_STRS];
  guint32       n       = (guint32)r->count[S_TERM];
  const guint32 allowed = TERM_KIND_MASK | TERM_IS_LITERAL | TERM_VALUE_MASK;
  const char   *base;
  gsize         at = 0;

  if (len > 0 && blob[len - 1] != '\0')
    return corrupt(error, r->name, "damaged snapshot: unterminated names");
  /* One copy of all names; each term points into it. */
  base =
    len > 0 ? g_string_chunk_insert_len(store->chunk, blob, (gssize)len) : "";
  store->chunk_bytes = len;
  g_array_set_size(store->terms, n + 1);
  for (guint32 t = 1; t <= n; t++) {
    TermRec    *rec = &g_array_index(store->terms, TermRec, t);
    const char *name;
    gsize       name_len;
    guint32     value;

    if (at >= len)
      return corrupt(error, r->name, "damaged snapshot: too few names");
    name       = base + at;
    name_len   = strlen(name);
    rec->name  = name;
    rec->flags = read32(r->at[S_TERM] + (gsize)(t - 1) * 8);
    rec->extra = read32(r->at[S_TERM] + (gsize)(t - 1) * 8 + 4);
    value      = (rec->flags & TERM_VALUE_MASK) >> TERM_VALUE_SHIFT;
    if ((rec->flags & ~allowed) != 0 || value > AZKB_VALUE_OTHER ||
        rec->extra > n ||
        ((rec->flags & TERM_IS_LITERAL) == 0 &&
         (rec->extra != 0 || value != 0 || name_len == 0)) ||
        !g_utf8_validate(name, (gssize)name_len, NULL))
      return corrupt(error, r->name, "damaged snapshot: term %u is invalid", t);
    if (!check_term_kind(r, t, rec->flags, error))
      return FALSE;
    at += name_len + 1;
  }
  if (at != len)
    return corrupt(error, r->name, "damaged snapshot: too many names");
  /* A literal's datatype or language is a term of its own, never another
   * literal: a merge names it by its text and would make it a new term. */
  for (guint32 t = 1; t <= n; t++) {
    const TermRec *rec = &g_array_index(store->terms, TermRec, t);

    if (rec->extra != 0 &&
        (g_array_index(store->terms, TermRec, rec->extra).flags &
         TERM_IS_LITERAL) != 0)
      return corrupt(error, r->name, "damaged snapshot: term %u is invalid", t);
  }
  if (!terms_rebuild_table(store))
    return corrupt(error, r->name, "damaged snapshot: a term appears twice");
  return TRUE;
}

static gboolean
valid_id(guint32 id, guint32 n)
{
  return id >= 1 && id <= n;
}

static gboolean
load_statements(AzkbStore *store, const Reader *r, GError **error)
{
  guint32 n_terms  = store->terms->len - 1;
  guint32 n_extras = (guint32)r->count[S_EXTR];

  copy_section(store->extras, r, S_EXTR);
  for (guint32 i = 1; i <= n_extras; i++) {
    const ExtraRec *x = &g_array_index(store->extras, ExtraRec, i);

    /* Links only point forward, so no chain can loop. */
    if ((x->property != 0 && !valid_id(x->property, n_terms)) ||
        !valid_id(x->value, n_terms) ||
        (x->next != 0 && (x->next <= i || x->next > n_extras)))
      return corrupt(
        error, r->name, "damaged snapshot: source or qualifier %u", i);
    if (x->property == 0
          ? !check_use(store, r, x->value, AZKB_TERM_SOURCE, "source", i, error)
          : !check_use(
              store, r, x->property, AZKB_TERM_PROPERTY, "qualifier", i, error))
      return FALSE;
  }
  copy_section(store->stmts, r, S_STMT);
  for (guint32 i = 1; i < store->stmts->len; i++) {
    const StmtRec *st = &g_array_index(store->stmts, StmtRec, i);
    AzkbStatement  out;

    if (!valid_id(st->s, n_terms) || !valid_id(st->p, n_terms) ||
        !valid_id(st->o, n_terms) || st->extras > n_extras ||
        !azkb_store_get_statement(store, i, &out) ||
        !azkb_interval_is_valid(&out.time))
      return corrupt(error, r->name, "damaged snapshot: statement %u", i);
  }
  /* Checked once every statement is known valid: a statement marks its
   * relation by its object (store.c add_statement_packed). */
  for (guint32 i = 1; i < store->stmts->len; i++) {
    const StmtRec *st = &g_array_index(store->stmts, StmtRec, i);

    if (!check_use(store,
                   r,
                   st->p,
                   term_is_literal(store, st->o) ? AZKB_TERM_PROPERTY
                                                 : AZKB_TERM_RELATION,
                   "statement",
                   i,
                   error))
      return FALSE;
  }
  if (!stmts_rebuild_table(store))
    return corrupt(
      error, r->name, "damaged snapshot: a statement appears twice");
  return TRUE;
}

/* One side table, whose records' key and first term must be of
 * @key_kind and @a_kind (0: any), as the store marks them. */
static gboolean
load_side(AzkbStore    *store,
          SideTable    *table,
          const Reader *r,
          Section       s,
          AzkbTermKind  key_kind,
          AzkbTermKind  a_kind,
          gboolean      b_is_term,
          GError      **error)
{
  guint32 n_terms = store->terms->len - 1;

  for (guint64 i = 0; i < r->count[s]; i++) {
    const guint8 *rec = r->at[s] + i * 12;
    guint32       key = read32(rec), a = read32(rec + 4), b = read32(rec + 8);

    if (!valid_id(key, n_terms) || !valid_id(a, n_terms) ||
        (b_is_term ? !valid_id(b, n_terms) : b > 1) ||
        !side_table_add(table, key, a, b))
      return corrupt(error,
                     r->name,
                     "damaged snapshot: %s record %" G_GUINT64_FORMAT,
                     sections[s].tag,
                     i + 1);
    if (!check_use(store, r, key, key_kind, sections[s].tag, i + 1, error) ||
        !check_use(store, r, a, a_kind, sections[s].tag, i + 1, error))
      return FALSE;
  }
  return TRUE;
}

/* A label's text is a string literal: the label view reads it as one, and
 * a NULL text would reach every caller of azkb_store_entity_labels(). */
static gboolean
check_labels(AzkbStore *store, const Reader *r, GError **error)
{
  for (guint64 i = 0; i < r->count[S_LABL]; i++) {
    AzkbLiteral lit;

    if (!azkb_store_get_literal(
          store, read32(r->at[S_LABL] + i * 12 + 4), &lit) ||
        lit.kind != AZKB_VALUE_STRING)
      return corrupt(error,
                     r->name,
                     "damaged snapshot: LABL record %" G_GUINT64_FORMAT,
                     i + 1);
  }
  return TRUE;
}

static gboolean
load_signatures(AzkbStore *store, const Reader *r, GError **error)
{
  guint32 n_terms = store->terms->len - 1;

  for (guint64 i = 0; i < r->count[S_SIGN]; i++) {
    const guint8 *rec      = r->at[S_SIGN] + i * 12;
    guint32       relation = read32(rec), domain = read32(rec + 4),
            range = read32(rec + 8);

    if (!valid_id(relation, n_terms) ||
        (domain != 0 && !valid_id(domain, n_terms)) ||
        (range != 0 && !valid_id(range, n_terms)))
      return corrupt(
        error, r->name, "damaged snapshot: signature %u", (guint)i + 1);
    azkb_store_set_signature(store, relation, domain, range);
  }
  return TRUE;
}

static gboolean
load_locations(GArray      **out,
               const Reader *r,
               Section       s,
               guint32       n_ids,
               guint32       n_files,
               GError      **error)
{
  if (r->count[s] == 0)
    return TRUE;
  if (r->count[s] > (guint64)n_ids + 1)
    return corrupt(error, r->name, "damaged snapshot: too many locations");
  *out = g_array_new(FALSE, TRUE, sizeof(Location));
  copy_section(*out, r, s);
  for (guint i = 0; i < (*out)->len; i++)
    if (g_array_index(*out, Location, i).file > n_files)
      return corrupt(error, r->name, "damaged snapshot: location %u", i);
  return TRUE;
}

static gboolean
load_files(AzkbStore *store, const Reader *r, GError **error)
{
  const char *blob = (const char *)r->at[S_FILE];
  gsize       len  = r->count[S_FILE];

  if (len > 0 && blob[len - 1] != '\0')
    return corrupt(error, r->name, "damaged snapshot: unterminated files");
  for (gsize at = 0; at < len;) {
    const char *name = blob + at;
    const char *copy;

    if (*name == '\0' || !g_utf8_validate(name, -1, NULL) ||
        g_hash_table_contains(store->file_index, name))
      return corrupt(error, r->name, "damaged snapshot: file names");
    copy = g_string_chunk_insert(store->file_chunk, name);
    g_ptr_array_add(store->files, (gpointer)copy);
    g_hash_table_insert(
      store->file_index, (gpointer)copy, GUINT_TO_POINTER(store->files->len));
    at += strlen(name) + 1;
  }
  return TRUE;
}

static gboolean
load_store(AzkbStore *store, const Reader *r, GError **error)
{
  guint32 n_terms;

  if (!load_terms(store, r, error) || !load_statements(store, r, error))
    return FALSE;
  n_terms = store->terms->len - 1;
  if (!load_side(
        store, &store->classes, r, S_CLAS, 0, AZKB_TERM_CLASS, FALSE, error) ||
      !load_side(store, &store->labels, r, S_LABL, 0, 0, FALSE, error) ||
      !check_labels(store, r, error) ||
      !load_side(store,
                 &store->attributes,
                 r,
                 S_ATTR,
                 0,
                 AZKB_TERM_PROPERTY,
                 TRUE,
                 error) ||
      !load_side(store,
                 &store->supers,
                 r,
                 S_SUPR,
                 AZKB_TERM_CLASS,
                 AZKB_TERM_CLASS,
                 FALSE,
                 error) ||
      !load_signatures(store, r, error) || !load_files(store, r, error) ||
      !load_locations(
        &store->term_locations, r, S_TLOC, n_terms, store->files->len, error) ||
      !load_locations(&store->stmt_locations,
                      r,
                      S_SLOC,
                      store->stmts->len - 1,
                      store->files->len,
                      error))
    return FALSE;
  store->adjacency_dirty = TRUE;
  store->find_dirty      = TRUE;
  return TRUE;
}

AzkbStore *
azkb_snapshot_load_data(const guint8 *data,
                        gsize         size,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(AzkbStore) store = NULL;
  Reader r                   = { .data = data, .size = size, .name = name };

  g_return_val_if_fail(data != NULL || size == 0, NULL);
  g_return_val_if_fail(name != NULL, NULL);

  if (!check_header(&r, error) || !check_toc(&r, error))
    return NULL;
  store = azkb_store_new();
  if (!load_store(store, &r, error))
    return NULL;
  return g_steal_pointer(&store);
}

AzkbStore *
azkb_snapshot_load(const char *path, GError **error)
{
  g_autoptr(GError) local  = NULL;
  g_autoptr(GMappedFile) m = NULL;
  const guint8 *data;

  g_return_val_if_fail(path != NULL, NULL);
  m = g_mapped_file_new(path, FALSE, &local);
  if (m == NULL) {
    g_set_error(
      error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_IO, "%s", local->message);
    return NULL;
  }
  data = (const guint8 *)g_mapped_file_get_contents(m);
  return azkb_snapshot_load_data(
    data ? data : (const guint8 *)"", g_mapped_file_get_length(m), path, error);
}

AzkbStore *
azkb_snapshot_load_fd(int fd, const char *name, GError **error)
{
  g_autoptr(GError) local  = NULL;
  g_autoptr(GMappedFile) m = NULL;
  const guint8 *data;

  g_return_val_if_fail(name != NULL, NULL);
  m = g_mapped_file_new_from_fd(fd, FALSE, &local);
  if (m == NULL) {
    g_set_error(error,
                AZKB_STORE_ERROR,
                AZKB_STORE_ERROR_IO,
                "%s: %s",
                name,
                local->message);
    return NULL;
  }
  data = (const guint8 *)g_mapped_file_get_contents(m);
  return azkb_snapshot_load_data(
    data ? data : (const guint8 *)"", g_mapped_file_get_length(m), name, error);
}

gboolean
azkb_snapshot_sniff_data(const guint8 *data, gsize n)
{
  return n >= 8 && memcmp(data, MAGIC, 8) == 0;
}

gboolean
azkb_snapshot_sniff(const char *path)
{
  char  magic[8];
  FILE *file = g_fopen(path, "rb");
  gsize n;

  if (file == NULL)
    return FALSE;
  n = fread(magic, 1, sizeof magic, file);
  fclose(file);
  return n == sizeof magic && memcmp(magic, MAGIC, sizeof magic) == 0;
}
