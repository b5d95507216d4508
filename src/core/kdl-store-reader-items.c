/* kdl-store-reader-items.c — reading items: resume, outputs, lists, reviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-store-private.h"

/* For a generate item, the judge item judging it in the same run; for a
 * judge item, the item it judges. */
#define PARTNER_ID \
  "CASE WHEN i.stage = 'judge' THEN i.source_item_id" \
  " ELSE (SELECT j.id FROM items j WHERE j.source_item_id = i.id AND j.run_id = i.run_id" \
  "       AND j.stage = 'judge') END"

#define REF_COLUMNS "SELECT id, source_item_id, row_no, variant, stage, state, attempts, check_ok FROM items"

static GArray *
list_refs (KdlStoreReader  *self,
           const char      *sql,
           gint64           run_id,
           GError         **error)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemRef));
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stmt = kdl_store_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);

  while ((rc = kdl_store_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      KdlStoreItemRef ref = { 0 };

      ref.id = sqlite3_column_int64 (stmt, 0);
      ref.source_item_id = sqlite3_column_int64 (stmt, 1);
      ref.row = sqlite3_column_int (stmt, 2);
      ref.variant = sqlite3_column_int (stmt, 3);
      kdl_store_stage_from_string ((const char *)sqlite3_column_text (stmt, 4), &ref.stage);
      kdl_store_item_state_from_string ((const char *)sqlite3_column_text (stmt, 5), &ref.state);
      ref.attempts = sqlite3_column_int (stmt, 6);
      ref.check_ok = kdl_store_column_tristate (stmt, 7);
      g_array_append_val (refs, ref);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&refs);
}

/**
 * kdl_store_reader_list_unfinished_items:
 *
 * What a started or resumed run still has to do: its `pending` items and
 * the `running` ones a killed process left (requeue those first with
 * kdl_store_requeue_interrupted()).  Row order, generate before judge.
 *
 * Returns: (transfer full) (element-type KdlStoreItemRef): the items
 */
GArray *
kdl_store_reader_list_unfinished_items (KdlStoreReader  *self,
                                        gint64           run_id,
                                        GError         **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return list_refs (self,
                    REF_COLUMNS " WHERE run_id = ?1 AND state IN ('pending', 'running')"
                    " ORDER BY row_no, variant, stage",
                    run_id, error);
}

/**
 * kdl_store_reader_list_outputs:
 *
 * A run's finished generate items: what a judge-only run re-judges and a
 * chained run expands.  Read each text with kdl_store_reader_get_output().
 *
 * Returns: (transfer full) (element-type KdlStoreItemRef): the items, in
 * row order
 */
GArray *
kdl_store_reader_list_outputs (KdlStoreReader  *self,
                               gint64           run_id,
                               GError         **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return list_refs (self,
                    REF_COLUMNS " WHERE run_id = ?1 AND stage = 'generate' AND state = 'done'"
                    " ORDER BY row_no, variant",
                    run_id, error);
}

/**
 * kdl_store_reader_get_output:
 * @edited: the reviewer's edit when there is one
 *
 * Returns: (transfer full) (nullable): the item's output
 */
char *
kdl_store_reader_get_output (KdlStoreReader  *self,
                             gint64           item_id,
                             gboolean         edited,
                             GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT coalesce (CASE WHEN ?2 THEN r.edited_output END, i.output)"
                               " FROM items i LEFT JOIN reviews r ON r.item_id = i.id WHERE i.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, edited ? 1 : 0);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _kdl_store_not_found (self->db, "item", item_id, error);
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                   _("Item %lld of the project “%s” has no output yet."),
                   (long long)item_id, self->db->display_name);
      return NULL;
    }

  return kdl_store_column_dup (stmt, 0);
}

static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static void
append_in_list (GString            *sql,
                const char         *column,
                guint               mask,
                const char * const *names,
                guint               n_names,
                gboolean            null_is_first)
{
  gboolean first = TRUE;

  g_string_append_printf (sql, " AND coalesce (%s, '%s') IN (", column, null_is_first ? names[0] : "");
  for (guint i = 0; i < n_names; i++)
    if (mask & (1u << i))
      {
        g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", names[i]);
        first = FALSE;
      }
  g_string_append (sql, ")");
}

/* The query's SQL; parameters: ?1 run, ?2 stage, ?3/?4 score range,
 * ?5 check_ok, ?6 search pattern, ?7 limit, ?8 offset. */
