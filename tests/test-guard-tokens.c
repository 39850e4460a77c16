/* Tests of the token guard (src/rdf/token-guard.h), which no public header
 * shows: the program compiles token-guard.c itself with a limit of
 * TOKEN_GUARD_LIMIT bytes (tests/meson.build), so that inputs of a few
 * hundred bytes meet the limit in every kind of token, and compares it
 * with guard-oracle.c, the same lexer one byte at a time.  The guard
 * passes over runs of bytes and has a fast path for common Turtle; neither
 * may change an answer: whether and where a document is refused, and what
 * is pending at the end of each piece (RDF/JSON holds that back). */
#include "guard-oracle.h"
#include "src/rdf/token-guard.h"

#include <string.h>

#ifndef TOKEN_GUARD_LIMIT
#  error "the test build sets TOKEN_GUARD_LIMIT"
#endif

/* Bytes that mean something to one syntax or the other, letters, and a
 * byte of a UTF-8 sequence. */
static const char alphabet[] = " \n\t\r\v<>\"'#\\;,.()[]{}:@^|`_aZ09u\xC3";

/* @len bytes: single bytes of the alphabet, runs of one byte (long tokens,
 * long gaps), and pieces of real Turtle and JSON. */
static void
random_input(GRand *rand, guint8 *out, gsize len)
{
  static const char *const pieces[] = {
    "az:R1 ",
    "    azo:next az:R2, az:R3 ;\n",
    "\"R 1\"@en .\n\n",
    "\"1969\"^^xsd:gYear ;\n",
    "<http://azkb.example/id/R1> ",
    "\"\"\"long\n\"\"\" ",
    "''",
    "\"\\\"\" ",
    "{\"value\":\"x\",\"type\":\"uri\"}",
    "# comment\n",
  };
  gsize i = 0;

  while (i < len) {
    guint kind = g_rand_int_range(rand, 0, 10);

    if (kind < 5)
      out[i++] = (guint8)
        alphabet[g_rand_int_range(rand, 0, (gint32)sizeof alphabet - 1)];
    else if (kind < 7) {
      guint8 c = (guint8)
        alphabet[g_rand_int_range(rand, 0, (gint32)sizeof alphabet - 1)];
      gsize run = (gsize)g_rand_int_range(rand, 1, 2 * TOKEN_GUARD_LIMIT);

      for (gsize j = 0; j < run && i < len; j++)
        out[i++] = c;
    } else {
      const char *piece =
        pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))];

      for (gsize j = 0; piece[j] != '\0' && i < len; j++)
        out[i++] = (guint8)piece[j];
    }
  }
}

/* Feeds @input in random pieces to the guard and to the oracle, and
 * compares their answers after each.  Returns whether it was refused. */
static gboolean
compare(GRand *rand, gboolean json, const guint8 *input, gsize len)
{
  g_autoptr(AzkbTokenGuard) guard = azkb_token_guard_new(json);
  g_autoptr(GuardOracle) oracle   = guard_oracle_new(json, TOKEN_GUARD_LIMIT);
  gsize at                        = 0;

  while (at < len) {
    gsize       n = (gsize)g_rand_int_range(rand, 1, (gint32)(len - at) + 1);
    const char *message, *want_message;
    guint       line, want_line;
    gboolean    ok, want_ok;

    ok = azkb_token_guard_scan(guard, input + at, n, &message, &line);
    want_ok =
      guard_oracle_scan(oracle, input + at, n, &want_message, &want_line);
    at += n;
    if (ok != want_ok || g_strcmp0(message, want_message) != 0 ||
        (!ok && line != want_line))
      g_error("%s, %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes "
              "(%.*s): refused %s at %u, the oracle %s at %u",
              json ? "json" : "turtle",
              at,
              len,
              (int)len,
              input,
              message != NULL ? message : "-",
              line,
              want_message != NULL ? want_message : "-",
              want_line);
    if (!ok)
      return TRUE;
    g_assert_cmpuint(azkb_token_guard_pending(guard, &line),
                     ==,
                     guard_oracle_pending(oracle, &want_line));
    if (azkb_token_guard_pending(guard, &line) > 0)
      g_assert_cmpuint(line, ==, want_line);
  }
  return FALSE;
}

static void
test_random(gconstpointer data)
{
  gboolean json         = GPOINTER_TO_INT(data);
  g_autoptr(GRand) rand = g_rand_new_with_seed(17);
  guint8 input[600];
  guint  refused = 0;

  for (guint round = 0; round < 20000; round++) {
    gsize len = (gsize)g_rand_int_range(rand, 1, sizeof input);

    random_input(rand, input, len);
    refused += compare(rand, json, input, len);
  }
  /* the inputs reach the limit often, and not always */
  g_assert_cmpuint(refused, >, 1000);
  g_assert_cmpuint(refused, <, 19000);
}

/* Each kind of token, and a gap, exactly at the limit passes and one byte
 * over is refused, whichever way the bytes are cut.  @base: what counts
 * besides the filling (the quotes of a string, a comment's "#" and line
 * end, which add to the gap it is in). */
static void
test_at_limit(void)
{
  static const struct {
    const char *open, *fill, *close;
    gsize       base;
  } cases[] = {
    { "<", "a", ">", 1 }, { "\"", "a", "\"", 1 },
    { "'", "a", "'", 1 }, { "\"\"\"", "a", "\"\"\"", 5 },
    { "", "a", " ", 0 },  { "#", "a", "\n", 2 },
    { "", " ", "a", 0 },  { "", "\n", "a", 0 },
    { "", ";", "a", 0 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed(1);

  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
    for (gsize extra = 0; extra < 3; extra++)
      for (guint cut = 0; cut < 50; cut++) {
        g_autoptr(GString) text = g_string_new("(");
        gboolean refused;

        g_string_append(text, cases[i].open);
        for (gsize k = 0; k < TOKEN_GUARD_LIMIT - cases[i].base - 1 + extra;
             k++)
          g_string_append(text, cases[i].fill);
        g_string_append(text, cases[i].close);
        g_string_append(text, "x .\n");
        refused = compare(rand, FALSE, (const guint8 *)text->str, text->len);
        /* the last makes a token or gap one byte longer than the limit */
        if (refused != (extra == 2))
          g_error("%s: refused %d", text->str, refused);
      }
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_data_func(
    "/guard-tokens/random/turtle", GINT_TO_POINTER(FALSE), test_random);
  g_test_add_data_func(
    "/guard-tokens/random/json", GINT_TO_POINTER(TRUE), test_random);
  g_test_add_func("/guard-tokens/at-limit", test_at_limit);
  return g_test_run();
}
