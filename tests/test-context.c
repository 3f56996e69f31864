/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "unspin-engine.h"
#include "unspin-error.h"

/*
 * Context scoring on a tiny bigram model written here (so that the tests do not depend on the
 * 27 MB English model), and once on the English model when it is installed.
 */

static const char *tiny_arpa =
  "\\data\\\n"
  "ngram 1=16\n"
  "ngram 2=12\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-1.2 the -0.3\n"
  "-2.0 officials -0.3\n"
  "-1.5 said -0.3\n"
  "-4.0 stated -0.3\n"
  "-1.5 that -0.3\n"
  "-1.3 a -0.3\n"
  "-2.0 an -2.0\n"
  "-2.0 result -0.3\n"
  "-5.0 outcome -3.0\n"
  "-1.8 was -0.3\n"
  "-2.5 expected -0.3\n"
  "-3.0 declared -0.3\n"
  "-2.5 ended -0.3\n"
  "-2.0 quiet -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.3 <s> the\n"
  "-0.5 the officials\n"
  "-0.2 officials said\n"
  "-0.3 said that\n"
  "-0.5 that a\n"
  "-0.2 a result\n"
  "-0.1 result was\n"
  "-0.4 was expected\n"
  "-0.3 expected </s>\n"
  "-0.6 that an\n"
  "-0.5 was quiet\n"
  "-0.3 quiet </s>\n"
  "\n"
  "\\end\\\n";

static const char *tiny_pack =
  "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"tiny\","
  "  \"name\": \"Tiny pack\", \"version\": \"1\", \"license\": \"CC0-1.0\","
  "  \"entries\": ["
  "    { \"garbled\": \"stated\", \"original\": [\"said\", \"declared\"], \"prior\": 0.6 },"
  "    { \"garbled\": \"has actually\", \"original\": \"has\", \"prior\": 0.95 }"
  "  ] }";

static const char *tiny_thesaurus =
  "# unspin-reverse-thesaurus 1\n"
  "outcome\tresult\n"
  "quiet\tended\n";

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unspin-context-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static UnspinLm *
model_from (const char *arpa)
{
  g_autofree char *path = write_temp ("tiny.arpa", arpa);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UnspinLm *lm = unspin_lm_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  remove_temp (path);
  return lm;
}

