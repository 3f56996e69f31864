/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "unspin-application.h"
#include "unspin-review.h"

G_BEGIN_DECLS

#define UNSPIN_TYPE_WINDOW (unspin_window_get_type ())

/* The biggest article the window opens. A 20 MB article (370,000 edits) takes about 30 s and
 * 700 MB to show; unspin-cli restores articles up to UNSPIN_TEXT_DEFAULT_MAX_SIZE. */
#define UNSPIN_WINDOW_MAX_ARTICLE_SIZE ((gsize) 32 << 20)
G_DECLARE_FINAL_TYPE (UnspinWindow, unspin_window, UNSPIN, WINDOW, AdwApplicationWindow)

UnspinWindow *unspin_window_new        (UnspinApplication *application);

/* Opens an article (text) or a review exported as JSON, which resumes it. */
void          unspin_window_open_file  (UnspinWindow *self,
                                        GFile        *file);
/* Treats @text as a new article called @name (pasted text, tests). */
void          unspin_window_open_text  (UnspinWindow *self,
                                        const char   *text,
                                        const char   *name);
gboolean      unspin_window_is_empty   (UnspinWindow *self);
/* After a crash or a close with unexported work: offers the latest such review back. */
void          unspin_window_offer_unfinished_review (UnspinWindow *self);

/* For tests. */
UnspinReview *unspin_window_get_review     (UnspinWindow *self);
gboolean      unspin_window_get_busy       (UnspinWindow *self);
GtkWidget    *unspin_window_get_diff_view  (UnspinWindow *self);
GtkWidget    *unspin_window_get_edit_list  (UnspinWindow *self);
int           unspin_window_get_focused_edit (UnspinWindow *self);
/* Writes the review as @format to @file without asking (what the Export dialog does). */
gboolean      unspin_window_export_to_file (UnspinWindow *self,
                                            const char   *format,
                                            GFile        *file,
                                            GError      **error);
/* What the Export dialog does once a file is chosen: writes it, then says so in a toast, or why
 * not in a dialog. */
void          unspin_window_export         (UnspinWindow *self,
                                            const char   *format,
                                            GFile        *file);

G_END_DECLS
