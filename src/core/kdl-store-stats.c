/* kdl-store-stats.c — a run's figures, and the `stats --json` object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is computed in SQLite over the indexes (items_run_sample,
 * items_run_stage_score), so a 50,000-item run never becomes 50,000
 * objects.  Scores are those of judge items that are done and have one.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <math.h>

#include "kdl-store-private.h"

/* Histogram buckets a small integer scale draws one per point. */
#define PER_POINT_MAX 20
#define N_BUCKETS     10

/**
 * kdl_store_histogram_layout:
 * @score_max: the top of the scale
 * @n_buckets: (out): how many buckets
 * @width: (out): their width
 *
 * The histogram's buckets over [0, @score_max]: an integer scale up to 20
 * points gets one bucket per point, [k, k + 1) for k = 0 … @score_max (so
 * a 1–5 or 0–10 rating shows every value); larger or fractional scales get
 * ten buckets of @score_max / 10, [k·w, (k + 1)·w), the last one closed at
 * @score_max (a 100-point rubric: 0–10, 10–20, …, 90–100).  Scores outside
 * the scale fall into the first or last bucket.  No scale: no buckets.
 */
void
kdl_store_histogram_layout (double  score_max,
                            guint  *n_buckets,
                            double *width)
{
  if (!(score_max > 0))
    {
      *n_buckets = 0;
      *width = 0;
    }
  else if (score_max <= PER_POINT_MAX && score_max == floor (score_max))
    {
      *n_buckets = (guint)score_max + 1;
      *width = 1;
    }
  else
    {
      *n_buckets = N_BUCKETS;
      *width = score_max / N_BUCKETS;
    }
}

void
kdl_store_run_stats_free (KdlStoreRunStats *self)
{
  if (self == NULL)
    return;

  if (self->parts != NULL)
    {
      for (guint i = 0; i < self->parts->len; i++)
        g_free (g_array_index (self->parts, KdlStorePart, i).name);
      g_array_unref (self->parts);
    }
  g_clear_pointer (&self->histogram, g_array_unref);
  g_free (self);
}

