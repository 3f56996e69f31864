/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "unspin-review.h"

G_BEGIN_DECLS

/*
 * One edit of a review as a list item: the edit, its index (which moves when a manual edit is
 * added before it) and its state, with notify::state and notify::index as they change.
 */
#define UNSPIN_TYPE_EDIT_ITEM (unspin_edit_item_get_type ())
G_DECLARE_FINAL_TYPE (UnspinEditItem, unspin_edit_item, UNSPIN, EDIT_ITEM, GObject)

UnspinEdit        *unspin_edit_item_get_edit        (UnspinEditItem *self);
guint              unspin_edit_item_get_index       (UnspinEditItem *self);
UnspinReviewState  unspin_edit_item_get_state       (UnspinEditItem *self);
/* What the restored text now has in the edit's place. */
const char        *unspin_edit_item_get_replacement (UnspinEditItem *self);

/* The review's edits as a GListModel of UnspinEditItem, kept in step with the review's signals. */
#define UNSPIN_TYPE_REVIEW_MODEL (unspin_review_model_get_type ())
G_DECLARE_FINAL_TYPE (UnspinReviewModel, unspin_review_model, UNSPIN, REVIEW_MODEL, GObject)

UnspinReviewModel *unspin_review_model_new        (UnspinReview      *review);
UnspinReview      *unspin_review_model_get_review (UnspinReviewModel *self);

G_END_DECLS
