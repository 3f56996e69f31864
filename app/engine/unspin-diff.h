/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A word-level diff of two texts (Myers' O(ND) algorithm in linear space, on word tokens as
 * unspin_tokenize() makes them; whitespace is not compared). Near-linear when the texts are
 * similar, as a garbled text and its restoration are.
 */

typedef enum {
  UNSPIN_DIFF_EQUAL,
  UNSPIN_DIFF_DELETE,   /* in a only */
  UNSPIN_DIFF_INSERT,   /* in b only */
  UNSPIN_DIFF_REPLACE,  /* a span of a replaced by a span of b */
} UnspinDiffOp;

/**
 * UnspinDiffHunk:
 * Byte ranges: [a_start, a_end) in a and [b_start, b_end) in b. A change covers whole tokens;
 * a_start/a_end of an INSERT (and b_* of a DELETE) give the position where it applies, at a
 * token boundary. Consecutive hunks cover both texts from start to end, EQUAL hunks included.
 * Every boundary is at a token start, so a change hunk takes the whitespace after its last token
 * along, and an EQUAL hunk's two ranges may differ in whitespace only. When one text has no
 * tokens at all, the single change hunk covers the whole of it.
 */
typedef struct {
  UnspinDiffOp op;
  gsize        a_start;
  gsize        a_end;
  gsize        b_start;
  gsize        b_end;
} UnspinDiffHunk;

/* Returns a new GArray of UnspinDiffHunk, never empty. Both texts are valid UTF-8 of the given byte lengths. */
GArray *unspin_diff_words (const char *a,
                           gsize       a_len,
                           const char *b,
                           gsize       b_len);

G_END_DECLS
