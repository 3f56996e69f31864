/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "unspin-error.h"
#include "unspin-review.h"

G_BEGIN_DECLS

typedef enum {
  UNSPIN_EXPORT_TEXT,
  UNSPIN_EXPORT_MARKDOWN,
  UNSPIN_EXPORT_JSON,
} UnspinExportFormat;

typedef enum {
  UNSPIN_EXPORT_FLAGS_NONE         = 0,
  /* Markdown: YAML front matter with the source's name and the edit counts. */
  UNSPIN_EXPORT_FLAGS_FRONT_MATTER = 1 << 0,
} UnspinExportFlags;

/* The JSON schema's name and version, written as "schema" (docs/review-json.md). */
#define UNSPIN_REVIEW_SCHEMA "unspin-review"
#define UNSPIN_REVIEW_SCHEMA_VERSION 1

gboolean    unspin_export_format_from_string (const char         *string,
                                              UnspinExportFormat *format);
const char *unspin_export_format_to_string   (UnspinExportFormat  format);

/* The review as JSON (garbled text, restored text, every edit and its state, data sources,
 * engine version), built with json-glib. */
JsonNode   *unspin_export_to_json_node (UnspinReview      *review);

/* Text: the restored text. Markdown: the first paragraph as a "# " heading (when it reads as a
 * headline), the other paragraphs separated by blank lines, Markdown specials escaped. */
char       *unspin_export_to_string    (UnspinReview      *review,
                                        UnspinExportFormat format,
                                        UnspinExportFlags  flags,
                                        gsize             *length);

/* Writes atomically (GIO: a temporary file renamed over @file); on failure the previous file is
 * left as it was and the error names @file. */
gboolean    unspin_export_to_file      (UnspinReview      *review,
                                        UnspinExportFormat format,
                                        UnspinExportFlags  flags,
                                        GFile             *file,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* Reads a review written by unspin_export_to_json_node(): the same text, edits (ids, ranges,
 * alternatives...), states and sources. Errors are UNSPIN_ERROR_BAD_REVIEW naming @name and what is
 * wrong (unknown schema version, offsets outside the text, overlapping edits...). */
UnspinReview *unspin_import_review_from_bytes (GBytes       *bytes,
                                               const char   *name,
                                               GError      **error);
UnspinReview *unspin_import_review_from_file  (GFile        *file,
                                               GCancellable *cancellable,
                                               GError      **error);

G_END_DECLS
