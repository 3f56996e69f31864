/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#ifdef G_OS_UNIX
#include <signal.h>
#include <sys/resource.h>
#endif

#include "unspin-error.h"
#include "unspin-export.h"

/* A short spun article written for these tests: a headline, a filler ("has actually"), a
 * newsletter line to delete, a synonym swap and a photo credit glued to the last sentence. */
static const char *article =
  "Harbour town opens new library\n"
  "\n"
  "The regional council of Saint-Étienne-sur-Mer has actually approved the “reading house”.\n"
  "Read more: subscribe to our newsletter for daily updates!\n"
  "Authorities stated the building would open in spring.Photo: Jane Doe\n";

#define REVIEW_NAME "review-test.json"

/* Bytes [start, end) of @text, as an edit of @kind; char offsets filled in. */
static UnspinEdit *
make_edit (UnspinText     *text,
           UnspinEditKind  kind,
           gsize           start,
           gsize           end,
           const char     *proposal,
           double          confidence)
{
  const char *data = unspin_text_get_data (text, NULL);
  g_autofree char *garbled = g_strndup (data + start, end - start);
  UnspinEdit *edit = unspin_edit_new (kind, start, end, garbled, proposal, confidence,
                                      "test:hand-made", "written by the test");

  edit->char_start = unspin_text_byte_to_char (text, start);
  edit->char_end = unspin_text_byte_to_char (text, end);
  return edit;
}

static gsize
offset_of (UnspinText *text,
           const char *needle)
{
  const char *data = unspin_text_get_data (text, NULL);
  const char *at = strstr (data, needle);

  g_assert_nonnull (at);
  return at - data;
}

/* The article's review: accepted, rejected, edited, pending, accepted insertion, and a
 * manual edit; two data sources. */
static UnspinReview *
make_review_for (const char *garbled,
                 const char *name)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string (garbled, name);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  g_autoptr(UnspinDataSource) pack = NULL;
  g_autoptr(UnspinDataSource) rules = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const alternatives[] = { "Officials", "Leaders", NULL };
  UnspinReview *review;
  UnspinEdit *edit;
  gsize at, line_end;
  guint index;

  at = offset_of (text, "has actually");
  g_ptr_array_add (edits, make_edit (text, UNSPIN_EDIT_REPLACE, at, at + strlen ("has actually"),
                                     "has", 0.95));

  /* The whole newsletter line with its line break (CRLF or LF). */
  at = offset_of (text, "Read more:");
  line_end = offset_of (text, "Authorities");
  g_ptr_array_add (edits, make_edit (text, UNSPIN_EDIT_DELETE, at, line_end, "", 0.9));

  at = offset_of (text, "Authorities");
  edit = make_edit (text, UNSPIN_EDIT_REPLACE, at, at + strlen ("Authorities"), "Officials", 0.7);
  unspin_edit_set_alternatives (edit, alternatives + 1);
  g_ptr_array_add (edits, edit);

  at = offset_of (text, "stated");
  g_ptr_array_add (edits, make_edit (text, UNSPIN_EDIT_REPLACE, at, at + strlen ("stated"),
                                     "said", 1.0 / 3.0));

  at = offset_of (text, "Photo:");
  g_ptr_array_add (edits, make_edit (text, UNSPIN_EDIT_INSERT, at, at, "\n", 0.85));

  for (guint i = 0; i < edits->len; i++)
    ((UnspinEdit *) g_ptr_array_index (edits, i))->id = i + 1;

  review = unspin_review_new (text, edits);
  unspin_review_accept (review, 0);
  unspin_review_reject (review, 1);
  unspin_review_set_state (review, 2, UNSPIN_REVIEW_EDITED, "Council “officials”");
  unspin_review_accept (review, 4);

  at = offset_of (text, "Harbour");
  g_assert_true (unspin_review_add_manual_edit (review, at, at + strlen ("Harbour"), "Harbor",
                                                &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 0);

  pack = unspin_data_source_new ("pack", "news-spinner", "1.2.0",
                                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                 "CC0-1.0");
  rules = unspin_data_source_new ("rules", "page-debris", "1", "00", "GPL-3.0-or-later");
  unspin_review_add_source (review, pack);
  unspin_review_add_source (review, rules);

  return review;
}

static UnspinReview *
make_review (void)
{
  return make_review_for (article, "harbour.txt");
}

static void assert_import_error (const char *json,
                                 const char *what);
static void set_span (JsonObject *root,
                      JsonArray  *edits,
                      guint       index,
                      gsize       start,
                      gsize       end);

static char *
to_json (UnspinReview *review)
{
  return unspin_export_to_string (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, NULL);
}

static UnspinReview *
import_string (const char  *json,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return unspin_import_review_from_bytes (bytes, REVIEW_NAME, error);
}

