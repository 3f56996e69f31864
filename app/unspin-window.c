/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "unspin-diff-view.h"
#include "unspin-edit-list.h"
#include "unspin-error.h"
#include "unspin-export.h"
#include "unspin-session.h"
#include "unspin-window.h"

/* Articles this big show a progress bar at once; smaller ones only if the engine takes long. */
#define LARGE_ARTICLE (256 * 1024)
#define PROGRESS_DELAY_MS 300
#define AUTOSAVE_DELAY_MS 500

struct _UnspinWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwToastOverlay      *toast_overlay;
  GtkSpinner           *spinner;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkMenuButton        *export_button;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  UnspinDiffView       *diff_view;
  UnspinEditList       *edit_list;

  GSettings            *settings;

  UnspinReview         *review;
  char                 *name;          /* what the article is called */
  char                 *uri;           /* where it came from; NULL for pasted text */
  int                   focused;       /* edit index, -1 for none */

  GCancellable         *cancellable;   /* the current engine run; NULL when idle */
  guint                 progress_id;

  gboolean              dirty;         /* decisions made since the last export */
  guint                 autosave_id;
  char                 *save_error;    /* why the last autosave failed; NULL once one works */
  guint                 list_id;
  gboolean              close_confirmed;
  gboolean              close_after_export;
};

G_DEFINE_FINAL_TYPE (UnspinWindow, unspin_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (UnspinWindow *self);
static void export_with_dialog (UnspinWindow *self, const char *format);

static void
toast (UnspinWindow *self,
       const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error (UnspinWindow *self,
            const char   *heading,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Title and counts */

static void
update_title (UnspinWindow *self)
{
  if (self->review == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Unspin"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Unspin"));
      return;
    }

  {
    guint n = unspin_review_get_n_edits (self->review);
    g_autofree char *counts = NULL;

    if (n == 0)
      counts = g_strdup (_("No edits proposed"));
    else
      /* Translators: "12 of 40 reviewed" */
      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed", "%u of %u reviewed", n),
                                unspin_review_get_n_reviewed (self->review), n);
    adw_window_title_set_title (self->window_title, self->name);
    adw_window_title_set_subtitle (self->window_title, counts);
    gtk_window_set_title (GTK_WINDOW (self), self->name);
  }
}

/* Autosave */

static void
save_session (UnspinWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->review == NULL)
    return;
  if (unspin_session_save (self->review, self->name, self->uri, !self->dirty, &error))
    {
      g_clear_pointer (&self->save_error, g_free);
      return;
    }

  /* Said once, and it stays until dismissed: every decision after it would fail the same way. */
  if (self->save_error == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your decisions could not be saved: %s"), error->message);
      AdwToast *failed = adw_toast_new (message);

      adw_toast_set_timeout (failed, 0);
      adw_toast_set_priority (failed, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (failed, _("_Export…"));
      adw_toast_set_action_name (failed, "win.export-menu");
      adw_toast_overlay_add_toast (self->toast_overlay, failed);
    }
  g_free (self->save_error);
  self->save_error = g_strdup (error->message);
}

