/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

int
cli_run (const char * const *args,
         GBytes             *input,
         char              **out,
         gsize              *out_len,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdin_bytes = input ? g_bytes_ref (input) : g_bytes_new (NULL, 0);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  gsize len;

  /* meson test sets it to the built binary. */
  g_assert_nonnull (g_getenv ("UNSPIN_CLI"));
  g_ptr_array_add (argv, (char *) g_getenv ("UNSPIN_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);

  *out = g_bytes_unref_to_data (g_steal_pointer (&stdout_bytes), &len);
  *out = g_realloc (*out, len + 1);
  (*out)[len] = '\0';
  if (out_len)
    *out_len = len;
  *err = g_bytes_get_size (stderr_bytes)
           ? g_strndup (g_bytes_get_data (stderr_bytes, NULL), g_bytes_get_size (stderr_bytes))
           : g_strdup ("");
  if (g_str_has_prefix (*err, NO_MODEL_NOTE))
    memmove (*err, *err + strlen (NO_MODEL_NOTE), strlen (*err) - strlen (NO_MODEL_NOTE) + 1);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

char *
fixture_write (Fixture    *fixture,
               const char *name,
               const char *contents,
               gssize      len)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("unspin-test-XXXXXX", NULL);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}
