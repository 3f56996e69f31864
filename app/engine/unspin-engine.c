/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "unspin-engine.h"
#include "unspin-error.h"
#include "unspin-matcher.h"
#include "unspin-restore-writer.h"

/* How many non-empty lines at the top of an article the headline rule looks at. */
#define HEAD_LINES 6
/* Streaming restore hands output to the stream in chunks of about this size. */
#define FLUSH_SIZE (256 * 1024)

struct _UnspinEngine
{
  GObject            parent_instance;

  GPtrArray         *packs;      /* UnspinPhrasePack* */
  UnspinMatcher     *matcher;
  UnspinDebrisRules *rules;
};

G_DEFINE_FINAL_TYPE (UnspinEngine, unspin_engine, G_TYPE_OBJECT)

/* Per-call working memory, so that one engine serves several threads. */
typedef struct {
  GArray    *tokens;   /* UnspinToken */
  GArray    *matches;  /* UnspinMatch */
  GPtrArray *edits;    /* UnspinEdit*: the current chunk's */
  gboolean   describe; /* fill garbled, source and reason: not needed to restore */
} Scratch;

static void
scratch_init (Scratch *scratch)
{
  scratch->tokens = g_array_sized_new (FALSE, FALSE, sizeof (UnspinToken), 256);
  scratch->matches = g_array_sized_new (FALSE, FALSE, sizeof (UnspinMatch), 32);
  scratch->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
}

static void
scratch_clear (Scratch *scratch)
{
  g_clear_pointer (&scratch->tokens, g_array_unref);
  g_clear_pointer (&scratch->matches, g_array_unref);
  g_clear_pointer (&scratch->edits, g_ptr_array_unref);
}

static void
unspin_engine_finalize (GObject *object)
{
  UnspinEngine *self = (UnspinEngine *)object;

  g_clear_pointer (&self->matcher, unspin_matcher_free);
  g_clear_pointer (&self->packs, g_ptr_array_unref);
  g_clear_pointer (&self->rules, unspin_debris_rules_free);

  G_OBJECT_CLASS (unspin_engine_parent_class)->finalize (object);
}

static void
unspin_engine_class_init (UnspinEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_engine_finalize;
}

static void
unspin_engine_init (UnspinEngine *self)
{
  self->packs = g_ptr_array_new_with_free_func (g_object_unref);
  self->matcher = unspin_matcher_new ();
}

UnspinEngine *
unspin_engine_new (void)
{
  return g_object_new (UNSPIN_TYPE_ENGINE, NULL);
}

const char *
unspin_engine_get_default_data_dir (void)
{
  const char *dir = g_getenv ("UNSPIN_DATA_DIR");

  return (dir != NULL && *dir != '\0') ? dir : UNSPIN_PKGDATADIR;
}

void
unspin_engine_add_pack (UnspinEngine     *self,
                        UnspinPhrasePack *pack)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (UNSPIN_IS_PHRASE_PACK (pack));

  g_ptr_array_add (self->packs, g_object_ref (pack));
  unspin_matcher_add_pack (self->matcher, pack);
}

gboolean
unspin_engine_add_pack_file (UnspinEngine  *self,
                             GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(UnspinPhrasePack) pack = NULL;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  pack = unspin_phrase_pack_new_from_file (file, cancellable, error);
  if (pack == NULL)
    return FALSE;
  unspin_engine_add_pack (self, pack);
  return TRUE;
}

void
unspin_engine_set_debris_rules (UnspinEngine      *self,
                                UnspinDebrisRules *rules)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));

  g_clear_pointer (&self->rules, unspin_debris_rules_free);
  self->rules = rules;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
unspin_engine_load_default_data (UnspinEngine  *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  const char *data_dir = unspin_engine_get_default_data_dir ();
  g_autofree char *packs_path = g_build_filename (data_dir, "packs", NULL);
  g_autofree char *rules_path = g_build_filename (data_dir, "rules", "page-debris.json", NULL);
  g_autoptr(GFile) packs_dir = g_file_new_for_path (packs_path);
  g_autoptr(GFile) rules_file = g_file_new_for_path (rules_path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  UnspinDebrisRules *rules;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);

  enumerator = g_file_enumerate_children (packs_dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    {
      g_prefix_error (error, "The phrase packs folder %s cannot be read: ", packs_path);
      return FALSE;
    }

  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (packs_dir, g_ptr_array_index (names, i));

      if (!unspin_engine_add_pack_file (self, file, cancellable, error))
        return FALSE;
    }

  rules = unspin_debris_rules_new_from_file (rules_file, cancellable, error);
  if (rules == NULL)
    return FALSE;
  unspin_engine_set_debris_rules (self, rules);

  return TRUE;
}

