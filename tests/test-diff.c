/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-diff.h"
#include "unspin-text.h"

static const char *const words[] = {
  "the", "a", "of", "to", "and", "in", "that", "is", "was", "for", "on", "with", "as", "by",
  "said", "stated", "states", "officials", "authorities", "individuals", "people", "government",
  "federal", "nation", "country", "actually", "likewise", "numerous", "countless", "many",
  "outcomes", "results", "declaration", "statement", "minister", "president", "Tuesday",
  "week", "today", "city", "police", "report", "reported", "according", "told", "news",
  "agency", "added", "also", "would", "could", "not", "don't", "it's", "Iraq’s", "café",
  "naïve", "São", "Paulo", "Zürich", "résumé", "Kadhimi", "al", "U", "S", "2003", "2",
  "15", "covid19", "élite", "Ελλάδα", "Москва", "北京", "The", "They", "He", "She", "It",
  "In", "A", "An", "following", "after", "before", "during", "against", "between",
  "election", "vote", "voters", "party", "leader", "troops", "forces", "border", "attack",
  "killed", "wounded", "members", "council", "court", "judge", "ruling", "law", "bill",
  "market", "prices", "oil", "economy", "growth", "percent", "million", "billion",
};

static const char *const puncts[] = {
  ",", ".", ",", ".", "-", "—", "“", "”", ";", ":", "$", "?",
};
static const char *const glued[] = { ",", ".", ";", ":", "?", "”", NULL };

typedef struct {
  GPtrArray *tokens;  /* of const char *, owned by the static tables */
  guint      cost;    /* insertions + deletions the edits made */
} Tokens;

static const char *
random_token (guint vocabulary)
{
  if (g_test_rand_int_range (0, 10) == 0)
    return puncts[g_test_rand_int_range (0, G_N_ELEMENTS (puncts))];
  return words[g_test_rand_int_range (0, MIN (vocabulary, G_N_ELEMENTS (words)))];
}

static GPtrArray *
random_tokens (guint n,
               guint vocabulary)
{
  GPtrArray *tokens = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (tokens, (gpointer) random_token (vocabulary));

  return tokens;
}

/* A copy of @tokens with @n_edits random word replacements, insertions and deletions; the
 * returned cost bounds the size of a shortest edit script between the two. */
static GPtrArray *
random_edits (GPtrArray *tokens,
              guint      n_edits,
              guint      vocabulary,
              guint     *cost)
{
  GPtrArray *edited = g_ptr_array_copy (tokens, NULL, NULL);

  *cost = 0;
  for (guint e = 0; e < n_edits; e++)
    {
      guint kind = g_test_rand_int_range (0, 3);

      if (kind == 0 && edited->len > 0)
        {
          guint pos = g_test_rand_int_range (0, edited->len);
          const char *word = random_token (vocabulary);

          if (strcmp (word, g_ptr_array_index (edited, pos)) != 0)
            {
              edited->pdata[pos] = (gpointer) word;
              *cost += 2;
            }
        }
      else if (kind == 1 || edited->len == 0)
        {
          g_ptr_array_insert (edited, g_test_rand_int_range (0, edited->len + 1),
                              (gpointer) random_token (vocabulary));
          *cost += 1;
        }
      else
        {
          g_ptr_array_remove_index (edited, g_test_rand_int_range (0, edited->len));
          *cost += 1;
        }
    }

  return edited;
}

/* With @uniform, every token is followed by one space, so that whitespace is the same
 * wherever the texts agree and hunks rebuild the bytes exactly. Otherwise the spacing is
 * like prose: punctuation after a word sticks to it, and paragraphs break after periods. */
static char *
join_tokens (GPtrArray *tokens,
             gboolean   uniform)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *t = g_ptr_array_index (tokens, i);

      if (!uniform && i > 0 && !g_strv_contains (glued, t))
        g_string_append_c (s, (i % 97 == 0 && s->str[s->len - 1] == '.') ? '\n' : ' ');
      g_string_append (s, t);
      if (uniform)
        g_string_append_c (s, ' ');
    }

  return g_string_free (s, FALSE);
}

