/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <string.h>

#include "unspin-error.h"
#include "unspin-lm.h"

/* A tiny trigram model in ARPA text, written for these tests (log10 probabilities). */
static const char *tiny_arpa =
  "\\data\\\n"
  "ngram 1=7\n"
  "ngram 2=6\n"
  "ngram 3=2\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.30\n"
  "-1.0 </s>\n"
  "-0.8 officials -0.20\n"
  "-1.2 said -0.25\n"
  "-2.0 stated -0.10\n"
  "-1.1 the -0.40\n"
  "-1.5 iraq's -0.15\n"
  "\n"
  "\\2-grams:\n"
  "-0.5 <s> the -0.10\n"
  "-0.3 the officials -0.20\n"
  "-0.2 officials said -0.05\n"
  "-1.5 officials stated\n"
  "-0.4 said </s>\n"
  "-0.6 stated </s>\n"
  "\n"
  "\\3-grams:\n"
  "-0.1 the officials said\n"
  "-0.05 <s> the officials\n"
  "\n"
  "\\end\\\n";

static char *
write_temp (const char *contents,
            gsize       len)
{
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("unspin-lm-XXXXXX.arpa", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static UnspinLm *
load_tiny (void)
{
  g_autofree char *path = write_temp (tiny_arpa, strlen (tiny_arpa));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UnspinLm *lm = unspin_lm_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lm);
  g_unlink (path);
  return lm;
}

#define LN10 G_LN10

static void
test_arpa (void)
{
  g_autoptr(UnspinLm) lm = NULL;
  int the, officials, said, stated, history[2];
  guint n_used = 0;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  lm = load_tiny ();
  g_assert_cmpuint (unspin_lm_get_order (lm), ==, 3);
  g_assert_cmpuint (unspin_lm_get_n_words (lm), ==, 7);

  the = unspin_lm_lookup (lm, "the", -1);
  officials = unspin_lm_lookup (lm, "officials", -1);
  said = unspin_lm_lookup (lm, "said", -1);
  stated = unspin_lm_lookup (lm, "stated", -1);
  g_assert_cmpint (the, >=, 0);
  g_assert_cmpint (said, >=, 0);
  g_assert_cmpint (unspin_lm_lookup (lm, "iraq's", -1), >=, 0);
  g_assert_cmpint (unspin_lm_lookup (lm, "iraq'sXYZ", 6), ==, unspin_lm_lookup (lm, "iraq's", -1));
  /* What the model does not have: no unknown-word entry, no digits, no markers as words. */
  g_assert_cmpint (unspin_lm_lookup (lm, "2", -1), ==, UNSPIN_LM_NO_WORD);
  g_assert_cmpint (unspin_lm_lookup (lm, "embassy", -1), ==, UNSPIN_LM_NO_WORD);
  g_assert_cmpint (unspin_lm_lookup (lm, "<s>", -1), ==, UNSPIN_LM_NO_WORD);
  g_assert_cmpint (unspin_lm_lookup (lm, "", -1), ==, UNSPIN_LM_NO_WORD);

  /* A trigram the model has. */
  history[0] = officials;
  history[1] = the;
  g_assert_cmpfloat_with_epsilon (unspin_lm_score (lm, said, history, 2, &n_used), -0.1 * LN10, 1e-3);
  g_assert_cmpuint (n_used, ==, 3);

  /* No trigram: back-off weight of the bigram history plus the bigram. */
  g_assert_cmpfloat_with_epsilon (unspin_lm_score (lm, stated, history, 2, &n_used),
                                  (-0.20 + -1.5) * LN10, 1e-3);
  g_assert_cmpuint (n_used, ==, 2);

  /* Down to the unigram. */
  history[0] = the;
  g_assert_cmpfloat_with_epsilon (unspin_lm_score (lm, stated, history, 1, &n_used),
                                  (-0.40 + -2.0) * LN10, 1e-3);
  g_assert_cmpuint (n_used, ==, 1);
  g_assert_cmpfloat_with_epsilon (unspin_lm_score (lm, said, NULL, 0, NULL), -1.2 * LN10, 1e-3);
}

static void
test_sequence (void)
{
  g_autoptr(UnspinLm) lm = NULL;
  int s, e, the, officials, said;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  lm = load_tiny ();
  s = unspin_lm_get_sentence_start (lm);
  e = unspin_lm_get_sentence_end (lm);
  the = unspin_lm_lookup (lm, "the", -1);
  officials = unspin_lm_lookup (lm, "officials", -1);
  said = unspin_lm_lookup (lm, "said", -1);

  {
    int words[] = { s, the, officials, said, e };
    /* </s> after "officials said": no trigram, so bo(officials said) + P(</s> | said). */
    double expected = (-0.5 - 0.05 - 0.1 - 0.05 - 0.4) * LN10;

    /* <s> is context only. */
    g_assert_cmpfloat_with_epsilon (unspin_lm_score_sequence (lm, NULL, words, 5, 1), expected, 1e-3);
    /* Context before @first conditions the words after it. */
    g_assert_cmpfloat_with_epsilon (unspin_lm_score_sequence (lm, NULL, words, 5, 3), (-0.1 - 0.05 - 0.4) * LN10, 1e-3);
  }

  {
    /* The same scores through a cache, asked twice. */
    g_autoptr(UnspinLmCache) cache = unspin_lm_cache_new ();
    int words[] = { s, the, officials, said, e, s, officials, said, e };

    for (guint round = 0; round < 2; round++)
      for (guint first = 1; first < 9; first++)
        g_assert_cmpfloat_with_epsilon (unspin_lm_score_sequence (lm, cache, words, 9, first),
                                        unspin_lm_score_sequence (lm, NULL, words, 9, first), 1e-5);
  }

  {
    /* A word the model does not know cuts the history: "said" is scored alone. */
    int words[] = { the, officials, UNSPIN_LM_NO_WORD, said };

    g_assert_cmpfloat_with_epsilon (unspin_lm_score_sequence (lm, NULL, words, 4, 3), -1.2 * LN10, 1e-3);
    g_assert_cmpfloat_with_epsilon (unspin_lm_score_sequence (lm, NULL, words, 4, 2), -1.2 * LN10, 1e-3);
  }
}

typedef struct {
  UnspinLm *lm;
  int       words[6];
  double    expected;
  gboolean  ok;
} ThreadData;

static gpointer
score_many (gpointer data)
{
  ThreadData *td = data;

  td->ok = TRUE;
  for (guint i = 0; i < 20000; i++)
    {
      /* Alternate histories, so that the library's history cache changes all the time. */
      guint first = 1 + i % 3;
      double score = unspin_lm_score_sequence (td->lm, NULL, td->words, 6, first);
      double again = unspin_lm_score_sequence (td->lm, NULL, td->words, 6, first);

      if (fabs (score - again) > 1e-9 || (first == 1 && fabs (score - td->expected) > 1e-9))
        td->ok = FALSE;
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(UnspinLm) lm = NULL;
  ThreadData data[4];
  GThread *threads[4];

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  lm = load_tiny ();
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      int s = unspin_lm_get_sentence_start (lm), e = unspin_lm_get_sentence_end (lm);
      int the = unspin_lm_lookup (lm, "the", -1), off = unspin_lm_lookup (lm, "officials", -1);
      int said = unspin_lm_lookup (lm, "said", -1), stated = unspin_lm_lookup (lm, "stated", -1);
      int seq[2][6] = { { s, the, off, said, e, s }, { s, off, stated, e, s, the } };

      data[t].lm = lm;
      memcpy (data[t].words, seq[t % 2], sizeof data[t].words);
      data[t].expected = unspin_lm_score_sequence (lm, NULL, data[t].words, 6, 1);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("score", score_many, &data[t]);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_thread_join (threads[t]);
      g_assert_true (data[t].ok);
    }
}

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp ("this is not a model\n", 20);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/unspin/en-us.lm.bin");
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  UnspinLm *lm;

  lm = unspin_lm_new_from_file (file, NULL, &error);
  g_assert_null (lm);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_unlink (path);

  if (!unspin_lm_is_supported ())
    return;

  lm = unspin_lm_new_from_file (missing, NULL, &error);
  g_assert_null (lm);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/unspin/en-us.lm.bin"));
  g_clear_error (&error);

  lm = unspin_lm_new_from_file (folder, NULL, &error);
  g_assert_null (lm);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  {
    /* The ARPA header, then nonsense. */
    static const char broken[] = "\\data\\\nngram 1=3\n\n\\1-grams:\n-1.0 <s>\n\\end\\\n";
    g_autofree char *broken_path = write_temp (broken, strlen (broken));
    g_autoptr(GFile) broken_file = g_file_new_for_path (broken_path);

    lm = unspin_lm_new_from_file (broken_file, NULL, &error);
    g_assert_null (lm);
    g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL);
    g_unlink (broken_path);
  }
}