GPtrArray *
unspin_engine_get_packs (UnspinEngine *self)
{
  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);

  return self->packs;
}

GPtrArray *
unspin_engine_dup_sources (UnspinEngine *self)
{
  GPtrArray *sources;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_data_source_free);
  for (guint i = 0; i < self->packs->len; i++)
    {
      UnspinPhrasePack *pack = g_ptr_array_index (self->packs, i);

      g_ptr_array_add (sources,
                       unspin_data_source_new ("pack",
                                               unspin_phrase_pack_get_id (pack),
                                               unspin_phrase_pack_get_version (pack),
                                               unspin_phrase_pack_get_sha256 (pack),
                                               unspin_phrase_pack_get_license (pack)));
    }
  if (self->rules != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("rules",
                                             unspin_debris_rules_get_id (self->rules),
                                             unspin_debris_rules_get_version (self->rules),
                                             unspin_debris_rules_get_sha256 (self->rules),
                                             unspin_debris_rules_get_license (self->rules)));
  return sources;
}

static gboolean
is_space_byte (char c)
{
  return c == ' ' || c == '\t';
}

/* One pack match becomes one edit. A deletion ("has actually" -> "has" needs none, but an
 * entry whose original is "") takes the space before the span with it. */
static UnspinEdit *
edit_from_match (const char        *data,
                 gsize              line_start,
                 const UnspinToken *tokens,
                 const UnspinMatch *match,
                 gboolean           describe)
{
  const UnspinPackEntry *entry = match->entry;
  gsize start = tokens[match->token_start].start;
  gsize end = tokens[match->token_end - 1].end;
  g_autofree char *garbled = NULL;
  g_autofree char *proposal = NULL;
  const char *proposal_text;
  g_autofree char *source = NULL;
  g_autofree char *reason = NULL;
  UnspinEditKind kind = UNSPIN_EDIT_REPLACE;
  UnspinEdit *edit;
  guint n_originals = g_strv_length (entry->originals);

  /* A span starting with a lower-case ASCII letter passes no capitals on: skip the copy. */
  if (g_ascii_islower (data[start]))
    proposal_text = entry->originals[0];
  else
    proposal_text = proposal = unspin_transfer_case (data + start, end - start, entry->originals[0]);
  if (*proposal_text == '\0')
    {
      kind = UNSPIN_EDIT_DELETE;
      while (start > line_start && is_space_byte (data[start - 1]))
        start--;
    }
  if (describe)
    {
      garbled = g_strndup (data + start, end - start);
      source = g_strdup_printf ("pack:%s:%s", unspin_phrase_pack_get_id (match->pack), entry->garbled);
      if (entry->note != NULL && *entry->note != '\0')
        reason = g_strdup (entry->note);
      else if (kind == UNSPIN_EDIT_DELETE)
        reason = g_strdup_printf ("spinners insert “%s” (%s pack)", entry->garbled,
                                  unspin_phrase_pack_get_id (match->pack));
      else
        reason = g_strdup_printf ("spinners write “%s” for “%s” (%s pack)", entry->garbled,
                                  entry->originals[0], unspin_phrase_pack_get_id (match->pack));
    }

  edit = unspin_edit_new (kind, start, end, garbled, proposal_text, entry->prior, source, reason);

  if (describe && n_originals > 1)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) alternatives = NULL;

      for (guint i = 1; i < n_originals; i++)
        {
          g_autofree char *alternative = unspin_transfer_case (data + start, end - start,
                                                               entry->originals[i]);

          g_strv_builder_add (builder, alternative);
        }
      alternatives = g_strv_builder_end (builder);
      unspin_edit_set_alternatives (edit, (const char * const *) alternatives);
    }

  return edit;
}

/* Sorts the chunk's edits and drops any that overlap an earlier one (the first proposed wins:
 * line rules come before word rules). */
static void
sort_and_drop_overlaps (GPtrArray *edits)
{
  guint out = 0;

  g_ptr_array_sort (edits, unspin_edit_compare);
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      /* Sorted and kept apart, so only the last kept edit can overlap this one. */
      if (out > 0 && unspin_edit_overlaps (g_ptr_array_index (edits, out - 1), edit))
        {
          unspin_edit_unref (edit);
          continue;
        }
      edits->pdata[out++] = edit;
    }
  edits->len = out;
}

