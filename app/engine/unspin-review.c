/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-diff.h"
#include "unspin-error.h"
#include "unspin-restore-writer.h"
#include "unspin-review.h"

typedef struct {
  UnspinReviewState  state;
  char              *custom_text;
} Decision;

/* One change in an undo step. Edits are referred to by pointer, not index: a manual edit
 * shifts the indices of the edits after it. */
typedef struct {
  UnspinEdit        *edit;
  UnspinReviewState  old_state;
  char              *old_custom;
  UnspinReviewState  new_state;
  char              *new_custom;
  gboolean           added;       /* the step added @edit (a manual edit) */
} Change;

struct _UnspinReview
{
  GObject    parent_instance;

  UnspinText *text;
  GPtrArray  *edits;      /* UnspinEdit*, sorted, non-overlapping */
  GArray     *decisions;  /* Decision, parallel to @edits */
  guint       n_reviewed;
  guint       next_id;
  GPtrArray  *undo;       /* GArray of Change, one per step */
  GPtrArray  *redo;
  GPtrArray  *sources;
  guint64     generation;
};

G_DEFINE_FINAL_TYPE (UnspinReview, unspin_review, G_TYPE_OBJECT)

enum {
  STATE_CHANGED,
  EDITS_CHANGED,
  HISTORY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The reason a person's own change gives, shown beside it in the list of edits. */
static const char *
reviewer_reason (void)
{
  /* Translators: the reason shown for an edit that the person reviewing typed in. */
  return _("the reviewer's own correction");
}

static const char * const state_names[] = {
  [UNSPIN_REVIEW_PENDING] = "pending",
  [UNSPIN_REVIEW_ACCEPTED] = "accepted",
  [UNSPIN_REVIEW_REJECTED] = "rejected",
  [UNSPIN_REVIEW_EDITED] = "edited",
};

const char *
unspin_review_state_to_string (UnspinReviewState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
unspin_review_state_from_string (const char        *string,
                                 UnspinReviewState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_strcmp0 (string, state_names[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }
  return FALSE;
}

G_DEFINE_BOXED_TYPE (UnspinDataSource, unspin_data_source,
                     unspin_data_source_copy, unspin_data_source_free)

UnspinDataSource *
unspin_data_source_new (const char *kind,
                        const char *id,
                        const char *version,
                        const char *sha256,
                        const char *license)
{
  UnspinDataSource *self = g_new0 (UnspinDataSource, 1);

  self->kind = g_strdup (kind ? kind : "");
  self->id = g_strdup (id ? id : "");
  self->version = g_strdup (version ? version : "");
  self->sha256 = g_strdup (sha256 ? sha256 : "");
  self->license = g_strdup (license ? license : "");
  return self;
}

UnspinDataSource *
unspin_data_source_copy (const UnspinDataSource *self)
{
  return unspin_data_source_new (self->kind, self->id, self->version, self->sha256, self->license);
}

void
unspin_data_source_free (UnspinDataSource *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->id);
  g_free (self->version);
  g_free (self->sha256);
  g_free (self->license);
  g_free (self);
}

static void
decision_clear (gpointer data)
{
  Decision *decision = data;

  g_clear_pointer (&decision->custom_text, g_free);
}

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_pointer (&change->edit, unspin_edit_unref);
  g_clear_pointer (&change->old_custom, g_free);
  g_clear_pointer (&change->new_custom, g_free);
}

static GArray *
step_new (void)
{
  GArray *step = g_array_new (FALSE, TRUE, sizeof (Change));

  g_array_set_clear_func (step, change_clear);
  return step;
}

static void
unspin_review_finalize (GObject *object)
{
  UnspinReview *self = (UnspinReview *)object;

  g_clear_object (&self->text);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  g_clear_pointer (&self->decisions, g_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (unspin_review_parent_class)->finalize (object);
}

static void
unspin_review_class_init (UnspinReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_review_finalize;

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[EDITS_CHANGED] =
    g_signal_new ("edits-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  signals[HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
unspin_review_init (UnspinReview *self)
{
  self->decisions = g_array_new (FALSE, TRUE, sizeof (Decision));
  g_array_set_clear_func (self->decisions, decision_clear);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_data_source_free);
  self->next_id = 1;
}

UnspinReview *
unspin_review_new (UnspinText *text,
                   GPtrArray  *edits)
{
  UnspinReview *self;

  g_return_val_if_fail (UNSPIN_IS_TEXT (text), NULL);
  g_return_val_if_fail (edits != NULL, NULL);

  self = g_object_new (UNSPIN_TYPE_REVIEW, NULL);
  self->text = g_object_ref (text);
  self->edits = g_ptr_array_new_full (edits->len, (GDestroyNotify) unspin_edit_unref);
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      g_ptr_array_add (self->edits, unspin_edit_ref (edit));
      if (edit->id < G_MAXUINT)
        self->next_id = MAX (self->next_id, edit->id + 1);
    }
  g_array_set_size (self->decisions, edits->len);

  return self;
}

UnspinText *
unspin_review_get_text (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);

  return self->text;
}

guint
unspin_review_get_n_edits (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), 0);

  return self->edits->len;
}

