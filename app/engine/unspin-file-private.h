/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a data file should be. Messages name it in whole sentences, one per kind, so that
 * translations need not fit a phrase ("a phrase pack") into a sentence. */
typedef enum {
  UNSPIN_FILE_ARTICLE,
  UNSPIN_FILE_PHRASE_PACK,
  UNSPIN_FILE_RULES,
  UNSPIN_FILE_REVIEW,
  UNSPIN_FILE_THESAURUS,
} UnspinFileKind;

/* Reads a whole file, with a NUL after its last byte (not counted in the length). Refuses a
 * folder, and a file over @max_size bytes (0 for no limit) with UNSPIN_ERROR_TOO_LARGE, saying
 * the limit is for @kind ("an article"). Every error message begins with the file's name, which
 * @name (when not NULL) receives in any case. */
GBytes *unspin_file_load (GFile         *file,
                          gsize          max_size,
                          UnspinFileKind kind,
                          GCancellable  *cancellable,
                          char         **name,
                          GError       **error);

/* The next line of a data file's text at @*cursor that is neither empty nor a comment ("#"),
 * ended with a NUL in place; moves @*cursor past it and counts the lines read in @*line_no.
 * NULL at the end of the text. */
char    *unspin_file_next_line  (char    **cursor,
                                 guint    *line_no);

/* Whether @data[0, len) is UTF-8 text that begins with @header (a data file's first line). */
gboolean unspin_file_has_header (const char *data,
                                 gsize       len,
                                 const char *header);

G_END_DECLS