static void
assert_same_review (UnspinReview *a,
                    UnspinReview *b)
{
  UnspinText *ta = unspin_review_get_text (a);
  UnspinText *tb = unspin_review_get_text (b);
  GPtrArray *sa = unspin_review_get_sources (a);
  GPtrArray *sb = unspin_review_get_sources (b);
  gsize la, lb;
  const char *da = unspin_text_get_data (ta, &la);
  const char *db = unspin_text_get_data (tb, &lb);
  g_autofree char *ra = unspin_review_get_restored_text (a, NULL);
  g_autofree char *rb = unspin_review_get_restored_text (b, NULL);

  g_assert_cmpstr (unspin_text_get_name (ta), ==, unspin_text_get_name (tb));
  g_assert_cmpmem (da, la, db, lb);
  g_assert_cmpuint (unspin_text_get_body_start (ta), ==, unspin_text_get_body_start (tb));
  g_assert_cmpstr (ra, ==, rb);

  g_assert_cmpuint (unspin_review_get_n_edits (a), ==, unspin_review_get_n_edits (b));
  for (guint i = 0; i < unspin_review_get_n_edits (a); i++)
    {
      UnspinEdit *ea = unspin_review_get_edit (a, i);
      UnspinEdit *eb = unspin_review_get_edit (b, i);
      const char * const empty[] = { NULL };

      g_assert_cmpuint (ea->id, ==, eb->id);
      g_assert_cmpint (ea->kind, ==, eb->kind);
      g_assert_cmpuint (ea->byte_start, ==, eb->byte_start);
      g_assert_cmpuint (ea->byte_end, ==, eb->byte_end);
      g_assert_cmpuint (ea->char_start, ==, eb->char_start);
      g_assert_cmpuint (ea->char_end, ==, eb->char_end);
      g_assert_cmpstr (ea->garbled, ==, eb->garbled);
      g_assert_cmpstr (ea->proposal, ==, eb->proposal);
      g_assert_true (g_strv_equal (ea->alternatives ? (const char * const *) ea->alternatives : empty,
                                   eb->alternatives ? (const char * const *) eb->alternatives : empty));
      g_assert_cmpfloat (ea->confidence, ==, eb->confidence);
      g_assert_cmpstr (ea->source, ==, eb->source);
      g_assert_cmpstr (ea->reason, ==, eb->reason);
      g_assert_cmpint (unspin_review_get_state (a, i), ==, unspin_review_get_state (b, i));
      g_assert_cmpstr (unspin_review_get_custom_text (a, i), ==, unspin_review_get_custom_text (b, i));
    }
  g_assert_cmpuint (unspin_review_get_n_reviewed (a), ==, unspin_review_get_n_reviewed (b));

  g_assert_cmpuint (sa->len, ==, sb->len);
  for (guint i = 0; i < sa->len; i++)
    {
      const UnspinDataSource *xa = g_ptr_array_index (sa, i);
      const UnspinDataSource *xb = g_ptr_array_index (sb, i);

      g_assert_cmpstr (xa->kind, ==, xb->kind);
      g_assert_cmpstr (xa->id, ==, xb->id);
      g_assert_cmpstr (xa->version, ==, xb->version);
      g_assert_cmpstr (xa->sha256, ==, xb->sha256);
      g_assert_cmpstr (xa->license, ==, xb->license);
    }
}

/* Export, import, compare; and the second export is the same bytes. */
static void
assert_round_trip (UnspinReview *review)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinReview) imported = NULL;
  g_autofree char *json = to_json (review);
  g_autofree char *again = NULL;

  imported = import_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  assert_same_review (review, imported);
  again = to_json (imported);
  g_assert_cmpstr (json, ==, again);
}

static void
test_json_round_trip (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);

  g_assert_cmpstr (restored, ==,
                   "Harbor town opens new library\n"
                   "\n"
                   "The regional council of Saint-Étienne-sur-Mer has approved the “reading house”.\n"
                   "Read more: subscribe to our newsletter for daily updates!\n"
                   "Council “officials” stated the building would open in spring.\n"
                   "Photo: Jane Doe\n");
  g_assert_cmpint (unspin_review_get_state (review, 4), ==, UNSPIN_REVIEW_PENDING);
  assert_round_trip (review);
}

