/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-application"

#include "config.h"

#include <glib/gi18n.h>

#include "unspin-application.h"
#include "unspin-lm.h"
#include "unspin-preferences.h"
#include "unspin-resources.h"
#include "unspin-window.h"

struct _UnspinApplication
{
  AdwApplication  parent_instance;

  UnspinEngine   *engine;
  GError         *engine_error;
  GList          *waiting;   /* GTask: callers waiting for the engine to load */
  GPtrArray      *notices;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (UnspinApplication, unspin_application, ADW_TYPE_APPLICATION)

UnspinApplication *
unspin_application_new (void)
{
  /* Recent files are filed under this name, and the window lists them by it. */
  if (g_get_application_name () == NULL)
    g_set_application_name (_("Unspin"));
  return g_object_new (UNSPIN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/unspin/Unspin",
                       NULL);
}

typedef struct {
  UnspinEngine *engine;
  GPtrArray    *notices;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->engine);
  g_clear_pointer (&loaded->notices, g_ptr_array_unref);
  g_free (loaded);
}

/* Runs in a thread: reading the packs and mapping the model must not freeze a window. */
static void
load_engine_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *model_path = task_data;
  g_autoptr(UnspinEngine) engine = unspin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pack_errors = NULL;
  g_autofree char *user_packs = g_build_filename (g_get_user_data_dir (), "unspin", "packs", NULL);
  g_autoptr(GFile) user_dir = g_file_new_for_path (user_packs);
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->notices = g_ptr_array_new_with_free_func (g_free);

  /* The user's packs first: where two packs list a phrase, the first loaded wins. */
  unspin_engine_load_user_packs (engine, user_dir, &pack_errors);
  for (guint i = 0; pack_errors != NULL && i < pack_errors->len; i++)
    g_ptr_array_add (loaded->notices,
                     g_strdup_printf (_("A phrase pack of yours was skipped: %s"),
                                      ((GError *) g_ptr_array_index (pack_errors, i))->message));

  if (!unspin_engine_load_default_data (engine, NULL, &error))
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    const char *path = (model_path && *model_path) ? model_path : unspin_lm_get_default_path ();

    if (path == NULL || !unspin_lm_is_supported () || !g_file_test (path, G_FILE_TEST_EXISTS))
      g_ptr_array_add (loaded->notices,
                       g_strdup (_("Context scoring is off: no language model is installed, so edits come from the phrase packs and rules alone")));
    else
      {
        g_autoptr(GFile) model = g_file_new_for_path (path);

        if (!unspin_engine_load_model (engine, model, NULL, &error))
          {
            g_ptr_array_add (loaded->notices,
                             g_strdup_printf (_("Context scoring is off: %s"), error->message));
            g_clear_error (&error);
          }
      }
  }

  loaded->engine = g_steal_pointer (&engine);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
on_engine_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  UnspinApplication *self = UNSPIN_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  GList *waiting = g_steal_pointer (&self->waiting);

  if (loaded != NULL)
    {
      self->engine = g_steal_pointer (&loaded->engine);
      g_ptr_array_extend_and_steal (self->notices, g_steal_pointer (&loaded->notices));
      loaded_free (loaded);
    }
  else
    self->engine_error = g_steal_pointer (&error);

  for (GList *l = waiting; l != NULL; l = l->next)
    {
      GTask *task = l->data;

      if (self->engine != NULL)
        g_task_return_pointer (task, g_object_ref (self->engine), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (self->engine_error));
    }
  g_list_free_full (waiting, g_object_unref);
}

void
unspin_application_load_engine_async (UnspinApplication   *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (UNSPIN_IS_APPLICATION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, unspin_application_load_engine_async);

  if (self->engine != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->engine), g_object_unref);
      return;
    }
  if (self->engine_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->engine_error));
      return;
    }

  /* The first caller starts the loading; later ones wait for it. */
  if (self->waiting == NULL)
    {
      g_autoptr(GTask) load = g_task_new (self, NULL, on_engine_loaded, NULL);
      g_autofree char *model = self->settings ? g_settings_get_string (self->settings, "model-path") : NULL;

      g_task_set_task_data (load, g_steal_pointer (&model), g_free);
      g_task_run_in_thread (load, load_engine_thread);
    }
  self->waiting = g_list_append (self->waiting, g_steal_pointer (&task));
}

UnspinEngine *
unspin_application_load_engine_finish (UnspinApplication  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
unspin_application_take_notices (UnspinApplication *self)
{
  GPtrArray *notices;

  g_return_val_if_fail (UNSPIN_IS_APPLICATION (self), NULL);

  notices = g_steal_pointer (&self->notices);
  self->notices = g_ptr_array_new_with_free_func (g_free);
  return notices;
}

GSettings *
unspin_application_get_settings (UnspinApplication *self)
{
  g_return_val_if_fail (UNSPIN_IS_APPLICATION (self), NULL);

  return self->settings;
}

static UnspinWindow *
new_window (UnspinApplication *self)
{
  UnspinWindow *window = unspin_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
unspin_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (new_window (UNSPIN_APPLICATION (app)));
      unspin_window_offer_unfinished_review (UNSPIN_WINDOW (window));
    }
  gtk_window_present (window);
}

