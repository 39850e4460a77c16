/* HTTP through libcurl: one easy handle per AzkbRemote, so that the
 * connection and the digest nonce carry over from request to request (a
 * fresh handle would pay a 401 round trip, body included, per chunk).
 *
 * Every failure becomes one AZKB_REMOTE_ERROR naming the URL and what
 * happened; the password never appears (it is not in the URL: azkb_remote_new
 * refuses credentials there), and the server's text is escaped. */
#include "remote-private.h"

#include <string.h>

#define DEFAULT_MAX_REPLY (1024 * 1024)
#define SERVER_TEXT_MAX 600

static gsize curl_ready;

static void
ensure_curl(void)
{
  if (g_once_init_enter(&curl_ready)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    g_once_init_leave(&curl_ready, 1);
  }
}

typedef struct {
  GString           *body;
  gsize              max;
  gboolean           overflow;
  const HttpRequest *req;
  CURL              *curl;
  GError            *stream_error;
} Sink;

static size_t
on_data(char *ptr, size_t size, size_t nmemb, void *user_data)
{
  Sink *sink   = user_data;
  gsize len    = size * nmemb;
  long  status = 0;

  curl_easy_getinfo(sink->curl, CURLINFO_RESPONSE_CODE, &status);
  if (sink->req->stream != NULL && status >= 200 && status < 300) {
    if (!sink->req->stream(
          ptr, len, sink->req->stream_data, &sink->stream_error))
      return 0;
    return len;
  }

  if (status >= 300 || status < 200) {
    /* An error's text: the start is enough (Virtuoso echoes the whole
     * query, which may be megabytes of INSERT DATA). */
    if (sink->body->len < SERVER_TEXT_MAX * 4)
      g_string_append_len(
        sink->body, ptr, (gssize)MIN(len, SERVER_TEXT_MAX * 4));
    return len;
  }
  if (sink->body->len + len > sink->max) {
    sink->overflow = TRUE;
    return 0; /* stops the transfer: CURLE_WRITE_ERROR */
  }
  g_string_append_len(sink->body, ptr, (gssize)len);
  return len;
}

char *
remote_escape_text(const char *text, gsize len, gsize max)
{
  GString    *out = g_string_new(NULL);
  const char *p   = text;
  const char *end = text + len;

  while (p < end && out->len < max) {
    gunichar c = g_utf8_get_char_validated(p, end - p);

    if (c == (gunichar)-1 || c == (gunichar)-2) {
      g_string_append_printf(out, "\\x%02X", (guchar)*p++);
      continue;
    }
    if (c == '\n' || c == '\r' || c == '\t')
      g_string_append_c(out, ' ');
    else if (g_unichar_iscntrl(c))
      g_string_append_printf(out, "\\x%02X", c);
    else
      g_string_append_unichar(out, c);
    p = g_utf8_next_char(p);
  }
  if (p < end)
    g_string_append(out, "…");
  /* Runs of spaces (the server's line breaks and indentation) as one. */
  for (gsize i = 0; i + 1 < out->len;)
    if (out->str[i] == ' ' && out->str[i + 1] == ' ')
      g_string_erase(out, (gssize)i, 1);
    else
      i++;
  g_strstrip(out->str);
  return g_string_free(out, FALSE);
}

/* The URL without its query string, escaped: enough to say where. */
static char *
url_for_message(const char *url)
{
  gsize len = strcspn(url, "?#");

  return remote_escape_text(url, len, 200);
}

/* The whole operation ran into its time limit. */
static void
set_time_limit_error(const AzkbRemote *remote,
                     const char       *where,
                     GError          **error)
{
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_TIMEOUT,
              "%s: stopped at the time limit, %.3g s (timeout)",
              where,
              remote->time_limit_ms / 1000.0);
}

