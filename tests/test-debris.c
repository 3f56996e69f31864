/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-debris.h"
#include "unspin-error.h"

static UnspinDebrisRules *bundled;

static char *
bundled_rules_path (void)
{
  const char *data_dir = g_getenv ("UNSPIN_DATA_DIR");
  char *path;

  if (data_dir != NULL)
    return g_build_filename (data_dir, "rules", "page-debris.json", NULL);
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "page-debris.json", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  /* Built by hand from the top of the source tree. */
  return g_build_filename ("data", "rules", "page-debris.json", NULL);
}

static GPtrArray *
new_edits (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
}

/* Runs the line rules the way the engine does: a spam line is deleted whole, other lines are
 * tokenised and looked at by the credit and numeral rules. */
static GPtrArray *
propose_lines (const char *text)
{
  GPtrArray *edits = new_edits ();
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  gsize len = strlen (text);
  gsize pos = 0;
  gsize covered = 0;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize start = pos;
      gsize end = nl ? (gsize) (nl - text) : len;
      guint before = edits->len;

      pos = nl ? end + 1 : len;
      if (end > start && text[end - 1] == '\r')
        end--;
      if (start == end || start < covered)
        continue;

      if (!unspin_debris_check_spam_line (bundled, text, len, start, end, edits))
        {
          g_array_set_size (tokens, 0);
          unspin_tokenize (text, start, end, tokens);
          unspin_debris_check_glued_credit (bundled, text, (UnspinToken *) tokens->data,
                                            tokens->len, edits);
          unspin_debris_check_numerals (bundled, text, (UnspinToken *) tokens->data,
                                        tokens->len, edits);
        }
      for (guint i = before; i < edits->len; i++)
        covered = MAX (covered, ((UnspinEdit *) g_ptr_array_index (edits, i))->byte_end);
    }

  return edits;
}

/* Applies every edit, checking that each one's garbled text is what it covers and that none
 * overlaps another. */
static char *
apply_edits (const char *text,
             GPtrArray  *edits)
{
  GString *out = g_string_new (NULL);
  gsize cursor = 0;

  g_ptr_array_sort (edits, unspin_edit_compare);
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      g_assert_cmpuint (edit->byte_start, >=, cursor);
      g_assert_cmpuint (edit->byte_end, <=, strlen (text));
      g_assert_cmpmem (edit->garbled, strlen (edit->garbled),
                       text + edit->byte_start, edit->byte_end - edit->byte_start);
      g_string_append_len (out, text + cursor, edit->byte_start - cursor);
      g_string_append (out, edit->proposal);
      cursor = edit->byte_end;
    }
  g_string_append (out, text + cursor);

  return g_string_free (out, FALSE);
}

static char *
restore_lines (const char *text)
{
  g_autoptr(GPtrArray) edits = propose_lines (text);

  return apply_edits (text, edits);
}

static void
assert_unchanged (const char *text)
{
  g_autoptr(GPtrArray) edits = propose_lines (text);

  if (edits->len > 0)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, 0);

      g_error ("%u edit(s) for “%s”, the first %s “%s” -> “%s”", edits->len, text,
               edit->source, edit->garbled, edit->proposal);
    }
}

static void
assert_restores (const char *text,
                 const char *expected)
{
  g_autofree char *restored = restore_lines (text);

  g_assert_cmpstr (restored, ==, expected);
}

/* Rules files */

static void
test_rules_load (void)
{
  g_autofree char *path = bundled_rules_path ();
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);

  g_assert_cmpstr (unspin_debris_rules_get_id (bundled), ==, "page-debris");
  g_assert_cmpstr (unspin_debris_rules_get_license (bundled), ==, "CC0-1.0");
  g_assert_nonnull (unspin_debris_rules_get_version (bundled));
  g_assert_cmpstr (unspin_debris_rules_get_sha256 (bundled), ==, sha256);
}

/* A small valid file, with @replace swapped for @with, so that each test breaks one thing. */
static UnspinDebrisRules *
load_variant (const char  *replace,
              const char  *with,
              GError     **error)
{
  static const char *valid =
    "{ \"schema\": \"unspin-page-debris\", \"schema_version\": 1, \"id\": \"test-rules\",\n"
    "  \"version\": \"0.1\", \"license\": \"CC0-1.0\",\n"
    "  \"spam_lines\": [ { \"id\": \"ad\", \"pattern\": \"^Advertisement$\", \"note\": \"an ad\" },\n"
    "                    { \"id\": \"promo\", \"pattern\": \"^Promo(tion)?$\", \"note\": \"promo\" } ],\n"
    "  \"credit_agencies\": [ \"Wire Agency\" ],\n"
    "  \"numerals\": { \"words\": [\"one\",\"two\",\"three\",\"four\",\"five\",\"six\",\"seven\","
    "\"eight\",\"nine\"],\n"
    "                \"not_after\": [\"page\"], \"not_before\": [\"percent\"] },\n"
    "  \"headlines\": { \"max_words\": 25, \"min_overlap\": 0.4 } }\n";
  g_autoptr(GString) json = g_string_new (valid);
  g_autoptr(GBytes) bytes = NULL;

  if (replace != NULL)
    g_assert_cmpint (g_string_replace (json, replace, with, 1), ==, 1);
  bytes = g_bytes_new (json->str, json->len);

  return unspin_debris_rules_new_from_bytes (bytes, "test-rules.json", error);
}

