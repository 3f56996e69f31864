/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bad inputs and what each gets (docs/robustness.md). Cases that test-cli.c, test-text.c and
 * test-export.c cover already are not repeated here. */
#define _GNU_SOURCE /* unshare() */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "unspin-engine.h"
#include "unspin-error.h"
#include "unspin-export.h"

#include <gio/gio.h>

#include "cli-fixture.h"
#include "private-mounts.h"

#define run_cli cli_run

/* One line on standard error that names @path and says @says. */
static void
assert_one_line_naming (const char *err,
                        const char *path,
                        const char *says)
{
  if (strstr (err, path) == NULL || strstr (err, says) == NULL)
    g_error ("expected “%s” and “%s” in the message, got “%s”", path, says, err);
  g_assert_cmpuint (strlen (err), ==, strchr (err, '\n') - err + 1);
}

/* Inputs that work: restored as they are (nothing to edit), exit 0, nothing on standard error. */
static void
test_works_unchanged (Fixture *fixture, gconstpointer data)
{
  static const struct { const char *name; const char *contents; } cases[] = {
    { "empty.txt", "" },
    { "blank.txt", " \n\n\t \r\n  " },
    /* Hebrew, Arabic, a combining accent, an emoji sequence (ZWJ) and a flag. */
    { "scripts.txt", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d.\n"
                     "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85.\n"
                     "Cafe\xcc\x81, \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \xf0\x9f\x87\xab\xf0\x9f\x87\xb7!\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_write (fixture, cases[i].name, cases[i].contents, -1);
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli ((const char *[]) { "restore", path, NULL }, NULL, &out, NULL, &err), ==, 0);
      g_assert_cmpstr (out, ==, cases[i].contents);
      g_assert_cmpstr (err, ==, "");
    }
}

/* Right-to-left text, combining characters and emoji before an edit: the edit's character offsets
 * count code points, and the restored text keeps everything else. */
static void
test_scripts_offsets (void)
{
  const char *garbled = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d cafe\xcc\x81 \xf0\x9f\x98\x80 "
                        "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7: the port has actually reopened.\n";
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(UnspinText) text = unspin_text_new_from_string (garbled, "scripts.txt");
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *restored = NULL;
  gboolean found = FALSE;

  g_assert_true (unspin_engine_load_default_data (engine, NULL, &error));
  g_assert_no_error (error);
  review = unspin_engine_review (engine, text, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    {
      UnspinEdit *edit = unspin_review_get_edit (review, i);
      gsize byte_start = edit->byte_start, byte_end = edit->byte_end;

      g_assert_cmpuint (edit->char_start, ==, g_utf8_pointer_to_offset (garbled, garbled + byte_start));
      g_assert_cmpuint (edit->char_end, ==, g_utf8_pointer_to_offset (garbled, garbled + byte_end));
      found |= strncmp (garbled + byte_start, "has actually", byte_end - byte_start) == 0;
    }
  g_assert_true (found);

  restored = unspin_review_get_restored_layout (review, NULL, &spans);
  g_assert_true (g_str_has_prefix (restored, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d cafe\xcc\x81 \xf0\x9f\x98\x80 "
                                             "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7: the port has reopened"));
  g_assert_true (g_utf8_validate (restored, -1, NULL));
}

/* Inputs refused with exit 2 and one line that names the file and what is wrong. */
static void
test_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *cut = fixture_write (fixture, "cut.txt", "Fine text, then a cut \xe2\x80", -1);
  g_autofree char *utf16 = fixture_write (fixture, "utf16.txt", "\xff\xfeH\0i\0\n\0", 8);
  g_autofree char *png = fixture_write (fixture, "image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
  g_autofree char *cp1252 = fixture_write (fixture, "cp1252.txt", "The caf\xe9 \x93reopened\x94 \x97 officials\n", -1);
  g_autofree char *big = NULL;
  char *big_contents = g_strnfill (2000, 'a');
  struct { const char *path; const char *option; const char *says[2]; } cases[] = {
    { cut, NULL, { "not valid UTF-8", "byte offset 22" } },
    { utf16, NULL, { "UTF-16", "iconv -f UTF-16 -t UTF-8" } },
    { png, NULL, { "binary file", "byte offset 8" } },
    { cp1252, NULL, { "Windows-1252", "iconv -f WINDOWS-1252 -t UTF-8" } },
    { NULL, "--max-size=1000", { "2000 bytes", "limit of 1000 bytes" } },
  };

  big = fixture_write (fixture, "big.txt", big_contents, 2000);
  g_free (big_contents);
  cases[4].path = big;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = { "restore", cases[i].option ? cases[i].option : cases[i].path,
                             cases[i].option ? cases[i].path : NULL, NULL };

      g_assert_cmpint (run_cli (args, NULL, &out, NULL, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].says); j++)
        assert_one_line_naming (err, cases[i].path, cases[i].says[j]);
    }
}

