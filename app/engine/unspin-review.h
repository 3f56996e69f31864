/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "unspin-edit.h"
#include "unspin-text.h"

G_BEGIN_DECLS

/**
 * UnspinReviewState:
 * @UNSPIN_REVIEW_PENDING: nobody decided yet (not applied)
 * @UNSPIN_REVIEW_ACCEPTED: the proposal is applied
 * @UNSPIN_REVIEW_REJECTED: the garbled span stays
 * @UNSPIN_REVIEW_EDITED: the reviewer's own text replaces the span
 */
typedef enum {
  UNSPIN_REVIEW_PENDING,
  UNSPIN_REVIEW_ACCEPTED,
  UNSPIN_REVIEW_REJECTED,
  UNSPIN_REVIEW_EDITED,
} UnspinReviewState;

const char *unspin_review_state_to_string   (UnspinReviewState  state);
gboolean    unspin_review_state_from_string (const char        *string,
                                             UnspinReviewState *state);

/**
 * UnspinDataSource:
 * A phrase pack or rule file the engine used, recorded in exports so a review can be traced to
 * the exact data: @kind is "pack" or "rules".
 */
typedef struct {
  char *kind;
  char *id;
  char *version;
  char *sha256;
  char *license;
} UnspinDataSource;

#define UNSPIN_TYPE_DATA_SOURCE (unspin_data_source_get_type ())
GType             unspin_data_source_get_type (void) G_GNUC_CONST;
UnspinDataSource *unspin_data_source_new  (const char *kind,
                                           const char *id,
                                           const char *version,
                                           const char *sha256,
                                           const char *license);
UnspinDataSource *unspin_data_source_copy (const UnspinDataSource *self);
void              unspin_data_source_free (UnspinDataSource       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinDataSource, unspin_data_source_free)

/*
 * The review: a garbled text, the edits proposed for it (sorted, non-overlapping) and a decision
 * per edit, with undo and redo. The restored text is always the garbled text with the accepted
 * and edited edits applied. The CLI, the window and the tests share this one model.
 *
 * Signals: "state-changed" (guint index): the decision about an edit changed;
 * "edits-changed" (guint position, guint removed, guint added): edits were added or removed (a
 * manual edit, or its undo), as GListModel::items-changed; "history-changed": can-undo or can-redo
 * may have changed.
 */
#define UNSPIN_TYPE_REVIEW (unspin_review_get_type ())
G_DECLARE_FINAL_TYPE (UnspinReview, unspin_review, UNSPIN, REVIEW, GObject)

/* @edits: UnspinEdit*, sorted by unspin_edit_compare() and not overlapping; a ref is taken. */
UnspinReview      *unspin_review_new              (UnspinText   *text,
                                                   GPtrArray    *edits);

UnspinText        *unspin_review_get_text         (UnspinReview *self);
guint              unspin_review_get_n_edits      (UnspinReview *self);
UnspinEdit        *unspin_review_get_edit         (UnspinReview *self,
                                                   guint         index);
UnspinReviewState  unspin_review_get_state        (UnspinReview *self,
                                                   guint         index);
/* The reviewer's text for an EDITED edit, else NULL. */
const char        *unspin_review_get_custom_text  (UnspinReview *self,
                                                   guint         index);
/* What replaces the span when the edit is applied: the proposal or the custom text. */
const char        *unspin_review_get_replacement  (UnspinReview *self,
                                                   guint         index);
gboolean           unspin_review_find_edit        (UnspinReview *self,
                                                   guint         id,
                                                   guint        *index);
/* Edits not pending. */
guint              unspin_review_get_n_reviewed   (UnspinReview *self);

/* Each call is one undo step. @custom_text is required for EDITED and ignored otherwise. */
void               unspin_review_set_state        (UnspinReview     *self,
                                                   guint             index,
                                                   UnspinReviewState state,
                                                   const char       *custom_text);
void               unspin_review_accept           (UnspinReview *self,
                                                   guint         index);
void               unspin_review_reject           (UnspinReview *self,
                                                   guint         index);

/* Bulk decisions, each a single undo step; return how many edits changed. */
guint              unspin_review_accept_above     (UnspinReview *self,
                                                   double        min_confidence);
guint              unspin_review_reject_pending   (UnspinReview *self);

