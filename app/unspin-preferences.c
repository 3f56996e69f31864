/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "unspin-lm.h"
#include "unspin-preferences.h"

struct _UnspinPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwActionRow         *model_row;
  GtkButton            *default_button;
  AdwActionRow         *packs_row;
};

G_DEFINE_FINAL_TYPE (UnspinPreferences, unspin_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_model_row (UnspinPreferences *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "model-path");
  const char *shown = *path ? path : unspin_lm_get_default_path ();
  g_autofree char *subtitle = NULL;

  if (!unspin_lm_is_supported ())
    subtitle = g_strdup (_("This build of Unspin has no language model support"));
  else if (shown == NULL || !g_file_test (shown, G_FILE_TEST_EXISTS))
    subtitle = g_strdup_printf (_("None installed (%s): context scoring is off"),
                                shown ? shown : _("no default"));
  else if (*path)
    subtitle = g_strdup (path);
  else
    subtitle = g_strdup_printf (_("Default: %s"), shown);

  adw_action_row_set_subtitle (self->model_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_button), *path != '\0');
}

static void
on_model_chosen (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  UnspinPreferences *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (self->settings, "model-path", path);
    }
  g_object_unref (dialog);
}

static void
choose_model (UnspinPreferences *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose a Language Model"),
                                                              GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("N-gram models (ARPA or binary)"));
  gtk_file_filter_add_suffix (filter, "bin");
  gtk_file_filter_add_suffix (filter, "lm");
  gtk_file_filter_add_suffix (filter, "arpa");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_model_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
use_default_model (UnspinPreferences *self)
{
  g_settings_reset (self->settings, "model-path");
}

static void
unspin_preferences_dispose (GObject *object)
{
  UnspinPreferences *self = UNSPIN_PREFERENCES (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (unspin_preferences_parent_class)->dispose (object);
}

static void
unspin_preferences_class_init (UnspinPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = unspin_preferences_dispose;
}

static void
unspin_preferences_init (UnspinPreferences *self)
{
}

GtkWidget *
unspin_preferences_new (GtkWindow *parent,
                        GSettings *settings)
{
  UnspinPreferences *self = g_object_new (UNSPIN_TYPE_PREFERENCES,
                                          "transient-for", parent,
                                          "modal", TRUE,
                                          "search-enabled", FALSE,
                                          NULL);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  g_autofree char *packs = g_build_filename (g_get_user_data_dir (), "unspin", "packs", NULL);

  self->settings = g_object_ref (settings);

  adw_preferences_group_set_title (group, _("Context Scoring"));
  adw_preferences_group_set_description (group,
                                         _("A language model decides, from the words around them, which edits the phrase packs and the thesaurus suggest. A new model is used from the next article on."));

  self->model_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row), _("Language Model"));
  self->default_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Use _Default")));
  gtk_widget_set_valign (GTK_WIDGET (self->default_button), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->default_button, "clicked", G_CALLBACK (use_default_model), self);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_model), self);
  adw_action_row_add_suffix (self->model_row, GTK_WIDGET (self->default_button));
  adw_action_row_add_suffix (self->model_row, choose);
  adw_preferences_group_add (group, GTK_WIDGET (self->model_row));

  self->packs_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->packs_row), _("Your Phrase Packs"));
  adw_action_row_set_subtitle (self->packs_row, packs);
  adw_preferences_group_add (group, GTK_WIDGET (self->packs_row));

  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  g_signal_connect_object (settings, "changed::model-path", G_CALLBACK (update_model_row),
                           self, G_CONNECT_SWAPPED);
  update_model_row (self);

  return GTK_WIDGET (self);
}
