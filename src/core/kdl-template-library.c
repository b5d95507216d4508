/* kdl-template-library.c — the built-in and user templates, as a list model
 *
 * The list: every built-in in every language (kdl_template_builtin_names()
 * order, Chinese first), then the user's templates by name.  It follows
 * kdl_template_resolve(): a user file NAME.LANG.tmpl (or NAME.tmpl) whose
 * NAME is a built-in's overrides that built-in, so it shows as the
 * built-in, "overridden", not as a template of its own.  Saving a built-in
 * writes NAME.LANG.tmpl; reverting deletes it.  The shipped text is never
 * changed.
 *
 * All file work runs in a worker (GTask, kdl-template-library-files.c);
 * the model changes on the caller's main context, before the callback runs.
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

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlTemplateLibrary, kdl_template_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return KDL_TYPE_TEMPLATE_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return KDL_TEMPLATE_LIBRARY (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KdlTemplateLibrary *self = KDL_TEMPLATE_LIBRARY (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
kdl_template_library_finalize (GObject *object)
{
  KdlTemplateLibrary *self = (KdlTemplateLibrary *)object;

  g_clear_pointer (&self->user_dir, g_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (kdl_template_library_parent_class)->finalize (object);
}

static void
kdl_template_library_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdlTemplateLibrary *self = KDL_TEMPLATE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_library_class_init (KdlTemplateLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_template_library_finalize;
  object_class->get_property = kdl_template_library_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_template_library_init (KdlTemplateLibrary *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
}

/**
 * kdl_template_library_new:
 * @user_dir: (nullable): the folder of user templates; %NULL means
 *   kdl_template_get_user_dir()
 *
 * Returns: (transfer full): an empty library; call
 *   kdl_template_library_reload_async() to fill it
 */
KdlTemplateLibrary *
kdl_template_library_new (const char *user_dir)
{
  KdlTemplateLibrary *self = g_object_new (KDL_TYPE_TEMPLATE_LIBRARY, NULL);

  self->user_dir = user_dir != NULL ? g_strdup (user_dir) : kdl_template_get_user_dir ();

  return self;
}

const char *
kdl_template_library_get_user_dir (KdlTemplateLibrary *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), NULL);
  return self->user_dir;
}

/* Whether a reload has finished at least once. */
gboolean
kdl_template_library_get_loaded (KdlTemplateLibrary *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), FALSE);
  return self->loaded;
}

/* Returns: (transfer none) (element-type GError): one error per user file
 *   the last reload could not read (each names the file and the line) */
GPtrArray *
kdl_template_library_get_errors (KdlTemplateLibrary *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), NULL);
  return self->errors;
}

/**
 * kdl_template_library_find:
 * @language: (nullable): "zh" or "en"; %NULL matches any
 *
 * Returns: (transfer none) (nullable): the entry named @name in @language,
 *   the one kdl_template_resolve() would use
 */
KdlTemplateEntry *
kdl_template_library_find (KdlTemplateLibrary *self,
                           const char         *name,
                           const char         *language)
{
  KdlTemplateEntry *any = NULL;

  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  language = kdl_template_normalize_language (language);

  for (guint i = 0; i < self->entries->len; i++)
    {
      KdlTemplateEntry *entry = g_ptr_array_index (self->entries, i);
      const char *entry_language = kdl_template_entry_get_language (entry);

      if (!g_str_equal (kdl_template_entry_get_name (entry), name))
        continue;
      if (language == NULL || g_strcmp0 (entry_language, language) == 0)
        return entry;
      if (entry_language == NULL && any == NULL)
        any = entry;
    }

  return any;
}

/* Returns: (transfer none) (nullable): the entry with kdl_template_entry_get_key() @key */
KdlTemplateEntry *
kdl_template_library_lookup_key (KdlTemplateLibrary *self,
                                 const char         *key)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), NULL);

  for (guint i = 0; key != NULL && i < self->entries->len; i++)
    {
      KdlTemplateEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (kdl_template_entry_get_key (entry), key))
        return entry;
    }

  return NULL;
}

