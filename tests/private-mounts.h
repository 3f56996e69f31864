/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why this process cannot make a mount namespace of its own and mount a tmpfs in it (for
 * @purpose, such as "a small tmpfs"), or NULL when it can. @needs_mount_tool: the test runs
 * mount(8) too. */
char *private_mounts_unavailable (const char *purpose,
                                  gboolean    needs_mount_tool);

/* Runs @child in a test subprocess, where it may make its mount namespace, and asserts that it
 * passed; or skips the test saying why it cannot (private_mounts_unavailable()). */
void  private_mounts_run_test   (const char *purpose,
                                 gboolean    needs_mount_tool,
                                 void      (*child) (void));

G_END_DECLS
