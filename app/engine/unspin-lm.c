/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-lm.h"
#include "unspin-lm-config.h"

#if defined(HAVE_POCKETSPHINX)
# include <pocketsphinx/err.h>
# include <pocketsphinx/logmath.h>
# include <pocketsphinx/model.h>
#elif defined(HAVE_SPHINXBASE)
# include <sphinxbase/err.h>
# include <sphinxbase/logmath.h>
# include <sphinxbase/ngram_model.h>
#endif

#if defined(HAVE_POCKETSPHINX) || defined(HAVE_SPHINXBASE)
# define HAVE_SPHINX 1
#endif

/* Sphinx models hold at most this many words of history (trigram: 2). */
#define MAX_HISTORY 4

struct _UnspinLm
{
  GObject        parent_instance;

  char          *path;
#ifdef HAVE_SPHINX
  /* ngram_ng_prob() caches the last history's back-off weights inside the model, so two
   * threads scoring at once would read each other's cache: every call holds this lock. */
  GMutex         lock;
  ngram_model_t *model;
  logmath_t     *lmath;
#endif
  guint          order;
  guint          n_words;
  int            sentence_start;
  int            sentence_end;
  double         ln_base;   /* ln of the log base: raw scores times this are nats */
};

G_DEFINE_FINAL_TYPE (UnspinLm, unspin_lm, G_TYPE_OBJECT)

static void
unspin_lm_finalize (GObject *object)
{
  UnspinLm *self = (UnspinLm *)object;

#ifdef HAVE_SPHINX
  if (self->model != NULL)
    ngram_model_free (self->model);
  if (self->lmath != NULL)
    logmath_free (self->lmath);
  g_mutex_clear (&self->lock);
#endif
  g_free (self->path);

  G_OBJECT_CLASS (unspin_lm_parent_class)->finalize (object);
}

static void
unspin_lm_class_init (UnspinLmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_lm_finalize;
}

static void
unspin_lm_init (UnspinLm *self)
{
#ifdef HAVE_SPHINX
  g_mutex_init (&self->lock);
#endif
}

gboolean
unspin_lm_is_supported (void)
{
#ifdef HAVE_SPHINX
  return TRUE;
#else
  return FALSE;
#endif
}

const char *
unspin_lm_get_default_path (void)
{
  const char *path = g_getenv ("UNSPIN_LM_MODEL");

  if (path != NULL && *path != '\0')
    return path;
#ifdef UNSPIN_LM_DEFAULT_PATH
  return UNSPIN_LM_DEFAULT_PATH;
#else
  return NULL;
#endif
}

#ifdef HAVE_SPHINX
/* What the library accepts: its trie binary, ARPA text, or the old DMP format. Anything else
 * is refused here, before the library sees it, with a message a person can act on. */
static gboolean
looks_like_model (GFile         *file,
                  const char    *name,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char head[4096];
  gsize n = 0;

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head - 1, &n,
                                   cancellable, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }
  head[n] = '\0';

  if (n >= 19 && memcmp (head, "Trie Language Model", 19) == 0)
    return TRUE;
  /* DMP: a 4-byte length, then the header string. */
  if (n >= 20 && memcmp (head + 4, "Darpa Trigram LM", 16) == 0)
    return TRUE;
  if (strstr (head, "\\data\\") != NULL)
    return TRUE;

  g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL,
               /* Translators: %s is a file name. */
               _("%s: not a language model (expected a Sphinx binary model such as en-us.lm.bin, "
                 "or an ARPA text model)"), name);
  return FALSE;
}

static void
silence_library (void)
{
  static gsize once = 0;

  /* The library logs every step of loading to standard error. */
  if (g_once_init_enter (&once))
    {
      err_set_logfp (NULL);
      g_once_init_leave (&once, 1);
    }
}
#endif

UnspinLm *
unspin_lm_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);

#ifdef HAVE_SPHINX
  {
    g_autoptr(UnspinLm) self = NULL;
    const uint32 *counts;

    if (path == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     /* Translators: %s is the name of a file that is not on this computer (a URI).
                      */
                     _("%s: a language model must be a local file"), name);
        return NULL;
      }

    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                              cancellable, &local_error);
    if (info == NULL)
      {
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
        return NULL;
      }
    if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     /* Translators: %s is the name of a folder that was given as a language model.
                      */
                     _("%s: is a folder, not a language model file"), name);
        return NULL;
      }
    if (!looks_like_model (file, name, cancellable, error))
      return NULL;

    silence_library ();
    self = g_object_new (UNSPIN_TYPE_LM, NULL);
    self->path = g_steal_pointer (&path);
    self->lmath = logmath_init (1.0001, 0, FALSE);
    /* Despite its documentation, the library never frees the log-math tables it is given (in
     * SphinxBase 5prealpha and PocketSphinx 5 alike): they stay ours, freed after the model. */
    self->model = ngram_model_read (NULL, self->path, NGRAM_AUTO, self->lmath);
    if (self->model == NULL)
      {
        g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL,
                     /* Translators: %s is a file name. */
                     _("%s: the language model cannot be read (damaged or in a format the "
                       "Sphinx library does not know)"), name);
        return NULL;
      }

    counts = ngram_model_get_counts (self->model);
    self->order = ngram_model_get_size (self->model);
    self->n_words = counts[0];
    self->sentence_start = ngram_wid (self->model, "<s>");
    self->sentence_end = ngram_wid (self->model, "</s>");
    self->ln_base = logmath_log_to_ln (self->lmath, 1);
    if (self->order < 2 || self->order > MAX_HISTORY + 1
        || self->sentence_start == ngram_unknown_wid (self->model)
        || self->sentence_end == ngram_unknown_wid (self->model))
      {
        g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL,
                     /* Translators: %s is a file name; <s> and </s> are the model's own words for
                      * the start and the end of a sentence. */
                     _("%s: the language model must be a 2- to 5-gram model with sentence "
                       "markers <s> and </s>"), name);
        return NULL;
      }

    return g_steal_pointer (&self);
  }
