/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "unspin-review.h"

G_BEGIN_DECLS

typedef enum {
  UNSPIN_EDIT_FILTER_ALL,
  UNSPIN_EDIT_FILTER_PENDING,
  UNSPIN_EDIT_FILTER_LOW_CONFIDENCE,
} UnspinEditFilter;

#define UNSPIN_TYPE_EDIT_FILTER (unspin_edit_filter_get_type ())
GType unspin_edit_filter_get_type (void) G_GNUC_CONST;

/*
 * The list of edits (a GtkListView over UnspinReviewModel): each row shows garbled -> proposed,
 * confidence, reason and state, with Accept and Reject buttons and, when there are alternatives, a
 * menu of them ("win.accept-edit", "win.reject-edit", "win.choose-alternative"). A filter (all,
 * pending, low confidence) sits above the list. Selecting a row sets
 * #UnspinEditList:selected-edit (an index into the review, -1 for none), which the window passes
 * to the diff view; setting it selects and scrolls to the row (switching the filter to "all" when
 * the filter hides it).
 */
#define UNSPIN_TYPE_EDIT_LIST (unspin_edit_list_get_type ())
G_DECLARE_FINAL_TYPE (UnspinEditList, unspin_edit_list, UNSPIN, EDIT_LIST, GtkWidget)

GtkWidget        *unspin_edit_list_new               (void);
UnspinReview     *unspin_edit_list_get_review        (UnspinEditList  *self);
void              unspin_edit_list_set_review        (UnspinEditList  *self,
                                                      UnspinReview    *review);
int               unspin_edit_list_get_selected_edit (UnspinEditList  *self);
void              unspin_edit_list_set_selected_edit (UnspinEditList  *self,
                                                      int              index);
UnspinEditFilter  unspin_edit_list_get_filter        (UnspinEditList  *self);
void              unspin_edit_list_set_filter        (UnspinEditList  *self,
                                                      UnspinEditFilter filter);
/* How many rows the filter lets through (for tests). */
guint             unspin_edit_list_get_n_visible     (UnspinEditList  *self);

G_END_DECLS
