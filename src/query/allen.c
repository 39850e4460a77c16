/* Temporal constraints between the times a pattern binds: Allen's
 * thirteen relations and `intersects`, on the day spans of the values
 * (azkb_interval_span(): a date covers its whole year, month or day; an
 * open end runs to the present; an unknown end covers its start's own
 * range).  `--where '?t1 during ?t2'`, `--where '?t before 2012-05-04'`. */
#include "query-private.h"

#include <string.h>

/* Allen's thirteen are named by the time module; `intersects` is ours. */
const char *
time_relation_name(guint relation)
{
  g_return_val_if_fail(relation <= ALLEN_INTERSECTS, NULL);
  if (relation == ALLEN_INTERSECTS)
    return "intersects";
  return azkb_allen_to_string((AzkbAllen)relation);
}

/* @relation between two day ranges. */
static gboolean
spans_relate(gint32 as, gint32 ae, gint32 bs, gint32 be, guint relation)
{
  if (relation == ALLEN_INTERSECTS)
    return as <= be && bs <= ae;
  return azkb_allen_of_spans(as, ae, bs, be) == (AzkbAllen)relation;
}

gboolean
time_relation_holds(const AzkbInterval *a,
                    const AzkbInterval *b,
                    guint               relation,
                    const AzkbDate     *present)
{
  gint32 as, ae, bs, be;

  if (!azkb_interval_span_at(a, present, &as, &ae) ||
      !azkb_interval_span_at(b, present, &bs, &be))
    return FALSE;
  return spans_relate(as, ae, bs, be, relation);
}

/* ---- parsing ---- */

static void set_error(GError    **error,
                      const char *text,
                      gsize       pos,
                      const char *format,
                      ...) G_GNUC_PRINTF(4, 5);

static void
set_error(GError **error, const char *text, gsize pos, const char *format, ...)
{
  va_list          args;
  g_autofree char *message = NULL;

  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  query_error_at(error,
                 AZKB_QUERY_ERROR_SYNTAX,
                 (guint)(g_utf8_pointer_to_offset(text, text + pos) + 1),
                 "%s",
                 message);
  if (error != NULL)
    query_error_set_part(*error, AZKB_QUERY_PART_CONSTRAINT);
}

/* The next word of @text from *@pos (spaces skipped); NULL at the end. */
static char *
next_word(const char *text, gsize *pos, gsize *out_start)
{
  gsize start;

  while (g_ascii_isspace(text[*pos]))
    (*pos)++;
  start = *pos;
  while (text[*pos] != '\0' && !g_ascii_isspace(text[*pos]))
    (*pos)++;
  *out_start = start;
  return *pos > start ? g_strndup(text + start, *pos - start) : NULL;
}

static char *
time_variable_list(const AzkbQuery *q)
{
  GString *out = g_string_new(NULL);

  for (guint i = 0; i < q->vars->len; i++)
    if (QUERY_VAR(q, i)->kind == AZKB_COLUMN_TIME)
      g_string_append_printf(
        out, "%s?%s", out->len ? ", " : "", QUERY_VAR(q, i)->name);
  return g_string_free(out, FALSE);
}

static gboolean
parse_operand(AzkbQuery  *q,
              const char *text,
              gsize       pos,
              char       *word,
              QOperand   *out,
              GError    **error)
{
  g_autoptr(GError) local = NULL;

  out->text = word;
  if (word[0] == '?') {
    g_autofree char *list = time_variable_list(q);
    int              var  = -1;

    for (guint i = 0; i < q->vars->len; i++)
      if (strcmp(QUERY_VAR(q, i)->name, word + 1) == 0)
        var = (int)i;
    if (var < 0 || QUERY_VAR(q, var)->kind != AZKB_COLUMN_TIME) {
      set_error(error,
                text,
                pos,
                "%s is not a time variable of the pattern (%s%s); bind one "
                "with a step such as “-electedTo@?term->”",
                word,
                *list ? "its time variables: " : "it has none",
                list);
      return FALSE;
    }
    out->kind = OPERAND_VAR;
    out->var  = var;
    return TRUE;
  }
  if (!azkb_interval_parse(word, &out->time, &local) ||
      azkb_interval_is_undated(&out->time)) {
    set_error(error,
              text,
              pos,
              "expected a time variable (?term) or a date or interval "
              "(2012, 2003..2005, 2012-05-04), found “%s”%s%s",
              word,
              local ? ": " : "",
              local ? local->message : "");
    return FALSE;
  }
  out->kind = OPERAND_TIME;
  return TRUE;
}

