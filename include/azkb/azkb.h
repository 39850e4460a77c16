/* azkb — a temporal knowledge graph toolkit.  The umbrella header.
 *
 * Threads: the library keeps no process-wide state a caller could see
 * change (no "now", no shared parser state, no environment variables).
 * Each object (a store, a query, a result, a diagram, a remote) is used by
 * one thread at a time; different objects may be used on different
 * threads at once.  Each header says what more it allows. */
#pragma once

#include <azkb/check.h>
#include <azkb/diagram.h>
#include <azkb/diff.h>
#include <azkb/error.h>
#include <azkb/export.h>
#include <azkb/generate.h>
#include <azkb/query.h>
#include <azkb/rdf.h>
#include <azkb/remote.h>
#include <azkb/snapshot.h>
#include <azkb/source.h>
#include <azkb/store.h>
#include <azkb/time.h>
