/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "unspin-review.h"

G_BEGIN_DECLS

/*
 * The garbled article on the left and its restoration on the right, side by side, word wrapped,
 * with every edit highlighted in both panes: removed or replaced words on the left, inserted words
 * on the right, pending edits marked, the focused edit stronger. Colours follow the light or dark
 * style. The panes scroll in step by paragraph when #UnspinDiffView:sync-scroll is on.
 *
 * Clicking highlighted words focuses that edit (notify::focused-edit); a secondary click (or the
 * context-menu key) on them opens a menu with "win.accept-edit" (u), "win.reject-edit" (u) and
 * "win.choose-alternative" ((uu): edit index, alternative index), which the window provides.
 *
 * The restored pane is editable: after a pause in typing, the change is compared with the restored
 * text off the main thread (unspin_diff_words) and handed to
 * unspin_review_apply_restored_change(), so that it becomes "edited" entries. When that fails, the
 * pane goes back to the review's text and ::correction-failed tells the window why.
 */
#define UNSPIN_TYPE_DIFF_VIEW (unspin_diff_view_get_type ())
G_DECLARE_FINAL_TYPE (UnspinDiffView, unspin_diff_view, UNSPIN, DIFF_VIEW, GtkWidget)

GtkWidget    *unspin_diff_view_new               (void);

UnspinReview *unspin_diff_view_get_review        (UnspinDiffView *self);
/* Shows @review (or nothing, for NULL) and follows its signals from then on. */
void          unspin_diff_view_set_review        (UnspinDiffView *self,
                                                  UnspinReview   *review);

/* The emphasised edit, -1 for none. Setting it scrolls both panes to it. */
int           unspin_diff_view_get_focused_edit  (UnspinDiffView *self);
void          unspin_diff_view_set_focused_edit  (UnspinDiffView *self,
                                                  int             index);

gboolean      unspin_diff_view_get_sync_scroll   (UnspinDiffView *self);
void          unspin_diff_view_set_sync_scroll   (UnspinDiffView *self,
                                                  gboolean        sync_scroll);

/* For tests and the window: the two panes' buffers. */
GtkTextBuffer *unspin_diff_view_get_garbled_buffer  (UnspinDiffView *self);
GtkTextBuffer *unspin_diff_view_get_restored_buffer (UnspinDiffView *self);

/* For tests: whether a typed correction is waiting to be compared or applied. */
gboolean      unspin_diff_view_get_correction_pending (UnspinDiffView *self);

G_END_DECLS
