/* azkb store — private structures shared by the store's source files.
 * The memory layout is described in include/azkb/store.h. */
#pragma once

#include "src/util/hash.h"
#include "src/util/tsan.h"

#include <azkb/store.h>

G_BEGIN_DECLS

/* ---- terms ---- */

/// The public AzkbTermKind bits of a term's flags.
#define TERM_KIND_MASK 0x3fu
/// Set on literal terms (only azkb_store_intern_literal sets it).
#define TERM_IS_LITERAL (1u << 31)
/// A literal's AzkbValueKind lives in bits 8..11 of its flags.
#define TERM_VALUE_SHIFT 8
#define TERM_VALUE_MASK (0xfu << TERM_VALUE_SHIFT)

typedef struct {
  const char *name;  ///< in the store's string chunk; a literal's lexical form
  guint32     flags; ///< kind bits | TERM_IS_LITERAL | value kind
  guint32     extra; ///< literal: datatype (OTHER) or lang (STRING) term
} TermRec;

/* ---- statements ---- */

typedef struct {
  AzkbTermId s, p, o;
  guint32    start;  ///< packed start bound (see pack_bound in store.c)
  guint32    end;    ///< packed end bound
  guint32    extras; ///< first ExtraRec of the statement, 0 = none
} StmtRec;

/// A source (property 0) or qualifier of a statement, in a linked chain.
typedef struct {
  AzkbTermId property;
  AzkbTermId value;
  guint32    next; ///< next ExtraRec, 0 = end
} ExtraRec;

/* ---- CSR views ---- */

/// Out- or in-edges of every node: node n's edges are
/// edges[offsets[n] .. offsets[n + 1]).
/// Beside them, for each relation, the nodes with at least one such edge:
/// relation rels[k]'s are nodes[rel_offsets[k] .. rel_offsets[k + 1]),
/// sorted by id.
typedef struct {
  guint32    *offsets;
  guint32     n_offsets; ///< highest node + 2, or 0
  AzkbEdge   *edges;
  gsize       n_edges;
  AzkbTermId *rels; ///< every relation of an edge, sorted by id
  guint32     n_rels;
  guint32    *rel_offsets; ///< n_rels + 1
  AzkbTermId *rel_nodes;
  gsize       n_rel_nodes;
} Adjacency;

/// Per-entity side data: classes, labels, attributes, superclasses.
typedef struct {
  AzkbTermId key; ///< the entity (or class, for superclasses)
  guint32    a;   ///< class, label literal, property or parent
  guint32    b;   ///< label kind, attribute value, or 0
} SideRec;

typedef void (*SideViewFunc)(const AzkbStore *store,
                             const SideRec   *rec,
                             gpointer         out_element);

typedef struct {
  GArray      *raw;  ///< SideRec, insertion order, no duplicates
  AzkbIdSet    keys; ///< raw index + 1, for duplicate detection
  gboolean     dirty;
  guint32     *offsets; ///< view: slice of key k is [offsets[k], offsets[k+1])
  guint32      n_offsets;
  GArray      *view; ///< the public element type, grouped by key
  gsize        element_size;
  SideViewFunc to_view;
  /* The inverse view, a → keys (class → members, class → subclasses), for
   * tables whose view element is the record's a as an AzkbTermId. */
  gboolean inverse_dirty;
  guint32 *inverse_offsets; ///< keys of a are [inverse_offsets[a], ...[a+1])
  guint32  n_inverse_offsets;
  guint32 *inverse_keys; ///< grouped by a, ascending within a group
  guint32  n_inverse_keys;
} SideTable;

/* ---- load locations ---- */

typedef struct {
  guint32 file; ///< index + 1 into store->files, 0 = none
  guint32 line;
} Location;

/* ---- name lookup ---- */

typedef struct {
  const char *norm; ///< normalized form, in store->find_chunk
  const char *name; ///< the id or label as written (store-owned)
  AzkbTermId  term;
} FindEntry;

typedef struct {
  AzkbTermId relation;
  AzkbTermId domain;
  AzkbTermId range;
} Signature;

/// A declared namespace (azkb_store_add_namespace()).
typedef struct {
  char *prefix;
  char *iri;
  char *head; ///< store names of its terms: head + local + tail
  char *tail;
} Namespace;

void namespaces_merge(AzkbStore *store, const AzkbStore *other);

struct _AzkbStore {
  /* Atomic: threads that only read one store still ref and unref it (each
   * query and result holds a reference). */
  gatomicrefcount ref_count;

  /* terms.c */
  GStringChunk *chunk;
  gsize         chunk_bytes;
  GArray       *terms; ///< TermRec; index 0 is unused
  AzkbIdSet     term_table;
  /* The views below that readers build (the order of names, side-table
   * views, adjacency, the find index) are built under this lock; see
   * "views built by readers" below. */
  GMutex view_lock;
  /* The order of names (azkb_store_name_ranks()): built when asked for,
   * stale once terms were added. */
  guint32 *name_ranks;   ///< rank of each term id; index 0 is unused
  guint32  ranked_terms; ///< terms->len when name_ranks was built