static char *
query_sql (const KdlStoreItemQuery *query)
{
  static const char * const states[] = { "pending", "running", "done", "failed", "skipped" };
  static const char * const verdicts[] = { "none", "accepted", "rejected" };
  GString *sql = g_string_new (NULL);
  const char *score = "(CASE WHEN i.stage = 'judge' THEN i.score ELSE p.score END)";

  g_string_append (sql,
                   "SELECT i.id FROM items i"
                   " LEFT JOIN items p ON p.id = " PARTNER_ID
                   " LEFT JOIN reviews rv ON rv.item_id = i.id"
                   " LEFT JOIN reviews rp ON rp.item_id = p.id"
                   " WHERE i.run_id = ?1");

  if (!query->any_stage)
    g_string_append (sql, " AND i.stage = ?2");
  if (query->states != 0)
    append_in_list (sql, "i.state", query->states, states, G_N_ELEMENTS (states), FALSE);
  if (query->has_min_score)
    g_string_append_printf (sql, " AND %s >= ?3", score);
  if (query->has_max_score)
    g_string_append_printf (sql, " AND %s <= ?4", score);
  if (query->check_ok >= 0)
    g_string_append (sql, " AND (CASE WHEN i.stage = 'generate' THEN i.check_ok ELSE p.check_ok END) = ?5");
  if (query->unparsed)
    g_string_append (sql,
                     " AND (CASE WHEN i.stage = 'judge' THEN i.score IS NULL AND i.unparsed_reason IS NOT NULL"
                     "      ELSE p.score IS NULL AND p.unparsed_reason IS NOT NULL END)");
  /* The sample's verdict, as the export reads it: the generate item's,
   * else its judge item's. */
  if (query->verdicts != 0)
    append_in_list (sql,
                    "CASE WHEN i.stage = 'judge' THEN coalesce (rp.verdict, rv.verdict)"
                    " ELSE coalesce (rv.verdict, rp.verdict) END",
                    query->verdicts, verdicts, G_N_ELEMENTS (verdicts), TRUE);
  if (query->search != NULL && query->search[0] != '\0')
    g_string_append (sql,
                     " AND (i.output LIKE ?6 ESCAPE '\\' OR p.output LIKE ?6 ESCAPE '\\'"
                     "      OR rv.edited_output LIKE ?6 ESCAPE '\\' OR rp.edited_output LIKE ?6 ESCAPE '\\')");

  switch (query->order)
    {
    case KDL_STORE_ORDER_SCORE_DESC:
      g_string_append_printf (sql, " ORDER BY %s IS NULL, %s DESC, i.row_no, i.variant, i.stage", score, score);
      break;

    case KDL_STORE_ORDER_SCORE_ASC:
      g_string_append_printf (sql, " ORDER BY %s IS NULL, %s, i.row_no, i.variant, i.stage", score, score);
      break;

    case KDL_STORE_ORDER_ROW:
    default:
      g_string_append (sql, " ORDER BY i.row_no, i.variant, i.stage");
      break;
    }

  g_string_append (sql, " LIMIT ?7 OFFSET ?8");

  return g_string_free (sql, FALSE);
}

/**
 * kdl_store_reader_query_items:
 *
 * The ids of the items @query selects, in its order: the positions a lazy
 * list model holds (it fetches visible items with
 * kdl_store_reader_get_items()).  Runs in a worker for big runs
 * (kdl_store_query_items_async()).
 *
 * Returns: (transfer full) (element-type gint64): item ids
 */
