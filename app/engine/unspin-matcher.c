/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-matcher.h"

/* Same bound as the pack loader: longer words are in no pack, so they never match. */
#define WORD_BUF_SIZE  256
#define MAX_DEPTH      16
/* Word ids of a paragraph this long live on the stack; longer ones get a heap buffer. */
#define STACK_IDS      512

enum {
  WORD_UNKNOWN = 0,   /* not in any pack: no phrase starts or continues here */
  WORD_EDGE    = 1,   /* beyond the tokens passed in; "" in a context list */
  FIRST_WORD   = 2,
};

enum {
  CTX_BEFORE,
  CTX_NOT_BEFORE,
  CTX_AFTER,
  CTX_NOT_AFTER,
  CTX_NEAR,
  CTX_NOT_NEAR,
  N_CTX
};

typedef struct {
  guint32 word;
  guint32 node;
} Edge;

typedef struct {
  GArray  *edges;    /* Edge, sorted by word; NULL for a leaf */
  guint32  phrase;   /* 1 + index into phrases, 0 when no phrase ends here */
} Node;

/* A phrase's context lists turned into word ids, so that checking them compares integers. */
typedef struct {
  UnspinPhrasePack      *pack;
  const UnspinPackEntry *entry;
  guint                  window;
  guint                  ctx_start[N_CTX + 1];  /* list k is ctx[ctx_start[k], ctx_start[k + 1]) */
  guint32               *ctx;                   /* NULL when the entry has no context */
} Phrase;

/* The vocabulary is an open-addressing table rather than a GHashTable because every token of
 * every article is looked up: words are kept as zero-padded 64-bit chunks, so that folding
 * case, hashing and comparing go eight bytes at a time with no call. */
typedef struct {
  guint32 hash;
  guint32 id;       /* 0 for an empty slot */
} Slot;

typedef struct {
  guint32 offset;   /* into word_chunks */
  guint32 len;      /* in bytes */
} Word;

/* A normalised word, zero-padded to whole chunks. */
typedef union {
  guint64 chunks[WORD_BUF_SIZE / 8 + 1];
  char    bytes[WORD_BUF_SIZE + 8];
} WordBuf;

struct _UnspinMatcher
{
  Slot       *slots;        /* power-of-two size, at most a quarter full: one probe, mostly */
  guint32     mask;
  GArray     *words;        /* Word per id; ids below FIRST_WORD are placeholders */
  GArray     *word_chunks;  /* guint64: the normalised words, zero-padded, back to back */
  guint32     max_word_len;
  GArray     *roots;        /* guint32 node per word id (0 = none): the first step is one read */
  GArray     *nodes;        /* Node; nodes[0] is the root, reached through roots */
  GArray     *phrases;      /* Phrase */
  GPtrArray  *packs;
  UnspinSpelling *spelling; /* British spellings of the phrases' words also lead to them */
};

UnspinMatcher *
unspin_matcher_new (void)
{
  UnspinMatcher *self = g_new0 (UnspinMatcher, 1);
  Node root = { NULL, 0 };

  self->mask = 63;
  self->slots = g_new0 (Slot, self->mask + 1);
  self->words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_size (self->words, FIRST_WORD);
  self->word_chunks = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->roots = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_array_set_size (self->roots, FIRST_WORD);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_append_val (self->nodes, root);
  self->phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));
  self->packs = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

void
unspin_matcher_free (UnspinMatcher *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->nodes->len; i++)
    g_clear_pointer (&g_array_index (self->nodes, Node, i).edges, g_array_unref);
  for (guint i = 0; i < self->phrases->len; i++)
    g_free (g_array_index (self->phrases, Phrase, i).ctx);

  g_free (self->slots);
  g_array_unref (self->words);
  g_array_unref (self->word_chunks);
  g_array_unref (self->roots);
  g_array_unref (self->nodes);
  g_array_unref (self->phrases);
  g_ptr_array_unref (self->packs);
  g_free (self);
}

static inline gsize
n_chunks (gsize len)
{
  return (len + 7) / 8;
}

static inline guint32
hash_word (const WordBuf *word,
           gsize          len)
{
  guint64 h = len * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (gsize k = 0; k < n_chunks (len); k++)
    {
      h = (h ^ word->chunks[k]) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
      h ^= h >> 32;
    }
  return (guint32) h;
}

