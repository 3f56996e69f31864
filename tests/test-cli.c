/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-fixture.h"

/* The CLI with @input (text, or nothing) on standard input. */
static int
run_cli (const char * const *args,
         const char         *input,
         char              **out,
         char              **err)
{
  g_autoptr(GBytes) bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);

  return cli_run (args, bytes, out, NULL, err);
}

/* Written for the tests: two unambiguous spinner marks. */
static const char *article = "The port has actually reopened, authorities stated.\n";

static void
test_help_and_version (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--help", NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "unspin-cli restore"));
  g_assert_nonnull (strstr (out, "Exit status"));
  g_free (out); g_free (err);

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--help", NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--format"));
  g_free (out); g_free (err);

  g_assert_cmpint (run_cli ((const char *[]) { "--version", NULL }, NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "unspin-cli "));
}

static void
test_bad_usage (void)
{
  const char *cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "restore", "--no-such-option", NULL },
    { "restore", "--format=docx", NULL },
    { "edits", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli (cases[i], "", &out, &err), ==, 1);
      g_assert_true (g_str_has_prefix (err, "unspin-cli: "));
      g_assert_nonnull (strstr (err, "--help"));
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_filter_stdin (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", NULL }, article, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "has reopened"));
  g_assert_null (strstr (out, "actually"));
}

/* /dev/stdin as a file name reads the pipe whole, as "-" does (it once lost the first byte). */
static void
test_dev_stdin (void)
{
  g_autofree char *out = NULL, *err = NULL, *from_dash = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", NULL }, article, &from_dash, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "restore", "/dev/stdin", NULL }, article, &out, &err),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, from_dash);
}

static void
test_files_and_output (Fixture *fixture, gconstpointer data)
{
  g_autofree char *in = fixture_write (fixture, "port.txt", article, -1);
  g_autofree char *out_path = g_build_filename (fixture->dir, "restored.txt", NULL);
  g_autofree char *out = NULL, *err = NULL, *written = NULL, *from_stdout = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", in, NULL }, NULL, &from_stdout, &err), ==, 0);
  g_free (err);
  g_assert_cmpint (run_cli ((const char *[]) { "restore", "-o", out_path, in, NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (out_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, from_stdout);
}

static void
test_formats (Fixture *fixture, gconstpointer data)
{
  g_autofree char *a = fixture_write (fixture, "a.txt", article, -1);
  g_autofree char *b = fixture_write (fixture, "b.txt", "Nothing to fix here.\n", -1);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--format=jsonl", a, b, NULL }, NULL, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==, "unspin-review");
      g_assert_true (g_str_has_suffix (json_object_get_string_member (json_object_get_object_member (object, "source"), "name"),
                                       i == 0 ? "a.txt" : "b.txt"));
    }
  g_free (out); g_free (err);

  /* One JSON document per run. */
  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--format=json", a, b, NULL }, NULL, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "jsonl"));
  g_free (out); g_free (err);

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--format=markdown", "--front-matter", a, NULL }, NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "---\n"));
}

static void
test_bad_input (Fixture *fixture, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *binary = fixture_write (fixture, "binary.bin", "abc\0def", 7);
  g_autofree char *latin = fixture_write (fixture, "latin.txt", "caf\xe9\n", -1);
  g_autofree char *good = fixture_write (fixture, "good.txt", article, -1);
  g_autofree char *out_path = g_build_filename (fixture->dir, "out.txt", NULL);
  g_autofree char *written = NULL;
  struct { const char *path; const char *says; } cases[] = {
    { missing, "No such file" },
    { binary, "NUL byte at byte offset 3" },
    { latin, "byte offset 3" },
    { fixture->dir, "folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli ((const char *[]) { "restore", cases[i].path, NULL }, NULL, &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].path));
      g_assert_nonnull (strstr (err, cases[i].says));
      /* One clear message: one line. */
      g_assert_cmpuint (strlen (err), ==, strchr (err, '\n') - err + 1);
    }

  /* In a batch, the good files are still restored, and the status says one failed. */
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli ((const char *[]) { "restore", binary, good, NULL }, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (out, "has reopened"));
  }

  /* With -o, a failed run leaves the previous file as it was. */
  g_assert_true (g_file_set_contents (out_path, "previous\n", -1, NULL));
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli ((const char *[]) { "restore", "-o", out_path, good, binary, NULL }, NULL, &out, &err), ==, 2);
  }
  g_assert_true (g_file_get_contents (out_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, "previous\n");
}

static void
test_bad_pack (Fixture *fixture, gconstpointer data)
{
  g_autofree char *good = fixture_write (fixture, "good.txt", article, -1);
  g_autofree char *pack = fixture_write (fixture, "broken-pack.json",
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"mine\", \"name\": \"Mine\","
    "  \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": [ { \"garbled\": \"motor vehicle\", \"original\": 7 } ] }", -1);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--pack", pack, good, NULL }, NULL, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "broken-pack.json"));
  g_assert_nonnull (strstr (err, "motor vehicle"));
  g_assert_nonnull (strstr (err, "original"));
  g_assert_cmpstr (out, ==, "");
  g_free (out); g_free (err);

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "no-such-pack.json", NULL);

    g_assert_cmpint (run_cli ((const char *[]) { "restore", "--pack", missing, good, NULL }, NULL, &out, &err), ==, 3);
    g_assert_nonnull (strstr (err, "no-such-pack.json"));
    g_assert_cmpstr (out, ==, "");
  }
}

static void
test_user_pack (Fixture *fixture, gconstpointer data)
{
  g_autofree char *in = fixture_write (fixture, "car.txt", "The motor vehicle has actually stopped.\n", -1);
  g_autofree char *pack = fixture_write (fixture, "mine.json",
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"mine\", \"name\": \"Mine\","
    "  \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": [ { \"garbled\": \"motor vehicle\", \"original\": \"car\", \"prior\": 0.9 } ] }", -1);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--pack", pack, in, NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "The car has stopped.\n");
}

static void
test_edits_listing (Fixture *fixture, gconstpointer data)
{
  g_autofree char *in = fixture_write (fixture, "port.txt", article, -1);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "edits", in, NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "“has actually” → “has”"));
  g_assert_nonnull (strstr (out, "1:10"));
  g_assert_nonnull (strstr (out, "applied"));
  g_assert_nonnull (strstr (out, "pack:news-spinner:has actually"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/unspin/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/unspin/cli/filter-stdin", test_filter_stdin);
  g_test_add_func ("/unspin/cli/dev-stdin", test_dev_stdin);
  g_test_add ("/unspin/cli/files-and-output", Fixture, NULL, fixture_setup, test_files_and_output, fixture_teardown);
  g_test_add ("/unspin/cli/formats", Fixture, NULL, fixture_setup, test_formats, fixture_teardown);
  g_test_add ("/unspin/cli/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/unspin/cli/bad-pack", Fixture, NULL, fixture_setup, test_bad_pack, fixture_teardown);
  g_test_add ("/unspin/cli/user-pack", Fixture, NULL, fixture_setup, test_user_pack, fixture_teardown);
  g_test_add ("/unspin/cli/edits-listing", Fixture, NULL, fixture_setup, test_edits_listing, fixture_teardown);

  return g_test_run ();
}
