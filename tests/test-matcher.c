/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-matcher.h"

static UnspinPhrasePack *
make_pack (const char *id,
           const char *entries)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UnspinPhrasePack *pack;

  json = g_strdup_printf ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1,"
                          "  \"id\": \"%s\", \"name\": \"Test\", \"version\": \"1\","
                          "  \"license\": \"CC0-1.0\", \"entries\": %s }", id, entries);
  bytes = g_bytes_new (json, strlen (json));
  pack = unspin_phrase_pack_new_from_bytes (bytes, id, &error);
  g_assert_no_error (error);
  return pack;
}

static UnspinMatcher *
make_matcher (const char *entries)
{
  g_autoptr(UnspinPhrasePack) pack = make_pack ("test", entries);
  UnspinMatcher *matcher = unspin_matcher_new ();

  unspin_matcher_add_pack (matcher, pack);
  return matcher;
}

/* The matched spans of @text, as "span=first original" joined by " | ". */
static char *
find (UnspinMatcher *matcher,
      const char    *text)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (UnspinMatch));
  g_autoptr(GString) out = g_string_new (NULL);
  const UnspinToken *t;

  unspin_tokenize (text, 0, strlen (text), tokens);
  unspin_matcher_find (matcher, text, (const UnspinToken *) tokens->data, tokens->len, matches);
  t = (const UnspinToken *) tokens->data;

  for (guint i = 0; i < matches->len; i++)
    {
      const UnspinMatch *m = &g_array_index (matches, UnspinMatch, i);

      g_assert_cmpuint (m->token_start, <, m->token_end);
      g_assert_cmpuint (m->token_end, <=, tokens->len);
      if (i > 0)
        {
          g_assert_cmpuint (m->token_start, >=, g_array_index (matches, UnspinMatch, i - 1).token_end);
          g_string_append (out, " | ");
        }
      g_string_append_len (out, text + t[m->token_start].start,
                           t[m->token_end - 1].end - t[m->token_start].start);
      g_string_append_printf (out, "=%s", m->entry->originals[0]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_finds(matcher, text, expected) \
  G_STMT_START { \
    g_autofree char *found__ = find ((matcher), (text)); \
    g_assert_cmpstr (found__, ==, (expected)); \
  } G_STMT_END

static void
test_single_word (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher ("[ { \"garbled\": \"numerous\", \"original\": \"many\" } ]");

  g_assert_cmpuint (unspin_matcher_get_n_phrases (m), ==, 1);
  assert_finds (m, "There were numerous cats.", "numerous=many");
  assert_finds (m, "numerous numerous", "numerous=many | numerous=many");
  assert_finds (m, "innumerous numerously", "");
  assert_finds (m, "", "");
}

static void
test_multiword (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"healthcare facility\", \"original\": \"hospital\" },"
    "  { \"garbled\": \"has actually\", \"original\": \"has\" } ]");

  assert_finds (m, "She has actually gone to the healthcare   facility.",
                "has actually=has | healthcare   facility=hospital");
  assert_finds (m, "a healthcare worker at the facility", "");
  /* A line break is whitespace like any other. */
  assert_finds (m, "the healthcare\nfacility", "healthcare\nfacility=hospital");
}

static void
test_longest_first (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },"
    "  { \"garbled\": \"federal government authorities\", \"original\": \"officials\" },"
    "  { \"garbled\": \"federal\", \"original\": \"\" } ]");

  g_assert_cmpuint (unspin_matcher_get_n_phrases (m), ==, 3);
  assert_finds (m, "The federal government authorities said the federal government agreed.",
                "federal government authorities=officials | federal government=government");
  assert_finds (m, "federal government workers, federal workers",
                "federal government=government | federal=");
}

static void
test_case_insensitive (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"Federal government\", \"original\": \"government\" } ]");

  assert_finds (m, "FEDERAL Government", "FEDERAL Government=government");
  assert_finds (m, "federal GOVERNMENT", "federal GOVERNMENT=government");
}

static void
test_apostrophe (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"nation's leaders\", \"original\": \"country's leaders\" },"
    "  { \"garbled\": \"didn’t\", \"original\": \"did not\" } ]");

  assert_finds (m, "the nation’s leaders", "nation’s leaders=country's leaders");
  assert_finds (m, "the Nation's leaders", "Nation's leaders=country's leaders");
  assert_finds (m, "they didn't and DIDN’T", "didn't=did not | DIDN’T=did not");
  assert_finds (m, "the nation leaders", "");
}

