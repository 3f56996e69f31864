/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * UnspinTokenKind:
 * @UNSPIN_TOKEN_WORD: letters (and digits, apostrophes inside: "don't", "Iraq’s", "covid19")
 * @UNSPIN_TOKEN_NUMBER: digits only ("2", "2003"); "3.5" is NUMBER PUNCT NUMBER
 * @UNSPIN_TOKEN_PUNCT: any other single non-space character ("." "," "—" "“" "-" "$" "/")
 *
 * Whitespace is not a token: the gap between two tokens is whitespace (or nothing, as in
 * "21.Patrick"). Hyphens and periods are their own tokens: "al-Kadhimi" is three, "U.S." four.
 */
typedef enum {
  UNSPIN_TOKEN_WORD,
  UNSPIN_TOKEN_NUMBER,
  UNSPIN_TOKEN_PUNCT,
} UnspinTokenKind;

typedef enum {
  UNSPIN_TOKEN_FLAG_NONE       = 0,
  UNSPIN_TOKEN_FLAG_ASCII      = 1 << 0, /* every byte < 0x80 */
  UNSPIN_TOKEN_FLAG_CAPITAL    = 1 << 1, /* first character is upper case */
  UNSPIN_TOKEN_FLAG_ALL_CAPS   = 1 << 2, /* has letters, all of them upper case */
  UNSPIN_TOKEN_FLAG_SPACE_BEFORE = 1 << 3, /* whitespace between this token and the previous one */
} UnspinTokenFlags;

/**
 * UnspinToken:
 * @start: byte offset of the first byte, into the input exactly as it was read
 * @end: byte offset just past the last byte
 * @kind: an #UnspinTokenKind
 * @flags: #UnspinTokenFlags
 */
typedef struct {
  gsize   start;
  gsize   end;
  guint8  kind;
  guint8  flags;
} UnspinToken;

/* Tokenizes text[start, end) (valid UTF-8, one paragraph or any part of it) and appends the
 * tokens to @tokens, a GArray of UnspinToken. Offsets are absolute (relative to @text).
 * Linear, allocation-free apart from growing @tokens. */
void unspin_tokenize (const char *text,
                      gsize       start,
                      gsize       end,
                      GArray     *tokens);

/* Writes the token's normalised form (case-folded; ’ and ‘ folded to ') into @buf and returns
 * its length, or 0 when it does not fit in @buf_size - 1 bytes. NUL-terminated. */
gsize unspin_token_normalize (const char *text,
                              const UnspinToken *token,
                              char       *buf,
                              gsize       buf_size);

/* Same for an arbitrary UTF-8 string of @len bytes. */
gsize unspin_normalize_word (const char *word,
                             gsize       len,
                             char       *buf,
                             gsize       buf_size);

/* Characters (code points) in @len bytes of valid UTF-8; the bytes may end mid-character. */
gsize unspin_count_chars (const char *data,
                          gsize       len);

/* Whether "an" rather than "a" goes before @word, written in lower case (by its spelling:
 * good enough for the words packs and thesauri hold: "an hour", "a union"). */
gboolean unspin_wants_an (const char *word);

#define UNSPIN_TYPE_TEXT (unspin_text_get_type ())
G_DECLARE_FINAL_TYPE (UnspinText, unspin_text, UNSPIN, TEXT, GObject)

/* The default maximum input size, in bytes (the CLI and the window can lower or raise it). */
#define UNSPIN_TEXT_DEFAULT_MAX_SIZE ((gsize) 1 << 30)

/* @name is what error messages call the text (a file's display name, "standard input").
 * Validates: no NUL bytes, valid UTF-8; errors give the byte offset. A UTF-8 byte order mark
 * is skipped (offsets stay relative to the input). */
UnspinText  *unspin_text_new_from_bytes  (GBytes       *bytes,
                                          const char   *name,
                                          GError      **error);
UnspinText  *unspin_text_new_from_string (const char   *string,
                                          const char   *name);
UnspinText  *unspin_text_new_from_file   (GFile        *file,
                                          gsize         max_size,
                                          GCancellable *cancellable,
                                          GError      **error);

const char  *unspin_text_get_name        (UnspinText   *self);
GBytes      *unspin_text_get_bytes       (UnspinText   *self);
/* The whole input, NUL-terminated, and its length in bytes. */
const char  *unspin_text_get_data        (UnspinText   *self,
                                          gsize        *length);
/* Byte offset where the text starts (3 after a UTF-8 BOM, else 0). */
gsize        unspin_text_get_body_start  (UnspinText   *self);

/* Paragraphs are lines. Iterates from *pos: on return TRUE, [*line_start, *line_end) is the
 * line without its "\n" or "\r\n", and *pos is past the line break. Start with *pos = 0. */
gboolean     unspin_text_next_line       (UnspinText   *self,
                                          gsize        *pos,
                                          gsize        *line_start,
                                          gsize        *line_end);

/* Character (code point) offset of byte offset @byte. O(byte) the first time, then
 * incremental for increasing offsets. */
gsize        unspin_text_byte_to_char    (UnspinText   *self,
                                          gsize         byte);

G_END_DECLS
