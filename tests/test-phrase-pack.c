/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "unspin-error.h"
#include "unspin-phrase-pack.h"

#define PACK_HEADER \
  "{\n" \
  "  \"schema\": \"unspin-phrase-pack\",\n" \
  "  \"schema_version\": 1,\n" \
  "  \"id\": \"test-pack\",\n" \
  "  \"name\": \"Test pack\",\n" \
  "  \"version\": \"0.1\",\n" \
  "  \"license\": \"CC0-1.0\",\n"

/* A pack with the usual header around @entries (the JSON text of the "entries" value). */
static GBytes *
pack_bytes (const char *entries)
{
  char *json = g_strdup_printf (PACK_HEADER "  \"entries\": %s\n}\n", entries);

  return g_bytes_new_take (json, strlen (json));
}

static UnspinPhrasePack *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return unspin_phrase_pack_new_from_bytes (bytes, "test.json", error);
}

/* Loading must fail with UNSPIN_ERROR_BAD_PACK and a message that holds every fragment. */
static void
assert_bad_entries (const char *entries,
                    ...)
{
  g_autoptr(GBytes) bytes = pack_bytes (entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;
  const char *fragment;
  va_list args;

  pack = unspin_phrase_pack_new_from_bytes (bytes, "test.json", &error);
  g_assert_null (pack);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, "test.json: "));

  va_start (args, entries);
  while ((fragment = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” is not in the message “%s”", fragment, error->message);
  va_end (args);
}

static void
assert_bad_pack (const char *json,
                 const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = load_string (json, &error);

  g_assert_null (pack);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, "test.json: "));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” is not in the message “%s”", fragment, error->message);
}

static void
test_load_valid (void)
{
  const char *json =
    PACK_HEADER
    "  \"attribution\": \"Written for the tests\",\n"
    "  \"description\": \"Phrases made up for the tests.\",\n"
    "  \"default_prior\": 0.6,\n"
    "  \"homepage\": \"ignored: unknown top-level keys are allowed\",\n"
    "  \"entries\": [\n"
    "    { \"garbled\": \"Federal  government\", \"original\": \"government\", \"prior\": 0.9 },\n"
    "    { \"garbled\": \"stated\", \"original\": [\"said\", \"told\"], \"prior\": 1,\n"
    "      \"context\": { \"not_before\": [\"The\", \"a\"], \"before\": [\"\", \",\"] } },\n"
    "    { \"garbled\": \"the U.S. nation’s\", \"original\": \"the country's\",\n"
    "      \"note\": \"a made-up note\",\n"
    "      \"context\": { \"near\": [\"Citizens\"], \"not_near\": [\"Nation’s\"], \"window\": 6,\n"
    "                   \"after\": [\"economy\"], \"not_after\": [\"\"] } },\n"
    "    { \"garbled\": \"has actually\", \"original\": \"\" }\n"
    "  ]\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;
  g_autofree char *sha256 = NULL;
  const UnspinPackEntry *entry;
  const char * const us_tokens[] = { "the", "u", ".", "s", ".", "nation's", NULL };

  pack = unspin_phrase_pack_new_from_bytes (bytes, "test.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);

  g_assert_cmpstr (unspin_phrase_pack_get_id (pack), ==, "test-pack");
  g_assert_cmpstr (unspin_phrase_pack_get_name (pack), ==, "Test pack");
  g_assert_cmpstr (unspin_phrase_pack_get_version (pack), ==, "0.1");
  g_assert_cmpstr (unspin_phrase_pack_get_license (pack), ==, "CC0-1.0");
  g_assert_cmpstr (unspin_phrase_pack_get_attribution (pack), ==, "Written for the tests");
  g_assert_cmpuint (unspin_phrase_pack_get_n_entries (pack), ==, 4);

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) json, strlen (json));
  g_assert_cmpstr (unspin_phrase_pack_get_sha256 (pack), ==, sha256);

  entry = unspin_phrase_pack_get_entry (pack, 0);
  g_assert_cmpuint (entry->index, ==, 0);
  g_assert_cmpstr (entry->garbled, ==, "Federal  government");
  g_assert_cmpuint (g_strv_length (entry->originals), ==, 1);
  g_assert_cmpstr (entry->originals[0], ==, "government");
  g_assert_cmpfloat_with_epsilon (entry->prior, 0.9, 1e-9);
  g_assert_null (entry->note);
  g_assert_cmpuint (entry->n_tokens, ==, 2);
  g_assert_cmpstr (entry->tokens[0], ==, "federal");
  g_assert_cmpstr (entry->tokens[1], ==, "government");
  g_assert_null (entry->before);
  g_assert_null (entry->near);
  g_assert_cmpuint (entry->window, ==, 4);

  entry = unspin_phrase_pack_get_entry (pack, 1);
  g_assert_cmpuint (entry->index, ==, 1);
  g_assert_cmpuint (g_strv_length (entry->originals), ==, 2);
  g_assert_cmpstr (entry->originals[1], ==, "told");
  g_assert_cmpfloat (entry->prior, ==, 1.0);
  g_assert_cmpstrv (entry->not_before, ((const char * const[]) { "the", "a", NULL }));
  g_assert_cmpstrv (entry->before, ((const char * const[]) { "", ",", NULL }));
  g_assert_null (entry->after);

  entry = unspin_phrase_pack_get_entry (pack, 2);
  g_assert_cmpuint (entry->n_tokens, ==, 6);
  g_assert_cmpstrv (entry->tokens, us_tokens);
  g_assert_cmpfloat_with_epsilon (entry->prior, 0.6, 1e-9);
  g_assert_cmpstr (entry->note, ==, "a made-up note");
  g_assert_cmpuint (entry->window, ==, 6);
  g_assert_cmpstrv (entry->near, ((const char * const[]) { "citizens", NULL }));
  g_assert_cmpstrv (entry->not_near, ((const char * const[]) { "nation's", NULL }));
  g_assert_cmpstrv (entry->after, ((const char * const[]) { "economy", NULL }));
  g_assert_cmpstrv (entry->not_after, ((const char * const[]) { "", NULL }));

  entry = unspin_phrase_pack_get_entry (pack, 3);
  g_assert_cmpstr (entry->originals[0], ==, "");
  g_assert_cmpfloat_with_epsilon (entry->prior, 0.6, 1e-9);
}