UnspinEdit *
unspin_review_get_edit (UnspinReview *self,
                        guint         index)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->edits->len, NULL);

  return g_ptr_array_index (self->edits, index);
}

static Decision *
decision_at (UnspinReview *self,
             guint         index)
{
  return &g_array_index (self->decisions, Decision, index);
}

UnspinReviewState
unspin_review_get_state (UnspinReview *self,
                         guint         index)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), UNSPIN_REVIEW_PENDING);
  g_return_val_if_fail (index < self->edits->len, UNSPIN_REVIEW_PENDING);

  return decision_at (self, index)->state;
}

const char *
unspin_review_get_custom_text (UnspinReview *self,
                               guint         index)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->edits->len, NULL);

  return decision_at (self, index)->custom_text;
}

const char *
unspin_review_get_replacement (UnspinReview *self,
                               guint         index)
{
  Decision *decision;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->edits->len, NULL);

  decision = decision_at (self, index);
  if (decision->state == UNSPIN_REVIEW_EDITED)
    return decision->custom_text;
  return ((UnspinEdit *) g_ptr_array_index (self->edits, index))->proposal;
}

gboolean
unspin_review_find_edit (UnspinReview *self,
                         guint         id,
                         guint        *index)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);

  for (guint i = 0; i < self->edits->len; i++)
    {
      if (((UnspinEdit *) g_ptr_array_index (self->edits, i))->id == id)
        {
          if (index)
            *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

guint
unspin_review_get_n_reviewed (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), 0);

  return self->n_reviewed;
}

