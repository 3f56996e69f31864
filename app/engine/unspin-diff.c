/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "unspin-diff.h"

#include <string.h>

#include "unspin-text.h"

/*
 * Tokens are interned to integer ids (equal ids exactly when the bytes are equal), tokens that
 * occur in only one text are set aside as changed, and Myers' middle-snake divide and conquer
 * runs on what is left, as in GNU diff's diffseq.h.
 */

/* GNU diff's heuristic with a lower cap (it uses 4096 or more): past 256 edit steps each way a
 * split is good rather than optimal, so unrelated texts cost O((n + m) * 256), not quadratic. */
#define TOO_EXPENSIVE 256

typedef struct {
  const char *bytes;
  gsize       len;
  guint32     hash;
} Interned;

typedef struct {
  GArray  *entries;  /* of Interned, indexed by id */
  guint32 *slots;    /* id + 1, or 0 when free */
  gsize    mask;
} Interner;

typedef struct {
  const guint32 *xv;
  const guint32 *yv;
  const guint   *xmap;      /* index into the reduced sequence -> token index */
  const guint   *ymap;
  guint8        *a_changed;
  guint8        *b_changed;
  gssize        *fdiag;     /* indexed by diagonal x - y, may be negative */
  gssize        *bdiag;
} Context;

typedef struct {
  gssize   xmid;
  gssize   ymid;
  gboolean lo_minimal;
  gboolean hi_minimal;
} Partition;

typedef struct {
  gssize   xoff;
  gssize   xlim;
  gssize   yoff;
  gssize   ylim;
  gboolean minimal;
} Span;

static inline guint32
hash_bytes (const char *bytes,
            gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guint8) bytes[i];
      h *= 16777619u;
    }

  return h;
}

static void
interner_init (Interner *self,
               gsize     n_tokens)
{
  gsize size = 16;

  while (size < 2 * n_tokens)
    size <<= 1;

  self->entries = g_array_new (FALSE, FALSE, sizeof (Interned));
  self->slots = g_new0 (guint32, size);
  self->mask = size - 1;
}

static void
interner_clear (Interner *self)
{
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->slots, g_free);
}

/* The table never fills: it has twice as many slots as there are tokens to intern. */
static guint32
interner_intern (Interner   *self,
                 const char *bytes,
                 gsize       len)
{
  guint32 hash = hash_bytes (bytes, len);
  gsize i = hash & self->mask;

  for (;; i = (i + 1) & self->mask)
    {
      guint32 slot = self->slots[i];
      const Interned *entry;
      Interned new_entry;

      if (slot == 0)
        {
          new_entry.bytes = bytes;
          new_entry.len = len;
          new_entry.hash = hash;
          g_array_append_val (self->entries, new_entry);
          self->slots[i] = self->entries->len;
          return self->entries->len - 1;
        }

      entry = &g_array_index (self->entries, Interned, slot - 1);
      if (entry->hash == hash && entry->len == len && memcmp (entry->bytes, bytes, len) == 0)
        return slot - 1;
    }
}

static inline gboolean
tokens_equal (const char        *a,
              const UnspinToken *ta,
              const char        *b,
              const UnspinToken *tb)
{
  gsize len = ta->end - ta->start;

  return len == tb->end - tb->start && memcmp (a + ta->start, b + tb->start, len) == 0;
}

/* Finds where to split xv[xoff, xlim) and yv[yoff, ylim): the middle of a shortest edit
 * script, or, once the search costs more than TOO_EXPENSIVE steps each way and @find_minimal is
 * not set, the furthest point reached, as GNU diff does. */
