/* azkb: one binary with subcommands, in the manner of GLib's `gio` tool.
 * The table below is the whole dispatch; `azkb help CMD` runs the same
 * function as `azkb CMD` with do_help set, so the two can never disagree. */
#include "azkb-config.h"
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char     *name;
  AzkbCommandFunc run;
  const char     *summary;
} Command;

static const Command commands[] = {
  { "stats", azkb_cmd_stats, "Count entities, statements and sources" },
  { "show", azkb_cmd_show, "Show an entity card with every relation" },
  { "source", azkb_cmd_source, "Print a source paragraph and what cites it" },
  { "export", azkb_cmd_export, "Write the knowledge base as RDF" },
  { "import", azkb_cmd_import, "Read RDF files and summarise them" },
  { "snapshot", azkb_cmd_snapshot, "Save the store as a binary snapshot" },
  { "generate", azkb_cmd_generate, "Write a synthetic graph of any size" },
  { "check", azkb_cmd_check, "Validate the data against its ontology" },
  { "query", azkb_cmd_query, "Match a path pattern with time filters" },
  { "path", azkb_cmd_path, "Find shortest connections between entities" },
  { "diff", azkb_cmd_diff, "List what changed between two dates" },
  { "timeline", azkb_cmd_timeline, "List an entity's statements in time" },
  { "dot", azkb_cmd_dot, "Write a relationship diagram as Graphviz DOT" },
  { "render", azkb_cmd_render, "Render a diagram to SVG, PNG or PDF" },
  { "push", azkb_cmd_push, "Upload or sync the store to a SPARQL store" },
};

static void
print_usage(FILE *out)
{
  fprintf(out,
          "Usage: azkb COMMAND [OPTION…]\n\n"
          "A temporal knowledge graph toolkit.  With no --data, "
          "commands read the\nbundled Azerbaijan–UN knowledge base.\n\n"
          "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\nUse “azkb help COMMAND” or “azkb COMMAND --help” for "
          "details.\n"
          "Exit status: 0 success, 1 no match or failed check, "
          "2 usage error,\n3 data or I/O error, 4 time limit (--timeout, "
          "or a server's own).\n");
}

static const Command *
find_command(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int
unknown_command(const char *name)
{
  const char *names[G_N_ELEMENTS(commands) + 1];
  const char *closest;

  for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
    names[i] = commands[i].name;
  names[G_N_ELEMENTS(commands)] = NULL;
  closest                       = azkb_cli_closest(name, names);
  if (closest != NULL)
    fprintf(stderr,
            "azkb: unknown command “%s”; did you mean “%s”?\n",
            azkb_cli_safe(name),
            closest);
  else
    fprintf(stderr, "azkb: unknown command “%s”\n", azkb_cli_safe(name));
  fprintf(stderr, "Try “azkb help” for the list of commands.\n");
  return AZKB_EXIT_USAGE;
}

static int
dispatch(int argc, char **argv)
{
  const Command *cmd;

  if (argc < 2) {
    print_usage(stderr);
    return AZKB_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("azkb %s\n", AZKB_VERSION);
    return AZKB_EXIT_OK;
  }
  if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
      strcmp(argv[1], "-h") == 0) {
    if (argc < 3) {
      print_usage(stdout);
      return AZKB_EXIT_OK;
    }
    cmd = find_command(argv[2]);
    if (cmd == NULL)
      return unknown_command(argv[2]);
    return cmd->run(argc - 2, argv + 2, TRUE);
  }

  cmd = find_command(argv[1]);
  if (cmd == NULL)
    return unknown_command(argv[1]);
  return cmd->run(argc - 1, argv + 1, FALSE);
}

/* Every command's output is checked here, once: a full disk or a closed
 * stdout turns any exit status into 3 with a message.  Log messages go to
 * stderr, all of them: GLib's writer sends debug and info ones to stdout
 * by default, and with G_MESSAGES_DEBUG set they would land in the middle
 * of a command's output (a CSV piped to a file). */
int
main(int argc, char **argv)
{
  g_log_writer_default_set_use_stderr(TRUE);
  azkb_cli_guard_std_fds();
  azkb_cli_check_stdout_at_exit();
  setlocale(LC_ALL, "");
  g_set_prgname("azkb");
  return azkb_cli_finish_stdout(dispatch(argc, argv));
}
