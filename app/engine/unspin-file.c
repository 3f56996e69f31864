/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-file-private.h"

static void
set_too_large_error (GError         **error,
                     const char      *name,
                     gsize            size,
                     gsize            max_size,
                     UnspinFileKind   kind)
{
  switch (kind)
    {
    case UNSPIN_FILE_PHRASE_PACK:
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; the numbers are the file's size and the limit,
                    * in bytes. */
                   _("%s: the file is %zu bytes, more than the limit of %zu bytes for a phrase pack"),
                   name, size, max_size);
      break;
    case UNSPIN_FILE_RULES:
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; the numbers are the file's size and the limit,
                    * in bytes. A rules file holds the rules that find page debris. */
                   _("%s: the file is %zu bytes, more than the limit of %zu bytes for a rules file"),
                   name, size, max_size);
      break;
    case UNSPIN_FILE_REVIEW:
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; the numbers are the file's size and the limit,
                    * in bytes. A review is the JSON file of an article's edits and the decisions on
                    * them. */
                   _("%s: the file is %zu bytes, more than the limit of %zu bytes for a review"),
                   name, size, max_size);
      break;
    case UNSPIN_FILE_THESAURUS:
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; the numbers are the file's size and the limit,
                    * in bytes. */
                   _("%s: the file is %zu bytes, more than the limit of %zu bytes for a thesaurus"),
                   name, size, max_size);
      break;
    case UNSPIN_FILE_ARTICLE:
    default:
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name; the numbers are the file's size and the limit,
                    * in bytes. */
                   _("%s: the file is %zu bytes, more than the limit of %zu bytes for an article"),
                   name, size, max_size);
      break;
    }
}

gboolean
unspin_file_has_header (const char *data,
                        gsize       len,
                        const char *header)
{
  gsize header_len = strlen (header);

  return g_utf8_validate_len (data, len, NULL) && len >= header_len
         && strncmp (data, header, header_len) == 0;
}

char *
unspin_file_next_line (char  **cursor,
                       guint  *line_no)
{
  while (*cursor != NULL && **cursor != '\0')
    {
      char *line = *cursor;

      *cursor = strchr (line, '\n');
      if (*cursor != NULL)
        *(*cursor)++ = '\0';
      (*line_no)++;
      if (*line != '#' && *line != '\0')
        return line;
    }
  return NULL;
}

GBytes *
unspin_file_load (GFile         *file,
                  gsize          max_size,
                  UnspinFileKind kind,
                  GCancellable  *cancellable,
                  char         **name,
                  GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *parse_name = g_file_get_parse_name (file);
  g_autofree char *contents = NULL;
  gsize size, n_read = 0, len = 0, extra = 0;
  char probe;

  if (name != NULL)
    *name = g_strdup (parse_name);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    goto io_error;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   /* Translators: %s is the name of a folder that was given where a file was
                    * expected. */
                   _("%s: is a folder, not a file"), parse_name);
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (max_size > 0 && size > max_size)
    {
      set_too_large_error (error, parse_name, size, max_size, kind);
      return NULL;
    }

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    goto io_error;

  /* One read into a buffer of the known size: big inputs are not copied while a buffer grows. */
  contents = g_try_malloc (size + 1);
  if (contents == NULL)
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, %zu its size in bytes. */
                   _("%s: not enough memory to read %zu bytes"), parse_name, size);
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), contents, size, &n_read, cancellable, &local_error)
      || !g_input_stream_read_all (G_INPUT_STREAM (in), &probe, 1, &extra, cancellable, &local_error))
    goto io_error;

  if (n_read == size && extra == 0)
    len = n_read;
  else
    {
      /* Its size was not known (a pipe, a FIFO, /dev/stdin: 0) or it grew while we read it: read
       * on from the same stream. Opening the file again would lose what was read already from a
       * pipe, and wait for a new writer on a FIFO. */
      g_autoptr(GByteArray) buffer = g_byte_array_sized_new (MAX (n_read + extra, 64 * 1024));

      g_byte_array_append (buffer, (const guint8 *) contents, n_read);
      g_byte_array_append (buffer, (const guint8 *) &probe, extra);
      g_clear_pointer (&contents, g_free);
      while (extra > 0)
        {
          gsize old_len = buffer->len;

          if (max_size > 0 && old_len > max_size)
            {
              set_too_large_error (error, parse_name, old_len, max_size, kind);
              return NULL;
            }
          g_byte_array_set_size (buffer, old_len + 64 * 1024);
          if (!g_input_stream_read_all (G_INPUT_STREAM (in), buffer->data + old_len, 64 * 1024,
                                        &extra, cancellable, &local_error))
            goto io_error;
          g_byte_array_set_size (buffer, old_len + extra);
        }
      if (max_size > 0 && buffer->len > max_size)
        {
          set_too_large_error (error, parse_name, buffer->len, max_size, kind);
          return NULL;
        }
      len = buffer->len;
      g_byte_array_append (buffer, (const guint8 *) "", 1);
      contents = (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
    }
  contents[len] = '\0';

  return g_bytes_new_take (g_steal_pointer (&contents), len);

io_error:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", parse_name);
  return NULL;
}