/* Edits are sorted and do not overlap, so the position of an edit pins it down. */
static gboolean
index_of_edit (UnspinReview *self,
               UnspinEdit   *edit,
               guint        *index)
{
  guint lo = 0, hi = self->edits->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      UnspinEdit *at = g_ptr_array_index (self->edits, mid);
      int cmp = unspin_edit_compare (&at, &edit);

      if (cmp == 0)
        {
          *index = mid;
          return at == edit;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *index = lo;
  return FALSE;
}

static void
apply_decision (UnspinReview      *self,
                guint              index,
                UnspinReviewState  state,
                const char        *custom_text)
{
  Decision *decision = decision_at (self, index);
  gboolean was_reviewed = decision->state != UNSPIN_REVIEW_PENDING;
  gboolean is_reviewed = state != UNSPIN_REVIEW_PENDING;

  self->generation++;
  decision->state = state;
  g_free (decision->custom_text);
  decision->custom_text = state == UNSPIN_REVIEW_EDITED ? g_strdup (custom_text ? custom_text : "") : NULL;
  self->n_reviewed += (int) is_reviewed - (int) was_reviewed;
}

/* Records (but does not apply) a change of decision into @step. */
static void
step_add_change (UnspinReview      *self,
                 GArray            *step,
                 guint              index,
                 UnspinReviewState  state,
                 const char        *custom_text)
{
  Decision *decision = decision_at (self, index);
  Change change = { 0 };

  change.edit = unspin_edit_ref (g_ptr_array_index (self->edits, index));
  change.old_state = decision->state;
  change.old_custom = g_strdup (decision->custom_text);
  change.new_state = state;
  change.new_custom = state == UNSPIN_REVIEW_EDITED ? g_strdup (custom_text ? custom_text : "") : NULL;
  g_array_append_val (step, change);
}

static void
insert_edit (UnspinReview *self,
             guint         index,
             UnspinEdit   *edit)
{
  Decision decision = { UNSPIN_REVIEW_PENDING, NULL };

  self->generation++;
  g_ptr_array_insert (self->edits, index, unspin_edit_ref (edit));
  g_array_insert_val (self->decisions, index, decision);
}

static void
remove_edit (UnspinReview *self,
             guint         index)
{
  self->generation++;
  if (decision_at (self, index)->state != UNSPIN_REVIEW_PENDING)
    self->n_reviewed--;
  g_array_remove_index (self->decisions, index);
  g_ptr_array_remove_index (self->edits, index);
}

/* Runs a step forwards (@forward) or backwards, emitting the signals. */
static void
run_step (UnspinReview *self,
          GArray       *step,
          gboolean      forward)
{
  for (guint k = 0; k < step->len; k++)
    {
      Change *change = &g_array_index (step, Change, forward ? k : step->len - 1 - k);
      guint index;
      gboolean present = index_of_edit (self, change->edit, &index);

      if (change->added && forward && !present)
        {
          insert_edit (self, index, change->edit);
          apply_decision (self, index, change->new_state, change->new_custom);
          g_signal_emit (self, signals[EDITS_CHANGED], 0, index, 0, 1);
        }
      else if (change->added && !forward && present)
        {
          remove_edit (self, index);
          g_signal_emit (self, signals[EDITS_CHANGED], 0, index, 1, 0);
        }
      else if (present)
        {
          if (forward)
            apply_decision (self, index, change->new_state, change->new_custom);
          else
            apply_decision (self, index, change->old_state, change->old_custom);
          g_signal_emit (self, signals[STATE_CHANGED], 0, index);
        }
    }
}

static void
commit_step (UnspinReview *self,
             GArray       *step)
{
  if (step->len == 0)
    {
      g_array_unref (step);
      return;
    }
  run_step (self, step, TRUE);
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0);
}

void
unspin_review_set_state (UnspinReview      *self,
                         guint              index,
                         UnspinReviewState  state,
                         const char        *custom_text)
{
  Decision *decision;
  GArray *step;

  g_return_if_fail (UNSPIN_IS_REVIEW (self));
  g_return_if_fail (index < self->edits->len);
  g_return_if_fail (state != UNSPIN_REVIEW_EDITED || custom_text != NULL);

  decision = decision_at (self, index);
  if (decision->state == state
      && (state != UNSPIN_REVIEW_EDITED || g_strcmp0 (decision->custom_text, custom_text) == 0))
    return;

  step = step_new ();
  step_add_change (self, step, index, state, custom_text);
  commit_step (self, step);
}

void
unspin_review_accept (UnspinReview *self,
                      guint         index)
{
  unspin_review_set_state (self, index, UNSPIN_REVIEW_ACCEPTED, NULL);
}

void
unspin_review_reject (UnspinReview *self,
                      guint         index)
{
  unspin_review_set_state (self, index, UNSPIN_REVIEW_REJECTED, NULL);
}

static guint
decide_pending (UnspinReview      *self,
                UnspinReviewState  state,
                double             min_confidence)
{
  GArray *step;
  guint n;

  step = step_new ();
  for (guint i = 0; i < self->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (self->edits, i);

      if (decision_at (self, i)->state == UNSPIN_REVIEW_PENDING && edit->confidence >= min_confidence)
        step_add_change (self, step, i, state, NULL);
    }
  n = step->len;
  commit_step (self, step);
  return n;
}

guint
unspin_review_accept_above (UnspinReview *self,
                            double        min_confidence)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), 0);

  return decide_pending (self, UNSPIN_REVIEW_ACCEPTED, min_confidence);
}

guint
unspin_review_reject_pending (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), 0);

  return decide_pending (self, UNSPIN_REVIEW_REJECTED, -1.0);
}