/**
 * kdl_template_library_name_is_free:
 * @except: (nullable): an entry that may keep its own name (renaming)
 *
 * Returns: whether @name can name a new user template: valid, not a
 *   built-in's (a user file of that name would replace the built-in), not
 *   another user template's
 */
gboolean
kdl_template_library_name_is_free (KdlTemplateLibrary  *self,
                                   const char          *name,
                                   KdlTemplateEntry    *except,
                                   GError             **error)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIBRARY (self), FALSE);

  if (!kdl_template_name_is_valid (name))
    {
      g_set_error_literal (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
                           _("A template name has 1–64 characters, none of them “/”, “\\”, “|”, “{” or “}”, "
                             "and no space at either end"));
      return FALSE;
    }

  if (g_strv_contains (kdl_template_builtin_names (), name))
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
                   _("“%s” is the name of a built-in template; choose another name"), name);
      return FALSE;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      KdlTemplateEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry != except && g_str_equal (kdl_template_entry_get_name (entry), name))
        {
          g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE,
                       _("There is already a template named “%s”; choose another name"), name);
          return FALSE;
        }
    }

  return TRUE;
}

static void
op_data_free (OpData *data)
{
  g_free (data->user_dir);
  g_clear_object (&data->entry);
  g_clear_object (&data->template);
  g_clear_object (&data->file);
  g_free (data->name);
  g_strfreev (data->taken);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->builtins, g_ptr_array_unref);
  g_clear_pointer (&data->user, g_ptr_array_unref);
  g_clear_pointer (&data->errors, g_ptr_array_unref);
  g_clear_object (&data->written);
  g_clear_object (&data->fallback);
  g_clear_object (&data->fallback_file);
  g_free (data);
}

/* Applying results on the main context ------------------------------- */

static void
replace_all (KdlTemplateLibrary *self,
             GPtrArray          *entries)
{
  guint removed = self->entries->len;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_ptr_array_ref (entries);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, entries->len);
}

static int
compare_user (gconstpointer a,
              gconstpointer b)
{
  KdlTemplateEntry *ea = *(KdlTemplateEntry **)a;
  KdlTemplateEntry *eb = *(KdlTemplateEntry **)b;
  int cmp = g_utf8_collate (kdl_template_entry_get_name (ea), kdl_template_entry_get_name (eb));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (kdl_template_entry_get_language (ea), kdl_template_entry_get_language (eb));
}