static void
test_json_content (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(JsonNode) root = unspin_export_to_json_node (review);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article, -1);
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);
  g_autofree char *text = NULL;
  JsonObject *object = json_node_get_object (root);
  JsonObject *counts = json_object_get_object_member (object, "counts");
  JsonArray *edits = json_object_get_array_member (object, "edits");
  JsonObject *edit;
  gsize len;

  g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==, "unspin-review");
  g_assert_cmpint (json_object_get_int_member (object, "schema_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "engine"),
                                                  "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "source"),
                                                  "sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (object, "garbled"), ==, article);
  g_assert_cmpstr (json_object_get_string_member (object, "restored"), ==, restored);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 2);

  g_assert_cmpint (json_object_get_int_member (counts, "edits"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (counts, "pending"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "accepted"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "edited"), ==, 2);

  /* The manual edit comes first, in text order; custom_text only where edited. */
  edit = json_array_get_object_element (edits, 0);
  g_assert_cmpstr (json_object_get_string_member (edit, "kind"), ==, "manual");
  g_assert_cmpint (json_object_get_int_member (edit, "id"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (edit, "custom_text"), ==, "Harbor");
  edit = json_array_get_object_element (edits, 1);
  g_assert_cmpstr (json_object_get_string_member (edit, "state"), ==, "accepted");
  g_assert_false (json_object_has_member (edit, "custom_text"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (edit, "alternatives")), ==, 0);
  /* Characters, not bytes: "É" and "“" are two and three bytes. */
  edit = json_array_get_object_element (edits, 3);
  g_assert_cmpint (json_object_get_int_member (edit, "byte_start") - json_object_get_int_member (edit, "char_start"), ==, 5);

  text = unspin_export_to_string (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, &len);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_true (g_str_has_prefix (text, "{\n  \"schema\" : \"unspin-review\",\n"));
  g_assert_true (g_str_has_suffix (text, "}\n"));
}

static void
test_crlf_round_trip (void)
{
  g_auto(GStrv) lines = g_strsplit (article, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(UnspinReview) review = make_review_for (crlf, "harbour-crlf.txt");
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *json = to_json (review);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (strstr (restored, "updates!\r\nCouncil"));
  assert_round_trip (review);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "garbled"), ==, crlf);

  markdown = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE, NULL);
  g_assert_null (strchr (markdown, '\r'));
}

static void
test_bom_round_trip (void)
{
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", article, NULL);
  g_autoptr(UnspinReview) review = make_review_for (with_bom, "harbour-bom.txt");
  g_autofree char *markdown = NULL;

  assert_round_trip (review);
  markdown = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE, NULL);
  g_assert_true (g_str_has_prefix (markdown, "# Harbor town opens new library\n"));

  /* An edit may not take in the byte order mark. */
  {
    g_autoptr(JsonNode) root = unspin_export_to_json_node (review);
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    JsonObject *object = json_node_get_object (root);
    g_autofree char *json = NULL;

    set_span (object, json_object_get_array_member (object, "edits"), 0, 0, 10);
    json_generator_set_root (generator, root);
    json = json_generator_to_data (generator, NULL);
    assert_import_error (json, "edits[0] (id 6): bytes 0–10 reach into the text's byte order mark");
  }
}

static void
test_no_edits_round_trip (void)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string ("", "empty.txt");
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();
  g_autoptr(UnspinReview) review = unspin_review_new (text, edits);
  g_autofree char *markdown = NULL;
  gsize len = 99;

  assert_round_trip (review);
  markdown = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE, &len);
  g_assert_cmpstr (markdown, ==, "");
  g_assert_cmpuint (len, ==, 0);
}

/* Char offsets come from the text: an edit whose producer left them at 0 still reads back. */
static void
test_char_offsets_from_text (void)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string ("Ça va: “authorities” stated.\n", "ca.txt");
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(UnspinReview) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize at = offset_of (text, "stated");
  UnspinEdit *edit;

  edit = unspin_edit_new (UNSPIN_EDIT_REPLACE, at, at + 6, "stated", "said", 0.9, "test", "test");
  edit->id = 1;
  g_ptr_array_add (edits, edit);
  review = unspin_review_new (text, edits);
  json = to_json (review);
  imported = import_string (json, &error);
  g_assert_no_error (error);
  edit = unspin_review_get_edit (imported, 0);
  g_assert_cmpuint (edit->char_start, ==, g_utf8_pointer_to_offset (unspin_text_get_data (text, NULL),
                                                                     unspin_text_get_data (text, NULL) + at));
  g_assert_cmpuint (edit->char_end - edit->char_start, ==, 6);
}

static void
test_text_export (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);
  g_autofree char *text = NULL;
  gsize len;

  text = unspin_export_to_string (review, UNSPIN_EXPORT_TEXT, UNSPIN_EXPORT_FLAGS_FRONT_MATTER, &len);
  g_assert_cmpstr (text, ==, restored);
  g_assert_cmpuint (len, ==, strlen (restored));
}

static char *
markdown_for (const char        *text,
              UnspinExportFlags  flags)
{
  g_autoptr(UnspinText) unspin_text = unspin_text_new_from_string (text, "md.txt");
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();
  g_autoptr(UnspinReview) review = unspin_review_new (unspin_text, edits);

  return unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, flags, NULL);
}

