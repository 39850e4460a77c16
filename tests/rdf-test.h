/* What the rdf tests share (test-rdf.c, test-rdf-bad.c, test-rdf-export.c,
 * test-rdf-cli.c): a fixture with a temporary folder, loading and
 * exporting helpers, and the canonical dump of a store; see rdf-test.c. */
#pragma once

#include "azkb-test.h"

#include <azkb/azkb.h>
#include <glib.h>

#define BASE AZKB_RDF_DEFAULT_BASE

/* Under AddressSanitizer (several times slower): fewer random graphs. */
#if defined(__SANITIZE_ADDRESS__)
#  define UNDER_ASAN 1
#else
#  define UNDER_ASAN 0
#endif

typedef struct {
  char *dir;
} Fixture;

#define PREFIXES                                                               \
  "@prefix az: <" BASE "id/> .\n"                                              \
  "@prefix azo: <" BASE "ontology#> .\n"                                       \
  "@prefix azs: <" BASE "statement/> .\n"                                      \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"             \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"                  \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"                          \
  "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"                   \
  "@prefix prov: <http://www.w3.org/ns/prov#> .\n"                             \
  "@prefix dcterms: <http://purl.org/dc/terms/> .\n"                           \
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

int        by_string(gconstpointer a, gconstpointer b);
char      *dump_store(const AzkbStore *store);
char      *canonical_ntriples(const char *text);
void       fixture_set_up(Fixture *f, gconstpointer data);
void       fixture_tear_down(Fixture *f, gconstpointer data);
AzkbStore *load_ok(const char *text, const char *name);
char      *read_file(const char *path);
char      *export_text(AzkbStore         *store,
                       const char        *dir,
                       const char        *format,
                       const char        *base,
                       AzkbRdfExportFlags flags);
AzkbTermId lookup(const AzkbStore *store, const char *name);
AzkbStmtId only_statement(AzkbStore *store, const char *s, const char *rel);