/* Standard input is named as such. */
static void
test_refused_stdin (void)
{
  g_autoptr(GBytes) input = g_bytes_new_static ("caf\xe9\n", 5);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", NULL }, input, &out, NULL, &err), ==, 2);
  assert_one_line_naming (err, "standard input", "byte offset 3");
}

static void
test_no_permission (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = fixture_write (fixture, "secret.txt", "The port has reopened.\n", -1);
  g_autofree char *out = NULL, *err = NULL;

  if (geteuid () == 0)
    {
      /* root reads a file whatever its mode, so there is no unreadable file to make. */
      g_test_skip ("running as root, which can read a file of mode 000");
      return;
    }

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  g_assert_cmpint (run_cli ((const char *[]) { "restore", path, NULL }, NULL, &out, NULL, &err), ==, 2);
  assert_one_line_naming (err, path, "Permission denied");
}

/* A 20 MB paragraph (no line break at all) restores, without a crash, in bounded time and memory. */
static void
test_long_line (Fixture *fixture, gconstpointer data)
{
  static const char unit[] = "The port has actually reopened, authorities stated. "
                             "Caf\xc3\xa9 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d 8 ";
  const gsize target = 20 * 1000 * 1000;
  GString *line = g_string_sized_new (target + sizeof unit);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  gsize out_len;
  gint64 started;

  while (line->len < target)
    g_string_append (line, unit);
  path = fixture_write (fixture, "long-line.txt", line->str, line->len);
  g_string_free (line, TRUE);

  started = g_get_monotonic_time ();
  /* Without the model: this is about the tokenizer, matcher and rules, not the model's speed. */
  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--no-model", path, NULL }, NULL, &out, &out_len, &err), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 90 * G_USEC_PER_SEC);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (out_len, ==, strlen (out));
  g_assert_true (g_str_has_prefix (out, "The port has reopened, officials said. Caf\xc3\xa9 "));
  g_assert_null (strstr (out, "actually"));
  g_assert_null (strchr (out, '\n'));

  /* The line is proposed on in pieces of one or two megabytes, cut after sentence ends: every
   * unit comes out alike, those at the cuts too, and none is lost. */
  {
    const char *second = strstr (out + 1, "The port");
    gsize restored_len, n_units = 0;
    const char *p;

    g_assert_nonnull (second);
    restored_len = (gsize) (second - out);
    for (p = out; p + restored_len < out + out_len; p += restored_len, n_units++)
      g_assert_cmpmem (p, restored_len, out, restored_len);
    g_assert_cmpuint (n_units + 1, ==, (target + sizeof unit - 2) / (sizeof unit - 1));
  }
}

/* A phrase pack that is cut off is bad data: exit 3, the pack's name, and why. */
static void
test_truncated_pack (Fixture *fixture, gconstpointer data)
{
  g_autofree char *article = fixture_write (fixture, "article.txt", "The port has reopened.\n", -1);
  g_autofree char *pack = fixture_write (fixture, "cut-pack.json",
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"mine\", "
    "\"entries\": [ { \"garbled\": \"motor veh", -1);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--pack", pack, article, NULL }, NULL, &out, NULL, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");
  assert_one_line_naming (err, pack, "not valid JSON");
}

/* Found by fuzz-pack: json-glib decodes a lone surrogate escape to bytes that are not UTF-8, and
 * such an "original" went into the restored text. Reduced from the fuzzer's input. */