static void
assert_bad_rules (const char *replace,
                  const char *with,
                  const char *expected_part,
                  const char *expected_part2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinDebrisRules) rules = load_variant (replace, with, &error);

  g_assert_null (rules);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, "test-rules.json: "));
  if (strstr (error->message, expected_part) == NULL
      || (expected_part2 != NULL && strstr (error->message, expected_part2) == NULL))
    g_error ("“%s” does not mention “%s” / “%s”", error->message, expected_part,
             expected_part2 ? expected_part2 : "");
}

static void
test_rules_valid_variant (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinDebrisRules) rules = load_variant (NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (unspin_debris_rules_get_id (rules), ==, "test-rules");
  g_assert_cmpuint (strlen (unspin_debris_rules_get_sha256 (rules)), ==, 64);
}

static void
test_rules_invalid_json (void)
{
  assert_bad_rules ("\"license\": \"CC0-1.0\",", "\"license\": \"CC0-1.0\"", "not valid JSON",
                    NULL);
  assert_bad_rules ("} }\n", "}\n", "not valid JSON", NULL);
}

static void
test_rules_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(UnspinDebrisRules) rules = unspin_debris_rules_new_from_bytes (bytes, "empty.json",
                                                                           &error);

  g_assert_null (rules);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK);
  g_assert_true (g_str_has_prefix (error->message, "empty.json: "));
}

static void
test_rules_bad_regex (void)
{
  assert_bad_rules ("^Promo(tion)?$", "^Promo(tion?$", "spam line 1 (“promo”)", "compile");
}

static void
test_rules_greedy_pattern (void)
{
  /* A pattern that matches ordinary text would delete the article. */
  assert_bad_rules ("^Promo(tion)?$", ".*", "promo", "empty line");
  assert_bad_rules ("^Promo(tion)?$", "The .*", "promo", "ordinary sentence");
}

static void
test_rules_missing_field (void)
{
  assert_bad_rules ("\"version\": \"0.1\",", "", "\"version\"", NULL);
  assert_bad_rules (", \"note\": \"promo\"", "", "spam line 1 (“promo”)", "\"note\"");
  assert_bad_rules ("\"pattern\": \"^Advertisement$\",", "", "spam line 0 (“ad”)", "\"pattern\"");
  assert_bad_rules ("\"credit_agencies\": [ \"Wire Agency\" ],", "", "\"credit_agencies\"",
                    NULL);
  assert_bad_rules ("\"eight\",\"nine\"", "\"eight\"", "\"words\"", "nine");
  assert_bad_rules ("\"max_words\": 25,", "", "headlines", "\"max_words\"");
  assert_bad_rules ("\"min_overlap\": 0.4", "\"min_overlap\": 4", "\"min_overlap\"", NULL);
}

static void
test_rules_unknown_key (void)
{
  assert_bad_rules ("\"note\": \"promo\"", "\"note\": \"promo\", \"neds\": [\"x\"]",
                    "“promo”", "\"neds\"");
  assert_bad_rules ("\"license\"", "\"licence\"", "\"licence\"", NULL);
  assert_bad_rules ("\"not_after\"", "\"not_afer\"", "numerals", "\"not_afer\"");
}

static void
test_rules_wrong_schema (void)
{
  assert_bad_rules ("unspin-page-debris", "unspin-phrase-pack", "\"schema\"", NULL);
  assert_bad_rules ("\"schema_version\": 1", "\"schema_version\": 2", "\"schema_version\"", NULL);
  assert_bad_rules ("{ \"id\": \"ad\"", "{ \"id\": \"Bad Id\"", "“Bad Id”", "\"id\"");
  assert_bad_rules ("{ \"id\": \"promo\"", "{ \"id\": \"ad\"", "“ad”", "same");
}

