/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: arbitrary bytes as a review JSON; a review that imports is exported and
 * imported again, and must export the same; so must the input with its SHA-256 and "restored"
 * made to agree with its text and edits. Built and run by tests/fuzz/run.sh. */
#include <stdint.h>
#include <string.h>

#include "unspin-export.h"
#include "unspin-json-private.h"
#include "fuzz-log.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_log_init ();
  return 0;
}

static char *
export_json (UnspinReview *review)
{
  g_autoptr(JsonNode) node = unspin_export_to_json_node (review);

  return json_to_string (node, FALSE);
}

/* An imported review exports, imports again, and exports the same. */
static void
check_round_trip (UnspinReview *review)
{
  g_autoptr(UnspinReview) again = NULL;
  g_autoptr(GBytes) exported_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = export_json (review);
  g_autofree char *reexported = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *restored_again = NULL;

  exported_bytes = g_bytes_new (exported, strlen (exported));
  again = unspin_import_review_from_bytes (exported_bytes, "fuzz-review-again.json", &error);
  if (again == NULL)
    g_error ("an exported review does not import: %s\n%s", error->message, exported);

  reexported = export_json (again);
  g_assert_cmpstr (exported, ==, reexported);
  restored = unspin_review_get_restored_text (review, NULL);
  restored_again = unspin_review_get_restored_text (again, NULL);
  g_assert_cmpstr (restored, ==, restored_again);
}

/* The member if it is a string or a whole number, else NULL or -1 (json-glib's _with_default()
 * getters are critical about objects and arrays). */
static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : -1;
}

/* Most mutations of "garbled" or of an edit fail the SHA-256 or "restored" check; fix both up, as
 * a hand-edited file would, so that the checks after them are reached too. Returns NULL when the
 * input is not a JSON object with a garbled text. */
static GBytes *
fix_derived_members (const uint8_t *data, size_t size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *sha256 = NULL;
  JsonObject *root, *source;
  JsonArray *edits;
  const char *garbled;
  GString *restored;
  gsize len, pos = 0;
  gboolean valid = TRUE;
  char *json;

  /* json-glib's parser would run out of stack where the import refuses the input. */
  if (!unspin_json_nesting_within ((const char *) data, size, 64)
      || !json_parser_load_from_data (parser, (const char *) data, size, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (member_string (root, "garbled") == NULL
      || !json_object_has_member (root, "source")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "source")))
    return NULL;
  garbled = member_string (root, "garbled");
  len = strlen (garbled);
  source = json_object_get_object_member (root, "source");
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) garbled, len);
  json_object_set_string_member (source, "sha256", sha256);

  restored = g_string_new (NULL);
  if (json_object_has_member (root, "edits") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "edits")))
    {
      edits = json_object_get_array_member (root, "edits");
      for (guint i = 0; valid && i < json_array_get_length (edits); i++)
        {
          JsonNode *node = json_array_get_element (edits, i);
          JsonObject *edit;
          gint64 start, end;
          const char *state, *with = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            break;
          edit = json_node_get_object (node);
          start = member_int (edit, "byte_start");
          end = member_int (edit, "byte_end");
          state = member_string (edit, "state");
          if (start < (gint64) pos || end < start || end > (gint64) len)
            {
              valid = FALSE;
              break;
            }
          if (g_strcmp0 (state, "accepted") == 0)
            with = member_string (edit, "proposal");
          else if (g_strcmp0 (state, "edited") == 0)
            with = member_string (edit, "custom_text");
          g_string_append_len (restored, garbled + pos, start - pos);
          g_string_append (restored, with ? with : "");
          if (with == NULL)
            g_string_append_len (restored, garbled + start, end - start);
          pos = end;
        }
    }
  g_string_append_len (restored, garbled + pos, len - pos);
  if (valid)
    json_object_set_string_member (root, "restored", restored->str);
  g_string_free (restored, TRUE);

  json = json_to_string (json_parser_get_root (parser), FALSE);
  return g_bytes_new_take (json, strlen (json));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) fixed = NULL;
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(UnspinReview) fixed_review = NULL;
  g_autoptr(GError) error = NULL;

  review = unspin_import_review_from_bytes (bytes, "fuzz-review.json", &error);
  if (review != NULL)
    check_round_trip (review);
  else
    g_assert (error->domain == UNSPIN_ERROR);
  g_clear_error (&error);

  fixed = fix_derived_members (data, size);
  if (fixed == NULL)
    return 0;
  fixed_review = unspin_import_review_from_bytes (fixed, "fuzz-review-fixed.json", &error);
  if (fixed_review != NULL)
    check_round_trip (fixed_review);
  else
    g_assert (error->domain == UNSPIN_ERROR);
  return 0;
}
