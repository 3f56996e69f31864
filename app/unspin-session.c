/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-session"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "unspin-export.h"
#include "unspin-session.h"

#define INDEX_NAME "index.ini"

char *
unspin_session_get_dir (void)
{
  const char *dir = g_getenv ("UNSPIN_SESSION_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "unspin", "sessions", NULL);
}

void
unspin_session_info_free (UnspinSessionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->name);
  g_free (info->uri);
  g_free (info);
}

char *
unspin_session_key_for_text (UnspinText *text)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, unspin_text_get_bytes (text));
}

static char *
session_path (const char *key)
{
  g_autofree char *dir = unspin_session_get_dir ();
  g_autofree char *name = g_strconcat (key, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static GKeyFile *
load_index (void)
{
  g_autofree char *dir = unspin_session_get_dir ();
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);
  GKeyFile *index = g_key_file_new ();

  /* A missing or damaged index only loses the list, not the saved reviews. */
  g_key_file_load_from_file (index, path, G_KEY_FILE_NONE, NULL);
  return index;
}

static gboolean
save_index (GKeyFile  *index,
            GError   **error)
{
  g_autofree char *dir = unspin_session_get_dir ();
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);

  return g_key_file_save_to_file (index, path, error);
}

gboolean
unspin_session_save (UnspinReview  *review,
                     const char    *name,
                     const char    *uri,
                     gboolean       exported,
                     GError       **error)
{
  g_autofree char *dir = unspin_session_get_dir ();
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  g_autofree char *path = session_path (key);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GKeyFile) index = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!unspin_export_to_file (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, file, NULL, error))
    return FALSE;

  index = load_index ();
  g_key_file_set_string (index, key, "name", name ? name : "");
  if (uri != NULL)
    g_key_file_set_string (index, key, "uri", uri);
  else
    g_key_file_remove_key (index, key, "uri", NULL);
  g_key_file_set_int64 (index, key, "saved", g_get_real_time () / G_USEC_PER_SEC);
  g_key_file_set_boolean (index, key, "exported", exported);
  g_key_file_set_integer (index, key, "reviewed", unspin_review_get_n_reviewed (review));
  g_key_file_set_integer (index, key, "edits", unspin_review_get_n_edits (review));
  return save_index (index, error);
}

static UnspinSessionInfo *
info_from_index (GKeyFile   *index,
                 const char *key)
{
  UnspinSessionInfo *info;
  g_autofree char *path = session_path (key);

  if (!g_key_file_has_group (index, key) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  info = g_new0 (UnspinSessionInfo, 1);
  info->key = g_strdup (key);
  info->name = g_key_file_get_string (index, key, "name", NULL);
  info->uri = g_key_file_get_string (index, key, "uri", NULL);
  info->saved = g_key_file_get_int64 (index, key, "saved", NULL);
  info->exported = g_key_file_get_boolean (index, key, "exported", NULL);
  info->n_reviewed = g_key_file_get_integer (index, key, "reviewed", NULL);
  info->n_edits = g_key_file_get_integer (index, key, "edits", NULL);
  return info;
}

UnspinSessionInfo *
unspin_session_lookup (const char *key)
{
  g_autoptr(GKeyFile) index = load_index ();

  return info_from_index (index, key);
}

UnspinReview *
unspin_session_load (const char  *key,
                     GError     **error)
{
  g_autofree char *path = session_path (key);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return unspin_import_review_from_file (file, NULL, error);
}

void
unspin_session_discard (const char *key)
{
  g_autofree char *path = session_path (key);
  g_autoptr(GKeyFile) index = load_index ();

  g_unlink (path);
  if (g_key_file_remove_group (index, key, NULL))
    save_index (index, NULL);
}

UnspinSessionInfo *
unspin_session_latest_unfinished (void)
{
  g_autoptr(GKeyFile) index = load_index ();
  g_auto(GStrv) keys = g_key_file_get_groups (index, NULL);
  UnspinSessionInfo *latest = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      UnspinSessionInfo *info = info_from_index (index, keys[i]);

      if (info == NULL || info->exported
          || (latest != NULL && latest->saved >= info->saved))
        {
          unspin_session_info_free (info);
          continue;
        }
      unspin_session_info_free (latest);
      latest = info;
    }
  return latest;
}
