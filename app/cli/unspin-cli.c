/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "unspin-engine.h"
#include "unspin-error.h"
#include "unspin-export.h"

/* Exit statuses, as `unspin-cli --help` documents them. */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_INPUT = 2,
  EXIT_DATA = 3,
};

typedef struct {
  char    *format;
  char    *output;
  char   **packs;
  char    *model;
  gboolean no_model;
  gboolean front_matter;
  gint64   max_size;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->packs, g_strfreev);
  g_clear_pointer (&options->model, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage_error (const char *message)
{
  g_printerr ("unspin-cli: %s\n", message);
  g_printerr (_("Try “unspin-cli --help” for more information.\n"));
  return EXIT_USAGE;
}

static void
print_error (const GError *error)
{
  g_printerr ("unspin-cli: %s\n", error->message);
}

static const char *
summary_text (void)
{
  return _("Restores articles garbled by article spinners: proposes edits, each with a reason\n"
           "and a confidence, and applies the confident ones.\n"
           "\n"
           "Commands:\n"
           "  restore [OPTION…] [FILE…|-]   print the restored text (the confident edits applied)\n"
           "  edits [OPTION…] FILE          list every proposed edit for a person to read\n"
           "\n"
           "With no FILE, or with -, read standard input.\n"
           "\n"
           "Edits are decided in context by the English language model of CMU Sphinx\n"
           "(en-us.lm.bin) when it is installed; --model FILE or $UNSPIN_LM_MODEL names\n"
           "another, --no-model turns context scoring off.\n"
           "\n"
           "Exit status: 0 success, 1 bad usage, 2 unreadable or invalid input (or an\n"
           "output that cannot be written), 3 bad data (a phrase pack, the rules or the\n"
           "language model).\n"
           "\n"
           "Run “unspin-cli COMMAND --help” for a command's options.");
}

/* Context scoring: the model given, else the default one when it is installed. */
static gboolean
load_model (UnspinEngine  *engine,
            const Options *options,
            int           *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path = options->model;

  if (options->no_model)
    return TRUE;

  if (path == NULL)
    {
      path = unspin_lm_get_default_path ();
      /* No model installed is a normal set-up: say what it costs and go on. */
      if (path == NULL || !unspin_lm_is_supported ()
          || (!g_file_test (path, G_FILE_TEST_EXISTS) && g_getenv ("UNSPIN_LM_MODEL") == NULL))
        {
          g_printerr (_("unspin-cli: context scoring is off: no language model "
                        "(install pocketsphinx-en-us or set UNSPIN_LM_MODEL)\n"));
          return TRUE;
        }
      file = g_file_new_for_path (path);
    }
  else
    file = g_file_new_for_commandline_arg (path);

  if (!unspin_engine_load_model (engine, file, NULL, &error))
    {
      print_error (error);
      *status = EXIT_DATA;
      return FALSE;
    }
  return TRUE;
}

static UnspinEngine *
load_engine (const Options *options,
             int           *status)
{
  char **packs = options->packs;
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GError) error = NULL;

  /* Users' packs first: when a phrase is in two packs, the first loaded wins. */
  for (guint i = 0; packs != NULL && packs[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (packs[i]);

      if (!unspin_engine_add_pack_file (engine, file, NULL, &error))
        {
          /* A pack that cannot be read is bad data as much as one that does not parse. */
          print_error (error);
          *status = EXIT_DATA;
          return NULL;
        }
    }

  if (!unspin_engine_load_default_data (engine, NULL, &error))
    {
      print_error (error);
      *status = EXIT_DATA;
      return NULL;
    }

  if (!load_model (engine, options, status))
    return NULL;

  return g_steal_pointer (&engine);
}

static UnspinText *
read_stdin (gsize    max_size,
            GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint8 chunk[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, NULL, error);

      if (n < 0)
        {
          g_prefix_error (error, _("standard input: "));
          return NULL;
        }
      if (n == 0)
        break;
      if (max_size > 0 && buffer->len + (gsize) n > max_size)
        {
          g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                       _("standard input: more than the limit of %zu bytes"),
                       max_size);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return unspin_text_new_from_bytes (bytes, _("standard input"), error);
}

static UnspinText *
read_input (const char *arg,
            gsize       max_size,
            GError    **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_strcmp0 (arg, "-") == 0)
    return read_stdin (max_size, error);

  file = g_file_new_for_commandline_arg (arg);
  return unspin_text_new_from_file (file, max_size, NULL, error);
}

