/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "unspin-error.h"
#include "unspin-file-private.h"

GBytes *
unspin_file_load (GFile         *file,
                  gsize          max_size,
                  const char    *what,
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
                   "%s: is a folder, not a file", parse_name);
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (max_size > 0 && size > max_size)
    {
      g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                   "%s: the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %"
                   G_GSIZE_FORMAT " bytes for %s",
                   parse_name, size, max_size, what);
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
                   "%s: not enough memory to read %" G_GSIZE_FORMAT " bytes", parse_name, size);
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), contents, size, &n_read, cancellable, &local_error)
      || !g_input_stream_read_all (G_INPUT_STREAM (in), &probe, 1, &extra, cancellable, &local_error))
    goto io_error;

  if (n_read == size && extra == 0)
    len = n_read;
  else
    {
      /* The file changed size while we read it (or its size is not known, as for a pipe). */
      g_clear_pointer (&contents, g_free);
      g_clear_object (&in);
      if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
        goto io_error;
      if (max_size > 0 && len > max_size)
        {
          g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE,
                       "%s: the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %"
                       G_GSIZE_FORMAT " bytes for %s",
                       parse_name, len, max_size, what);
          return NULL;
        }
    }
  contents[len] = '\0';

  return g_bytes_new_take (g_steal_pointer (&contents), len);

io_error:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", parse_name);
  return NULL;
}
