/* kdl-template-library-files.c — the library's file work, in a worker:
 * saving, adding, importing, renaming, deleting, reverting, exporting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-template-entry-private.h"
#include "kdl-template-library.h"
#include "kdl-template-library-private.h"

/* "judge.zh.tmpl" → "judge" and "zh"; "mine.tmpl" → "mine" and NULL. */
char *
_kdl_template_split_basename (GFile       *file,
                const char **language)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot;

  *language = NULL;
  if (g_str_has_suffix (base, ".tmpl"))
    base[strlen (base) - strlen (".tmpl")] = '\0';

  dot = strrchr (base, '.');
  if (dot != NULL && kdl_template_normalize_language (dot + 1) != NULL)
    {
      *language = kdl_template_normalize_language (dot + 1);
      *dot = '\0';
    }

  return g_steal_pointer (&base);
}

GFile *
_kdl_template_user_file (const char *user_dir,
           const char *name,
           const char *language)
{
  g_autofree char *base = language != NULL ? g_strdup_printf ("%s.%s.tmpl", name, language)
                                           : g_strdup_printf ("%s.tmpl", name);
  g_autofree char *path = g_build_filename (user_dir, base, NULL);

  return g_file_new_for_path (path);
}

static gboolean
save_template (KdlTemplate  *template,
               GFile        *file,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (kdl_template_save (template, file, &local_error))
    return TRUE;

  g_set_error (error, local_error->domain, local_error->code,
               _("Could not write the template to %s: %s"),
               g_file_peek_path (file), local_error->message);
  return FALSE;
}

static gboolean
delete_file (GFile   *file,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_delete (file, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;

  g_set_error (error, local_error->domain, local_error->code,
               _("Could not delete %s: %s"), g_file_peek_path (file), local_error->message);
  return FALSE;
}

/* Picks "BASE", "BASE-2", "BASE-3"… not in @taken and with no file yet. */
static char *
pick_name (const char  *user_dir,
           const char  *base,
           GStrv        taken,
           GError     **error)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      g_autoptr(GFile) file = _kdl_template_user_file (user_dir, name, NULL);

      if (!kdl_template_name_is_valid (name) ||
          g_strv_contains (kdl_template_builtin_names (), name) ||
          g_strv_contains ((const char * const *)taken, name) ||
          g_file_query_exists (file, NULL))
        continue;

      return g_steal_pointer (&name);
    }

  g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
               _("Could not find a free name for “%s”; rename some templates first"), base);
  return NULL;
}

