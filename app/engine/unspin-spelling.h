/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * American and British spellings. The packs and thesauri write American spellings; an article
 * that spells the British way gets its proposals' words in British spelling ("apologized" ->
 * "apologised"). Read from data/spelling/us-uk.tsv, which tools/make-spelling.py derives from
 * SCOWL's word lists: "# unspin-spelling 1", then "american<TAB>british" lines. Read-only once
 * loaded, so threads may share it.
 */
typedef struct _UnspinSpelling UnspinSpelling;

/* Errors: UNSPIN_ERROR_BAD_PACK naming the file and line; I/O errors prefixed with the name. */
UnspinSpelling *unspin_spelling_new_from_file  (GFile           *file,
                                                GCancellable    *cancellable,
                                                GError         **error);
UnspinSpelling *unspin_spelling_new_from_bytes (GBytes          *bytes,
                                                const char      *name,
                                                GError         **error);
void            unspin_spelling_free           (UnspinSpelling  *self);

/* Whether @data[start, end) reads as British: more of its words (in its first 64 KB) have a
 * spelling only British English uses than one only American English uses, one at least. */
gboolean        unspin_spelling_reads_british  (UnspinSpelling  *self,
                                                const char      *data,
                                                gsize            start,
                                                gsize            end);
/* @text with the British spelling of each of its lower-case words spelled only the American
 * way ("apologized to" -> "apologised to"), or NULL when it has none. A word with a capital is
 * a name's and stays ("World Health Organization"). */
char           *unspin_spelling_to_british     (UnspinSpelling  *self,
                                                const char      *text);
/* The British spelling of a lower-case American-only word, or NULL. */
const char     *unspin_spelling_lookup         (UnspinSpelling  *self,
                                                const char      *american);
guint           unspin_spelling_get_n_words    (UnspinSpelling  *self);
/* Lower-case hex SHA-256 of the file, for exports. */
const char     *unspin_spelling_get_sha256     (UnspinSpelling  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinSpelling, unspin_spelling_free)

G_END_DECLS