static void
propose_line (UnspinEngine *self,
              const char   *data,
              gsize         data_len,
              gsize         line_start,
              gsize         line_end,
              Scratch      *scratch)
{
  const UnspinToken *tokens;
  guint n_tokens;

  if (line_start == line_end)
    return;

  if (self->rules != NULL
      && unspin_debris_check_spam_line (self->rules, data, data_len, line_start, line_end,
                                        scratch->edits))
    return;

  g_array_set_size (scratch->tokens, 0);
  unspin_tokenize (data, line_start, line_end, scratch->tokens);
  tokens = (const UnspinToken *) scratch->tokens->data;
  n_tokens = scratch->tokens->len;

  g_array_set_size (scratch->matches, 0);
  unspin_matcher_find (self->matcher, data, tokens, n_tokens, scratch->matches);
  for (guint i = 0; i < scratch->matches->len; i++)
    g_ptr_array_add (scratch->edits,
                     edit_from_match (data, line_start, tokens,
                                      &g_array_index (scratch->matches, UnspinMatch, i),
                                      scratch->describe));

  if (self->rules != NULL)
    {
      unspin_debris_check_glued_credit (self->rules, data, tokens, n_tokens, scratch->edits);
      unspin_debris_check_numerals (self->rules, data, tokens, n_tokens, scratch->edits);
    }
}

/* The headline rule needs the first lines together, with how spun each one looks. */
static void
propose_head (UnspinEngine *self,
              UnspinText   *text,
              Scratch      *scratch,
              GPtrArray    *head_edits)
{
  UnspinHeadLine lines[HEAD_LINES];
  guint n_lines = 0;
  gsize pos = 0, start, end, len;
  const char *data = unspin_text_get_data (text, &len);

  if (self->rules == NULL)
    return;

  while (n_lines < HEAD_LINES && unspin_text_next_line (text, &pos, &start, &end))
    {
      gboolean blank = TRUE;

      for (gsize i = start; i < end && blank; i++)
        blank = g_ascii_isspace (data[i]);
      if (blank)
        continue;

      g_array_set_size (scratch->tokens, 0);
      unspin_tokenize (data, start, end, scratch->tokens);
      g_array_set_size (scratch->matches, 0);
      unspin_matcher_find (self->matcher, data, (const UnspinToken *) scratch->tokens->data,
                           scratch->tokens->len, scratch->matches);
      lines[n_lines].start = start;
      lines[n_lines].end = end;
      lines[n_lines].n_marks = scratch->matches->len;
      n_lines++;
    }

  unspin_debris_check_headlines (self->rules, data, len, lines, n_lines, head_edits);
  g_ptr_array_sort (head_edits, unspin_edit_compare);
}

/* Called with each chunk's edits (sorted, non-overlapping, all starting at or after the previous
 * chunk's end) and the byte offset the chunk ends at, in text order, on the calling thread. */
typedef gboolean (*ChunkFunc) (GPtrArray *edits,
                               gsize      chunk_end,
                               gpointer   user_data,
                               GError   **error);

/* Big texts are cut into blocks of whole lines, proposed on in parallel and merged in order. */
#define BLOCK_SIZE (1024 * 1024)

typedef struct {
  gsize      start;
  gsize      end;
  GPtrArray *edits;   /* UnspinEdit*, in text order */
  gboolean   done;
} Block;

typedef struct {
  UnspinEngine *engine;
  UnspinText   *text;
  GPtrArray    *head_edits;  /* read-only once made */
  gboolean      describe;
  GCancellable *cancellable;
  gint          stop;        /* atomic: a write failed or the scan was cancelled */
  GMutex        mutex;
  GCond         cond;
} Scan;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->edits, g_ptr_array_unref);
  g_free (block);
}

/* Proposes on the lines of one block. The same code runs whether the text is one block or many:
 * a line covered by an earlier edit (a deleted spam line takes the blank line after it) is
 * skipped; coverage reaching across blocks is settled when the blocks are merged. */