static void
assert_markdown (const char *text,
                 const char *expected)
{
  g_autofree char *markdown = markdown_for (text, UNSPIN_EXPORT_FLAGS_NONE);

  g_assert_cmpstr (markdown, ==, expected);
}

static void
test_markdown_paragraphs (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *markdown = NULL;

  markdown = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE, NULL);
  g_assert_cmpstr (markdown, ==,
                   "# Harbor town opens new library\n"
                   "\n"
                   "The regional council of Saint-Étienne-sur-Mer has approved the “reading house”.\n"
                   "\n"
                   "Read more: subscribe to our newsletter for daily updates!\n"
                   "\n"
                   "Council “officials” stated the building would open in spring.\n"
                   "\n"
                   "Photo: Jane Doe\n");

  /* Blank runs collapse, white space around paragraphs goes (also non-breaking spaces). */
  assert_markdown ("\n\n  Title here  \n\n\n\nFirst.\t\n \n\xC2\xA0Second.\xC2\xA0",
                   "# Title here\n\nFirst.\n\nSecond.\n");
}

static void
test_markdown_heading (void)
{
  /* A sentence is not a headline, nor are more than twenty words. */
  assert_markdown ("The council met today.\nMore.", "The council met today.\n\nMore.\n");
  assert_markdown ("one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one\nMore.",
                   "one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one\n\nMore.\n");
  assert_markdown ("Is the library open?\n", "# Is the library open?\n");
  /* Only the first paragraph can be the heading. */
  assert_markdown ("First line.\nSecond line", "First line.\n\nSecond line\n");
  /* A trailing run of "#" would close the heading. */
  assert_markdown ("We are number #\nx.", "# We are number \\#\n\nx.\n");
  assert_markdown ("Issue C#\nx.", "# Issue C#\n\nx.\n");
  assert_markdown ("*Breaking* [news]\nx.", "# \\*Breaking\\* \\[news\\]\n\nx.\n");
}

static void
test_markdown_escape (void)
{
  assert_markdown ("Title\n"
                   "# not a heading\n"
                   "###### six\n"
                   "####### seven is text\n"
                   "#hashtag is text\n"
                   "- not a list\n"
                   "-5 degrees\n"
                   "+ plus\n"
                   "+1 vote\n"
                   "* star\n"
                   "---\n"
                   "- - -\n"
                   "-- dashes\n"
                   "1. first\n"
                   "2020) year\n"
                   "1234567890. too long\n"
                   "3.5 percent\n"
                   "> quote\n"
                   "~~~ fence\n"
                   "~ tilde\n"
                   "a *b* _c_ `d` [e](f) back\\slash <g> 2 > 1\n"
                   "&amp; &#38; &copy; AT&T & co; &x\n"
                   "snake_case",
                   "# Title\n\n"
                   "\\# not a heading\n\n"
                   "\\###### six\n\n"
                   "####### seven is text\n\n"
                   "#hashtag is text\n\n"
                   "\\- not a list\n\n"
                   "-5 degrees\n\n"
                   "\\+ plus\n\n"
                   "+1 vote\n\n"
                   "\\* star\n\n"
                   "\\---\n\n"
                   "\\- - -\n\n"
                   "-- dashes\n\n"
                   "1\\. first\n\n"
                   "2020\\) year\n\n"
                   "1234567890. too long\n\n"
                   "3.5 percent\n\n"
                   "\\> quote\n\n"
                   "\\~~~ fence\n\n"
                   "~ tilde\n\n"
                   "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) back\\\\slash \\<g> 2 > 1\n\n"
                   "\\&amp; \\&#38; \\&copy; AT&T & co; &x\n\n"
                   "snake\\_case\n");
}