static void
test_rules_needs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinDebrisRules) rules = NULL;
  g_autoptr(GPtrArray) edits = new_edits ();
  const char *ad = "Banish Back Pain With This Weird Trick";
  const char *news = "Banish back pain, the trick is to walk";

  /* A floating pattern is tried only on lines holding one of its "needs". */
  rules = load_variant ("\"pattern\": \"^Promo(tion)?$\", \"note\": \"promo\"",
                        "\"pattern\": \".*weird trick.*\", \"note\": \"promo\", "
                        "\"needs\": [\"WEIRD\"]", &error);
  g_assert_no_error (error);
  g_assert_true (unspin_debris_check_spam_line (rules, ad, strlen (ad), 0, strlen (ad), edits));
  g_assert_false (unspin_debris_check_spam_line (rules, news, strlen (news), 0, strlen (news),
                                                 edits));
  g_assert_cmpuint (edits->len, ==, 1);
  g_assert_cmpstr (((UnspinEdit *) g_ptr_array_index (edits, 0))->source, ==,
                   "rule:spam-line:promo");

  assert_bad_rules ("\"note\": \"promo\"", "\"note\": \"promo\", \"needs\": []",
                    "“promo”", "\"needs\"");
  assert_bad_rules ("\"note\": \"promo\"", "\"note\": \"promo\", \"needs\": \"x\"",
                    "“promo”", "\"needs\"");
}

static void
test_rules_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/unspin/page-debris.json");
  g_autoptr(UnspinDebrisRules) rules = unspin_debris_rules_new_from_file (file, NULL, &error);

  g_assert_null (rules);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/unspin/page-debris.json"));
}

/* Rule "spam-line" */

static void
test_spam_line_match (void)
{
  static const char * const debris[] = {
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "Leave a Reply",
    "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Share this:",
    "Like this:",
    "Click to share on Twitter (Opens in new window)",
    "Facebook Twitter WhatsApp Email",
    "Related posts",
    "You may also like",
    "Related: Council approves the harbour budget",
    "Sign up for our daily newsletter and never miss a story",
    "We use cookies to give you the best experience on our website.",
    "Revealed: The Method Retired Plumbers Use to Make $9,000 Weekly",
    "This Grandmother Found a Loophole and Doctors Hate Her",
    "Earn $4,500 a Week Working From Home With This Simple Method",
    "Sponsored",
    "Sponsored Content",
    "Advertisement",
    "  ADVERTISEMENT  ",
    "— Advertisement —",
    "Story continues below advertisement",
    "Tags: harbour, council, budget",
    "Copyright 2021 Example Media Group. All rights reserved.",
    "Follow us on Twitter and Facebook",
    "Click here to read the full report",
    "Get the Porthaven Post app",
    "3 Comments",
    "No comments yet",
    "Porthaven Post Ltd. All rights reserved.",
    "Banish Back Pain With This One Weird Trick",
    "Reply",
    "Cancel reply",
    "Previous article: Council approves the harbour budget",
    "We use cookies to personalise content. By continuing to browse you agree to our policy.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (debris); i++)
    {
      g_autoptr(GPtrArray) edits = new_edits ();
      gsize len = strlen (debris[i]);
      UnspinEdit *edit;

      if (!unspin_debris_check_spam_line (bundled, debris[i], len, 0, len, edits))
        g_error ("not recognised as page debris: “%s”", debris[i]);
      g_assert_cmpuint (edits->len, ==, 1);
      edit = g_ptr_array_index (edits, 0);
      g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_DELETE);
      g_assert_cmpuint (edit->byte_start, ==, 0);
      g_assert_cmpuint (edit->byte_end, ==, len);
      g_assert_cmpstr (edit->garbled, ==, debris[i]);
      g_assert_cmpstr (edit->proposal, ==, "");
      g_assert_cmpfloat_with_epsilon (edit->confidence, 0.95, 1e-9);
      g_assert_true (g_str_has_prefix (edit->source, "rule:spam-line:"));
      g_assert_true (g_str_has_prefix (edit->reason, "page debris: "));
    }
}

static void
test_spam_line_source (void)
{
  const char *text = "This site uses Akismet to reduce spam. Learn how your comment data is "
                     "processed.";
  g_autoptr(GPtrArray) edits = new_edits ();
  UnspinEdit *edit;

  g_assert_true (unspin_debris_check_spam_line (bundled, text, strlen (text), 0, strlen (text),
                                                edits));
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpstr (edit->source, ==, "rule:spam-line:akismet");
}

