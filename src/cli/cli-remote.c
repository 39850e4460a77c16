/* Options shared by the commands that talk to a SPARQL store (push, query,
 * show, timeline and path --endpoint): where it is, who we are, how long to
 * wait.  The password never comes from the command line (it would show in `ps`
 * and in shell history): from the variable named by --password-env
 * (AZKB_PASSWORD by default), from --password-file, or from ~/.netrc through
 * libcurl. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_PASSWORD_ENV "AZKB_PASSWORD"

void
azkb_cli_add_remote_options(GOptionContext *context,
                            AzkbCliRemote  *r,
                            gboolean        with_timeout)
{
  // clang-format off
  const GOptionEntry entries[] = {
    { "endpoint",        0, 0, G_OPTION_ARG_STRING,   &r->endpoint,        "SPARQL endpoint (query and update) of the store", "URL" },
    { "graph-store",     0, 0, G_OPTION_ARG_STRING,   &r->graph_store,     "Graph Store Protocol endpoint (default: --endpoint)", "URL" },
    { "user",            0, 0, G_OPTION_ARG_STRING,   &r->user,            "User name; the password comes from $AZKB_PASSWORD, --password-file or ~/.netrc", "NAME" },
    { "password-env",    0, 0, G_OPTION_ARG_STRING,   &r->password_env,    "Read the password from variable VAR (default AZKB_PASSWORD)", "VAR" },
    { "password-file",   0, 0, G_OPTION_ARG_FILENAME, &r->password_file,   "Read the password from the first line of FILE", "FILE" },
    { "auth",            0, 0, G_OPTION_ARG_STRING,   &r->auth,            "HTTP authentication: any (default), basic or digest", "KIND" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT,      &r->connect_timeout, "Give up connecting after S seconds (default 10)", "S" },
    { "retries",         0, 0, G_OPTION_ARG_INT,      &r->retries,         "Send a failed request again up to N times (default 3)", "N" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  // clang-format off
  const GOptionEntry timeout_entries[] = {
    { "timeout", 0, 0, G_OPTION_ARG_INT, &r->timeout, "Give up after S seconds without progress (default 60)", "S" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  r->retries = -1;
  g_option_context_add_main_entries(context, entries, NULL);
  if (with_timeout)
    g_option_context_add_main_entries(context, timeout_entries, NULL);
}

void
azkb_cli_remote_clear(AzkbCliRemote *r)
{
  g_clear_pointer(&r->endpoint, g_free);
  g_clear_pointer(&r->graph_store, g_free);
  g_clear_pointer(&r->user, g_free);
  g_clear_pointer(&r->password_env, g_free);
  g_clear_pointer(&r->password_file, g_free);
  g_clear_pointer(&r->auth, g_free);
  g_clear_pointer(&r->state_dir, g_free);
}

/* The first line of @path, which must be a regular file. */
static char *
read_password_file(const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize            len  = 0;
  char            *nl;

  if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "--password-file %s: not a regular file",
                path);
    return NULL;
  }
  if (!g_file_get_contents(path, &text, &len, error))
    return NULL;
  if (memchr(text, '\0', len) != NULL) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "--password-file %s: holds a NUL byte",
                path);
    return NULL;
  }
  nl = strpbrk(text, "\r\n");
  if (nl != NULL)
    *nl = '\0';
  return g_steal_pointer(&text);
}

static gboolean
parse_auth(const char *name, AzkbRemoteAuth *out, GError **error)
{
  static const char *const names[] = { "any", "basic", "digest" };

  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    if (name == NULL || strcmp(name, names[i]) == 0) {
      *out = name == NULL ? AZKB_REMOTE_AUTH_ANY : (AzkbRemoteAuth)i;
      return TRUE;
    }
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_INVALID,
              "--auth: unknown kind “%s” (any, basic or digest)",
              name);
  return FALSE;
}

static volatile int interrupted;

static void
on_signal(int sig)
{
  interrupted = 1;
  /* A second signal ends the program at once. */
  signal(sig, SIG_DFL);
}

/* Ctrl-C, SIGTERM and SIGHUP stop the request under way and let the
 * command clean up (a push removes its temporary graph and says so). */
static void
catch_signals(void)
{
  struct sigaction sa = { 0 };

  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
}

