/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "unspin-engine.h"

G_BEGIN_DECLS

#define UNSPIN_TYPE_APPLICATION (unspin_application_get_type ())
G_DECLARE_FINAL_TYPE (UnspinApplication, unspin_application, UNSPIN, APPLICATION, AdwApplication)

UnspinApplication *unspin_application_new        (void);
/* The engine every window shares. Its data (the bundled packs and rules, the user's own packs,
 * the language model of the preference or the default one) is loaded once, in a thread, on
 * first use; the finish function gives NULL with an error when the bundled data is bad. */
void               unspin_application_load_engine_async  (UnspinApplication  *self,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
UnspinEngine      *unspin_application_load_engine_finish (UnspinApplication  *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);
/* What a person should hear once about the engine's data: a user's pack that was skipped (and
 * why), context scoring being off. Each notice is given out once; a new array of strings. */
GPtrArray         *unspin_application_take_notices       (UnspinApplication  *self);
GSettings         *unspin_application_get_settings (UnspinApplication *self);

G_END_DECLS