static int
status_for_input_error (const GError *error)
{
  if (g_error_matches (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK))
    return EXIT_DATA;
  return EXIT_INPUT;
}

/* Output goes to standard output, or to a file that only replaces the old one once complete. */
typedef struct {
  GOutputStream *stream;
  GFile         *file;
} Output;

static gboolean
output_open (Output      *output,
             const char  *path,
             GError     **error)
{
  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      output->stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return TRUE;
    }

  output->file = g_file_new_for_commandline_arg (path);
  output->stream = G_OUTPUT_STREAM (g_file_replace (output->file, NULL, FALSE,
                                                    G_FILE_CREATE_NONE, NULL, error));
  if (output->stream == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      g_clear_object (&output->file);
      return FALSE;
    }
  return TRUE;
}

/* On failure the replaced file keeps its old contents: closing with a cancelled cancellable
 * drops the temporary file. */
static gboolean
output_close (Output      *output,
              gboolean     success,
              GError     **error)
{
  gboolean ok = TRUE;

  if (output->stream == NULL)
    return success;

  if (output->file != NULL && !success)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (output->stream, cancelled, NULL);
    }
  else if (!g_output_stream_close (output->stream, NULL, error))
    {
      if (output->file != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (output->file);
          g_prefix_error (error, "%s: ", name);
        }
      ok = FALSE;
    }

  g_clear_object (&output->stream);
  g_clear_object (&output->file);
  return ok && success;
}

static gboolean
write_string (GOutputStream  *stream,
              const char     *data,
              gsize           len,
              GError        **error)
{
  return g_output_stream_write_all (stream, data, len, NULL, NULL, error);
}

static gboolean
restore_one (UnspinEngine       *engine,
             UnspinText         *text,
             UnspinExportFormat  format,
             gboolean            jsonl,
             UnspinExportFlags   flags,
             GOutputStream      *stream,
             GError            **error)
{
  g_autoptr(UnspinReview) review = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (format == UNSPIN_EXPORT_TEXT)
    return unspin_engine_restore_to_stream (engine, text, UNSPIN_CONFIDENCE_HIGH, stream, NULL, error);

  review = unspin_engine_review (engine, text, NULL, error);
  if (review == NULL)
    return FALSE;

  if (jsonl)
    {
      g_autoptr(JsonNode) node = unspin_export_to_json_node (review);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      data = json_generator_to_data (generator, &len);
      return write_string (stream, data, len, error) && write_string (stream, "\n", 1, error);
    }

  data = unspin_export_to_string (review, format, flags, &len);
  return write_string (stream, data, len, error);
}