static gboolean
autosave_cb (gpointer user_data)
{
  UnspinWindow *self = user_data;

  self->autosave_id = 0;
  save_session (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (UnspinWindow *self)
{
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
flush_autosave (UnspinWindow *self)
{
  if (self->autosave_id != 0)
    {
      g_source_remove (self->autosave_id);
      autosave_cb (self);
    }
}

/* The review */

static void
on_review_changed (UnspinWindow *self)
{
  self->dirty = TRUE;
  schedule_autosave (self);
  update_title (self);
  update_actions (self);
}

static void
on_edits_changed (UnspinWindow *self)
{
  /* The list keeps its selection on the same edit when a manual edit lands before it. */
  self->focused = unspin_edit_list_get_selected_edit (self->edit_list);
  on_review_changed (self);
}

static void
set_focused (UnspinWindow *self,
             int           index)
{
  if (self->review == NULL || index >= (int) unspin_review_get_n_edits (self->review))
    index = -1;
  self->focused = index;
  if (unspin_diff_view_get_focused_edit (self->diff_view) != index)
    unspin_diff_view_set_focused_edit (self->diff_view, index);
  if (unspin_edit_list_get_selected_edit (self->edit_list) != index)
    unspin_edit_list_set_selected_edit (self->edit_list, index);
  update_actions (self);
}

static gboolean
fill_list_cb (gpointer user_data)
{
  UnspinWindow *self = user_data;

  self->list_id = 0;
  unspin_edit_list_set_review (self->edit_list, self->review);
  return G_SOURCE_REMOVE;
}

static void
set_review (UnspinWindow *self,
            UnspinReview *review,
            const char   *name,
            const char   *uri)
{
  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_set_object (&self->review, review);
  g_free (self->name);
  self->name = g_strdup (name);
  g_free (self->uri);
  self->uri = g_strdup (uri);
  self->dirty = FALSE;
  self->focused = -1;
  /* A failed autosave is said again for another article. */
  g_clear_pointer (&self->save_error, g_free);

  /* The list fills after the panes have drawn: on a long article, neither alone stalls the
   * window for long. */
  unspin_diff_view_set_review (self->diff_view, review);
  g_clear_handle_id (&self->list_id, g_source_remove);
  if (review == NULL)
    unspin_edit_list_set_review (self->edit_list, NULL);
  else
    self->list_id = g_idle_add (fill_list_cb, self);

  if (review != NULL)
    {
      g_signal_connect_swapped (review, "state-changed", G_CALLBACK (on_review_changed), self);
      g_signal_connect_swapped (review, "edits-changed", G_CALLBACK (on_edits_changed), self);
      g_signal_connect_swapped (review, "history-changed", G_CALLBACK (update_actions), self);
      gtk_stack_set_visible_child_name (self->stack, "review");
    }

  update_title (self);
  update_actions (self);
}

/* The engine, off the main thread */

typedef struct {
  UnspinWindow *window;
  UnspinText   *text;
  GCancellable *cancellable;
  char         *name;
  char         *uri;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->window);
  g_clear_object (&run->text);
  g_clear_object (&run->cancellable);
  g_free (run->name);
  g_free (run->uri);
  g_free (run);
}

static gboolean
progress_pulse_cb (gpointer user_data)
{
  UnspinWindow *self = user_data;

  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (UnspinWindow *self,
          GCancellable *cancellable,
          gboolean      large)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_set_object (&self->cancellable, cancellable);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), cancellable != NULL);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  if (cancellable != NULL)
    {
      self->progress_id = g_timeout_add (large ? 0 : PROGRESS_DELAY_MS, progress_pulse_cb, self);
      if (large)
        gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
}

static void
on_proposed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  UnspinWindow *self = run->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edits = unspin_engine_propose_finish (UNSPIN_ENGINE (source), result, &error);

  /* A newer run (or a cancel) took over: this result is stale. */
  if (run->cancellable != self->cancellable)
    {
      run_free (run);
      return;
    }
  set_busy (self, NULL, FALSE);

  if (edits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Restore the Article"), error->message);
      else if (self->review == NULL)
        gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      g_autoptr(UnspinReview) review = unspin_review_new (run->text, edits);
      g_autoptr(GPtrArray) sources = unspin_engine_dup_sources (UNSPIN_ENGINE (source));

      unspin_review_preaccept (review, UNSPIN_CONFIDENCE_HIGH);
      for (guint i = 0; i < sources->len; i++)
        unspin_review_add_source (review, g_ptr_array_index (sources, i));
      set_review (self, review, run->name, run->uri);
    }

  run_free (run);
}

static void
on_engine_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  UnspinWindow *self = run->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinEngine) engine = unspin_application_load_engine_finish (UNSPIN_APPLICATION (source),
                                                                          result, &error);
  g_autoptr(GPtrArray) notices = NULL;

  if (run->cancellable != self->cancellable)
    {
      run_free (run);
      return;
    }
  if (engine == NULL)
    {
      set_busy (self, NULL, FALSE);
      show_error (self, _("The Phrase Data Could Not Be Loaded"), error->message);
      run_free (run);
      return;
    }

  notices = unspin_application_take_notices (UNSPIN_APPLICATION (source));
  for (guint i = 0; i < notices->len; i++)
    toast (self, g_ptr_array_index (notices, i));

  unspin_engine_propose_async (engine, run->text, run->cancellable, on_proposed, run);
}

