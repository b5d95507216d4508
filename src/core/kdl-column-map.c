/* kdl-column-map.c
 *
 * The default mapping recognises the usual column names: the Chinese ones
 * of raw exam sheets (阅读文本 | 选项 | 答案), English equivalents, and the
 * `input`/`output` of cleaned fine-tuning data, where the passage follows
 * `### 阅读文本` in `input` and the questions are `output`.  (The answers of
 * such rows live inside `output` and need the exam parser.)  The user's
 * `--map VAR=COLUMN` pairs win over all of that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-column-map.h"

struct _KdlColumnMap
{
  gatomicrefcount  ref;
  GPtrArray       *variables;   /* names, in order */
  GHashTable      *columns;     /* variable → column */
};

G_DEFINE_BOXED_TYPE (KdlColumnMap, kdl_column_map, kdl_column_map_ref, kdl_column_map_unref)

typedef struct
{
  const char *variable;
  const char *names[12];
} Recognised;

/* In order of preference; English names compare without case. */
static const Recognised recognised[] = {
  { "reading",   { "阅读文本", "阅读材料", "文本", "原文", "文章", "材料",
                   "reading", "passage", "text", "article", "context", NULL } },
  { "questions", { "选项", "题目", "试题", "问题", "questions", "question", "options", NULL } },
  { "answers",   { "答案", "参考答案", "answers", "answer", "key", NULL } },
};

static const char *
find_column (GPtrArray  *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);

      if (g_ascii_strcasecmp (column, name) == 0)
        return column;
    }
  return NULL;
}

/**
 * kdl_column_map_new:
 * @columns: (element-type utf8): the dataset's columns
 * @user_mapping: (nullable): variable → column pairs that override
 */
KdlColumnMap *
kdl_column_map_new (GPtrArray  *columns,
                    GHashTable *user_mapping)
{
  KdlColumnMap *self = g_new0 (KdlColumnMap, 1);

  g_atomic_ref_count_init (&self->ref);
  self->variables = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint v = 0; v < G_N_ELEMENTS (recognised); v++)
    {
      const char *found = NULL;

      for (guint n = 0; found == NULL && recognised[v].names[n] != NULL; n++)
        found = find_column (columns, recognised[v].names[n]);

      if (found == NULL && g_str_equal (recognised[v].variable, "reading"))
        found = find_column (columns, "input");
      /* Cleaned and exported records: questions and answers in one field
       * (`target` is the Spark fine-tuning upload format). */
      if (found == NULL && g_str_equal (recognised[v].variable, "questions"))
        found = find_column (columns, "output");
      if (found == NULL && g_str_equal (recognised[v].variable, "questions"))
        found = find_column (columns, "target");

      if (found != NULL)
        kdl_column_map_set (self, recognised[v].variable, found);
    }

  if (user_mapping != NULL)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (user_mapping);

      keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
      for (const GList *l = keys; l != NULL; l = l->next)
        kdl_column_map_set (self, l->data, g_hash_table_lookup (user_mapping, l->data));
    }

  return self;
}

KdlColumnMap *
kdl_column_map_ref (KdlColumnMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
kdl_column_map_unref (KdlColumnMap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_ptr_array_unref (self->variables);
  g_hash_table_unref (self->columns);
  g_free (self);
}

/* Returns: (nullable): the column @variable reads */
const char *
kdl_column_map_get (KdlColumnMap *self,
                    const char   *variable)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (variable != NULL, NULL);

  return g_hash_table_lookup (self->columns, variable);
}

/* Not thread-safe: change a map before sharing it. */
void
kdl_column_map_set (KdlColumnMap *self,
                    const char   *variable,
                    const char   *column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (variable != NULL);

  if (column == NULL)
    {
      if (g_hash_table_remove (self->columns, variable))
        for (guint i = 0; i < self->variables->len; i++)
          if (g_str_equal (g_ptr_array_index (self->variables, i), variable))
            {
              g_ptr_array_remove_index (self->variables, i);
              break;
            }
      return;
    }

  if (!g_hash_table_contains (self->columns, variable))
    g_ptr_array_add (self->variables, g_strdup (variable));
  g_hash_table_insert (self->columns, g_strdup (variable), g_strdup (column));
}

/* Returns: (transfer none) (element-type utf8): the mapped variables, in
 * the order reading, questions, answers, then the user's others */
GPtrArray *
kdl_column_map_get_variables (KdlColumnMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->variables;
}

/* The passage in an `input` that has the `### 阅读文本` marker line: the
 * text after that line; otherwise all of @text. */
const char *
kdl_column_map_extract_reading (const char *text)
{
  const char *marker;

  if (text == NULL)
    return NULL;

  marker = strstr (text, KDL_READING_MARKER);
  if (marker == NULL || (marker != text && marker[-1] != '\n'))
    return text;

  marker += strlen (KDL_READING_MARKER);
  while (*marker == ' ' || *marker == '\t' || *marker == '\r')
    marker++;
  if (*marker == '\n')
    marker++;

  return marker;
}

/**
 * kdl_column_map_resolve:
 *
 * The value of @variable for @record: `row` is the row id; a mapped
 * variable reads its column (`reading` only the passage after the marker
 * line); any other name reads the column of that name.
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
kdl_column_map_resolve (KdlColumnMap    *self,
                        const KdlRecord *record,
                        const char      *variable)
{
  const char *column;
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (variable != NULL, NULL);

  if (g_str_equal (variable, "row"))
    return g_strdup_printf ("%u", kdl_record_get_row (record));

  column = kdl_column_map_get (self, variable);
  value = kdl_record_lookup (record, column != NULL ? column : variable);

  if (column != NULL && g_str_equal (variable, "reading"))
    value = kdl_column_map_extract_reading (value);

  return g_strdup (value);
}
