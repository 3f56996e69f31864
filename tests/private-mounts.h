/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why this process cannot make a mount namespace of its own and mount a tmpfs in it (for
 * @purpose, such as "a small tmpfs"), or NULL when it can. @needs_mount_tool: the test runs
 * mount(8) too. */
char *private_mounts_unavailable (const char *purpose,
                                  gboolean    needs_mount_tool);

G_END_DECLS