void
_kdl_template_library_run_op (GTask        *task,
        gpointer      source_object,
        gpointer      task_data,
        GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  switch (data->op)
    {
    case OP_RELOAD:
      data->builtins = kdl_template_list_builtins ();
      data->user = kdl_template_list_user (&data->errors);
      break;

    case OP_SAVE:
    case OP_EXPORT:
      if (!save_template (data->template, data->file, &error))
        break;
      data->written = g_object_ref (data->file);
      break;

    case OP_IMPORT:
      {
        g_autoptr(KdlTemplate) loaded = kdl_template_new_from_file (data->file, &error);

        if (loaded == NULL)
          break;
        g_set_object (&data->template, loaded);
        g_free (data->name);
        data->name = g_strdup (kdl_template_get_name (loaded));
      }
      G_GNUC_FALLTHROUGH;

    case OP_ADD:
      {
        g_autofree char *name = pick_name (data->user_dir, data->name, data->taken, &error);
        g_autoptr(GFile) file = NULL;

        if (name == NULL)
          break;
        kdl_template_set_name (data->template, name);
        file = _kdl_template_user_file (data->user_dir, name, NULL);
        if (!save_template (data->template, file, &error))
          break;
        g_free (data->name);
        data->name = g_steal_pointer (&name);
        data->written = g_steal_pointer (&file);
      }
      break;

    case OP_RENAME:
      {
        const char *language = NULL;
        g_autofree char *old_name = _kdl_template_split_basename (data->file, &language);
        g_autoptr(GFile) file = _kdl_template_user_file (data->user_dir, data->name, language);

        if (g_file_query_exists (file, NULL))
          {
            g_set_error (&error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
                         _("There is already a file %s; choose another name"), g_file_peek_path (file));
            break;
          }
        kdl_template_set_name (data->template, data->name);
        if (!save_template (data->template, file, &error))
          break;
        /* The new file is complete before the old one goes. */
        if (!delete_file (data->file, &error))
          {
            g_autoptr(GError) ignored = NULL;

            g_file_delete (file, NULL, &ignored);
            break;
          }
        data->written = g_steal_pointer (&file);
      }
      break;

    case OP_DELETE:
      delete_file (data->file, &error);
      break;

    case OP_REVERT:
      {
        const char *language = NULL;
        g_autofree char *name = _kdl_template_split_basename (data->file, &language);

        if (!delete_file (data->file, &error))
          break;

        /* NAME.tmpl applies to every language; with NAME.LANG.tmpl gone it
         * is what resolve finds. */
        if (language != NULL)
          {
            g_autoptr(GFile) generic = _kdl_template_user_file (data->user_dir, name, NULL);

            if (g_file_query_exists (generic, NULL))
              {
                data->fallback = kdl_template_new_from_file (generic, &error);
                if (data->fallback == NULL)
                  break;
                data->fallback_file = g_steal_pointer (&generic);
              }
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kdl_template_library_save_async:
 * @entry: the entry to save
 * @template: its new text; copied, its name and (for a built-in) its
 *   language are the entry's
 *
 * A user template is written over its file; a built-in to the user copy
 * NAME.LANG.tmpl, which from then on overrides it.  Atomic
 * (kdl_template_save()).  Finish with kdl_template_library_change_finish().
 */
void
kdl_template_library_save_async (KdlTemplateLibrary  *self,
                                 KdlTemplateEntry    *entry,
                                 KdlTemplate         *template,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE_ENTRY (entry));
  g_return_if_fail (KDL_IS_TEMPLATE (template));

  data = _kdl_template_library_op_new (OP_SAVE, entry);
  data->template = _kdl_template_copy (template);
  kdl_template_set_name (data->template, kdl_template_entry_get_name (entry));

  if (kdl_template_entry_is_builtin (entry))
    {
      const char *language = kdl_template_entry_get_language (entry);

      kdl_template_set_language (data->template, language);
      data->file = _kdl_template_user_file (self->user_dir, kdl_template_entry_get_name (entry), language);
    }
  else
    data->file = g_object_ref (kdl_template_entry_get_file (entry));

  _kdl_template_library_start_op (self, data, kdl_template_library_save_async, cancellable, callback, user_data);
}

static GStrv
taken_names (KdlTemplateLibrary *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->entries->len; i++)
    g_strv_builder_add (builder, kdl_template_entry_get_name (g_ptr_array_index (self->entries, i)));

  return g_strv_builder_end (builder);
}

/**
 * kdl_template_library_add_async:
 * @template: the new template's text (copied)
 * @base_name: (nullable): the name it should have; %NULL: @template's.
 *   When taken, "-2", "-3"… is added.
 *
 * Writes a new user template NAME.tmpl (duplicating, "New template").
 * Finish with kdl_template_library_add_finish().
 */
void
kdl_template_library_add_async (KdlTemplateLibrary  *self,
                                KdlTemplate         *template,
                                const char          *base_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE (template));

  data = _kdl_template_library_op_new (OP_ADD, NULL);
  data->template = _kdl_template_copy (template);
  data->name = g_strdup (base_name != NULL ? base_name : kdl_template_get_name (template));
  data->taken = taken_names (self);

  _kdl_template_library_start_op (self, data, kdl_template_library_add_async, cancellable, callback, user_data);
}

/**
 * kdl_template_library_import_async:
 * @file: a template file anywhere
 *
 * Reads @file (an error names its line and what is wrong) and adds it as a
 * new user template under its own name ("-2"… when taken).  Finish with
 * kdl_template_library_add_finish().
 */
void
kdl_template_library_import_async (KdlTemplateLibrary  *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  data = _kdl_template_library_op_new (OP_IMPORT, NULL);
  data->file = g_object_ref (file);
  data->taken = taken_names (self);

  _kdl_template_library_start_op (self, data, kdl_template_library_add_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the new entry, already in the list */
KdlTemplateEntry *
kdl_template_library_add_finish (KdlTemplateLibrary  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reports an error through a task without starting a worker. */
static void
refuse (KdlTemplateLibrary  *self,
        gpointer             source_tag,
        GError              *error,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

/**
 * kdl_template_library_rename_async:
 * @entry: a user template
 * @new_name: see kdl_template_library_name_is_free()
 *
 * Writes the saved text under NEW.tmpl (keeping a language suffix) with
 * the new name in its header, then deletes the old file.  Finish with
 * kdl_template_library_change_finish().
 */
void
kdl_template_library_rename_async (KdlTemplateLibrary  *self,
                                   KdlTemplateEntry    *entry,
                                   const char          *new_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GError *error = NULL;
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE_ENTRY (entry));

  if (kdl_template_entry_is_builtin (entry))
    {
      g_set_error_literal (&error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
                           _("A built-in template keeps its name; duplicate it to make one with another name"));
      refuse (self, kdl_template_library_rename_async, error, callback, user_data);
      return;
    }

  if (!kdl_template_library_name_is_free (self, new_name, entry, &error))
    {
      refuse (self, kdl_template_library_rename_async, error, callback, user_data);
      return;
    }

  data = _kdl_template_library_op_new (OP_RENAME, entry);
  data->template = _kdl_template_copy (kdl_template_entry_get_template (entry));
  data->file = g_object_ref (kdl_template_entry_get_file (entry));
  data->name = g_strdup (new_name);

  _kdl_template_library_start_op (self, data, kdl_template_library_rename_async, cancellable, callback, user_data);
}

/**
 * kdl_template_library_delete_async:
 * @entry: a user template, or an overridden built-in (which reverts it)
 *
 * Finish with kdl_template_library_change_finish().
 */
void
kdl_template_library_delete_async (KdlTemplateLibrary  *self,
                                   KdlTemplateEntry    *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE_ENTRY (entry));

  if (kdl_template_entry_is_builtin (entry))
    {
      kdl_template_library_revert_async (self, entry, cancellable, callback, user_data);
      return;
    }

  {
    OpData *data = _kdl_template_library_op_new (OP_DELETE, entry);

    data->file = g_object_ref (kdl_template_entry_get_file (entry));
    _kdl_template_library_start_op (self, data, kdl_template_library_delete_async, cancellable, callback, user_data);
  }
}

/**
 * kdl_template_library_revert_async:
 * @entry: an overridden built-in
 *
 * Deletes the user copy; the entry then holds the shipped text again (or
 * a user NAME.tmpl for every language, when there is one).  Finish with
 * kdl_template_library_change_finish().
 */
void
kdl_template_library_revert_async (KdlTemplateLibrary  *self,
                                   KdlTemplateEntry    *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE_ENTRY (entry));

  if (!kdl_template_entry_get_overridden (entry))
    {
      GError *error = NULL;

      g_set_error_literal (&error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                           kdl_template_entry_is_builtin (entry)
                             ? _("This built-in template has no changes to revert")
                             : _("Only a built-in template can be reverted; delete a template of your own instead"));
      refuse (self, kdl_template_library_revert_async, error, callback, user_data);
      return;
    }

  data = _kdl_template_library_op_new (OP_REVERT, entry);
  data->file = g_object_ref (kdl_template_entry_get_file (entry));
  _kdl_template_library_start_op (self, data, kdl_template_library_revert_async, cancellable, callback, user_data);
}

/**
 * kdl_template_library_export_async:
 * @template: what to write (copied)
 * @file: where, atomically
 *
 * Finish with kdl_template_library_change_finish().
 */
void
kdl_template_library_export_async (KdlTemplateLibrary  *self,
                                   KdlTemplate         *template,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));
  g_return_if_fail (KDL_IS_TEMPLATE (template));
  g_return_if_fail (G_IS_FILE (file));

  data = _kdl_template_library_op_new (OP_EXPORT, NULL);
  data->template = _kdl_template_copy (template);
  data->file = g_object_ref (file);
  _kdl_template_library_start_op (self, data, kdl_template_library_export_async, cancellable, callback, user_data);
}

/* Finishes save, rename, delete, revert and export. */
gboolean
kdl_template_library_change_finish (KdlTemplateLibrary  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