static inline guint32
lookup_word (const UnspinMatcher *self,
             const WordBuf       *word,
             gsize                len,
             guint32              hash)
{
  for (guint32 at = hash & self->mask; ; at = (at + 1) & self->mask)
    {
      const Slot *slot = &self->slots[at];
      const Word *w;
      const guint64 *chunks;
      gsize k;

      if (slot->id == 0)
        return WORD_UNKNOWN;
      if (slot->hash != hash)
        continue;
      w = &g_array_index (self->words, Word, slot->id);
      if (w->len != len)
        continue;
      chunks = &g_array_index (self->word_chunks, guint64, w->offset);
      for (k = 0; k < n_chunks (len) && chunks[k] == word->chunks[k]; k++)
        ;
      if (k == n_chunks (len))
        return slot->id;
    }
}

static void
insert_slot (Slot    *slots,
             guint32  mask,
             guint32  hash,
             guint32  id)
{
  guint32 at = hash & mask;

  while (slots[at].id != 0)
    at = (at + 1) & mask;
  slots[at].hash = hash;
  slots[at].id = id;
}

/* @word is already normalised. */
static guint32
intern_word (UnspinMatcher *self,
             const char    *word)
{
  WordBuf buf = { { 0 } };
  gsize len = strlen (word);
  guint32 hash;
  guint32 id;
  Word w;

  if (len == 0)
    return WORD_EDGE;
  g_return_val_if_fail (len < WORD_BUF_SIZE, WORD_UNKNOWN);

  memcpy (buf.bytes, word, len);
  hash = hash_word (&buf, len);
  id = lookup_word (self, &buf, len, hash);
  if (id != WORD_UNKNOWN)
    return id;

  if (4 * (self->words->len + 1) > self->mask + 1)
    {
      guint32 mask = 2 * (self->mask + 1) - 1;
      Slot *slots = g_new0 (Slot, mask + 1);

      for (guint32 i = 0; i <= self->mask; i++)
        if (self->slots[i].id != 0)
          insert_slot (slots, mask, self->slots[i].hash, self->slots[i].id);
      g_free (self->slots);
      self->slots = slots;
      self->mask = mask;
    }

  w.offset = self->word_chunks->len;
  w.len = len;
  g_array_append_vals (self->word_chunks, buf.chunks, n_chunks (len));
  id = self->words->len;
  g_array_append_val (self->words, w);
  insert_slot (self->slots, self->mask, hash, id);
  self->max_word_len = MAX (self->max_word_len, len);

  return id;
}

