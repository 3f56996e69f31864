/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A phrase pack: curated data mapping garbled phrases to the originals a spinner replaced.
 * The JSON schema is documented in docs/phrase-packs.md. Phrases are tokenised with
 * unspin_tokenize() and matched on normalised tokens, so "U.S." or "Iraq’s" in a pack match the
 * same tokens in an article whatever the case or apostrophe.
 */

/**
 * UnspinPackEntry:
 * @index: position in the pack's "entries" array (0-based), for messages and sources
 * @garbled: the garbled phrase as written in the pack
 * @originals: the originals, best first, NULL-terminated, at least one
 * @prior: how likely the first original is right when the context conditions hold, 0..1
 * @note: (nullable): a human note; becomes the edit's reason when present
 *
 * Context conditions are private to the matcher (see unspin_pack_entry_context_matches()).
 */
typedef struct _UnspinPackEntry UnspinPackEntry;

struct _UnspinPackEntry {
  guint    index;
  char    *garbled;
  char   **originals;
  double   prior;
  char    *note;
  /*< private >*/
  guint    n_tokens;        /* normalised tokens of @garbled */
  char   **tokens;
  guint    window;          /* for near / not_near, tokens each side */
  char   **near;            /* NULL or normalised words, one must be within @window */
  char   **not_near;        /* none may be within @window */
  char   **before;          /* the token just before must be one of these */
  char   **not_before;
  char   **after;           /* the token just after must be one of these */
  char   **not_after;
};

#define UNSPIN_TYPE_PHRASE_PACK (unspin_phrase_pack_get_type ())
G_DECLARE_FINAL_TYPE (UnspinPhrasePack, unspin_phrase_pack, UNSPIN, PHRASE_PACK, GObject)

/* Errors are UNSPIN_ERROR_BAD_PACK and name the file, the entry (index and garbled phrase) and
 * the reason: "news.json: entry 12 (“federal government”): "original" must be a string or an
 * array of strings". I/O errors keep their GIOError code, message prefixed with the file name. */
UnspinPhrasePack *unspin_phrase_pack_new_from_file  (GFile        *file,
                                                     GCancellable *cancellable,
                                                     GError      **error);
/* @name names the data in messages (a file's display name). */
UnspinPhrasePack *unspin_phrase_pack_new_from_bytes (GBytes       *bytes,
                                                     const char   *name,
                                                     GError      **error);

const char  *unspin_phrase_pack_get_id          (UnspinPhrasePack *self);
const char  *unspin_phrase_pack_get_name        (UnspinPhrasePack *self);
const char  *unspin_phrase_pack_get_version     (UnspinPhrasePack *self);
const char  *unspin_phrase_pack_get_license     (UnspinPhrasePack *self);
const char  *unspin_phrase_pack_get_attribution (UnspinPhrasePack *self);
/* Lower-case hex SHA-256 of the pack file's bytes. */
const char  *unspin_phrase_pack_get_sha256      (UnspinPhrasePack *self);
guint        unspin_phrase_pack_get_n_entries   (UnspinPhrasePack *self);
const UnspinPackEntry *
             unspin_phrase_pack_get_entry       (UnspinPhrasePack *self,
                                                 guint             index);

/* Carries the garbled span's capitalisation over to @proposal: "Federal government" ->
 * "Government", "FEDERAL GOVERNMENT" -> "GOVERNMENT"; a proposal with its own capitals
 * ("U.S.") keeps them. Returns a new string. */
char        *unspin_transfer_case (const char *garbled,
                                   gsize       garbled_len,
                                   const char *proposal);

G_END_DECLS