static void
scan_block (Scan  *scan,
            Block *block)
{
  Scratch scratch;
  gsize len, pos = block->start, start, end;
  gsize covered_until = block->start;
  const char *data = unspin_text_get_data (scan->text, &len);
  guint head_i = 0;
  guint n_lines = 0;

  scratch_init (&scratch);
  scratch.describe = scan->describe;
  block->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);

  while (head_i < scan->head_edits->len
         && ((UnspinEdit *) g_ptr_array_index (scan->head_edits, head_i))->byte_start < block->start)
    head_i++;

  while (pos < block->end && unspin_text_next_line (scan->text, &pos, &start, &end))
    {
      if ((++n_lines & 0xFF) == 0
          && (g_atomic_int_get (&scan->stop) || g_cancellable_is_cancelled (scan->cancellable)))
        break;

      /* Line rules that take whole lines (and the blank line after) claim them first. */
      while (head_i < scan->head_edits->len
             && ((UnspinEdit *) g_ptr_array_index (scan->head_edits, head_i))->byte_start < pos)
        {
          UnspinEdit *edit = g_ptr_array_index (scan->head_edits, head_i++);

          g_ptr_array_add (scratch.edits, unspin_edit_ref (edit));
          covered_until = MAX (covered_until, edit->byte_end);
        }

      if (start >= covered_until)
        {
          guint before = scratch.edits->len;

          propose_line (scan->engine, data, len, start, end, &scratch);
          for (guint i = before; i < scratch.edits->len; i++)
            covered_until = MAX (covered_until,
                                 ((UnspinEdit *) g_ptr_array_index (scratch.edits, i))->byte_end);
        }

      if (scratch.edits->len == 0)
        continue;

      sort_and_drop_overlaps (scratch.edits);
      for (guint i = 0; i < scratch.edits->len; i++)
        g_ptr_array_add (block->edits, g_steal_pointer (&scratch.edits->pdata[i]));
      scratch.edits->len = 0;
    }

  scratch_clear (&scratch);
}

static void
scan_block_thread (gpointer data,
                   gpointer user_data)
{
  Block *block = data;
  Scan *scan = user_data;

  scan_block (scan, block);
  g_mutex_lock (&scan->mutex);
  block->done = TRUE;
  g_cond_broadcast (&scan->cond);
  g_mutex_unlock (&scan->mutex);
}

/* The next block: from @start to the first line start at least BLOCK_SIZE further on. */
static Block *
next_block (UnspinText *text,
            gsize       start)
{
  gsize len;
  const char *data = unspin_text_get_data (text, &len);
  Block *block = g_new0 (Block, 1);
  const char *nl = NULL;

  block->start = start;
  if (len - start > BLOCK_SIZE)
    nl = memchr (data + start + BLOCK_SIZE, '\n', len - start - BLOCK_SIZE);
  block->end = nl ? (gsize) (nl - data) + 1 : len;
  return block;
}

/* Hands a block's edits on, dropping those that an edit of an earlier block already covers. */
static gboolean
merge_block (Block     *block,
             gsize     *covered_until,
             ChunkFunc  func,
             gpointer   user_data,
             GError   **error)
{
  guint out = 0;

  for (guint i = 0; i < block->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (block->edits, i);

      if (edit->byte_start < *covered_until)
        {
          unspin_edit_unref (edit);
          continue;
        }
      *covered_until = MAX (*covered_until, edit->byte_end);
      block->edits->pdata[out++] = edit;
    }
  block->edits->len = out;

  return func (block->edits, block->end, user_data, error);
}

static gboolean
scan_text (UnspinEngine  *self,
           UnspinText    *text,
           gboolean       describe,
           ChunkFunc      func,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) head_edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  g_autoptr(GQueue) blocks = g_queue_new ();
  GThreadPool *pool = NULL;
  Scan scan = { 0 };
  Scratch scratch;
  gsize len, next_start, covered_until = 0;
  guint n_threads, max_ahead;
  gboolean ok = TRUE;

  unspin_text_get_data (text, &len);

  scratch_init (&scratch);
  scratch.describe = describe;
  propose_head (self, text, &scratch, head_edits);
  scratch_clear (&scratch);

  scan.engine = self;
  scan.text = text;
  scan.head_edits = head_edits;
  scan.describe = describe;
  scan.cancellable = cancellable;
  g_mutex_init (&scan.mutex);
  g_cond_init (&scan.cond);

  n_threads = CLAMP (g_get_num_processors (), 1, 8);
  if (g_getenv ("UNSPIN_THREADS") != NULL)
    n_threads = CLAMP (g_ascii_strtoull (g_getenv ("UNSPIN_THREADS"), NULL, 10), 1, 64);
  max_ahead = 2 * n_threads;
  if (len > BLOCK_SIZE && n_threads > 1)
    pool = g_thread_pool_new (scan_block_thread, &scan, n_threads, FALSE, NULL);

  next_start = unspin_text_get_body_start (text);
  do
    {
      Block *block;

      /* Keep a few blocks in flight; memory stays bounded whatever the input size. */
      while (next_start < len && g_queue_get_length (blocks) < (pool ? max_ahead : 1))
        {
          Block *queued = next_block (text, next_start);

          next_start = queued->end;
          g_queue_push_tail (blocks, queued);
          if (pool)
            g_thread_pool_push (pool, queued, NULL);
        }

      block = g_queue_pop_head (blocks);
      if (block == NULL)
        break;

      if (pool)
        {
          g_mutex_lock (&scan.mutex);
          while (!block->done)
            g_cond_wait (&scan.cond, &scan.mutex);
          g_mutex_unlock (&scan.mutex);
        }
      else
        scan_block (&scan, block);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = merge_block (block, &covered_until, func, user_data, error);
      block_free (block);
    }
  while (ok);

  if (pool)
    {
      g_atomic_int_set (&scan.stop, TRUE);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  g_queue_free_full (g_steal_pointer (&blocks), block_free);
  g_mutex_clear (&scan.mutex);
  g_cond_clear (&scan.cond);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  return ok;
}

