/* kdl-duplicates.c — the result of a duplicate search, and acting on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-duplicates"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-duplicates-private.h"

struct _KdlDuplicates
{
  GObject     parent_instance;

  gint64      run_id;
  double      threshold;
  guint       n_samples;
  guint       n_questions;
  GArray     *items;    /* KdlDuplicateItem, row order */
  GArray     *matches;  /* KdlDuplicateMatch, the items' in a row */
  GHashTable *by_item;  /* &item_id → position + 1 */
};

G_DEFINE_FINAL_TYPE (KdlDuplicates, kdl_duplicates, G_TYPE_OBJECT)

static const struct
{
  KdlDuplicateCode  code;
  const char       *name;
  const char       *label;
} code_names[] = {
  { KDL_DUPLICATE_REPEATS_ORIGINAL, "repeats-original", N_("Repeats an original question") },
  { KDL_DUPLICATE_NEAR_ORIGINAL, "near-original", N_("Resembles an original question") },
  { KDL_DUPLICATE_REPEATS_GENERATED, "repeats-generated", N_("Repeats another generated question") },
  { KDL_DUPLICATE_NEAR_GENERATED, "near-generated", N_("Resembles another generated question") },
};

static void
kdl_duplicates_finalize (GObject *object)
{
  KdlDuplicates *self = (KdlDuplicates *)object;

  g_clear_pointer (&self->by_item, g_hash_table_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (kdl_duplicates_parent_class)->finalize (object);
}

static void
kdl_duplicates_class_init (KdlDuplicatesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdl_duplicates_finalize;
}

static void
kdl_duplicates_init (KdlDuplicates *self)
{
}

KdlDuplicates *
_kdl_duplicates_new (gint64  run_id,
                     double  threshold,
                     guint   n_samples,
                     guint   n_questions,
                     GArray *items,
                     GArray *matches)
{
  KdlDuplicates *self = g_object_new (KDL_TYPE_DUPLICATES, NULL);
  guint offset = 0;

  self->run_id = run_id;
  self->threshold = threshold;
  self->n_samples = n_samples;
  self->n_questions = n_questions;
  self->items = items;
  self->matches = matches;
  self->by_item = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Neither array changes from here on: pointers into them stay valid. */
  for (guint i = 0; i < items->len; i++)
    {
      KdlDuplicateItem *item = &g_array_index (items, KdlDuplicateItem, i);

      g_assert (offset + item->n_matches <= matches->len);
      item->matches = &g_array_index (matches, KdlDuplicateMatch, offset);
      offset += item->n_matches;
      g_hash_table_insert (self->by_item, &item->item_id, GUINT_TO_POINTER (i + 1));
    }

  return self;
}

/**
 * kdl_duplicate_code_to_string:
 *
 * Returns: the stable English code (`repeats-original`…), or NULL for a
 * value that is not one code
 */
const char *
kdl_duplicate_code_to_string (KdlDuplicateCode code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (code_names[i].code == code)
      return code_names[i].name;

  return NULL;
}

gboolean
kdl_duplicate_code_from_string (const char       *str,
                                KdlDuplicateCode *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (g_strcmp0 (code_names[i].name, str) == 0)
      {
        if (code != NULL)
          *code = code_names[i].code;
        return TRUE;
      }

  return FALSE;
}

/**
 * kdl_duplicate_code_get_label:
 *
 * Returns: a short translated name for a flag, or NULL
 */
const char *
kdl_duplicate_code_get_label (KdlDuplicateCode code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (code_names[i].code == code)
      return _(code_names[i].label);

  return NULL;
}

/**
 * kdl_duplicate_match_describe:
 * @item_id: the sample the match belongs to
 *
 * Returns: (transfer full): one translated sentence, e.g. "Question 3 is
 *   86% similar to question 1 of row 12, variant 2." (variants counted
 *   from 1, as people do)
 */
char *
kdl_duplicate_match_describe (const KdlDuplicateMatch *match,
                              gint64                   item_id)
{
  guint percent;
  gboolean same = match->other_item_id == item_id;

  g_return_val_if_fail (match != NULL, NULL);

  /* Never show "80%" for a similarity just under the threshold of 0.8. */
  percent = (guint)floor (match->similarity * 100 + 1e-9);

  switch (match->code)
    {
    case KDL_DUPLICATE_REPEATS_ORIGINAL:
      if (match->other_item_id == 0)
        return g_strdup_printf (_("Question %u repeats original question %u of the row."),
                                match->question, match->other_question);
      return g_strdup_printf (_("Question %u repeats question %u of the output this sample builds on."),
                              match->question, match->other_question);

    case KDL_DUPLICATE_NEAR_ORIGINAL:
      if (match->other_item_id == 0)
        return g_strdup_printf (_("Question %u is %u%% similar to original question %u of the row."),
                                match->question, percent, match->other_question);
      return g_strdup_printf (_("Question %u is %u%% similar to question %u of the output this sample builds on."),
                              match->question, percent, match->other_question);

    case KDL_DUPLICATE_REPEATS_GENERATED:
      if (same)
        return g_strdup_printf (_("Question %u repeats question %u of this sample."),
                                match->question, match->other_question);
      return g_strdup_printf (_("Question %u repeats question %u of row %u, variant %u."),
                              match->question, match->other_question, match->other_row,
                              match->other_variant + 1);

    case KDL_DUPLICATE_NEAR_GENERATED:
      if (same)
        return g_strdup_printf (_("Question %u is %u%% similar to question %u of this sample."),
                                match->question, percent, match->other_question);
      return g_strdup_printf (_("Question %u is %u%% similar to question %u of row %u, variant %u."),
                              match->question, percent, match->other_question, match->other_row,
                              match->other_variant + 1);

    default:
      g_return_val_if_reached (NULL);
    }
}

gint64
kdl_duplicates_get_run_id (KdlDuplicates *self)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  return self->run_id;
}