static int
command_restore (int    argc,
                 char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinEngine) engine = NULL;
  g_auto(GStrv) files = NULL;
  UnspinExportFormat format = UNSPIN_EXPORT_TEXT;
  gboolean jsonl = FALSE;
  Output output = { 0 };
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      N_("Output format: text (default), markdown, json or jsonl (one JSON object a line)"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write to FILE (replaced only once complete) instead of standard output"), N_("FILE") },
    { "pack", 'p', 0, G_OPTION_ARG_FILENAME_ARRAY, &options.packs,
      N_("Also use the phrase pack FILE (before the bundled ones); may be repeated"), N_("FILE") },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &options.model,
      N_("Decide edits in context with the language model FILE (Sphinx binary or ARPA)"), N_("FILE") },
    { "no-model", 0, 0, G_OPTION_ARG_NONE, &options.no_model,
      N_("No context scoring: pack priors and rules only"), NULL },
    { "front-matter", 0, 0, G_OPTION_ARG_NONE, &options.front_matter,
      N_("Markdown: begin with front matter (source, edit counts)"), NULL },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &options.max_size,
      N_("Refuse inputs larger than BYTES (default 1 GiB)"), N_("BYTES") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE…|-]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Restores each FILE (or standard input) and prints the restored "
                                  "text,\nwith the edits the engine is confident about applied."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (options.model != NULL && options.no_model)
    return usage_error (_("--model and --no-model go separately"));

  if (options.format == NULL || g_strcmp0 (options.format, "text") == 0)
    format = UNSPIN_EXPORT_TEXT;
  else if (g_strcmp0 (options.format, "jsonl") == 0)
    {
      format = UNSPIN_EXPORT_JSON;
      jsonl = TRUE;
    }
  else if (!unspin_export_format_from_string (options.format, &format))
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”: use text, markdown, json or jsonl"),
                                                  options.format);
      return usage_error (message);
    }
  if (options.max_size < 0)
    return usage_error (_("--max-size must be a positive number of bytes"));
  if (options.front_matter && format != UNSPIN_EXPORT_MARKDOWN)
    return usage_error (_("--front-matter goes with --format=markdown"));
  if (format == UNSPIN_EXPORT_JSON && !jsonl && files != NULL && g_strv_length (files) > 1)
    return usage_error (_("several files make several JSON documents: use --format=jsonl"));

  engine = load_engine (&options, &status);
  if (engine == NULL)
    return status;

  if (!output_open (&output, options.output, &error))
    {
      print_error (error);
      return EXIT_INPUT;
    }

  for (guint i = 0; files == NULL || files[i] != NULL; i++)
    {
      const char *arg = files ? files[i] : "-";
      g_autoptr(UnspinText) text = NULL;
      g_autoptr(GError) local_error = NULL;

      text = read_input (arg, options.max_size > 0 ? (gsize) options.max_size
                                                   : UNSPIN_TEXT_DEFAULT_MAX_SIZE,
                         &local_error);
      if (text == NULL)
        {
          /* Go on with the other files, as a filter in a batch should. */
          print_error (local_error);
          status = MAX (status, status_for_input_error (local_error));
        }
      else if (!restore_one (engine, text, format, jsonl,
                             options.front_matter ? UNSPIN_EXPORT_FLAGS_FRONT_MATTER : 0,
                             output.stream, &local_error))
        {
          /* The engine's own errors are UNSPIN_ERROR; a GIO error is the output's (a full disk). */
          if (local_error->domain == G_IO_ERROR)
            {
              if (options.output != NULL && g_strcmp0 (options.output, "-") != 0)
                g_prefix_error (&local_error, "%s: ", options.output);
              else
                g_prefix_error (&local_error, _("standard output: "));
            }
          print_error (local_error);
          status = MAX (status, EXIT_INPUT);
          break;
        }
      if (files == NULL)
        break;
    }

  if (!output_close (&output, status == EXIT_OK || options.output == NULL, &error))
    {
      if (error != NULL)
        print_error (error);
      status = MAX (status, EXIT_INPUT);
    }

  return status;
}

static void
line_and_column (const char *data,
                 gsize       target,
                 gsize      *pos,
                 guint      *line,
                 gsize      *line_start)
{
  for (; *pos < target; (*pos)++)
    {
      if (data[*pos] == '\n')
        {
          (*line)++;
          *line_start = *pos + 1;
        }
    }
}