static void
test_pack_not_utf8 (void)
{
  static const struct { const char *json; const char *says; } cases[] = {
    { "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"fuzz\", \"name\": \"Fuzz\","
      "  \"version\": \"1\", \"license\": \"CC0-1.0\","
      "  \"entries\": [ { \"garbled\": \"has actually\", \"original\": \"has\" },"
      "               { \"garbled\": \"stated\", \"original\": [\"sa\\ud800told\"] } ] }",
      "fuzz.json: entry 1: a string is not valid UTF-8" },
    { "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"fuzz\", \"name\": \"Fu\\ud800zz\","
      "  \"version\": \"1\", \"license\": \"CC0-1.0\","
      "  \"entries\": [ { \"garbled\": \"has actually\", \"original\": \"has\" } ] }",
      "fuzz.json: a string is not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (bytes, "fuzz.json", &error);

      g_assert_null (pack);
      g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
      if (!g_str_has_prefix (error->message, cases[i].says))
        g_error ("expected “%s…”, got “%s”", cases[i].says, error->message);
    }
}

/* json-glib 1.6 parses recursively: a pack nested deep enough overflowed the stack (a crash of
 * the CLI, or of the window on a user's pack). */
static void
test_deep_pack (Fixture *fixture, gconstpointer data)
{
  g_autofree char *article = fixture_write (fixture, "article.txt", "The port has reopened.\n", -1);
  g_autofree char *deep = g_strnfill (200000, '[');
  g_autofree char *pack = fixture_write (fixture, "deep-pack.json", deep, -1);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--pack", pack, article, NULL }, NULL, &out, NULL, &err), ==, 3);
  assert_one_line_naming (err, pack, "nests more than");
}

static void
assert_review_file_fails (Fixture    *fixture,
                          const char *name,
                          const char *contents,
                          gssize      len,
                          const char *says)
{
  g_autofree char *path = fixture_write (fixture, name, contents, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_null (unspin_import_review_from_file (file, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_REVIEW);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, says) == NULL)
    g_error ("expected “%s: …%s…”, got “%s”", path, says, error->message);
  g_assert_null (strchr (error->message, '\n'));
}

/* Review files that do not import (what test-export.c does not cover already): one cut off
 * mid-way, as after a full disk, and one with a format number that never existed. */
static void
test_bad_review_files (Fixture *fixture, gconstpointer data)
{
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(UnspinText) text = unspin_text_new_from_string ("The port has actually reopened, authorities stated.\n", "port.txt");
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;
  GString *zero;

  g_assert_true (unspin_engine_load_default_data (engine, NULL, &error));
  review = unspin_engine_review (engine, text, NULL, &error);
  g_assert_no_error (error);
  json = unspin_export_to_string (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, &len);

  assert_review_file_fails (fixture, "cut.json", json, len / 2, "not valid JSON");

  zero = g_string_new (json);
  g_assert_cmpuint (g_string_replace (zero, "\"schema_version\" : 1", "\"schema_version\" : 0", 1), ==, 1);
  assert_review_file_fails (fixture, "zero.json", zero->str, zero->len, "unknown review format 0");
  g_string_free (zero, TRUE);
}


/* Spun sentences written for the tests, repeated to about @size bytes. */
static GString *
spun_text (gsize size)
{
  GString *text = g_string_sized_new (size + 128);

  while (text->len < size)
    g_string_append (text, "The federal government has actually stated that 2 authorities will act.\n\n");
  return text;
}

/* The name of a GIO temporary file in @dir that has something written in it, or NULL. */
static char *
find_partial_temporary (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)))
    if (g_str_has_prefix (name, ".goutputstream-"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;

        if (g_stat (path, &st) == 0 && st.st_size > 0)
          return g_strdup (name);
      }
  return NULL;
}

/* unspin-cli -o OUT killed while it writes: OUT keeps its old contents (the new text goes to a
 * temporary file that is renamed over OUT only once complete). */
static void
test_kill_while_writing (Fixture *fixture, gconstpointer data)
{
  GString *text = spun_text (40 * 1000 * 1000);
  g_autofree char *big = fixture_write (fixture, "big.txt", text->str, text->len);
  g_autofree char *out = fixture_write (fixture, "out.txt", "old contents\n", -1);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *contents = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_string_free (text, TRUE);
  g_assert_nonnull (g_getenv ("UNSPIN_CLI"));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("UNSPIN_CLI"), "restore", "--no-model", "-o", out, big, NULL);
  g_assert_no_error (error);

  /* Mid-write: the temporary file has some of the new text in it. */
  while ((temporary = find_partial_temporary (fixture->dir)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2000);
    }
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents\n");
  g_clear_pointer (&contents, g_free);

  /* A run that completes replaces it (and the one killed left its temporary file behind). */
  {
    g_autofree char *small = fixture_write (fixture, "small.txt", "The port has actually reopened, authorities stated.\n", -1);
    g_autofree char *stdout_text = NULL, *err = NULL;

    g_assert_cmpint (run_cli ((const char *[]) { "restore", "--no-model", "-o", out, small, NULL }, NULL,
                              &stdout_text, NULL, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "The port has reopened, officials said.\n");
  }
}

/* A full disk: unspin-cli -o OUT says so in one line naming OUT, exits with 2, and OUT keeps its
 * old contents. The tmpfs is mounted in a mount namespace of its own (unshare -m), so that the
 * mount leaks nowhere. */
