/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-text.h"

/* Byte-to-character lookups start from the nearest checkpoint below. */
#define CHECKPOINT_SPACING 65536

struct _UnspinText
{
  GObject  parent_instance;

  GBytes  *bytes;
  char    *name;
  gsize    body_start;
  GArray  *checkpoints; /* gsize: characters before byte i * CHECKPOINT_SPACING */
};

G_DEFINE_FINAL_TYPE (UnspinText, unspin_text, G_TYPE_OBJECT)

enum { C_SPACE = 1, C_WORD = 2, C_DIGIT = 4, C_UPPER = 8, C_LOWER = 16 };

static const guint8 ascii_class[128] = {
  ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE,
  [' '] = C_SPACE,
  ['0' ... '9'] = C_WORD | C_DIGIT,
  ['A' ... 'Z'] = C_WORD | C_UPPER,
  ['a' ... 'z'] = C_WORD | C_LOWER,
};

static inline guint
classify (gunichar c)
{
  if (c < 128)
    return ascii_class[c];
  if (g_unichar_isspace (c) || c == 0xFEFF)
    return C_SPACE;
  if (g_unichar_isdigit (c))
    return C_WORD | C_DIGIT;
  if (g_unichar_isalpha (c) || g_unichar_ismark (c))
    {
      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        return C_WORD | C_UPPER;
      if (g_unichar_islower (c))
        return C_WORD | C_LOWER;
      return C_WORD;
    }
  return 0;
}

static inline gunichar
char_at (const char *text, gsize pos, gsize end, gsize *next)
{
  guchar b = (guchar) text[pos];

  if (b < 0x80)
    {
      *next = pos + 1;
      return b;
    }
  *next = g_utf8_next_char (text + pos) - text;
  if (*next > end)
    *next = end;
  return g_utf8_get_char (text + pos);
}

/* Whether the apostrophe ending at @next joins a word: a letter must follow. */
static inline gboolean
apostrophe_joins (const char *text,
                  gsize       next,
                  gsize       end)
{
  gsize after;
  guint cls;

  if (next >= end)
    return FALSE;
  cls = classify (char_at (text, next, end, &after));
  return (cls & C_WORD) && !(cls & C_DIGIT);
}

void
unspin_tokenize (const char *text,
                 gsize       start,
                 gsize       end,
                 GArray     *tokens)
{
  gsize pos = start;
  gboolean space_before = FALSE;
  guint n, capacity;

  g_return_if_fail (text != NULL || start == end);
  g_return_if_fail (tokens != NULL);
  g_return_if_fail (g_array_get_element_size (tokens) == sizeof (UnspinToken));

  /* Tokens are written in place, the array grown by doubling: this loop is the engine's
   * hottest, and an append call per token costs as much as the scanning. */
  n = tokens->len;
  capacity = n;

  while (pos < end)
    {
      gsize next;
      gunichar c = char_at (text, pos, end, &next);
      guint cls = classify (c);
      UnspinToken token;

      if (cls & C_SPACE)
        {
          space_before = TRUE;
          pos = next;
          continue;
        }

      token.start = pos;
      token.flags = space_before ? UNSPIN_TOKEN_FLAG_SPACE_BEFORE : 0;
      space_before = FALSE;

      if (cls & C_WORD)
        {
          /* The OR and the AND of the characters' classes give case and digit flags. */
          guint any = cls, all = cls;
          gboolean ascii = c < 0x80;

          pos = next;
          while (pos < end)
            {
              guchar b = (guchar) text[pos];
              guint dcls;

              if (b < 0x80)
                {
                  dcls = ascii_class[b];
                  if (dcls & C_WORD)
                    {
                      any |= dcls;
                      all &= dcls;
                      pos++;
                      continue;
                    }
                  if (b != '\'' || !apostrophe_joins (text, pos + 1, end))
                    break;
                  all = 0;
                  pos++;
                  continue;
                }

              {
                gunichar d = char_at (text, pos, end, &next);

                dcls = classify (d);
                if (dcls & C_WORD)
                  {
                    any |= dcls;
                    all &= dcls;
                  }
                else if (d == 0x2019 && apostrophe_joins (text, next, end))
                  all = 0;
                else
                  break;
                ascii = FALSE;
                pos = next;
              }
            }

          token.end = pos;
          token.kind = (all & C_DIGIT) ? UNSPIN_TOKEN_NUMBER : UNSPIN_TOKEN_WORD;
          if (cls & C_UPPER)
            token.flags |= UNSPIN_TOKEN_FLAG_CAPITAL;
          if (ascii)
            token.flags |= UNSPIN_TOKEN_FLAG_ASCII;
          if ((any & C_UPPER) && !(any & C_LOWER))
            token.flags |= UNSPIN_TOKEN_FLAG_ALL_CAPS;
        }
      else
        {
          token.end = next;
          token.kind = UNSPIN_TOKEN_PUNCT;
          if (c < 0x80)
            token.flags |= UNSPIN_TOKEN_FLAG_ASCII;
          pos = next;
        }

      if (n == capacity)
        {
          capacity = MAX (64, capacity * 2);
          g_array_set_size (tokens, capacity);
        }
      g_array_index (tokens, UnspinToken, n++) = token;
    }

  g_array_set_size (tokens, n);
}

