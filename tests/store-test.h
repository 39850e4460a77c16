/* What the store tests share (test-store-terms.c, test-store-lookup.c,
 * test-store-statements.c): a fixture holding a fresh store, and small
 * builders of times, literals and names; see store-test.c. */
#pragma once

#include "azkb-test.h"

#include <azkb/store.h>
#include <glib.h>

typedef struct {
  AzkbStore *store;
} Fixture;

void fixture_set_up(Fixture *f, gconstpointer data);
void fixture_tear_down(Fixture *f, gconstpointer data);

/* Adds the case "/store/@path" running @func with a fresh Fixture. */
#define STORE_ADD(path, func)                                                  \
  g_test_add(                                                                  \
    "/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* The years @from to @to, both ends dates of year precision. */
AzkbInterval years(gint32 from, gint32 to);

/* The string literal @text, interned in @store; fails the test if it
 * cannot be. */
AzkbTermId string_literal(AzkbStore *store, const char *text);

/* The one term azkb_store_find() finds for @name; fails the test unless
 * there is exactly one. */
AzkbTermId find_one(AzkbStore *s, const char *name);
