/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* unshare() */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "private-mounts.h"
#include "unspin-application.h"
#include "unspin-diff-view.h"
#include "unspin-edit-list.h"
#include "unspin-export.h"
#include "unspin-session.h"
#include "unspin-window.h"

static UnspinApplication *app;

/* Runs the main loop until @done says so, or fails after a while. */
static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* Let idle work (layout, highlights) settle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Deletes @path and everything under it (the test's own temporary folders). */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
has_review (gpointer data)
{
  UnspinWindow *window = data;

  return unspin_window_get_review (window) != NULL && !unspin_window_get_busy (window);
}

static gboolean
is_idle (gpointer data)
{
  return !unspin_window_get_busy (data);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static UnspinDiffView *
diff_view_of (UnspinWindow *window)
{
  return UNSPIN_DIFF_VIEW (unspin_window_get_diff_view (window));
}

static void
assert_panes_match_review (UnspinWindow *window)
{
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *left = buffer_text (unspin_diff_view_get_garbled_buffer (diff_view_of (window)));
  g_autofree char *right = buffer_text (unspin_diff_view_get_restored_buffer (diff_view_of (window)));
  g_autofree char *restored = unspin_review_get_restored_text (review, NULL);

  g_assert_cmpstr (left, ==, unspin_text_get_data (unspin_review_get_text (review), NULL));
  g_assert_cmpstr (right, ==, restored);
}

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("UNSPIN_DATA_DIR"), "samples", "spun-article.txt", NULL);
}

static UnspinWindow *
open_sample (void)
{
  UnspinWindow *window = unspin_window_new (app);
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnspinText) text = unspin_text_new_from_file (file, 0, NULL, NULL);
  g_autofree char *key = unspin_session_key_for_text (text);

  /* Each test starts fresh: no earlier review of the sample is offered back. */
  unspin_session_discard (key);
  gtk_window_present (GTK_WINDOW (window));
  unspin_window_open_file (window, file);
  wait_until (has_review, window);
  return window;
}

/* Destroys @window; it must then be finalized, and its review too unless @review_held (a leak of
 * them would keep GLib's table of signal handlers pointing at them, where valgrind counts them as
 * still reachable, not lost). */