AzkbRemote *
azkb_cli_remote_open(const AzkbCliRemote *r, GError **error)
{
  AzkbRemoteOptions o        = { 0 };
  g_autofree char  *password = NULL;
  g_autofree char  *netrc    = NULL;
  const char       *env =
    r->password_env != NULL ? r->password_env : DEFAULT_PASSWORD_ENV;

  if (r->timeout < 0 || r->connect_timeout < 0) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "--timeout and --connect-timeout must be positive");
    return NULL;
  }
  if (!parse_auth(r->auth, &o.auth, error))
    return NULL;
  if (r->password_file != NULL) {
    password = read_password_file(r->password_file, error);
    if (password == NULL)
      return NULL;
  } else if (g_getenv(env) != NULL)
    password = g_strdup(g_getenv(env));
  if (r->password_file != NULL && r->user == NULL) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "--password-file is given but no --user");
    return NULL;
  }
  if (r->user == NULL)
    g_clear_pointer(&password, g_free); /* the variable is for --user */
  o.endpoint    = r->endpoint;
  o.graph_store = r->graph_store;
  o.user        = r->user;
  o.password    = password;
  /* libcurl finds the host's entry, if any */
  netrc             = g_build_filename(g_get_home_dir(), ".netrc", NULL);
  o.netrc_file      = password == NULL ? netrc : NULL;
  o.timeout         = (guint)r->timeout;
  o.connect_timeout = (guint)r->connect_timeout;
  o.retries         = r->retries < 0 ? 3 : (guint)r->retries;
  o.interrupted     = &interrupted;
  o.state_dir       = r->state_dir;
  o.reread          = r->reread;
  o.time_limit_ms   = r->time_limit_ms;
  catch_signals();
  if (password != NULL) {
    AzkbRemote *remote = azkb_remote_new(&o, error);
    memset(password, 0, strlen(password));
    return remote;
  }
  return azkb_remote_new(&o, error);
}

/* ---- show, timeline, path --endpoint ---- */

void
azkb_cli_add_remote_read_options(GOptionContext *context, AzkbCliRemoteRead *r)
{
  // clang-format off
  const GOptionEntry entries[] = {
    { "graph",       0, 0, G_OPTION_ARG_STRING, &r->graph,       "With --endpoint: read this named graph (default: the server's default graph)", "IRI" },
    { "base",        0, 0, G_OPTION_ARG_STRING, &r->base,        "With --endpoint: the base IRI the graph was pushed under (default http://azkb.example/)", "IRI" },
    { "max-triples", 0, 0, G_OPTION_ARG_INT64,  &r->max_triples, "With --endpoint: read at most N triples from the server (default 1000000)", "N" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_remote_options(context, &r->remote, TRUE);
}

void
azkb_cli_remote_read_clear(AzkbCliRemoteRead *r)
{
  azkb_cli_remote_clear(&r->remote);
  g_clear_pointer(&r->graph, g_free);
  g_clear_pointer(&r->base, g_free);
}

static AzkbRemote *
open_for_read(const AzkbCliRemoteRead *r,
              const AzkbCliData       *data,
              AzkbStore              **out_names,
              GError                 **error)
{
  if (r->max_triples < 0) {
    g_set_error(error,
                G_OPTION_ERROR,
                G_OPTION_ERROR_BAD_VALUE,
                "--max-triples must be positive");
    return NULL;
  }
  if ((*out_names = azkb_cli_names_only(data, error)) == NULL)
    return NULL;
  return azkb_cli_remote_open(&r->remote, error);
}

AzkbStore *
azkb_cli_remote_entity(const AzkbCliRemoteRead *r,
                       const AzkbCliData       *data,
                       const char              *name,
                       AzkbTermId              *out_entity,
                       GError                 **error)
{
  g_autoptr(AzkbStore) names   = NULL;
  g_autoptr(AzkbRemote) remote = open_for_read(r, data, &names, error);
  AzkbStore *store;

  if (remote == NULL)
    return NULL;
  store = azkb_remote_fetch_entity(remote,
                                   r->graph,
                                   r->base,
                                   name,
                                   (guint64)r->max_triples,
                                   out_entity,
                                   error);
  if (store != NULL)
    azkb_store_merge(store, names);
  return store;
}

AzkbStore *
azkb_cli_remote_path(const AzkbCliRemoteRead *r,
                     const AzkbCliData       *data,
                     const char              *from_name,
                     const char              *to_name,
                     const AzkbPathOptions   *options,
                     AzkbTermId              *out_from,
                     AzkbTermId              *out_to,
                     GPtrArray              **out_paths,
                     GError                 **error)
{
  g_autoptr(AzkbStore) names   = NULL;
  g_autoptr(AzkbRemote) remote = open_for_read(r, data, &names, error);
  AzkbStore *store;

  if (remote == NULL)
    return NULL;
  store = azkb_remote_fetch_path(remote,
                                 r->graph,
                                 r->base,
                                 from_name,
                                 to_name,
                                 options,
                                 (guint64)r->max_triples,
                                 out_from,
                                 out_to,
                                 out_paths,
                                 error);
  if (store != NULL)
    azkb_store_merge(store, names);
  return store;
}

AzkbStore *
azkb_cli_load_entity(const AzkbCliData       *data,
                     const AzkbCliRemoteRead *r,
                     const char              *name,
                     AzkbTermId              *out_entity,
                     GError                 **error)
{
  g_autoptr(AzkbStore) store = NULL;

  if (r->remote.endpoint != NULL)
    return azkb_cli_remote_entity(r, data, name, out_entity, error);
  if ((store = azkb_cli_load(data, error)) == NULL)
    return NULL;
  *out_entity = azkb_store_resolve(store, name, AZKB_TERM_ENTITY, error);
  return *out_entity != 0 ? g_steal_pointer(&store) : NULL;
}