static void
test_markdown_front_matter (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *markdown = NULL;
  g_autofree char *odd = NULL;

  markdown = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN,
                                      UNSPIN_EXPORT_FLAGS_FRONT_MATTER, NULL);
  g_assert_true (g_str_has_prefix (markdown,
                                   "---\n"
                                   "title: \"Harbor town opens new library\"\n"
                                   "source: \"harbour.txt\"\n"
                                   "restored_by: \"Unspin " PACKAGE_VERSION "\"\n"
                                   "edits: 6\n"
                                   "accepted: 2\n"
                                   "rejected: 1\n"
                                   "edited: 2\n"
                                   "pending: 1\n"
                                   "---\n"
                                   "\n"
                                   "# Harbor town opens new library\n"
                                   "\n"
                                   "The regional council"));

  /* Quotes, backslashes and control characters in YAML strings; no title without a heading. */
  {
    g_autoptr(UnspinText) text = unspin_text_new_from_string ("He said \"no\".\n",
                                                              "C:\\news\\\"odd\"\x01\t.txt");
    g_autoptr(GPtrArray) edits = g_ptr_array_new ();
    g_autoptr(UnspinReview) plain = unspin_review_new (text, edits);

    odd = unspin_export_to_string (plain, UNSPIN_EXPORT_MARKDOWN,
                                   UNSPIN_EXPORT_FLAGS_FRONT_MATTER, NULL);
    g_assert_cmpstr (odd, ==,
                     "---\n"
                     "source: \"C:\\\\news\\\\\\\"odd\\\"\\x01\\t.txt\"\n"
                     "restored_by: \"Unspin " PACKAGE_VERSION "\"\n"
                     "edits: 0\naccepted: 0\nrejected: 0\nedited: 0\npending: 0\n"
                     "---\n"
                     "\n"
                     "He said \"no\".\n");
  }
  g_free (odd);
  odd = markdown_for ("A \"quoted\" \\ title\xE2\x80\xA8\n", UNSPIN_EXPORT_FLAGS_FRONT_MATTER);
  g_assert_true (g_str_has_prefix (odd, "---\ntitle: \"A \\\"quoted\\\" \\\\ title\"\n"));
}

static void
test_format_names (void)
{
  UnspinExportFormat format;

  for (guint i = UNSPIN_EXPORT_TEXT; i <= UNSPIN_EXPORT_JSON; i++)
    {
      g_assert_true (unspin_export_format_from_string (unspin_export_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
    }
  g_assert_cmpstr (unspin_export_format_to_string (UNSPIN_EXPORT_MARKDOWN), ==, "markdown");
  g_assert_false (unspin_export_format_from_string ("html", &format));
  g_assert_false (unspin_export_format_from_string (NULL, &format));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_to_file (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *dir = g_dir_make_tmp ("unspin-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "harbour.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinReview) imported = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (unspin_export_to_file (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE,
                                        file, NULL, &error));
  g_assert_no_error (error);
  expected = to_json (review);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  imported = unspin_import_review_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_review (review, imported);

  /* A second write replaces the file, leaving no temporary file behind. */
  unspin_review_accept (review, 4);
  g_assert_true (unspin_export_to_file (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE,
                                        file, NULL, &error));
  g_assert_no_error (error);
  g_free (contents);
  g_free (expected);
  expected = unspin_export_to_string (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_to_file_failures (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autofree char *dir = g_dir_make_tmp ("unspin-export-XXXXXX", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *missing_path = g_build_filename (missing_dir, "harbour.md", NULL);
  g_autofree char *path = g_build_filename (dir, "harbour.md", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE,
                                         missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing_path));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_clear_error (&error);

  /* Writing over a folder fails and leaves it alone. */
  g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_TEXT, UNSPIN_EXPORT_FLAGS_NONE,
                                         folder, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, dir));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* A cancelled write keeps the previous file as it was. */
  g_assert_true (g_file_set_contents (path, "previous\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_MARKDOWN, UNSPIN_EXPORT_FLAGS_NONE,
                                         file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous\n");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* A write that fails half way (here: the file size limit) keeps the previous file, where
 * g_file_replace_contents() would rename the partial file over it. */
static void
test_to_file_write_error (void)
{
#ifdef G_OS_UNIX
  if (g_test_subprocess ())
    {
      g_autoptr(GString) long_text = g_string_new (NULL);
      g_autoptr(UnspinText) text = NULL;
      g_autoptr(GPtrArray) edits = g_ptr_array_new ();
      g_autoptr(UnspinReview) review = NULL;
      g_autofree char *dir = g_dir_make_tmp ("unspin-export-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "long.txt", NULL);
      g_autofree char *new_path = g_build_filename (dir, "new.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      struct rlimit limit = { 4096, 4096 };

      for (guint i = 0; i < 1000; i++)
        g_string_append (long_text, "The council has actually approved the budget.\n");
      text = unspin_text_new_from_string (long_text->str, "long.txt");
      review = unspin_review_new (text, edits);
      g_assert_true (g_file_set_contents (path, "previous\n", -1, NULL));

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_TEXT, UNSPIN_EXPORT_FLAGS_NONE,
                                             file, NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "previous\n");
      g_clear_error (&error);

      /* A new file that could not be written completely is not left behind. */
      g_assert_false (unspin_export_to_file (review, UNSPIN_EXPORT_TEXT, UNSPIN_EXPORT_FLAGS_NONE,
                                             new_file, NULL, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      g_unlink (path);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#else
  g_test_skip ("needs a file size limit (setrlimit)");
#endif
}

/* Import errors: each starts from a good export, changes one thing with json-glib, and expects
 * UNSPIN_ERROR_BAD_REVIEW naming the file and saying @what. */

typedef void (*Corrupt) (JsonObject *root,
                         JsonArray  *edits);

static void
assert_import_error (const char *json,
                     const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinReview) review = import_string (json, &error);

  g_assert_null (review);
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_REVIEW);
  if (!g_str_has_prefix (error->message, REVIEW_NAME ": ") || strstr (error->message, what) == NULL)
    g_error ("expected “%s” in the error, got “%s”", what, error->message);
  if (g_getenv ("SHOW_ERRORS"))
    g_printerr ("%s\n", error->message);
}

static void
assert_corrupt_fails (Corrupt     corrupt,
                      const char *what)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(JsonNode) root = unspin_export_to_json_node (review);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_node_get_object (root);
  g_autofree char *json = NULL;

  corrupt (object, json_object_get_array_member (object, "edits"));
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  assert_import_error (json, what);
}

static JsonObject *
edit_at (JsonArray *edits,
         guint      index)
{
  return json_array_get_object_element (edits, index);
}

/* Sets edit @index's span to bytes [start, end) consistently (garbled, char offsets). */
static void
set_span (JsonObject *root,
          JsonArray  *edits,
          guint       index,
          gsize       start,
          gsize       end)
{
  const char *garbled = json_object_get_string_member (root, "garbled");
  g_autoptr(UnspinText) text = unspin_text_new_from_string (garbled, "t");
  g_autofree char *span = g_strndup (garbled + start, end - start);
  JsonObject *edit = edit_at (edits, index);

  json_object_set_int_member (edit, "byte_start", start);
  json_object_set_int_member (edit, "byte_end", end);
  json_object_set_int_member (edit, "char_start", unspin_text_byte_to_char (text, start));
  json_object_set_int_member (edit, "char_end", unspin_text_byte_to_char (text, end));
  json_object_set_string_member (edit, "garbled", span);
}

static void
corrupt_schema (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (root, "schema", "unspin-phrase-pack");
}

static void
corrupt_no_schema (JsonObject *root, JsonArray *edits)
{
  json_object_remove_member (root, "schema");
}

static void
corrupt_newer (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (root, "schema_version", 2);
}

static void
corrupt_version_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (root, "schema_version", "1");
}

static void
corrupt_garbled (JsonObject *root, JsonArray *edits)
{
  g_autofree char *text = g_strconcat (json_object_get_string_member (root, "garbled"), "x", NULL);

  json_object_set_string_member (root, "garbled", text);
}

static void
corrupt_sha_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (json_object_get_object_member (root, "source"), "sha256", 0);
}

static void
corrupt_restored (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (root, "restored", "Something else entirely.\n");
}

static void
corrupt_past_end (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 5), "byte_end",
                              strlen (json_object_get_string_member (root, "garbled")) + 5);
}

static void
corrupt_negative (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 1), "byte_start", -3);
}

static void
corrupt_huge (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 1), "byte_end", G_MAXINT64);
}

