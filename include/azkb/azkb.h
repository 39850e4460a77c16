/* azkb — a temporal knowledge graph toolkit.  The umbrella header. */
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
