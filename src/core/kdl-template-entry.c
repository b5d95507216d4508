/* kdl-template-entry.c
 *
 * An entry is what the template list shows: a built-in (one name in one
 * language; the user copy that overrides it, when there is one, holds its
 * current text) or a template file of the user's.  Its template is the
 * saved text; editors work on a copy (kdl_template_entry_dup_template()).
 * Only KdlTemplateLibrary changes entries, on the main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include "kdl-template-entry.h"
#include "kdl-template-entry-private.h"

struct _KdlTemplateEntry
{
  GObject      parent_instance;

  char        *key;
  char        *name;
  KdlTemplate *builtin;     /* the shipped text; NULL for a user template */
  KdlTemplate *template;    /* the saved text in effect */
  GFile       *file;        /* the user file holding it, if any */
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_LANGUAGE,
  PROP_KIND,
  PROP_DESCRIPTION,
  PROP_BUILTIN,
  PROP_OVERRIDDEN,
  PROP_FILE,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdlTemplateEntry, kdl_template_entry, G_TYPE_OBJECT)

static void
kdl_template_entry_finalize (GObject *object)
{
  KdlTemplateEntry *self = (KdlTemplateEntry *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->builtin);
  g_clear_object (&self->template);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (kdl_template_entry_parent_class)->finalize (object);
}

static void
kdl_template_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdlTemplateEntry *self = KDL_TEMPLATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, kdl_template_entry_get_language (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, kdl_template_entry_get_kind (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, kdl_template_entry_get_description (self));
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin != NULL);
      break;
    case PROP_OVERRIDDEN:
      g_value_set_boolean (value, kdl_template_entry_get_overridden (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_entry_class_init (KdlTemplateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdl_template_entry_finalize;
  object_class->get_property = kdl_template_entry_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KDL_TYPE_TEMPLATE_KIND,
                                             KDL_TEMPLATE_KIND_GENERATE, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  properties[PROP_BUILTIN] = g_param_spec_boolean ("builtin", NULL, NULL, FALSE, ro);
  properties[PROP_OVERRIDDEN] = g_param_spec_boolean ("overridden", NULL, NULL, FALSE, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_TEMPLATE] = g_param_spec_object ("template", NULL, NULL, KDL_TYPE_TEMPLATE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_template_entry_init (KdlTemplateEntry *self)
{
}

KdlTemplateEntry *
_kdl_template_entry_new_builtin (KdlTemplate *builtin)
{
  KdlTemplateEntry *self = g_object_new (KDL_TYPE_TEMPLATE_ENTRY, NULL);

  self->name = g_strdup (kdl_template_get_name (builtin));
  self->key = g_strdup_printf ("builtin:%s.%s", self->name, kdl_template_get_language (builtin));
  self->builtin = g_object_ref (builtin);
  self->template = g_object_ref (builtin);

  return self;
}

KdlTemplateEntry *
_kdl_template_entry_new_user (const char  *name,
                              KdlTemplate *template,
                              GFile       *file)
{
  KdlTemplateEntry *self = g_object_new (KDL_TYPE_TEMPLATE_ENTRY, NULL);

  self->name = g_strdup (name);
  self->key = g_file_get_path (file);
  self->template = g_object_ref (template);
  self->file = g_object_ref (file);

  return self;
}

/* @file: (nullable): for a built-in, the user copy overriding it (%NULL:
 *   none, @template is then the shipped text) */
void
_kdl_template_entry_update (KdlTemplateEntry *self,
                            const char       *name,
                            KdlTemplate      *template,
                            GFile            *file)
{
  gboolean was_overridden = kdl_template_entry_get_overridden (self);

  g_return_if_fail (KDL_IS_TEMPLATE_ENTRY (self));
  g_return_if_fail (KDL_IS_TEMPLATE (template));

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }

  if (self->builtin == NULL && file != NULL)
    {
      g_autofree char *key = g_file_get_path (file);

      if (g_strcmp0 (self->key, key) != 0)
        {
          g_free (self->key);
          self->key = g_steal_pointer (&key);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
        }
    }

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  /* Always: the text changed even when the object did not. */
  g_set_object (&self->template, template);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);

  if (was_overridden != kdl_template_entry_get_overridden (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERRIDDEN]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* "builtin:NAME.LANG" for a built-in, the file's path for a user template:
 * stable across reloads, so a view can find its entry again. */
const char *
kdl_template_entry_get_key (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return self->key;
}

/* What `--template NAME` takes: a built-in's name, or the user file's
 * name without ".tmpl" (and without a language suffix). */
const char *
kdl_template_entry_get_name (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return self->name;
}

/* Returns: (nullable): "zh" or "en"; a built-in's is fixed */
const char *
kdl_template_entry_get_language (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);

  if (self->builtin != NULL)
    return kdl_template_get_language (self->builtin);

  return kdl_template_get_language (self->template);
}

KdlTemplateKind
kdl_template_entry_get_kind (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), KDL_TEMPLATE_KIND_GENERATE);
  return kdl_template_get_kind (self->template);
}

const char *
kdl_template_entry_get_description (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return kdl_template_get_description (self->template);
}

gboolean
kdl_template_entry_is_builtin (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), FALSE);
  return self->builtin != NULL;
}

/* Whether a user copy replaces the shipped text of this built-in. */
gboolean
kdl_template_entry_get_overridden (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), FALSE);
  return self->builtin != NULL && self->file != NULL;
}

/* Returns: (transfer none) (nullable): the user file with the text in
 *   effect; %NULL for a built-in nobody changed */
GFile *
kdl_template_entry_get_file (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return self->file;
}

/* Returns: (transfer none): the saved template; do not change it, edit a
 *   copy from kdl_template_entry_dup_template() */
KdlTemplate *
kdl_template_entry_get_template (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return self->template;
}

/* A copy made with the setters: exact, whatever the body holds. */
KdlTemplate *
_kdl_template_copy (KdlTemplate *template)
{
  KdlTemplate *copy = kdl_template_new (kdl_template_get_name (template),
                                        kdl_template_get_kind (template));

  kdl_template_set_description (copy, kdl_template_get_description (template));
  kdl_template_set_language (copy, kdl_template_get_language (template));
  kdl_template_set_temperature (copy, kdl_template_get_temperature (template));
  kdl_template_set_max_tokens (copy, kdl_template_get_max_tokens (template));
  if (kdl_template_get_kind (template) == KDL_TEMPLATE_KIND_JUDGE)
    kdl_template_set_score_max (copy, kdl_template_get_score_max (template));
  /* Already checked when it was set. */
  kdl_template_set_score_pattern (copy, kdl_template_get_score_pattern (template), NULL);
  kdl_template_set_body (copy, kdl_template_get_body (template));

  return copy;
}

/* Returns: (transfer full): a copy of the saved template, to edit */
KdlTemplate *
kdl_template_entry_dup_template (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return _kdl_template_copy (self->template);
}

/* Returns: (transfer full) (nullable): a copy of the shipped text of a
 *   built-in; %NULL for a user template */
KdlTemplate *
kdl_template_entry_dup_builtin (KdlTemplateEntry *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_ENTRY (self), NULL);
  return self->builtin != NULL ? _kdl_template_copy (self->builtin) : NULL;
}