static void
destroy_window (UnspinWindow *window,
                gboolean      review_held)
{
  GObject *review = review_held ? NULL : G_OBJECT (unspin_window_get_review (window));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  if (review != NULL)
    g_object_add_weak_pointer (review, (gpointer *) &review);
  gtk_window_destroy (GTK_WINDOW (window));
  /* A cancelled engine run holds the window until it ends. */
  while (window != NULL || review != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
close_window (UnspinWindow *window)
{
  destroy_window (window, FALSE);
}

static void
test_open_file (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);

  g_assert_cmpuint (unspin_review_get_n_edits (review), >, 10);
  assert_panes_match_review (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "spun-article.txt");

  /* The shortcuts window and the About window are there to open. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *about = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (toplevel))
          about = GTK_WINDOW (toplevel);
      }
    g_assert_nonnull (about);
    gtk_window_destroy (about);
  }
  close_window (window);
}

static void
test_highlights (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  GtkTextBuffer *left = unspin_diff_view_get_garbled_buffer (diff_view_of (window));
  GtkTextBuffer *right = unspin_diff_view_get_restored_buffer (diff_view_of (window));
  g_autoptr(GArray) spans = NULL;
  g_autofree char *restored = unspin_review_get_restored_layout (review, NULL, &spans);

  /* Every edit is marked where it is, in each pane where it has words; nothing else is. */
  for (guint i = 0; i < spans->len; i++)
    {
      const UnspinSpan *span = &g_array_index (spans, UnspinSpan, i);
      GtkTextIter iter;

      /* Line breaks carry no highlight (GTK would spread it to the next line laid out). */
      if (span->garbled_char_end > span->garbled_char_start)
        {
          g_autoptr(GSList) tags = NULL;

          gtk_text_buffer_get_iter_at_offset (left, &iter, span->garbled_char_start);
          tags = gtk_text_iter_get_tags (&iter);
          if (!gtk_text_iter_ends_line (&iter))
            g_assert_nonnull (tags);
        }
      if (span->restored_char_end > span->restored_char_start)
        {
          g_autoptr(GSList) tags = NULL;

          gtk_text_buffer_get_iter_at_offset (right, &iter, span->restored_char_start);
          tags = gtk_text_iter_get_tags (&iter);
          if (!gtk_text_iter_ends_line (&iter))
            g_assert_nonnull (tags);
        }
    }

  {
    /* The first word of the body ("RIVERTON") is no edit's. */
    const char *data = unspin_text_get_data (unspin_review_get_text (review), NULL);
    GtkTextIter iter;
    g_autoptr(GSList) tags = NULL;

    gtk_text_buffer_get_iter_at_offset (left, &iter, g_utf8_pointer_to_offset (data, strstr (data, "RIVERTON")));
    tags = gtk_text_iter_get_tags (&iter);
    g_assert_null (tags);
  }
  close_window (window);
}

static void
test_decisions_and_undo (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *before = unspin_review_get_restored_text (review, NULL);
  guint pending = G_MAXUINT;

  for (guint i = 0; i < unspin_review_get_n_edits (review) && pending == G_MAXUINT; i++)
    if (unspin_review_get_state (review, i) == UNSPIN_REVIEW_PENDING)
      pending = i;
  g_assert_cmpuint (pending, !=, G_MAXUINT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", pending));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (unspin_review_get_state (review, pending), ==, UNSPIN_REVIEW_ACCEPTED);
  assert_panes_match_review (window);
  {
    g_autofree char *after = unspin_review_get_restored_text (review, NULL);
    g_assert_cmpstr (after, !=, before);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_panes_match_review (window);
  {
    g_autofree char *undone = unspin_review_get_restored_text (review, NULL);
    g_assert_cmpstr (undone, ==, before);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", 0));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_REJECTED);
  assert_panes_match_review (window);

  /* A bulk decision is one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-pending", NULL));
  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    g_assert_cmpint (unspin_review_get_state (review, i), !=, UNSPIN_REVIEW_PENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (unspin_review_get_state (review, pending), ==, UNSPIN_REVIEW_PENDING);
  close_window (window);
}

/* The window's key bindings, as its shortcut controllers hold them. */
static const char *
action_for_key (GtkWidget      *widget,
                guint           keyval,
                GdkModifierType mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

          if (gtk_shortcut_trigger_equal (trigger, wanted) && GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

static void
test_keyboard_path (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  guint n = unspin_review_get_n_edits (review), n_pending = 0;
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  struct { guint keyval; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Down, GDK_ALT_MASK, "win.next-edit" },
    { GDK_KEY_F7, 0, "win.next-edit" },
    { GDK_KEY_Up, GDK_ALT_MASK, "win.previous-edit" },
    { GDK_KEY_F7, GDK_SHIFT_MASK, "win.previous-edit" },
    { GDK_KEY_Right, GDK_ALT_MASK, "win.accept-focused" },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "win.accept-focused" },
    { GDK_KEY_Left, GDK_ALT_MASK, "win.reject-focused" },
    { GDK_KEY_BackSpace, GDK_CONTROL_MASK, "win.reject-focused" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_o, GDK_CONTROL_MASK, "win.open" },
    { GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste" },
    { GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-menu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (action_for_key (GTK_WIDGET (window), keys[i].keyval, keys[i].mods), ==, keys[i].action);

  for (guint i = 0; i < n; i++)
    n_pending += unspin_review_get_state (review, i) == UNSPIN_REVIEW_PENDING;
  g_assert_cmpuint (n_pending, >, 0);

  /* Pending edits first: next-edit visits each of them. */
  for (guint i = 0; i < n_pending; i++)
    {
      int focused;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-edit", NULL);
      focused = unspin_window_get_focused_edit (window);
      g_assert_cmpint (focused, >=, 0);
      g_assert_cmpint (unspin_review_get_state (review, focused), ==, UNSPIN_REVIEW_PENDING);
      g_hash_table_add (visited, GINT_TO_POINTER (focused));
    }
  g_assert_cmpuint (g_hash_table_size (visited), ==, n_pending);

  /* Deciding each moves on; once none is pending, next-edit walks every edit. */
  for (guint i = 0; i < n_pending; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-focused", NULL);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (unspin_review_get_state (review, i), !=, UNSPIN_REVIEW_PENDING);
  g_hash_table_remove_all (visited);
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-edit", NULL);
      g_hash_table_add (visited, GINT_TO_POINTER (unspin_window_get_focused_edit (window)));
    }
  g_assert_cmpuint (g_hash_table_size (visited), ==, n);

  /* The list and the panes follow the focus. */
  g_assert_cmpint (unspin_edit_list_get_selected_edit (UNSPIN_EDIT_LIST (unspin_window_get_edit_list (window))), ==,
                   unspin_window_get_focused_edit (window));
  g_assert_cmpint (unspin_diff_view_get_focused_edit (diff_view_of (window)), ==,
                   unspin_window_get_focused_edit (window));
  close_window (window);
}

static void
assert_export_matches (UnspinWindow       *window,
                       const char         *format,
                       UnspinExportFormat  kind)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = unspin_export_to_string (unspin_window_get_review (window), kind,
                                                       UNSPIN_EXPORT_FLAGS_NONE, NULL);

  g_assert_true (unspin_window_export_to_file (window, format, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, expected);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export (void)
{
  UnspinWindow *window = open_sample ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", 1);
  assert_export_matches (window, "markdown", UNSPIN_EXPORT_MARKDOWN);
  assert_export_matches (window, "json", UNSPIN_EXPORT_JSON);
  assert_export_matches (window, "text", UNSPIN_EXPORT_TEXT);
  close_window (window);
}

static void
test_resume_exported_json (void)
{
  UnspinWindow *window = open_sample ();
  UnspinWindow *second = unspin_window_new (app);
  g_autofree char *dir = g_dir_make_tmp ("unspin-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "review.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UnspinReview *review = unspin_window_get_review (window);
  UnspinReview *resumed;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", 2);
  g_assert_true (unspin_window_export_to_file (window, "json", file, NULL));

  gtk_window_present (GTK_WINDOW (second));
  unspin_window_open_file (second, file);
  wait_until (has_review, second);
  resumed = unspin_window_get_review (second);
  g_assert_cmpuint (unspin_review_get_n_edits (resumed), ==, unspin_review_get_n_edits (review));
  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    g_assert_cmpint (unspin_review_get_state (resumed, i), ==, unspin_review_get_state (review, i));
  assert_panes_match_review (second);

  close_window (second);
  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_autosave (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  g_autoptr(UnspinSessionInfo) info = NULL;
  g_autoptr(UnspinReview) saved = NULL;
  gint64 deadline;

  unspin_session_discard (key);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", 1);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((info = unspin_session_lookup (key)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_false (info->exported);
  saved = unspin_session_load (key, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (unspin_review_get_state (saved, 1), ==, UNSPIN_REVIEW_REJECTED);

  {
    g_autoptr(UnspinSessionInfo) latest = unspin_session_latest_unfinished ();

    g_assert_nonnull (latest);
    g_assert_cmpstr (latest->key, ==, key);
  }
  unspin_session_discard (key);
  close_window (window);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static void
on_destroyed (gpointer  data,
              GObject *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* Closing with decisions not exported asks first; the size is remembered on the way out. */
static void
test_close_asks_and_remembers_size (void)
{
  UnspinWindow *window = open_sample ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.unspin.Unspin");
  GtkWindow *dialog;
  gboolean destroyed = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", 1);
  g_object_weak_ref (G_OBJECT (window), on_destroyed, &destroyed);

  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (destroyed);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (destroyed);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
}

/* Waits until the autosave of @key holds @n_reviewed decisions. */
static void
wait_for_autosave (const char *key,
                   guint       n_reviewed)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(UnspinSessionInfo) info = unspin_session_lookup (key);

      if (info != NULL && info->n_reviewed == n_reviewed && !info->exported)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* Opens the sample and decides three pending edits: one rejected, one accepted, one given an
 * alternative (or, if none has one, words of the reader's own); returns the review (a new reference) once it
 * is autosaved. */
static UnspinReview *
decide_and_autosave (UnspinWindow **window_out)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  guint pending[2] = { G_MAXUINT, G_MAXUINT }, with_alternative = G_MAXUINT, n_pending = 0;

  /* Two pending edits to reject and accept, and a third to edit. */
  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    {
      UnspinEdit *edit = unspin_review_get_edit (review, i);

      if (unspin_review_get_state (review, i) != UNSPIN_REVIEW_PENDING)
        continue;
      if (n_pending < 2)
        pending[n_pending++] = i;
      else if (with_alternative == G_MAXUINT || (edit->alternatives != NULL && edit->alternatives[0] != NULL
                                                 && unspin_review_get_edit (review, with_alternative)->alternatives == NULL))
        with_alternative = i;
    }
  g_assert_cmpuint (with_alternative, !=, G_MAXUINT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", pending[0]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", pending[1]));
  if (unspin_review_get_edit (review, with_alternative)->alternatives != NULL
      && unspin_review_get_edit (review, with_alternative)->alternatives[0] != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-alternative", "(uu)",
                                               with_alternative, 0));
  else
    unspin_review_set_state (review, with_alternative, UNSPIN_REVIEW_EDITED, "words of my own");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (unspin_review_get_state (review, pending[0]), ==, UNSPIN_REVIEW_REJECTED);
  g_assert_cmpint (unspin_review_get_state (review, pending[1]), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpint (unspin_review_get_state (review, with_alternative), ==, UNSPIN_REVIEW_EDITED);
  g_assert_nonnull (unspin_review_get_custom_text (review, with_alternative));

  wait_for_autosave (key, unspin_review_get_n_reviewed (review));
  *window_out = window;
  return g_object_ref (review);
}

static void
assert_same_review (UnspinReview *resumed,
                    UnspinReview *review)
{
  g_autofree char *expected = unspin_review_get_restored_text (review, NULL);
  g_autofree char *restored = unspin_review_get_restored_text (resumed, NULL);

  g_assert_cmpstr (unspin_text_get_data (unspin_review_get_text (resumed), NULL), ==,
                   unspin_text_get_data (unspin_review_get_text (review), NULL));
  g_assert_cmpuint (unspin_review_get_n_edits (resumed), ==, unspin_review_get_n_edits (review));
  for (guint i = 0; i < unspin_review_get_n_edits (review); i++)
    {
      UnspinEdit *a = unspin_review_get_edit (resumed, i), *b = unspin_review_get_edit (review, i);

      g_assert_cmpuint (a->byte_start, ==, b->byte_start);
      g_assert_cmpuint (a->byte_end, ==, b->byte_end);
      g_assert_cmpstr (a->proposal, ==, b->proposal);
      g_assert_cmpint (unspin_review_get_state (resumed, i), ==, unspin_review_get_state (review, i));
      g_assert_cmpstr (unspin_review_get_custom_text (resumed, i), ==, unspin_review_get_custom_text (review, i));
    }
  g_assert_cmpstr (restored, ==, expected);
}

/* A crash: the window goes without close-request (no flush of the autosave, no question). */
static void
crash_window (UnspinWindow *window)
{
  destroy_window (window, TRUE);
}

/* Answers the "Resume Your Review?" dialog (a transient toplevel of @window) with @response. */
static void
answer_resume_dialog (const char *response)
{
  GtkWindow *dialog;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Resume Your Review?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A new window opens @file, is offered the unfinished review of it and resumes it: the review
 * shown must be @expected. */
static UnspinWindow *
open_and_resume (GFile        *file,
                 UnspinReview *expected)
{
  UnspinWindow *window = unspin_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  unspin_window_open_file (window, file);
  answer_resume_dialog ("resume");
  wait_until (has_review, window);
  assert_same_review (unspin_window_get_review (window), expected);
  assert_panes_match_review (window);
  return window;
}

/* Killed mid-review: opening the same file again offers the autosaved review back, identical. */
static void
test_restart_after_kill (void)
{
  UnspinWindow *window = NULL;
  g_autoptr(UnspinReview) review = decide_and_autosave (&window);
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  UnspinWindow *second;
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  crash_window (window);

  second = open_and_resume (file, review);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (second)), "spun-article.txt"));

  unspin_session_discard (key);
  close_window (second);
}

/* The same with a real kill: a process that reviewed is killed with SIGKILL (no cleanup at all);
 * a new process opening the file is offered the review back, identical to the one it had. */
static void
test_restart_after_sigkill (void)
{
  g_autofree char *expected_path = g_build_filename (g_getenv ("UNSPIN_TEST_SESSIONS"),
                                                     "before-kill.json", NULL);
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected_path);
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnspinReview) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  UnspinWindow *second;

  if (g_test_subprocess ())
    {
      UnspinWindow *window = NULL;
      g_autoptr(UnspinReview) review = decide_and_autosave (&window);

      /* What the reviewer had, for the parent to compare with; then the kill. */
      g_assert_true (unspin_export_to_file (review, UNSPIN_EXPORT_JSON, 0, expected_file,
                                            NULL, NULL));
      kill (getpid (), SIGKILL);
      g_assert_not_reached ();
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  expected = unspin_import_review_from_file (expected_file, NULL, &error);
  g_assert_no_error (error);
  key = unspin_session_key_for_text (unspin_review_get_text (expected));

  second = open_and_resume (file, expected);

  unspin_session_discard (key);
  close_window (second);
  g_unlink (expected_path);
}

/* At startup, an empty window offers the latest unfinished review back. */
static void
test_startup_offers_unfinished (void)
{
  UnspinWindow *window = NULL;
  g_autoptr(UnspinReview) review = decide_and_autosave (&window);
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  UnspinWindow *second;

  crash_window (window);
  {
    g_autoptr(UnspinSessionInfo) latest = unspin_session_latest_unfinished ();

    g_assert_nonnull (latest);
    g_assert_cmpstr (latest->key, ==, key);
  }

  second = unspin_window_new (app);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (unspin_window_is_empty (second));
  unspin_window_offer_unfinished_review (second);
  answer_resume_dialog ("resume");
  wait_until (has_review, second);

  assert_same_review (unspin_window_get_review (second), review);
  assert_panes_match_review (second);

  unspin_session_discard (key);
  close_window (second);
}

/* Bad input, failed writes */

/* How many labels under @widget (a toast's title, a dialog's body) contain @part. */
static guint
count_labels_containing (GtkWidget  *widget,
                         const char *part)
{
  guint n = GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels_containing (child, part);
  return n;
}

/* Clicks the close button of the toast shown under @widget whose title contains @part. */
static gboolean
dismiss_toast (GtkWidget  *widget,
               const char *part)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") && count_labels_containing (widget, part) > 0)
    {
      /* The toast's own button has an action; its close button has none. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child) && gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) == NULL)
          return gtk_widget_activate (child);
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (dismiss_toast (child, part))
      return TRUE;
  return FALSE;
}

/* The window loads the reviewer's own packs from their data folder, and names one it skipped. */
static void
test_user_packs (void)
{
  static const char *user_pack =
    "{ \"schema\": \"unspin-phrase-pack\", \"schema_version\": 1, \"id\": \"mine\","
    "  \"name\": \"My pack\", \"version\": \"1\", \"license\": \"CC0-1.0\","
    "  \"entries\": [ { \"garbled\": \"snackable content\", \"original\": \"short articles\","
    "                   \"prior\": 0.95 } ] }";
  g_autofree char *home = NULL;
  g_autofree char *packs = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      UnspinWindow *window = unspin_window_new (app);
      g_autofree char *article = g_build_filename (g_getenv ("XDG_DATA_HOME"), "article.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (article);
      g_autofree char *restored = NULL;

      g_assert_true (g_file_set_contents (article, "The site now sells snackable content to its readers.\n",
                                          -1, NULL));
      gtk_window_present (GTK_WINDOW (window));
      unspin_window_open_file (window, file);
      wait_until (has_review, window);
      restored = unspin_review_get_restored_text (unspin_window_get_review (window), NULL);
      g_assert_nonnull (strstr (restored, "sells short articles to"));
      g_assert_cmpuint (count_labels_containing (GTK_WIDGET (window), "broken.json"), ==, 1);
      close_window (window);
      return;
    }

  /* A folder of the reviewer's own, with one pack that works and one that does not. */
  home = g_dir_make_tmp ("unspin-user-data-XXXXXX", &error);
  g_assert_no_error (error);
  packs = g_build_filename (home, "unspin", "packs", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packs, 0700), ==, 0);
  {
    g_autofree char *good = g_build_filename (packs, "mine.json", NULL);
    g_autofree char *bad = g_build_filename (packs, "broken.json", NULL);

    g_assert_true (g_file_set_contents (good, user_pack, -1, NULL));
    g_assert_true (g_file_set_contents (bad, "{ \"schema\": \"unspin-phrase-pack\", ", -1, NULL));
  }

  /* The subprocess starts its own application, which reads this folder as it loads the engine. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("XDG_DATA_HOME", saved, TRUE);
  g_test_trap_assert_passed ();
  remove_tree (home);
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Waits for the message dialog headed @heading, closes it, and returns its body. */
static char *
take_message_dialog (const char *heading)
{
  AdwMessageDialog *dialog;
  char *body;

  wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return body;
}

/* @window still shows @review, unchanged: the same restored text, panes and title. */
static void
assert_review_kept (UnspinWindow *window,
                    UnspinReview *review,
                    const char   *restored)
{
  g_autofree char *now = NULL;

  g_assert_true (unspin_window_get_review (window) == review);
  g_assert_false (unspin_window_get_busy (window));
  now = unspin_review_get_restored_text (review, NULL);
  g_assert_cmpstr (now, ==, restored);
  assert_panes_match_review (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "spun-article.txt");
}

/* The review of @window as JSON, with the first edit's "byte_end" made @byte_end. */
static char *
review_json_with_byte_end (UnspinWindow *window,
                           const char   *byte_end)
{
  g_autofree char *json = unspin_export_to_string (unspin_window_get_review (window), UNSPIN_EXPORT_JSON,
                                                   UNSPIN_EXPORT_FLAGS_NONE, NULL);
  char *member = strstr (json, "\"byte_end\" : ");
  char *digits, *rest;

  g_assert_nonnull (member);
  digits = member + strlen ("\"byte_end\" : ");
  for (rest = digits; g_ascii_isdigit (*rest); rest++)
    ;
  g_assert_true (rest > digits);
  *digits = '\0';
  return g_strconcat (json, byte_end, rest, NULL);
}

/* A file the window cannot open gets one dialog that names it and says why; the review shown
 * before stays, untouched. */
static void
test_open_bad_files (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *restored = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unspin-bad-XXXXXX", NULL);
  g_autofree char *hostile = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *big = g_build_filename (dir, "huge.txt", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.txt", NULL);
  int fd;
  struct {
    const char *name;
    const char *contents;   /* NULL: made below */
    gssize      len;
    const char *says;
  } cases[] = {
    { "latin1.txt", "Caf\xe9 au lait\n", -1, "not valid UTF-8: byte 0xE9 at byte offset 3" },
    { "binary.txt", "PNG\0\0\0", 6, "contains a NUL byte at byte offset 3" },
    { "utf16.txt", "\xff\xfeH\0i\0", 6, "UTF-16" },
    { "offsets-review.json", NULL, -1, "\"byte_end\" is 999999999" },
    { "newer-review.json", NULL, -1, "written by a newer Unspin" },
    { "cut-review.json", NULL, -1, "not valid JSON" },
    { "folder.txt", NULL, -1, "is a folder, not a file" },
    { "huge.txt", NULL, -1, "use unspin-cli" },
  };

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", 1);
  restored = unspin_review_get_restored_text (review, NULL);

  hostile = review_json_with_byte_end (window, "999999999");
  cases[3].contents = hostile;
  {
    g_autofree char *json = unspin_export_to_string (review, UNSPIN_EXPORT_JSON, UNSPIN_EXPORT_FLAGS_NONE, NULL);
    g_auto(GStrv) parts = g_strsplit (json, "\"schema_version\" : 1", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    newer = g_strjoinv ("\"schema_version\" : 2", parts);
    cases[4].contents = newer;
    cut = g_strndup (json, strlen (json) / 2);
    cases[5].contents = cut;
  }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  /* One byte over the window's limit, sparse: nothing is read before the size is checked. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) UNSPIN_WINDOW_MAX_ARTICLE_SIZE + 1), ==, 0);
  close (fd);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *body = NULL;

      if (cases[i].contents != NULL)
        g_assert_true (g_file_set_contents (path, cases[i].contents, cases[i].len, NULL));
      g_test_message ("%s", cases[i].name);
      unspin_window_open_file (window, file);
      body = take_message_dialog ("Could Not Open the File");
      g_assert_true (g_str_has_prefix (body, path));
      g_assert_nonnull (strstr (body, cases[i].says));
      g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      assert_review_kept (window, review, restored);
    }

  /* Pasted or dropped text over the window's limit is refused the same way. */
  {
    gsize size = UNSPIN_WINDOW_MAX_ARTICLE_SIZE + 2;
    g_autofree char *huge_text = g_malloc (size + 1);
    g_autofree char *body = NULL;

    memset (huge_text, 'a', size);
    for (gsize i = 1; i < size; i += 8)
      huge_text[i] = ' ';
    huge_text[size] = '\0';
    unspin_window_open_text (window, huge_text, "pasted.txt");
    body = take_message_dialog ("Could Not Open the Text");
    g_assert_nonnull (strstr (body, "use unspin-cli"));
    assert_review_kept (window, review, restored);
  }

  close_window (window);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_rmdir (dir);
}

/* An export that cannot be written says why in a dialog naming the file; the review stays, and a
 * later export elsewhere works. */
static void
test_export_fails (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *restored = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unspin-export-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "article-restored.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  g_autofree char *body = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", 1);
  restored = unspin_review_get_restored_text (review, NULL);

  unspin_window_export (window, "markdown", file);
  body = take_message_dialog ("Could Not Export");
  g_assert_true (g_str_has_prefix (body, missing));
  g_assert_nonnull (strstr (body, "No such file or directory"));
  g_assert_nonnull (strstr (body, "Any file that was there is left as it was."));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  assert_review_kept (window, review, restored);

  assert_export_matches (window, "markdown", UNSPIN_EXPORT_MARKDOWN);
  close_window (window);
  g_rmdir (dir);
}

/* In a child process with a mount namespace of its own: the export's folder is a tmpfs, holding
 * an earlier export, then made read-only. */
static void
export_read_only_child (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unspin-readonly-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article-restored.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *body = NULL;
  g_autofree char *contents = NULL;
  UnspinWindow *window;

  if (unshare (CLONE_NEWNS) != 0)
    g_error ("unshare: %s", g_strerror (errno));
  /* The kernel ignores the source and type of a change of propagation and of a remount. */
  if (mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0
      || mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
    g_error ("mount: %s", g_strerror (errno));
  g_assert_true (g_file_set_contents (path, "the earlier export\n", -1, NULL));
  if (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=64k") != 0)
    g_error ("mount -o remount,ro: %s", g_strerror (errno));

  window = open_sample ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", 1);
  unspin_window_export (window, "markdown", file);
  body = take_message_dialog ("Could Not Export");
  g_assert_true (g_str_has_prefix (body, path));
  g_assert_nonnull (strstr (body, "Read-only file system"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the earlier export\n");
  assert_export_matches (window, "markdown", UNSPIN_EXPORT_MARKDOWN);
  close_window (window);

  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

/* The same, into a read-only folder with an earlier export in it: the earlier export stays. */
static void
test_export_read_only (void)
{
  private_mounts_run_test ("a read-only tmpfs", FALSE, export_read_only_child);
}

/* Lets the autosave that @window has scheduled run, and its result show. */
static void
let_autosave_run (void)
{
  gint64 until = g_get_monotonic_time () + 800 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gboolean
has_no_toast (gpointer data)
{
  return count_labels_containing (data, "could not be saved") == 0;
}

/* When the session folder cannot be written, a notice says so once, not at every decision; the
 * decisions stay in the window, the close question does not claim they are saved, an export
 * still works, and once the folder works again they are saved. */
static void
test_autosave_fails (void)
{
  UnspinWindow *window = open_sample ();
  UnspinReview *review = unspin_window_get_review (window);
  g_autofree char *key = unspin_session_key_for_text (unspin_review_get_text (review));
  g_autofree char *sessions = unspin_session_get_dir ();
  g_autofree char *moved = g_strconcat (sessions, ".moved", NULL);
  guint decided[3], n = 0;

  /* A file where the session folder was: that stops root too, which may write anywhere. */
  g_assert_cmpint (g_rename (sessions, moved), ==, 0);
  g_assert_true (g_file_set_contents (sessions, "", 0, NULL));

  for (guint i = 0; i < unspin_review_get_n_edits (review) && n < G_N_ELEMENTS (decided); i++)
    if (unspin_review_get_state (review, i) == UNSPIN_REVIEW_PENDING)
      {
        decided[n++] = i;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-edit", "u", i));
        let_autosave_run ();
      }
  g_assert_cmpuint (n, ==, 3);

  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (window), "Your decisions could not be saved: "), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (window), "Not a directory"), ==, 1);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (unspin_review_get_state (review, decided[i]), ==, UNSPIN_REVIEW_REJECTED);

  /* Closing asks, and says the decisions would be lost. */
  gtk_window_close (GTK_WINDOW (window));
  {
    AdwMessageDialog *dialog;

    wait_until (has_message_dialog, NULL);
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Export Before Closing?");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "could not be saved either"));
    g_assert_null (strstr (adw_message_dialog_get_body (dialog), "They are saved"));
    adw_message_dialog_response (dialog, "cancel");
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }

  /* Dismissed, the notice does not come back for later decisions that fail the same way: none
   * was queued behind it. */
  g_assert_true (dismiss_toast (GTK_WIDGET (window), "could not be saved"));
  wait_until (has_no_toast, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  let_autosave_run ();
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (window), "could not be saved"), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);

  /* The work is all there to export. */
  assert_export_matches (window, "json", UNSPIN_EXPORT_JSON);

  /* With a folder that works again, the next decision saves them all. */
  g_assert_cmpint (g_unlink (sessions), ==, 0);
  g_assert_cmpint (g_rename (moved, sessions), ==, 0);
  unspin_session_discard (key);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-edit", "u", decided[0]));
  let_autosave_run ();
  {
    g_autoptr(UnspinReview) saved = unspin_session_load (key, NULL);

    g_assert_nonnull (saved);
    assert_same_review (saved, review);
  }

  unspin_session_discard (key);
  close_window (window);
}

/* Ctrl+Shift+V: the clipboard's text becomes a new article. */
static void
test_paste (void)
{
  UnspinWindow *window = unspin_window_new (app);
  const char *article = "The federal government has actually approved the new ferry terminal.\n";

  gtk_window_present (GTK_WINDOW (window));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), article);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  wait_until (has_review, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Pasted text");
  g_assert_cmpstr (unspin_text_get_data (unspin_review_get_text (unspin_window_get_review (window)), NULL),
                   ==, article);
  assert_panes_match_review (window);
  close_window (window);
}

/* Dropping a file on the window opens it, as Open does. */
static void
test_drop_file (void)
{
  UnspinWindow *window = unspin_window_new (app);
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnspinText) text = unspin_text_new_from_file (file, 0, NULL, NULL);
  g_autofree char *key = unspin_session_key_for_text (text);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean accepted = FALSE;

  unspin_session_discard (key);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);

  wait_until (has_review, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "spun-article.txt");
  assert_panes_match_review (window);
  close_window (window);
}

/* A run that a newer one replaced, or that was cancelled, leaves nothing behind. */
static void
test_cancelled_run_is_dropped (void)
{
  UnspinWindow *window = unspin_window_new (app);
  GString *big = g_string_new (NULL);

  while (big->len < 3 * 1024 * 1024)
    g_string_append (big, "The federal government has actually stated that 2 authorities will act.\n\n");

  gtk_window_present (GTK_WINDOW (window));
  unspin_window_open_text (window, big->str, "big.txt");
  g_assert_true (unspin_window_get_busy (window));
  unspin_window_open_text (window, "The council has actually voted.\n", "small.txt");
  wait_until (has_review, window);
  g_assert_cmpstr (unspin_text_get_data (unspin_review_get_text (unspin_window_get_review (window)), NULL),
                   ==, "The council has actually voted.\n");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.txt");

  /* Cancelled: the review shown before stays. */
  unspin_window_open_text (window, big->str, "big.txt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL));
  wait_until (is_idle, window);
  /* Long enough for a stale result to have arrived, had it not been dropped. */
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.txt");
  assert_panes_match_review (window);

  g_string_free (big, TRUE);
  close_window (window);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* The tests never read or write the real user's files: their sessions, packs, recently used
   * files and settings are in a temporary home. A test's subprocess keeps its parent's (the
   * real-kill test needs the sessions; the user-packs test gives it other packs). */
  if (g_getenv ("UNSPIN_TEST_SESSIONS") == NULL)
    {
      static const char *dirs[][2] = {
        { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
        { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
        { "UNSPIN_TEST_SESSIONS", "sessions" },
      };

      home = g_dir_make_tmp ("unspin-test-home-XXXXXX", NULL);
      g_assert_nonnull (home);
      for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
        {
          g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

          g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
          g_setenv (dirs[i][0], dir, TRUE);
        }
    }
  g_setenv ("UNSPIN_SESSION_DIR", g_getenv ("UNSPIN_TEST_SESSIONS"), TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  app = unspin_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* Windows of an application need it started up; register() does that. */

  g_test_add_func ("/unspin/window/open-file", test_open_file);
  g_test_add_func ("/unspin/window/highlights", test_highlights);
  g_test_add_func ("/unspin/window/decisions-and-undo", test_decisions_and_undo);
  g_test_add_func ("/unspin/window/keyboard-path", test_keyboard_path);
  g_test_add_func ("/unspin/window/export", test_export);
  g_test_add_func ("/unspin/window/resume-exported-json", test_resume_exported_json);
  g_test_add_func ("/unspin/window/autosave", test_autosave);
  g_test_add_func ("/unspin/window/cancelled-run-is-dropped", test_cancelled_run_is_dropped);
  g_test_add_func ("/unspin/window/drop-file", test_drop_file);
  g_test_add_func ("/unspin/window/paste", test_paste);
  g_test_add_func ("/unspin/window/close-asks-and-remembers-size", test_close_asks_and_remembers_size);
  g_test_add_func ("/unspin/window/restart-after-kill", test_restart_after_kill);
  g_test_add_func ("/unspin/window/restart-after-sigkill", test_restart_after_sigkill);
  g_test_add_func ("/unspin/window/startup-offers-unfinished-review", test_startup_offers_unfinished);
  g_test_add_func ("/unspin/window/open-bad-files", test_open_bad_files);
  g_test_add_func ("/unspin/window/export-fails", test_export_fails);
  g_test_add_func ("/unspin/window/export-read-only", test_export_read_only);
  g_test_add_func ("/unspin/window/autosave-fails", test_autosave_fails);
  g_test_add_func ("/unspin/window/user-packs", test_user_packs);

  status = g_test_run ();
  g_object_unref (app);
  if (home != NULL)
    remove_tree (home);
  return status;
}