static void
test_non_overlapping (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"big red\", \"original\": \"large red\" },"
    "  { \"garbled\": \"red car\", \"original\": \"red automobile\" } ]");

  assert_finds (m, "a big red car", "big red=large red");
  assert_finds (m, "a red car and a big red", "red car=red automobile | big red=large red");
}

static void
test_prefix_without_phrase (void)
{
  /* "quite large" is a path through "quite large amount" but not a phrase itself. */
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"quite large amount\", \"original\": \"lot\" },"
    "  { \"garbled\": \"large\", \"original\": \"big\" } ]");

  assert_finds (m, "a quite large house", "large=big");
  assert_finds (m, "a quite large amount", "quite large amount=lot");
}

static void
test_context_before (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"stated\", \"original\": \"said\","
    "    \"context\": { \"not_before\": [\"the\", \"as\"] } },"
    "  { \"garbled\": \"likewise\", \"original\": \"also\","
    "    \"context\": { \"before\": [\"\", \",\", \"he\"] } } ]");

  assert_finds (m, "She stated that the stated aim, as stated, failed.", "stated=said");
  assert_finds (m, "Likewise, he likewise ran, likewise. Then likewise",
                "Likewise=also | likewise=also | likewise=also");
}

static void
test_context_after (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"declaration\", \"original\": \"statement\","
    "    \"context\": { \"after\": [\"that\", \"\"], \"not_before\": [\"the\"] } },"
    "  { \"garbled\": \"outcomes\", \"original\": \"results\","
    "    \"context\": { \"not_after\": [\"of\", \".\"] } } ]");

  assert_finds (m, "a declaration that, the declaration that, a declaration of, a declaration",
                "declaration=statement | declaration=statement");
  assert_finds (m, "outcomes of outcomes. outcomes were outcomes",
                "outcomes=results | outcomes=results");
}

static void
test_context_near (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"caution\", \"original\": \"warning\","
    "    \"context\": { \"near\": [\"issued\", \"gave\"], \"window\": 3 } },"
    "  { \"garbled\": \"power\", \"original\": \"energy\","
    "    \"context\": { \"not_near\": [\"political\", \"party\"], \"window\": 2 } } ]");

  assert_finds (m, "They issued a caution", "caution=warning");
  assert_finds (m, "a caution was issued", "caution=warning");
  /* Punctuation counts as a position: "issued" is four tokens away here. */
  assert_finds (m, "issued , , a caution", "");
  assert_finds (m, "use caution", "");
  assert_finds (m, "solar power plants", "power=energy");
  assert_finds (m, "political power", "");
  assert_finds (m, "power of the party", "power=energy");
  assert_finds (m, "power of party", "");
}

static void
test_context_fallback (void)
{
  /* When the longer phrase's context fails, the shorter one at the same place still matches. */
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },"
    "  { \"garbled\": \"federal government agencies\", \"original\": \"agencies\","
    "    \"context\": { \"not_before\": [\"two\"] } } ]");

  assert_finds (m, "the federal government agencies", "federal government agencies=agencies");
  assert_finds (m, "two federal government agencies", "federal government=government");
}

static void
test_token_range (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"likewise\", \"original\": \"also\","
    "    \"context\": { \"before\": [\"\"] } } ]");
  const char *text = "first likewise\nlikewise second";
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (UnspinMatch));
  const UnspinToken *t;

  unspin_tokenize (text, 0, strlen (text), tokens);
  t = (const UnspinToken *) tokens->data;

  /* Over the whole text, the second "likewise" has a word before it. */
  unspin_matcher_find (m, text, t, tokens->len, matches);
  g_assert_cmpuint (matches->len, ==, 0);

  /* Over its own paragraph, it starts the range; matches keep the indices passed in. */
  unspin_matcher_find (m, text, t + 2, 2, matches);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpuint (g_array_index (matches, UnspinMatch, 0).token_start, ==, 0);
  g_assert_cmpuint (g_array_index (matches, UnspinMatch, 0).token_end, ==, 1);
}