static void
start_restore (UnspinWindow *self,
               UnspinText   *text,
               const char   *name,
               const char   *uri)
{
  UnspinApplication *app = UNSPIN_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gsize len;
  Run *run;

  /* One current run: a new article cancels the one before. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  unspin_text_get_data (text, &len);
  set_busy (self, cancellable, len >= LARGE_ARTICLE);

  run = g_new0 (Run, 1);
  run->window = g_object_ref (self);
  run->text = g_object_ref (text);
  run->cancellable = g_object_ref (cancellable);
  run->name = g_strdup (name);
  run->uri = g_strdup (uri);
  unspin_application_load_engine_async (app, on_engine_ready, run);
}

/* Opening articles and reviews */

typedef struct {
  UnspinWindow *window;
  UnspinText   *text;
  char         *key;
  char         *name;
  char         *uri;
} Resume;

static void
resume_free (Resume *resume)
{
  g_clear_object (&resume->window);
  g_clear_object (&resume->text);
  g_free (resume->key);
  g_free (resume->name);
  g_free (resume->uri);
  g_free (resume);
}

static void
on_resume_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Resume *resume = user_data;
  UnspinWindow *self = resume->window;

  if (g_strcmp0 (response, "resume") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UnspinReview) review = unspin_session_load (resume->key, &error);

      if (review != NULL)
        {
          set_review (self, review, resume->name, resume->uri);
          self->dirty = TRUE;
          resume_free (resume);
          return;
        }
      toast (self, error->message);
    }
  else
    unspin_session_discard (resume->key);

  if (resume->text != NULL)
    start_restore (self, resume->text, resume->name, resume->uri);
  resume_free (resume);
}

static void
offer_resume (UnspinWindow      *self,
              UnspinSessionInfo *info,
              UnspinText        *text,
              const char        *name,
              const char        *uri)
{
  Resume *resume = g_new0 (Resume, 1);
  g_autoptr(GDateTime) saved = g_date_time_new_from_unix_local (info->saved);
  g_autofree char *when = saved ? g_date_time_format (saved, "%x %X") : g_strdup ("");
  g_autofree char *body = g_strdup_printf (_("You reviewed %u of %u edits of “%s” on %s. Resume that review, or start over from the article?"),
                                           info->n_reviewed, info->n_edits,
                                           name ? name : info->name, when);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Resume Your Review?"), body);

  resume->window = g_object_ref (self);
  resume->text = text ? g_object_ref (text) : NULL;
  resume->key = g_strdup (info->key);
  resume->name = g_strdup (name ? name : info->name);
  resume->uri = g_strdup (uri ? uri : info->uri);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", text ? _("_Start Over") : _("_Discard"),
                                    "resume", _("_Resume"),
                                    NULL);
  if (text == NULL)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resume",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  g_signal_connect (dialog, "response", G_CALLBACK (on_resume_response), resume);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_article (UnspinWindow *self,
              UnspinText   *text,
              const char   *name,
              const char   *uri)
{
  g_autofree char *key = unspin_session_key_for_text (text);
  g_autoptr(UnspinSessionInfo) info = unspin_session_lookup (key);

  if (info != NULL)
    offer_resume (self, info, text, name, uri);
  else
    start_restore (self, text, name, uri);
}

void
unspin_window_open_text (UnspinWindow *self,
                         const char   *text,
                         const char   *name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinText) article = NULL;
  gsize length;

  g_return_if_fail (UNSPIN_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  length = strlen (text);
  if (length > UNSPIN_WINDOW_MAX_ARTICLE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (UNSPIN_WINDOW_MAX_ARTICLE_SIZE);
      /* Translators: the text's size and the window's limit, such as "40.0 MB". */
      g_autofree char *message = g_strdup_printf (_("The text is %s; the window opens articles of "
                                                    "up to %s. For bigger ones, save the text to a "
                                                    "file and use unspin-cli."), size, limit);

      show_error (self, _("Could Not Open the Text"), message);
      return;
    }

  bytes = g_bytes_new (text, length);
  article = unspin_text_new_from_bytes (bytes, name, &error);
  if (article == NULL)
    {
      show_error (self, _("Could Not Open the Text"), error->message);
      return;
    }
  open_article (self, article, name, NULL);
}