/* The 27 MB English model, when the machine has it (Debian: pocketsphinx-en-us). */
static void
test_real_model (void)
{
  const char *path = unspin_lm_get_default_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(UnspinLm) lm = NULL;
  g_autoptr(GError) error = NULL;
  int s, officials, said, stated;
  double p_said, p_stated;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the English model is not installed (pocketsphinx-en-us); set UNSPIN_LM_MODEL");
      return;
    }

  file = g_file_new_for_path (path);
  lm = unspin_lm_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unspin_lm_get_path (lm), ==, path);
  g_assert_cmpuint (unspin_lm_get_order (lm), ==, 3);
  g_assert_cmpuint (unspin_lm_get_n_words (lm), >, 50000);

  s = unspin_lm_get_sentence_start (lm);
  officials = unspin_lm_lookup (lm, "officials", -1);
  said = unspin_lm_lookup (lm, "said", -1);
  stated = unspin_lm_lookup (lm, "stated", -1);
  g_assert_cmpint (unspin_lm_lookup (lm, "2", -1), ==, UNSPIN_LM_NO_WORD);
  g_assert_cmpint (unspin_lm_lookup (lm, ",", -1), ==, UNSPIN_LM_NO_WORD);

  {
    int a[] = { s, officials, said }, b[] = { s, officials, stated };

    p_said = unspin_lm_score_sequence (lm, NULL, a, 3, 2);
    p_stated = unspin_lm_score_sequence (lm, NULL, b, 3, 2);
    g_assert_cmpfloat (p_said, >, p_stated + 1.0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/lm/arpa", test_arpa);
  g_test_add_func ("/unspin/lm/sequence", test_sequence);
  g_test_add_func ("/unspin/lm/threads", test_threads);
  g_test_add_func ("/unspin/lm/bad-files", test_bad_files);
  g_test_add_func ("/unspin/lm/real-model", test_real_model);

  return g_test_run ();
}