void
unspin_review_preaccept (UnspinReview *self,
                         double        min_confidence)
{
  g_return_if_fail (UNSPIN_IS_REVIEW (self));

  for (guint i = 0; i < self->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (self->edits, i);

      if (decision_at (self, i)->state == UNSPIN_REVIEW_PENDING && edit->confidence >= min_confidence)
        {
          apply_decision (self, i, UNSPIN_REVIEW_ACCEPTED, NULL);
          g_signal_emit (self, signals[STATE_CHANGED], 0, i);
        }
    }
}

void
unspin_review_restore_state (UnspinReview      *self,
                             guint              index,
                             UnspinReviewState  state,
                             const char        *custom_text)
{
  g_return_if_fail (UNSPIN_IS_REVIEW (self));
  g_return_if_fail (index < self->edits->len);

  apply_decision (self, index, state, custom_text);
}

gboolean
unspin_review_add_manual_edit (UnspinReview  *self,
                               gsize          byte_start,
                               gsize          byte_end,
                               const char    *text,
                               guint         *index,
                               GError       **error)
{
  gsize len;
  const char *data;
  g_autofree char *garbled = NULL;
  g_autoptr(UnspinEdit) edit = NULL;
  GArray *step;
  Change change = { 0 };
  guint at;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  data = unspin_text_get_data (self->text, &len);
  if (byte_start > byte_end || byte_end > len)
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                   /* Translators: %s is the article's name; the first two numbers are where the
                    * change starts and ends, counted in bytes from 0, the last is the length of the
                    * text. */
                   _("%s: the change at bytes %zu–%zu is outside the text (%zu bytes)"),
                   unspin_text_get_name (self->text), byte_start, byte_end, len);
      return FALSE;
    }
  if ((byte_start < len && ((guchar) data[byte_start] & 0xC0) == 0x80)
      || (byte_end < len && ((guchar) data[byte_end] & 0xC0) == 0x80))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                   /* Translators: %s is the article's name; the numbers are where the change starts
                    * and ends, counted in bytes from 0. */
                   _("%s: the change at bytes %zu–%zu splits a character"),
                   unspin_text_get_name (self->text), byte_start, byte_end);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                   /* Translators: %s is the article's name. */
                   _("%s: the replacement text is not valid UTF-8"),
                   unspin_text_get_name (self->text));
      return FALSE;
    }

  garbled = g_strndup (data + byte_start, byte_end - byte_start);
  edit = unspin_edit_new (UNSPIN_EDIT_MANUAL, byte_start, byte_end, garbled, text, 1.0,
                          "manual", reviewer_reason ());
  edit->id = self->next_id++;
  edit->char_start = unspin_text_byte_to_char (self->text, byte_start);
  edit->char_end = unspin_text_byte_to_char (self->text, byte_end);

  index_of_edit (self, edit, &at);
  if ((at > 0 && unspin_edit_overlaps (g_ptr_array_index (self->edits, at - 1), edit))
      || (at < self->edits->len && unspin_edit_overlaps (g_ptr_array_index (self->edits, at), edit)))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                   /* Translators: %s is the article's name; the numbers are where the change starts
                    * and ends, counted in bytes from 0. */
                   _("%s: the change at bytes %zu–%zu overlaps another edit; change that edit "
                     "instead"),
                   unspin_text_get_name (self->text), byte_start, byte_end);
      return FALSE;
    }

  step = step_new ();
  change.edit = unspin_edit_ref (edit);
  change.added = TRUE;
  change.old_state = UNSPIN_REVIEW_PENDING;
  change.new_state = UNSPIN_REVIEW_EDITED;
  change.new_custom = g_strdup (text);
  g_array_append_val (step, change);
  commit_step (self, step);

  if (index)
    *index = at;
  return TRUE;
}

gboolean
unspin_review_can_undo (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);

  return self->undo->len > 0;
}

gboolean
unspin_review_can_redo (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);

  return self->redo->len > 0;
}

/* Moves the last step of @from to @to, running it forwards or backwards. */
static gboolean
move_step (UnspinReview *self,
           GPtrArray    *from,
           GPtrArray    *to,
           gboolean      forward)
{
  GArray *step;

  if (from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  run_step (self, step, forward);
  g_ptr_array_add (to, step);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0);
  return TRUE;
}

