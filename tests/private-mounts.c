/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <unistd.h>

#include "private-mounts.h"

char *
private_mounts_unavailable (const char *purpose,
                            gboolean    needs_mount_tool)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *mount = needs_mount_tool ? g_find_program_in_path ("mount") : NULL;
  int status = -1;

  if (geteuid () != 0)
    return g_strdup_printf ("needs root, to mount %s", purpose);
  if (unshare == NULL || (needs_mount_tool && mount == NULL))
    return g_strdup (needs_mount_tool ? "needs unshare and mount (util-linux)"
                                      : "needs unshare (util-linux)");
  if (!g_spawn_sync (NULL, (char *[]) { unshare, "-m", "true", NULL }, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return g_strdup ("unshare -m does not work here (no mount namespaces in this container?)");
  return NULL;
}

void
private_mounts_run_test (const char *purpose,
                         gboolean    needs_mount_tool,
                         void      (*child) (void))
{
  g_autofree char *why = NULL;

  if (g_test_subprocess ())
    {
      child ();
      return;
    }
  if ((why = private_mounts_unavailable (purpose, needs_mount_tool)) != NULL)
    {
      g_test_skip (why);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}