/* Reading runs in a thread: a big file must not freeze the window. */
typedef struct {
  UnspinText   *text;
  UnspinReview *review;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->text);
  g_clear_object (&loaded->review);
  g_free (loaded);
}

static gboolean
looks_like_review (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL && g_str_has_suffix (basename, ".json");
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  if (looks_like_review (file))
    loaded->review = unspin_import_review_from_file (file, cancellable, &error);
  else
    loaded->text = unspin_text_new_from_file (file, UNSPIN_WINDOW_MAX_ARTICLE_SIZE, cancellable, &error);

  if (error != NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  UnspinWindow *self = UNSPIN_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);

  if (loaded == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, UNSPIN_ERROR, UNSPIN_ERROR_TOO_LARGE))
        {
          g_autofree char *limit = g_format_size (UNSPIN_WINDOW_MAX_ARTICLE_SIZE);
          g_autofree char *cli_limit = g_format_size (UNSPIN_TEXT_DEFAULT_MAX_SIZE);

          /* Translators: the first %s is the error, the others sizes such as "33.6 MB". */
          message = g_strdup_printf (_("%s\n\nThe window opens articles of up to %s. "
                                       "For bigger ones, use unspin-cli, which "
                                       "restores articles of up to %s."),
                                     error->message, limit, cli_limit);
        }
      show_error (self, _("Could Not Open the File"), message ? message : error->message);
      return;
    }

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  if (loaded->review != NULL)
    {
      g_autofree char *article = g_path_get_basename (unspin_text_get_name (unspin_review_get_text (loaded->review)));

      set_review (self, loaded->review, article, NULL);
      /* A review file is where this work lives: nothing is unexported yet. */
      self->dirty = FALSE;
    }
  else
    open_article (self, loaded->text, name, uri);

  loaded_free (loaded);
}

void
unspin_window_open_file (UnspinWindow *self,
                         GFile        *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (UNSPIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, on_loaded, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
unspin_window_is_empty (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), FALSE);

  return self->review == NULL && self->cancellable == NULL;
}

void
unspin_window_offer_unfinished_review (UnspinWindow *self)
{
  g_autoptr(UnspinSessionInfo) info = unspin_session_latest_unfinished ();

  if (info != NULL)
    offer_resume (self, info, NULL, NULL, NULL);
}

/* Actions */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  UnspinWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* The portal can accept without a file (one it could not hand over): nothing to open. */
      if (file != NULL)
        unspin_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* GtkFileChooserNative goes through the portal inside the Flatpak sandbox. */
  dialog = gtk_file_chooser_native_new (_("Open an Article"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (articles, _("Articles and reviews"));
  gtk_file_filter_add_mime_type (articles, "text/plain");
  gtk_file_filter_add_suffix (articles, "txt");
  gtk_file_filter_add_suffix (articles, "md");
  gtk_file_filter_add_suffix (articles, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), articles);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(UnspinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || *text == '\0')
    {
      toast (self, _("The clipboard holds no text to paste"));
      return;
    }
  unspin_window_open_text (self, text, _("Pasted text"));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, g_object_ref (widget));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *path = g_build_filename (unspin_engine_get_default_data_dir (),
                                            "samples", "spun-article.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  unspin_window_open_file (UNSPIN_WINDOW (widget), file);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* The next pending edit after @from (wrapping round); with none pending, simply the next one. */
static int
find_edit (UnspinWindow *self,
           int           from,
           int           step)
{
  int n = self->review ? (int) unspin_review_get_n_edits (self->review) : 0;

  if (n == 0)
    return -1;
  for (int k = 1; k <= n; k++)
    {
      int i = ((from + step * k) % n + n) % n;

      if (from < 0 && step < 0 && k == 1)
        i = n - 1;
      if (unspin_review_get_state (self->review, i) == UNSPIN_REVIEW_PENDING)
        return i;
    }
  if (from < 0)
    return step > 0 ? 0 : n - 1;
  return ((from + step) % n + n) % n;
}

static void
next_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);

  set_focused (self, find_edit (self, self->focused, g_str_equal (action_name, "win.next-edit") ? 1 : -1));
}