#else
  g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_MODEL,
               /* Translators: %s is a file name. */
               _("%s: this build of Unspin cannot read language models (it was built without "
                 "the Sphinx library)"), name);
  return NULL;
#endif
}

const char *
unspin_lm_get_path (UnspinLm *self)
{
  g_return_val_if_fail (UNSPIN_IS_LM (self), NULL);

  return self->path;
}

guint
unspin_lm_get_order (UnspinLm *self)
{
  g_return_val_if_fail (UNSPIN_IS_LM (self), 0);

  return self->order;
}

guint
unspin_lm_get_n_words (UnspinLm *self)
{
  g_return_val_if_fail (UNSPIN_IS_LM (self), 0);

  return self->n_words;
}

int
unspin_lm_lookup (UnspinLm   *self,
                  const char *word,
                  gssize      len)
{
#ifdef HAVE_SPHINX
  char buf[256];
  int id;

  if (len < 0)
    len = strlen (word);
  if (len == 0 || (gsize) len >= sizeof buf)
    return UNSPIN_LM_NO_WORD;
  memcpy (buf, word, len);
  buf[len] = '\0';
  /* The markers are for sentence edges only, never a word of the text. */
  if (buf[0] == '<')
    return UNSPIN_LM_NO_WORD;
  id = ngram_wid (self->model, buf);
  return id == ngram_unknown_wid (self->model) ? UNSPIN_LM_NO_WORD : id;
#else
  return UNSPIN_LM_NO_WORD;
#endif
}

int
unspin_lm_get_sentence_start (UnspinLm *self)
{
  return self->sentence_start;
}

int
unspin_lm_get_sentence_end (UnspinLm *self)
{
  return self->sentence_end;
}

#ifdef HAVE_SPHINX
static inline double
score_locked (UnspinLm  *self,
              int        word,
              const int *history,
              guint      n_history,
              guint     *n_used)
{
  int32 hist[MAX_HISTORY];
  int32 used = 0;
  int32 raw;

  n_history = MIN (n_history, self->order - 1);
  for (guint i = 0; i < n_history; i++)
    hist[i] = history[i];
  raw = ngram_ng_prob (self->model, word, hist, n_history, &used);
  if (n_used != NULL)
    *n_used = used;
  return raw * self->ln_base;
}
#endif

double
unspin_lm_score (UnspinLm  *self,
                 int        word,
                 const int *history,
                 guint      n_history,
                 guint     *n_used)
{
#ifdef HAVE_SPHINX
  double score;

  g_mutex_lock (&self->lock);
  score = score_locked (self, word, history, n_history, n_used);
  g_mutex_unlock (&self->lock);
  return score;
#else
  return 0.0;
#endif
}

/* Direct-mapped: a slot per hash of the n-gram, the newest wins. */
#define CACHE_BITS 16

typedef struct {
  int   word;
  int   history[2];
  guint n_history;
  float score;
} CacheEntry;

struct _UnspinLmCache
{
  CacheEntry entries[1 << CACHE_BITS];
};

UnspinLmCache *
unspin_lm_cache_new (void)
{
  UnspinLmCache *cache = g_new (UnspinLmCache, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cache->entries); i++)
    cache->entries[i].word = UNSPIN_LM_NO_WORD;
  return cache;
}

void
unspin_lm_cache_free (UnspinLmCache *cache)
{
  g_free (cache);
}

double
unspin_lm_score_sequence (UnspinLm      *self,
                          UnspinLmCache *cache,
                          const int     *words,
                          guint          n,
                          guint          first)
{
#ifdef HAVE_SPHINX
  int history[MAX_HISTORY];
  double total = 0.0;
  gboolean locked = FALSE;

  for (guint i = first; i < n; i++)
    {
      guint n_history = 0;
      CacheEntry *entry = NULL;

      if (words[i] == UNSPIN_LM_NO_WORD)
        continue;
      while (n_history < self->order - 1 && n_history < i
             && words[i - 1 - n_history] != UNSPIN_LM_NO_WORD)
        {
          history[n_history] = words[i - 1 - n_history];
          n_history++;
        }

      /* Trigram models only: the cache holds two words of history. */
      if (cache != NULL && self->order <= 3)
        {
          int h0 = n_history > 0 ? history[0] : -2, h1 = n_history > 1 ? history[1] : -2;
          guint hash = ((guint) words[i] * 2654435761u) ^ ((guint) h0 * 40503u) ^ ((guint) h1 * 9973u);

          entry = &cache->entries[(hash ^ (hash >> 16)) & ((1 << CACHE_BITS) - 1)];
          if (entry->word == words[i] && entry->n_history == n_history
              && entry->history[0] == h0 && entry->history[1] == h1)
            {
              total += entry->score;
              continue;
            }
          entry->word = words[i];
          entry->n_history = n_history;
          entry->history[0] = h0;
          entry->history[1] = h1;
        }

      if (!locked)
        {
          g_mutex_lock (&self->lock);
          locked = TRUE;
        }
      {
        double score = score_locked (self, words[i], history, n_history, NULL);

        if (entry != NULL)
          entry->score = score;
        total += score;
      }
    }
  if (locked)
    g_mutex_unlock (&self->lock);
  return total;
#else
  return 0.0;
#endif
}