/* The tiny pack with @thesaurus_text (two words) and, when not NULL, the model @arpa. */
static UnspinEngine *
engine_from (const char *arpa,
             const char *thesaurus_text)
{
  UnspinEngine *engine = unspin_engine_new ();
  g_autoptr(GBytes) pack_bytes = g_bytes_new_static (tiny_pack, strlen (tiny_pack));
  g_autoptr(GBytes) thesaurus_bytes = g_bytes_new_static (thesaurus_text, strlen (thesaurus_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (pack_bytes, "tiny.json", &error);
  g_autoptr(UnspinThesaurus) thesaurus = unspin_thesaurus_new_from_bytes (thesaurus_bytes, "tiny.tsv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (unspin_thesaurus_get_n_words (thesaurus), ==, 2);
  unspin_engine_add_pack (engine, pack);
  unspin_engine_set_thesaurus (engine, thesaurus, NULL);
  if (arpa != NULL)
    {
      g_autoptr(UnspinLm) lm = model_from (arpa);

      unspin_engine_set_model (engine, lm);
    }
  return engine;
}

static UnspinEngine *
tiny_engine (gboolean with_model)
{
  return engine_from (with_model ? tiny_arpa : NULL, tiny_thesaurus);
}

static GPtrArray *
propose (UnspinEngine *engine,
         const char   *string)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string (string, "test");
  g_autoptr(GError) error = NULL;
  GPtrArray *edits = unspin_engine_propose (engine, text, NULL, &error);

  g_assert_no_error (error);
  return edits;
}

static UnspinEdit *
find_edit (GPtrArray  *edits,
           const char *garbled)
{
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      if (strcmp (edit->garbled, garbled) == 0)
        return edit;
    }
  return NULL;
}

/* Whether @engine lists the data source @id (what exports record). */
static gboolean
has_source (UnspinEngine *engine,
            const char   *id)
{
  g_autoptr(GPtrArray) sources = unspin_engine_dup_sources (engine);

  for (guint i = 0; i < sources->len; i++)
    if (g_strcmp0 (((UnspinDataSource *) g_ptr_array_index (sources, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* @engine proposes @proposal for @garbled in @string. */
static void
assert_proposes (UnspinEngine *engine,
                 const char   *string,
                 const char   *garbled,
                 const char   *proposal)
{
  g_autoptr(GPtrArray) edits = propose (engine, string);
  UnspinEdit *edit = find_edit (edits, garbled);

  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, proposal);
}

/* @engine proposes @proposal for @garbled in @string, with high confidence if @high (applied by
 * `unspin-cli restore`) or as a suggestion. */
static void
assert_decided (UnspinEngine *engine,
                const char   *string,
                const char   *garbled,
                const char   *proposal,
                gboolean      high)
{
  g_autoptr(GPtrArray) edits = propose (engine, string);
  UnspinEdit *edit = find_edit (edits, garbled);

  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, proposal);
  if (high)
    g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  else
    g_assert_cmpfloat (edit->confidence, <, UNSPIN_CONFIDENCE_HIGH);
}

/* @engine proposes nothing for @garbled in @string. */
static void
assert_no_edit (UnspinEngine *engine,
                const char   *string,
                const char   *garbled)
{
  g_autoptr(GPtrArray) edits = propose (engine, string);

  g_assert_null (find_edit (edits, garbled));
}

/* @engine does not propose @proposal for @garbled in @string (it may propose another). */
static void
assert_not_proposed (UnspinEngine *engine,
                     const char   *string,
                     const char   *garbled,
                     const char   *proposal)
{
  g_autoptr(GPtrArray) edits = propose (engine, string);
  UnspinEdit *edit = find_edit (edits, garbled);

  g_assert_true (edit == NULL || strcmp (edit->proposal, proposal) != 0);
}

/* A lazily read thesaurus, just set on @engine, is neither read nor used (data source @id) for
 * @garbled in @sentence nor in @plain_term, a bare term without a tortured word. */
static void
assert_read_when_needed (UnspinEngine *engine,
                         const char   *id,
                         const char   *sentence,
                         const char   *plain_term,
                         const char   *garbled)
{
  g_assert_false (has_source (engine, id));
  assert_no_edit (engine, sentence, garbled);
  g_assert_false (has_source (engine, id));
  assert_no_edit (engine, plain_term, garbled);
  g_assert_false (has_source (engine, id));
}

/* @engine confidently proposes @proposal for @garbled in the bare term @term, from the
 * thesaurus that is data source @id, whose name the reason gives as @named. */
static void
assert_term_edit (UnspinEngine *engine,
                  const char   *term,
                  const char   *garbled,
                  const char   *proposal,
                  const char   *id,
                  const char   *named)
{
  g_autoptr(GPtrArray) edits = propose (engine, term);
  g_autofree char *prefix = g_strdup_printf ("model:%s:", id);
  UnspinEdit *edit = find_edit (edits, garbled);

  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, proposal);
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  g_assert_true (g_str_has_prefix (edit->source, prefix));
  g_assert_nonnull (strstr (edit->reason, named));
}

static void
test_pack_in_context (void)
{
  g_autoptr(UnspinEngine) plain = NULL;
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const char *article = "The officials stated that a result was expected.";
  UnspinEdit *edit;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  plain = tiny_engine (FALSE);
  g_assert_false (unspin_engine_get_context_scoring (plain));
  before = propose (plain, article);
  edit = find_edit (before, "stated");
  g_assert_nonnull (edit);
  g_assert_cmpfloat (edit->confidence, ==, 0.6);

  engine = tiny_engine (TRUE);
  g_assert_true (unspin_engine_get_context_scoring (engine));
  g_assert_nonnull (unspin_engine_get_model (engine));
  after = propose (engine, article);
  edit = find_edit (after, "stated");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "said");
  g_assert_cmpstr (edit->source, ==, "pack:tiny:stated");
  g_assert_nonnull (strstr (edit->reason, "model prefers “said” here by"));
  g_assert_nonnull (strstr (edit->reason, "tiny pack"));
  g_assert_cmpfloat (edit->confidence, !=, 0.6);

  /* In a text that spells the British way, the reason quotes the proposal as the edit shows it
   * (a made-up British spelling of "said", so that the tiny model's words serve). */
  {
    static const char *table = "# unspin-spelling 1\ncolor\tcolour\nsaid\tsaed\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (table, strlen (table));
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) british = NULL;
    UnspinSpelling *spelling = unspin_spelling_new_from_bytes (bytes, "us-uk.tsv", &error);

    g_assert_no_error (error);
    unspin_engine_set_spelling (engine, spelling);
    british = propose (engine, "The colour was fine. The officials stated that a result was expected.");
    edit = find_edit (british, "stated");
    g_assert_nonnull (edit);
    g_assert_cmpstr (edit->proposal, ==, "saed");
    g_assert_nonnull (strstr (edit->reason, "model prefers “saed” here by"));
    unspin_engine_set_spelling (engine, NULL);
  }

  /* Turned off again. */
  unspin_engine_set_model (engine, NULL);
  g_assert_false (unspin_engine_get_context_scoring (engine));
  g_assert_null (unspin_engine_get_model (engine));
}

/* A "near" cue that is the entry's own garbled word, in either number, is no cue: another
 * place where the spinner wrote the same word says nothing of the article's topic. A list of
 * nothing else stays as it is. */
static void
test_own_word_cue (void)
{
  static const char *pack_text =
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"cues\","
    "  \"name\": \"Cues\", \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": ["
    "    { \"garbled\": \"collections\", \"original\": \"sets\", \"prior\": 0.4,"
    "      \"context\": { \"near\": [\"tennis\", \"collections\", \"collection\"], \"window\": 100 } },"
    "    { \"garbled\": \"travelers\", \"original\": \"passengers\", \"prior\": 0.4,"
    "      \"context\": { \"near\": [\"traveler\"], \"window\": 100 } }"
    "  ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack_text, strlen (pack_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = unspin_phrase_pack_new_from_bytes (bytes, "cues.json", &error);
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();

  g_assert_no_error (error);
  unspin_engine_add_pack (engine, pack);
  assert_no_edit (engine, "The library collections grew. Its collection of maps and its collections "
                  "of letters are open to all.", "collections");
  assert_proposes (engine, "She won the tennis final in straight collections.", "collections", "sets");
  assert_proposes (engine, "The traveler waited while other travelers left.", "travelers", "passengers");
  assert_no_edit (engine, "Other travelers left.", "travelers");
}

/* The same spun phrase elsewhere, applied with confidence, is evidence for the same change. */
static void
test_consistency (void)
{
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) control = NULL;
  const char *weak = "Quiet stated.";
  g_autofree char *article = g_strdup_printf ("The officials stated that a result was expected.\n\n%s", weak);
  UnspinEdit *first, *second, *single;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  engine = tiny_engine (TRUE);
  alone = propose (engine, weak);
  single = find_edit (alone, "stated");
  g_assert_nonnull (single);
  both = propose (engine, article);
  g_assert_cmpuint (both->len, ==, 2);
  first = g_ptr_array_index (both, 0);
  second = g_ptr_array_index (both, 1);
  g_assert_cmpfloat (single->confidence, <, 0.8);
  g_assert_cmpstr (first->garbled, ==, "stated");
  g_assert_cmpstr (first->proposal, ==, "said");
  g_assert_cmpfloat (first->confidence, >=, 0.8);
  /* Decided again with "said" applied above: now applied too. */
  g_assert_cmpstr (second->garbled, ==, "stated");
  g_assert_cmpstr (second->proposal, ==, "said");
  g_assert_cmpfloat (second->confidence, >=, 0.8);

  /* Without the confident decision above, the weak place stays a suggestion. */
  control = propose (engine, "The officials said that a result was expected.\n\nQuiet stated.");
  g_assert_cmpuint (control->len, ==, 1);
  second = g_ptr_array_index (control, 0);
  g_assert_cmpfloat (second->confidence, ==, single->confidence);
}

static void
test_thesaurus_and_anchors (void)
{
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  engine = tiny_engine (TRUE);

  /* An unlisted word: the thesaurus offers "result" for "outcome"; a/an follows. */
  edits = propose (engine, "The officials said that an outcome was expected.");
  edit = find_edit (edits, "an outcome");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "a result");
  g_assert_true (g_str_has_prefix (edit->source, "model:thesaurus:"));
  g_assert_nonnull (strstr (edit->reason, "reverse thesaurus"));
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* Capitalised at the start of a sentence: the proposal takes the capital. */
  assert_proposes (engine, "Outcome was expected.", "Outcome", "Result");

  /* Names (capitalised inside a sentence), quotations and numbers stay as they are. */
  assert_no_edit (engine, "The officials said that Outcome was expected.", "Outcome");
  edits = propose (engine, "The officials said “an outcome was expected”.");
  g_assert_null (find_edit (edits, "an outcome"));
  g_assert_null (find_edit (edits, "outcome"));
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* Digits, punctuation and words the model does not know are not scored, and do not crash it. */
  edits = propose (engine, "Zorblax 42 stated, — 3.5 % that an outcome was expected!? ...");
  edit = find_edit (edits, "stated");
  g_assert_nonnull (edit);
  g_clear_pointer (&edits, g_ptr_array_unref);
  edits = propose (engine, "stated");
  g_assert_cmpuint (edits->len, ==, 1);
}

