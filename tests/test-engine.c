/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-engine.h"
#include "unspin-error.h"

/* A pack and an article written for these tests. */
static const char *test_pack =
  "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"test\","
  "  \"name\": \"Test pack\", \"version\": \"1\", \"license\": \"CC0-1.0\","
  "  \"entries\": ["
  "    { \"garbled\": \"federal government\", \"original\": \"government\", \"prior\": 0.9 },"
  "    { \"garbled\": \"has actually\", \"original\": \"has\", \"prior\": 0.95 },"
  "    { \"garbled\": \"authorities\", \"original\": [\"officials\", \"authorities\"], \"prior\": 0.85 },"
  "    { \"garbled\": \"stated\", \"original\": \"said\", \"prior\": 0.6 },"
  "    { \"garbled\": \"truly\", \"original\": \"\", \"prior\": 0.9 }"
  "  ] }";

static const char *article =
  "The federal government has actually approved the plan, authorities stated.\r\n"
  "\r\n"
  "Authorities truly expect 2 councils to follow.\r\n";

static UnspinEngine *
make_engine (gboolean with_rules)
{
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (test_pack, strlen (test_pack));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (bytes, "test.json", &error);

  g_assert_no_error (error);
  unspin_engine_add_pack (engine, pack);

  if (with_rules)
    {
      g_autofree char *path = g_build_filename (unspin_engine_get_default_data_dir (),
                                                "rules", "page-debris.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      UnspinDebrisRules *rules = unspin_debris_rules_new_from_file (file, NULL, &error);

      g_assert_no_error (error);
      unspin_engine_set_debris_rules (engine, rules);
    }
  return g_steal_pointer (&engine);
}

static UnspinEdit *
find_edit (GPtrArray *edits, const char *garbled)
{
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      if (strcmp (edit->garbled, garbled) == 0)
        return edit;
    }
  return NULL;
}

static void
test_propose (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (FALSE);
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "article.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edits = unspin_engine_propose (engine, text, NULL, &error);
  UnspinEdit *edit;

  g_assert_no_error (error);
  g_assert_cmpuint (edits->len, ==, 6);

  for (guint i = 0; i < edits->len; i++)
    {
      edit = g_ptr_array_index (edits, i);
      g_assert_cmpuint (edit->id, ==, i + 1);
      g_assert_true (strncmp (article + edit->byte_start, edit->garbled,
                              edit->byte_end - edit->byte_start) == 0);
      if (i > 0)
        g_assert_cmpuint (((UnspinEdit *) g_ptr_array_index (edits, i - 1))->byte_end, <=, edit->byte_start);
    }

  edit = find_edit (edits, "federal government");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "government");
  g_assert_cmpuint (edit->char_start, ==, 4);
  g_assert_cmpstr (edit->source, ==, "pack:test:federal government");
  g_assert_nonnull (strstr (edit->reason, "government"));

  /* Capitals carried over; alternatives kept; the second paragraph's offsets count CRLF. */
  edit = find_edit (edits, "Authorities");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "Officials");
  g_assert_cmpstr (edit->alternatives[0], ==, "Authorities");
  g_assert_cmpuint (edit->byte_start, ==, strstr (article, "Authorities") - article);

  /* A deletion takes the space before it along. */
  edit = find_edit (edits, " truly");
  g_assert_nonnull (edit);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_DELETE);
  g_assert_cmpstr (edit->proposal, ==, "");
}