static void
set_curl_error(AzkbRemote        *remote,
               const HttpRequest *req,
               CURLcode           code,
               const Sink        *sink,
               const char        *detail,
               GError           **error)
{
  g_autofree char *where = url_for_message(req->url);
  int              kind  = AZKB_REMOTE_ERROR_PROTOCOL;
  const char      *what  = curl_easy_strerror(code);

  switch ((int)code) { /* a few of curl's many codes */
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      kind = AZKB_REMOTE_ERROR_CONNECT;
      what = "cannot connect";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      kind = AZKB_REMOTE_ERROR_TIMEOUT;
      if (remote->deadline != 0 &&
          g_get_monotonic_time() >= remote->deadline - 50000) {
        set_time_limit_error(remote, where, error);
        return;
      }
      g_set_error(error,
                  AZKB_REMOTE_ERROR,
                  kind,
                  "%s: no answer within %u s (timeout)",
                  where,
                  MAX(remote->timeout, req->patience));
      return;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
      kind = AZKB_REMOTE_ERROR_TLS;
      what = "TLS: the server's certificate could not be verified";
      break;
    case CURLE_WRITE_ERROR:
      if (sink->overflow) {
        g_set_error(error,
                    AZKB_REMOTE_ERROR,
                    AZKB_REMOTE_ERROR_PROTOCOL,
                    "%s: the reply is larger than %" G_GSIZE_FORMAT
                    " bytes; azkb stopped reading it",
                    where,
                    sink->max);
        return;
      }
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_SEND_ERROR:
      what = "the server closed the connection before its reply was "
             "complete";
      break;
    default:
      break;
  }
  if (detail != NULL && *detail != '\0') {
    g_autofree char *d = remote_escape_text(detail, strlen(detail), 200);
    g_set_error(error, AZKB_REMOTE_ERROR, kind, "%s: %s (%s)", where, what, d);
  } else
    g_set_error(error, AZKB_REMOTE_ERROR, kind, "%s: %s", where, what);
}

/* The setting of Virtuoso's ini whose time limit stopped the request, if
 * its answer says so: SR171 "Transaction timed out" once
 * MaxQueryExecutionTime ([SPARQL], seconds) has passed (the endpoint makes
 * it the transaction timeout of every request, updates included), or "The
 * estimated execution time ... exceeds the limit" before the query runs,
 * from MaxQueryCostEstimationTime.  Only the answer's first line is read:
 * the rest echoes the query, which may hold anything. */
static const char *
virtuoso_time_limit(const AzkbRemote *remote, const GString *body)
{
  gsize            len  = strcspn(body->str, "\r\n");
  g_autofree char *line = g_strndup(body->str, len);

  if (!remote_is_virtuoso(remote))
    return NULL;
  if (strstr(line, "SR171") != NULL)
    return "MaxQueryExecutionTime";
  if (strstr(line, "estimated execution time") != NULL &&
      strstr(line, "exceeds the limit") != NULL)
    return "MaxQueryCostEstimationTime";
  return NULL;
}

static void
set_status_error(AzkbRemote        *remote,
                 const HttpRequest *req,
                 long               status,
                 const GString     *body,
                 GError           **error)
{
  g_autofree char *where = url_for_message(req->url);
  g_autofree char *text =
    remote_escape_text(body->str, body->len, SERVER_TEXT_MAX);
  g_autofree char *why   = NULL;
  gboolean         auth  = status == 401 || status == 403;
  const char      *limit = virtuoso_time_limit(remote, body);

  if (limit != NULL) {
    /* The server's first line says it; the rest echoes the query. */
    g_autofree char *said = remote_escape_text(
      body->str, strcspn(body->str, "\r\n"), SERVER_TEXT_MAX);

    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_SERVER_TIMEOUT,
                "%s: the server stopped the request at its own time limit, "
                "%s in the [SPARQL] section of virtuoso.ini (seconds; 0 or "
                "unset: no limit): raise it and restart the server; waiting "
                "longer for the answer would not help (HTTP %ld: %s)",
                where,
                limit,
                status,
                said);
    return;
  }
  if (auth && remote->user != NULL) {
    g_autofree char *user =
      remote_escape_text(remote->user, strlen(remote->user), 100);
    why = g_strdup_printf(" (the server refused the credentials of user “%s”)",
                          user);
  } else if (auth)
    why = g_strdup(" (the server wants credentials: a user name and a "
                   "password)");
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              auth ? AZKB_REMOTE_ERROR_AUTH : AZKB_REMOTE_ERROR_HTTP,
              "%s: HTTP %ld%s%s%s",
              where,
              status,
              why != NULL ? why : "",
              *text != '\0' ? ": " : "",
              text);
}

/* Keep the Server header: some servers need their own care (query.c). */
static size_t
on_header(char *buffer, size_t size, size_t nitems, void *user_data)
{
  AzkbRemote *remote = user_data;
  gsize       len    = size * nitems;

  if (len > 7 && g_ascii_strncasecmp(buffer, "Server:", 7) == 0) {
    g_free(remote->server);
    remote->server = g_strstrip(g_strndup(buffer + 7, len - 7));
  }
  return len;
}