static void
test_spam_line_near_miss (void)
{
  static const char * const news[] = {
    "The council spent more on advertisement than on road repairs last year, the audit found.",
    "Advertisement revenue fell by a third, the publisher said.",
    "Residents who wish to leave a reply to the consultation have until Friday, officials said.",
    "Leave a reply at the front desk, the sign at the clinic said.",
    "Share this information with your neighbours, the fire service urged on Monday.",
    "The mayor said she would like this project finished before winter.",
    "Sponsored by the regional bank, the festival drew a record crowd on Saturday.",
    "Doctors hate the new rota, the union said.",
    "Revealed: the harbour plan that the council kept quiet",
    "Researchers found that many websites use cookies to follow readers across the internet.",
    "Related stories from the harbour inquiry were published by three newspapers.",
    "Copyright law changed in 2019, the minister said.",
    "Revealed: How the council made $3 million from parking fines",
    "No comment.",
    "Download the new tracing app on your phone.",
    "Experts warn that one weird trick sold online can damage your eyes.",
    "Lawyers for the harbour board said they would appeal, and that they hate delays.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (news); i++)
    {
      g_autoptr(GPtrArray) edits = new_edits ();
      gsize len = strlen (news[i]);

      if (unspin_debris_check_spam_line (bundled, news[i], len, 0, len, edits))
        g_error ("news text taken for page debris by %s: “%s”",
                 ((UnspinEdit *) g_ptr_array_index (edits, 0))->source, news[i]);
      g_assert_cmpuint (edits->len, ==, 0);
    }
}

static void
test_spam_line_long (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) edits = new_edits ();

  g_string_append (line, "Facebook Twitter WhatsApp");
  g_assert_true (unspin_debris_check_spam_line (bundled, line->str, line->len, 0, line->len,
                                                edits));

  /* The same pattern, but lines this long are paragraphs, whatever they look like. */
  while (line->len <= 300)
    g_string_append (line, " Facebook Twitter WhatsApp");
  g_assert_false (unspin_debris_check_spam_line (bundled, line->str, line->len, 0, line->len,
                                                 edits));
  g_assert_cmpuint (edits->len, ==, 1);
}

static void
assert_spam_span (const char *text,
                  const char *line,
                  const char *expected_garbled,
                  const char *expected_restored)
{
  g_autoptr(GPtrArray) edits = new_edits ();
  const char *at = strstr (text, line);
  gsize start = at - text;
  g_autofree char *restored = NULL;
  UnspinEdit *edit;

  g_assert_nonnull (at);
  g_assert_true (unspin_debris_check_spam_line (bundled, text, strlen (text), start,
                                                start + strlen (line), edits));
  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpstr (edit->garbled, ==, expected_garbled);
  g_assert_cmpmem (text + edit->byte_start, edit->byte_end - edit->byte_start,
                   expected_garbled, strlen (expected_garbled));
  restored = apply_edits (text, edits);
  g_assert_cmpstr (restored, ==, expected_restored);
}

static void
test_spam_line_spans (void)
{
  /* Between paragraphs separated by blank lines: the line, its break and one blank line. */
  assert_spam_span ("First paragraph.\n\nAdvertisement\n\nSecond paragraph.\n",
                    "Advertisement", "Advertisement\n\n",
                    "First paragraph.\n\nSecond paragraph.\n");
  /* Single-spaced text: the line and its break. */
  assert_spam_span ("First paragraph.\nAdvertisement\nSecond paragraph.\n",
                    "Advertisement", "Advertisement\n",
                    "First paragraph.\nSecond paragraph.\n");
  /* A blank line that separates paragraphs is kept. */
  assert_spam_span ("First paragraph.\nAdvertisement\n\nSecond paragraph.\n",
                    "Advertisement", "Advertisement\n",
                    "First paragraph.\n\nSecond paragraph.\n");
  /* The first line takes the blank line after it. */
  assert_spam_span ("Advertisement\n\nFirst paragraph.\n",
                    "Advertisement", "Advertisement\n\n", "First paragraph.\n");
  /* The last line, with its break. */
  assert_spam_span ("First paragraph.\n\nAdvertisement\n",
                    "Advertisement", "Advertisement\n", "First paragraph.\n\n");
  /* The last line without a break takes the blank line's break before it. */
  assert_spam_span ("First paragraph.\n\nAdvertisement", "Advertisement", "\nAdvertisement",
                    "First paragraph.\n");
  assert_spam_span ("First paragraph.\nAdvertisement", "Advertisement", "Advertisement",
                    "First paragraph.\n");
  /* The whole text. */
  assert_spam_span ("Advertisement", "Advertisement", "Advertisement", "");
  /* CRLF: breaks are two bytes. */
  assert_spam_span ("First paragraph.\r\n\r\nAdvertisement\r\n\r\nSecond paragraph.\r\n",
                    "Advertisement", "Advertisement\r\n\r\n",
                    "First paragraph.\r\n\r\nSecond paragraph.\r\n");
  assert_spam_span ("First paragraph.\r\n\r\nAdvertisement", "Advertisement",
                    "\r\nAdvertisement", "First paragraph.\r\n");
  /* A blank line made of spaces counts as blank. */
  assert_spam_span ("First paragraph.\n\nAdvertisement\n  \nSecond paragraph.\n",
                    "Advertisement", "Advertisement\n  \n",
                    "First paragraph.\n\nSecond paragraph.\n");
}