static void
test_first_pack_wins (void)
{
  g_autoptr(UnspinPhrasePack) user = make_pack ("user", "[ { \"garbled\": \"Nation\", \"original\": \"state\" } ]");
  g_autoptr(UnspinPhrasePack) bundled = make_pack ("bundled",
    "[ { \"garbled\": \"nation\", \"original\": \"country\" },"
    "  { \"garbled\": \"individuals\", \"original\": \"people\" } ]");
  g_autoptr(UnspinMatcher) m = unspin_matcher_new ();
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (UnspinMatch));
  const char *text = "the nation's individuals and the nation";

  unspin_matcher_add_pack (m, user);
  unspin_matcher_add_pack (m, bundled);
  g_assert_cmpuint (unspin_matcher_get_n_phrases (m), ==, 2);
  assert_finds (m, text, "individuals=people | nation=state");

  unspin_tokenize (text, 0, strlen (text), tokens);
  unspin_matcher_find (m, text, (const UnspinToken *) tokens->data, tokens->len, matches);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_true (g_array_index (matches, UnspinMatch, 0).pack == bundled);
  g_assert_cmpuint (g_array_index (matches, UnspinMatch, 0).entry->index, ==, 1);
  g_assert_true (g_array_index (matches, UnspinMatch, 1).pack == user);
  g_assert_cmpuint (g_array_index (matches, UnspinMatch, 1).entry->index, ==, 0);
}

static void
test_end_of_tokens (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },"
    "  { \"garbled\": \"countless\", \"original\": \"many\" } ]");

  assert_finds (m, "run by the federal government", "federal government=government");
  assert_finds (m, "run by the federal", "");
  assert_finds (m, "countless", "countless=many");
}

static void
test_punctuation (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"U.S. authorities\", \"original\": \"U.S. officials\" },"
    "  { \"garbled\": \"well-being\", \"original\": \"health\" } ]");

  assert_finds (m, "The U.S. authorities said", "U.S. authorities=U.S. officials");
  assert_finds (m, "the u.s. Authorities", "u.s. Authorities=U.S. officials");
  /* Whitespace is not a token, so spacing inside the phrase does not matter. */
  assert_finds (m, "the U. S. authorities", "U. S. authorities=U.S. officials");
  assert_finds (m, "the US authorities", "");
  assert_finds (m, "their well-being and well being", "well-being=health");
}

static void
test_multibyte (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"naïve approach\", \"original\": \"simple approach\" },"
    "  { \"garbled\": \"Über\", \"original\": \"over\" } ]");

  assert_finds (m, "a naïve approach", "naïve approach=simple approach");
  assert_finds (m, "a NAÏVE Approach", "NAÏVE Approach=simple approach");
  assert_finds (m, "a naive approach", "");
  assert_finds (m, "über ÜBER uber", "über=over | ÜBER=over");
}

static void
test_ascii_folding (void)
{
  /* Lengths around the matcher's 8-byte steps, and the characters beside A-Z and a-z. */
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"abcdefg\", \"original\": \"7\" },"
    "  { \"garbled\": \"abcdefgh\", \"original\": \"8\" },"
    "  { \"garbled\": \"abcdefghi\", \"original\": \"9\" },"
    "  { \"garbled\": \"Internationalisation\", \"original\": \"20\" },"
    "  { \"garbled\": \"@\", \"original\": \"at\" },"
    "  { \"garbled\": \"[\", \"original\": \"bracket\" } ]");

  assert_finds (m, "ABCDEFG AbcdefGH abcdefghI INTERNATIONALISATION x",
                "ABCDEFG=7 | AbcdefGH=8 | abcdefghI=9 | INTERNATIONALISATION=20");
  /* The same words last in the text, where fewer than eight bytes may follow. */
  assert_finds (m, "ABCDEFG", "ABCDEFG=7");
  assert_finds (m, "x AbcdefGH", "AbcdefGH=8");
  assert_finds (m, "x abcdefghI", "abcdefghI=9");
  assert_finds (m, "internationalisatioN", "internationalisatioN=20");
  assert_finds (m, "abcdefghij abcdef internationalisations", "");
  assert_finds (m, "` @ { [ ^", "@=at | [=bracket");
}

static void
test_long_token (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher ("[ { \"garbled\": \"numerous\", \"original\": \"many\" } ]");
  g_autofree char *long_word = g_strnfill (1000, 'x');
  g_autofree char *text = g_strconcat ("numerous ", long_word, " numerous", NULL);

  assert_finds (m, text, "numerous=many | numerous=many");
}

static void
test_empty_matcher (void)
{
  g_autoptr(UnspinMatcher) m = unspin_matcher_new ();

  g_assert_cmpuint (unspin_matcher_get_n_phrases (m), ==, 0);
  assert_finds (m, "nothing to find here", "");
}

/* A generated text of a few thousand paragraphs; the expected matches follow from how it is
 * built. Not timed here: see the report for throughput. */