static void
test_default_prior (void)
{
  g_autoptr(GBytes) bytes = pack_bytes ("[ { \"garbled\": \"numerous\", \"original\": \"many\" } ]");
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;

  pack = unspin_phrase_pack_new_from_bytes (bytes, "test.json", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (unspin_phrase_pack_get_entry (pack, 0)->prior, 0.85, 1e-9);
  g_assert_null (unspin_phrase_pack_get_attribution (pack));
}

static void
test_load_file (void)
{
  g_autoptr(GBytes) bytes = pack_bytes ("[ { \"garbled\": \"numerous\", \"original\": \"many\" } ]");
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *sha256 = NULL;

  dir = g_dir_make_tmp ("unspin-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "pack.json", NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  pack = unspin_phrase_pack_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (unspin_phrase_pack_get_sha256 (pack), ==, sha256);

  /* Schema errors from a file name the file by its path. */
  bad_path = g_build_filename (dir, "bad.json", NULL);
  g_file_set_contents (bad_path, "{ \"schema\": \"unspin-phrase-pack\" ", -1, &error);
  g_assert_no_error (error);
  bad_file = g_file_new_for_path (bad_path);
  g_clear_object (&pack);
  pack = unspin_phrase_pack_new_from_file (bad_file, NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, bad_path));

  g_unlink (bad_path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/unspin/missing-pack.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;

  pack = unspin_phrase_pack_new_from_file (file, NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/unspin/missing-pack.json: "));
}

static void
test_invalid_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;

  pack = load_string ("{\n  \"schema\": \"unspin-phrase-pack\",\n  \"id\": }\n", &error);
  g_assert_null (pack);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, "test.json: not valid JSON: "));
  /* json-glib gives the line and column of the fault. */
  g_assert_nonnull (strstr (error->message, "3:"));

  assert_bad_pack ("", "empty");
  assert_bad_pack ("[1, 2]", "top level must be a JSON object");
}