static void
test_spam_line_consecutive (void)
{
  /* Debris lines one after another, as the engine proposes them line by line: the spans never
   * overlap and no double blank line is left. */
  assert_restores ("Last paragraph.\n\nShare this:\n\nLike this:\n\nRelated posts\n",
                   "Last paragraph.\n\n");
  assert_restores ("Last paragraph.\n\nShare this:\n\nLike this:\n\nAdvertisement",
                   "Last paragraph.\n\n");
  assert_restores ("Last paragraph.\nShare this:\nLike this:",
                   "Last paragraph.\n");
  assert_restores ("Advertisement\n\nLeave a Reply\n\nThe harbour reopened on Tuesday.\n",
                   "The harbour reopened on Tuesday.\n");
  assert_restores ("Last paragraph.\r\n\r\nShare this:\r\n\r\nLike this:",
                   "Last paragraph.\r\n\r\n");
}

/* Rule "glued-credit" */

static void
test_glued_credit (void)
{
  const char *caption = "The mayor opens the new ferry terminal in Porthaven on Sept. 14."
                        "Jane Doe / Harlow Ledger";
  g_autoptr(GPtrArray) edits = propose_lines (
    "Harbour workers unload the first cargo ship on Tuesday.John Smith / AFP – Getty Images\n");
  UnspinEdit *edit;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_INSERT);
  g_assert_cmpuint (edit->byte_start, ==, strlen ("Harbour workers unload the first cargo ship "
                                                  "on Tuesday."));
  g_assert_cmpuint (edit->byte_end, ==, edit->byte_start);
  g_assert_cmpstr (edit->garbled, ==, "");
  g_assert_cmpstr (edit->proposal, ==, "\n");
  g_assert_cmpstr (edit->source, ==, "rule:glued-credit");
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.85, 1e-9);

  assert_restores ("Police officers guard the old bridge in Kestrel Bay on Oct. 3.Mary Q. Public "
                   "/ Reuters\n",
                   "Police officers guard the old bridge in Kestrel Bay on Oct. 3.\nMary Q. "
                   "Public / Reuters\n");
  assert_restores ("Volunteers clear the beach (north end).Ana de la Cruz/EPA-EFE\n",
                   "Volunteers clear the beach (north end).\nAna de la Cruz/EPA-EFE\n");
  assert_restores ("The council chamber during the vote on Monday.File / AP\r\nNext line.\r\n",
                   "The council chamber during the vote on Monday.\r\nFile / AP\r\nNext line.\r\n");
  /* An outlet not in the list of agencies: only suggested. */
  {
    g_autoptr(GPtrArray) suggested = propose_lines (caption);

    g_assert_cmpuint (suggested->len, ==, 1);
    edit = g_ptr_array_index (suggested, 0);
    g_assert_cmpuint (edit->byte_start, ==, strstr (caption, "Jane") - caption);
    g_assert_cmpfloat (edit->confidence, <, UNSPIN_CONFIDENCE_HIGH);
  }
}

static void
test_glued_credit_near_miss (void)
{
  /* A normal space before the credit. */
  assert_unchanged ("Harbour workers unload the first cargo ship on Tuesday. John Smith / AFP\n");
  /* An abbreviation glued to a word. */
  assert_unchanged ("Soldiers of the U.S.Army unload supplies in the harbour / Reuters\n");
  /* Glued sentences without a credit. */
  assert_unchanged ("The ferry left on Tuesday.Passengers waited for hours at the pier.\n");
  assert_unchanged ("The ferry left on Tuesday.John Smith said it was late.\n");
  /* A slash, but neither an agency nor an outlet's name after it. */
  assert_unchanged ("The ferry left on Tuesday.Harbour Master / the port authority said\n");
  /* A lower-case word is not a name. */
  assert_unchanged ("The ferry left on Tuesday.then Smith / Reuters\n");
}

/* Rule "small-numeral" */

