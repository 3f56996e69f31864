/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-thesaurus.h"

#define HEADER "# unspin-reverse-thesaurus 1"
/* The file is a few megabytes; refuse anything far bigger rather than fill memory. */
#define MAX_SIZE (64 * 1024 * 1024)

struct _UnspinThesaurus
{
  GObject     parent_instance;

  char       *text;     /* the file's text, cut in place into the strings below */
  GHashTable *words;    /* garbled word -> Entry */
  GPtrArray  *lists;    /* owns the candidate arrays */
  GArray     *entries;  /* Entry, pointed to by @words once loading is done */
  char       *sha256;
};

typedef struct {
  const char **cands;   /* NULL-terminated */
  guint        seen;
  guint        own;
} Entry;

G_DEFINE_FINAL_TYPE (UnspinThesaurus, unspin_thesaurus, G_TYPE_OBJECT)

static void
unspin_thesaurus_finalize (GObject *object)
{
  UnspinThesaurus *self = (UnspinThesaurus *)object;

  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->sha256, g_free);

  G_OBJECT_CLASS (unspin_thesaurus_parent_class)->finalize (object);
}

static void
unspin_thesaurus_class_init (UnspinThesaurusClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = unspin_thesaurus_finalize;
}

static void
unspin_thesaurus_init (UnspinThesaurus *self)
{
  self->words = g_hash_table_new (g_str_hash, g_str_equal);
  self->lists = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
}

UnspinThesaurus *
unspin_thesaurus_new_from_bytes (GBytes      *bytes,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(UnspinThesaurus) self = g_object_new (UNSPIN_TYPE_THESAURUS, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *line, *rest;
  guint line_no = 0;

  if (!unspin_file_has_header (data, len, HEADER))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK,
                   /* Translators: the first %s is a file name, the second the line the file must
                    * begin with. */
                   _("%s: not a reverse thesaurus (it must be UTF-8 text beginning with “%s”)"),
                   name, HEADER);
      return NULL;
    }

  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->text = g_strndup (data, len);

  rest = self->text;
  while ((line = unspin_file_next_line (&rest, &line_no)) != NULL)
    {
      char *tab, *end;
      GPtrArray *list;

      tab = strchr (line, '\t');
      if (tab == NULL || tab == line || tab[1] == '\0')
        {
          g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK,
                       /* Translators: %s is a file name, %u a line number. */
                       _("%s: line %u: expected a word, a tab and candidates separated by |"),
                       name, line_no);
          return NULL;
        }
      *tab = '\0';

      {
        Entry entry = { NULL, 0, 0 };
        char *counts = strchr (tab + 1, '\t');

        if (counts != NULL)
          {
            *counts++ = '\0';
            if (sscanf (counts, "%u %u", &entry.seen, &entry.own) != 2)
              {
                g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK,
                             /* Translators: %s is a file name, %u a line number. */
                             _("%s: line %u: the third column must be two whole numbers"),
                             name, line_no);
                return NULL;
              }
          }

        list = g_ptr_array_new ();
        for (char *cand = tab + 1; cand != NULL; cand = end)
          {
            end = strchr (cand, '|');
            if (end != NULL)
              *end++ = '\0';
            if (*cand != '\0')
              g_ptr_array_add (list, cand);
          }
        g_ptr_array_add (list, NULL);
        entry.cands = (const char **) list->pdata;
        g_ptr_array_add (self->lists, g_ptr_array_free (list, FALSE));
        g_hash_table_replace (self->words, line, GUINT_TO_POINTER (self->entries->len + 1));
        g_array_append_val (self->entries, entry);
      }
    }

  return g_steal_pointer (&self);
}

UnspinThesaurus *
unspin_thesaurus_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = unspin_file_load (file, MAX_SIZE, UNSPIN_FILE_THESAURUS, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;
  return unspin_thesaurus_new_from_bytes (bytes, name, error);
}

const char * const *
unspin_thesaurus_lookup (UnspinThesaurus *self,
                         const char      *word,
                         guint           *seen,
                         guint           *own)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->words, word));
  const Entry *entry;

  if (index == 0)
    return NULL;
  /* Entries are looked up by index: the array may have moved while it grew. */
  entry = &g_array_index (self->entries, Entry, index - 1);
  if (seen != NULL)
    *seen = entry->seen;
  if (own != NULL)
    *own = entry->own;
  return (const char * const *) entry->cands;
}

guint
unspin_thesaurus_get_n_words (UnspinThesaurus *self)
{
  g_return_val_if_fail (UNSPIN_IS_THESAURUS (self), 0);

  return g_hash_table_size (self->words);
}

const char *
unspin_thesaurus_get_sha256 (UnspinThesaurus *self)
{
  g_return_val_if_fail (UNSPIN_IS_THESAURUS (self), NULL);

  return self->sha256;
}
