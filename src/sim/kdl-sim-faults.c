/* kdl-sim-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "kdl-sim-faults.h"

/**
 * kdl_sim_faults_parse:
 * @spec: (nullable): comma-separated `kind:value` pairs, e.g.
 *   `11202:0.1,drop:0.05,stall:0.01,401:0.02,invalid:0.01,qps-limit:5,concurrency-limit:4`
 *
 * A number is a Spark error code (≥ 10000, sent as an error frame; 10014
 * comes after some content, as the real service sends it) or an HTTP status
 * (< 600, a refused handshake); `drop`, `invalid` and `stall` are transport
 * faults.  Their value is a probability per request.  `qps-limit` and
 * `concurrency-limit` take a count and answer 11202 / 11203 beyond it.
 */
KdlSimFaults *
kdl_sim_faults_parse (const char  *spec,
                      GError     **error)
{
  g_autoptr(KdlSimFaults) faults = g_new0 (KdlSimFaults, 1);
  g_auto(GStrv) parts = NULL;

  faults->faults = g_array_new (FALSE, TRUE, sizeof (KdlSimFault));

  if (spec == NULL || *spec == '\0')
    return g_steal_pointer (&faults);

  parts = g_strsplit (spec, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      KdlSimFault fault = { 0 };
      char *colon = strchr (part, ':');
      const char *kind;
      const char *value;
      char *end = NULL;
      double number;

      if (*part == '\0')
        continue;

      if (colon == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Fault “%s” has no value; write it as kind:value."), part);
          return NULL;
        }

      *colon = '\0';
      kind = part;
      value = colon + 1;
      number = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || number < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Fault “%s” has an invalid value “%s”."), kind, value);
          return NULL;
        }

      if (g_str_equal (kind, "qps-limit"))
        {
          faults->qps_limit = (guint)number;
          continue;
        }
      if (g_str_equal (kind, "concurrency-limit"))
        {
          faults->concurrency_limit = (guint)number;
          continue;
        }

      if (number > 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Fault “%s” needs a probability between 0 and 1."), kind);
          return NULL;
        }
      fault.probability = number;

      if (g_str_equal (kind, "drop"))
        fault.kind = KDL_SIM_FAULT_DROP;
      else if (g_str_equal (kind, "invalid"))
        fault.kind = KDL_SIM_FAULT_INVALID_JSON;
      else if (g_str_equal (kind, "stall"))
        fault.kind = KDL_SIM_FAULT_STALL;
      else
        {
          gint64 code;

          if (!g_ascii_string_to_signed (kind, 10, 100, 99999, &code, NULL) ||
              (code >= 600 && code < 10000))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Unknown fault “%s”: use an error code, an HTTP status, drop, invalid, stall, qps-limit or concurrency-limit."),
                           kind);
              return NULL;
            }
          fault.code = (int)code;
          fault.kind = code < 600 ? KDL_SIM_FAULT_HTTP : KDL_SIM_FAULT_ERROR_FRAME;
        }

      g_array_append_val (faults->faults, fault);
    }

  return g_steal_pointer (&faults);
}

void
kdl_sim_faults_free (KdlSimFaults *faults)
{
  if (faults == NULL)
    return;

  g_array_unref (faults->faults);
  g_free (faults);
}

KdlSimFaults *
kdl_sim_faults_copy (const KdlSimFaults *faults)
{
  KdlSimFaults *copy = g_new0 (KdlSimFaults, 1);

  copy->faults = g_array_copy (faults->faults);
  copy->qps_limit = faults->qps_limit;
  copy->concurrency_limit = faults->concurrency_limit;

  return copy;
}

/**
 * kdl_sim_faults_pick:
 * @stage_kind: %KDL_SIM_FAULT_HTTP to draw among handshake faults,
 *   %KDL_SIM_FAULT_NONE to draw among all others
 *
 * Draws one number from @rand and walks the faults' probabilities, so the
 * same seed gives the same sequence of faults.
 *
 * Returns: (nullable): the fault for this request, or %NULL
 */
const KdlSimFault *
kdl_sim_faults_pick (const KdlSimFaults *faults,
                     KdlSimFaultKind     stage_kind,
                     GRand              *rand)
{
  double draw = g_rand_double (rand);
  double acc = 0;

  for (guint i = 0; i < faults->faults->len; i++)
    {
      const KdlSimFault *fault = &g_array_index (faults->faults, KdlSimFault, i);
      gboolean is_http = fault->kind == KDL_SIM_FAULT_HTTP;

      if (is_http != (stage_kind == KDL_SIM_FAULT_HTTP))
        continue;

      acc += fault->probability;
      if (draw < acc)
        return fault;
    }

  return NULL;
}