static void
test_disk_full (Fixture *fixture, gconstpointer data)
{
  g_autofree char *why = private_mounts_unavailable ("a small tmpfs", TRUE);
  GString *text;
  g_autofree char *big = NULL;
  g_autofree char *full = g_build_filename (fixture->dir, "full", NULL);
  g_autofree char *out = g_build_filename (full, "out.txt", NULL);
  g_autofree char *stdout_text = NULL, *err = NULL;
  g_autofree char *expected = NULL;
  const char *script =
    "mount -t tmpfs -o size=64k tmpfs \"$1\" || exit 99\n"
    "printf 'old contents' > \"$1/out.txt\"\n"
    "\"$2\" restore --no-model -o \"$1/out.txt\" \"$3\"\n"
    "echo \"status=$?\"\n"
    "cat \"$1/out.txt\"\n";

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }
  g_assert_nonnull (g_getenv ("UNSPIN_CLI"));

  text = spun_text (1000 * 1000);
  big = fixture_write (fixture, "big.txt", text->str, text->len);
  g_string_free (text, TRUE);
  g_assert_cmpint (g_mkdir (full, 0700), ==, 0);

  {
    const char *argv[] = { "unshare", "-m", "sh", "-c", script, "sh", full, g_getenv ("UNSPIN_CLI"), big, NULL };
    g_autoptr(GError) error = NULL;
    int wait_status = -1;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &stdout_text, &err, &wait_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    if (g_str_has_prefix (err, NO_MODEL_NOTE))
      memmove (err, err + strlen (NO_MODEL_NOTE), strlen (err) - strlen (NO_MODEL_NOTE) + 1);
  }
  g_assert_cmpstr (stdout_text, ==, "status=2\nold contents");
  assert_one_line_naming (err, out, "No space left on device");
  expected = g_strdup_printf ("unspin-cli: %s: ", out);
  g_assert_true (g_str_has_prefix (err, expected));

  g_assert_cmpint (g_rmdir (full), ==, 0);
}

/* Runs in a child process (g_test_trap_subprocess()) that makes a mount namespace of its own,
 * so that its 64 KiB tmpfs leaks nowhere. */
static void
export_disk_full_child (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-robustness-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "review.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GString *text = NULL;
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(UnspinText) article = NULL;
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (unshare (CLONE_NEWNS) != 0)
    g_error ("unshare: %s", g_strerror (errno));
  /* The kernel ignores the source and type of a change of propagation; valgrind reads the type. */
  if (mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0
      || mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
    g_error ("mount: %s", g_strerror (errno));

  g_assert_true (g_file_set_contents (path, "old review", -1, NULL));
  text = spun_text (200 * 1000);
  article = unspin_text_new_from_string (text->str, "big.txt");
  g_string_free (text, TRUE);
  engine = unspin_engine_new ();
  g_assert_true (unspin_engine_load_default_data (engine, NULL, &error));
  g_assert_no_error (error);
  review = unspin_engine_review (engine, article, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old review");
  g_unlink (path);
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

/* The window's export (unspin_export_to_file()) into a full disk: G_IO_ERROR_NO_SPACE with the
 * file's name, and the old file in place. */
static void
test_disk_full_export (void)
{
  private_mounts_run_test ("a small tmpfs", TRUE, export_disk_full_child);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/unspin/robustness/works-unchanged", Fixture, NULL, fixture_setup, test_works_unchanged, fixture_teardown);
  g_test_add_func ("/unspin/robustness/scripts-offsets", test_scripts_offsets);
  g_test_add ("/unspin/robustness/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add_func ("/unspin/robustness/refused-stdin", test_refused_stdin);
  g_test_add ("/unspin/robustness/no-permission", Fixture, NULL, fixture_setup, test_no_permission, fixture_teardown);
  g_test_add ("/unspin/robustness/long-line", Fixture, NULL, fixture_setup, test_long_line, fixture_teardown);
  g_test_add ("/unspin/robustness/truncated-pack", Fixture, NULL, fixture_setup, test_truncated_pack, fixture_teardown);
  g_test_add_func ("/unspin/robustness/pack-not-utf8", test_pack_not_utf8);
  g_test_add ("/unspin/robustness/deep-pack", Fixture, NULL, fixture_setup, test_deep_pack, fixture_teardown);
  g_test_add ("/unspin/robustness/bad-review-files", Fixture, NULL, fixture_setup, test_bad_review_files, fixture_teardown);

  g_test_add ("/unspin/robustness/kill-while-writing", Fixture, NULL, fixture_setup, test_kill_while_writing, fixture_teardown);
  g_test_add ("/unspin/robustness/disk-full", Fixture, NULL, fixture_setup, test_disk_full, fixture_teardown);
  g_test_add_func ("/unspin/robustness/disk-full-export", test_disk_full_export);

  return g_test_run ();
}
