/* kdl-issue-item.c
 *
 * A KdlImportIssue as an object a list item can bind to.  `row-label` is
 * what the Row column shows: the row id, or a dash for a skipped line,
 * which has none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-issue-item"

#include "config.h"

#include "kdl-issue-item.h"

struct _KdlIssueItem
{
  GObject  parent_instance;

  guint    row;
  guint    line;
  char    *code;
  char    *message;
};

G_DEFINE_FINAL_TYPE (KdlIssueItem, kdl_issue_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW,
  PROP_ROW_LABEL,
  PROP_LINE,
  PROP_CODE,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdl_issue_item_finalize (GObject *object)
{
  KdlIssueItem *self = KDL_ISSUE_ITEM (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (kdl_issue_item_parent_class)->finalize (object);
}

static void
kdl_issue_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdlIssueItem *self = KDL_ISSUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    case PROP_ROW_LABEL:
      if (self->row == 0)
        /* A skipped line has no row id; its code says why. */
        g_value_set_string (value, "—");
      else
        g_value_take_string (value, g_strdup_printf ("%u", self->row));
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_issue_item_class_init (KdlIssueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_issue_item_finalize;
  object_class->get_property = kdl_issue_item_get_property;

  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_LABEL] =
    g_param_spec_string ("row-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_issue_item_init (KdlIssueItem *self)
{
}

KdlIssueItem *
kdl_issue_item_new (const KdlImportIssue *issue)
{
  KdlIssueItem *self;

  g_return_val_if_fail (issue != NULL, NULL);

  self = g_object_new (KDL_TYPE_ISSUE_ITEM, NULL);
  self->row = issue->row;
  self->line = issue->line;
  self->code = g_strdup (issue->code);
  self->message = g_strdup (issue->message);

  return self;
}

guint
kdl_issue_item_get_row (KdlIssueItem *self)
{
  g_return_val_if_fail (KDL_IS_ISSUE_ITEM (self), 0);
  return self->row;
}

guint
kdl_issue_item_get_line (KdlIssueItem *self)
{
  g_return_val_if_fail (KDL_IS_ISSUE_ITEM (self), 0);
  return self->line;
}

const char *
kdl_issue_item_get_code (KdlIssueItem *self)
{
  g_return_val_if_fail (KDL_IS_ISSUE_ITEM (self), NULL);
  return self->code;
}

const char *
kdl_issue_item_get_message (KdlIssueItem *self)
{
  g_return_val_if_fail (KDL_IS_ISSUE_ITEM (self), NULL);
  return self->message;
}