static GPtrArray *
token_strings (const char *text,
               gsize       start,
               gsize       end)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  GPtrArray *strings;

  unspin_tokenize (text, start, end, tokens);
  strings = g_ptr_array_new_full (tokens->len, g_free);
  for (guint i = 0; i < tokens->len; i++)
    {
      const UnspinToken *t = &g_array_index (tokens, UnspinToken, i);
      g_ptr_array_add (strings, g_strndup (text + t->start, t->end - t->start));
    }

  return strings;
}

static void
append_strings (GPtrArray *to,
                GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

static void
assert_same_strings (GPtrArray *x,
                     GPtrArray *y)
{
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    g_assert_cmpstr (g_ptr_array_index (x, i), ==, g_ptr_array_index (y, i));
}

/* Checks what the header promises and returns how many tokens the hunks mark as changed
 * (deleted from a plus inserted in b). */
static guint
check_hunks (const char *a,
             const char *b,
             GArray     *hunks)
{
  gsize a_len = strlen (a), b_len = strlen (b);
  g_autoptr(GPtrArray) b_rebuilt = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) b_strings = token_strings (b, 0, b_len);
  g_autoptr(GPtrArray) a_strings = token_strings (a, 0, a_len);
  guint changed = 0;

  g_assert_nonnull (hunks);
  g_assert_cmpuint (hunks->len, >, 0);
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, 0).a_start, ==, 0);
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, 0).b_start, ==, 0);
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, hunks->len - 1).a_end, ==, a_len);
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, hunks->len - 1).b_end, ==, b_len);

  for (guint h = 0; h < hunks->len; h++)
    {
      const UnspinDiffHunk *hunk = &g_array_index (hunks, UnspinDiffHunk, h);
      g_autoptr(GPtrArray) in_a = NULL;
      g_autoptr(GPtrArray) in_b = NULL;

      g_assert_cmpuint (hunk->a_start, <=, hunk->a_end);
      g_assert_cmpuint (hunk->b_start, <=, hunk->b_end);
      if (h > 0)
        {
          const UnspinDiffHunk *prev = &g_array_index (hunks, UnspinDiffHunk, h - 1);

          g_assert_cmpuint (prev->a_end, ==, hunk->a_start);
          g_assert_cmpuint (prev->b_end, ==, hunk->b_start);
          /* Changes next to each other are one hunk. */
          g_assert_true (prev->op == UNSPIN_DIFF_EQUAL || hunk->op == UNSPIN_DIFF_EQUAL);
          g_assert_cmpint (prev->op, !=, hunk->op);
        }

      in_a = token_strings (a, hunk->a_start, hunk->a_end);
      in_b = token_strings (b, hunk->b_start, hunk->b_end);

      switch (hunk->op)
        {
        case UNSPIN_DIFF_EQUAL:
          assert_same_strings (in_a, in_b);
          append_strings (b_rebuilt, in_a);
          break;

        case UNSPIN_DIFF_INSERT:
          g_assert_cmpuint (in_a->len, ==, 0);
          /* A position, unless a has no tokens at all and the hunk has to cover it. */
          if (a_strings->len > 0)
            g_assert_cmpuint (hunk->a_start, ==, hunk->a_end);
          g_assert_cmpuint (in_b->len, >, 0);
          break;

        case UNSPIN_DIFF_DELETE:
          g_assert_cmpuint (in_a->len, >, 0);
          g_assert_cmpuint (in_b->len, ==, 0);
          if (b_strings->len > 0)
            g_assert_cmpuint (hunk->b_start, ==, hunk->b_end);
          break;

        case UNSPIN_DIFF_REPLACE:
          g_assert_cmpuint (in_a->len, >, 0);
          g_assert_cmpuint (in_b->len, >, 0);
          break;

        default:
          g_assert_not_reached ();
        }

      if (hunk->op != UNSPIN_DIFF_EQUAL)
        {
          append_strings (b_rebuilt, in_b);
          changed += in_a->len + in_b->len;
        }
    }

  assert_same_strings (b_rebuilt, b_strings);

  return changed;
}

/* b from a's EQUAL ranges and b's changed ranges, byte for byte. */
static char *
rebuild_b (const char *a,
           const char *b,
           GArray     *hunks)
{
  GString *s = g_string_new (NULL);

  for (guint h = 0; h < hunks->len; h++)
    {
      const UnspinDiffHunk *hunk = &g_array_index (hunks, UnspinDiffHunk, h);

      if (hunk->op == UNSPIN_DIFF_EQUAL)
        g_string_append_len (s, a + hunk->a_start, hunk->a_end - hunk->a_start);
      else
        g_string_append_len (s, b + hunk->b_start, hunk->b_end - hunk->b_start);
    }

  return g_string_free (s, FALSE);
}