static void
decide (UnspinWindow      *self,
        int                index,
        UnspinReviewState  state,
        const char        *custom)
{
  if (self->review == NULL || index < 0 || index >= (int) unspin_review_get_n_edits (self->review))
    return;

  if (state == UNSPIN_REVIEW_EDITED
      && g_strcmp0 (custom, unspin_review_get_edit (self->review, index)->proposal) == 0)
    state = UNSPIN_REVIEW_ACCEPTED;
  unspin_review_set_state (self->review, index, state, custom);
}

static void
decide_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  int index = self->focused;

  if (index < 0)
    {
      set_focused (self, find_edit (self, -1, 1));
      return;
    }
  decide (self, index,
          g_str_equal (action_name, "win.accept-focused") ? UNSPIN_REVIEW_ACCEPTED : UNSPIN_REVIEW_REJECTED,
          NULL);
  set_focused (self, find_edit (self, index, 1));
}

static void
decide_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  decide (self, index,
          g_str_equal (action_name, "win.accept-edit") ? UNSPIN_REVIEW_ACCEPTED : UNSPIN_REVIEW_REJECTED,
          NULL);
  set_focused (self, index);
}

static void
choose_alternative_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  guint index, alternative;
  UnspinEdit *edit;

  g_variant_get (parameter, "(uu)", &index, &alternative);
  if (self->review == NULL || index >= unspin_review_get_n_edits (self->review))
    return;
  edit = unspin_review_get_edit (self->review, index);
  if (edit->alternatives == NULL || alternative >= g_strv_length (edit->alternatives))
    return;
  decide (self, index, UNSPIN_REVIEW_EDITED, edit->alternatives[alternative]);
  set_focused (self, index);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);

  if (self->review == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    unspin_review_undo (self->review);
  else
    unspin_review_redo (self->review);
}

static void
bulk_toast (UnspinWindow *self,
            const char   *message)
{
  AdwToast *bulk = adw_toast_new (message);

  adw_toast_set_button_label (bulk, _("_Undo"));
  adw_toast_set_action_name (bulk, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, bulk);
}

static void
accept_above_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  guint n;
  g_autofree char *message = NULL;

  if (self->review == NULL)
    return;
  n = unspin_review_accept_above (self->review, g_variant_get_double (parameter));
  if (n == 0)
    message = g_strdup (_("No pending edits to accept"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Accepted %u edit", "Accepted %u edits", n), n);
  if (n > 0)
    bulk_toast (self, message);
  else
    toast (self, message);
}

static void
reject_pending_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);
  guint n;
  g_autofree char *message = NULL;

  if (self->review == NULL)
    return;
  n = unspin_review_reject_pending (self->review);
  if (n == 0)
    {
      toast (self, _("No pending edits to reject"));
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rejected %u edit", "Rejected %u edits", n), n);
  bulk_toast (self, message);
}

/* Export */

static UnspinExportFormat
parse_format (const char *format)
{
  UnspinExportFormat result = UNSPIN_EXPORT_MARKDOWN;

  unspin_export_format_from_string (format, &result);
  return result;
}

gboolean
unspin_window_export_to_file (UnspinWindow  *self,
                              const char    *format,
                              GFile         *file,
                              GError       **error)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), FALSE);

  if (self->review == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no review to export"));
      return FALSE;
    }
  if (!unspin_export_to_file (self->review, parse_format (format), UNSPIN_EXPORT_FLAGS_NONE,
                              file, NULL, error))
    return FALSE;

  self->dirty = FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  save_session (self);
  return TRUE;
}

void
unspin_window_export (UnspinWindow *self,
                      const char   *format,
                      GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  g_return_if_fail (UNSPIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (unspin_window_export_to_file (self, format, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

      toast (self, message);
      if (self->close_after_export)
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s\n\nAny file that was there is left as it was."),
                                                  error->message);

      show_error (self, _("Could Not Export"), message);
    }
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  UnspinWindow *self = user_data;
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        unspin_window_export (self, format, file);
    }
  self->close_after_export = FALSE;
  g_object_unref (dialog);
}

