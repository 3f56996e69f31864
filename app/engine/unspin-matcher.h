/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "unspin-phrase-pack.h"
#include "unspin-spelling.h"
#include "unspin-text.h"

G_BEGIN_DECLS

/*
 * Finds pack phrases in tokenised text: a trie over normalised tokens, longest match first,
 * case-insensitive, non-overlapping, scanning left to right. Linear in the number of tokens
 * (each position walks at most the longest phrase's length). Built once, then read-only, so
 * one matcher may serve several threads.
 */

typedef struct {
  guint                   token_start;  /* index into the tokens passed in */
  guint                   token_end;    /* one past the last token of the match */
  UnspinPhrasePack       *pack;         /* not a reference */
  const UnspinPackEntry  *entry;
} UnspinMatch;

typedef struct _UnspinMatcher UnspinMatcher;

UnspinMatcher *unspin_matcher_new       (void);
void           unspin_matcher_free      (UnspinMatcher    *self);
/* When two packs list the same garbled phrase, the pack added first wins. Keeps a ref on pack. */
void           unspin_matcher_add_pack  (UnspinMatcher    *self,
                                         UnspinPhrasePack *pack);
/* Phrases of packs added from now on also match with their words spelled the British way ("wellness
 * centre" for an entry "wellness center"); @spelling (not owned) must outlive the matcher. */
void           unspin_matcher_set_spelling (UnspinMatcher  *self,
                                            UnspinSpelling *spelling);
guint          unspin_matcher_get_n_phrases (UnspinMatcher *self);

/* Appends the matches in tokens[0, n_tokens) of @text to @matches (a GArray of UnspinMatch),
 * in text order. An entry whose context conditions fail at a position does not match there
 * (a shorter phrase starting at the same token may). Thread-safe. */
void           unspin_matcher_find      (UnspinMatcher     *self,
                                         const char        *text,
                                         const UnspinToken *tokens,
                                         guint              n_tokens,
                                         GArray            *matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinMatcher, unspin_matcher_free)

G_END_DECLS
