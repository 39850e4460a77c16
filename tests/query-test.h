/* What the query tests share (test-query-parse.c, test-query-eval.c,
 * test-query-oracle.c, test-query-explain.c, test-query-path.c,
 * test-query-time.c, test-query-time-oracle.c): stores built from a line
 * of text or statement by statement, a pattern's rows as text, and small
 * random graphs with the test's own model of them; see query-test.c. */
#pragma once

#include "azkb-test.h"

#include <azkb/query.h>
#include <glib.h>

/* One fact per `;`-separated item:
 *   "a p b"            statement, undated
 *   "a p b @2003..2005" statement with a valid time
 *   "a : C"            entity a has class C
 *   "C < D"            class C is a subclass of D
 *   "a"                an entity with nothing else
 *   "a theme 'x'"      a literal-valued statement (a property)
 * Every name used as a subject or object is an entity with label
 * "Label of NAME", so resolution by label can be tested too.
 * (transfer full) */
AzkbStore *build(const char *spec);

/* Entity @name with its label "Label of NAME", as build() makes it. */
AzkbTermId entity(AzkbStore *store, const char *name);

/* The rows of @pattern on @store, at time @at (NULL: any), strict or not,
 * with @present as the present: "x=a,y=b" per row, rows joined by " | ",
 * in result order; a pattern without variables gives "yes" or "".
 * (transfer full) */
char *run(AzkbStore      *store,
          const char     *pattern,
          const char     *at,
          gboolean        strict,
          const AzkbDate *present);

/* Adds statement @s @p @o at @time ("" undated) between entities without
 * labels; returns it. */
AzkbStmtId add(AzkbStore  *store,
               const char *s,
               const char *p,
               const char *o,
               const char *time);

/* strcmp() of two elements of an array of strings, for sorting. */
int compare_lines(gconstpointer a, gconstpointer b);

/* A small random graph and the test's own copy of it: nodes n0..n5,
 * relations r0..r2, each triple at most once, undated or at one year. */
#define N_NODES 6
#define N_RELS 3

typedef struct {
  gboolean edge[N_RELS][N_NODES][N_NODES];
  int      year[N_RELS][N_NODES][N_NODES]; ///< 0 undated, else that year
} Graph;

/* A store of a random graph, which @g receives too.  (transfer full) */
AzkbStore *graph_store(GRand *rand, Graph *g);