static void
unspin_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
      UnspinWindow *window;

      /* Reuse a window that shows nothing yet; a review in progress keeps its window. */
      if (active != NULL && unspin_window_is_empty (UNSPIN_WINDOW (active)))
        window = UNSPIN_WINDOW (active);
      else
        window = new_window (UNSPIN_APPLICATION (app));
      unspin_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* A new model preference: the next article loads the engine afresh (reviews keep theirs). */
static void
forget_engine (UnspinApplication *self)
{
  if (self->waiting != NULL)
    return;
  g_clear_object (&self->engine);
  g_clear_error (&self->engine_error);
}

static void
apply_style_variant (UnspinApplication *self)
{
  g_autofree char *variant = g_settings_get_string (self->settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (variant, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (variant, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
unspin_application_startup (GApplication *app)
{
  UnspinApplication *self = UNSPIN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  g_autoptr(GAction) style_variant = NULL;

  G_APPLICATION_CLASS (unspin_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);

  style_variant = g_settings_create_action (self->settings, "style-variant");
  g_action_map_add_action (G_ACTION_MAP (app), style_variant);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (apply_style_variant), self, G_CONNECT_SWAPPED);
  apply_style_variant (self);

  g_signal_connect_object (self->settings, "changed::model-path",
                           G_CALLBACK (forget_engine), self, G_CONNECT_SWAPPED);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;

  /* Each window asks about unexported work before it goes. */
  for (GList *l = gtk_application_get_windows (app); l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *about;
  const char *developers[] = { _("The Unspin developers"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Unspin"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Unspin developers"),
                        "developers", developers,
                        "comments", _("Get the original words back out of articles that an article spinner garbled, checked by you, edit by edit."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  /* The licences go in the copyright text: libadwaita 1.2 leaks a custom licence string. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Phrase packs and rules"),
                                      _("The news-spinner phrase packs, the page-debris rules and the sample article were written by the Unspin project and are dedicated to the public domain under CC0 1.0 Universal."),
                                      GTK_LICENSE_UNKNOWN,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Tortured phrases"),
                                      _("The scientific tortured-phrase pack is adapted from the Problematic Paper Screener’s list of tortured-phrase fingerprints (G. Cabanac, C. Labbé, A. Magazinov, “Tortured phrases: A dubious writing style emerging in science”, 2021), as exported by the torturedcheck project, and cleaned and converted by the Unspin project. Licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0)."),
                                      GTK_LICENSE_UNKNOWN,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Language model and thesaurus"),
                                      _("Context scoring uses the CMU Sphinx US English 3-gram model through its library, under a BSD licence, a reverse thesaurus derived from the English MyThes thesaurus, itself derived from Princeton WordNet 3.0, and word pairs taken from WordNet 3.0's entries and definitions, both under the WordNet 3.0 licence, and a reverse thesaurus derived from the Aiksaurus thesaurus by Jared Davis (derived from the Moby thesaurus), under the GNU GPL, version 2 or later."),
                                      GTK_LICENSE_UNKNOWN,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Computing dictionaries"),
                                      _("Scientific terms are also checked against word pairs taken from FOLDOC, The Free On-line Dictionary of Computing (Editor Denis Howe), and from V.E.R.A., Virtual Entity of Relevant Acronyms (Oliver Heidelbach), under the GNU Free Documentation License, version 1.1 or later."),
                                      GTK_LICENSE_UNKNOWN,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Scientific software documentation"),
                                      _("Scientific terms are also checked against word pairs counted in the documentation of free scientific software that Debian ships, among them SciPy, scikit-learn, statsmodels, scikit-image, PyTorch, Biopython, MNE-Python and GNU Octave’s packages, under their free licences (listed in doc-pairs.tsv); the pairs are distributed under the GNU GPL, version 3 or later."),
                                      GTK_LICENSE_UNKNOWN,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      "GLib, GTK, libadwaita, json-glib",
                                      NULL,
                                      GTK_LICENSE_LGPL_2_1,
                                      NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Design models"),
                                       (const char *[]) { "GNOME Text Editor", "Meld", NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  UnspinApplication *self = user_data;
  GtkWidget *preferences = unspin_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                   self->settings);

  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
unspin_application_dispose (GObject *object)
{
  UnspinApplication *self = UNSPIN_APPLICATION (object);

  g_clear_object (&self->engine);
  g_clear_error (&self->engine_error);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (unspin_application_parent_class)->dispose (object);
}

static void
unspin_application_class_init (UnspinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = unspin_application_dispose;
  app_class->activate = unspin_application_activate;
  app_class->open = unspin_application_open;
  app_class->startup = unspin_application_startup;

  /* The resources live in a static library: reference them so the linker keeps them. */
  g_resources_register (unspin_get_resource ());
}

static void
unspin_application_init (UnspinApplication *self)
{
  self->notices = g_ptr_array_new_with_free_func (g_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}
