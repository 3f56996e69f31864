/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * Preferences: the language model that context scoring uses (the default one, or a file of the
 * user's), and where the user's own phrase packs go. The model takes effect for the next article.
 */
#define UNSPIN_TYPE_PREFERENCES (unspin_preferences_get_type ())
G_DECLARE_FINAL_TYPE (UnspinPreferences, unspin_preferences, UNSPIN, PREFERENCES, AdwPreferencesWindow)

GtkWidget *unspin_preferences_new (GtkWindow *parent,
                                   GSettings *settings);

G_END_DECLS