static void
test_user_packs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unspin-user-packs-XXXXXX", &error);
  g_autofree char *good = g_build_filename (dir, "a-good.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "b-bad.json", NULL);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GPtrArray) errors = NULL;
  GError *first;

  g_assert_no_error (error);
  g_file_set_contents (good, tiny_pack, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, "{ \"schema\": \"unspin-phrase-pack\", ", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (other, "not a pack", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (unspin_engine_load_user_packs (engine, folder, &errors), ==, 1);
  g_assert_cmpuint (unspin_engine_get_packs (engine)->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 1);
  first = g_ptr_array_index (errors, 0);
  g_assert_error (first, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_nonnull (strstr (first->message, "b-bad.json"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* No folder yet is the usual case for a new user. */
  g_assert_cmpuint (unspin_engine_load_user_packs (engine, missing, &errors), ==, 0);
  g_assert_cmpuint (errors->len, ==, 0);

  g_unlink (good);
  g_unlink (bad);
  g_unlink (other);
  g_rmdir (dir);
}

static void
test_bad_model (void)
{
  g_autofree char *path = write_temp ("model.bin", "not a model at all\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (unspin_engine_load_model (engine, file, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL);
  g_assert_false (unspin_engine_get_context_scoring (engine));
  remove_temp (path);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("UNSPIN_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WEXITSTATUS (status);
}

static void
test_cli_model_options (void)
{
  g_autofree char *article = write_temp ("article.txt", "The officials stated that a result was expected.\n");
  g_autofree char *model = write_temp ("tiny.arpa", tiny_arpa);
  g_autofree char *bad = write_temp ("bad.lm.bin", "garbage\n");
  g_autofree char *out = NULL, *err = NULL;

  if (g_getenv ("UNSPIN_CLI") == NULL)
    {
      g_test_skip ("UNSPIN_CLI is not set (run under meson test)");
      return;
    }

  /* A model that is not one is bad data. */
  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--model", bad, article, NULL }, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "bad.lm.bin"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--model", model, "--no-model", article, NULL },
                            &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "restore", "--no-model", article, NULL }, &out, &err), ==, 0);
  g_assert_null (strstr (err, "context scoring is off"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  if (unspin_lm_is_supported ())
    {
      g_assert_cmpint (run_cli ((const char *[]) { "edits", "--model", model, article, NULL }, &out, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
    }

  remove_temp (article);
  remove_temp (model);
  remove_temp (bad);
}

/* A bare term: the tortured-phrase pack's terms are a vocabulary that judges its candidates. */
static const char *terms_arpa =
  "\\data\\\n"
  "ngram 1=18\n"
  "ngram 2=2\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-3.0 adversarial -0.3\n"
  "-8.0 fz -0.3\n"
  "-8.0 fy -0.3\n"
  "-2.2 mesh -0.3\n"
  "-5.0 tangle -0.3\n"
  "-3.5 ill -0.3\n"
  "-3.5 disposed -0.3\n"
  "-3.0 clustering -0.3\n"
  "-4.5 grouping -0.3\n"
  "-3.1 fuzzy -0.3\n"
  "-2.9 woolly -0.3\n"
  "-3.5 fleecy -0.3\n"
  "-6.1 fluffy -0.3\n"
  "-6.1 downy -0.3\n"
  "-2.3 furry -0.3\n"
  "-2.5 set -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.5 <s> set\n"
  "-0.3 set </s>\n"
  "\n"
  "\\end\\\n";

static UnspinEngine *
terms_engine_with_model (const char *pack_id,
                         const char *model)
{
  UnspinEngine *engine = unspin_engine_new ();
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *arpa = write_temp ("terms.arpa", model);
  g_autoptr(GFile) arpa_file = g_file_new_for_path (arpa);
  const char *map = "# unspin-reverse-thesaurus 1\nfleecy\twoolly|fuzzy\t40 0\ngrouping\tclustering\t1 0\n"
                    "ill-disposed\tadversarial\t2 0\ntangle\tmesh|clustering\t1 0\nfloofy\tfuzzy\t5 0\n"
                    "mesh tangle\tclustering\t3 0\nclustering\tmesh\t40 0\nfz\tfuzzy\t5 0\n"
                    "fy\tfuzzy\t2 0\nfluffy\tfuzzy\t1 0\ndowny\tfuzzy\t12 0\nfurry\tfuzzy\t12 0\n";
  g_autoptr(GBytes) map_bytes = g_bytes_new_static (map, strlen (map));
  g_autoptr(GBytes) pack_bytes = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;
  g_autoptr(UnspinThesaurus) word_map = NULL;
  g_autoptr(UnspinLm) lm = NULL;
  g_autoptr(GError) error = NULL;

  /* Thirty terms that begin with "fuzzy", each written "fleecy" by the paraphraser. */
  g_string_append_printf (json, "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, "
                          "\"id\": \"%s\", \"name\": \"Terms\", \"version\": \"1\", "
                          "\"license\": \"CC0-1.0\", \"entries\": [", pack_id);
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (json, "%s{ \"garbled\": \"fleecy zq%c%c\", \"original\": \"fuzzy zq%c%c\" }",
                            i > 0 ? ", " : "", 'a' + i % 26, 'a' + i / 26, 'a' + i % 26, 'a' + i / 26);
  /* Three terms where "fuzzy" goes on with "clustering". */
  g_string_append (json, ", { \"garbled\": \"woolly tangle\", \"original\": \"fuzzy clustering\" }"
                         ", { \"garbled\": \"woolly tangle zqx\", \"original\": \"fuzzy clustering zqx\" }"
                         ", { \"garbled\": \"woolly tangle zqy\", \"original\": \"fuzzy clustering zqy\" }"
                         ", { \"garbled\": \"fluffy zqz\", \"original\": \"fuzzy zqz\" }"
                         ", { \"garbled\": \"downy zqz\", \"original\": \"fuzzy zqz\" }"
                         ", { \"garbled\": \"furry zqz\", \"original\": \"fuzzy zqz\" }] }");
  pack_bytes = g_bytes_new (json->str, json->len);
  pack = unspin_phrase_pack_new_from_bytes (pack_bytes, "terms.json", &error);
  g_assert_no_error (error);
  word_map = unspin_thesaurus_new_from_bytes (map_bytes, "map.tsv", &error);
  g_assert_no_error (error);
  lm = unspin_lm_new_from_file (arpa_file, NULL, &error);
  g_assert_no_error (error);
  remove_temp (arpa);

  unspin_engine_set_model (engine, lm);
  unspin_engine_add_pack (engine, pack);
  unspin_engine_set_thesaurus (engine, NULL, word_map);
  return engine;
}

static UnspinEngine *
terms_engine (const char *pack_id)
{
  return terms_engine_with_model (pack_id, terms_arpa);
}

static void
test_term_vocabulary (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autoptr(UnspinEngine) other = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* Any other pack is not a term vocabulary: the word map's first candidate wins. */
  other = terms_engine ("tiny-terms");
  assert_proposes (other, "fleecy set", "fleecy", "woolly");

  /* The tortured-phrase pack's terms begin with "fuzzy", never "woolly". */
  terms = terms_engine ("tortured-phrases");
  edits = propose (terms, "fleecy set");
  edit = find_edit (edits, "fleecy");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "fuzzy");
  g_assert_true (g_str_has_prefix (edit->source, "model:tortured-words:"));
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* A weak candidate stays a suggestion in a term with nothing surely tortured... */
  edits = propose (terms, "set grouping");
  edit = find_edit (edits, "grouping");
  g_assert_true (edit == NULL || edit->confidence < UNSPIN_CONFIDENCE_HIGH);
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* ...and is applied in one where another word was changed with confidence. */
  edits = propose (terms, "fleecy grouping");
  edit = find_edit (edits, "fleecy");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "fuzzy");
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  edit = find_edit (edits, "grouping");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "clustering");
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* A swap the word map shows once is thin evidence: it stays a suggestion by a margin (about
   * 2.6 nats) that would apply another; shown twelve times, with the same words, it is applied. */
  assert_decided (terms, "fluffy set", "fluffy", "fuzzy", FALSE);
  assert_decided (terms, "downy set", "downy", "fuzzy", TRUE);
  /* A swap shown that often needs less: applied by a margin (about 1.5 nats) under margin_high. */
  assert_decided (terms, "furry set", "furry", "fuzzy", TRUE);

  /* In a sentence the vocabulary has no say. */
  assert_not_proposed (terms, "The fleecy set was there, they said.", "fleecy", "fuzzy");

  /* An article's headline, a first line with prose after it, is decided as a sentence too... */
  assert_not_proposed (terms, "fleecy set\n\nThe set was there, and they said so to all of us.\n", "fleecy", "fuzzy");

  /* ...with a byline between them too... */
  assert_not_proposed (terms, "fleecy set\nBy a reporter\n\nThe set was there, and they said so to all of us.\n", "fleecy", "fuzzy");

  /* ...but the first line of a list is a bare term still. */
  assert_proposes (terms, "fleecy set\nset grouping\n", "fleecy", "fuzzy");

  /* The model prefers "mesh"; "fuzzy clustering" is a pair of an established term. */
  assert_proposes (terms, "fuzzy tangle", "tangle", "clustering");

  /* A word the model does not know is weighed in a bare term when the word map lists it as
   * surely tortured... */
  edits = propose (terms, "floofy set");
  edit = find_edit (edits, "floofy");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "fuzzy");
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* ...and left alone in a sentence, as any word the map does not list. */
  assert_no_edit (terms, "The set was floofy, they said.", "floofy");
  assert_no_edit (terms, "zorbly set", "zorbly");

  /* A hyphenated compound the word map lists as a whole is one word there... */
  edits = propose (terms, "ill-disposed set");
  edit = find_edit (edits, "ill-disposed");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "adversarial");
  g_assert_true (g_str_has_prefix (edit->source, "model:tortured-words:"));
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* ...in a bare term only, and not as a part of a longer compound. */
  assert_no_edit (terms, "The set was ill-disposed, they said.", "ill-disposed");
  assert_no_edit (terms, "ill-disposed-set", "ill-disposed");

  /* A word of a hyphenated compound the word map does not list as a whole gets its candidates
   * on a bare term ("low-dormancy" for "low-latency")... */
  assert_proposes (terms, "fleecy-set", "fleecy", "fuzzy");
  /* ...not in a sentence, nor in a longer compound. */
  assert_no_edit (terms, "The fleecy-set was there, they said.", "fleecy");
  assert_no_edit (terms, "fleecy-set-set", "fleecy");

  /* A word of two letters gets the word map's candidates in a bare term when the map has seen
   * it replaced three times or more and never standing for itself ("pc" for "computer")... */
  assert_proposes (terms, "fz set", "fz", "fuzzy");
  /* ...not when seen less often, nor in a sentence. */
  assert_no_edit (terms, "fy set", "fy");
  assert_no_edit (terms, "The fz set was there, they said.", "fz");

  /* Words the word map lists together are one slot in a bare term ("set of rules" for
   * "algorithm")... */
  edits = propose (terms, "fuzzy mesh tangle");
  edit = find_edit (edits, "mesh tangle");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "clustering");
  g_assert_true (g_str_has_prefix (edit->source, "model:tortured-words:"));
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* ...and not in a sentence. */
  assert_no_edit (terms, "The mesh tangle was there, they said.", "mesh tangle");

  /* A bare term whose every word is an established term's own ("fuzzy clustering") is left
   * as it is, though the word map lists one of them and the model prefers its candidate. */
  edits = propose (terms, "fuzzy clustering");
  edit = find_edit (edits, "clustering");
  g_assert_true (edit == NULL || edit->confidence < UNSPIN_CONFIDENCE_HIGH);
  g_clear_pointer (&edits, g_ptr_array_unref);

  /* A word another pack lists gets the word map's candidates too in a bare term. */
  {
    const char *json = "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"news\", "
                       "\"name\": \"News\", \"version\": \"1\", \"license\": \"CC0-1.0\", \"entries\": ["
                       "{ \"garbled\": \"fleecy\", \"original\": \"woolly\", \"prior\": 0.4 } ] }";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(UnspinPhrasePack) news = unspin_phrase_pack_new_from_bytes (bytes, "news.json", &error);

    g_assert_no_error (error);
    unspin_engine_add_pack (terms, news);
    edits = propose (terms, "fleecy set");
    edit = find_edit (edits, "fleecy");
    g_assert_nonnull (edit);
    g_assert_cmpstr (edit->proposal, ==, "fuzzy");
    g_assert_true (g_str_has_prefix (edit->source, "model:tortured-words:"));
    g_clear_pointer (&edits, g_ptr_array_unref);
  }

  /* Another pack's sure entry is applied in a sentence, but not on a bare term whose words the
   * term vocabulary knows: there it is as likely an established term's own word. */
  {
    const char *json = "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"news\", "
                       "\"name\": \"News\", \"version\": \"1\", \"license\": \"CC0-1.0\", \"entries\": ["
                       "{ \"garbled\": \"clustering\", \"original\": \"grouping\", \"prior\": 0.95 } ] }";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(UnspinPhrasePack) news = unspin_phrase_pack_new_from_bytes (bytes, "news.json", &error);
    g_autoptr(UnspinEngine) both = terms_engine ("tortured-phrases");

    g_assert_no_error (error);
    unspin_engine_add_pack (both, news);
    edits = propose (both, "The clustering was there, they said.");
    edit = find_edit (edits, "clustering");
    g_assert_nonnull (edit);
    g_assert_cmpstr (edit->proposal, ==, "grouping");
    g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
    g_clear_pointer (&edits, g_ptr_array_unref);
    edits = propose (both, "fuzzy clustering");
    edit = find_edit (edits, "clustering");
    g_assert_true (edit == NULL || edit->confidence < UNSPIN_CONFIDENCE_HIGH);
  }
}

/* Writes @contents as a temporary dict-pairs.tsv and gives it to @engine; returns its path,
 * for remove_temp(). */
static char *
give_dict_pairs (UnspinEngine *engine,
                 const char   *contents)
{
  char *path = write_temp ("dict-pairs.tsv", contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  unspin_engine_set_dict_pairs (engine, file);
  return path;
}

/* Gives @terms a pairs file (format @format) in which "set clustering" is a pair of names and
 * "set mesh" one of text only, through @set: without it "set tangle" keeps "tangle"; a sentence
 * neither reads the file nor uses it; a bare term is changed to "set clustering", and the file
 * is then the data source @source. */
static void
assert_pairs_decide (UnspinEngine *terms,
                     void        (*set) (UnspinEngine *, GFile *),
                     const char   *source,
                     const char   *format)
{
  g_autofree char *contents = g_strdup_printf ("# %s 1\n# a comment\n"
                                               "set\tclustering|zorbly\tmesh\nzorbly\t\tset\n", format);
  g_autofree char *path = write_temp ("pairs.tsv", contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  assert_not_proposed (terms, "set tangle", "tangle", "clustering");
  set (terms, file);
  g_assert_false (has_source (terms, source));

  /* A sentence does not read the file nor use it. */
  assert_not_proposed (terms, "The set tangle was there, they said.", "tangle", "clustering");
  g_assert_false (has_source (terms, source));

  assert_proposes (terms, "set tangle", "tangle", "clustering");
  remove_temp (path);
  /* Once read, the file is one of the data sources. */
  g_assert_true (has_source (terms, source));
}

/* WordNet's word pairs weigh the candidates of a bare term with a tortured word, and only there;
 * the file is read when such a line first needs it. */
static void
test_wordnet_pairs (void)
{
  g_autoptr(UnspinEngine) terms = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "tangle" is tortured (seen only in a tortured phrase); the model prefers "mesh", and no
   * term goes "set clustering" or "set mesh"; WordNet has "set clustering" in a multiword
   * lemma. */
  terms = terms_engine ("tortured-phrases");
  assert_pairs_decide (terms, unspin_engine_set_term_pairs, "wordnet-pairs", "unspin-wordnet-pairs");
}

/* The Aiksaurus thesaurus gives its candidates on a bare term with a tortured word, and only
 * there, for words no established term has; the file is read when such a line first needs it. */
static void
test_aiksaurus (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) model = NULL;
  g_autofree char *path = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "fleecy" is surely tortured; nothing but Aiksaurus lists "mesh", which this model finds
   * most unlikely after "fuzzy", unlike "clustering". */
  model = g_string_new (terms_arpa);
  g_string_replace (model, "ngram 2=2", "ngram 2=3", 1);
  g_string_replace (model, "-2.2 mesh -0.3", "-9.0 mesh -0.3", 1);
  g_string_replace (model, "-0.3 set </s>\n", "-0.3 set </s>\n-0.1 fuzzy clustering\n", 1);
  terms = terms_engine_with_model ("tortured-phrases", model->str);
  assert_no_edit (terms, "fleecy mesh", "mesh");

  path = write_temp ("aiksaurus.tsv", "# unspin-reverse-thesaurus 1\n# a comment\n"
                                      "mesh\tgrouping|clustering\nfuzzy\twoolly\n");
  file = g_file_new_for_path (path);
  unspin_engine_set_aiksaurus (terms, file);
  assert_read_when_needed (terms, "aiksaurus", "The fleecy mesh was there, they said.", "set mesh",
                           "mesh");
  assert_term_edit (terms, "fleecy mesh", "mesh", "clustering", "aiksaurus", "Aiksaurus");
  remove_temp (path);

  /* An established term's own word ("fuzzy") gets no candidates from it. */
  assert_not_proposed (terms, "fuzzy fleecy", "fuzzy", "woolly");

  /* Once read, the file is one of the data sources. */
  g_assert_true (has_source (terms, "aiksaurus"));
}

/* The phrasal thesaurus gives one word for two to four words on a bare term with a tortured
 * word, and only there, when an established term has that word; the file is read when such a
 * line first needs it. */
static void
test_phrasal (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "woolly" is tortured (seen only in tortured phrases); nothing else lists "ill disposed". */
  terms = terms_engine ("tortured-phrases");
  assert_no_edit (terms, "woolly ill disposed", "ill disposed");

  path = write_temp ("phrasal.tsv", "# unspin-reverse-thesaurus 1\n# a comment\n"
                                      "ill disposed\tgrouping|clustering\nset mesh\tfuzzy\n");
  file = g_file_new_for_path (path);
  unspin_engine_set_phrasal (terms, file);
  assert_read_when_needed (terms, "phrasal-thesaurus", "The woolly ill disposed was there, they said.",
                           "set ill disposed", "ill disposed");
  /* "grouping" is no established term's word; "clustering" is. */
  assert_term_edit (terms, "woolly ill disposed", "ill disposed", "clustering", "phrasal-thesaurus",
                    "phrasal thesaurus");
  remove_temp (path);

  /* Once read, the file is one of the data sources. */
  g_assert_true (has_source (terms, "phrasal-thesaurus"));

  /* A word no established term has is never proposed, though the model would take it. */
  {
    g_autoptr(UnspinEngine) other = terms_engine ("tortured-phrases");
    g_autofree char *only = write_temp ("phrasal.tsv", "# unspin-reverse-thesaurus 1\n"
                                                         "ill disposed\tgrouping\n");
    g_autoptr(GFile) only_file = g_file_new_for_path (only);

    unspin_engine_set_phrasal (other, only_file);
    assert_not_proposed (other, "woolly ill disposed", "ill disposed", "grouping");
    remove_temp (only);
  }
}

/* A model where "the team won" is likelier than "the crew won" by about 13.6 nats, 6 of them
 * because "team" is the commoner word: not enough for the reverse thesaurus in clean text. */
static const char *light_arpa =
  "\\data\\\n"
  "ngram 1=10\n"
  "ngram 2=6\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-1.2 the -0.3\n"
  "-2.0 team -0.3\n"
  "-4.6 crew -0.3\n"
  "-2.5 won -0.3\n"
  "-2.0 result -0.3\n"
  "-1.8 has -0.3\n"
  "-3.0 actually -0.3\n"
  "-2.5 ended -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.3 <s> the\n"
  "-0.2 the team\n"
  "-0.2 team won\n"
  "-1.4 crew won\n"
  "-0.3 won </s>\n"
  "-0.5 the result\n"
  "\n"
  "\\end\\\n";

/* Lightly spun prose (a spinner's mark in a hundred words) gets more from the reverse thesaurus
 * than the density alone gives it; clean text, without marks, does not. */
static void
test_thesaurus_light_spin (void)
{
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) light = NULL;
  UnspinEdit *edit;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  engine = engine_from (light_arpa, "# unspin-reverse-thesaurus 1\ncrew\tteam\nended\tfinished\n");
  light = propose (engine, "The result has actually ended.\n\nThe crew won.");
  edit = find_edit (light, "crew");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "team");
  g_assert_cmpfloat (edit->confidence, >=, 0.8);

  /* The same words without the spinner's mark: left as they are, or only suggested. */
  clean = propose (engine, "The result has ended.\n\nThe crew won.");
  edit = find_edit (clean, "crew");
  g_assert_true (edit == NULL || edit->confidence < 0.8);
}

