/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "unspin-error.h"
#include "unspin-text.h"

static GArray *
tokenize (const char *s)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));

  unspin_tokenize (s, 0, strlen (s), tokens);
  return tokens;
}

static char *
token_text (const char *s, GArray *tokens, guint i)
{
  UnspinToken *t = &g_array_index (tokens, UnspinToken, i);

  return g_strndup (s + t->start, t->end - t->start);
}

static void
assert_tokens (const char *s, const char * const *expected)
{
  g_autoptr(GArray) tokens = tokenize (s);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n, tokens->len); i++)
    {
      g_autofree char *t = token_text (s, tokens, i);
      g_assert_cmpstr (t, ==, expected[i]);
    }
  g_assert_cmpuint (tokens->len, ==, n);
}

static void
test_words_and_punctuation (void)
{
  assert_tokens ("The U.S. plans, officials said.",
                 (const char *[]) { "The", "U", ".", "S", ".", "plans", ",", "officials", "said", ".", NULL });
  assert_tokens ("al-Kadhimi don't 3,000 21st",
                 (const char *[]) { "al", "-", "Kadhimi", "don't", "3", ",", "000", "21st", NULL });
  assert_tokens ("  \t ", (const char *[]) { NULL });
  assert_tokens ("", (const char *[]) { NULL });
  /* A trailing apostrophe is punctuation, not part of the word. */
  assert_tokens ("the militias' rockets",
                 (const char *[]) { "the", "militias", "'", "rockets", NULL });
}

static void
test_kinds_and_flags (void)
{
  const char *s = "2 Iraqi NATO said\u00a0x";
  g_autoptr(GArray) tokens = tokenize (s);
  UnspinToken *t = (UnspinToken *) tokens->data;

  g_assert_cmpuint (tokens->len, ==, 5);
  g_assert_cmpint (t[0].kind, ==, UNSPIN_TOKEN_NUMBER);
  g_assert_false (t[0].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE);
  g_assert_cmpint (t[1].kind, ==, UNSPIN_TOKEN_WORD);
  g_assert_true (t[1].flags & UNSPIN_TOKEN_FLAG_CAPITAL);
  g_assert_false (t[1].flags & UNSPIN_TOKEN_FLAG_ALL_CAPS);
  g_assert_true (t[1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE);
  g_assert_true (t[2].flags & UNSPIN_TOKEN_FLAG_ALL_CAPS);
  g_assert_false (t[3].flags & UNSPIN_TOKEN_FLAG_CAPITAL);
  g_assert_true (t[3].flags & UNSPIN_TOKEN_FLAG_ASCII);
  /* A no-break space separates words too. */
  g_assert_true (t[4].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE);
}

static void
test_multibyte_offsets (void)
{
  /* "Iraq’s" holds a 3-byte apostrophe; "café" a 2-byte letter; the dash is 3 bytes. */
  const char *s = "Iraq’s café — naïve";
  g_autoptr(GArray) tokens = tokenize (s);
  UnspinToken *t = (UnspinToken *) tokens->data;

  g_assert_cmpuint (tokens->len, ==, 4);
  g_assert_cmpuint (t[0].start, ==, 0);
  g_assert_cmpuint (t[0].end, ==, 8);
  g_assert_false (t[0].flags & UNSPIN_TOKEN_FLAG_ASCII);
  g_assert_cmpuint (t[1].start, ==, 9);
  g_assert_cmpuint (t[1].end, ==, 14);
  g_assert_cmpint (t[2].kind, ==, UNSPIN_TOKEN_PUNCT);
  g_assert_cmpuint (t[2].end - t[2].start, ==, 3);
  g_assert_cmpuint (t[3].start, ==, 19);
  g_assert_cmpuint (t[3].end, ==, strlen (s));
}

static void
test_combining_and_emoji (void)
{
  /* "e" + combining acute stays one word; an emoji is a punctuation token of its own. */
  const char *s = "cafe\xcc\x81 \xf0\x9f\x98\x80ok";
  g_autoptr(GArray) tokens = tokenize (s);
  UnspinToken *t = (UnspinToken *) tokens->data;

  g_assert_cmpuint (tokens->len, ==, 3);
  g_assert_cmpuint (t[0].end, ==, 6);
  g_assert_cmpint (t[1].kind, ==, UNSPIN_TOKEN_PUNCT);
  g_assert_cmpuint (t[1].end - t[1].start, ==, 4);
  g_assert_cmpuint (t[2].start, ==, 11);
}

static void
test_normalize (void)
{
  const char *s = "Iraq’s FEDERAL Naïve";
  g_autoptr(GArray) tokens = tokenize (s);
  char buf[64];

  g_assert_cmpuint (unspin_token_normalize (s, &g_array_index (tokens, UnspinToken, 0), buf, sizeof buf), ==, 6);
  g_assert_cmpstr (buf, ==, "iraq's");
  unspin_token_normalize (s, &g_array_index (tokens, UnspinToken, 1), buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "federal");
  unspin_token_normalize (s, &g_array_index (tokens, UnspinToken, 2), buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "naïve");
  /* Too long for the buffer: 0, an empty string, no overflow. */
  g_assert_cmpuint (unspin_normalize_word ("federal", 7, buf, 4), ==, 0);
  g_assert_cmpstr (buf, ==, "");
}

static void
test_lines_crlf (void)
{
  const char *s = "Headline\r\n\r\nFirst paragraph.\nLast";
  g_autoptr(UnspinText) text = unspin_text_new_from_string (s, "crlf.txt");
  gsize pos = 0, start, end;
  const char *expected[] = { "Headline", "", "First paragraph.", "Last" };
  guint n = 0;

  while (unspin_text_next_line (text, &pos, &start, &end))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (end - start, ==, strlen (expected[n]));
      g_assert_true (strncmp (s + start, expected[n], end - start) == 0);
      n++;
    }
  g_assert_cmpuint (n, ==, 4);
}