static gboolean
read_run (KdlStoreDb        *db,
          KdlStoreRunStats  *stats,
          GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stmt = kdl_store_db_prepare (db,
                               "SELECT coalesce (score_max, 0), prompt_tokens, completion_tokens, total_tokens"
                               " FROM runs WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);
  rc = kdl_store_db_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _kdl_store_not_found (db, "run", stats->run_id, error);

  stats->score_max = sqlite3_column_double (stmt, 0);
  stats->prompt_tokens = sqlite3_column_int64 (stmt, 1);
  stats->completion_tokens = sqlite3_column_int64 (stmt, 2);
  stats->total_tokens = sqlite3_column_int64 (stmt, 3);

  return TRUE;
}

static gboolean
read_scores (KdlStoreDb        *db,
             KdlStoreRunStats  *stats,
             double            *top_score,
             GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;

  g_autoptr(KdlStoreStmt) unparsed = NULL;

  /* Both read the index alone, never the texts. */
  stmt = kdl_store_db_prepare (db,
                               "SELECT count (score), avg (score), max (score), min (score)"
                               " FROM items WHERE run_id = ?1 AND stage = 'judge' AND state = 'done'",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);
  if (kdl_store_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;

  stats->scored = sqlite3_column_int (stmt, 0);
  stats->has_scores = stats->scored > 0;
  stats->mean = sqlite3_column_double (stmt, 1);
  *top_score = sqlite3_column_double (stmt, 2);
  stats->highest = *top_score;
  stats->lowest = sqlite3_column_double (stmt, 3);

  unparsed = kdl_store_db_prepare (db,
                                   "SELECT count (*) FROM items WHERE run_id = ?1 AND stage = 'judge'"
                                   " AND score IS NULL AND unparsed_reason IS NOT NULL",
                                   error);
  if (unparsed == NULL)
    return FALSE;
  sqlite3_bind_int64 (unparsed, 1, stats->run_id);
  if (kdl_store_db_step (db, unparsed, error) != SQLITE_ROW)
    return FALSE;
  stats->unparsed = sqlite3_column_int (unparsed, 0);

  return TRUE;
}

/* The score at quantile @q: linear between the two nearest scores (the
 * median of an even count is the mean of the two middle ones). */
static gboolean
read_quantile (KdlStoreDb        *db,
               KdlStoreRunStats  *stats,
               double             q,
               double            *value,
               GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  double pos = (stats->scored - 1) * q;
  double lo = floor (pos);
  double values[2] = { 0, 0 };
  guint n = 0;
  int rc;

  stmt = kdl_store_db_prepare (db,
                               "SELECT score FROM items"
                               " WHERE run_id = ?1 AND stage = 'judge' AND state = 'done' AND score IS NOT NULL"
                               " ORDER BY score LIMIT 2 OFFSET ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);
  sqlite3_bind_int64 (stmt, 2, (gint64)lo);

  while ((rc = kdl_store_db_step (db, stmt, error)) == SQLITE_ROW)
    values[n++] = sqlite3_column_double (stmt, 0);
  if (rc == 0)
    return FALSE;

  if (n == 0)
    *value = 0;
  else if (n == 1 || pos == lo)
    *value = values[0];
  else
    *value = values[0] + (pos - lo) * (values[1] - values[0]);

  return TRUE;
}

static gboolean
read_spread (KdlStoreDb        *db,
             KdlStoreRunStats  *stats,
             GError           **error)
{
  if (!stats->has_scores)
    return TRUE;

  return read_quantile (db, stats, 0.5, &stats->median, error) &&
         read_quantile (db, stats, 0.25, &stats->q1, error) &&
         read_quantile (db, stats, 0.75, &stats->q3, error);
}

/* The generate items whose texts the run made or judged. */
static gboolean
read_checks (KdlStoreDb        *db,
             KdlStoreRunStats  *stats,
             GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;

  stmt = kdl_store_db_prepare (db,
                               "SELECT count (check_ok), coalesce (sum (check_ok), 0) FROM items"
                               " WHERE check_ok IS NOT NULL AND id IN"
                               " (SELECT id FROM items WHERE run_id = ?1 AND stage = 'generate'"
                               "  UNION SELECT source_item_id FROM items"
                               "  WHERE run_id = ?1 AND stage = 'judge' AND source_item_id IS NOT NULL)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);
  if (kdl_store_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;

  stats->checked = sqlite3_column_int (stmt, 0);
  stats->check_passed = sqlite3_column_int (stmt, 1);

  return TRUE;
}

static gboolean
read_stage_tokens (KdlStoreDb        *db,
                   KdlStoreRunStats  *stats,
                   GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stmt = kdl_store_db_prepare (db,
                               "SELECT stage, sum (prompt_tokens), sum (completion_tokens) FROM items"
                               " WHERE run_id = ?1 GROUP BY stage",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);

  while ((rc = kdl_store_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      KdlStoreStage stage;

      if (!kdl_store_stage_from_string ((const char *)sqlite3_column_text (stmt, 0), &stage))
        continue;
      stats->stage_prompt_tokens[stage] = sqlite3_column_int64 (stmt, 1);
      stats->stage_completion_tokens[stage] = sqlite3_column_int64 (stmt, 2);
    }

  return rc != 0;
}

static gboolean
read_histogram (KdlStoreDb        *db,
                KdlStoreRunStats  *stats,
                GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  guint n_buckets;
  double width;
  int rc;

  kdl_store_histogram_layout (stats->score_max, &n_buckets, &width);
  stats->histogram = g_array_sized_new (FALSE, TRUE, sizeof (KdlStoreBucket), n_buckets);

  for (guint k = 0; k < n_buckets; k++)
    {
      KdlStoreBucket bucket = { k * width, (k + 1) * width, 0 };

      if (k == n_buckets - 1 && width != 1)
        bucket.to = stats->score_max;
      g_array_append_val (stats->histogram, bucket);
    }

  if (n_buckets == 0 || !stats->has_scores)
    return TRUE;

  /* The epsilon keeps 0.3 / 0.1 = 2.999… in bucket 3; negative scores
   * truncate to 0 or below and are clamped. */
  stmt = kdl_store_db_prepare (db,
                               "SELECT max (0, min (?3 - 1, CAST (score / ?2 + 1e-9 AS INTEGER))) AS b,"
                               " count (*)"
                               " FROM items"
                               " WHERE run_id = ?1 AND stage = 'judge' AND state = 'done' AND score IS NOT NULL"
                               " GROUP BY b",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);
  sqlite3_bind_double (stmt, 2, width);
  sqlite3_bind_int (stmt, 3, n_buckets);

  while ((rc = kdl_store_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      guint k = sqlite3_column_int (stmt, 0);

      g_assert (k < n_buckets);
      g_array_index (stats->histogram, KdlStoreBucket, k).count = sqlite3_column_int (stmt, 1);
    }

  return rc != 0;
}

static gboolean
read_parts (KdlStoreDb        *db,
            KdlStoreRunStats  *stats,
            GError           **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stats->parts = g_array_new (FALSE, TRUE, sizeof (KdlStorePart));

  stmt = kdl_store_db_prepare (db,
                               "SELECT p.key, avg (p.value), count (*)"
                               " FROM items i, json_each (i.parts_json) p"
                               " WHERE i.run_id = ?1 AND i.stage = 'judge' AND i.state = 'done'"
                               " AND i.parts_json IS NOT NULL AND p.type IN ('integer', 'real')"
                               " GROUP BY p.key ORDER BY min (i.id), min (p.id)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stats->run_id);

  while ((rc = kdl_store_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      KdlStorePart part;

      part.name = kdl_store_column_dup (stmt, 0);
      part.mean = sqlite3_column_double (stmt, 1);
      part.count = sqlite3_column_int (stmt, 2);
      g_array_append_val (stats->parts, part);
    }

  return rc != 0;
}

/**
 * kdl_store_reader_get_run_stats:
 *
 * A run's figures.  The histogram's range is the run's score_max, or the
 * top score given (rounded up) when the run has none.
 *
 * Returns: (transfer full) (nullable): the figures
 */
KdlStoreRunStats *
kdl_store_reader_get_run_stats (KdlStoreReader  *self,
                                gint64           run_id,
                                GError         **error)
{
  g_autoptr(KdlStoreRunStats) stats = g_new0 (KdlStoreRunStats, 1);
  KdlStoreDb *db;
  double top_score = 0;

  g_return_val_if_fail (self != NULL, NULL);

  db = self->db;
  stats->run_id = run_id;

  /* One read transaction: every figure describes the same moment. */
  if (!kdl_store_db_exec (db, "BEGIN", error))
    return NULL;

  if (!read_run (db, stats, error) ||
      !_kdl_store_count_samples (db, run_id, &stats->rows, &stats->samples,
                                 &stats->done, &stats->failed, &stats->retried, error) ||
      !read_scores (db, stats, &top_score, error))
    goto failed;

  if (!(stats->score_max > 0) && top_score > 0)
    stats->score_max = ceil (top_score);

  if (!read_spread (db, stats, error) ||
      !read_histogram (db, stats, error) ||
      !read_parts (db, stats, error) ||
      !read_checks (db, stats, error) ||
      !read_stage_tokens (db, stats, error))
    goto failed;

  kdl_store_db_exec (db, "COMMIT", NULL);

  return g_steal_pointer (&stats);

failed:
  kdl_store_db_exec (db, "ROLLBACK", NULL);
  return NULL;
}

/* Integral values print as integers: "from": 10, not 10.0. */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64)value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
add_runs (KdlStoreReader  *self,
          JsonBuilder     *builder,
          GError         **error)
{
  g_autoptr(GPtrArray) runs = kdl_store_reader_list_runs (self, error);

  if (runs == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      KdlStoreRun *run = g_ptr_array_index (runs, i);
      g_autofree char *created = kdl_store_format_time (run->created_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, run->id);
      json_builder_set_member_name (builder, "created");
      add_string_or_null (builder, created);
      json_builder_set_member_name (builder, "template");
      add_string_or_null (builder, run->template_name);
      json_builder_set_member_name (builder, "judge");
      add_string_or_null (builder, run->judge_name);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, run->rows);
      json_builder_set_member_name (builder, "done");
      json_builder_add_int_value (builder, run->done);
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, run->failed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return TRUE;
}

static void
add_run_stats (JsonBuilder            *builder,
               const KdlStoreRunStats *stats)
{
  static const struct { const char *name; gsize offset; } counts[] = {
    { "done", G_STRUCT_OFFSET (KdlStoreRunStats, done) },
    { "failed", G_STRUCT_OFFSET (KdlStoreRunStats, failed) },
    { "scored", G_STRUCT_OFFSET (KdlStoreRunStats, scored) },
    { "unparsed", G_STRUCT_OFFSET (KdlStoreRunStats, unparsed) },
  };

  json_builder_set_member_name (builder, "run");
  if (stats != NULL)
    json_builder_add_int_value (builder, stats->run_id);
  else
    json_builder_add_null_value (builder);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder,
                                  stats != NULL ? G_STRUCT_MEMBER (guint, stats, counts[i].offset) : 0);
    }

  json_builder_set_member_name (builder, "mean");
  if (stats != NULL && stats->has_scores)
    json_builder_add_double_value (builder, stats->mean);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "median");
  if (stats != NULL && stats->has_scores)
    json_builder_add_double_value (builder, stats->median);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "histogram");
  json_builder_begin_array (builder);
  for (guint k = 0; stats != NULL && k < stats->histogram->len; k++)
    {
      const KdlStoreBucket *bucket = &g_array_index (stats->histogram, KdlStoreBucket, k);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      add_number (builder, bucket->from);
      json_builder_set_member_name (builder, "to");
      add_number (builder, bucket->to);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, bucket->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "parts");
  json_builder_begin_object (builder);
  for (guint i = 0; stats != NULL && i < stats->parts->len; i++)
    {
      const KdlStorePart *part = &g_array_index (stats->parts, KdlStorePart, i);

      json_builder_set_member_name (builder, part->name);
      json_builder_add_double_value (builder, part->mean);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "tokens");
  json_builder_add_int_value (builder, stats != NULL ? stats->total_tokens : 0);
}

/**
 * kdl_store_reader_build_stats_json:
 * @run_id: the run; 0 for the newest
 *
 * The object `kindling-cli stats --json` prints (DESIGN.md):
 * `{"runs": [{"id", "created", "template", "judge", "rows", "done",
 * "failed"}], "run", "done", "failed", "scored", "unparsed", "mean",
 * "median", "histogram": [{"from", "to", "count"}], "parts": {name: mean},
 * "tokens"}`.  "created" is ISO 8601 UTC; "rows" counts distinct rows,
 * "done"/"failed" samples (row × variant); "mean"/"median" are null
 * without scores; "run" is null in a project without runs.
 *
 * Returns: (transfer full) (nullable): the object
 */
JsonNode *
kdl_store_reader_build_stats_json (KdlStoreReader  *self,
                                   gint64           run_id,
                                   GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(KdlStoreRunStats) stats = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (run_id == 0)
    {
      g_autoptr(GError) local_error = NULL;

      run_id = kdl_store_reader_get_latest_run_id (self, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (run_id != 0)
    {
      stats = kdl_store_reader_get_run_stats (self, run_id, error);
      if (stats == NULL)
        return NULL;
    }

  json_builder_begin_object (builder);
  if (!add_runs (self, builder, error))
    return NULL;
  add_run_stats (builder, stats);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
