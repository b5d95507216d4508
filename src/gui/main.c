/* main.c — the kindling program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "kdl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KdlApplication) app = NULL;
  const char *localedir = g_getenv ("KDL_LOCALEDIR");

  /* The UI follows the system language.  KDL_LOCALEDIR points at the
   * build tree's catalogues when running uninstalled. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Kindling"));

  app = kdl_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN, NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
