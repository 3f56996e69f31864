/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "unspin-engine.h"

G_BEGIN_DECLS

#define UNSPIN_TYPE_APPLICATION (unspin_application_get_type ())
G_DECLARE_FINAL_TYPE (UnspinApplication, unspin_application, UNSPIN, APPLICATION, AdwApplication)

UnspinApplication *unspin_application_new        (void);
/* The engine every window shares, its data loaded once; NULL with @error when the data is bad. */
UnspinEngine      *unspin_application_get_engine (UnspinApplication *self,
                                                  GError           **error);
GSettings         *unspin_application_get_settings (UnspinApplication *self);

G_END_DECLS