static gboolean
collect_chunk (GPtrArray  *edits,
               gsize       chunk_end,
               gpointer    user_data,
               GError    **error)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < edits->len; i++)
    g_ptr_array_add (all, unspin_edit_ref (g_ptr_array_index (edits, i)));
  return TRUE;
}

GPtrArray *
unspin_engine_propose (UnspinEngine  *self,
                       UnspinText    *text,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) edits = NULL;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);
  g_return_val_if_fail (UNSPIN_IS_TEXT (text), NULL);

  edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  if (!scan_text (self, text, TRUE, collect_chunk, edits, cancellable, error))
    return NULL;

  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      edit->id = i + 1;
      edit->char_start = unspin_text_byte_to_char (text, edit->byte_start);
      edit->char_end = edit->char_start
                       + g_utf8_strlen (edit->garbled, edit->byte_end - edit->byte_start);
    }

  return g_steal_pointer (&edits);
}

static void
propose_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *edits;

  edits = unspin_engine_propose (source_object, task_data, cancellable, &error);
  if (edits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, edits, (GDestroyNotify) g_ptr_array_unref);
}

void
unspin_engine_propose_async (UnspinEngine        *self,
                             UnspinText          *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (UNSPIN_IS_TEXT (text));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, unspin_engine_propose_async);
  g_task_set_task_data (task, g_object_ref (text), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, propose_thread);
}

GPtrArray *
unspin_engine_propose_finish (UnspinEngine  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

UnspinReview *
unspin_engine_review (UnspinEngine  *self,
                      UnspinText    *text,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  UnspinReview *review;

  edits = unspin_engine_propose (self, text, cancellable, error);
  if (edits == NULL)
    return NULL;

  review = unspin_review_new (text, edits);
  unspin_review_preaccept (review, UNSPIN_CONFIDENCE_HIGH);
  sources = unspin_engine_dup_sources (self);
  for (guint i = 0; i < sources->len; i++)
    unspin_review_add_source (review, g_ptr_array_index (sources, i));

  return review;
}

typedef struct {
  UnspinRestoreWriter  writer;
  GString             *out;
  GOutputStream       *stream;
  double               min_confidence;
  GCancellable        *cancellable;
} StreamState;

static gboolean
stream_flush (StreamState  *state,
              GError      **error)
{
  gboolean ok = g_output_stream_write_all (state->stream, state->out->str, state->out->len,
                                           NULL, state->cancellable, error);

  g_string_truncate (state->out, 0);
  return ok;
}

static gboolean
stream_chunk (GPtrArray  *edits,
              gsize       chunk_end,
              gpointer    user_data,
              GError    **error)
{
  StreamState *state = user_data;

  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      if (edit->confidence >= state->min_confidence)
        unspin_restore_writer_apply (&state->writer, edit->byte_start, edit->byte_end,
                                     edit->proposal);
    }
  unspin_restore_writer_copy_to (&state->writer, chunk_end);

  if (state->out->len >= FLUSH_SIZE)
    return stream_flush (state, error);
  return TRUE;
}

gboolean
unspin_engine_restore_to_stream (UnspinEngine   *self,
                                 UnspinText     *text,
                                 double          min_confidence,
                                 GOutputStream  *stream,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  StreamState state;
  gsize len;
  const char *data;
  gboolean ok;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (UNSPIN_IS_TEXT (text), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  data = unspin_text_get_data (text, &len);
  state.out = g_string_sized_new (FLUSH_SIZE + 4096);
  state.stream = stream;
  state.min_confidence = min_confidence;
  state.cancellable = cancellable;
  unspin_restore_writer_init (&state.writer, data, state.out);

  ok = scan_text (self, text, FALSE, stream_chunk, &state, cancellable, error);
  if (ok)
    {
      unspin_restore_writer_copy_to (&state.writer, len);
      ok = stream_flush (&state, error);
    }

  g_string_free (state.out, TRUE);
  return ok;
}
