/* An AzkbRemote: where the store is, the credentials, the limits; and the
 * three plain operations (query, update, count) the others build on. */
#include "remote-private.h"

#include <string.h>

/* Query results are read whole; a page of a sync is bounded by its LIMIT.
 * Past this the reply is refused rather than held. */
#define MAX_RESULTS (512u * 1024 * 1024)

static gboolean
check_url(const char *what, const char *url, GError **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0') {
    g_set_error(
      error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_INVALID, "no %s URL", what);
    return FALSE;
  }
  uri    = g_uri_parse(url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme(uri) : NULL;
  if (scheme == NULL ||
      (g_ascii_strcasecmp(scheme, "http") != 0 &&
       g_ascii_strcasecmp(scheme, "https") != 0) ||
      g_uri_get_host(uri) == NULL || *g_uri_get_host(uri) == '\0') {
    g_autofree char *e = remote_escape_text(url, strlen(url), 200);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "%s URL “%s” is not an http:// or https:// URL",
                what,
                e);
    return FALSE;
  }
  /* A password in the URL would show in `ps` and in messages. */
  if (g_uri_get_userinfo(uri) != NULL) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "%s URL: credentials do not belong in a URL (give the user "
                "name apart, and the password through a variable, a file "
                "or ~/.netrc)",
                what);
    return FALSE;
  }
  return TRUE;
}

AzkbRemote *
azkb_remote_new(const AzkbRemoteOptions *options, GError **error)
{
  AzkbRemote *remote;

  g_return_val_if_fail(options != NULL, NULL);
  if (!check_url("endpoint", options->endpoint, error))
    return NULL;
  if (options->graph_store != NULL &&
      !check_url("graph store", options->graph_store, error))
    return NULL;
  remote              = g_new0(AzkbRemote, 1);
  remote->endpoint    = g_strdup(options->endpoint);
  remote->graph_store = g_strdup(
    options->graph_store != NULL ? options->graph_store : options->endpoint);
  remote->user       = g_strdup(options->user);
  remote->password   = g_strdup(options->password);
  remote->netrc_file = g_strdup(options->netrc_file);
  remote->state_dir  = g_strdup(options->state_dir);
  remote->reread     = options->reread;
  remote->auth       = options->auth;
  remote->connect_timeout =
    options->connect_timeout ? options->connect_timeout : 10;
  remote->timeout       = options->timeout ? options->timeout : 60;
  remote->retries       = options->retries == G_MAXUINT ? 0 : options->retries;
  remote->time_limit_ms = options->time_limit_ms;
  if (options->time_limit_ms > 0)
    remote->deadline = g_get_monotonic_time() +
                       (gint64)options->time_limit_ms * (G_USEC_PER_SEC / 1000);
  remote->interrupted = options->interrupted;
  remote->curl        = curl_easy_init();
  if (remote->curl == NULL) {
    azkb_remote_free(remote);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "libcurl could not start");
    return NULL;
  }
  return remote;
}

void
azkb_remote_free(AzkbRemote *remote)
{
  if (remote == NULL)
    return;
  g_clear_pointer(&remote->curl, curl_easy_cleanup);
  g_free(remote->endpoint);
  g_free(remote->graph_store);
  g_free(remote->user);
  if (remote->password != NULL) {
    memset(remote->password, 0, strlen(remote->password));
    g_free(remote->password);
  }
  g_free(remote->netrc_file);
  g_free(remote->server);
  g_free(remote->state_dir);
  g_free(remote);
}

/* What a server says after an update can be long (Virtuoso lists what it
 * did); only an error's text is kept. */
static gboolean
discard(const char *data, gsize len, gpointer user_data, GError **error)
{
  (void)data, (void)len, (void)user_data, (void)error;
  return TRUE;
}

gboolean
remote_update_patiently(AzkbRemote *remote,
                        const char *update,
                        guint       patience,
                        GError    **error)
{
  HttpRequest req = { .method       = "POST",
                      .url          = remote->endpoint,
                      .content_type = "application/sparql-update",
                      .body         = update,
                      .body_len     = strlen(update),
                      .stream       = discard,
                      .patience     = patience };

  return remote_http(remote, &req, NULL, error);
}

gboolean
azkb_remote_update(AzkbRemote *remote, const char *update, GError **error)
{
  return remote_update_patiently(remote, update, 0, error);
}

AzkbRemoteTable *
azkb_remote_select(AzkbRemote *remote,
                   const char *query,
                   const char *default_graph,
                   GError    **error)
{
  g_autoptr(GString) form  = g_string_new("query=");
  g_autoptr(GString) reply = NULL;
  HttpRequest req          = {
             .method       = "POST",
             .url          = remote->endpoint,
             .content_type = "application/x-www-form-urlencoded",
             .accept       = "application/sparql-results+json",
             .max_reply    = MAX_RESULTS,
  };
  AzkbRemoteTable *table;

  /* Form-encoded POST: a long query would not fit a GET URL. */
  g_string_append_uri_escaped(form, query, NULL, FALSE);
  if (default_graph != NULL) {
    if (!remote_check_iri("graph", default_graph, error))
      return NULL;
    g_string_append(form, "&default-graph-uri=");
    g_string_append_uri_escaped(form, default_graph, NULL, FALSE);
  }
  req.body     = form->str;
  req.body_len = form->len;
  if (!remote_http(remote, &req, &reply, error))
    return NULL;
  table = remote_table_parse(reply, error);
  if (table == NULL) {
    g_autofree char *where = remote_escape_text(
      remote->endpoint, strcspn(remote->endpoint, "?#"), 200);
    g_prefix_error(error, "%s: ", where);
  }
  return table;
}

gboolean
azkb_remote_count(AzkbRemote *remote,
                  const char *graph,
                  guint64    *out_count,
                  GError    **error)
{
  g_autofree char *q           = NULL;
  g_autoptr(AzkbRemoteTable) t = NULL;
  const AzkbRemoteTerm *cell;
  char                 *end = NULL;

  if (!remote_check_iri("graph", graph, error))
    return FALSE;
  q = g_strdup_printf(
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }", graph);
  t = azkb_remote_select(remote, q, NULL, error);
  if (t == NULL)
    return FALSE;
  if (azkb_remote_table_n_rows(t) != 1 || azkb_remote_table_n_columns(t) != 1 ||
      (cell = azkb_remote_table_cell(t, 0, 0))->kind != AZKB_REMOTE_LITERAL ||
      (*out_count = g_ascii_strtoull(cell->value, &end, 10), *end != '\0') ||
      end == cell->value) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the server's answer to COUNT(*) is not one number");
    return FALSE;
  }
  return TRUE;
}