/* "the crew performed the test" is likely and "carried out" a rare pair of words there; in
 * multi_arpa_usual, "the crew carried out the test" is as usual as the other. */
static const char *multi_arpa =
  "\\data\\\n"
  "ngram 1=10\n"
  "ngram 2=6\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-1.2 the -0.3\n"
  "-2.0 crew -0.3\n"
  "-2.5 performed -0.3\n"
  "-4.0 carried -0.3\n"
  "-3.0 out -0.3\n"
  "-2.0 test -0.3\n"
  "-2.5 team -0.3\n"
  "-2.5 ended -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.3 <s> the\n"
  "-0.2 the crew\n"
  "-0.2 crew performed\n"
  "-0.2 performed the\n"
  "-0.2 the test\n"
  "-0.3 test </s>\n"
  "\n"
  "\\end\\\n";

static const char *multi_arpa_usual =
  "\\data\\\n"
  "ngram 1=10\n"
  "ngram 2=9\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-1.2 the -0.3\n"
  "-2.0 crew -0.3\n"
  "-2.5 performed -0.3\n"
  "-2.5 carried -0.3\n"
  "-2.0 out -0.3\n"
  "-2.0 test -0.3\n"
  "-2.5 team -0.3\n"
  "-2.5 ended -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.3 <s> the\n"
  "-0.2 the crew\n"
  "-0.01 crew performed\n"
  "-0.01 performed the\n"
  "-1.8 crew carried\n"
  "-1.4 carried out\n"
  "-1.4 out the\n"
  "-0.2 the test\n"
  "-0.3 test </s>\n"
  "\n"
  "\\end\\\n";