static gboolean
parse_relation_word(const char *text,
                    gsize       pos,
                    const char *word,
                    guint      *out,
                    GError    **error)
{
  AzkbAllen allen;

  if (word != NULL && g_ascii_strcasecmp(word, "intersects") == 0) {
    *out = ALLEN_INTERSECTS;
    return TRUE;
  }
  if (word != NULL && azkb_allen_from_string(word, &allen)) {
    *out = (guint)allen;
    return TRUE;
  }
  set_error(error,
            text,
            pos,
            "unknown temporal relation “%s” (before, after, meets, met-by, "
            "overlaps, overlapped-by, starts, started-by, during, contains, "
            "finishes, finished-by, equals, intersects)",
            word ? word : "");
  return FALSE;
}

/* One `A relation B`; at least one side a time variable. */
static gboolean
parse_one(AzkbQuery   *q,
          const char  *text,
          gsize       *pos,
          QConstraint *c,
          GError     **error)
{
  gsize start;
  char *word = next_word(text, pos, &start);

  if (word == NULL) {
    set_error(error, text, start, "expected a time variable such as ?term");
    return FALSE;
  }
  if (!parse_operand(q, text, start, word, &c->a, error))
    return FALSE;
  {
    g_autofree char *rel = next_word(text, pos, &start);

    if (rel == NULL) {
      set_error(error,
                text,
                start,
                "expected a temporal relation (during, before, "
                "overlaps, ...) after %s",
                c->a.text);
      return FALSE;
    }
    if (!parse_relation_word(text, start, rel, &c->relation, error))
      return FALSE;
  }
  word = next_word(text, pos, &start);
  if (word == NULL) {
    set_error(error,
              text,
              start,
              "expected a time variable or a date after “%s”",
              time_relation_name(c->relation));
    return FALSE;
  }
  if (!parse_operand(q, text, start, word, &c->b, error))
    return FALSE;
  if (c->a.kind != OPERAND_VAR && c->b.kind != OPERAND_VAR) {
    set_error(error,
              text,
              0,
              "a constraint compares a time variable of the pattern with "
              "another or with a date; “%s” and “%s” are both dates",
              c->a.text,
              c->b.text);
    return FALSE;
  }
  return TRUE;
}

gboolean
azkb_query_add_constraint(AzkbQuery *query, const char *text, GError **error)
{
  g_autoptr(GArray) parsed = NULL;
  gsize pos                = 0;

  g_return_val_if_fail(query != NULL && text != NULL, FALSE);
  if (!g_utf8_validate(text, -1, NULL)) {
    set_error(error, text, 0, "the constraint is not valid UTF-8");
    return FALSE;
  }
  /* A control character inside a word would go raw into the message
   * (and drive a terminal): refused where it stands, named.  Spaces,
   * tabs and newlines only separate words. */
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl(*p) && !g_ascii_isspace(*p)) {
      set_error(error,
                text,
                (gsize)(p - text),
                "a constraint cannot hold the control character U+%04X",
                (guint)*p);
      return FALSE;
    }
  parsed = g_array_new(FALSE, TRUE, sizeof(QConstraint));
  for (;;) {
    QConstraint c = { 0 };
    gsize       start;
    gboolean    ok = parse_one(query, text, &pos, &c, error);

    g_array_append_val(parsed, c);
    if (!ok) {
      for (guint i = 0; i < parsed->len; i++) {
        g_free(g_array_index(parsed, QConstraint, i).a.text);
        g_free(g_array_index(parsed, QConstraint, i).b.text);
      }
      return FALSE;
    }
    {
      g_autofree char *glue = next_word(text, &pos, &start);

      if (glue == NULL)
        break;
      if (g_ascii_strcasecmp(glue, "and") != 0) {
        set_error(error,
                  text,
                  start,
                  "expected “and” or the end after a constraint, found “%s”",
                  glue);
        for (guint i = 0; i < parsed->len; i++) {
          g_free(g_array_index(parsed, QConstraint, i).a.text);
          g_free(g_array_index(parsed, QConstraint, i).b.text);
        }
        return FALSE;
      }
    }
  }
  g_array_append_vals(query->constraints, parsed->data, parsed->len);
  return TRUE;
}

/* ---- checking rows ---- */

/* The day span of @o in a row whose time variables have @times; FALSE if
 * it is undated. */
static gboolean
operand_span(const QOperand     *o,
             const AzkbInterval *times,
             const AzkbDate     *present,
             gint32             *out_first,
             gint32             *out_last)
{
  return azkb_interval_span_at(o->kind == OPERAND_TIME ? &o->time
                                                       : &times[o->var],
                               present,
                               out_first,
                               out_last);
}

gboolean
constraints_hold(const AzkbQuery *q, const AzkbInterval *times)
{
  for (guint i = 0; i < q->constraints->len; i++) {
    const QConstraint *c = &g_array_index(q->constraints, QConstraint, i);
    gint32             as, ae, bs, be;

    /* Each span once: an open end asks the clock for the present. */
    if (!operand_span(&c->a, times, &q->present, &as, &ae) ||
        !operand_span(&c->b, times, &q->present, &bs, &be) ||
        !spans_relate(as, ae, bs, be, c->relation))
      return FALSE;
  }
  return TRUE;
}
