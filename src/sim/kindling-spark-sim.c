/* kindling-spark-sim.c — the simulator as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "kdl-spark-sim.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSparkSim) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *api_secret = NULL;
  g_autofree char *request_log = NULL;
  int port = 0;
  int seed = 1;
  int latency = 20;
  int interval = 10;
  int frames = 6;
  int clock_offset = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port on 127.0.0.1 (0: any free port)"), "N" },
    { "faults", 'f', 0, G_OPTION_ARG_STRING, &faults, N_("Faults to inject, e.g. 11202:0.1,drop:0.05,stall:0.01"), "SPEC" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Seed for the faults"), "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, N_("Delay before the first frame"), "MS" },
    { "frame-ms", 0, 0, G_OPTION_ARG_INT, &interval, N_("Delay between frames"), "MS" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, N_("Frames per answer"), "N" },
    { "clock-offset", 0, 0, G_OPTION_ARG_INT, &clock_offset, N_("Seconds the server clock is ahead"), "S" },
    { "app-id", 0, 0, G_OPTION_ARG_STRING, &app_id, N_("APPID to accept"), "ID" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key, N_("APIKey to accept"), "KEY" },
    { "api-secret", 0, 0, G_OPTION_ARG_STRING, &api_secret, N_("APISecret to accept"), "SECRET" },
    { "request-log", 0, 0, G_OPTION_ARG_FILENAME, &request_log, N_("Append the SHA-256 of each prompt to this file"), "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("A Spark chat server on loopback, for tests and offline use."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kindling-spark-sim: %s\n", error->message);
      return 2;
    }

  sim = kdl_spark_sim_new ();
  kdl_spark_sim_set_credentials (sim,
                                 app_id ? app_id : KDL_SIM_APP_ID,
                                 api_key ? api_key : KDL_SIM_API_KEY,
                                 api_secret ? api_secret : KDL_SIM_API_SECRET);
  kdl_spark_sim_set_seed (sim, seed);
  kdl_spark_sim_set_latency (sim, MAX (latency, 0), MAX (interval, 0));
  kdl_spark_sim_set_frames (sim, MAX (frames, 1));
  kdl_spark_sim_set_clock_offset (sim, clock_offset);
  kdl_spark_sim_set_request_log (sim, request_log);

  if (!kdl_spark_sim_set_faults (sim, faults, &error) ||
      !kdl_spark_sim_listen (sim, MAX (port, 0), &error))
    {
      g_printerr ("kindling-spark-sim: %s\n", error->message);
      return 2;
    }

  /* The first line is for scripts: the base URL to point clients at. */
  g_print ("ws://127.0.0.1:%u\n", kdl_spark_sim_get_port (sim));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  return 0;
}