gboolean
unspin_review_undo (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);

  return move_step (self, self->undo, self->redo, FALSE);
}

gboolean
unspin_review_redo (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);

  return move_step (self, self->redo, self->undo, TRUE);
}

char *
unspin_review_get_restored_text (UnspinReview *self,
                                 gsize        *length)
{
  gsize len;
  const char *data;
  GString *out;
  UnspinRestoreWriter writer;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);

  data = unspin_text_get_data (self->text, &len);
  out = g_string_sized_new (len + 64);
  unspin_restore_writer_init (&writer, data, out);
  for (guint i = 0; i < self->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (self->edits, i);
      UnspinReviewState state = decision_at (self, i)->state;

      if (state == UNSPIN_REVIEW_ACCEPTED || state == UNSPIN_REVIEW_EDITED)
        unspin_restore_writer_apply (&writer, edit->byte_start, edit->byte_end,
                                     unspin_review_get_replacement (self, i));
    }
  unspin_restore_writer_copy_to (&writer, len);

  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

GPtrArray *
unspin_review_get_sources (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);

  return self->sources;
}

void
unspin_review_add_source (UnspinReview           *self,
                          const UnspinDataSource *source)
{
  g_return_if_fail (UNSPIN_IS_REVIEW (self));
  g_return_if_fail (source != NULL);

  g_ptr_array_add (self->sources, unspin_data_source_copy (source));
}

guint64
unspin_review_get_generation (UnspinReview *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), 0);

  return self->generation;
}

char *
unspin_review_get_restored_layout (UnspinReview  *self,
                                   gsize         *length,
                                   GArray       **spans_out)
{
  gsize len, out_chars = 0, in_pos = 0, in_chars = 0;
  const char *data;
  GString *out;
  GArray *spans;
  UnspinRestoreWriter writer;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), NULL);

  data = unspin_text_get_data (self->text, &len);
  out = g_string_sized_new (len + 64);
  spans = g_array_sized_new (FALSE, TRUE, sizeof (UnspinSpan), self->edits->len);
  unspin_restore_writer_init (&writer, data, out);

  for (guint i = 0; i < self->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (self->edits, i);
      UnspinReviewState state = decision_at (self, i)->state;
      UnspinSpan span;
      gsize mark = out->len;

      unspin_restore_writer_copy_to (&writer, edit->byte_start);
      out_chars += unspin_count_chars (out->str + mark, out->len - mark);

      /* Edits come in text order: count the characters as the positions move on. */
      in_chars += unspin_count_chars (data + in_pos, edit->byte_start - in_pos);
      in_pos = edit->byte_start;
      span.garbled_start = edit->byte_start;
      span.garbled_end = edit->byte_end;
      span.garbled_char_start = in_chars;
      span.garbled_char_end = in_chars + unspin_count_chars (data + in_pos, edit->byte_end - in_pos);
      span.restored_start = out->len;
      span.restored_char_start = out_chars;

      mark = out->len;
      if (state == UNSPIN_REVIEW_ACCEPTED || state == UNSPIN_REVIEW_EDITED)
        unspin_restore_writer_apply (&writer, edit->byte_start, edit->byte_end,
                                     unspin_review_get_replacement (self, i));
      else
        unspin_restore_writer_copy_to (&writer, edit->byte_end);
      out_chars += unspin_count_chars (out->str + mark, out->len - mark);

      span.restored_end = out->len;
      span.restored_char_end = out_chars;
      g_array_append_val (spans, span);
    }
  unspin_restore_writer_copy_to (&writer, len);

  if (length)
    *length = out->len;
  if (spans_out)
    *spans_out = spans;
  else
    g_array_unref (spans);
  return g_string_free (out, FALSE);
}

