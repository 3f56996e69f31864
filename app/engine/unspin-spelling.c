/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-spelling.h"

#define HEADER "# unspin-spelling 1"
/* How much of a text is read to tell its spelling: an article's first pages tell it. */
#define SAMPLE_BYTES (64 * 1024)
/* Longer words are in no spelling list. */
#define WORD_MAX 64
/* The table is a few tens of kilobytes; a bigger file is not one. */
#define MAX_SIZE (4 * 1024 * 1024)

struct _UnspinSpelling {
  char       *text;      /* the file, its tabs and newlines made NULs */
  GHashTable *british;   /* American-only word -> British-only word, both in text */
  GHashTable *british_only;  /* British-only word -> itself */
  char       *sha256;
};

void
unspin_spelling_free (UnspinSpelling *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->british, g_hash_table_unref);
  g_clear_pointer (&self->british_only, g_hash_table_unref);
  g_free (self->text);
  g_free (self->sha256);
  g_free (self);
}

static gboolean
is_word (const char *word)
{
  gsize len = 0;

  for (const char *p = word; *p != '\0'; p++, len++)
    if (!g_ascii_islower (*p))
      return FALSE;
  return len > 0 && len < WORD_MAX;
}

UnspinSpelling *
unspin_spelling_new_from_bytes (GBytes      *bytes,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(UnspinSpelling) self = g_new0 (UnspinSpelling, 1);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *line, *rest;
  guint line_no = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!unspin_file_has_header (data, len, HEADER))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK,
                   /* Translators: the first %s is a file name, the second the line the file must
                    * begin with. */
                   _("%s: not a spelling table (it must be UTF-8 text beginning with “%s”)"),
                   name, HEADER);
      return NULL;
    }

  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->text = g_strndup (data, len);
  self->british = g_hash_table_new (g_str_hash, g_str_equal);
  self->british_only = g_hash_table_new (g_str_hash, g_str_equal);

  rest = self->text;
  while ((line = unspin_file_next_line (&rest, &line_no)) != NULL)
    {
      char *tab;

      tab = strchr (line, '\t');
      if (tab != NULL)
        *tab++ = '\0';
      if (tab == NULL || !is_word (line) || !is_word (tab))
        {
          g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK,
                       /* Translators: %s is a file name, %u a line number. */
                       _("%s: line %u: expected an American spelling, a tab and a British one, in "
                         "lower-case letters a-z"),
                       name, line_no);
          return NULL;
        }
      g_hash_table_insert (self->british, line, tab);
      g_hash_table_insert (self->british_only, tab, tab);
    }
  return g_steal_pointer (&self);
}

UnspinSpelling *
unspin_spelling_new_from_file (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = unspin_file_load (file, MAX_SIZE, UNSPIN_FILE_THESAURUS, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;
  return unspin_spelling_new_from_bytes (bytes, name, error);
}

/* Calls @func on each run of ASCII letters of @data[start, end), lower-cased (longer runs than
 * any word of the table are skipped), until it returns FALSE. */
static void
each_word (const char *data,
           gsize       start,
           gsize       end,
           gboolean  (*func) (const char *word, gsize word_start, gsize word_end, gpointer user_data),
           gpointer    user_data)
{
  char word[WORD_MAX];

  for (gsize i = start; i < end;)
    {
      gsize j = i, n = 0;

      if (!g_ascii_isalpha (data[i]))
        {
          i++;
          continue;
        }
      while (j < end && g_ascii_isalpha (data[j]))
        {
          if (n < WORD_MAX - 1)
            word[n] = g_ascii_tolower (data[j]);
          n++;
          j++;
        }
      if (n < WORD_MAX)
        {
          word[n] = '\0';
          if (!func (word, i, j, user_data))
            return;
        }
      i = j;
    }
}

typedef struct {
  UnspinSpelling *self;
  guint           american;
  guint           british;
} Count;

static gboolean
count_word (const char *word,
            gsize       word_start,
            gsize       word_end,
            gpointer    user_data)
{
  Count *count = user_data;

  if (g_hash_table_contains (count->self->british, word))
    count->american++;
  else if (g_hash_table_contains (count->self->british_only, word))
    count->british++;
  return TRUE;
}

gboolean
unspin_spelling_reads_british (UnspinSpelling *self,
                               const char     *data,
                               gsize           start,
                               gsize           end)
{
  Count count = { self, 0, 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || start == end, FALSE);

  each_word (data, start, MIN (end, start + SAMPLE_BYTES), count_word, &count);
  return count.british > 0 && count.british > count.american;
}

typedef struct {
  UnspinSpelling *self;
  const char     *text;
  GString        *out;
  gsize           copied;
} Convert;

static gboolean
convert_word (const char *word,
              gsize       word_start,
              gsize       word_end,
              gpointer    user_data)
{
  Convert *convert = user_data;
  const char *british;

  /* A word with a capital is a name's, spelled as its owner spells it. */
  for (gsize i = word_start; i < word_end; i++)
    if (g_ascii_isupper (convert->text[i]))
      return TRUE;
  british = g_hash_table_lookup (convert->self->british, word);
  if (british == NULL)
    return TRUE;
  if (convert->out == NULL)
    convert->out = g_string_new (NULL);
  g_string_append_len (convert->out, convert->text + convert->copied, word_start - convert->copied);
  g_string_append (convert->out, british);
  convert->copied = word_end;
  return TRUE;
}

char *
unspin_spelling_to_british (UnspinSpelling *self,
                            const char     *text)
{
  Convert convert = { self, text, NULL, 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  each_word (text, 0, strlen (text), convert_word, &convert);
  if (convert.out == NULL)
    return NULL;
  g_string_append (convert.out, text + convert.copied);
  return g_string_free (convert.out, FALSE);
}

const char *
unspin_spelling_lookup (UnspinSpelling *self,
                        const char     *american)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (american != NULL, NULL);

  return g_hash_table_lookup (self->british, american);
}

guint
unspin_spelling_get_n_words (UnspinSpelling *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->british);
}

const char *
unspin_spelling_get_sha256 (UnspinSpelling *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sha256;
}
