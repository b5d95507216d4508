/* kdl-dataset-search.c — search and sort over the index, in workers
 *
 * A search parses every row, so it never runs on the main thread: the GUI
 * gets a list of positions and wraps it in a lazy model.  The rows are
 * split between two threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-dataset"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kdl-dataset-private.h"

typedef struct
{
  KdlImportResult *result;
  KdlColumnMap    *map;
  char            *query;        /* ASCII letters folded to lower case */
  gboolean         query_folds;  /* it has ASCII letters */
  KdlDatasetSort   sort;
  char            *sort_column;
  gboolean         descending;
} Search;

typedef struct
{
  guint    position;
  gboolean is_number;
  double   number;
  char    *text;      /* the sort value, or NULL */
} Hit;

typedef struct
{
  Search       *search;
  GCancellable *cancellable;
  guint         from;
  guint         to;
  GArray       *hits;
} Slice;

static void
search_free (Search *search)
{
  g_clear_pointer (&search->result, kdl_import_result_unref);
  g_clear_pointer (&search->map, kdl_column_map_unref);
  g_free (search->query);
  g_free (search->sort_column);
  g_free (search);
}

static void
hit_clear (Hit *hit)
{
  g_clear_pointer (&hit->text, g_free);
}

/* Substring test, ASCII letters without case; @needle is folded. */
static gboolean
contains (const char *haystack,
          const char *needle,
          gboolean    fold)
{
  gsize n;
  char first;

  if (haystack == NULL)
    return FALSE;
  if (!fold)
    return strstr (haystack, needle) != NULL;

  n = strlen (needle);
  first = needle[0];
  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_tolower (*p) == first && g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
record_matches (Search          *search,
                const KdlRecord *record)
{
  GPtrArray *variables;

  if (search->query[0] == '\0')
    return TRUE;

  variables = kdl_column_map_get_variables (search->map);
  if (variables->len == 0)
    {
      for (guint i = 0; i < kdl_record_get_n_fields (record); i++)
        if (contains (kdl_record_get_value (record, i), search->query, search->query_folds))
          return TRUE;
      return FALSE;
    }

  for (guint i = 0; i < variables->len; i++)
    {
      g_autofree char *value = kdl_column_map_resolve (search->map, record,
                                                       g_ptr_array_index (variables, i));

      if (contains (value, search->query, search->query_folds))
        return TRUE;
    }

  return FALSE;
}

static void
fill_sort_key (Search          *search,
               const KdlRecord *record,
               Hit             *hit)
{
  g_autofree char *reading = NULL;
  const char *value;
  char *end = NULL;

  switch (search->sort)
    {
    case KDL_DATASET_SORT_READING_LENGTH:
      reading = kdl_column_map_resolve (search->map, record, "reading");
      hit->is_number = TRUE;
      hit->number = reading != NULL ? g_utf8_strlen (reading, -1) : 0;
      break;
    case KDL_DATASET_SORT_COLUMN:
      value = kdl_record_lookup (record, search->sort_column);
      if (value == NULL)
        break;
      hit->number = g_ascii_strtod (value, &end);
      hit->is_number = end != value && *end == '\0';
      if (!hit->is_number)
        hit->text = g_strdup (value);
      break;
    case KDL_DATASET_SORT_ROW:
    default:
      break;
    }
}

static gpointer
search_slice (gpointer user_data)
{
  Slice *slice = user_data;

  for (guint pos = slice->from; pos < slice->to; pos++)
    {
      g_autoptr(KdlRecord) record = NULL;
      Hit hit = { pos, FALSE, 0, NULL };

      if ((pos & 1023) == 0 && g_cancellable_is_cancelled (slice->cancellable))
        break;

      record = _kdl_dataset_parse (slice->search->result, pos);
      if (record == NULL || !record_matches (slice->search, record))
        continue;

      fill_sort_key (slice->search, record, &hit);
      g_array_append_val (slice->hits, hit);
    }

  return NULL;
}

/* Rows without a value last, numbers before text, then by position. */
static int
compare_hits (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Hit *ha = a;
  const Hit *hb = b;
  const Search *search = user_data;
  gboolean a_empty = !ha->is_number && ha->text == NULL;
  gboolean b_empty = !hb->is_number && hb->text == NULL;
  int cmp = 0;

  if (a_empty != b_empty)
    return a_empty ? 1 : -1;

  if (!a_empty)
    {
      if (ha->is_number && hb->is_number)
        cmp = (ha->number > hb->number) - (ha->number < hb->number);
      else if (ha->is_number != hb->is_number)
        cmp = ha->is_number ? -1 : 1;
      else
        cmp = strcmp (ha->text, hb->text);

      if (search->descending)
        cmp = -cmp;
    }

  if (cmp == 0)
    cmp = (ha->position > hb->position) - (ha->position < hb->position);

  return cmp;
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Search *search = task_data;
  guint n = search->result->spans->len;
  Slice slices[2];
  GThread *thread = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  GArray *positions;
  GError *error = NULL;

  g_array_set_clear_func (hits, (GDestroyNotify)hit_clear);

  for (guint i = 0; i < 2; i++)
    {
      slices[i].search = search;
      slices[i].cancellable = cancellable;
      slices[i].from = i == 0 ? 0 : n / 2;
      slices[i].to = i == 0 ? n / 2 : n;
      slices[i].hits = g_array_new (FALSE, FALSE, sizeof (Hit));
    }

  if (n >= 1000)
    thread = g_thread_new ("kdl-search", search_slice, &slices[1]);
  else
    search_slice (&slices[1]);
  search_slice (&slices[0]);
  if (thread != NULL)
    g_thread_join (thread);

  for (guint i = 0; i < 2; i++)
    {
      g_array_append_vals (hits, slices[i].hits->data, slices[i].hits->len);
      g_array_unref (slices[i].hits);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (search->sort != KDL_DATASET_SORT_ROW || search->descending)
    {
      if (search->sort == KDL_DATASET_SORT_ROW)
        for (guint i = 0; i < hits->len; i++)
          {
            Hit *hit = &g_array_index (hits, Hit, i);
            hit->is_number = TRUE;
            hit->number = g_array_index (search->result->spans, KdlSpan, hit->position).row;
          }
      g_array_sort_with_data (hits, compare_hits, search);
    }

  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), hits->len);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (positions, g_array_index (hits, Hit, i).position);

  g_task_return_pointer (task, positions, (GDestroyNotify)g_array_unref);
}