gsize
unspin_spans_map_offset (GArray   *spans,
                         gsize     char_offset,
                         gboolean  to_restored)
{
  guint lo = 0, hi;
  const UnspinSpan *span;
  gsize from_start, from_end, to_start, to_end;

  g_return_val_if_fail (spans != NULL, char_offset);

  /* The last span starting at or before the offset: spans are sorted on both sides. */
  hi = spans->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const UnspinSpan *at = &g_array_index (spans, UnspinSpan, mid);
      gsize start = to_restored ? at->garbled_char_start : at->restored_char_start;

      if (start <= char_offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return char_offset;

  span = &g_array_index (spans, UnspinSpan, lo - 1);
  from_start = to_restored ? span->garbled_char_start : span->restored_char_start;
  from_end = to_restored ? span->garbled_char_end : span->restored_char_end;
  to_start = to_restored ? span->restored_char_start : span->garbled_char_start;
  to_end = to_restored ? span->restored_char_end : span->garbled_char_end;

  if (char_offset < from_end)
    return to_start + MIN (char_offset - from_start, to_end - to_start);
  return to_end + (char_offset - from_end);
}

/* One piece of a changed stretch that falls inside edit @index's span. */
typedef struct {
  guint  index;
  gsize  local_start;
  gsize  local_end;
  char  *text;
} EditPiece;

static void
edit_piece_clear (gpointer data)
{
  g_free (((EditPiece *) data)->text);
}

/* Byte offset in the garbled text of restored byte @pos, which no span covers. */
static gsize
garbled_byte_for (GArray *spans,
                  guint   k,
                  gsize   pos)
{
  const UnspinSpan *before;

  /* Spans before k all end at or before @pos. */
  if (k == 0)
    return pos;
  before = &g_array_index (spans, UnspinSpan, k - 1);
  return before->garbled_end + (pos - before->restored_end);
}

static UnspinEdit *
manual_edit_new (UnspinReview *self,
                 gsize         start,
                 gsize         end,
                 const char   *text)
{
  const char *data = unspin_text_get_data (self->text, NULL);
  g_autofree char *garbled = g_strndup (data + start, end - start);
  UnspinEdit *edit = unspin_edit_new (UNSPIN_EDIT_MANUAL, start, end, garbled, text, 1.0,
                                      "manual", reviewer_reason ());

  edit->char_start = unspin_text_byte_to_char (self->text, start);
  edit->char_end = unspin_text_byte_to_char (self->text, end);
  return edit;
}

static gboolean
overlaps_any (UnspinReview *self,
              UnspinEdit   *edit)
{
  guint at;

  index_of_edit (self, edit, &at);
  return (at > 0 && unspin_edit_overlaps (g_ptr_array_index (self->edits, at - 1), edit))
         || (at < self->edits->len && unspin_edit_overlaps (g_ptr_array_index (self->edits, at), edit));
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const EditPiece *pa = a, *pb = b;

  if (pa->index != pb->index)
    return pa->index < pb->index ? -1 : 1;
  return pa->local_start < pb->local_start ? -1 : pa->local_start > pb->local_start;
}

/* Word hunks call two stretches equal when only their spacing differs; a correction is exact to
 * the byte, so such spacing becomes hunks of its own. */
static GArray *
refine_hunks (const char *a,
              const char *b,
              GArray     *hunks)
{
  GArray *refined = g_array_sized_new (FALSE, FALSE, sizeof (UnspinDiffHunk), hunks->len);

  for (guint h = 0; h < hunks->len; h++)
    {
      const UnspinDiffHunk *hunk = &g_array_index (hunks, UnspinDiffHunk, h);
      gsize i = hunk->a_start, j = hunk->b_start;

      if (hunk->op != UNSPIN_DIFF_EQUAL)
        {
          g_array_append_val (refined, *hunk);
          continue;
        }

      while (i < hunk->a_end || j < hunk->b_end)
        {
          UnspinDiffHunk change = { UNSPIN_DIFF_REPLACE, i, i, j, j };

          if (i < hunk->a_end && j < hunk->b_end && a[i] == b[j])
            {
              i++;
              j++;
              continue;
            }
          while (change.a_end < hunk->a_end && g_ascii_isspace (a[change.a_end]))
            change.a_end++;
          while (change.b_end < hunk->b_end && g_ascii_isspace (b[change.b_end]))
            change.b_end++;
          /* Only spacing can differ here; anything else would be a bug in the word diff. */
          if (change.a_end == i && change.b_end == j)
            {
              change.a_end = hunk->a_end;
              change.b_end = hunk->b_end;
            }
          g_array_append_val (refined, change);
          i = change.a_end;
          j = change.b_end;
        }
    }

  return refined;
}

gboolean
unspin_review_apply_restored_change (UnspinReview  *self,
                                     guint64        generation,
                                     const char    *old_restored,
                                     const char    *new_text,
                                     GArray        *hunks,
                                     guint         *n_changes,
                                     GError       **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) pieces = NULL;
  g_autoptr(GArray) refined = NULL;
  g_autoptr(GPtrArray) manual = NULL;
  g_autofree char *current = NULL;
  GArray *step;
  guint n, k = 0;
  gsize prev_end = 0;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (old_restored != NULL && new_text != NULL && hunks != NULL, FALSE);

  if (n_changes)
    *n_changes = 0;

  current = unspin_review_get_restored_layout (self, NULL, &spans);
  if (generation != self->generation || strcmp (current, old_restored) != 0)
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                   /* Translators: %s is the article's name. */
                   _("%s: the review changed while your correction was being compared"),
                   unspin_text_get_name (self->text));
      return FALSE;
    }

  hunks = refined = refine_hunks (current, new_text, hunks);
  pieces = g_array_new (FALSE, TRUE, sizeof (EditPiece));
  g_array_set_clear_func (pieces, edit_piece_clear);
  manual = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);

  for (guint h = 0; h < hunks->len; h++)
    {
      const UnspinDiffHunk *hunk = &g_array_index (hunks, UnspinDiffHunk, h);
      gsize pos = hunk->a_start, end = hunk->a_end;
      g_autofree char *text = NULL;
      gboolean first = TRUE;

      gsize b_start = hunk->b_start, b_end = hunk->b_end;

      if (hunk->op == UNSPIN_DIFF_EQUAL)
        continue;

      /* Hunks carry the spaces after their words; spaces both sides share are not the change. */
      while (pos < end && b_start < b_end && g_ascii_isspace (current[end - 1])
             && current[end - 1] == new_text[b_end - 1])
        {
          end--;
          b_end--;
        }
      while (pos < end && b_start < b_end && g_ascii_isspace (current[pos])
             && current[pos] == new_text[b_start])
        {
          pos++;
          b_start++;
        }
      /* A deleted "word " may as well be " word": that keeps it inside the span it came from. */
      if (b_start == b_end && pos > prev_end && pos < end && g_ascii_isspace (current[end - 1])
          && current[pos - 1] == current[end - 1])
        {
          pos--;
          end--;
        }
      text = g_strndup (new_text + b_start, b_end - b_start);
      prev_end = end;

      /* The first span that ends after @pos (hunks come in order, so k only moves on). */
      while (k < spans->len && g_array_index (spans, UnspinSpan, k).restored_end <= pos)
        k++;

      if (pos == end)
        {
          const UnspinSpan *span = k < spans->len ? &g_array_index (spans, UnspinSpan, k) : NULL;

          if (span != NULL && span->restored_start < pos && pos < span->restored_end)
            {
              EditPiece piece = { k, pos - span->restored_start, pos - span->restored_start,
                                  g_strdup (text) };
              g_array_append_val (pieces, piece);
            }
          else
            {
              gsize g = garbled_byte_for (spans, k, pos);

              g_ptr_array_add (manual, manual_edit_new (self, g, g, text));
            }
          continue;
        }

      while (pos < end)
        {
          const UnspinSpan *span = k < spans->len ? &g_array_index (spans, UnspinSpan, k) : NULL;
          gsize piece_end;

          if (span != NULL && span->restored_start <= pos && span->restored_start < span->restored_end)
            {
              EditPiece piece;

              piece_end = MIN (end, span->restored_end);
              piece.index = k;
              piece.local_start = pos - span->restored_start;
              piece.local_end = piece_end - span->restored_start;
              piece.text = g_strdup (first ? text : "");
              g_array_append_val (pieces, piece);
            }
          else
            {
              gsize g;

              piece_end = span != NULL ? MIN (end, span->restored_start) : end;
              g = garbled_byte_for (spans, k, pos);
              g_ptr_array_add (manual, manual_edit_new (self, g, g + (piece_end - pos),
                                                        first ? text : ""));
            }

          pos = piece_end;
          first = FALSE;
          while (k < spans->len && g_array_index (spans, UnspinSpan, k).restored_end <= pos)
            k++;
        }
    }

  /* Two pieces can meet at one point of the garbled text (around a deleted word): one edit. */
  for (guint i = 1; i < manual->len;)
    {
      UnspinEdit *prev = g_ptr_array_index (manual, i - 1);
      UnspinEdit *edit = g_ptr_array_index (manual, i);

      if (unspin_edit_overlaps (prev, edit))
        {
          g_autofree char *joined = g_strconcat (prev->proposal, edit->proposal, NULL);

          g_ptr_array_index (manual, i - 1) = manual_edit_new (self, prev->byte_start,
                                                               MAX (prev->byte_end, edit->byte_end),
                                                               joined);
          unspin_edit_unref (prev);
          g_ptr_array_remove_index (manual, i);
        }
      else
        i++;
    }

  for (guint i = 0; i < manual->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (manual, i);

      if (overlaps_any (self, edit))
        {
          g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT,
                       /* Translators: %s is the article's name; the numbers are where the change
                        * starts and ends, counted in bytes from 0. */
                       _("%s: the change at bytes %zu–%zu overlaps another edit; change that "
                         "edit instead"),
                       unspin_text_get_name (self->text), edit->byte_start, edit->byte_end);
          return FALSE;
        }
    }

  step = step_new ();

  /* An edit's new words: its span in the restored text with every piece replaced. */
  g_array_sort (pieces, compare_pieces);
  for (guint i = 0; i < pieces->len;)
    {
      guint index = g_array_index (pieces, EditPiece, i).index;
      const UnspinSpan *span = &g_array_index (spans, UnspinSpan, index);
      UnspinEdit *edit = g_ptr_array_index (self->edits, index);
      GString *words = g_string_new (NULL);
      gsize at = 0, span_len = span->restored_end - span->restored_start;
      const char *span_text = current + span->restored_start;
      UnspinReviewState state;

      for (; i < pieces->len && g_array_index (pieces, EditPiece, i).index == index; i++)
        {
          EditPiece *piece = &g_array_index (pieces, EditPiece, i);

          g_string_append_len (words, span_text + at, piece->local_start - at);
          g_string_append (words, piece->text);
          at = piece->local_end;
        }
      g_string_append_len (words, span_text + at, span_len - at);

      if (strcmp (words->str, edit->proposal) == 0 && edit->kind != UNSPIN_EDIT_MANUAL)
        state = UNSPIN_REVIEW_ACCEPTED;
      else if (strcmp (words->str, edit->garbled) == 0)
        state = UNSPIN_REVIEW_REJECTED;
      else
        state = UNSPIN_REVIEW_EDITED;

      step_add_change (self, step, index, state, words->str);
      g_string_free (words, TRUE);
    }

  for (guint i = 0; i < manual->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (manual, i);
      Change change = { 0 };

      edit->id = self->next_id++;
      change.edit = unspin_edit_ref (edit);
      change.added = TRUE;
      change.old_state = UNSPIN_REVIEW_PENDING;
      change.new_state = UNSPIN_REVIEW_EDITED;
      change.new_custom = g_strdup (edit->proposal);
      g_array_append_val (step, change);
    }

  n = step->len;
  commit_step (self, step);
  if (n_changes)
    *n_changes = n;
  return TRUE;
}

gboolean
unspin_review_apply_restored_text (UnspinReview  *self,
                                   const char    *new_text,
                                   guint         *n_changes,
                                   GError       **error)
{
  gsize len;
  g_autofree char *old_restored = unspin_review_get_restored_layout (self, &len, NULL);
  g_autoptr(GArray) hunks = unspin_diff_words (old_restored, len, new_text, strlen (new_text));

  return unspin_review_apply_restored_change (self, self->generation, old_restored, new_text,
                                              hunks, n_changes, error);
}