static void
test_header (void)
{
  assert_bad_pack ("{ \"schema\": \"something-else\", \"schema_version\": 1 }",
                   "\"schema\" must be \"unspin-phrase-pack\"");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 2 }",
                   "schema version 2 is newer");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": \"1\" }",
                   "\"schema_version\" must be a whole number");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1 }",
                   "\"id\" is missing");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, "
                   "\"id\": \"News_Pack\", \"name\": \"n\", \"version\": \"1\", "
                   "\"license\": \"CC0-1.0\", \"entries\": [] }",
                   "\"id\" must use only lower-case letters");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, "
                   "\"id\": \"news\", \"name\": 3, \"version\": \"1\", "
                   "\"license\": \"CC0-1.0\", \"entries\": [] }",
                   "\"name\" must be a string");
  assert_bad_pack ("{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, "
                   "\"id\": \"news\", \"name\": \"n\", \"version\": \"1\", "
                   "\"license\": \"CC0-1.0\", \"default_prior\": 1.5, \"entries\": [] }",
                   "\"default_prior\" must be a number between 0 and 1");
}

static void
test_missing_entries (void)
{
  assert_bad_pack (PACK_HEADER "  \"description\": \"no entries\"\n}\n", "\"entries\" is missing");
  assert_bad_entries ("[]", "\"entries\" must be a non-empty array", NULL);
  assert_bad_entries ("{ \"garbled\": \"x\" }", "\"entries\" must be a non-empty array", NULL);
  assert_bad_entries ("[ \"numerous\" ]", "entry 0: must be an object", NULL);
}

static void
test_bad_original (void)
{
  assert_bad_entries ("[ { \"garbled\": \"numerous\", \"original\": \"many\" },\n"
                      "  { \"garbled\": \"countless\", \"original\": 7 } ]",
                      "entry 1 (“countless”): ",
                      "\"original\" must be a string or a non-empty array of strings", NULL);
  assert_bad_entries ("[ { \"garbled\": \"countless\", \"original\": [] } ]",
                      "entry 0 (“countless”): \"original\" must be", NULL);
  assert_bad_entries ("[ { \"garbled\": \"countless\", \"original\": [\"many\", null] } ]",
                      "entry 0 (“countless”): \"original\" must be", NULL);
  assert_bad_entries ("[ { \"garbled\": \"countless\" } ]",
                      "entry 0 (“countless”): \"original\" is missing", NULL);
}

static void
test_bad_prior (void)
{
  assert_bad_entries ("[ { \"garbled\": \"numerous\", \"original\": \"many\" },\n"
                      "  { \"garbled\": \"federal government\", \"original\": \"government\","
                      " \"prior\": 1.2 } ]",
                      "test.json: entry 1 (“federal government”): "
                      "\"prior\" must be a number between 0 and 1", NULL);
  assert_bad_entries ("[ { \"garbled\": \"numerous\", \"original\": \"many\", \"prior\": -0.1 } ]",
                      "entry 0 (“numerous”): \"prior\" must be a number between 0 and 1", NULL);
  assert_bad_entries ("[ { \"garbled\": \"numerous\", \"original\": \"many\", \"prior\": \"high\" } ]",
                      "entry 0 (“numerous”): \"prior\" must be a number", NULL);
}

static void
test_bad_context (void)
{
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"befor\": [\"the\"] } } ]",
                      "entry 0 (“stated”): ", "unknown key \"befor\" in \"context\"", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": [\"the\"] } ]",
                      "entry 0 (“stated”): \"context\" must be an object", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": \"the\" } } ]",
                      "entry 0 (“stated”): \"context\" \"near\" must be a non-empty array", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"after\": [] } } ]",
                      "\"context\" \"after\" must be a non-empty array", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": [\"the town\"] } } ]",
                      "\"context\" \"near\": “the town” is not a single word", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": [\"\"] } } ]",
                      "\"context\" \"near\": “” is not a single word", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": [\"x\"], \"window\": 0 } } ]",
                      "\"window\" must be a whole number from 1 to 100", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": [\"x\"], \"window\": 101 } } ]",
                      "\"window\" must be a whole number from 1 to 100", NULL);
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"original\": \"said\","
                      " \"context\": { \"near\": [\"x\"], \"window\": 2.5 } } ]",
                      "\"window\" must be a whole number from 1 to 100", NULL);
}

