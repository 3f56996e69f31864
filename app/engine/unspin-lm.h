/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * An n-gram language model: how likely a word is after the words before it, in nats. The one
 * backend reads CMU Sphinx models (the trie binary `en-us.lm.bin`, or ARPA text) through the
 * Sphinx library; the rest of the engine sees only this interface.
 *
 * Words are looked up lower-case, with ’ read as ' ("iraq's"). The English model knows no
 * digits, no punctuation and has no unknown-word entry: unspin_lm_lookup() returns
 * UNSPIN_LM_NO_WORD for those, and the caller decides what they mean (the scorer cuts the
 * history there).
 *
 * Read-only once loaded; scoring from several threads at once is safe (the library keeps a
 * history cache inside the model, so each call holds the model's lock; see unspin-lm.c).
 */

#define UNSPIN_LM_NO_WORD (-1)

#define UNSPIN_TYPE_LM (unspin_lm_get_type ())
G_DECLARE_FINAL_TYPE (UnspinLm, unspin_lm, UNSPIN, LM, GObject)

/* Whether this build can read models at all (it was built with the Sphinx library). */
gboolean     unspin_lm_is_supported      (void);

/* The model to use when none is given: $UNSPIN_LM_MODEL when set and not empty, else the
 * build's default (the path the distribution's package installs). NULL when neither. */
const char  *unspin_lm_get_default_path  (void);

/* Errors: UNSPIN_ERROR_BAD_MODEL naming the file and what is wrong; I/O errors keep their
 * GIOError code, prefixed with the file name. */
UnspinLm    *unspin_lm_new_from_file     (GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);

/* The file it was read from, for messages and exports. */
const char  *unspin_lm_get_path          (UnspinLm     *self);
/* The n of the n-grams (3 for the English model). */
guint        unspin_lm_get_order         (UnspinLm     *self);
guint        unspin_lm_get_n_words       (UnspinLm     *self);

/* The id of a normalised word (lower case, ' for ’), or UNSPIN_LM_NO_WORD. @len may be -1. */
int          unspin_lm_lookup            (UnspinLm     *self,
                                          const char   *word,
                                          gssize        len);
/* The ids of the sentence markers <s> and </s>. */
int          unspin_lm_get_sentence_start (UnspinLm    *self);
int          unspin_lm_get_sentence_end   (UnspinLm    *self);

/* ln P(word | history): @history holds the words before it, nearest first (history[0] is the
 * word just before), n_history of them; ids must be known words. *n_used (may be NULL) gets
 * the length of the n-gram the model had: 1 when it backed off to the word alone. */
double       unspin_lm_score             (UnspinLm     *self,
                                          int           word,
                                          const int    *history,
                                          guint         n_history,
                                          guint        *n_used);

/* A thread's memory of n-gram scores it asked for: text repeats its n-grams, and a lookup in
 * the model costs far more than one here. Never share one between threads. */
typedef struct _UnspinLmCache UnspinLmCache;

UnspinLmCache *unspin_lm_cache_new       (void);
void         unspin_lm_cache_free        (UnspinLmCache *cache);

/* The sum of ln P over words[first, n): each word is scored after the up to order-1 words
 * before it in @words (ids), so words[0, first) are context only. A UNSPIN_LM_NO_WORD entry
 * is not scored and the history restarts after it. @cache may be NULL; it must have been used
 * with this model only. */
double       unspin_lm_score_sequence    (UnspinLm      *self,
                                          UnspinLmCache *cache,
                                          const int     *words,
                                          guint          n,
                                          guint          first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinLmCache, unspin_lm_cache_free)

G_END_DECLS
