/* kdl-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-record.h"

struct _KdlRecord
{
  gatomicrefcount  ref;
  guint            row;
  guint            line;
  GPtrArray       *names;
  GPtrArray       *values;
  char            *hash;
  GMutex           hash_lock;
};

G_DEFINE_BOXED_TYPE (KdlRecord, kdl_record, kdl_record_ref, kdl_record_unref)

KdlRecord *
kdl_record_new (guint row,
                guint line)
{
  KdlRecord *self = g_new0 (KdlRecord, 1);

  g_atomic_ref_count_init (&self->ref);
  self->row = row;
  self->line = line;
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->hash_lock);

  return self;
}

KdlRecord *
kdl_record_ref (KdlRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
kdl_record_unref (KdlRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->values);
  g_free (self->hash);
  g_mutex_clear (&self->hash_lock);
  g_free (self);
}

/* Adds a field; @value (nullable) is taken.  Importers call this while the
 * record is still theirs. */
void
kdl_record_take_field (KdlRecord  *self,
                       const char *name,
                       char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->values, value);
}

/* The row id of DESIGN.md: 1-based position among all records. */
guint
kdl_record_get_row (const KdlRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row;
}

/* The physical line (JSONL, CSV) or sheet row (XLSX) where it starts. */
guint
kdl_record_get_line (const KdlRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

guint
kdl_record_get_n_fields (const KdlRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->names->len;
}

const char *
kdl_record_get_name (const KdlRecord *self,
                     guint            i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->names->len, NULL);
  return g_ptr_array_index (self->names, i);
}

/* Returns: (nullable): the value, %NULL for JSON null */
const char *
kdl_record_get_value (const KdlRecord *self,
                      guint            i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->values->len, NULL);
  return g_ptr_array_index (self->values, i);
}

/* Returns: (nullable): the value of the field called @name */
const char *
kdl_record_lookup (const KdlRecord *self,
                   const char      *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->names, i), name))
      return g_ptr_array_index (self->values, i);

  return NULL;
}

/**
 * kdl_record_get_hash:
 *
 * The content hash: SHA-256 (hex) over the fields in order, each as
 * name NUL value NUL (a %NULL value as the byte 0xFF).  It depends on the
 * content only, not on the file format or the row's position, so a run can
 * tell whether a row changed since it was copied.
 */
const char *
kdl_record_get_hash (KdlRecord *self)
{
  const char *hash;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->hash_lock);
  if (self->hash == NULL)
    {
      GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);

      for (guint i = 0; i < self->names->len; i++)
        {
          const char *name = g_ptr_array_index (self->names, i);
          const char *value = g_ptr_array_index (self->values, i);

          g_checksum_update (sum, (const guchar *)name, strlen (name) + 1);
          /* 0xFF never occurs in UTF-8: null differs from "". */
          if (value != NULL)
            g_checksum_update (sum, (const guchar *)value, strlen (value));
          else
            g_checksum_update (sum, (const guchar *)"\xff", 1);
          g_checksum_update (sum, (const guchar *)"", 1);
        }
      self->hash = g_strdup (g_checksum_get_string (sum));
      g_checksum_free (sum);
    }
  hash = self->hash;
  g_mutex_unlock (&self->hash_lock);

  return hash;
}
