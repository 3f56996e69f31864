/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "unspin-review-model.h"

G_BEGIN_DECLS

/*
 * One row of the edit list: garbled -> replacement, state, confidence and reason, with Accept,
 * Reject and (when the edit has them) Alternatives buttons acting on "win.*-edit" for the item's
 * current index. It follows the item's notify::state and notify::index while shown.
 */
#define UNSPIN_TYPE_EDIT_ROW (unspin_edit_row_get_type ())
G_DECLARE_FINAL_TYPE (UnspinEditRow, unspin_edit_row, UNSPIN, EDIT_ROW, GtkWidget)

GtkWidget      *unspin_edit_row_new      (void);
UnspinEditItem *unspin_edit_row_get_item (UnspinEditRow  *self);
void            unspin_edit_row_set_item (UnspinEditRow  *self,
                                          UnspinEditItem *item);

G_END_DECLS