/* A replacement that starts with another sound takes the article before it along. */
static void
test_article_follows (void)
{
  static const char *pack_json =
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"articles\","
    "  \"name\": \"Articles\", \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": ["
    "    { \"garbled\": \"very easy\", \"original\": \"easy\", \"prior\": 0.9 },"
    "    { \"garbled\": \"vital\", \"original\": [\"important\", \"key\"], \"prior\": 0.9 },"
    "    { \"garbled\": \"extra\", \"original\": \"additional\", \"prior\": 0.9 }"
    "  ] }";
  static const char *text_data =
    "It was a very easy win. A vital step followed.\n"
    "\n"
    "An extra bus runs. They took an very easy route.\n";
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack_json, strlen (pack_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (bytes, "a.json", &error);
  g_autoptr(UnspinText) text = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;

  g_assert_no_error (error);
  unspin_engine_add_pack (engine, pack);
  text = unspin_text_new_from_string (text_data, "articles.txt");
  edits = unspin_engine_propose (engine, text, NULL, &error);
  g_assert_no_error (error);

  edit = find_edit (edits, "a very easy");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "an easy");
  g_assert_cmpuint (edit->byte_start, ==, strstr (text_data, "a very") - text_data);

  /* The article's capital is kept, and each alternative gets its own article. */
  edit = find_edit (edits, "A vital");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "An important");
  g_assert_cmpstr (edit->alternatives[0], ==, "A key");

  /* The same sound keeps the article out of the edit. */
  edit = find_edit (edits, "extra");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "additional");

  /* An article that already disagrees with the replaced word is the writer's, and stays. */
  edit = find_edit (edits, "very easy");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "easy");
}

/* A text that spells the British way gets its proposals in British spelling, alternatives
 * too; a name's words and an American or neutral text keep the pack's spelling. A phrase is
 * found in either spelling. */
static void
test_british_spelling (void)
{
  static const char *pack_json =
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"spelling\","
    "  \"name\": \"Spelling\", \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": ["
    "    { \"garbled\": \"excused to\", \"original\": [\"apologized to\", \"said sorry to\"], \"prior\": 0.9 },"
    "    { \"garbled\": \"wellness center\", \"original\": [\"health center\", \"clinic\"], \"prior\": 0.9 },"
    "    { \"garbled\": \"globe wellness company\", \"original\": \"World Health Organization\", \"prior\": 0.9 }"
    "  ] }";
  static const char *table =
    "# unspin-spelling 1\n# a comment\n"
    "apologized\tapologised\ncenter\tcentre\ncolor\tcolour\norganization\torganisation\n"
    "organized\torganised\n";
  static const struct { const char *text; const char *apologized; const char *center; } cases[] = {
    /* British: "colour" and "organised". */
    { "The colour of the flags was organised well.\n\nThe mayor excused to them. "
      "Wellness center staff met the globe wellness company.\n",
      "apologised to", "Health centre" },
    /* American: more American-only words than British-only ones. */
    { "The color of the flags was organized well, the colour not.\n\nThe mayor excused to "
      "them. Wellness center staff met the globe wellness company.\n",
      "apologized to", "Health center" },
    /* Neither. */
    { "The flags were fine.\n\nThe mayor excused to them. Wellness center staff met the globe "
      "wellness company.\n",
      "apologized to", "Health center" },
  };
  g_autoptr(GBytes) pack_bytes = g_bytes_new_static (pack_json, strlen (pack_json));
  g_autoptr(GBytes) table_bytes = g_bytes_new_static (table, strlen (table));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (pack_bytes, "s.json", &error);
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  UnspinSpelling *spelling;

  g_assert_no_error (error);
  unspin_engine_add_pack (engine, pack);
  spelling = unspin_spelling_new_from_bytes (table_bytes, "us-uk.tsv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unspin_spelling_get_n_words (spelling), ==, 5);
  unspin_engine_set_spelling (engine, spelling);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UnspinText) text = unspin_text_new_from_string (cases[i].text, "spelling.txt");
      g_autoptr(GPtrArray) edits = unspin_engine_propose (engine, text, NULL, &error);
      UnspinEdit *edit;

      g_assert_no_error (error);
      edit = find_edit (edits, "excused to");
      g_assert_nonnull (edit);
      g_assert_cmpstr (edit->proposal, ==, cases[i].apologized);
      /* The capital the span has is kept; an alternative without such a word is as written. */
      edit = find_edit (edits, "Wellness center");
      g_assert_nonnull (edit);
      g_assert_cmpstr (edit->proposal, ==, cases[i].center);
      g_assert_cmpstr (edit->alternatives[0], ==, "Clinic");
      /* A name is spelled as its owner spells it. */
      edit = find_edit (edits, "globe wellness company");
      g_assert_nonnull (edit);
      g_assert_cmpstr (edit->proposal, ==, "World Health Organization");
    }

  /* A phrase spelled the British way is found by the pack's American entry. */
  {
    g_autoptr(UnspinText) text = unspin_text_new_from_string ("The colour was organised. A wellness "
                                                              "centre opened.\n", "spelling.txt");
    g_autoptr(GPtrArray) edits = unspin_engine_propose (engine, text, NULL, &error);
    UnspinEdit *edit;

    g_assert_no_error (error);
    edit = find_edit (edits, "wellness centre");
    g_assert_nonnull (edit);
    g_assert_cmpstr (edit->proposal, ==, "health centre");
    g_assert_cmpstr (edit->source, ==, "pack:spelling:wellness center");
  }
}

