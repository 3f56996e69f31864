/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Applies sorted, non-overlapping replacements to a text as it copies it, so that the review's
 * restored text and the streaming restore produce the same bytes from the same code.
 */
typedef struct {
  const char *data;
  gsize       cursor;  /* input before this has been copied or replaced */
  GString    *out;
} UnspinRestoreWriter;

void     unspin_restore_writer_init    (UnspinRestoreWriter *self,
                                        const char          *data,
                                        GString             *out);
/* Copies the input from the cursor up to @pos. */
void     unspin_restore_writer_copy_to (UnspinRestoreWriter *self,
                                        gsize                pos);
/* Replaces [start, end) by @replacement. Returns FALSE, changing nothing, if @start is before the
 * cursor (the edit overlaps one already applied). */
gboolean unspin_restore_writer_apply   (UnspinRestoreWriter *self,
                                        gsize                start,
                                        gsize                end,
                                        const char          *replacement);

G_END_DECLS