static const char * const filler_words[] = {
  "the", "report", "was", "published", "on", "Monday", "and", "it", "covers", "rain", ",",
  "wind", "of", "2024", "in", "a", "small", "town", ".", "Residents", "asked", "for", "help",
};

static char *
generate_text (guint  n_paragraphs,
               guint *n_expected)
{
  GString *text = g_string_new (NULL);
  guint32 seed = 12345;

  *n_expected = 0;
  for (guint p = 0; p < n_paragraphs; p++)
    {
      for (guint w = 0; w < 60; w++)
        {
          seed = seed * 1103515245 + 12345;
          if ((seed >> 16) % 20 == 0)
            {
              g_string_append (text, (seed >> 8) % 2 ? "federal government " : "numerous ");
              (*n_expected)++;
            }
          else
            {
              g_string_append (text, filler_words[(seed >> 16) % G_N_ELEMENTS (filler_words)]);
              g_string_append_c (text, ' ');
            }
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static guint
count_matches (UnspinMatcher *m,
               const char    *text)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (UnspinMatch));
  const char *line = text;

  /* Paragraph by paragraph, as the engine calls it. */
  while (*line != '\0')
    {
      const char *nl = strchr (line, '\n');
      gsize end = nl ? (gsize) (nl - text) : strlen (text);

      g_array_set_size (tokens, 0);
      unspin_tokenize (text, line - text, end, tokens);
      unspin_matcher_find (m, text, (const UnspinToken *) tokens->data, tokens->len, matches);
      line = nl ? nl + 1 : text + end;
    }

  return matches->len;
}

static void
test_generated_text (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },"
    "  { \"garbled\": \"federal government agencies\", \"original\": \"agencies\" },"
    "  { \"garbled\": \"numerous\", \"original\": \"many\" },"
    "  { \"garbled\": \"rain of\", \"original\": \"rain from\", \"context\": { \"near\": [\"monsoon\"] } } ]");
  guint n_expected;
  g_autofree char *text = generate_text (2000, &n_expected);

  g_assert_cmpuint (count_matches (m, text), ==, n_expected);
}

typedef struct {
  UnspinMatcher *matcher;
  const char    *text;
} ThreadData;

static gpointer
thread_count (gpointer user_data)
{
  ThreadData *data = user_data;

  return GUINT_TO_POINTER (count_matches (data->matcher, data->text));
}

static void
test_threads (void)
{
  g_autoptr(UnspinMatcher) m = make_matcher (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },"
    "  { \"garbled\": \"numerous\", \"original\": \"many\" } ]");
  guint n_expected;
  g_autofree char *text = generate_text (500, &n_expected);
  ThreadData data = { m, text };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("matcher", thread_count, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, n_expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/matcher/single-word", test_single_word);
  g_test_add_func ("/unspin/matcher/multiword", test_multiword);
  g_test_add_func ("/unspin/matcher/longest-first", test_longest_first);
  g_test_add_func ("/unspin/matcher/case-insensitive", test_case_insensitive);
  g_test_add_func ("/unspin/matcher/apostrophe", test_apostrophe);
  g_test_add_func ("/unspin/matcher/non-overlapping", test_non_overlapping);
  g_test_add_func ("/unspin/matcher/prefix-without-phrase", test_prefix_without_phrase);
  g_test_add_func ("/unspin/matcher/context-before", test_context_before);
  g_test_add_func ("/unspin/matcher/context-after", test_context_after);
  g_test_add_func ("/unspin/matcher/context-near", test_context_near);
  g_test_add_func ("/unspin/matcher/context-fallback", test_context_fallback);
  g_test_add_func ("/unspin/matcher/token-range", test_token_range);
  g_test_add_func ("/unspin/matcher/first-pack-wins", test_first_pack_wins);
  g_test_add_func ("/unspin/matcher/end-of-tokens", test_end_of_tokens);
  g_test_add_func ("/unspin/matcher/punctuation", test_punctuation);
  g_test_add_func ("/unspin/matcher/multibyte", test_multibyte);
  g_test_add_func ("/unspin/matcher/ascii-folding", test_ascii_folding);
  g_test_add_func ("/unspin/matcher/long-token", test_long_token);
  g_test_add_func ("/unspin/matcher/empty", test_empty_matcher);
  g_test_add_func ("/unspin/matcher/generated-text", test_generated_text);
  g_test_add_func ("/unspin/matcher/threads", test_threads);

  return g_test_run ();
}