static void
test_unknown_entry_key (void)
{
  assert_bad_entries ("[ { \"garbled\": \"stated\", \"orignal\": \"said\" } ]",
                      "entry 0 (“stated”): unknown key \"orignal\"", NULL);
}

static void
test_duplicate_garbled (void)
{
  assert_bad_entries ("[ { \"garbled\": \"federal government\", \"original\": \"government\" },\n"
                      "  { \"garbled\": \"numerous\", \"original\": \"many\" },\n"
                      "  { \"garbled\": \"Federal   GOVERNMENT\", \"original\": \"state\" } ]",
                      "entry 2 (“Federal   GOVERNMENT”)",
                      "entry 0 (“federal government”)", NULL);
  /* Apostrophes fold, so these are the same phrase too. */
  assert_bad_entries ("[ { \"garbled\": \"nation's\", \"original\": \"country's\" },\n"
                      "  { \"garbled\": \"nation’s\", \"original\": \"country's\" } ]",
                      "entry 1 (“nation’s”)", "entry 0 (“nation's”)", NULL);
}

static void
test_bad_garbled (void)
{
  assert_bad_entries ("[ { \"garbled\": \"\", \"original\": \"said\" } ]",
                      "entry 0: \"garbled\" must not be empty", NULL);
  assert_bad_entries ("[ { \"garbled\": \"   \", \"original\": \"said\" } ]",
                      "entry 0 (“   ”): \"garbled\" must hold at least one word", NULL);
  assert_bad_entries ("[ { \"original\": \"said\" } ]",
                      "entry 0: \"garbled\" is missing", NULL);
  assert_bad_entries ("[ { \"garbled\": [\"stated\"], \"original\": \"said\" } ]",
                      "entry 0: \"garbled\" must be a string", NULL);
  assert_bad_entries ("[ { \"garbled\": \"one two three four five six seven eight nine\","
                      " \"original\": \"x\" } ]",
                      "\"garbled\" has 9 tokens; at most 8", NULL);
}

