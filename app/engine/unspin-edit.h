/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * UnspinEditKind:
 * @UNSPIN_EDIT_REPLACE: a span replaced by other words (synonym swap, tortured phrase, filler
 *   dropped from "has actually", expansion "federal government" -> "government")
 * @UNSPIN_EDIT_DELETE: a span deleted (proposal is ""); used for page debris lines, whose span
 *   covers the line and its line break
 * @UNSPIN_EDIT_INSERT: text inserted at a point (byte_start == byte_end), e.g. a line break
 *   between a caption and a glued credit
 * @UNSPIN_EDIT_MANUAL: a person's own correction, made in the window or imported
 */
typedef enum {
  UNSPIN_EDIT_REPLACE,
  UNSPIN_EDIT_DELETE,
  UNSPIN_EDIT_INSERT,
  UNSPIN_EDIT_MANUAL,
} UnspinEditKind;

/* Confidence at or above which `unspin-cli restore` applies an edit and the window pre-accepts
 * it; below it an edit is a suggestion. */
#define UNSPIN_CONFIDENCE_HIGH 0.8

/**
 * UnspinEdit:
 * @id: stable identifier within a review (the engine numbers edits in text order from 1)
 * @kind: #UnspinEditKind
 * @byte_start, @byte_end: the garbled span, byte offsets into the input as read
 * @char_start, @char_end: the same span in characters (code points)
 * @garbled: the garbled span's text
 * @proposal: the proposed replacement, capitalisation already carried over
 * @alternatives: (nullable): other candidates, best first, NULL-terminated
 * @confidence: 0..1
 * @source: where it came from: "pack:news-spinner:federal government", "rule:spam-line"...
 * @reason: one line a person reads: "spinners write “federal government” for “government”"
 *
 * Immutable once made (the strings live in the edit's own block: never free or replace them) and
 * shared by reference; the review keeps the decision about it.
 */
typedef struct {
  guint           id;
  UnspinEditKind  kind;
  gsize           byte_start;
  gsize           byte_end;
  gsize           char_start;
  gsize           char_end;
  char           *garbled;
  char           *proposal;
  char          **alternatives;
  double          confidence;
  char           *source;
  char           *reason;
  /*< private >*/
  gatomicrefcount ref_count;
} UnspinEdit;

#define UNSPIN_TYPE_EDIT (unspin_edit_get_type ())
GType        unspin_edit_get_type  (void) G_GNUC_CONST;

/* Takes copies of the strings. char offsets start as 0: whoever knows the text fills them. */
UnspinEdit  *unspin_edit_new       (UnspinEditKind  kind,
                                    gsize           byte_start,
                                    gsize           byte_end,
                                    const char     *garbled,
                                    const char     *proposal,
                                    double          confidence,
                                    const char     *source,
                                    const char     *reason);
UnspinEdit  *unspin_edit_ref       (UnspinEdit     *self);
void         unspin_edit_unref     (UnspinEdit     *self);
/* Replaces the alternatives (copied). */
void         unspin_edit_set_alternatives (UnspinEdit         *self,
                                           const char * const *alternatives);

const char  *unspin_edit_kind_to_string   (UnspinEditKind kind);
gboolean     unspin_edit_kind_from_string (const char     *string,
                                           UnspinEditKind *kind);

/* For g_ptr_array_sort() on UnspinEdit* (so it receives UnspinEdit **): by byte_start, then
 * byte_end; an insertion sorts before a replacement starting at the same byte. */
int          unspin_edit_compare   (gconstpointer a,
                                    gconstpointer b);

/* Whether two edits cannot both apply: they share bytes, or both insert at one point. Touching
 * edits, and an insertion at the start or end of a replacement, do not overlap. */
gboolean     unspin_edit_overlaps  (const UnspinEdit *a,
                                    const UnspinEdit *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinEdit, unspin_edit_unref)

G_END_DECLS
