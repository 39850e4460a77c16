/* Path-expression trees: building, copying, pushing inverses down to the
 * atoms, and printing them back in the query syntax. */
#include "query-private.h"

Px *
px_new(PxKind kind)
{
  Px *px = g_new0(Px, 1);

  px->kind = kind;
  return px;
}

Px *
px_copy(const Px *px)
{
  Px *copy;

  if (px == NULL)
    return NULL;
  copy    = g_memdup2(px, sizeof *px);
  copy->a = px_copy(px->a);
  copy->b = px_copy(px->b);
  if (px->set != NULL)
    copy->set = g_array_copy(px->set);
  return copy;
}

void
px_free(Px *px)
{
  if (px == NULL)
    return;
  px_free(px->a);
  px_free(px->b);
  g_clear_pointer(&px->set, g_array_unref);
  g_free(px);
}

Px *
px_push_inverse(Px *px, gboolean inverse)
{
  Px *tmp;

  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      px->inverse = px->inverse != inverse;
      return px;
    case PX_INV:
      /* ^^a is a: an inverse toggles what is pushed into its operand. */
      tmp = px_push_inverse(g_steal_pointer(&px->a), !inverse);
      px_free(px);
      return tmp;
    case PX_SEQ:
      /* ^(a/b) is ^b/^a. */
      px->a = px_push_inverse(px->a, inverse);
      px->b = px_push_inverse(px->b, inverse);
      if (inverse) {
        tmp   = px->a;
        px->a = px->b;
        px->b = tmp;
      }
      return px;
    case PX_ALT:
      px->a = px_push_inverse(px->a, inverse);
      px->b = px_push_inverse(px->b, inverse);
      return px;
    case PX_REPEAT:
      px->a = px_push_inverse(px->a, inverse);
      return px;
  }
  g_assert_not_reached();
}

Px *
px_inverse(const Px *px)
{
  return px_push_inverse(px_copy(px), TRUE);
}

gboolean
px_nullable(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return FALSE;
    case PX_INV:
      return px_nullable(px->a);
    case PX_SEQ:
      return px_nullable(px->a) && px_nullable(px->b);
    case PX_ALT:
      return px_nullable(px->a) || px_nullable(px->b);
    case PX_REPEAT:
      return px->min == 0 || px_nullable(px->a);
  }
  g_assert_not_reached();
}

gboolean
px_unbounded(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return FALSE;
    case PX_INV:
      return px_unbounded(px->a);
    case PX_SEQ:
    case PX_ALT:
      return px_unbounded(px->a) || px_unbounded(px->b);
    case PX_REPEAT:
      return px->max == PX_INF || px_unbounded(px->a);
  }
  g_assert_not_reached();
}

static guint
sat_add(guint a, guint b)
{
  return a > G_MAXUINT - b ? G_MAXUINT : a + b;
}

static guint
sat_mul(guint a, guint b)
{
  return b != 0 && a > G_MAXUINT / b ? G_MAXUINT : a * b;
}

guint
px_n_atoms(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return 1;
    case PX_INV:
      return px_n_atoms(px->a);
    case PX_SEQ:
    case PX_ALT:
      return sat_add(px_n_atoms(px->a), px_n_atoms(px->b));
    case PX_REPEAT:
      /* a{m,n} becomes n copies (m+1 when unbounded: m copies and a*). */
      return sat_mul(px_n_atoms(px->a),
                     px->max == PX_INF ? sat_add(px->min, 1) : px->max);
  }
  g_assert_not_reached();
}

/* Binding strength, for parentheses: | < / < postfix and ^. */
static int
strength(const Px *px)
{
  switch (px->kind) {
    case PX_ALT:
      return 1;
    case PX_SEQ:
      return 2;
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
    case PX_INV:
    case PX_REPEAT:
      return 3;
  }
  g_assert_not_reached();
}

static void
print_operand(const Px *px, int min, const AzkbStore *store, GString *out)
{
  gboolean paren = strength(px) < min;

  if (paren)
    g_string_append_c(out, '(');
  px_print(px, store, out);
  if (paren)
    g_string_append_c(out, ')');
}

static void
print_name(const AzkbStore *store, AzkbTermId term, GString *out)
{
  const char *name = azkb_store_term_name(store, term);

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.' &&
        !((unsigned char)*p >= 0x80)) {
      g_string_append_c(out, '"');
      for (const char *q = name; *q; q++) {
        if (*q == '"' || *q == '\\')
          g_string_append_c(out, '\\');
        g_string_append_c(out, *q);
      }
      g_string_append_c(out, '"');
      return;
    }
  g_string_append(out, name);
}

static void
print_not(const Px *px, const AzkbStore *store, GString *out)
{
  g_string_append_c(out, '!');
  if (px->set->len > 1)
    g_string_append_c(out, '(');
  for (guint i = 0; i < px->set->len; i++) {
    if (i > 0)
      g_string_append_c(out, '|');
    if (px->inverse)
      g_string_append_c(out, '^');
    print_name(store, g_array_index(px->set, AzkbTermId, i), out);
  }
  if (px->set->len > 1)
    g_string_append_c(out, ')');
}

static void
print_repeat(const Px *px, const AzkbStore *store, GString *out)
{
  /* A postfix on a postfix reads badly ("p*?"), so nest in parentheses. */
  print_operand(px->a, px->a->kind == PX_REPEAT ? 4 : 3, store, out);
  if (px->min == 0 && px->max == PX_INF)
    g_string_append_c(out, '*');
  else if (px->min == 1 && px->max == PX_INF)
    g_string_append_c(out, '+');
  else if (px->min == 0 && px->max == 1)
    g_string_append_c(out, '?');
  else if (px->max == PX_INF)
    g_string_append_printf(out, "{%u,}", px->min);
  else if (px->min == px->max)
    g_string_append_printf(out, "{%u}", px->min);
  else
    g_string_append_printf(out, "{%u,%u}", px->min, px->max);
}

void
px_print(const Px *px, const AzkbStore *store, GString *out)
{
  switch (px->kind) {
    case PX_REL:
      if (px->inverse)
        g_string_append_c(out, '^');
      print_name(store, px->rel, out);
      return;
    case PX_ANY:
      g_string_append(out, px->inverse ? "^_" : "_");
      return;
    case PX_NOT:
      print_not(px, store, out);
      return;
    case PX_INV:
      g_string_append_c(out, '^');
      print_operand(px->a, 3, store, out);
      return;
    case PX_SEQ:
      print_operand(px->a, 2, store, out);
      g_string_append_c(out, '/');
      print_operand(px->b, 3, store, out);
      return;
    case PX_ALT:
      print_operand(px->a, 1, store, out);
      g_string_append_c(out, '|');
      print_operand(px->b, 2, store, out);
      return;
    case PX_REPEAT:
      print_repeat(px, store, out);
      return;
  }
  g_assert_not_reached();
}

gboolean
px_single_hop(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return TRUE;
    case PX_ALT:
      return px_single_hop(px->a) && px_single_hop(px->b);
    case PX_INV:
      return px_single_hop(px->a);
    case PX_REPEAT:
      return px->min == 1 && px->max == 1 && px_single_hop(px->a);
    case PX_SEQ:
    default:
      return FALSE;
  }
}