/* "the report was" and "the study was" are as likely; "written" is rare. */
static const char *multi_arpa_report =
  "\\data\\\n"
  "ngram 1=9\n"
  "ngram 2=6\n"
  "\n"
  "\\1-grams:\n"
  "-99 <s> -0.3\n"
  "-1.0 </s>\n"
  "-1.2 the -0.3\n"
  "-2.0 report -0.3\n"
  "-2.0 study -0.3\n"
  "-5.0 written -0.3\n"
  "-1.8 was -0.3\n"
  "-2.5 team -0.3\n"
  "-2.5 ended -0.3\n"
  "\n"
  "\\2-grams:\n"
  "-0.3 <s> the\n"
  "-0.3 the report\n"
  "-0.3 the study\n"
  "-0.3 report was\n"
  "-0.3 study was\n"
  "-0.3 was </s>\n"
  "\n"
  "\\end\\\n";

/* In a sentence, two words the multiword reverse thesaurus lists ("carried out" for
 * "performed") are one slot when the model finds them surprising, and left alone when it
 * expects them; the engine lists the file as a source. A candidate that is one of the span's
 * words gets multi_contained more. */
static void
test_multiword_prose (void)
{
  const char *multi_text = "# unspin-reverse-thesaurus 1\ncarried out\tperformed\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (multi_text, strlen (multi_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinThesaurus) multi = unspin_thesaurus_new_from_bytes (bytes, "multi.tsv", &error);
  g_autoptr(UnspinEngine) engine = NULL;
  g_autoptr(UnspinEngine) usual = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;

  g_assert_no_error (error);
  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  engine = engine_from (multi_arpa, "# unspin-reverse-thesaurus 1\ncrew\tteam\nended\tfinished\n");
  unspin_engine_set_multiword (engine, multi);
  edits = propose (engine, "The crew carried out the test.");
  edit = find_edit (edits, "carried out");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "performed");
  g_assert_cmpfloat (edit->confidence, >=, 0.8);
  g_assert_true (has_source (engine, "reverse-multiword"));
  /* Not inside quotation marks. */
  assert_no_edit (engine, "The crew said \"carried out the test\".", "carried out");

  /* Where the model expects the words, they are not tried, though it likes the other better. */
  usual = engine_from (multi_arpa_usual, "# unspin-reverse-thesaurus 1\ncrew\tteam\nended\tfinished\n");
  unspin_engine_set_multiword (usual, multi);
  assert_no_edit (usual, "The crew carried out the test.", "carried out");

  /* Of two candidates the model likes alike, the one that is a word of the span wins, though
   * listed second: "written report" is the thesaurus's longer name for a "report". */
  {
    const char *report_text = "# unspin-reverse-thesaurus 1\nwritten report\tstudy|report\n";
    g_autoptr(GBytes) report_bytes = g_bytes_new_static (report_text, strlen (report_text));
    g_autoptr(UnspinThesaurus) report = unspin_thesaurus_new_from_bytes (report_bytes, "report.tsv", &error);
    g_autoptr(UnspinEngine) reports = NULL;

    g_assert_no_error (error);
    reports = engine_from (multi_arpa_report, "# unspin-reverse-thesaurus 1\ncrew\tteam\nended\tfinished\n");
    unspin_engine_set_multiword (reports, report);
    assert_proposes (reports, "The written report was.", "written report", "report");
  }
}