/**
 * kdl_duplicates_get_threshold:
 *
 * Returns: the similarity near duplicates reach at least
 */
double
kdl_duplicates_get_threshold (KdlDuplicates *self)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  return self->threshold;
}

/**
 * kdl_duplicates_get_n_samples:
 *
 * Returns: how many finished generate items were read
 */
guint
kdl_duplicates_get_n_samples (KdlDuplicates *self)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  return self->n_samples;
}

/**
 * kdl_duplicates_get_n_questions:
 *
 * Returns: how many generated MCQs they held (kept originals included)
 */
guint
kdl_duplicates_get_n_questions (KdlDuplicates *self)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  return self->n_questions;
}

/**
 * kdl_duplicates_get_n_items:
 *
 * Returns: how many samples are flagged (positions for
 *   kdl_duplicates_get_item(), e.g. a list model's)
 */
guint
kdl_duplicates_get_n_items (KdlDuplicates *self)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  return self->items->len;
}

/**
 * kdl_duplicates_get_item:
 * @position: 0 to kdl_duplicates_get_n_items() − 1, in row, variant order
 *
 * Returns: (transfer none) (nullable): the flagged sample, valid as long
 *   as @self
 */
const KdlDuplicateItem *
kdl_duplicates_get_item (KdlDuplicates *self,
                         guint          position)
{
  g_return_val_if_fail (KDL_IS_DUPLICATES (self), NULL);

  if (position >= self->items->len)
    return NULL;

  return &g_array_index (self->items, KdlDuplicateItem, position);
}

/**
 * kdl_duplicates_lookup:
 * @item_id: a generate item of the run
 *
 * Returns: (transfer none) (nullable): its flags, or NULL when it has none
 */
const KdlDuplicateItem *
kdl_duplicates_lookup (KdlDuplicates *self,
                       gint64         item_id)
{
  guint position;

  g_return_val_if_fail (KDL_IS_DUPLICATES (self), NULL);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_item, &item_id));
  if (position == 0)
    return NULL;

  return &g_array_index (self->items, KdlDuplicateItem, position - 1);
}

/**
 * kdl_duplicates_get_codes:
 *
 * Returns: the KdlDuplicateCode mask of @item_id (0: not flagged)
 */
guint
kdl_duplicates_get_codes (KdlDuplicates *self,
                          gint64         item_id)
{
  const KdlDuplicateItem *item = kdl_duplicates_lookup (self, item_id);

  return item != NULL ? item->codes : 0;
}

/**
 * kdl_duplicates_count:
 * @codes: a KdlDuplicateCode mask
 *
 * Returns: how many samples have at least one of @codes
 */