/* Edits shown on one line each: line breaks (a deleted line, an inserted break) show as ⏎. */
static char *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "⏎");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
  if (g_utf8_strlen (out->str, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (out->str, 0, 57);

      g_string_assign (out, head);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

static int
command_edits (int    argc,
               char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(UnspinText) text = NULL;
  g_autoptr(UnspinReview) review = NULL;
  g_auto(GStrv) files = NULL;
  const char *data;
  gsize pos = 0, line_start = 0;
  guint line = 1, n, n_applied = 0;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "pack", 'p', 0, G_OPTION_ARG_FILENAME_ARRAY, &options.packs,
      N_("Also use the phrase pack FILE (before the bundled ones); may be repeated"), N_("FILE") },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &options.model,
      N_("Decide edits in context with the language model FILE (Sphinx binary or ARPA)"), N_("FILE") },
    { "no-model", 0, 0, G_OPTION_ARG_NONE, &options.no_model,
      N_("No context scoring: pack priors and rules only"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE|-") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Lists every edit proposed for FILE: where, what, how sure, and why.\n"
                                  "“applied” edits are the ones `restore` applies; the others are suggestions."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (files == NULL || g_strv_length (files) != 1)
    return usage_error (_("“edits” takes one FILE (or - for standard input)"));
  if (options.model != NULL && options.no_model)
    return usage_error (_("--model and --no-model go separately"));

  engine = load_engine (&options, &status);
  if (engine == NULL)
    return status;

  text = read_input (files[0], UNSPIN_TEXT_DEFAULT_MAX_SIZE, &error);
  if (text == NULL)
    {
      print_error (error);
      return status_for_input_error (error);
    }

  review = unspin_engine_review (engine, text, NULL, &error);
  if (review == NULL)
    {
      print_error (error);
      return EXIT_INPUT;
    }

  data = unspin_text_get_data (text, NULL);
  n = unspin_review_get_n_edits (review);
  for (guint i = 0; i < n; i++)
    {
      UnspinEdit *edit = unspin_review_get_edit (review, i);
      gboolean applied = unspin_review_get_state (review, i) == UNSPIN_REVIEW_ACCEPTED;
      g_autofree char *garbled = one_line (edit->garbled);
      g_autofree char *proposal = one_line (edit->proposal);
      gsize column;

      line_and_column (data, edit->byte_start, &pos, &line, &line_start);
      column = g_utf8_strlen (data + line_start, edit->byte_start - line_start) + 1;
      n_applied += applied;

      g_print ("#%-4u %u:%-4" G_GSIZE_FORMAT " %3.0f%%  %-10s “%s” → “%s”\n",
               edit->id, line, column, edit->confidence * 100,
               applied ? _("applied") : _("suggested"), garbled, proposal);
      if (edit->alternatives != NULL)
        {
          g_autofree char *joined = g_strjoinv ("”, “", edit->alternatives);
          g_print ("      %s “%s”\n", _("or"), joined);
        }
      g_print ("      %s  [%s]\n", edit->reason, edit->source);
    }

  g_print (ngettext ("%u edit: %u applied by restore, %u suggested\n",
                     "%u edits: %u applied by restore, %u suggested\n", n),
           n, n_applied, n - n_applied);
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  /* UNSPIN_LOCALEDIR points at uninstalled catalogues: the build's po/ directory, as
   * `meson devenv` and the tests set it. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("UNSPIN_LOCALEDIR") ? g_getenv ("UNSPIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage_error (_("no command given (restore or edits)"));

  command = argv[1];
  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0 || strcmp (command, "help") == 0)
    {
      g_print ("%s\n%s\n\n%s\n", _("Usage:"),
               /* Translators: translate only the placeholder FILE, as in the other messages. */
               _("  unspin-cli restore [--format=text|markdown|json|jsonl] [-o FILE] [--pack FILE]…\n"
                 "                     [--model FILE|--no-model] [FILE…|-]\n"
                 "  unspin-cli edits [--pack FILE]… [--model FILE|--no-model] FILE\n"
                 "  unspin-cli --version"),
               summary_text ());
      return EXIT_OK;
    }
  if (strcmp (command, "--version") == 0 || strcmp (command, "-V") == 0)
    {
      g_print ("unspin-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  /* The command takes argv[0]'s place, so that its --help reads "unspin-cli restore". */
  {
    g_autofree char *prgname = g_strdup_printf ("unspin-cli %s", command);

    g_set_prgname (prgname);
  }
  if (strcmp (command, "restore") == 0)
    return command_restore (argc - 1, argv + 1);
  if (strcmp (command, "edits") == 0)
    return command_edits (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”: use restore or edits"), command);
    return usage_error (message);
  }
}