/* The thesauri of the default data are read with the model: not without one, so a bad one is
 * reported when a model is loaded. */
static void
test_thesaurus_with_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("UNSPIN_DATA_DIR"));
  g_autofree char *rules_src = g_build_filename (saved, "rules", "page-debris.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("unspin-lazy-XXXXXX", &error);
  g_autofree char *packs = g_build_filename (dir, "packs", NULL);
  g_autofree char *rules_dir = g_build_filename (dir, "rules", NULL);
  g_autofree char *rules = g_build_filename (rules_dir, "page-debris.json", NULL);
  g_autofree char *thes_dir = g_build_filename (dir, "thesaurus", NULL);
  g_autofree char *thes = g_build_filename (thes_dir, "reverse-thesaurus.tsv", NULL);
  g_autofree char *arpa = write_temp ("lazy.arpa", tiny_arpa);
  g_autoptr(GFile) arpa_file = g_file_new_for_path (arpa);
  g_autofree char *contents = NULL;
  g_autoptr(UnspinEngine) bad = unspin_engine_new ();
  g_autoptr(UnspinEngine) good = unspin_engine_new ();
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;
  gsize len;

  g_assert_no_error (error);
  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      remove_temp (arpa);
      g_rmdir (dir);
      return;
    }
  g_assert_cmpint (g_mkdir (packs, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (rules_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (thes_dir, 0700), ==, 0);
  g_file_get_contents (rules_src, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (rules, contents, len, &error);
  g_assert_no_error (error);
  g_file_set_contents (thes, "not a thesaurus\n", -1, &error);
  g_assert_no_error (error);
  g_setenv ("UNSPIN_DATA_DIR", dir, TRUE);

  /* Without a model the bad thesaurus is never read... */
  g_assert_true (unspin_engine_load_default_data (bad, NULL, &error));
  g_assert_no_error (error);
  /* ...and with one it is bad data. */
  g_assert_false (unspin_engine_load_model (bad, arpa_file, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_nonnull (strstr (error->message, "reverse-thesaurus.tsv"));
  g_assert_false (unspin_engine_get_context_scoring (bad));
  g_clear_error (&error);

  /* A good one gives its candidates once the model is there. */
  g_file_set_contents (thes, tiny_thesaurus, -1, &error);
  g_assert_no_error (error);
  g_assert_true (unspin_engine_load_default_data (good, NULL, &error));
  g_assert_true (unspin_engine_load_model (good, arpa_file, NULL, &error));
  g_assert_no_error (error);
  edits = propose (good, "The officials said that an outcome was expected.");
  edit = find_edit (edits, "an outcome");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "a result");

  g_setenv ("UNSPIN_DATA_DIR", saved, TRUE);
  g_unlink (thes);
  g_unlink (rules);
  g_rmdir (thes_dir);
  g_rmdir (rules_dir);
  g_rmdir (packs);
  g_rmdir (dir);
  remove_temp (arpa);
}

/* The English model with the bundled data, when it is installed. */
static void
test_real_model (void)
{
  const char *path = unspin_lm_get_default_path ();
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  UnspinEdit *edit;

  if (!unspin_lm_is_supported () || path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the English model is not installed (pocketsphinx-en-us); set UNSPIN_LM_MODEL");
      return;
    }

  unspin_engine_load_default_data (engine, NULL, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  unspin_engine_load_model (engine, file, NULL, &error);
  g_assert_no_error (error);

  edits = propose (engine,
                   "The federal government has actually approved the strategies, authorities stated "
                   "on Tuesday. Individuals in the nation have actually long required the changes, "
                   "the representative stated.");
  edit = find_edit (edits, "has actually");
  g_assert_nonnull (edit);
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  edit = find_edit (edits, "authorities stated");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "officials said");
  g_assert_cmpfloat (edit->confidence, >=, UNSPIN_CONFIDENCE_HIGH);
  g_assert_nonnull (strstr (edit->reason, "model prefers"));
  /* A suggestion of the pack made sure by the context and the marks around it. */
  edit = find_edit (edits, "strategies");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "plans");
}

/* The computing dictionaries' word pairs weigh them too, read with WordNet's when a bare term
 * with a tortured word first needs them; a pair in a name more than one only their text has. */
static void
test_dict_pairs (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autofree char *path = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* FOLDOC names "set clustering"; its text only has "set mesh". */
  terms = terms_engine ("tortured-phrases");
  assert_pairs_decide (terms, unspin_engine_set_dict_pairs, "dict-pairs", "unspin-dict-pairs");

  /* "fleecy" is surely tortured and "fuzzy set" a term, but when the dictionaries name the line
   * as written too ("fleecy set"), it may be an established term: "fuzzy" is a suggestion. */
  {
    g_autoptr(UnspinEngine) named = terms_engine ("tortured-phrases");
    g_autoptr(GPtrArray) edits = NULL;
    UnspinEdit *edit;

    assert_proposes (named, "fleecy set", "fleecy", "fuzzy");
    path = give_dict_pairs (named, "# unspin-dict-pairs 1\nfleecy\tset\t\nfuzzy\tset\t\n");
    edits = propose (named, "fleecy set");
    edit = find_edit (edits, "fleecy");
    g_assert_true (edit == NULL || edit->confidence < UNSPIN_CONFIDENCE_HIGH);
    remove_temp (path);
  }
}

/* Scientific software's documentation's word pairs weigh them too, read with the dictionaries'
 * when a bare term with a tortured word first needs them; a pair seen often there (the first
 * list) more than one seen twice. */
static void
test_doc_pairs (void)
{
  g_autoptr(UnspinEngine) terms = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  terms = terms_engine ("tortured-phrases");
  assert_pairs_decide (terms, unspin_engine_set_doc_pairs, "doc-pairs", "unspin-doc-pairs");
}

/* A pairs file may name words the model lacks ("fourier" of "fourier transform"): such a word,
 * written beside a tortured one, weighs its candidates as a known word would. */
static void
test_pairs_unknown_word (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "zorbly" is no word of the tiny model's. */
  terms = terms_engine ("tortured-phrases");
  assert_not_proposed (terms, "zorbly tangle", "tangle", "clustering");
  path = write_temp ("doc-pairs.tsv", "# unspin-doc-pairs 1\nzorbly\tclustering\t\n");
  file = g_file_new_for_path (path);
  unspin_engine_set_doc_pairs (terms, file);
  assert_proposes (terms, "zorbly tangle", "tangle", "clustering");
  /* The pair counts in its order only. */
  assert_not_proposed (terms, "tangle zorbly", "tangle", "clustering");
  remove_temp (path);
}

/* The pairs weigh a bare term without a tortured word too once one of its words has a
 * candidate; a bare term with none does not read them. */
static void
test_fragment_pairs (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autofree char *path = NULL;
  UnspinEdit *edit;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "grouping" is not tortured (the pack has no term with it) and the model prefers it. */
  terms = terms_engine ("tortured-phrases");
  assert_not_proposed (terms, "set grouping", "grouping", "clustering");

  /* FOLDOC names "set clustering". */
  path = give_dict_pairs (terms, "# unspin-dict-pairs 1\nset\tclustering\t\n");

  /* A bare term with no candidate does not read the file. */
  assert_no_edit (terms, "zorbly set", "zorbly");
  g_assert_false (has_source (terms, "dict-pairs"));

  edits = propose (terms, "set grouping");
  edit = find_edit (edits, "grouping");
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->proposal, ==, "clustering");
  g_assert_true (has_source (terms, "dict-pairs"));
  remove_temp (path);
}

/* On a bare term with a tortured word, a pair kept as written that the pairs attest counts
 * more than one a candidate makes. */
static void
test_written_pairs (void)
{
  g_autoptr(UnspinEngine) terms = NULL;
  g_autofree char *path = NULL;

  if (!unspin_lm_is_supported ())
    {
      g_test_skip ("built without the Sphinx library");
      return;
    }

  /* "fuzzy clustering" is a pair of an established term. */
  terms = terms_engine ("tortured-phrases");
  assert_proposes (terms, "fuzzy tangle", "tangle", "clustering");

  /* The dictionaries name "fuzzy clustering"; their text has "fuzzy tangle". */
  path = give_dict_pairs (terms, "# unspin-dict-pairs 1\nfuzzy\tclustering\ttangle\n");
  assert_not_proposed (terms, "fuzzy tangle", "tangle", "clustering");
  remove_temp (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/context/pack-in-context", test_pack_in_context);
  g_test_add_func ("/unspin/context/thesaurus-and-anchors", test_thesaurus_and_anchors);
  g_test_add_func ("/unspin/context/consistency", test_consistency);
  g_test_add_func ("/unspin/context/own-word-cue", test_own_word_cue);
  g_test_add_func ("/unspin/context/thesaurus-light-spin", test_thesaurus_light_spin);
  g_test_add_func ("/unspin/context/multiword-prose", test_multiword_prose);
  g_test_add_func ("/unspin/context/term-vocabulary", test_term_vocabulary);
  g_test_add_func ("/unspin/context/thesaurus-with-model", test_thesaurus_with_model);
  g_test_add_func ("/unspin/context/wordnet-pairs", test_wordnet_pairs);
  g_test_add_func ("/unspin/context/aiksaurus", test_aiksaurus);
  g_test_add_func ("/unspin/context/phrasal", test_phrasal);
  g_test_add_func ("/unspin/context/dict-pairs", test_dict_pairs);
  g_test_add_func ("/unspin/context/doc-pairs", test_doc_pairs);
  g_test_add_func ("/unspin/context/pairs-unknown-word", test_pairs_unknown_word);
  g_test_add_func ("/unspin/context/fragment-pairs", test_fragment_pairs);
  g_test_add_func ("/unspin/context/written-pairs", test_written_pairs);
  g_test_add_func ("/unspin/context/user-packs", test_user_packs);
  g_test_add_func ("/unspin/context/bad-model", test_bad_model);
  g_test_add_func ("/unspin/context/cli-model-options", test_cli_model_options);
  g_test_add_func ("/unspin/context/real-model", test_real_model);

  return g_test_run ();
}