guint
kdl_duplicates_count (KdlDuplicates *self,
                      guint          codes)
{
  guint n = 0;

  g_return_val_if_fail (KDL_IS_DUPLICATES (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (g_array_index (self->items, KdlDuplicateItem, i).codes & codes)
      n++;

  return n;
}

/**
 * kdl_duplicates_list_item_ids:
 * @codes: a KdlDuplicateCode mask
 *
 * Returns: (transfer full) (element-type gint64): the generate items with
 *   at least one of @codes, in row, variant order
 */
GArray *
kdl_duplicates_list_item_ids (KdlDuplicates *self,
                              guint          codes)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (KDL_IS_DUPLICATES (self), ids);

  for (guint i = 0; i < self->items->len; i++)
    {
      const KdlDuplicateItem *item = &g_array_index (self->items, KdlDuplicateItem, i);

      if (item->codes & codes)
        g_array_append_val (ids, item->item_id);
    }

  return ids;
}

/**
 * kdl_duplicates_build_json:
 *
 * `{"run", "threshold", "samples", "questions", "flagged",
 * "counts": {code: samples}, "items": [{"item", "row", "variant" (0-based),
 * "codes": [code…], "matches": [{"code", "question", "other_item" (null: the
 * row's originals), "other_row", "other_variant", "other_question",
 * "similarity"}]}]}`
 */
void
kdl_duplicates_build_json (KdlDuplicates *self,
                           JsonBuilder   *builder)
{
  g_return_if_fail (KDL_IS_DUPLICATES (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_int_value (builder, self->run_id);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, self->threshold);
  json_builder_set_member_name (builder, "samples");
  json_builder_add_int_value (builder, self->n_samples);
  json_builder_set_member_name (builder, "questions");
  json_builder_add_int_value (builder, self->n_questions);
  json_builder_set_member_name (builder, "flagged");
  json_builder_add_int_value (builder, self->items->len);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    {
      json_builder_set_member_name (builder, code_names[i].name);
      json_builder_add_int_value (builder, kdl_duplicates_count (self, code_names[i].code));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      const KdlDuplicateItem *item = &g_array_index (self->items, KdlDuplicateItem, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item");
      json_builder_add_int_value (builder, item->item_id);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, item->row);
      json_builder_set_member_name (builder, "variant");
      json_builder_add_int_value (builder, item->variant);
      json_builder_set_member_name (builder, "codes");
      json_builder_begin_array (builder);
      for (guint c = 0; c < G_N_ELEMENTS (code_names); c++)
        if (item->codes & code_names[c].code)
          json_builder_add_string_value (builder, code_names[c].name);
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "matches");
      json_builder_begin_array (builder);
      for (guint m = 0; m < item->n_matches; m++)
        {
          const KdlDuplicateMatch *match = &item->matches[m];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, kdl_duplicate_code_to_string (match->code));
          json_builder_set_member_name (builder, "question");
          json_builder_add_int_value (builder, match->question);
          json_builder_set_member_name (builder, "other_item");
          if (match->other_item_id != 0)
            json_builder_add_int_value (builder, match->other_item_id);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "other_row");
          json_builder_add_int_value (builder, match->other_row);
          json_builder_set_member_name (builder, "other_variant");
          json_builder_add_int_value (builder, match->other_variant);
          json_builder_set_member_name (builder, "other_question");
          json_builder_add_int_value (builder, match->other_question);
          json_builder_set_member_name (builder, "similarity");
          json_builder_add_double_value (builder, match->similarity);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* kdl_duplicates_find_async */

typedef struct
{
  gint64              run_id;
  KdlDuplicateOptions options;
} FindData;

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  GError *error = NULL;
  KdlDuplicates *result;

  reader = kdl_store_open_reader (KDL_STORE (source_object), &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = kdl_duplicates_find (reader, data->run_id, &data->options, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * kdl_duplicates_find_async:
 * @options: (nullable): copied
 *
 * kdl_duplicates_find() on a worker thread with a read connection of its
 * own; @callback runs on the caller's thread-default main context.
 */
void
kdl_duplicates_find_async (KdlStore                  *store,
                           gint64                     run_id,
                           const KdlDuplicateOptions *options,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (KDL_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FindData, 1);
  data->run_id = run_id;
  if (options != NULL)
    data->options = *options;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_duplicates_find_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, find_thread);
}

/**
 * kdl_duplicates_find_finish:
 *
 * Returns: (transfer full): the result, or NULL with @error set (a
 *   cancelled search gives G_IO_ERROR_CANCELLED)
 */
KdlDuplicates *
kdl_duplicates_find_finish (KdlStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (KDL_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_duplicates_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