  /* store.c */
  GArray     *stmts; ///< StmtRec; index 0 is unused
  AzkbIdSet   stmt_table;
  GArray     *extras; ///< ExtraRec; index 0 is unused
  SideTable   classes;
  SideTable   labels;
  SideTable   attributes;
  SideTable   supers;
  GArray     *signatures;      ///< Signature
  GHashTable *signature_index; ///< relation → index + 1

  GPtrArray    *files;      ///< interned file names of locations
  GHashTable   *file_index; ///< name → index + 1
  GStringChunk *file_chunk;
  guint32       last_file;      ///< index + 1 of the file named last, or 0
  GArray       *term_locations; ///< Location by term id
  GArray       *stmt_locations; ///< Location by statement id

  /* index.c */
  gboolean  adjacency_dirty;
  Adjacency out;
  Adjacency in;

  /* lookup.c */
  GPtrArray    *namespaces;     ///< Namespace*, in the order declared
  GHashTable   *namespace_keys; ///< "prefix iri" of each, to skip repeats
  gboolean      find_dirty;
  GStringChunk *find_chunk;
  GArray       *find_entries; ///< FindEntry sorted by (norm, term)
};

/* ---- views built by readers ----
 *
 * Two threads may read one store at once (include/azkb/store.h), and a
 * read may find a view stale (its dirty flag set, or the order of names
 * older than the terms) and build it.  The first reader to find it stale
 * builds it under view_lock; the others wait there, check again and find
 * it built.  A view is published by clearing its flag with an atomic
 * store after it is complete, and read after an atomic load of the flag,
 * so a reader that finds it fresh takes no lock (on x86 the load is a
 * plain load: the per-edge reads of adjacency pay nothing).  Writers set
 * the flags plainly: a write never runs beside a read. */

/// TRUE if the view behind @dirty must be built before it is read.
static inline gboolean
view_is_dirty(const gboolean *dirty)
{
  return G_UNLIKELY(g_atomic_int_get(dirty));
}

/// Publish the view behind @dirty (built under view_lock).
static inline void
view_set_built(gboolean *dirty)
{
  g_atomic_int_set(dirty, FALSE);
}

/* GLib's mutex is invisible to ThreadSanitizer (src/util/tsan.h): marked. */
static inline void
views_lock(const AzkbStore *store)
{
  GMutex *lock = (GMutex *)&store->view_lock;

  g_mutex_lock(lock);
  AZKB_TSAN_ACQUIRE(lock);
}

static inline void
views_unlock(const AzkbStore *store)
{
  GMutex *lock = (GMutex *)&store->view_lock;

  AZKB_TSAN_RELEASE(lock);
  g_mutex_unlock(lock);
}

/* store.c */
GArray *store_relation_terms(const AzkbStore *store);

/* terms.c */

void           terms_init(AzkbStore *store);
void           terms_clear(AzkbStore *store);
gsize          name_ranks_memory(const AzkbStore *store);
const TermRec *term_rec(const AzkbStore *store, AzkbTermId term);
gboolean       term_is_literal(const AzkbStore *store, AzkbTermId term);
/// Intern a literal whose lexical form is already validated.
AzkbTermId term_intern_literal_raw(AzkbStore    *store,
                                   AzkbValueKind kind,
                                   const char   *lexical,
                                   AzkbTermId    extra);

/* Rebuild the key tables from the records (snapshot loads); FALSE when
 * two records share a key. */
gboolean terms_rebuild_table(AzkbStore *store);
void     terms_reserve(AzkbStore *store, guint32 n);
gboolean stmts_rebuild_table(AzkbStore *store);

/* index.c */
void side_table_init(SideTable   *table,
                     gsize        element_size,
                     SideViewFunc to_view);
void side_table_clear(SideTable *table);
/// Append (key, a, b) unless present.  Returns TRUE if it was added.
gboolean side_table_add(SideTable *table, guint32 key, guint32 a, guint32 b);
/// The view slice of @key (building the view if needed).
gconstpointer side_table_get(const AzkbStore *store,
                             SideTable       *table,
                             guint32          key,
                             gsize           *out_n);
/// The keys of the records whose a is @a, ascending (building the inverse
/// view, and the view it is built from, if needed).
const guint32 *side_table_get_inverse(const AzkbStore *store,
                                      SideTable       *table,
                                      guint32          a,
                                      gsize           *out_n);
gsize          side_table_memory(const SideTable *table);
void           adjacency_clear(Adjacency *adj);
gsize          adjacency_memory(const Adjacency *adj);

/* lookup.c */
void  find_index_clear(AzkbStore *store);
gsize find_index_memory(const AzkbStore *store);

G_END_DECLS