/* Accepts the pending edits at or above @min_confidence as the starting point, outside the
 * undo history (what `unspin-cli restore` applies and the window shows pre-accepted). */
void               unspin_review_preaccept        (UnspinReview *self,
                                                   double        min_confidence);

/* A reviewer's own change of garbled bytes [byte_start, byte_end) to @text: a MANUAL edit in
 * the EDITED state, one undo step. Fails with UNSPIN_ERROR_BAD_EDIT when the span is outside
 * the text, splits a character or overlaps another edit. Returns the new edit's index. */
gboolean           unspin_review_add_manual_edit  (UnspinReview *self,
                                                   gsize         byte_start,
                                                   gsize         byte_end,
                                                   const char   *text,
                                                   guint        *index,
                                                   GError      **error);

gboolean           unspin_review_can_undo         (UnspinReview *self);
gboolean           unspin_review_can_redo         (UnspinReview *self);
gboolean           unspin_review_undo             (UnspinReview *self);
gboolean           unspin_review_redo             (UnspinReview *self);

/* The garbled text with accepted and edited edits applied; a new string. */
char              *unspin_review_get_restored_text (UnspinReview *self,
                                                    gsize        *length);

/**
 * UnspinSpan:
 * Where edit i sits in the garbled text and in the restored text, in bytes and in characters:
 * the replacement when the edit is applied (empty for an applied deletion), else the garbled words
 * themselves, which the restored text still carries.
 */
typedef struct {
  gsize garbled_start;
  gsize garbled_end;
  gsize restored_start;
  gsize restored_end;
  gsize garbled_char_start;
  gsize garbled_char_end;
  gsize restored_char_start;
  gsize restored_char_end;
} UnspinSpan;

/* The restored text as unspin_review_get_restored_text() gives it, and in @spans (a new GArray
 * of UnspinSpan, one per edit, in edit order) where each edit lies in both texts. */
char              *unspin_review_get_restored_layout (UnspinReview *self,
                                                      gsize        *length,
                                                      GArray      **spans);

/* Maps a character offset in the garbled text to the restored text (@to_restored) or back, with
 * @spans from unspin_review_get_restored_layout(). An offset inside an applied edit maps to the
 * start of its counterpart. */
gsize              unspin_spans_map_offset           (GArray       *spans,
                                                      gsize         char_offset,
                                                      gboolean      to_restored);

/* Increases with every change of decisions or edits: a result computed from an older state is
 * stale. */
guint64            unspin_review_get_generation      (UnspinReview *self);

/*
 * A reviewer rewrote the restored text (@old_restored, as the review gave it at @generation) into
 * @new_text; @hunks is unspin_diff_words (old_restored, new_text), which may be computed on another
 * thread. Each changed stretch becomes decisions, all in one undo step: inside an edit's span the
 * edit becomes EDITED with its new words (ACCEPTED when they equal the proposal, REJECTED when
 * they equal the garbled words); in text no edit covers, a new MANUAL edit. A stretch across
 * several spans gives its new words to the first part and empties the others, so the restored
 * text becomes @new_text exactly. Fails with UNSPIN_ERROR_BAD_EDIT, changing nothing, when the
 * review changed since @generation. @n_changes receives how many decisions changed.
 */
gboolean           unspin_review_apply_restored_change (UnspinReview *self,
                                                        guint64       generation,
                                                        const char   *old_restored,
                                                        const char   *new_text,
                                                        GArray       *hunks,
                                                        guint        *n_changes,
                                                        GError      **error);
/* The same, diffing on the calling thread. */
gboolean           unspin_review_apply_restored_text   (UnspinReview *self,
                                                        const char   *new_text,
                                                        guint        *n_changes,
                                                        GError      **error);

/* Data the edits came from, for exports (UnspinDataSource*, owned by the review). */
GPtrArray         *unspin_review_get_sources      (UnspinReview *self);
void               unspin_review_add_source       (UnspinReview           *self,
                                                   const UnspinDataSource *source);

/* Import only: sets a state without recording history or checks beyond the index. */
void               unspin_review_restore_state    (UnspinReview     *self,
                                                   guint             index,
                                                   UnspinReviewState state,
                                                   const char       *custom_text);

G_END_DECLS