static GArray *
diff (const char *a,
      const char *b)
{
  return unspin_diff_words (a, strlen (a), b, strlen (b));
}

static void
assert_hunk (GArray       *hunks,
             guint         index,
             UnspinDiffOp  op,
             const char   *a,
             const char   *a_text,
             const char   *b,
             const char   *b_text)
{
  const UnspinDiffHunk *hunk;
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;

  g_assert_cmpuint (index, <, hunks->len);
  hunk = &g_array_index (hunks, UnspinDiffHunk, index);
  in_a = g_strndup (a + hunk->a_start, hunk->a_end - hunk->a_start);
  in_b = g_strndup (b + hunk->b_start, hunk->b_end - hunk->b_start);

  g_assert_cmpint (hunk->op, ==, op);
  g_assert_cmpstr (in_a, ==, a_text);
  g_assert_cmpstr (in_b, ==, b_text);
}

/* The longest common subsequence by dynamic programming, to check minimality on small inputs. */
static guint
lcs_length (GPtrArray *x,
            GPtrArray *y)
{
  g_autofree guint *row = g_new0 (guint, y->len + 1);

  for (guint i = 1; i <= x->len; i++)
    {
      guint diagonal = 0;

      for (guint j = 1; j <= y->len; j++)
        {
          guint above = row[j];

          if (strcmp (g_ptr_array_index (x, i - 1), g_ptr_array_index (y, j - 1)) == 0)
            row[j] = diagonal + 1;
          else
            row[j] = MAX (row[j], row[j - 1]);
          diagonal = above;
        }
    }

  return row[y->len];
}

static void
test_identical (void)
{
  const char *text = "The officials said, on Tuesday, that the café was closed.\n";
  g_autoptr(GArray) hunks = diff (text, text);

  g_assert_cmpuint (hunks->len, ==, 1);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, text, text, text, text);
  check_hunks (text, text, hunks);
}

static void
test_whitespace (void)
{
  const char *a = "  the officials\nsaid,  it ";
  const char *b = "the officials said , it";
  g_autoptr(GArray) hunks = diff (a, b);

  g_assert_cmpuint (hunks->len, ==, 1);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, a, a, b, b);
  check_hunks (a, b, hunks);
}

static void
test_empty (void)
{
  const char *text = "hello world";
  g_autoptr(GArray) both = diff ("", "");
  g_autoptr(GArray) insert = diff ("", text);
  g_autoptr(GArray) delete = diff (text, "");
  g_autoptr(GArray) blank = diff (" \n ", text);

  g_assert_cmpuint (both->len, ==, 1);
  assert_hunk (both, 0, UNSPIN_DIFF_EQUAL, "", "", "", "");

  g_assert_cmpuint (insert->len, ==, 1);
  assert_hunk (insert, 0, UNSPIN_DIFF_INSERT, "", "", text, text);
  check_hunks ("", text, insert);

  g_assert_cmpuint (delete->len, ==, 1);
  assert_hunk (delete, 0, UNSPIN_DIFF_DELETE, text, text, "", "");
  check_hunks (text, "", delete);

  /* Text without tokens is covered all the same. */
  g_assert_cmpuint (blank->len, ==, 1);
  assert_hunk (blank, 0, UNSPIN_DIFF_INSERT, " \n ", " \n ", text, text);
  check_hunks (" \n ", text, blank);
}