/* A spelling table that is not one, or has a bad line, is refused with the file's name (and
 * the line's number). */
static void
test_bad_spelling_table (void)
{
  static const struct { const char *table; const char *says; } cases[] = {
    { "color\tcolour\n", "us-uk.tsv: not a spelling table" },
    { "# unspin-spelling 1\ncolor\tcolour\ncenter centre\n", "us-uk.tsv: line 3: " },
    { "# unspin-spelling 1\nColor\tcolour\n", "us-uk.tsv: line 2: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].table, strlen (cases[i].table));
      g_autoptr(GError) error = NULL;
      g_autoptr(UnspinSpelling) spelling = unspin_spelling_new_from_bytes (bytes, "us-uk.tsv", &error);

      g_assert_null (spelling);
      g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
      if (!g_str_has_prefix (error->message, cases[i].says))
        g_error ("expected “%s…”, got “%s”", cases[i].says, error->message);
    }
}

static void
test_review_applies_confident (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (FALSE);
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "article.txt");
  g_autoptr(UnspinReview) review = unspin_engine_review (engine, text, NULL, NULL);
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);
  GPtrArray *sources = unspin_review_get_sources (review);

  /* "stated" (0.6) stays a suggestion. */
  g_assert_cmpstr (restored, ==,
                   "The government has approved the plan, officials stated.\r\n"
                   "\r\n"
                   "Officials expect 2 councils to follow.\r\n");
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((UnspinDataSource *) g_ptr_array_index (sources, 0))->id, ==, "test");
  g_assert_cmpuint (strlen (((UnspinDataSource *) g_ptr_array_index (sources, 0))->sha256), ==, 64);
}