static void
diag (gssize          xoff,
      gssize          xlim,
      gssize          yoff,
      gssize          ylim,
      gboolean        find_minimal,
      Partition      *part,
      const Context  *ctx)
{
  gssize *const fd = ctx->fdiag;
  gssize *const bd = ctx->bdiag;
  const guint32 *const xv = ctx->xv;
  const guint32 *const yv = ctx->yv;
  const gssize dmin = xoff - ylim;
  const gssize dmax = xlim - yoff;
  const gssize fmid = xoff - yoff;
  const gssize bmid = xlim - ylim;
  const gboolean odd = (fmid - bmid) & 1;
  gssize fmin = fmid, fmax = fmid;
  gssize bmin = bmid, bmax = bmid;

  fd[fmid] = xoff;
  bd[bmid] = xlim;

  for (gssize c = 1;; c++)
    {
      if (fmin > dmin)
        fd[--fmin - 1] = -1;
      else
        fmin++;
      if (fmax < dmax)
        fd[++fmax + 1] = -1;
      else
        fmax--;

      for (gssize d = fmax; d >= fmin; d -= 2)
        {
          gssize tlo = fd[d - 1];
          gssize thi = fd[d + 1];
          gssize x = tlo >= thi ? tlo + 1 : thi;
          gssize y = x - d;

          while (x < xlim && y < ylim && xv[x] == yv[y])
            x++, y++;
          fd[d] = x;

          if (odd && bmin <= d && d <= bmax && bd[d] <= x)
            {
              part->xmid = x;
              part->ymid = y;
              part->lo_minimal = part->hi_minimal = TRUE;
              return;
            }
        }

      if (bmin > dmin)
        bd[--bmin - 1] = G_MAXSSIZE;
      else
        bmin++;
      if (bmax < dmax)
        bd[++bmax + 1] = G_MAXSSIZE;
      else
        bmax--;

      for (gssize d = bmax; d >= bmin; d -= 2)
        {
          gssize tlo = bd[d - 1];
          gssize thi = bd[d + 1];
          gssize x = tlo < thi ? tlo : thi - 1;
          gssize y = x - d;

          while (x > xoff && y > yoff && xv[x - 1] == yv[y - 1])
            x--, y--;
          bd[d] = x;

          if (!odd && fmin <= d && d <= fmax && x <= fd[d])
            {
              part->xmid = x;
              part->ymid = y;
              part->lo_minimal = part->hi_minimal = TRUE;
              return;
            }
        }

      if (find_minimal || c < TOO_EXPENSIVE)
        continue;

      {
        gssize fxybest = -1, fxbest = xoff;
        gssize bxybest = G_MAXSSIZE, bxbest = xlim;

        for (gssize d = fmax; d >= fmin; d -= 2)
          {
            gssize x = MIN (fd[d], xlim);
            gssize y = x - d;

            if (ylim < y)
              {
                x = ylim + d;
                y = ylim;
              }
            if (fxybest < x + y)
              {
                fxybest = x + y;
                fxbest = x;
              }
          }

        for (gssize d = bmax; d >= bmin; d -= 2)
          {
            gssize x = MAX (xoff, bd[d]);
            gssize y = x - d;

            if (y < yoff)
              {
                x = yoff + d;
                y = yoff;
              }
            if (x + y < bxybest)
              {
                bxybest = x + y;
                bxbest = x;
              }
          }

        /* The side whose search got further; the other half is known to be cheap. */
        if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff))
          {
            part->xmid = fxbest;
            part->ymid = fxybest - fxbest;
            part->lo_minimal = TRUE;
            part->hi_minimal = FALSE;
          }
        else
          {
            part->xmid = bxbest;
            part->ymid = bxybest - bxbest;
            part->lo_minimal = FALSE;
            part->hi_minimal = TRUE;
          }
        return;
      }
    }
}

/* Marks the tokens of a shortest (or, past the cost cap, short) edit script as changed. An
 * explicit stack rather than recursion: the capped splits can be lopsided and deep. */
