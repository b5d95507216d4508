/* kdl-review-item.c
 *
 * A list model creates these only for the rows a list shows; each starts
 * empty (just its id) and is filled in when its batch has been read.
 * Rows follow ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-review-item.h"

struct _KdlReviewItem
{
  GObject           parent_instance;

  gint64            item_id;
  gboolean          loaded;
  guint             duplicates;
  KdlReviewSummary  summary;
};

G_DEFINE_FINAL_TYPE (KdlReviewItem, kdl_review_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
kdl_review_summary_clear (KdlReviewSummary *summary)
{
  g_clear_pointer (&summary->preview, g_free);
}

static void
kdl_review_item_finalize (GObject *object)
{
  KdlReviewItem *self = (KdlReviewItem *)object;

  kdl_review_summary_clear (&self->summary);

  G_OBJECT_CLASS (kdl_review_item_parent_class)->finalize (object);
}

static void
kdl_review_item_class_init (KdlReviewItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_review_item_finalize;

  /**
   * KdlReviewItem::changed:
   *
   * The summary or the duplicate flags changed: redraw the row.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_review_item_init (KdlReviewItem *self)
{
  self->summary.check_ok = -1;
}

KdlReviewItem *
kdl_review_item_new (gint64 item_id)
{
  KdlReviewItem *self = g_object_new (KDL_TYPE_REVIEW_ITEM, NULL);

  self->item_id = item_id;
  self->summary.item_id = item_id;

  return self;
}

gint64
kdl_review_item_get_item_id (KdlReviewItem *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_ITEM (self), 0);

  return self->item_id;
}

gboolean
kdl_review_item_get_loaded (KdlReviewItem *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_ITEM (self), FALSE);

  return self->loaded;
}

const KdlReviewSummary *
kdl_review_item_get_summary (KdlReviewItem *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_ITEM (self), NULL);

  return &self->summary;
}

/**
 * kdl_review_item_set_summary:
 * @summary: copied
 */
void
kdl_review_item_set_summary (KdlReviewItem          *self,
                             const KdlReviewSummary *summary)
{
  g_return_if_fail (KDL_IS_REVIEW_ITEM (self));
  g_return_if_fail (summary->item_id == self->item_id);

  kdl_review_summary_clear (&self->summary);
  self->summary = *summary;
  self->summary.preview = g_strdup (summary->preview);
  self->loaded = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * kdl_review_item_get_duplicates:
 *
 * Returns: the sample's duplicate flags (a mask of KdlDuplicateCode), 0
 *   when it repeats nothing or duplicates were not looked for
 */
guint
kdl_review_item_get_duplicates (KdlReviewItem *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_ITEM (self), 0);

  return self->duplicates;
}

void
kdl_review_item_set_duplicates (KdlReviewItem *self,
                                guint          codes)
{
  g_return_if_fail (KDL_IS_REVIEW_ITEM (self));

  if (self->duplicates == codes)
    return;

  self->duplicates = codes;
  g_signal_emit (self, signals[CHANGED], 0);
}