static char *
restore_streaming (UnspinEngine *engine, UnspinText *text)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (unspin_engine_restore_to_stream (engine, text, UNSPIN_CONFIDENCE_HIGH, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write (stream, &nul, 1, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_streaming_matches_review (UnspinEngine *engine, UnspinText *text)
{
  g_autoptr(UnspinReview) review = unspin_engine_review (engine, text, NULL, NULL);
  g_autofree char *from_review = unspin_review_get_restored_text (review, NULL);
  g_autofree char *streamed = restore_streaming (engine, text);

  g_assert_cmpstr (streamed, ==, from_review);
}

static void
test_streaming_equals_review (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (TRUE);
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "article.txt");
  GString *big = g_string_new (NULL);
  g_autoptr(UnspinText) big_text = NULL;

  assert_streaming_matches_review (engine, text);

  /* Long enough to flush the stream several times. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (big, i % 3 ? "The federal government has actually stated it.\n" : "\n");
  big_text = unspin_text_new_from_string (big->str, "big.txt");
  assert_streaming_matches_review (engine, big_text);
  g_string_free (big, TRUE);
}

/* Spam lines and deleted blank lines fall on block boundaries somewhere in a few megabytes. */
static void
test_parallel_equals_sequential (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (TRUE);
  GString *big = g_string_new ("A headline about the federal government\n\n");
  g_autoptr(UnspinText) text = NULL;
  g_autofree char *parallel = NULL;
  g_autofree char *sequential = NULL;
  g_autoptr(GPtrArray) parallel_edits = NULL;
  g_autoptr(GPtrArray) sequential_edits = NULL;
  guint i = 0;

  while (big->len < 4 * 1024 * 1024)
    {
      switch (i++ % 5)
        {
        case 0: g_string_append (big, "The federal government has actually stated it would act, 2 authorities said.\n"); break;
        case 1: g_string_append (big, "\n"); break;
        case 2: g_string_append (big, "This site uses Akismet to reduce spam. Learn how your comment data is processed.\n"); break;
        case 3: g_string_append (big, "\n"); break;
        default: g_string_append (big, "Authorities truly expect councils to follow on Tuesday.Jane Roe / Reuters\n"); break;
        }
    }
  text = unspin_text_new_from_string (big->str, "big.txt");
  g_string_free (big, TRUE);

  g_setenv ("UNSPIN_THREADS", "1", TRUE);
  sequential = restore_streaming (engine, text);
  sequential_edits = unspin_engine_propose (engine, text, NULL, NULL);
  g_setenv ("UNSPIN_THREADS", "3", TRUE);
  parallel = restore_streaming (engine, text);
  parallel_edits = unspin_engine_propose (engine, text, NULL, NULL);
  g_unsetenv ("UNSPIN_THREADS");

  g_assert_cmpstr (parallel, ==, sequential);
  g_assert_cmpuint (parallel_edits->len, ==, sequential_edits->len);
  for (guint k = 0; k < parallel_edits->len; k++)
    {
      UnspinEdit *a = g_ptr_array_index (parallel_edits, k);
      UnspinEdit *b = g_ptr_array_index (sequential_edits, k);

      g_assert_cmpuint (a->byte_start, ==, b->byte_start);
      g_assert_cmpuint (a->byte_end, ==, b->byte_end);
      g_assert_cmpstr (a->proposal, ==, b->proposal);
    }
  /* Something happened on every kind of line. */
  g_assert_null (strstr (parallel, "Akismet"));
  g_assert_null (strstr (parallel, "has actually"));
  g_assert_nonnull (strstr (parallel, "Tuesday.\nJane Roe"));
}

static void
test_default_data_sample (void)
{
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (unspin_engine_get_default_data_dir (),
                                            "samples", "spun-article.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnspinText) text = NULL;
  g_autoptr(UnspinReview) review = NULL;
  gboolean has_pack_edit = FALSE, has_rule_edit = FALSE;

  g_assert_true (unspin_engine_load_default_data (engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (unspin_engine_get_packs (engine)->len, >=, 1);

  text = unspin_text_new_from_file (file, 0, NULL, &error);
  g_assert_no_error (error);
  review = unspin_engine_review (engine, text, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    {
      UnspinEdit *edit = unspin_review_get_edit (review, i);

      has_pack_edit |= g_str_has_prefix (edit->source, "pack:news-spinner:");
      has_rule_edit |= g_str_has_prefix (edit->source, "rule:");
    }
  g_assert_true (has_pack_edit);
  g_assert_true (has_rule_edit);
  assert_streaming_matches_review (engine, text);
}

static void
test_cancel (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (TRUE);
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "article.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (unspin_engine_propose (engine, text, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_proposed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = unspin_engine_propose_finish (UNSPIN_ENGINE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(UnspinEngine) engine = make_engine (TRUE);
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "article.txt");
  GPtrArray *edits = NULL;

  unspin_engine_propose_async (engine, text, NULL, on_proposed, &edits);
  while (edits == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (edits->len, >=, 6);
  g_ptr_array_unref (edits);
}

static void
test_missing_data_dir (void)
{
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("UNSPIN_DATA_DIR"));

  g_setenv ("UNSPIN_DATA_DIR", "/nonexistent/unspin-data", TRUE);
  g_assert_false (unspin_engine_load_default_data (engine, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/unspin-data/packs"));
  g_setenv ("UNSPIN_DATA_DIR", saved, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/engine/propose", test_propose);
  g_test_add_func ("/unspin/engine/article-follows", test_article_follows);
  g_test_add_func ("/unspin/engine/british-spelling", test_british_spelling);
  g_test_add_func ("/unspin/engine/bad-spelling-table", test_bad_spelling_table);
  g_test_add_func ("/unspin/engine/review-applies-confident", test_review_applies_confident);
  g_test_add_func ("/unspin/engine/streaming-equals-review", test_streaming_equals_review);
  g_test_add_func ("/unspin/engine/parallel-equals-sequential", test_parallel_equals_sequential);
  g_test_add_func ("/unspin/engine/default-data-sample", test_default_data_sample);
  g_test_add_func ("/unspin/engine/cancel", test_cancel);
  g_test_add_func ("/unspin/engine/async", test_async);
  g_test_add_func ("/unspin/engine/missing-data-dir", test_missing_data_dir);

  return g_test_run ();
}