static void
test_small_numeral (void)
{
  g_autoptr(GPtrArray) edits = propose_lines (
    "The mayor met 2 harbour officials on Monday, according to 3 people at the meeting.\n");
  UnspinEdit *edit;

  g_assert_cmpuint (edits->len, ==, 2);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_REPLACE);
  g_assert_cmpstr (edit->garbled, ==, "2");
  g_assert_cmpstr (edit->proposal, ==, "two");
  g_assert_cmpstr (edit->source, ==, "rule:small-numeral");
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.85, 1e-9);
  g_assert_cmpuint (edit->byte_start, ==, strlen ("The mayor met "));
  g_assert_cmpuint (edit->byte_end, ==, edit->byte_start + 1);

  assert_restores ("Officials said 2 Kestrel Bay councillors resigned.\n",
                   "Officials said two Kestrel Bay councillors resigned.\n");
  assert_restores ("4 ferries were cancelled. 2 more were delayed! 9 crew members waited.\n",
                   "Four ferries were cancelled. Two more were delayed! Nine crew members waited.\n");
  assert_restores ("In March, 2 U.S. envoys visited the port.\n",
                   "In March, two U.S. envoys visited the port.\n");
  assert_restores ("Storms hit the coast 5 days later, the U.S. 6 officials said.\n",
                   "Storms hit the coast five days later, the U.S. six officials said.\n");
  assert_restores ("The boats were launched one to 5 at a time, she said.\n",
                   "The boats were launched one to five at a time, she said.\n");
  assert_restores ("The council has 7.\n", "The council has seven.\n");
  assert_restores ("The harbour’s 3 cranes were idle, and Porthaven’s 2 tugs too.\n",
                   "The harbour’s three cranes were idle, and Porthaven’s two tugs too.\n");
  assert_restores ("WASHINGTON — 8 senators signed the letter on Friday.\n",
                   "WASHINGTON — eight senators signed the letter on Friday.\n");
}

static void
test_small_numeral_near_miss (void)
{
  static const char * const keep[] = {
    /* dates and years */
    "The ferry sailed on Sept. 2 and returned on May 3, officials said.",
    "The ferry sailed on 2 May and returned later, officials said.",
    "The harbour opened in 2003 and closed in 2019, officials said.",
    /* decimals, thousands, money */
    "Prices rose 3.5 times faster than wages, officials said.",
    "About 3,000 people signed the petition, officials said.",
    "The toll rose to $3 for each car, officials said.",
    "The council spent 4 million on the harbour, officials said.",
    /* times */
    "The meeting started at 5:30 and ended at 7 p.m. on Monday, officials said.",
    "The meeting started at 9 o'clock on Monday, officials said.",
    /* scores, ranges, lists */
    "The harbour team won 3-2 on Saturday, officials said.",
    "The harbour team won 3 - 2 on Saturday, officials said.",
    "Waits of 5 to 7 hours were common, officials said.",
    "The ferries carry between 2 and 4 cars, officials said.",
    /* labels */
    "The road was closed after a crash on Route 9 on Monday, officials said.",
    "The treaty invokes Article 5 for the first time, officials said.",
    "Cases of COVID-19 rose again on Monday, officials said.",
    "The ferry was ranked No. 1 in the region, officials said.",
    "The report on page 4 was wrong, officials said.",
    "He finished 1st in the race on Monday, officials said.",
    /* units and percentages */
    "The water rose 2 feet and inflation rose 3 percent, officials said.",
    "Turnout fell 4% on Monday, officials said.",
    "The ship travels at 9 knots, officials said.",
    "The boy, 5, was rescued from the harbour on Monday, officials said.",
    "The 3-year-old boy was rescued from the harbour on Monday, officials said.",
    /* addresses */
    "The office at 9 Elm Street was closed on Monday, officials said.",
    /* quotations keep the speaker's figures */
    "“We had 2 boats and no crew,” the harbour master said.",
    "‘We had 2 boats and no crew,’ the harbour master said.",
    "He said \"we had 2 boats\" on Monday, officials said.",
    "The ferry leaves at 9 GMT on weekdays, officials said.",
    /* lists and zero */
    "1. Close the harbour gates before the storm arrives on Monday.",
    "2\tClose the harbour gates before the storm arrives on Monday.",
    "3   Close the harbour gates before the storm arrives on Monday.",
    "Death toll: 3 after the storm on Monday, officials said.",
    "The council had 0 complaints this year, officials said.",
    /* headlines keep their figures */
    "Storm sinks 2 ferries in Porthaven harbour",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    assert_unchanged (keep[i]);
}

/* Rule "duplicate-headline" */

typedef struct {
  const char *text;
  guint       marks[6];
} HeadCase;

static GPtrArray *
propose_head (const char  *text,
              const guint *marks)
{
  GPtrArray *edits = new_edits ();
  UnspinHeadLine lines[6];
  guint n_lines = 0;
  gsize len = strlen (text);
  gsize pos = 0;

  while (pos < len && n_lines < G_N_ELEMENTS (lines))
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize start = pos;
      gsize end = nl ? (gsize) (nl - text) : len;

      pos = nl ? end + 1 : len;
      if (end > start && text[end - 1] == '\r')
        end--;
      if (start == end)
        continue;
      lines[n_lines].start = start;
      lines[n_lines].end = end;
      lines[n_lines].n_marks = marks[n_lines];
      n_lines++;
    }

  unspin_debris_check_headlines (bundled, text, len, lines, n_lines, edits);
  return edits;
}