/**
 * kdl_dataset_search_async:
 * @query: text to find; "" finds every row
 * @sort: the order of the result
 * @sort_column: (nullable): the column for %KDL_DATASET_SORT_COLUMN
 *
 * Finds the rows whose mapped variables (reading, questions, answers and
 * the user's; every field when nothing is mapped) contain @query, ASCII
 * letters without regard to case, over the index as it is now.
 */
void
kdl_dataset_search_async (KdlDataset          *self,
                          const char          *query,
                          KdlDatasetSort       sort,
                          const char          *sort_column,
                          gboolean             descending,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Search *search;

  g_return_if_fail (KDL_IS_DATASET (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (sort != KDL_DATASET_SORT_COLUMN || sort_column != NULL);

  search = g_new0 (Search, 1);
  search->result = _kdl_dataset_ref_result (self);
  search->map = kdl_dataset_dup_column_map (self);
  search->query = g_ascii_strdown (query, -1);
  for (const char *p = query; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      search->query_folds = TRUE;
  search->sort = sort;
  search->sort_column = g_strdup (sort_column);
  search->descending = descending;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_dataset_search_async);
  g_task_set_task_data (task, search, (GDestroyNotify)search_free);
  g_task_run_in_thread (task, search_worker);
}

/* Returns: (transfer full) (element-type guint): positions of the rows found,
 * in the order asked for */
GArray *
kdl_dataset_search_finish (KdlDataset    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