static void
corrupt_reversed (JsonObject *root, JsonArray *edits)
{
  JsonObject *edit = edit_at (edits, 1);
  gint64 start = json_object_get_int_member (edit, "byte_start");

  json_object_set_int_member (edit, "byte_start", json_object_get_int_member (edit, "byte_end"));
  json_object_set_int_member (edit, "byte_end", start);
}

static void
corrupt_overlap (JsonObject *root, JsonArray *edits)
{
  JsonObject *prev = edit_at (edits, 1);

  /* edits[2] now starts inside edits[1] ("has actually"). */
  set_span (root, edits, 2, json_object_get_int_member (prev, "byte_end") - 3,
            json_object_get_int_member (edit_at (edits, 2), "byte_end"));
}

static void
corrupt_order (JsonObject *root, JsonArray *edits)
{
  JsonNode *first = json_node_copy (json_array_get_element (edits, 0));

  json_array_remove_element (edits, 0);
  json_array_add_element (edits, first);
}

static void
corrupt_two_insertions (JsonObject *root, JsonArray *edits)
{
  gint64 at = json_object_get_int_member (edit_at (edits, 5), "byte_start");

  /* The pending "stated" edit becomes a second insertion where "Photo:" starts. */
  set_span (root, edits, 4, at, at);
}

static void
corrupt_garbled_span (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 1), "garbled", "had actually");
}

static void
corrupt_boundary (JsonObject *root, JsonArray *edits)
{
  const char *garbled = json_object_get_string_member (root, "garbled");
  gsize inside = strstr (garbled, "É") - garbled + 1;

  json_object_set_int_member (edit_at (edits, 1), "byte_start", inside);
}

static void
corrupt_char_offsets (JsonObject *root, JsonArray *edits)
{
  JsonObject *edit = edit_at (edits, 1);

  /* Byte offsets where character offsets belong (the text has multibyte characters). */
  json_object_set_int_member (edit, "char_start", json_object_get_int_member (edit, "byte_start"));
  json_object_set_int_member (edit, "char_end", json_object_get_int_member (edit, "byte_end"));
}