static const char *spun_first =
  "Town council alerts ferry firm it prepares to shut Porthaven harbour after storm damage\n"
  "\n"
  "Town council warns ferry firm it plans to shut Porthaven harbour after storm damage\n"
  "\n"
  "PORTHAVEN — The town council has warned the ferry company that it plans to close the "
  "harbour.\n";

static void
test_headline_marks (void)
{
  static const guint second_spun[6] = { 0, 2, 0 };
  static const guint first_spun[6] = { 3, 1, 0 };
  g_autoptr(GPtrArray) edits = propose_head (spun_first, first_spun);
  g_autoptr(GPtrArray) edits2 = NULL;
  UnspinEdit *edit;
  g_autofree char *restored = NULL;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_DELETE);
  g_assert_cmpstr (edit->source, ==, "rule:duplicate-headline");
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.9, 1e-9);
  g_assert_cmpuint (edit->byte_start, ==, 0);
  g_assert_cmpstr (edit->garbled, ==, "Town council alerts ferry firm it prepares to shut "
                   "Porthaven harbour after storm damage\n\n");
  g_assert_nonnull (strstr (edit->reason, "below"));

  edits2 = propose_head (spun_first, second_spun);
  g_assert_cmpuint (edits2->len, ==, 1);
  edit = g_ptr_array_index (edits2, 0);
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.9, 1e-9);
  g_assert_cmpstr (edit->garbled, ==, "Town council warns ferry firm it plans to shut "
                   "Porthaven harbour after storm damage\n\n");
  g_assert_nonnull (strstr (edit->reason, "above"));
  restored = apply_edits (spun_first, edits2);
  g_assert_true (g_str_has_prefix (restored, "Town council alerts ferry firm it prepares to "
                                   "shut Porthaven harbour after storm damage\n\nPORTHAVEN —"));
}

static void
test_headline_tie (void)
{
  static const guint none[6] = { 0 };
  g_autoptr(GPtrArray) edits = propose_head (spun_first, none);
  UnspinEdit *edit;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.6, 1e-9);
  g_assert_cmpuint (edit->byte_start, ==, 0);
}

static void
test_headline_dissimilar (void)
{
  static const guint marks[6] = { 0, 3, 0 };
  static const char * const texts[] = {
    /* A headline and its standfirst share topic words, not the sentence. */
    "Porthaven council threatens to close the harbour\n\n"
    "Storm damage and unpaid fees push the ferry firm toward a council showdown\n\n"
    "PORTHAVEN — The town council has warned the ferry company.\n",
    /* The second line is a sentence, not a headline. */
    "Town council warns ferry firm it plans to shut Porthaven harbour\n\n"
    "The town council warns the ferry firm that it plans to shut Porthaven harbour.\n",
    /* Too long to be a headline. */
    "Town council warns ferry firm\n\n"
    "Town council warns ferry firm it plans to shut Porthaven harbour after storm damage to the "
    "quays and the old lighthouse and the fish market, and after months of unpaid fees\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) edits = propose_head (texts[i], marks);

      if (edits->len > 0)
        g_error ("headline rule fired on “%s”", texts[i]);
    }
}

static void
test_headline_spam_between (void)
{
  static const guint marks[6] = { 2, 0, 0, 0 };
  const char *text =
    "Council alerts ferry firm over harbour fees\n"
    "\n"
    "Revealed: The Tricks Smart Gardeners Use to Make $7 Million a Year\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Council warns ferry firm over harbour fees\n"
    "\n"
    "PORTHAVEN — The town council has warned the ferry company.\n";
  g_autoptr(GPtrArray) edits = propose_head (text, marks);
  UnspinEdit *edit;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpstr (edit->garbled, ==, "Council alerts ferry firm over harbour fees\n\n");
}

static void
test_headline_repeat_crlf (void)
{
  static const guint marks[6] = { 0 };
  const char *text = "Ferry service resumes after storm\r\n"
                     "Ferry service resumes after storm\r\n"
                     "\r\n"
                     "The first ferry left on time.\r\n";
  g_autoptr(GPtrArray) edits = propose_head (text, marks);
  UnspinEdit *edit;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpfloat_with_epsilon (edit->confidence, 0.9, 1e-9);
  g_assert_cmpuint (edit->byte_start, ==, strlen ("Ferry service resumes after storm\r\n"));
  g_assert_cmpstr (edit->garbled, ==, "Ferry service resumes after storm\r\n");
}