static void
test_insertion (void)
{
  const char *a = "the said it";
  const char *b = "the officials actually said it";
  g_autoptr(GArray) hunks = diff (a, b);
  g_autoptr(GArray) at_start = diff ("said it", "officials said it");
  g_autoptr(GArray) at_end = diff ("the officials", "the officials said");

  g_assert_cmpuint (hunks->len, ==, 3);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, a, "the ", b, "the ");
  assert_hunk (hunks, 1, UNSPIN_DIFF_INSERT, a, "", b, "officials actually ");
  assert_hunk (hunks, 2, UNSPIN_DIFF_EQUAL, a, "said it", b, "said it");
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, 1).a_start, ==, 4);
  check_hunks (a, b, hunks);

  g_assert_cmpuint (at_start->len, ==, 2);
  assert_hunk (at_start, 0, UNSPIN_DIFF_INSERT, "said it", "", "officials said it", "officials ");
  check_hunks ("said it", "officials said it", at_start);

  g_assert_cmpuint (at_end->len, ==, 2);
  assert_hunk (at_end, 1, UNSPIN_DIFF_INSERT,
               "the officials", "", "the officials said", "said");
  g_assert_cmpuint (g_array_index (at_end, UnspinDiffHunk, 1).a_start, ==, 13);
  check_hunks ("the officials", "the officials said", at_end);
}

static void
test_deletion (void)
{
  const char *a = "the officials actually said, it";
  const char *b = "the officials said, it";
  g_autoptr(GArray) hunks = diff (a, b);

  g_assert_cmpuint (hunks->len, ==, 3);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, a, "the officials ", b, "the officials ");
  assert_hunk (hunks, 1, UNSPIN_DIFF_DELETE, a, "actually ", b, "");
  assert_hunk (hunks, 2, UNSPIN_DIFF_EQUAL, a, "said, it", b, "said, it");
  g_assert_cmpuint (g_array_index (hunks, UnspinDiffHunk, 1).b_start, ==, 14);
  check_hunks (a, b, hunks);
}

static void
test_replacement (void)
{
  const char *a = "the officials said";
  const char *b = "the authorities stated";
  const char *c = "the officials said it";
  const char *d = "the authorities stated it";
  g_autoptr(GArray) hunks = diff (a, b);
  g_autoptr(GArray) middle = diff (c, d);

  g_assert_cmpuint (hunks->len, ==, 2);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, a, "the ", b, "the ");
  assert_hunk (hunks, 1, UNSPIN_DIFF_REPLACE, a, "officials said", b, "authorities stated");
  g_assert_cmpuint (check_hunks (a, b, hunks), ==, 4);

  g_assert_cmpuint (middle->len, ==, 3);
  assert_hunk (middle, 1, UNSPIN_DIFF_REPLACE, c, "officials said ", d, "authorities stated ");
  assert_hunk (middle, 2, UNSPIN_DIFF_EQUAL, c, "it", d, "it");
  check_hunks (c, d, middle);
}

static void
test_case (void)
{
  const char *a = "The Federal government said";
  const char *b = "the federal government said";
  g_autoptr(GArray) hunks = diff (a, b);

  g_assert_cmpuint (hunks->len, ==, 2);
  assert_hunk (hunks, 0, UNSPIN_DIFF_REPLACE, a, "The Federal ", b, "the federal ");
  assert_hunk (hunks, 1, UNSPIN_DIFF_EQUAL, a, "government said", b, "government said");
  check_hunks (a, b, hunks);
}

static void
test_utf8 (void)
{
  /* "Iraq’s" is 8 bytes (’ is 3), "café" and "naïve" have one 2-byte character. */
  const char *a = "Iraq’s café was “naïve” — they said.";
  const char *b = "Iraq’s new cafe was “naïve” — they said.";
  g_autoptr(GArray) hunks = diff (a, b);
  const UnspinDiffHunk *h;

  g_assert_cmpuint (hunks->len, ==, 3);
  assert_hunk (hunks, 0, UNSPIN_DIFF_EQUAL, a, "Iraq’s ", b, "Iraq’s ");
  assert_hunk (hunks, 1, UNSPIN_DIFF_REPLACE, a, "café ", b, "new cafe ");
  assert_hunk (hunks, 2, UNSPIN_DIFF_EQUAL,
               a, "was “naïve” — they said.", b, "was “naïve” — they said.");

  h = &g_array_index (hunks, UnspinDiffHunk, 1);
  g_assert_cmpuint (h->a_start, ==, 9);
  g_assert_cmpuint (h->a_end, ==, 15);
  g_assert_cmpuint (h->b_start, ==, 9);
  g_assert_cmpuint (h->b_end, ==, 18);
  h = &g_array_index (hunks, UnspinDiffHunk, 2);
  g_assert_cmpuint (h->a_end, ==, strlen (a));
  g_assert_cmpuint (h->b_end, ==, strlen (b));
  check_hunks (a, b, hunks);
}