/* Index of the first edge whose word is >= @word. */
static inline guint
edge_search (const GArray *edges,
             guint32       word)
{
  const Edge *e = (const Edge *) edges->data;
  guint lo = 0;
  guint hi = edges->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (e[mid].word < word)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline guint32
node_child (const UnspinMatcher *self,
            guint32              node,
            guint32              word)
{
  const GArray *edges = g_array_index (self->nodes, Node, node).edges;
  guint at;

  if (edges == NULL)
    return 0;
  at = edge_search (edges, word);
  if (at < edges->len && g_array_index (edges, Edge, at).word == word)
    return g_array_index (edges, Edge, at).node;
  return 0;
}

static guint32
add_child (UnspinMatcher *self,
           guint32        node,
           guint32        word)
{
  Node child = { NULL, 0 };
  Edge edge = { word, self->nodes->len };

  if (node == 0)
    {
      guint32 existing;

      if (self->roots->len <= word)
        g_array_set_size (self->roots, word + 1);
      existing = g_array_index (self->roots, guint32, word);
      if (existing != 0)
        return existing;
      g_array_index (self->roots, guint32, word) = edge.node;
    }
  else
    {
      Node *parent = &g_array_index (self->nodes, Node, node);
      guint at;

      if (parent->edges == NULL)
        parent->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
      at = edge_search (parent->edges, word);
      if (at < parent->edges->len && g_array_index (parent->edges, Edge, at).word == word)
        return g_array_index (parent->edges, Edge, at).node;
      g_array_insert_val (parent->edges, at, edge);
    }

  g_array_append_val (self->nodes, child);
  return edge.node;
}

/* Whether @cue is @word, or @word with -s or -es, or @word without them. */
static gboolean
same_word_but_number (const char *cue,
                      const char *word)
{
  gsize lc = strlen (cue), lw = strlen (word);
  const char *longer = lc > lw ? cue : word, *shorter = lc > lw ? word : cue;
  gsize ll = MAX (lc, lw), ls = MIN (lc, lw);

  if (strncmp (longer, shorter, ls) != 0)
    return FALSE;
  return ll == ls || (ll == ls + 1 && longer[ls] == 's')
         || (ll == ls + 2 && longer[ls] == 'e' && longer[ls + 1] == 's');
}

/* Whether a "near" cue is the entry's own garbled word (in either number): spinners are
 * consistent, so another place where they wrote the same word says nothing of the topic
 * ("collections" as a cue for "collections" -> "sets" made every article that has the word
 * twice a tennis report). */
static gboolean
is_own_word (const UnspinPackEntry *entry,
             const char            *cue)
{
  for (guint k = 0; k < entry->n_tokens; k++)
    if (same_word_but_number (cue, entry->tokens[k]))
      return TRUE;
  return FALSE;
}

static void
compile_phrase (UnspinMatcher         *self,
                Phrase                *phrase,
                UnspinPhrasePack      *pack,
                const UnspinPackEntry *entry)
{
  char * const *lists[N_CTX] = {
    [CTX_BEFORE] = entry->before,
    [CTX_NOT_BEFORE] = entry->not_before,
    [CTX_AFTER] = entry->after,
    [CTX_NOT_AFTER] = entry->not_after,
    [CTX_NEAR] = entry->near,
    [CTX_NOT_NEAR] = entry->not_near,
  };
  g_autoptr(GArray) ctx = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean other_cue = FALSE;

  phrase->pack = pack;
  phrase->entry = entry;
  phrase->window = entry->window;

  /* A list of nothing but the entry's own words stays as it is (none left would be no
   * condition at all). */
  for (guint i = 0; entry->near != NULL && entry->near[i] != NULL; i++)
    other_cue |= !is_own_word (entry, entry->near[i]);
  for (guint k = 0; k < N_CTX; k++)
    {
      phrase->ctx_start[k] = ctx->len;
      for (guint i = 0; lists[k] != NULL && lists[k][i] != NULL; i++)
        {
          guint32 id;

          if (k == CTX_NEAR && other_cue && is_own_word (entry, lists[k][i]))
            continue;
          id = intern_word (self, lists[k][i]);
          g_array_append_val (ctx, id);
        }
    }
  phrase->ctx_start[N_CTX] = ctx->len;
  phrase->ctx = ctx->len > 0 ? (guint32 *) g_array_free (g_steal_pointer (&ctx), FALSE) : NULL;
}

void
unspin_matcher_set_spelling (UnspinMatcher  *self,
                             UnspinSpelling *spelling)
{
  g_return_if_fail (self != NULL);

  self->spelling = spelling;
}

/* The phrase @entry (phrases[@phrase - 1]) is also reached by its words' British spellings. */
static void
add_british_path (UnspinMatcher         *self,
                  const UnspinPackEntry *entry,
                  guint32                phrase)
{
  const char *british[MAX_DEPTH];
  guint32 node = 0;
  gboolean changed = FALSE;

  for (guint k = 0; k < entry->n_tokens; k++)
    changed |= (british[k] = unspin_spelling_lookup (self->spelling, entry->tokens[k])) != NULL;
  if (!changed)
    return;
  for (guint k = 0; k < entry->n_tokens; k++)
    node = add_child (self, node, intern_word (self, british[k] != NULL ? british[k] : entry->tokens[k]));
  if (g_array_index (self->nodes, Node, node).phrase == 0)
    g_array_index (self->nodes, Node, node).phrase = phrase;
}

void
unspin_matcher_add_pack (UnspinMatcher    *self,
                         UnspinPhrasePack *pack)
{
  guint n_entries;

  g_return_if_fail (self != NULL);
  g_return_if_fail (UNSPIN_IS_PHRASE_PACK (pack));

  g_ptr_array_add (self->packs, g_object_ref (pack));

  n_entries = unspin_phrase_pack_get_n_entries (pack);
  for (guint i = 0; i < n_entries; i++)
    {
      const UnspinPackEntry *entry = unspin_phrase_pack_get_entry (pack, i);
      guint32 node = 0;
      Phrase phrase;

      if (entry->n_tokens == 0 || entry->n_tokens > MAX_DEPTH)
        continue;

      for (guint k = 0; k < entry->n_tokens; k++)
        node = add_child (self, node, intern_word (self, entry->tokens[k]));

      /* An earlier pack already owns this phrase. */
      if (g_array_index (self->nodes, Node, node).phrase != 0)
        continue;

      compile_phrase (self, &phrase, pack, entry);
      g_array_append_val (self->phrases, phrase);
      g_array_index (self->nodes, Node, node).phrase = self->phrases->len;
      if (self->spelling != NULL)
        add_british_path (self, entry, self->phrases->len);
    }

  /* Every id a lookup can return indexes roots, so find() needs no bounds check. */
  if (self->roots->len < self->words->len)
    g_array_set_size (self->roots, self->words->len);
}

guint
unspin_matcher_get_n_phrases (UnspinMatcher *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->phrases->len;
}

/* Bytes 'A'..'Z' of an all-ASCII chunk get bit 0x20, as g_ascii_tolower() would give them:
 * adding 0x3F sets a byte's top bit from 'A' up, adding 0x25 from 'Z' + 1 up. */
static inline guint64
ascii_fold_chunk (guint64 x)
{
  guint64 from_a = x + G_GUINT64_CONSTANT (0x3F3F3F3F3F3F3F3F);
  guint64 past_z = x + G_GUINT64_CONSTANT (0x2525252525252525);

  return x | (((from_a & ~past_z) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 2);
}

/* The first @len bytes of a chunk as loaded from memory. */
static inline guint64
chunk_keep (gsize len)
{
  if (len >= 8)
    return G_MAXUINT64;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return (G_GUINT64_CONSTANT (1) << (8 * len)) - 1;
#else
  return ~(G_MAXUINT64 >> (8 * len));
#endif
}

/* @readable_end bounds what may be read: whole chunks are loaded straight from @text when
 * they end before it, even past the token (the extra bytes are masked off). */
static inline guint32
lookup_token (const UnspinMatcher *self,
              const char          *text,
              gsize                readable_end,
              const UnspinToken   *token)
{
  WordBuf buf;
  gsize len = token->end - token->start;

  if (token->flags & UNSPIN_TOKEN_FLAG_ASCII)
    {
      const char *p = text + token->start;
      gsize n = n_chunks (len);

      /* Same result as unspin_token_normalize(), eight bytes at a time. */
      if (len == 0 || len > self->max_word_len)
        return WORD_UNKNOWN;
      if (token->start + 8 * n <= readable_end)
        {
          for (gsize k = 0; k < n; k++)
            {
              guint64 x;

              memcpy (&x, p + 8 * k, 8);
              buf.chunks[k] = ascii_fold_chunk (x & chunk_keep (len - 8 * k));
            }
        }
      else
        {
          buf.chunks[n - 1] = 0;
          for (gsize i = 0; i < len; i++)
            buf.bytes[i] = p[i];
          for (gsize k = 0; k < n; k++)
            buf.chunks[k] = ascii_fold_chunk (buf.chunks[k]);
        }
    }
  else
    {
      len = unspin_token_normalize (text, token, buf.bytes, WORD_BUF_SIZE);
      if (len == 0)
        return WORD_UNKNOWN;
      memset (buf.bytes + len, 0, 8);
    }

  return lookup_word (self, &buf, len, hash_word (&buf, len));
}

static inline gboolean
list_has (const Phrase *phrase,
          guint         list,
          guint32       word)
{
  for (guint i = phrase->ctx_start[list]; i < phrase->ctx_start[list + 1]; i++)
    if (phrase->ctx[i] == word)
      return TRUE;
  return FALSE;
}

static inline gboolean
list_is_set (const Phrase *phrase,
             guint         list)
{
  return phrase->ctx_start[list] < phrase->ctx_start[list + 1];
}

static gboolean
list_has_near (const Phrase  *phrase,
               guint          list,
               const guint32 *ids,
               guint          n_ids,
               guint          start,
               guint          end)
{
  guint lo = start > phrase->window ? start - phrase->window : 0;
  guint hi = MIN (n_ids, end + phrase->window);

  for (guint i = lo; i < start; i++)
    if (list_has (phrase, list, ids[i]))
      return TRUE;
  for (guint i = end; i < hi; i++)
    if (list_has (phrase, list, ids[i]))
      return TRUE;
  return FALSE;
}

static gboolean
context_holds (const Phrase  *phrase,
               const guint32 *ids,
               guint          n_ids,
               guint          start,
               guint          end)
{
  guint32 before;
  guint32 after;

  if (phrase->ctx == NULL)
    return TRUE;

  before = start > 0 ? ids[start - 1] : WORD_EDGE;
  after = end < n_ids ? ids[end] : WORD_EDGE;

  if (list_is_set (phrase, CTX_BEFORE) && !list_has (phrase, CTX_BEFORE, before))
    return FALSE;
  if (list_has (phrase, CTX_NOT_BEFORE, before))
    return FALSE;
  if (list_is_set (phrase, CTX_AFTER) && !list_has (phrase, CTX_AFTER, after))
    return FALSE;
  if (list_has (phrase, CTX_NOT_AFTER, after))
    return FALSE;
  if (list_is_set (phrase, CTX_NEAR)
      && !list_has_near (phrase, CTX_NEAR, ids, n_ids, start, end))
    return FALSE;
  if (list_is_set (phrase, CTX_NOT_NEAR)
      && list_has_near (phrase, CTX_NOT_NEAR, ids, n_ids, start, end))
    return FALSE;

  return TRUE;
}

void
unspin_matcher_find (UnspinMatcher     *self,
                     const char        *text,
                     const UnspinToken *tokens,
                     guint              n_tokens,
                     GArray            *matches)
{
  guint32 stack_ids[STACK_IDS];
  g_autofree guint32 *heap_ids = NULL;
  guint32 *ids = stack_ids;
  const guint32 *roots;
  gsize readable_end;
  guint i = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (tokens != NULL || n_tokens == 0);
  g_return_if_fail (matches != NULL);

  if (n_tokens == 0 || self->phrases->len == 0)
    return;

  if (n_tokens > STACK_IDS)
    ids = heap_ids = g_new (guint32, n_tokens);

  /* Each token is normalised and looked up once, however many phrases start near it. */
  readable_end = 0;
  for (guint t = 0; t < n_tokens; t++)
    readable_end = MAX (readable_end, tokens[t].end);
  for (guint t = 0; t < n_tokens; t++)
    ids[t] = lookup_token (self, text, readable_end, &tokens[t]);

  roots = (const guint32 *) self->roots->data;

  while (i < n_tokens)
    {
      guint32 node = roots[ids[i]];
      const Phrase *found[MAX_DEPTH];
      guint found_end[MAX_DEPTH];
      guint n_found = 0;
      guint j = i + 1;
      gboolean matched = FALSE;

      if (node == 0)
        {
          i++;
          continue;
        }

      for (;;)
        {
          guint32 phrase = g_array_index (self->nodes, Node, node).phrase;

          if (phrase != 0 && n_found < MAX_DEPTH)
            {
              found[n_found] = &g_array_index (self->phrases, Phrase, phrase - 1);
              found_end[n_found++] = j;
            }
          if (j >= n_tokens || ids[j] == WORD_UNKNOWN)
            break;
          node = node_child (self, node, ids[j]);
          if (node == 0)
            break;
          j++;
        }

      /* Longest first; a shorter phrase may still match where a longer one's context fails. */
      while (n_found > 0)
        {
          const Phrase *phrase = found[--n_found];
          guint end = found_end[n_found];

          if (context_holds (phrase, ids, n_tokens, i, end))
            {
              UnspinMatch match = { i, end, phrase->pack, phrase->entry };

              g_array_append_val (matches, match);
              i = end;
              matched = TRUE;
              break;
            }
        }

      if (!matched)
        i++;
    }
}
