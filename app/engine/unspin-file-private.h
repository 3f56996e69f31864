/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads a whole file, with a NUL after its last byte (not counted in the length). Refuses a
 * folder, and a file over @max_size bytes (0 for no limit) with UNSPIN_ERROR_TOO_LARGE, saying
 * the limit is for @what ("an article"). Every error message begins with the file's name, which
 * @name (when not NULL) receives in any case. */
GBytes *unspin_file_load (GFile         *file,
                          gsize          max_size,
                          const char    *what,
                          GCancellable  *cancellable,
                          char         **name,
                          GError       **error);

G_END_DECLS