static void
compare_sequences (gssize         n,
                   gssize         m,
                   const Context *ctx)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  Span span = { 0, n, 0, m, FALSE };

  g_array_append_val (stack, span);

  while (stack->len > 0)
    {
      Span s = g_array_index (stack, Span, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);

      while (s.xoff < s.xlim && s.yoff < s.ylim && ctx->xv[s.xoff] == ctx->yv[s.yoff])
        s.xoff++, s.yoff++;
      while (s.xoff < s.xlim && s.yoff < s.ylim && ctx->xv[s.xlim - 1] == ctx->yv[s.ylim - 1])
        s.xlim--, s.ylim--;

      if (s.xoff == s.xlim)
        {
          for (gssize y = s.yoff; y < s.ylim; y++)
            ctx->b_changed[ctx->ymap[y]] = TRUE;
        }
      else if (s.yoff == s.ylim)
        {
          for (gssize x = s.xoff; x < s.xlim; x++)
            ctx->a_changed[ctx->xmap[x]] = TRUE;
        }
      else
        {
          Partition part;
          Span lo, hi;

          diag (s.xoff, s.xlim, s.yoff, s.ylim, s.minimal, &part, ctx);

          lo = (Span) { s.xoff, part.xmid, s.yoff, part.ymid, part.lo_minimal };
          hi = (Span) { part.xmid, s.xlim, part.ymid, s.ylim, part.hi_minimal };
          g_array_append_val (stack, hi);
          g_array_append_val (stack, lo);
        }
    }
}

/* Diffs tokens [a_first, a_last) of a against [b_first, b_last) of b, setting changed flags. */
static void
diff_middle (const char  *a,
             GArray      *a_tokens,
             guint        a_first,
             guint        a_last,
             const char  *b,
             GArray      *b_tokens,
             guint        b_first,
             guint        b_last,
             guint8      *a_changed,
             guint8      *b_changed)
{
  guint na = a_last - a_first;
  guint nb = b_last - b_first;
  Interner interner;
  g_autofree guint32 *a_ids = g_new (guint32, na);
  g_autofree guint32 *b_ids = g_new (guint32, nb);
  g_autofree guint8 *seen = NULL;
  g_autofree guint32 *xv = NULL;
  g_autofree guint32 *yv = NULL;
  g_autofree guint *xmap = NULL;
  g_autofree guint *ymap = NULL;
  g_autofree gssize *fbuf = NULL;
  g_autofree gssize *bbuf = NULL;
  gssize n = 0, m = 0;
  Context ctx;

  interner_init (&interner, na + nb);
  for (guint i = 0; i < na; i++)
    {
      const UnspinToken *t = &g_array_index (a_tokens, UnspinToken, a_first + i);
      a_ids[i] = interner_intern (&interner, a + t->start, t->end - t->start);
    }
  for (guint j = 0; j < nb; j++)
    {
      const UnspinToken *t = &g_array_index (b_tokens, UnspinToken, b_first + j);
      b_ids[j] = interner_intern (&interner, b + t->start, t->end - t->start);
    }

  /* A token found in one text only is changed in any edit script; leaving it out shortens the
   * sequences without changing the result's length. Bit 1: in a, bit 2: in b. */
  seen = g_new0 (guint8, interner.entries->len);
  interner_clear (&interner);
  for (guint i = 0; i < na; i++)
    seen[a_ids[i]] |= 1;
  for (guint j = 0; j < nb; j++)
    seen[b_ids[j]] |= 2;

  xv = g_new (guint32, na);
  xmap = g_new (guint, na);
  for (guint i = 0; i < na; i++)
    {
      if (seen[a_ids[i]] == 3)
        {
          xv[n] = a_ids[i];
          xmap[n++] = a_first + i;
        }
      else
        a_changed[a_first + i] = TRUE;
    }

  yv = g_new (guint32, nb);
  ymap = g_new (guint, nb);
  for (guint j = 0; j < nb; j++)
    {
      if (seen[b_ids[j]] == 3)
        {
          yv[m] = b_ids[j];
          ymap[m++] = b_first + j;
        }
      else
        b_changed[b_first + j] = TRUE;
    }

  fbuf = g_new (gssize, n + m + 3);
  bbuf = g_new (gssize, n + m + 3);

  ctx.xv = xv;
  ctx.yv = yv;
  ctx.xmap = xmap;
  ctx.ymap = ymap;
  ctx.a_changed = a_changed;
  ctx.b_changed = b_changed;
  ctx.fdiag = fbuf + m + 1;
  ctx.bdiag = bbuf + m + 1;

  compare_sequences (n, m, &ctx);
}

/* Hunks split at token starts, so a hunk takes the whitespace after its last token; the first
 * hunk starts at 0 and the last ends at the text's end. */