static void
export_with_dialog (UnspinWindow *self,
                    const char   *format)
{
  GtkFileChooserNative *dialog;
  UnspinExportFormat kind = parse_format (format);
  const char *suffix = kind == UNSPIN_EXPORT_JSON ? ".json" : kind == UNSPIN_EXPORT_TEXT ? ".txt" : ".md";
  g_autofree char *stem = NULL;
  g_autofree char *suggested = NULL;

  if (self->review == NULL)
    return;

  dialog = gtk_file_chooser_native_new (kind == UNSPIN_EXPORT_JSON ? _("Export the Review")
                                                                   : _("Export the Restored Article"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  stem = g_strdup (self->name ? self->name : _("article"));
  if (strrchr (stem, '.') != NULL && strrchr (stem, '.') != stem)
    *strrchr (stem, '.') = '\0';
  suggested = g_strconcat (stem, kind == UNSPIN_EXPORT_JSON ? "-review" : "-restored", suffix, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_object_set_data_full (G_OBJECT (dialog), "format", g_strdup (format), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  export_with_dialog (UNSPIN_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
export_menu_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UnspinWindow *self = UNSPIN_WINDOW (widget);

  if (self->review != NULL)
    gtk_menu_button_popup (self->export_button);
}

static void
update_actions (UnspinWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_review = self->review != NULL;
  gboolean has_edits = has_review && unspin_review_get_n_edits (self->review) > 0;

  gtk_widget_action_set_enabled (widget, "win.export", has_review);
  gtk_widget_action_set_enabled (widget, "win.export-menu", has_review);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), has_review);
  gtk_widget_action_set_enabled (widget, "win.undo", has_review && unspin_review_can_undo (self->review));
  gtk_widget_action_set_enabled (widget, "win.redo", has_review && unspin_review_can_redo (self->review));
  gtk_widget_action_set_enabled (widget, "win.next-edit", has_edits);
  gtk_widget_action_set_enabled (widget, "win.previous-edit", has_edits);
  gtk_widget_action_set_enabled (widget, "win.accept-focused", has_edits);
  gtk_widget_action_set_enabled (widget, "win.reject-focused", has_edits);
  gtk_widget_action_set_enabled (widget, "win.accept-above", has_edits);
  gtk_widget_action_set_enabled (widget, "win.reject-pending", has_edits);
  gtk_widget_action_set_enabled (widget, "win.cancel", self->cancellable != NULL);
}

/* Focus follows the list and the highlighted words alike */

static void
on_list_selection (UnspinWindow *self)
{
  set_focused (self, unspin_edit_list_get_selected_edit (self->edit_list));
}

static void
on_diff_focus (UnspinWindow *self)
{
  set_focused (self, unspin_diff_view_get_focused_edit (self->diff_view));
}

static void
on_correction_failed (UnspinWindow *self,
                      const char   *message)
{
  toast (self, message);
}

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  UnspinWindow *self = user_data;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      unspin_window_open_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      unspin_window_open_text (self, g_value_get_string (value), _("Dropped text"));
      return TRUE;
    }
  return FALSE;
}

/* Recent files, on the empty page */

static void
on_recent_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     gpointer       user_data)
{
  UnspinWindow *self = user_data;
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  unspin_window_open_file (self, file);
}

static void
fill_recent (UnspinWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  for (GList *l = items; l != NULL && n < 5; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      GtkWidget *row;
      g_autofree char *location = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ())
          || !gtk_recent_info_exists (info))
        continue;

      location = gtk_recent_info_get_uri_display (info);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location ? location : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (gtk_recent_info_get_uri (info)), g_free);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