gsize
unspin_normalize_word (const char *word,
                       gsize       len,
                       char       *buf,
                       gsize       buf_size)
{
  gsize out = 0;
  gsize i = 0;

  g_return_val_if_fail (buf != NULL && buf_size > 0, 0);

  while (i < len)
    {
      guchar b = (guchar) word[i];

      if (b < 0x80)
        {
          if (out + 1 >= buf_size)
            goto too_long;
          buf[out++] = g_ascii_tolower (b);
          i++;
        }
      else
        {
          gunichar c = g_utf8_get_char (word + i);
          char tmp[6];
          gint n;

          i = g_utf8_next_char (word + i) - word;
          if (c == 0x2019 || c == 0x2018)
            c = '\'';
          else
            c = g_unichar_tolower (c);
          n = g_unichar_to_utf8 (c, tmp);
          if (out + n >= buf_size)
            goto too_long;
          memcpy (buf + out, tmp, n);
          out += n;
        }
    }

  buf[out] = '\0';
  return out;

too_long:
  buf[0] = '\0';
  return 0;
}

gsize
unspin_token_normalize (const char        *text,
                        const UnspinToken *token,
                        char              *buf,
                        gsize              buf_size)
{
  gsize len = token->end - token->start;
  const char *p = text + token->start;

  if (token->flags & UNSPIN_TOKEN_FLAG_ASCII)
    {
      if (len + 1 > buf_size)
        {
          buf[0] = '\0';
          return 0;
        }
      for (gsize i = 0; i < len; i++)
        buf[i] = g_ascii_tolower (p[i]);
      buf[len] = '\0';
      return len;
    }

  return unspin_normalize_word (p, len, buf, buf_size);
}

static void
unspin_text_finalize (GObject *object)
{
  UnspinText *self = (UnspinText *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->checkpoints, g_array_unref);

  G_OBJECT_CLASS (unspin_text_parent_class)->finalize (object);
}

static void
unspin_text_class_init (UnspinTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_text_finalize;
}

static void
unspin_text_init (UnspinText *self)
{
}

gboolean
unspin_wants_an (const char *word)
{
  static const char * const an_h[] = { "hour", "honest", "honor", "honour", "heir" };
  static const char * const a_vowel[] = { "uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ewe" };

  g_return_val_if_fail (word != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (an_h); i++)
    if (g_str_has_prefix (word, an_h[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (a_vowel); i++)
    if (g_str_has_prefix (word, a_vowel[i]))
      return FALSE;
  return word[0] != '\0' && strchr ("aeiou", word[0]) != NULL;
}

gsize
unspin_count_chars (const char *data,
                    gsize       len)
{
  gsize n = 0;

  /* A character starts at every byte that is not a continuation byte (10xxxxxx). */
  for (gsize i = 0; i < len; i++)
    n += ((guchar) data[i] & 0xC0) != 0x80;
  return n;
}

static UnspinText *
unspin_text_new_valid (GBytes     *bytes,
                       const char *name,
                       gsize       body_start)
{
  UnspinText *self = g_object_new (UNSPIN_TYPE_TEXT, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize total = 0;

  self->bytes = g_bytes_ref (bytes);
  self->name = g_strdup (name);
  self->body_start = body_start;
  self->checkpoints = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (self->checkpoints, total);
  for (gsize at = CHECKPOINT_SPACING; at <= len; at += CHECKPOINT_SPACING)
    {
      total += unspin_count_chars (data + at - CHECKPOINT_SPACING, CHECKPOINT_SPACING);
      g_array_append_val (self->checkpoints, total);
    }

  return self;
}

/* Checks that @data is text Unspin can read; returns where the body starts (after a BOM). */
static gboolean
validate (const guchar  *data,
          gsize          len,
          const char    *name,
          gsize         *body_start,
          GError       **error)
{
  const char *bad;
  const guchar *nul;

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT,
                   /* Translators: %s is the name of the article's file (or “standard input”). */
                   _("%s: this is UTF-16 text (it starts with a UTF-16 byte order mark); "
                     "convert it to UTF-8 first, for example with iconv -f UTF-16 -t UTF-8"),
                   name);
      return FALSE;
    }

  nul = len ? memchr (data, '\0', len) : NULL;
  if (nul != NULL)
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT,
                   /* Translators: %s is the name of the article's file (or “standard input”), %zu a
                    * position in the file, counted in bytes from 0. */
                   _("%s: contains a NUL byte at byte offset %zu (a binary file, not text)"),
                   name, (gsize) (nul - data));
      return FALSE;
    }

  if (!g_utf8_validate_len ((const char *) data, len, &bad))
    {
      gsize offset = (const guchar *) bad - data;
      guint byte = data[offset];

      /* One whole message per guess at the encoding: the hint is part of the sentence. */
      if (byte >= 0x80 && byte <= 0x9F)
        g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT,
                     /* Translators: %s is the name of the article's file (or “standard input”),
                      * %02X the value of the bad byte in hexadecimal, %zu its position, counted in
                      * bytes from 0. */
                     _("%s: not valid UTF-8: byte 0x%02X at byte offset %zu (this looks like "
                       "Windows-1252 text; convert it to UTF-8 first, for example with "
                       "iconv -f WINDOWS-1252 -t UTF-8)"),
                     name, byte, offset);
      else if (byte >= 0xA0)
        g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT,
                     /* Translators: %s is the name of the article's file (or “standard input”),
                      * %02X the value of the bad byte in hexadecimal, %zu its position, counted in
                      * bytes from 0. */
                     _("%s: not valid UTF-8: byte 0x%02X at byte offset %zu (this may be "
                       "Latin-1 or Windows-1252 text; convert it to UTF-8 first, for example "
                       "with iconv -f WINDOWS-1252 -t UTF-8)"),
                     name, byte, offset);
      else
        g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_INVALID_INPUT,
                     /* Translators: %s is the name of the article's file (or “standard input”),
                      * %02X the value of the bad byte in hexadecimal, %zu its position, counted in
                      * bytes from 0. */
                     _("%s: not valid UTF-8: byte 0x%02X at byte offset %zu"),
                     name, byte, offset);
      return FALSE;
    }

  *body_start = (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) ? 3 : 0;
  return TRUE;
}