static inline gsize
boundary (GArray *tokens,
          guint   i,
          gsize   len)
{
  if (i == tokens->len)
    return len;
  if (i == 0)
    return 0;
  return g_array_index (tokens, UnspinToken, i).start;
}

static void
append_hunk (GArray       *hunks,
             UnspinDiffOp  op,
             GArray       *a_tokens,
             guint         i_end,
             gsize         a_len,
             GArray       *b_tokens,
             guint         j_end,
             gsize         b_len)
{
  UnspinDiffHunk hunk;

  hunk.op = op;
  hunk.a_start = hunks->len > 0 ? g_array_index (hunks, UnspinDiffHunk, hunks->len - 1).a_end : 0;
  hunk.b_start = hunks->len > 0 ? g_array_index (hunks, UnspinDiffHunk, hunks->len - 1).b_end : 0;
  hunk.a_end = boundary (a_tokens, i_end, a_len);
  hunk.b_end = boundary (b_tokens, j_end, b_len);

  g_array_append_val (hunks, hunk);
}

GArray *
unspin_diff_words (const char *a,
                   gsize       a_len,
                   const char *b,
                   gsize       b_len)
{
  g_autoptr(GArray) a_tokens = NULL;
  g_autoptr(GArray) b_tokens = NULL;
  g_autofree guint8 *a_changed = NULL;
  g_autofree guint8 *b_changed = NULL;
  GArray *hunks;
  guint na, nb;
  guint prefix = 0, suffix = 0;
  guint i = 0, j = 0;

  g_return_val_if_fail (a != NULL || a_len == 0, NULL);
  g_return_val_if_fail (b != NULL || b_len == 0, NULL);

  a_tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  b_tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  unspin_tokenize (a, 0, a_len, a_tokens);
  unspin_tokenize (b, 0, b_len, b_tokens);
  na = a_tokens->len;
  nb = b_tokens->len;

  while (prefix < na && prefix < nb &&
         tokens_equal (a, &g_array_index (a_tokens, UnspinToken, prefix),
                       b, &g_array_index (b_tokens, UnspinToken, prefix)))
    prefix++;
  while (suffix < na - prefix && suffix < nb - prefix &&
         tokens_equal (a, &g_array_index (a_tokens, UnspinToken, na - 1 - suffix),
                       b, &g_array_index (b_tokens, UnspinToken, nb - 1 - suffix)))
    suffix++;

  a_changed = g_new0 (guint8, na + 1);
  b_changed = g_new0 (guint8, nb + 1);

  if (prefix + suffix == na)
    memset (b_changed + prefix, TRUE, nb - prefix - suffix);
  else if (prefix + suffix == nb)
    memset (a_changed + prefix, TRUE, na - prefix - suffix);
  else
    diff_middle (a, a_tokens, prefix, na - suffix,
                 b, b_tokens, prefix, nb - suffix,
                 a_changed, b_changed);

  hunks = g_array_new (FALSE, FALSE, sizeof (UnspinDiffHunk));

  /* Unchanged tokens pair up in order, so equal runs and change runs alternate. */
  while (i < na || j < nb)
    {
      if (i < na && j < nb && !a_changed[i] && !b_changed[j])
        {
          while (i < na && j < nb && !a_changed[i] && !b_changed[j])
            i++, j++;
          append_hunk (hunks, UNSPIN_DIFF_EQUAL, a_tokens, i, a_len, b_tokens, j, b_len);
        }
      else
        {
          guint i0 = i, j0 = j;
          UnspinDiffOp op;

          while (i < na && a_changed[i])
            i++;
          while (j < nb && b_changed[j])
            j++;

          g_assert (i > i0 || j > j0);

          if (i == i0)
            op = UNSPIN_DIFF_INSERT;
          else if (j == j0)
            op = UNSPIN_DIFF_DELETE;
          else
            op = UNSPIN_DIFF_REPLACE;
          append_hunk (hunks, op, a_tokens, i, a_len, b_tokens, j, b_len);
        }
    }

  /* Texts without tokens (empty, or only whitespace) are equal. */
  if (hunks->len == 0)
    append_hunk (hunks, UNSPIN_DIFF_EQUAL, a_tokens, 0, a_len, b_tokens, 0, b_len);

  return hunks;
}
