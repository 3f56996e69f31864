/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: arbitrary bytes as a review JSON; a review that imports is exported and
 * imported again, and must export the same. Built and run by tests/fuzz/run.sh. */
#include <stdint.h>
#include <string.h>

#include "unspin-export.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static char *
export_json (UnspinReview *review)
{
  g_autoptr(JsonNode) node = unspin_export_to_json_node (review);

  return json_to_string (node, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(UnspinReview) again = NULL;
  g_autoptr(GBytes) exported_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *reexported = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *restored_again = NULL;

  review = unspin_import_review_from_bytes (bytes, "fuzz-review.json", &error);
  if (review == NULL)
    {
      g_assert (error->domain == UNSPIN_ERROR);
      return 0;
    }

  exported = export_json (review);
  exported_bytes = g_bytes_new (exported, strlen (exported));
  again = unspin_import_review_from_bytes (exported_bytes, "fuzz-review-again.json", &error);
  if (again == NULL)
    g_error ("an exported review does not import: %s\n%s", error->message, exported);

  reexported = export_json (again);
  g_assert_cmpstr (exported, ==, reexported);
  restored = unspin_review_get_restored_text (review, NULL);
  restored_again = unspin_review_get_restored_text (again, NULL);
  g_assert_cmpstr (restored, ==, restored_again);
  return 0;
}
