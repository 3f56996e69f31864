/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-application"

#include "config.h"

#include <glib/gi18n.h>

#include "unspin-application.h"
#include "unspin-resources.h"
#include "unspin-window.h"

struct _UnspinApplication
{
  AdwApplication  parent_instance;

  UnspinEngine   *engine;
  GError         *engine_error;
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

UnspinEngine *
unspin_application_get_engine (UnspinApplication  *self,
                               GError            **error)
{
  g_return_val_if_fail (UNSPIN_IS_APPLICATION (self), NULL);

  /* Loaded on first use, then shared: the packs are read once per process. */
  if (self->engine == NULL && self->engine_error == NULL)
    {
      g_autoptr(UnspinEngine) engine = unspin_engine_new ();

      if (unspin_engine_load_default_data (engine, NULL, &self->engine_error))
        self->engine = g_steal_pointer (&engine);
    }

  if (self->engine == NULL)
    {
      g_propagate_error (error, g_error_copy (self->engine_error));
      return NULL;
    }
  return self->engine;
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
  g_autoptr(GAction) style_variant = NULL;

  G_APPLICATION_CLASS (unspin_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  style_variant = g_settings_create_action (self->settings, "style-variant");
  g_action_map_add_action (G_ACTION_MAP (app), style_variant);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (apply_style_variant), self, G_CONNECT_SWAPPED);
  apply_style_variant (self);
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
  static const char *developers[] = { "The Unspin developers", NULL };

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
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Phrase packs and rules"),
                                      _("The news-spinner phrase pack, the page-debris rules and the sample article were written by the Unspin project."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Dedicated to the public domain under CC0 1.0 Universal."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      "GLib, GTK, libadwaita, json-glib",
                                      NULL,
                                      GTK_LICENSE_LGPL_2_1,
                                      NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Design models"),
                                       (const char *[]) { "GNOME Text Editor", "Meld", NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
unspin_application_dispose (GObject *object)
{
  UnspinApplication *self = UNSPIN_APPLICATION (object);

  g_clear_object (&self->engine);
  g_clear_error (&self->engine_error);
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
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}