/* All rules on one invented page */

static void
test_whole_page (void)
{
  static const guint marks[6] = { 2, 0, 0, 0, 0, 0 };
  const char *page =
    "Town council alerts ferry firm it prepares to shut Porthaven harbour\n"
    "\n"
    "Town council warns ferry firm it plans to shut Porthaven harbour\n"
    "\n"
    "Revealed: The Tricks Smart Gardeners Use to Make $7 Million a Year\n"
    "\n"
    "PORTHAVEN — The council told the ferry firm on Monday that 2 of its piers were unsafe.\n"
    "\n"
    "The mayor at the pier on Sept. 14.Jane Doe / Reuters\n"
    "\n"
    "Repairs would take 3 years, costing $4 million, a council spokesman said.\n"
    "\n"
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.";
  const char *expected =
    "Town council warns ferry firm it plans to shut Porthaven harbour\n"
    "\n"
    "PORTHAVEN — The council told the ferry firm on Monday that two of its piers were unsafe.\n"
    "\n"
    "The mayor at the pier on Sept. 14.\nJane Doe / Reuters\n"
    "\n"
    "Repairs would take three years, costing $4 million, a council spokesman said.\n";
  g_autoptr(GPtrArray) edits = propose_head (page, marks);
  g_autoptr(GPtrArray) line_edits = NULL;
  g_autofree char *restored = NULL;
  gsize covered = ((UnspinEdit *) g_ptr_array_index (edits, 0))->byte_end;

  /* The engine lets the head's deletions claim their lines before the line rules run. */
  g_assert_cmpuint (edits->len, ==, 1);
  line_edits = propose_lines (page);
  for (guint i = 0; i < line_edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (line_edits, i);

      if (edit->byte_start >= covered)
        g_ptr_array_add (edits, unspin_edit_ref (edit));
    }
  restored = apply_edits (page, edits);
  g_assert_cmpstr (restored, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  path = bundled_rules_path ();
  file = g_file_new_for_path (path);
  bundled = unspin_debris_rules_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/unspin/debris/rules/load", test_rules_load);
  g_test_add_func ("/unspin/debris/rules/valid", test_rules_valid_variant);
  g_test_add_func ("/unspin/debris/rules/invalid-json", test_rules_invalid_json);
  g_test_add_func ("/unspin/debris/rules/empty", test_rules_empty);
  g_test_add_func ("/unspin/debris/rules/bad-regex", test_rules_bad_regex);
  g_test_add_func ("/unspin/debris/rules/greedy-pattern", test_rules_greedy_pattern);
  g_test_add_func ("/unspin/debris/rules/missing-field", test_rules_missing_field);
  g_test_add_func ("/unspin/debris/rules/unknown-key", test_rules_unknown_key);
  g_test_add_func ("/unspin/debris/rules/wrong-schema", test_rules_wrong_schema);
  g_test_add_func ("/unspin/debris/rules/needs", test_rules_needs);
  g_test_add_func ("/unspin/debris/rules/missing-file", test_rules_missing_file);
  g_test_add_func ("/unspin/debris/spam-line", test_spam_line_match);
  g_test_add_func ("/unspin/debris/spam-line/source", test_spam_line_source);
  g_test_add_func ("/unspin/debris/spam-line/near-miss", test_spam_line_near_miss);
  g_test_add_func ("/unspin/debris/spam-line/long", test_spam_line_long);
  g_test_add_func ("/unspin/debris/spam-line/spans", test_spam_line_spans);
  g_test_add_func ("/unspin/debris/spam-line/consecutive", test_spam_line_consecutive);
  g_test_add_func ("/unspin/debris/glued-credit", test_glued_credit);
  g_test_add_func ("/unspin/debris/glued-credit/near-miss", test_glued_credit_near_miss);
  g_test_add_func ("/unspin/debris/small-numeral", test_small_numeral);
  g_test_add_func ("/unspin/debris/small-numeral/near-miss", test_small_numeral_near_miss);
  g_test_add_func ("/unspin/debris/duplicate-headline/marks", test_headline_marks);
  g_test_add_func ("/unspin/debris/duplicate-headline/tie", test_headline_tie);
  g_test_add_func ("/unspin/debris/duplicate-headline/dissimilar", test_headline_dissimilar);
  g_test_add_func ("/unspin/debris/duplicate-headline/spam-between", test_headline_spam_between);
  g_test_add_func ("/unspin/debris/duplicate-headline/repeat-crlf", test_headline_repeat_crlf);
  g_test_add_func ("/unspin/debris/whole-page", test_whole_page);

  ret = g_test_run ();
  g_clear_pointer (&bundled, unspin_debris_rules_free);
  return ret;
}