gboolean
remote_is_virtuoso(const AzkbRemote *remote)
{
  return remote->server != NULL &&
         g_ascii_strncasecmp(remote->server, "Virtuoso", 8) == 0;
}

gboolean
remote_interrupted(const AzkbRemote *remote, GError **error)
{
  if (remote->interrupted == NULL || *remote->interrupted == 0 ||
      remote->cleaning_up)
    return FALSE;
  g_set_error(
    error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_INTERRUPTED, "interrupted");
  return TRUE;
}

void
remote_sleep(const AzkbRemote *remote, guint seconds)
{
  for (guint i = 0; i < seconds * 10 && !remote_interrupted(remote, NULL); i++)
    g_usleep(G_USEC_PER_SEC / 10);
}

static int
on_progress(void      *user_data,
            curl_off_t dltotal,
            curl_off_t dlnow,
            curl_off_t ultotal,
            curl_off_t ulnow)
{
  (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
  return remote_interrupted(user_data, NULL) ? 1 : 0;
}

static void
setup_auth(AzkbRemote *remote)
{
  static const long kinds[] = { CURLAUTH_ANY, CURLAUTH_BASIC, CURLAUTH_DIGEST };

  if (remote->user != NULL) {
    curl_easy_setopt(remote->curl, CURLOPT_USERNAME, remote->user);
    curl_easy_setopt(remote->curl,
                     CURLOPT_PASSWORD,
                     remote->password != NULL ? remote->password : "");
  }
  if (remote->netrc_file != NULL) {
    curl_easy_setopt(remote->curl, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    curl_easy_setopt(remote->curl, CURLOPT_NETRC_FILE, remote->netrc_file);
  }
  curl_easy_setopt(remote->curl, CURLOPT_HTTPAUTH, kinds[remote->auth]);
}

static void
setup_handle(AzkbRemote *remote)
{
  CURL *c = remote->curl;

  curl_easy_reset(c);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)remote->connect_timeout);
  /* A timeout without progress, not on the whole request: a large chunk
   * on a slow link is fine as long as bytes move. */
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)remote->timeout);
  curl_easy_setopt(c,
                   CURLOPT_USERAGENT,
                   "azkb/"
                   "0.1");
  /* Send the body at once: servers differ on 100-continue, and the digest
   * handshake happens on the first request only (the handle keeps it). */
  setup_auth(remote);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, remote);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, remote);
}

