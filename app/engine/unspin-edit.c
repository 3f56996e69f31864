/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-edit.h"

G_DEFINE_BOXED_TYPE (UnspinEdit, unspin_edit, unspin_edit_ref, unspin_edit_unref)

static const char * const kind_names[] = {
  [UNSPIN_EDIT_REPLACE] = "replace",
  [UNSPIN_EDIT_DELETE] = "delete",
  [UNSPIN_EDIT_INSERT] = "insert",
  [UNSPIN_EDIT_MANUAL] = "manual",
};

static char *
append_string (char      **cursor,
               const char *string,
               gsize       len)
{
  char *start = *cursor;

  memcpy (start, string, len);
  start[len] = '\0';
  *cursor = start + len + 1;
  return start;
}

UnspinEdit *
unspin_edit_new (UnspinEditKind  kind,
                 gsize           byte_start,
                 gsize           byte_end,
                 const char     *garbled,
                 const char     *proposal,
                 double          confidence,
                 const char     *source,
                 const char     *reason)
{
  UnspinEdit *self;
  gsize garbled_len, proposal_len, source_len, reason_len;
  char *cursor;

  g_return_val_if_fail (byte_start <= byte_end, NULL);

  garbled = garbled ? garbled : "";
  proposal = proposal ? proposal : "";
  source = source ? source : "";
  reason = reason ? reason : "";
  garbled_len = strlen (garbled);
  proposal_len = strlen (proposal);
  source_len = strlen (source);
  reason_len = strlen (reason);

  /* One block for the edit and its strings: the engine makes millions of these on big inputs. */
  self = g_malloc0 (sizeof (UnspinEdit) + garbled_len + proposal_len + source_len + reason_len + 4);
  cursor = (char *) (self + 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->byte_start = byte_start;
  self->byte_end = byte_end;
  self->garbled = append_string (&cursor, garbled, garbled_len);
  self->proposal = append_string (&cursor, proposal, proposal_len);
  self->source = append_string (&cursor, source, source_len);
  self->reason = append_string (&cursor, reason, reason_len);
  self->confidence = CLAMP (confidence, 0.0, 1.0);

  return self;
}

UnspinEdit *
unspin_edit_ref (UnspinEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
unspin_edit_unref (UnspinEdit *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->alternatives);
      g_free (self);
    }
}

void
unspin_edit_set_alternatives (UnspinEdit         *self,
                              const char * const *alternatives)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->alternatives);
  self->alternatives = (alternatives && alternatives[0]) ? g_strdupv ((char **) alternatives) : NULL;
}

const char *
unspin_edit_kind_to_string (UnspinEditKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
unspin_edit_kind_from_string (const char     *string,
                              UnspinEditKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (string, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

int
unspin_edit_compare (gconstpointer a,
                     gconstpointer b)
{
  const UnspinEdit *ea = *(UnspinEdit * const *) a;
  const UnspinEdit *eb = *(UnspinEdit * const *) b;

  if (ea->byte_start != eb->byte_start)
    return ea->byte_start < eb->byte_start ? -1 : 1;
  if (ea->byte_end != eb->byte_end)
    return ea->byte_end < eb->byte_end ? -1 : 1;
  return 0;
}

gboolean
unspin_edit_overlaps (const UnspinEdit *a,
                      const UnspinEdit *b)
{
  if (a->byte_start == a->byte_end && b->byte_start == b->byte_end)
    return a->byte_start == b->byte_start;
  return a->byte_start < b->byte_end && b->byte_start < a->byte_end;
}