static void
test_char_offsets (void)
{
  GString *s = g_string_new (NULL);
  g_autoptr(UnspinText) text = NULL;
  gsize len;

  /* Cross several checkpoints with a mix of 1-, 2- and 3-byte characters. */
  for (guint i = 0; i < 60000; i++)
    g_string_append (s, "aé’");
  text = unspin_text_new_from_string (s->str, "long");
  unspin_text_get_data (text, &len);
  g_assert_cmpuint (len, ==, 6 * 60000);
  g_assert_cmpuint (unspin_text_byte_to_char (text, 0), ==, 0);
  g_assert_cmpuint (unspin_text_byte_to_char (text, 6), ==, 3);
  g_assert_cmpuint (unspin_text_byte_to_char (text, 6 * 40000 + 3), ==, 3 * 40000 + 2);
  g_assert_cmpuint (unspin_text_byte_to_char (text, len), ==, 3 * 60000);
  g_string_free (s, TRUE);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("good text \x93quoted\x94", 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) text = unspin_text_new_from_bytes (bytes, "cp1252.txt", &error);

  g_assert_null (text);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "cp1252.txt"));
  g_assert_nonnull (strstr (error->message, "byte offset 10"));
  g_assert_nonnull (strstr (error->message, "Windows-1252"));
}

static void
test_nul_byte (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("abc\0def", 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) text = unspin_text_new_from_bytes (bytes, "binary.bin", &error);

  g_assert_null (text);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "binary.bin"));
  g_assert_nonnull (strstr (error->message, "NUL byte at byte offset 3"));
}

static void
test_utf16_and_bom (void)
{
  g_autoptr(GBytes) utf16 = g_bytes_new_static ("\xff\xfeh\0i\0", 6);
  g_autoptr(GBytes) bom = g_bytes_new_static ("\xef\xbb\xbfHello", 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) text = NULL;
  gsize pos = 0, start, end;

  g_assert_null (unspin_text_new_from_bytes (utf16, "utf16.txt", &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "UTF-16"));

  text = unspin_text_new_from_bytes (bom, "bom.txt", NULL);
  g_assert_nonnull (text);
  g_assert_cmpuint (unspin_text_get_body_start (text), ==, 3);
  g_assert_true (unspin_text_next_line (text, &pos, &start, &end));
  g_assert_cmpuint (start, ==, 3);
  g_assert_cmpuint (end, ==, 8);
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.txt", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) text = NULL;

  g_assert_true (g_file_set_contents (path, "One line.\n", -1, NULL));
  text = unspin_text_new_from_file (file, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unspin_text_get_data (text, NULL), ==, "One line.\n");
  g_assert_cmpstr (unspin_text_get_name (text), ==, path);

  g_assert_null (unspin_text_new_from_file (file, 4, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_null (unspin_text_new_from_file (missing, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing_path));
  g_clear_error (&error);

  g_assert_null (unspin_text_new_from_file (folder, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "bad \xff byte", -1, NULL));
  g_assert_null (unspin_text_new_from_file (file, 0, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "byte offset 4"));

  g_unlink (path);
  g_rmdir (dir);
}

static gpointer
write_fifo (gpointer data)
{
  const char *path = data;
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  /* In two writes, so that the reader sees the data arrive in parts. */
  g_assert_cmpint (write (fd, "First part, ", 12), ==, 12);
  g_usleep (20 * 1000);
  g_assert_cmpint (write (fd, "second part.\n", 13), ==, 13);
  close (fd);
  return NULL;
}

/* A file whose size is not known beforehand (a FIFO here; a pipe named /dev/stdin is the same)
 * is read whole from the one stream: opening it again would lose what was read already, or wait
 * for another writer. */
static void
test_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) text = NULL;
  GThread *writer;

  g_assert_no_errno (mkfifo (path, 0600));
  writer = g_thread_new ("fifo-writer", write_fifo, path);
  text = unspin_text_new_from_file (file, 0, NULL, &error);
  g_thread_join (writer);
  g_assert_no_error (error);
  g_assert_cmpstr (unspin_text_get_data (text, NULL), ==, "First part, second part.\n");

  /* The size limit holds however the data comes. */
  g_clear_object (&text);
  writer = g_thread_new ("fifo-writer", write_fifo, path);
  g_assert_null (unspin_text_new_from_file (file, 16, NULL, &error));
  g_thread_join (writer);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/text/words-and-punctuation", test_words_and_punctuation);
  g_test_add_func ("/unspin/text/kinds-and-flags", test_kinds_and_flags);
  g_test_add_func ("/unspin/text/multibyte-offsets", test_multibyte_offsets);
  g_test_add_func ("/unspin/text/combining-and-emoji", test_combining_and_emoji);
  g_test_add_func ("/unspin/text/normalize", test_normalize);
  g_test_add_func ("/unspin/text/lines-crlf", test_lines_crlf);
  g_test_add_func ("/unspin/text/char-offsets", test_char_offsets);
  g_test_add_func ("/unspin/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/unspin/text/nul-byte", test_nul_byte);
  g_test_add_func ("/unspin/text/utf16-and-bom", test_utf16_and_bom);
  g_test_add_func ("/unspin/text/files", test_files);
  g_test_add_func ("/unspin/text/fifo", test_fifo);

  return g_test_run ();
}