static void
test_random_edits (void)
{
  for (guint round = 0; round < 400; round++)
    {
      /* Small vocabularies repeat tokens often, which is where alignments go wrong. */
      guint vocabulary = g_test_rand_int_range (2, 40);
      g_autoptr(GPtrArray) x = random_tokens (g_test_rand_int_range (0, 80), vocabulary);
      guint cost;
      g_autoptr(GPtrArray) y = random_edits (x, g_test_rand_int_range (0, 12), vocabulary, &cost);

      for (guint uniform = 0; uniform <= 1; uniform++)
        {
          g_autofree char *a = join_tokens (x, uniform);
          g_autofree char *b = join_tokens (y, uniform);
          g_autoptr(GArray) hunks = diff (a, b);
          g_autoptr(GPtrArray) a_strings = token_strings (a, 0, strlen (a));
          g_autoptr(GPtrArray) b_strings = token_strings (b, 0, strlen (b));
          guint changed = check_hunks (a, b, hunks);
          guint lcs;

          g_assert_cmpuint (changed, <=, cost);
          lcs = lcs_length (a_strings, b_strings);
          g_assert_cmpuint (changed, ==, a_strings->len + b_strings->len - 2 * lcs);

          if (uniform)
            {
              g_autofree char *rebuilt = rebuild_b (a, b, hunks);
              g_assert_cmpstr (rebuilt, ==, b);
            }
        }
    }
}

static void
test_large (void)
{
  g_autoptr(GPtrArray) x = random_tokens (100000, G_N_ELEMENTS (words));
  guint cost;
  g_autoptr(GPtrArray) y = random_edits (x, 300, G_N_ELEMENTS (words), &cost);
  g_autofree char *a = join_tokens (x, FALSE);
  g_autofree char *b = join_tokens (y, FALSE);
  g_autoptr(GArray) hunks = NULL;
  gint64 start;
  guint changed;

  start = g_get_monotonic_time ();
  hunks = diff (a, b);
  g_test_message ("100,000 tokens, %u edits' cost: %u hunks in %.1f ms", cost, hunks->len,
                  (g_get_monotonic_time () - start) / 1000.0);

  changed = check_hunks (a, b, hunks);
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpuint (changed, <=, cost);
}

static void
test_dissimilar (void)
{
  g_autoptr(GPtrArray) x = random_tokens (20000, G_N_ELEMENTS (words));
  g_autoptr(GPtrArray) y = random_tokens (20000, G_N_ELEMENTS (words));
  g_autofree char *a = join_tokens (x, FALSE);
  g_autofree char *b = join_tokens (y, FALSE);
  g_autofree char *b_uniform = join_tokens (y, TRUE);
  g_autofree char *upper = g_utf8_strup (a, -1);
  g_autoptr(GArray) hunks = NULL;
  g_autoptr(GArray) disjoint = NULL;
  gint64 start;

  /* Same vocabulary, unrelated order: the worst case for Myers, bounded by the cost cap. */
  start = g_get_monotonic_time ();
  hunks = diff (a, b);
  g_test_message ("20,000 against 20,000 unrelated tokens: %u hunks in %.1f ms", hunks->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  check_hunks (a, b, hunks);

  /* Hardly a token in common: upper case against lower case. */
  disjoint = diff (upper, b_uniform);
  check_hunks (upper, b_uniform, disjoint);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/diff/identical", test_identical);
  g_test_add_func ("/unspin/diff/whitespace", test_whitespace);
  g_test_add_func ("/unspin/diff/empty", test_empty);
  g_test_add_func ("/unspin/diff/insertion", test_insertion);
  g_test_add_func ("/unspin/diff/deletion", test_deletion);
  g_test_add_func ("/unspin/diff/replacement", test_replacement);
  g_test_add_func ("/unspin/diff/case", test_case);
  g_test_add_func ("/unspin/diff/utf8", test_utf8);
  g_test_add_func ("/unspin/diff/random-edits", test_random_edits);
  g_test_add_func ("/unspin/diff/large", test_large);
  g_test_add_func ("/unspin/diff/dissimilar", test_dissimilar);

  return g_test_run ();
}