static void
apply_reload (KdlTemplateLibrary *self,
              OpData             *data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* User files named after a built-in, by "NAME.LANG" or "NAME". */
  for (guint i = 0; i < data->user->len; i++)
    {
      KdlTemplate *template = g_ptr_array_index (data->user, i);
      const char *language = NULL;
      g_autofree char *name = _kdl_template_split_basename (kdl_template_get_file (template), &language);

      if (g_strv_contains (kdl_template_builtin_names (), name))
        g_hash_table_insert (overrides,
                             language ? g_strdup_printf ("%s.%s", name, language) : g_strdup (name),
                             template);
      else
        g_ptr_array_add (users, _kdl_template_entry_new_user (name, template,
                                                             kdl_template_get_file (template)));
    }

  for (guint i = 0; i < data->builtins->len; i++)
    {
      KdlTemplate *builtin = g_ptr_array_index (data->builtins, i);
      const char *name = kdl_template_get_name (builtin);
      g_autofree char *key = g_strdup_printf ("%s.%s", name, kdl_template_get_language (builtin));
      KdlTemplateEntry *entry = _kdl_template_entry_new_builtin (builtin);
      KdlTemplate *user = g_hash_table_lookup (overrides, key);

      if (user == NULL)
        user = g_hash_table_lookup (overrides, name);
      if (user != NULL)
        _kdl_template_entry_update (entry, name, user, kdl_template_get_file (user));
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (users, compare_user);
  g_ptr_array_extend_and_steal (entries, g_steal_pointer (&users));

  g_clear_pointer (&self->errors, g_ptr_array_unref);
  self->errors = g_steal_pointer (&data->errors);

  replace_all (self, entries);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
insert_sorted (KdlTemplateLibrary *self,
               KdlTemplateEntry   *entry)
{
  guint position = self->entries->len;

  for (guint i = 0; i < self->entries->len; i++)
    {
      KdlTemplateEntry *other = g_ptr_array_index (self->entries, i);

      if (!kdl_template_entry_is_builtin (other) && compare_user (&entry, &other) < 0)
        {
          position = i;
          break;
        }
    }

  g_ptr_array_insert (self->entries, position, g_object_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
remove_entry (KdlTemplateLibrary *self,
              KdlTemplateEntry   *entry)
{
  guint position;

  if (!g_ptr_array_find (self->entries, entry, &position))
    return;

  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
on_op_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KdlTemplateLibrary *self = KDL_TEMPLATE_LIBRARY (object);
  OpData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&data->outer);
  g_autoptr(GError) error = NULL;
  KdlTemplateEntry *added = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  switch (data->op)
    {
    case OP_RELOAD:
      apply_reload (self, data);
      break;

    case OP_SAVE:
      _kdl_template_entry_update (data->entry, kdl_template_entry_get_name (data->entry),
                                  data->template, data->written);
      break;

    case OP_ADD:
    case OP_IMPORT:
      added = _kdl_template_entry_new_user (data->name, data->template, data->written);
      insert_sorted (self, added);
      g_task_return_pointer (outer, added, g_object_unref);
      return;

    case OP_RENAME:
      _kdl_template_entry_update (data->entry, data->name, data->template, data->written);
      break;

    case OP_DELETE:
    case OP_REVERT:
      if (!kdl_template_entry_is_builtin (data->entry))
        remove_entry (self, data->entry);
      else if (data->fallback != NULL)
        _kdl_template_entry_update (data->entry, kdl_template_entry_get_name (data->entry),
                                    data->fallback, data->fallback_file);
      else
        {
          g_autoptr(KdlTemplate) builtin = kdl_template_entry_dup_builtin (data->entry);

          _kdl_template_entry_update (data->entry, kdl_template_entry_get_name (data->entry),
                                      builtin, NULL);
        }
      break;

    case OP_EXPORT:
    default:
      break;
    }

  g_task_return_boolean (outer, TRUE);
}

/* Starts @data->op in a worker; @data->outer reports to @callback. */
void
_kdl_template_library_start_op (KdlTemplateLibrary  *self,
          OpData              *data,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;

  data->user_dir = g_strdup (self->user_dir);
  data->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (data->outer, source_tag);

  inner = g_task_new (self, cancellable, on_op_done, NULL);
  g_task_set_task_data (inner, data, (GDestroyNotify)op_data_free);
  g_task_run_in_thread (inner, _kdl_template_library_run_op);
}

OpData *
_kdl_template_library_op_new (Op                op,
             KdlTemplateEntry *entry)
{
  OpData *data = g_new0 (OpData, 1);

  data->op = op;
  data->entry = entry != NULL ? g_object_ref (entry) : NULL;

  return data;
}

/**
 * kdl_template_library_reload_async:
 *
 * Reads the built-ins and the user folder again and replaces every entry
 * (views find theirs again by kdl_template_entry_get_key()).
 */
void
kdl_template_library_reload_async (KdlTemplateLibrary  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (self));

  _kdl_template_library_start_op (self, _kdl_template_library_op_new (OP_RELOAD, NULL), kdl_template_library_reload_async,
            cancellable, callback, user_data);
}

gboolean
kdl_template_library_reload_finish (KdlTemplateLibrary  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

