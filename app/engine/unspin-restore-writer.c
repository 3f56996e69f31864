/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "unspin-restore-writer.h"

void
unspin_restore_writer_init (UnspinRestoreWriter *self,
                            const char          *data,
                            GString             *out)
{
  self->data = data;
  self->cursor = 0;
  self->out = out;
}

void
unspin_restore_writer_copy_to (UnspinRestoreWriter *self,
                               gsize                pos)
{
  if (pos <= self->cursor)
    return;
  g_string_append_len (self->out, self->data + self->cursor, pos - self->cursor);
  self->cursor = pos;
}

gboolean
unspin_restore_writer_apply (UnspinRestoreWriter *self,
                             gsize                start,
                             gsize                end,
                             const char          *replacement)
{
  if (start < self->cursor || end < start)
    return FALSE;
  unspin_restore_writer_copy_to (self, start);
  g_string_append (self->out, replacement);
  self->cursor = end;
  return TRUE;
}
