/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The reverse thesaurus: for a word a spinner may have written, the words it may have replaced,
 * already inflected like it ("stated" -> "said", "declared"...), best first. Read from
 * data/thesaurus/reverse-thesaurus.tsv, which tools/make-thesaurus.py derives from the MyThes
 * English thesaurus (WordNet 3.0). Read-only once loaded, so threads may share it.
 */
#define UNSPIN_TYPE_THESAURUS (unspin_thesaurus_get_type ())
G_DECLARE_FINAL_TYPE (UnspinThesaurus, unspin_thesaurus, UNSPIN, THESAURUS, GObject)

/* Errors: UNSPIN_ERROR_BAD_PACK naming the file and line; I/O errors prefixed with the name. */
UnspinThesaurus    *unspin_thesaurus_new_from_file  (GFile           *file,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
UnspinThesaurus    *unspin_thesaurus_new_from_bytes (GBytes          *bytes,
                                                     const char      *name,
                                                     GError         **error);

/* The candidates for a normalised word (lower case, ' for ’), NULL-terminated, or NULL. A line
 * may end with a third column, "SEEN OWN": how often the word was seen replacing another and
 * how often standing for itself; @seen and @own (may be NULL) get them, 0 when not given. */
const char * const *unspin_thesaurus_lookup         (UnspinThesaurus *self,
                                                     const char      *word,
                                                     guint           *seen,
                                                     guint           *own);
guint               unspin_thesaurus_get_n_words    (UnspinThesaurus *self);
/* Lower-case hex SHA-256 of the file, for exports. */
const char         *unspin_thesaurus_get_sha256     (UnspinThesaurus *self);

G_END_DECLS
