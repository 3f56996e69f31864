/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "unspin-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UnspinApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* UNSPIN_LOCALEDIR points at uninstalled catalogues: the build's po/ directory, as
   * `meson devenv` and the tests set it. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("UNSPIN_LOCALEDIR") ? g_getenv ("UNSPIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Unspin"));
  app = unspin_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
