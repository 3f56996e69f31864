/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "unspin-review.h"

G_BEGIN_DECLS

/*
 * Reviews are saved as they happen (the review JSON of the export, written atomically) in
 * $XDG_DATA_HOME/unspin/sessions/, one file per article, named by the SHA-256 of the garbled text,
 * so that the same article opened again, or after a crash, offers its review back. An index
 * (sessions/index.ini) remembers where each article came from, when it was saved, and whether its
 * latest decisions were exported.
 */

typedef struct {
  char    *key;          /* SHA-256 of the garbled text */
  char    *name;         /* what the article was called (file name or "Pasted text") */
  char    *uri;          /* where it came from, or NULL for pasted text */
  gint64   saved;        /* unix time */
  gboolean exported;     /* no decisions since the last export */
  guint    n_reviewed;
  guint    n_edits;
} UnspinSessionInfo;

void               unspin_session_info_free    (UnspinSessionInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinSessionInfo, unspin_session_info_free)

/* The key of a garbled text: lower-case hex SHA-256 of its bytes. */
char              *unspin_session_key_for_text (UnspinText   *text);

/* Saves @review atomically; @uri may be NULL. */
gboolean           unspin_session_save         (UnspinReview *review,
                                                const char   *name,
                                                const char   *uri,
                                                gboolean      exported,
                                                GError      **error);
/* NULL when there is no saved review for @key. */
UnspinSessionInfo *unspin_session_lookup       (const char   *key);
UnspinReview      *unspin_session_load         (const char   *key,
                                                GError      **error);
void               unspin_session_discard      (const char   *key);
/* The most recent saved review with unexported decisions, or NULL. */
UnspinSessionInfo *unspin_session_latest_unfinished (void);

/* For tests: where sessions live ($UNSPIN_SESSION_DIR overrides it). */
char              *unspin_session_get_dir      (void);

G_END_DECLS
