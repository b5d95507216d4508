/* kdl-parts-data.c — a rubric's parts: each part's mean and maximum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-parts-data.h"

typedef struct
{
  char   *name;
  double  mean;
  double  max;
} Part;

struct _KdlPartsData
{
  gatomicrefcount  ref_count;
  GArray          *parts;      /* of Part, in the judge's order */
  double           scale_max;  /* largest max (or mean where no max is known) */
};

G_DEFINE_BOXED_TYPE (KdlPartsData, kdl_parts_data, kdl_parts_data_ref, kdl_parts_data_unref)

static void
part_clear (gpointer data)
{
  Part *part = data;

  g_free (part->name);
}

/**
 * kdl_parts_data_new:
 *
 * Fill it with kdl_parts_data_add() before handing it to a widget; a
 * widget's data is not changed any more.
 */
KdlPartsData *
kdl_parts_data_new (void)
{
  KdlPartsData *self = g_new0 (KdlPartsData, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_array_set_clear_func (self->parts, part_clear);

  return self;
}

KdlPartsData *
kdl_parts_data_ref (KdlPartsData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdl_parts_data_unref (KdlPartsData *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->parts);
      g_free (self);
    }
}

/**
 * kdl_parts_data_add:
 * @name: the part's name as the judge gave it
 * @mean: the part's mean over the run (NAN: no judge gave it)
 * @max: the part's maximum, 0 or NAN when the rubric does not say
 */
void
kdl_parts_data_add (KdlPartsData *self,
                    const char   *name,
                    double        mean,
                    double        max)
{
  Part part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  part.name = g_strdup (name);
  part.mean = isfinite (mean) ? mean : NAN;
  part.max = isfinite (max) && max > 0 ? max : 0;
  g_array_append_val (self->parts, part);

  if (part.max > 0)
    self->scale_max = MAX (self->scale_max, part.max);
  else if (isfinite (part.mean))
    self->scale_max = MAX (self->scale_max, part.mean);
}

guint
kdl_parts_data_get_n_parts (KdlPartsData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->parts->len;
}

const char *
kdl_parts_data_get_name (KdlPartsData *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->parts->len, NULL);

  return g_array_index (self->parts, Part, index).name;
}

double
kdl_parts_data_get_mean (KdlPartsData *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->parts->len, NAN);

  return g_array_index (self->parts, Part, index).mean;
}

/**
 * kdl_parts_data_get_max:
 *
 * Returns: the part's maximum, 0 when unknown
 */
double
kdl_parts_data_get_max (KdlPartsData *self,
                        guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->parts->len, 0);

  return g_array_index (self->parts, Part, index).max;
}

/**
 * kdl_parts_data_get_scale_max:
 *
 * All parts share one scale, so a part worth 20 points is drawn twice as
 * long as one worth 10.
 *
 * Returns: the value at the right end of the bars, 0 when nothing has a
 *   size
 */
double
kdl_parts_data_get_scale_max (KdlPartsData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->scale_max;
}

/**
 * kdl_parts_data_layout:
 * @area: where the bars go (without the names and values beside them)
 * @max_thickness: the thickest a bar may be
 * @tracks: (out caller-allocates) (array): per part, its maximum (zero
 *   width when unknown)
 * @bars: (out caller-allocates) (array): per part, its mean
 *
 * One row per part, top to bottom, each bar centred in its row and
 * starting at @area's left edge.  Means outside [0, scale max] are
 * clamped; a missing mean is an empty bar.
 */
void
kdl_parts_data_layout (KdlPartsData       *self,
                       const KdlChartRect *area,
                       double              max_thickness,
                       KdlChartRect       *tracks,
                       KdlChartRect       *bars)
{
  double row, thickness;

  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);

  if (self->parts->len == 0)
    return;

  row = area->height / self->parts->len;
  thickness = MIN (row * 0.6, max_thickness);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const Part *part = &g_array_index (self->parts, Part, i);
      double y = area->y + i * row + (row - thickness) / 2;
      double mean = isfinite (part->mean) ? CLAMP (part->mean, 0, self->scale_max) : 0;
      double track_w = 0, bar_w = 0;

      if (self->scale_max > 0)
        {
          track_w = part->max / self->scale_max * area->width;
          bar_w = mean / self->scale_max * area->width;
        }

      tracks[i] = (KdlChartRect) { area->x, y, track_w, thickness };
      bars[i] = (KdlChartRect) { area->x, y, bar_w, thickness };
    }
}