static void
test_transfer_case (void)
{
  static const struct {
    const char *garbled;
    const char *proposal;
    const char *expected;
  } cases[] = {
    { "federal government", "government", "government" },
    { "Federal government", "government", "Government" },
    { "FEDERAL GOVERNMENT", "government", "GOVERNMENT" },
    { "FEDERAL government", "government", "Government" },
    { "Nation", "U.S.", "U.S." },
    { "NATION", "U.S.", "U.S." },
    { "nation", "U.S.", "U.S." },
    { "A", "one", "One" },
    { "Stated", "said", "Said" },
    { "Stated", "", "" },
    { "STATED", "", "" },
    { "“Stated", "said", "Said" },
    { "Énorme", "élevé", "Élevé" },
    { "ÉNORME", "élevé", "ÉLEVÉ" },
    { "2", "two", "two" },
    /* A name or a title keeps a capital on each word ("Brackley Area Council"). */
    { "Area Council", "district council", "District Council" },
    { "Chamber of Business", "chamber of commerce", "Chamber of Commerce" },
    { "Treatment House", "care home", "Care Home" },
    { "Treatment house", "care home", "Care home" },
    { "Of the", "of the", "Of the" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = unspin_transfer_case (cases[i].garbled,
                                                      strlen (cases[i].garbled),
                                                      cases[i].proposal);

      g_assert_cmpstr (result, ==, cases[i].expected);
    }

  /* Only the first garbled_len bytes count. */
  {
    g_autofree char *result = unspin_transfer_case ("stated AND", 6, "said");

    g_assert_cmpstr (result, ==, "said");
  }
}

static void
assert_same_words (char **a,
                   char **b)
{
  if (a == NULL || b == NULL)
    g_assert_true (a == b);
  else
    g_assert_true (g_strv_equal ((const char * const *) a, (const char * const *) b));
}

/* Everything the engine reads of a pack, public or not, is the same in both. */
static void
assert_same_pack (UnspinPhrasePack *a,
                  UnspinPhrasePack *b)
{
  g_assert_cmpstr (unspin_phrase_pack_get_id (a), ==, unspin_phrase_pack_get_id (b));
  g_assert_cmpstr (unspin_phrase_pack_get_name (a), ==, unspin_phrase_pack_get_name (b));
  g_assert_cmpstr (unspin_phrase_pack_get_version (a), ==, unspin_phrase_pack_get_version (b));
  g_assert_cmpstr (unspin_phrase_pack_get_license (a), ==, unspin_phrase_pack_get_license (b));
  g_assert_cmpstr (unspin_phrase_pack_get_attribution (a), ==,
                   unspin_phrase_pack_get_attribution (b));
  g_assert_cmpstr (unspin_phrase_pack_get_sha256 (a), ==, unspin_phrase_pack_get_sha256 (b));
  g_assert_cmpuint (unspin_phrase_pack_get_n_entries (a), ==, unspin_phrase_pack_get_n_entries (b));
  for (guint i = 0; i < unspin_phrase_pack_get_n_entries (a); i++)
    {
      const UnspinPackEntry *x = unspin_phrase_pack_get_entry (a, i);
      const UnspinPackEntry *y = unspin_phrase_pack_get_entry (b, i);

      g_assert_cmpuint (x->index, ==, y->index);
      g_assert_cmpstr (x->garbled, ==, y->garbled);
      assert_same_words (x->originals, y->originals);
      g_assert_cmpfloat (x->prior, ==, y->prior);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpuint (x->n_tokens, ==, y->n_tokens);
      assert_same_words (x->tokens, y->tokens);
      g_assert_cmpuint (x->window, ==, y->window);
      assert_same_words (x->near, y->near);
      assert_same_words (x->not_near, y->not_near);
      assert_same_words (x->before, y->before);
      assert_same_words (x->not_before, y->not_before);
      assert_same_words (x->after, y->after);
      assert_same_words (x->not_after, y->not_after);
    }
}

static guint64
inode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

static UnspinPhrasePack *
load_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  UnspinPhrasePack *pack = unspin_phrase_pack_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

/* A pack read from a file is kept in the user's cache folder and read from there the next
 * time, the same in every detail; a damaged or stale cache file is passed over and written
 * anew, and a cache folder that cannot be written costs nothing but time. */
static void
test_cache (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinPhrasePack) first = NULL;
  g_autoptr(UnspinPhrasePack) cached = NULL;
  g_autoptr(UnspinPhrasePack) pack = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unspin-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.json", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "unspin", "packs", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *data = NULL;
  gsize size;
  guint64 inode;

  bytes = pack_bytes (
    "[ { \"garbled\": \"federal government\", \"original\": \"government\" },\n"
    "  { \"garbled\": \"stated\", \"original\": [ \"said\", \"stated\" ], \"prior\": 0.6,\n"
    "    \"note\": \"spinners write 'stated' for 'said'\" },\n"
    "  { \"garbled\": \"U.S. authorities\", \"original\": \"U.S. officials\", \"prior\": 0.25,\n"
    "    \"context\": { \"window\": 12, \"before\": [ \"\", \"the\" ], \"not_after\": [ \"Said\" ],\n"
    "                   \"near\": [ \"police\", \"court\" ], \"not_near\": [ \"army\" ] } },\n"
    "  { \"garbled\": \"in addition\", \"original\": \"also\", \"note\": \"\",\n"
    "    \"context\": { \"after\": [ \"to\" ], \"not_before\": [ \"and\" ] } } ]");
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  base = g_strconcat (sha256, ".gvariant", NULL);
  cache_path = g_build_filename (folder, base, NULL);

  /* The first reading parses the JSON and writes the cache, the second reads the cache. */
  g_assert_false (g_file_test (cache_path, G_FILE_TEST_EXISTS));
  first = load_file (file);
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  inode = inode_of (cache_path);
  cached = load_file (file);
  assert_same_pack (first, cached);
  g_assert_cmpuint (inode_of (cache_path), ==, inode);
  g_assert_cmpstr (unspin_phrase_pack_get_entry (cached, 2)->near[1], ==, "court");
  g_assert_cmpstr (unspin_phrase_pack_get_entry (cached, 2)->before[0], ==, "");
  g_assert_cmpstr (unspin_phrase_pack_get_entry (cached, 3)->note, ==, "");
  g_assert_null (unspin_phrase_pack_get_entry (cached, 0)->note);
  g_assert_null (unspin_phrase_pack_get_entry (cached, 0)->near);

  /* Damaged: garbage, then a cache cut short, as a full disk might leave it. */
  g_file_get_contents (cache_path, &data, &size, &error);
  g_assert_no_error (error);
  g_file_set_contents (cache_path, "not a cache", -1, &error);
  g_assert_no_error (error);
  pack = load_file (file);
  assert_same_pack (first, pack);
  g_clear_object (&pack);
  g_file_set_contents (cache_path, data, size / 2, &error);
  g_assert_no_error (error);
  pack = load_file (file);
  assert_same_pack (first, pack);
  g_clear_object (&pack);
  /* … and written anew each time, so that the next start reads it. */
  inode = inode_of (cache_path);
  pack = load_file (file);
  assert_same_pack (first, pack);
  g_assert_cmpuint (inode_of (cache_path), ==, inode);
  g_clear_object (&pack);

  /* The pack changed: its new content is read, not the cache of the old. */
  changed = pack_bytes ("[ { \"garbled\": \"federal government\", \"original\": \"state\" } ]");
  g_file_set_contents (path, g_bytes_get_data (changed, NULL), g_bytes_get_size (changed), &error);
  g_assert_no_error (error);
  pack = load_file (file);
  g_assert_cmpuint (unspin_phrase_pack_get_n_entries (pack), ==, 1);
  g_assert_cmpstr (unspin_phrase_pack_get_entry (pack, 0)->originals[0], ==, "state");
  g_clear_object (&pack);

  /* No cache folder can be made (a file stands in its way): the pack is read all the same. */
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDir) entries = g_dir_open (folder, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (entries)) != NULL)
      {
        g_autofree char *cache_file = g_build_filename (folder, name, NULL);

        g_assert_no_errno (g_unlink (cache_file));
      }
  }
  g_assert_no_errno (g_rmdir (folder));
  g_file_set_contents (folder, "in the way", -1, &error);
  g_assert_no_error (error);
  pack = load_file (file);
  assert_same_pack (first, pack);

  g_unlink (folder);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("unspin-test-cache-XXXXXX", NULL);
  g_autofree char *unspin_cache = NULL;
  int status;

  /* The pack cache goes to a folder of this run's (meson's environment turns it off for the
   * other tests); set before GLib first reads it. */
  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/phrase-pack/load-valid", test_load_valid);
  g_test_add_func ("/unspin/phrase-pack/default-prior", test_default_prior);
  g_test_add_func ("/unspin/phrase-pack/load-file", test_load_file);
  g_test_add_func ("/unspin/phrase-pack/missing-file", test_missing_file);
  g_test_add_func ("/unspin/phrase-pack/invalid-json", test_invalid_json);
  g_test_add_func ("/unspin/phrase-pack/header", test_header);
  g_test_add_func ("/unspin/phrase-pack/missing-entries", test_missing_entries);
  g_test_add_func ("/unspin/phrase-pack/bad-original", test_bad_original);
  g_test_add_func ("/unspin/phrase-pack/bad-prior", test_bad_prior);
  g_test_add_func ("/unspin/phrase-pack/bad-context", test_bad_context);
  g_test_add_func ("/unspin/phrase-pack/unknown-entry-key", test_unknown_entry_key);
  g_test_add_func ("/unspin/phrase-pack/duplicate-garbled", test_duplicate_garbled);
  g_test_add_func ("/unspin/phrase-pack/bad-garbled", test_bad_garbled);
  g_test_add_func ("/unspin/phrase-pack/transfer-case", test_transfer_case);
  g_test_add_func ("/unspin/phrase-pack/cache", test_cache);

  status = g_test_run ();
  unspin_cache = g_build_filename (cache, "unspin", NULL);
  g_rmdir (unspin_cache);
  g_rmdir (cache);
  return status;
}