GArray *
kdl_store_reader_query_items (KdlStoreReader           *self,
                              const KdlStoreItemQuery  *query,
                              GError                  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KdlStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  sql = query_sql (query);
  stmt = kdl_store_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, query->run_id);
  kdl_store_bind_text (stmt, 2, kdl_store_stage_to_string (query->stage));
  sqlite3_bind_double (stmt, 3, query->min_score);
  sqlite3_bind_double (stmt, 4, query->max_score);
  sqlite3_bind_int (stmt, 5, query->check_ok > 0 ? 1 : 0);
  if (query->search != NULL)
    {
      pattern = like_pattern (query->search);
      kdl_store_bind_text (stmt, 6, pattern);
    }
  sqlite3_bind_int64 (stmt, 7, query->limit > 0 ? (gint64)query->limit : -1);
  sqlite3_bind_int64 (stmt, 8, query->offset);

  while ((rc = kdl_store_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * kdl_store_reader_get_item:
 *
 * Returns: (transfer full) (nullable): everything about one item, its
 * review included
 */
KdlStoreItem *
kdl_store_reader_get_item (KdlStoreReader  *self,
                           gint64           item_id,
                           GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  KdlStoreItem *item;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT i.run_id, i.source_item_id, " PARTNER_ID ", i.row_no, i.variant, i.stage,"
                               " i.state, i.attempts, i.prompt, i.output, i.check_ok, i.check_json, i.score,"
                               " i.parts_json, i.unparsed_reason, i.prompt_tokens, i.completion_tokens,"
                               " i.total_tokens, i.error_code, i.error_message, i.started_at, i.finished_at,"
                               " rv.verdict, rv.verdict_at, rv.edited_output, rv.edited_at"
                               " FROM items i LEFT JOIN reviews rv ON rv.item_id = i.id WHERE i.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _kdl_store_not_found (self->db, "item", item_id, error);
      return NULL;
    }

  item = g_new0 (KdlStoreItem, 1);
  item->id = item_id;
  item->run_id = sqlite3_column_int64 (stmt, 0);
  item->source_item_id = sqlite3_column_int64 (stmt, 1);
  item->partner_id = sqlite3_column_int64 (stmt, 2);
  item->row = sqlite3_column_int (stmt, 3);
  item->variant = sqlite3_column_int (stmt, 4);
  kdl_store_stage_from_string ((const char *)sqlite3_column_text (stmt, 5), &item->stage);
  kdl_store_item_state_from_string ((const char *)sqlite3_column_text (stmt, 6), &item->state);
  item->attempts = sqlite3_column_int (stmt, 7);
  item->prompt = kdl_store_column_dup (stmt, 8);
  item->output = kdl_store_column_dup (stmt, 9);
  item->check_ok = kdl_store_column_tristate (stmt, 10);
  item->check_json = kdl_store_column_dup (stmt, 11);
  item->has_score = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
  item->score = sqlite3_column_double (stmt, 12);
  item->parts_json = kdl_store_column_dup (stmt, 13);
  item->unparsed_reason = kdl_store_column_dup (stmt, 14);
  item->prompt_tokens = sqlite3_column_int64 (stmt, 15);
  item->completion_tokens = sqlite3_column_int64 (stmt, 16);
  item->total_tokens = sqlite3_column_int64 (stmt, 17);
  item->error_code = kdl_store_column_dup (stmt, 18);
  item->error_message = kdl_store_column_dup (stmt, 19);
  item->started_at = sqlite3_column_int64 (stmt, 20);
  item->finished_at = sqlite3_column_int64 (stmt, 21);
  if (!kdl_store_verdict_from_string ((const char *)sqlite3_column_text (stmt, 22), &item->verdict))
    item->verdict = KDL_STORE_VERDICT_NONE;
  item->verdict_at = sqlite3_column_int64 (stmt, 23);
  item->edited_output = kdl_store_column_dup (stmt, 24);
  item->edited_at = sqlite3_column_int64 (stmt, 25);

  return item;
}

/**
 * kdl_store_reader_get_items:
 * @item_ids: (array length=n_items): e.g. the visible part of a query's ids
 *
 * Returns: (transfer full) (element-type KdlStoreItem): the items, in the
 * order of @item_ids
 */
GPtrArray *
kdl_store_reader_get_items (KdlStoreReader  *self,
                            const gint64    *item_ids,
                            gsize            n_items,
                            GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_items, (GDestroyNotify)kdl_store_item_free);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, NULL);

  for (gsize i = 0; i < n_items; i++)
    {
      KdlStoreItem *item = kdl_store_reader_get_item (self, item_ids[i], error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/**
 * kdl_store_reader_list_reviews:
 *
 * Returns: (transfer full) (element-type KdlStoreReview): the reviewed
 * items of a run (a verdict, an edit or both), in row order
 */
GPtrArray *
kdl_store_reader_list_reviews (KdlStoreReader  *self,
                               gint64           run_id,
                               GError         **error)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_store_review_free);
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT rv.item_id, i.row_no, i.variant, i.stage, rv.verdict, rv.verdict_at,"
                               " rv.edited_output, rv.edited_at"
                               " FROM reviews rv JOIN items i ON i.id = rv.item_id"
                               " WHERE i.run_id = ?1 AND (rv.verdict IS NOT NULL OR rv.edited_output IS NOT NULL)"
                               " ORDER BY i.row_no, i.variant, i.stage",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);

  while ((rc = kdl_store_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      KdlStoreReview *review = g_new0 (KdlStoreReview, 1);

      review->item_id = sqlite3_column_int64 (stmt, 0);
      review->row = sqlite3_column_int (stmt, 1);
      review->variant = sqlite3_column_int (stmt, 2);
      kdl_store_stage_from_string ((const char *)sqlite3_column_text (stmt, 3), &review->stage);
      if (!kdl_store_verdict_from_string ((const char *)sqlite3_column_text (stmt, 4), &review->verdict))
        review->verdict = KDL_STORE_VERDICT_NONE;
      review->verdict_at = sqlite3_column_int64 (stmt, 5);
      review->edited_output = kdl_store_column_dup (stmt, 6);
      review->edited_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (reviews, review);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&reviews);
}