static void
corrupt_no_custom_text (JsonObject *root, JsonArray *edits)
{
  json_object_remove_member (edit_at (edits, 3), "custom_text");
}

static void
corrupt_stray_custom_text (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 1), "custom_text", "has");
}

static void
corrupt_offset_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 1), "byte_start", "10");
}

static void
corrupt_offset_double (JsonObject *root, JsonArray *edits)
{
  json_object_set_double_member (edit_at (edits, 1), "byte_start", 10.5);
}

static void
corrupt_kind_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 1), "kind", 0);
}

static void
corrupt_kind (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 1), "kind", "swap");
}

static void
corrupt_state (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 1), "state", "maybe");
}

static void
corrupt_alternatives (JsonObject *root, JsonArray *edits)
{
  json_object_set_string_member (edit_at (edits, 3), "alternatives", "Leaders");
}

static void
corrupt_alternative_item (JsonObject *root, JsonArray *edits)
{
  json_array_add_null_element (json_object_get_array_member (edit_at (edits, 3), "alternatives"));
}

static void
corrupt_confidence (JsonObject *root, JsonArray *edits)
{
  json_object_set_double_member (edit_at (edits, 1), "confidence", 1.5);
}

static void
corrupt_confidence_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_boolean_member (edit_at (edits, 1), "confidence", TRUE);
}

static void
corrupt_duplicate_id (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 2), "id", 1);
}

static void
corrupt_zero_id (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (edit_at (edits, 2), "id", 0);
}

static void
corrupt_missing_member (JsonObject *root, JsonArray *edits)
{
  json_object_remove_member (edit_at (edits, 2), "reason");
}

static void
corrupt_edit_type (JsonObject *root, JsonArray *edits)
{
  json_array_add_string_element (edits, "replace");
}

static void
corrupt_edits_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_object_member (root, "edits", json_object_new ());
}

static void
corrupt_data_type (JsonObject *root, JsonArray *edits)
{
  json_object_set_int_member (json_array_get_object_element (json_object_get_array_member (root, "data"), 1),
                              "license", 3);
}