UnspinText *
unspin_text_new_from_bytes (GBytes      *bytes,
                            const char  *name,
                            GError     **error)
{
  gsize len, body_start;
  const guchar *data;
  guchar *copy;
  g_autoptr(GBytes) terminated = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!validate (data, len, name, &body_start, error))
    return NULL;

  /* Keep a NUL after the data so that callers may treat it as a C string. */
  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  terminated = g_bytes_new_take (copy, len);

  return unspin_text_new_valid (terminated, name, body_start);
}

UnspinText *
unspin_text_new_from_string (const char *string,
                             const char *name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UnspinText *self;

  g_return_val_if_fail (string != NULL, NULL);

  bytes = g_bytes_new (string, strlen (string));
  self = unspin_text_new_from_bytes (bytes, name ? name : "text", &error);
  if (self == NULL)
    g_critical ("%s", error->message);
  return self;
}

UnspinText *
unspin_text_new_from_file (GFile         *file,
                           gsize          max_size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len, body_start;
  const guchar *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = unspin_file_load (file, max_size, UNSPIN_FILE_ARTICLE, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;

  /* unspin_file_load() puts a NUL after the data already: no copy needed. */
  data = g_bytes_get_data (bytes, &len);
  if (!validate (data, len, name, &body_start, error))
    return NULL;

  return unspin_text_new_valid (bytes, name, body_start);
}

const char *
unspin_text_get_name (UnspinText *self)
{
  g_return_val_if_fail (UNSPIN_IS_TEXT (self), NULL);

  return self->name;
}

GBytes *
unspin_text_get_bytes (UnspinText *self)
{
  g_return_val_if_fail (UNSPIN_IS_TEXT (self), NULL);

  return self->bytes;
}

const char *
unspin_text_get_data (UnspinText *self,
                      gsize      *length)
{
  g_return_val_if_fail (UNSPIN_IS_TEXT (self), NULL);

  return g_bytes_get_data (self->bytes, length);
}

gsize
unspin_text_get_body_start (UnspinText *self)
{
  g_return_val_if_fail (UNSPIN_IS_TEXT (self), 0);

  return self->body_start;
}

gboolean
unspin_text_next_line (UnspinText *self,
                       gsize      *pos,
                       gsize      *line_start,
                       gsize      *line_end)
{
  gsize len;
  const char *data;
  const char *nl;
  gsize end;

  g_return_val_if_fail (UNSPIN_IS_TEXT (self), FALSE);

  data = g_bytes_get_data (self->bytes, &len);
  if (*pos < self->body_start)
    *pos = self->body_start;
  if (*pos >= len)
    return FALSE;

  nl = memchr (data + *pos, '\n', len - *pos);
  end = nl ? (gsize) (nl - data) : len;
  *line_start = *pos;
  *pos = nl ? end + 1 : len;
  if (end > *line_start && data[end - 1] == '\r')
    end--;
  *line_end = end;

  return TRUE;
}

gsize
unspin_text_byte_to_char (UnspinText *self,
                          gsize       byte)
{
  gsize len;
  const char *data;
  gsize cp;

  g_return_val_if_fail (UNSPIN_IS_TEXT (self), 0);

  data = g_bytes_get_data (self->bytes, &len);
  byte = MIN (byte, len);
  cp = byte / CHECKPOINT_SPACING;

  return g_array_index (self->checkpoints, gsize, cp)
         + unspin_count_chars (data + cp * CHECKPOINT_SPACING, byte - cp * CHECKPOINT_SPACING);
}