/* Closing */

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  UnspinWindow *self = user_data;

  if (g_strcmp0 (response, "close") == 0)
    {
      /* After the dialog has gone: it is transient for this window. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_later_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "export") == 0)
    {
      self->close_after_export = TRUE;
      export_with_dialog (self, "markdown");
    }
}

static void
save_window_state (UnspinWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
unspin_window_close_request (GtkWindow *window)
{
  UnspinWindow *self = UNSPIN_WINDOW (window);

  if (self->review != NULL && self->dirty && !self->close_confirmed)
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      /* The question must not promise a saved review that is not there. */
      flush_autosave (self);
      if (self->save_error == NULL)
        body = g_strdup_printf (_("Your decisions about “%s” are not exported yet. They are saved, and will be offered again when you open this article."),
                                self->name);
      else
        body = g_strdup_printf (_("Your decisions about “%s” are not exported, and could not be saved either (%s). Closing without exporting loses them."),
                                self->name, self->save_error);
      dialog = adw_message_dialog_new (window, _("Export Before Closing?"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "close", _("C_lose Without Exporting"),
                                        "export", _("_Export…"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  flush_autosave (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  save_window_state (self);

  return GTK_WINDOW_CLASS (unspin_window_parent_class)->close_request (window);
}

/* Object */

UnspinWindow *
unspin_window_new (UnspinApplication *application)
{
  return g_object_new (UNSPIN_TYPE_WINDOW, "application", application, NULL);
}

UnspinReview *
unspin_window_get_review (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), NULL);

  return self->review;
}

gboolean
unspin_window_get_busy (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

GtkWidget *
unspin_window_get_diff_view (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->diff_view);
}

GtkWidget *
unspin_window_get_edit_list (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->edit_list);
}

int
unspin_window_get_focused_edit (UnspinWindow *self)
{
  g_return_val_if_fail (UNSPIN_IS_WINDOW (self), -1);

  return self->focused;
}

static void
unspin_window_dispose (GObject *object)
{
  UnspinWindow *self = UNSPIN_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->list_id, g_source_remove);
  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_clear_object (&self->review);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->save_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), UNSPIN_TYPE_WINDOW);

  G_OBJECT_CLASS (unspin_window_parent_class)->dispose (object);
}

static void
unspin_window_class_init (UnspinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = unspin_window_dispose;
  window_class->close_request = unspin_window_close_request;

  g_type_ensure (UNSPIN_TYPE_DIFF_VIEW);
  g_type_ensure (UNSPIN_TYPE_EDIT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/unspin/Unspin/unspin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, diff_view);
  gtk_widget_class_bind_template_child (widget_class, UnspinWindow, edit_list);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-menu", NULL, export_menu_action);
  gtk_widget_class_install_action (widget_class, "win.next-edit", NULL, next_edit_action);
  gtk_widget_class_install_action (widget_class, "win.previous-edit", NULL, next_edit_action);
  gtk_widget_class_install_action (widget_class, "win.accept-focused", NULL, decide_focused_action);
  gtk_widget_class_install_action (widget_class, "win.reject-focused", NULL, decide_focused_action);
  gtk_widget_class_install_action (widget_class, "win.accept-edit", "u", decide_edit_action);
  gtk_widget_class_install_action (widget_class, "win.reject-edit", "u", decide_edit_action);
  gtk_widget_class_install_action (widget_class, "win.choose-alternative", "(uu)", choose_alternative_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.accept-above", "d", accept_above_action);
  gtk_widget_class_install_action (widget_class, "win.reject-pending", NULL, reject_pending_action);

  /* The keys of Meld, Kompare and GNOME (REVIEW-UI.md). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "win.next-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, GDK_SHIFT_MASK, "win.previous-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.accept-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.accept-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.reject-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, GDK_CONTROL_MASK, "win.reject-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
unspin_window_init (UnspinWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(GAction) sync_scroll = NULL;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->focused = -1;
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sync_scroll = g_settings_create_action (self->settings, "sync-scroll");
  g_action_map_add_action (G_ACTION_MAP (self), sync_scroll);
  g_settings_bind (self->settings, "sync-scroll", self->diff_view, "sync-scroll", G_SETTINGS_BIND_GET);

  g_signal_connect_swapped (self->edit_list, "notify::selected-edit", G_CALLBACK (on_list_selection), self);
  g_signal_connect_swapped (self->diff_view, "notify::focused-edit", G_CALLBACK (on_diff_focus), self);
  g_signal_connect_swapped (self->diff_view, "correction-failed", G_CALLBACK (on_correction_failed), self);
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (on_recent_activated), self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  fill_recent (self);
  update_title (self);
  update_actions (self);
}