static void
test_import_errors (void)
{
  static const struct {
    Corrupt     corrupt;
    const char *what;
  } cases[] = {
    { corrupt_schema, "not an Unspin review (\"schema\" is \"unspin-phrase-pack\"" },
    { corrupt_no_schema, "not an Unspin review" },
    { corrupt_newer, "written by a newer Unspin (review format 2); this version reads format 1" },
    { corrupt_version_type, "\"schema_version\" must be a whole number, not a string" },
    { corrupt_garbled, "does not match its SHA-256" },
    { corrupt_sha_type, "\"source\": \"sha256\" must be a string, not a number" },
    { corrupt_restored, "\"restored\" is not the garbled text" },
    { corrupt_past_end, "edits[5] (id 5): \"byte_end\" is 258; it must be from 0 to 253" },
    { corrupt_negative, "edits[1] (id 1): \"byte_start\" is -3" },
    { corrupt_huge, "\"byte_end\" is 9223372036854775807" },
    { corrupt_reversed, "edits[1] (id 1): \"byte_start\"" },
    { corrupt_overlap, "edits[2] (id 2): bytes 88–184 overlap edits[1] (id 1) at bytes 79–91" },
    { corrupt_order, "edits[5] (id 6): bytes 0–7 come before edits[4] (id 5)" },
    { corrupt_two_insertions, "edits[5] (id 5): a second insertion at byte 237, after edits[4] (id 4)" },
    { corrupt_garbled_span, "edits[1] (id 1): \"garbled\" is not the text at bytes" },
    { corrupt_boundary, "edits[1] (id 1): bytes 63–91 split a character" },
    { corrupt_char_offsets, "character offsets 79–91 do not match byte offsets 79–91" },
    { corrupt_no_custom_text, "edits[3] (id 3): \"custom_text\" is missing" },
    { corrupt_stray_custom_text, "has a \"custom_text\" but its state is \"accepted\"" },
    { corrupt_offset_type, "\"byte_start\" must be a whole number, not a string" },
    { corrupt_offset_double, "\"byte_start\" must be a whole number, not 10.5" },
    { corrupt_kind_type, "\"kind\" must be a string, not a number" },
    { corrupt_kind, "unknown \"kind\" \"swap\"" },
    { corrupt_state, "unknown \"state\" \"maybe\"" },
    { corrupt_alternatives, "\"alternatives\" must be an array, not a string" },
    { corrupt_alternative_item, "\"alternatives\"[1] must be a string, not null" },
    { corrupt_confidence, "\"confidence\" is 1.5" },
    { corrupt_confidence_type, "\"confidence\" must be a number, not true or false" },
    { corrupt_duplicate_id, "edits[2] (id 1): another edit has the same id" },
    { corrupt_zero_id, "edits[2]: \"id\" must be 1 or more" },
    { corrupt_missing_member, "edits[2] (id 2): \"reason\" is missing" },
    { corrupt_edit_type, "edits[6]: must be an object, not a string" },
    { corrupt_edits_type, "\"edits\" must be an array, not an object" },
    { corrupt_data_type, "data[1]: \"license\" must be a string, not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_corrupt_fails (cases[i].corrupt, cases[i].what);
}

static void
test_import_not_a_review (void)
{
  GString *deep = g_string_new ("{\"schema\": ");
  g_autofree char *surrogate = NULL;
  g_autofree char *good = NULL;

  assert_import_error ("this is not JSON {", "not valid JSON");
  assert_import_error ("", "not valid JSON");
  assert_import_error ("[1, 2, 3]", "not an Unspin review (the JSON is an array");
  assert_import_error ("\"unspin-review\"", "not an Unspin review (the JSON is a string");
  assert_import_error ("{}", "not an Unspin review");

  /* json-glib 1.6 would overflow the stack on this. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_import_error (deep->str, "nests more than");
  g_string_free (deep, TRUE);

  /* json-glib decodes a lone surrogate escape to bytes that are not UTF-8. */
  {
    g_autoptr(UnspinReview) review = make_review ();
    GString *json;

    good = to_json (review);
    json = g_string_new (good);
    g_string_replace (json, "Leaders", "Lead\\ud800ers", 1);
    surrogate = g_string_free (json, FALSE);
  }
  assert_import_error (surrogate, "\"alternatives\"[0] is not valid UTF-8");
}

static void
test_import_lenient (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(JsonNode) root = unspin_export_to_json_node (review);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(UnspinReview) imported = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (root);
  JsonObject *edit = json_array_get_object_element (json_object_get_array_member (object, "edits"), 2);
  g_autofree char *json = NULL;
  g_autofree char *sha256 = g_ascii_strup (json_object_get_string_member (
                                             json_object_get_object_member (object, "source"),
                                             "sha256"), -1);

  /* Unknown members are ignored; "engine", "counts" and "data" are optional; an integral
   * confidence is a number; the checksum's hex digits may be upper case. */
  json_object_set_string_member (object, "comment", "from another tool");
  json_object_remove_member (object, "engine");
  json_object_remove_member (object, "counts");
  json_object_remove_member (object, "data");
  json_object_set_int_member (edit, "confidence", 1);
  json_object_set_string_member (json_object_get_object_member (object, "source"), "sha256", sha256);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  imported = import_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (unspin_review_get_edit (imported, 2)->confidence, ==, 1.0);
  g_assert_cmpuint (unspin_review_get_sources (imported)->len, ==, 0);
}

static void
test_import_file_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;

  g_assert_null (unspin_import_review_from_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing_path));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"schema\": \"unspin-review\", \"schema_version\": 7}", -1, NULL));
  g_assert_null (unspin_import_review_from_file (file, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_REVIEW);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "review format 7"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/export/json-round-trip", test_json_round_trip);
  g_test_add_func ("/unspin/export/json-content", test_json_content);
  g_test_add_func ("/unspin/export/crlf-round-trip", test_crlf_round_trip);
  g_test_add_func ("/unspin/export/bom-round-trip", test_bom_round_trip);
  g_test_add_func ("/unspin/export/no-edits-round-trip", test_no_edits_round_trip);
  g_test_add_func ("/unspin/export/char-offsets-from-text", test_char_offsets_from_text);
  g_test_add_func ("/unspin/export/text", test_text_export);
  g_test_add_func ("/unspin/export/markdown-paragraphs", test_markdown_paragraphs);
  g_test_add_func ("/unspin/export/markdown-heading", test_markdown_heading);
  g_test_add_func ("/unspin/export/markdown-escape", test_markdown_escape);
  g_test_add_func ("/unspin/export/markdown-front-matter", test_markdown_front_matter);
  g_test_add_func ("/unspin/export/format-names", test_format_names);
  g_test_add_func ("/unspin/export/to-file", test_to_file);
  g_test_add_func ("/unspin/export/to-file-failures", test_to_file_failures);
  g_test_add_func ("/unspin/export/to-file-write-error", test_to_file_write_error);
  g_test_add_func ("/unspin/import/errors", test_import_errors);
  g_test_add_func ("/unspin/import/not-a-review", test_import_not_a_review);
  g_test_add_func ("/unspin/import/lenient", test_import_lenient);
  g_test_add_func ("/unspin/import/file-errors", test_import_file_errors);

  return g_test_run ();
}