gboolean
remote_http(AzkbRemote        *remote,
            const HttpRequest *req,
            GString          **out_body,
            GError           **error)
{
  g_autoptr(GString) body    = g_string_new(NULL);
  struct curl_slist *headers = NULL;
  Sink               sink    = {
                     body,         req->max_reply ? req->max_reply : DEFAULT_MAX_REPLY,
                     FALSE,        req,
                     remote->curl, NULL
  };
  char     detail[CURL_ERROR_SIZE] = "";
  CURLcode code;
  long     status = 0;
  /* what is left of the whole operation's time, if it has a limit */
  gint64 left = remote->deadline - g_get_monotonic_time();

  ensure_curl();
  if (remote_interrupted(remote, error))
    return FALSE;
  if (remote->deadline != 0 && left <= 0) {
    g_autofree char *where = url_for_message(req->url);

    set_time_limit_error(remote, where, error);
    return FALSE;
  }
  setup_handle(remote);
  remote->last_status = 0;
  g_clear_pointer(&remote->server, g_free);
  if (req->content_type != NULL) {
    g_autofree char *h = g_strconcat("Content-Type: ", req->content_type, NULL);
    headers            = curl_slist_append(headers, h);
  }
  if (req->accept != NULL) {
    g_autofree char *h = g_strconcat("Accept: ", req->accept, NULL);
    headers            = curl_slist_append(headers, h);
  }
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(remote->curl, CURLOPT_URL, req->url);
  curl_easy_setopt(remote->curl,
                   CURLOPT_LOW_SPEED_TIME,
                   (long)MAX(remote->timeout, req->patience));
  /* The time left of the whole operation: a server that streams a reply
   * slowly, or without end, never trips the wait without progress. */
  if (left > 0)
    curl_easy_setopt(
      remote->curl, CURLOPT_TIMEOUT_MS, (long)MAX(left / 1000, 1));
  curl_easy_setopt(remote->curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(remote->curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(remote->curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(remote->curl, CURLOPT_WRITEDATA, &sink);
  if (strcmp(req->method, "GET") != 0) {
    curl_easy_setopt(
      remote->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    curl_easy_setopt(
      remote->curl, CURLOPT_POSTFIELDS, req->body != NULL ? req->body : "");
    if (strcmp(req->method, "POST") != 0)
      curl_easy_setopt(remote->curl, CURLOPT_CUSTOMREQUEST, req->method);
  }
  gint64 t0 = g_get_monotonic_time();
  code      = curl_easy_perform(remote->curl);
  g_debug("%s %s: %" G_GSIZE_FORMAT " bytes, %.3f s",
          req->method,
          req->url,
          req->body_len,
          (double)(g_get_monotonic_time() - t0) / 1e6);
  curl_easy_getinfo(remote->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(remote->curl, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt(remote->curl, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all(headers);
  remote->last_status = status;
  if (sink.stream_error != NULL) {
    g_propagate_error(error, sink.stream_error);
    return FALSE;
  }
  if (code == CURLE_ABORTED_BY_CALLBACK && remote_interrupted(remote, error))
    return FALSE;
  if (code != CURLE_OK) {
    set_curl_error(remote, req, code, &sink, detail, error);
    return FALSE;
  }
  if (status < 200 || status >= 300) {
    set_status_error(remote, req, status, body, error);
    return FALSE;
  }
  if (out_body != NULL)
    *out_body = g_steal_pointer(&body);
  return TRUE;
}

gboolean
remote_error_is_transient(const AzkbRemote *remote, const GError *error)
{
  if (error->domain != AZKB_REMOTE_ERROR)
    return FALSE;
  switch ((AzkbRemoteError)error->code) {
    case AZKB_REMOTE_ERROR_CONNECT:
    case AZKB_REMOTE_ERROR_TIMEOUT:
    case AZKB_REMOTE_ERROR_PROTOCOL:
      return TRUE;
    case AZKB_REMOTE_ERROR_HTTP:
      return remote->last_status >= 500 || remote->last_status == 429 ||
             remote->last_status == 408;
    case AZKB_REMOTE_ERROR_INVALID:
    case AZKB_REMOTE_ERROR_AUTH:
    case AZKB_REMOTE_ERROR_MISMATCH:
    case AZKB_REMOTE_ERROR_UNSUPPORTED:
    case AZKB_REMOTE_ERROR_TLS:
    case AZKB_REMOTE_ERROR_INTERRUPTED:
    case AZKB_REMOTE_ERROR_TOO_LARGE:
    case AZKB_REMOTE_ERROR_SERVER_LIMIT:
    case AZKB_REMOTE_ERROR_SERVER_TIMEOUT: /* the same limit again */
    case AZKB_REMOTE_ERROR_SUPERSEDED:
      return FALSE;
  }
  return FALSE;
}

guint
remote_backoff(guint attempt)
{
  return attempt >= 5 ? 30 : MIN(30u, 1u << attempt);
}

char *
remote_graph_url(const char *url, const char *graph)
{
  g_autofree char *escaped = g_uri_escape_string(graph, NULL, FALSE);

  return g_strconcat(
    url, strchr(url, '?') != NULL ? "&" : "?", "graph=", escaped, NULL);
}

gboolean
remote_check_iri(const char *what, const char *iri, GError **error)
{
  g_autofree char *scheme = g_uri_parse_scheme(iri);

  if (scheme == NULL || !g_utf8_validate(iri, -1, NULL)) {
    g_autofree char *e = remote_escape_text(iri, strlen(iri), 200);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "%s “%s” is not an absolute IRI",
                what,
                e);
    return FALSE;
  }
  for (const char *p = iri; *p; p++)
    if ((guchar)*p <= 0x20 || strchr("<>\"{}|^`\\", *p) != NULL) {
      g_autofree char *e = remote_escape_text(iri, strlen(iri), 200);
      g_set_error(error,
                  AZKB_REMOTE_ERROR,
                  AZKB_REMOTE_ERROR_INVALID,
                  "%s “%s” holds a character an IRI cannot (position %d)",
                  what,
                  e,
                  (int)(p - iri) + 1);
      return FALSE;
    }
  return TRUE;
}
