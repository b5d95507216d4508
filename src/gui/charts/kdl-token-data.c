/* kdl-token-data.c — token usage per run (or per stretch of time)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-token-data.h"

typedef struct
{
  char   *label;
  gint64  prompt;
  gint64  completion;
} Entry;

struct _KdlTokenData
{
  gatomicrefcount  ref_count;
  GArray          *entries;    /* of Entry, left to right */
  gint64           max_total;
};

G_DEFINE_BOXED_TYPE (KdlTokenData, kdl_token_data, kdl_token_data_ref, kdl_token_data_unref)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->label);
}

/**
 * kdl_token_data_new:
 *
 * Fill it with kdl_token_data_add() before handing it to a widget; a
 * widget's data is not changed any more.
 */
KdlTokenData *
kdl_token_data_new (void)
{
  KdlTokenData *self = g_new0 (KdlTokenData, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);

  return self;
}

KdlTokenData *
kdl_token_data_ref (KdlTokenData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdl_token_data_unref (KdlTokenData *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->entries);
      g_free (self);
    }
}

/**
 * kdl_token_data_add:
 * @label: the run's name, or the time the entry covers
 * @prompt: prompt tokens (negative counts as 0)
 * @completion: completion tokens (negative counts as 0)
 */
void
kdl_token_data_add (KdlTokenData *self,
                    const char   *label,
                    gint64        prompt,
                    gint64        completion)
{
  Entry entry;

  g_return_if_fail (self != NULL);

  entry.label = g_strdup (label ? label : "");
  entry.prompt = MAX (prompt, 0);
  entry.completion = MAX (completion, 0);
  g_array_append_val (self->entries, entry);

  self->max_total = MAX (self->max_total, entry.prompt + entry.completion);
}

guint
kdl_token_data_get_n_entries (KdlTokenData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const char *
kdl_token_data_get_label (KdlTokenData *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_array_index (self->entries, Entry, index).label;
}

gint64
kdl_token_data_get_prompt (KdlTokenData *self,
                           guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);

  return g_array_index (self->entries, Entry, index).prompt;
}

gint64
kdl_token_data_get_completion (KdlTokenData *self,
                               guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);

  return g_array_index (self->entries, Entry, index).completion;
}

gint64
kdl_token_data_get_total (KdlTokenData *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);

  return g_array_index (self->entries, Entry, index).prompt +
         g_array_index (self->entries, Entry, index).completion;
}

gint64
kdl_token_data_get_max_total (KdlTokenData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_total;
}

/**
 * kdl_token_data_layout:
 * @area: where the bars go (without axis and labels)
 * @total_max: the total at the top of @area (the axis maximum)
 * @max_bar_width: the widest a bar may be
 * @prompt_bars: (out caller-allocates) (array): per entry, the prompt
 *   tokens, standing on @area's bottom
 * @completion_bars: (out caller-allocates) (array): per entry, the
 *   completion tokens, stacked on the prompt tokens
 * @columns: (out caller-allocates) (array) (optional): per entry, its
 *   whole slot (hover and focus)
 */
void
kdl_token_data_layout (KdlTokenData       *self,
                       const KdlChartRect *area,
                       double              total_max,
                       double              max_bar_width,
                       KdlChartRect       *prompt_bars,
                       KdlChartRect       *completion_bars,
                       KdlChartRect       *columns)
{
  double slot, width, bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);

  if (self->entries->len == 0)
    return;

  slot = area->width / self->entries->len;
  width = MIN (slot * 0.6, max_bar_width);
  bottom = area->y + area->height;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      double x = area->x + (i + 0.5) * slot - width / 2;
      double hp = 0, hc = 0;

      if (total_max > 0)
        {
          hp = MIN ((double) entry->prompt / total_max, 1.0) * area->height;
          hc = MIN ((double) entry->completion / total_max, 1.0) * area->height;
          hc = MIN (hc, area->height - hp);
        }

      prompt_bars[i] = (KdlChartRect) { x, bottom - hp, width, hp };
      completion_bars[i] = (KdlChartRect) { x, bottom - hp - hc, width, hc };
      if (columns != NULL)
        columns[i] = (KdlChartRect) { area->x + i * slot, area->y, slot, area->height };
    }
}
