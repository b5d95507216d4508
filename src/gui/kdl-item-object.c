/* kdl-item-object.c
 *
 * Made only for rows the list shows (KdlItemListModel), first empty and
 * then filled when its page is read.  The labels are worked out once per
 * update, so binding them to cells costs nothing.  A generate item shows
 * its judge's score; a judge item the structure check of what it judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-item-object"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-item-object.h"

struct _KdlItemObject
{
  GObject            parent_instance;

  gint64             id;
  gboolean           loaded;
  guint              row;
  guint              variant;
  KdlStoreStage      stage;
  KdlStoreItemState  state;
  guint              attempts;
  gboolean           has_score;
  double             score;
  char              *row_label;
  char              *stage_label;
  char              *state_label;
  char              *score_label;
  char              *check_label;
  char              *attempts_label;
  char              *error_label;
};

G_DEFINE_FINAL_TYPE (KdlItemObject, kdl_item_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  PROP_ROW_LABEL,
  PROP_STAGE_LABEL,
  PROP_STATE_LABEL,
  PROP_SCORE_LABEL,
  PROP_CHECK_LABEL,
  PROP_ATTEMPTS_LABEL,
  PROP_ERROR_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdl_item_object_finalize (GObject *object)
{
  KdlItemObject *self = (KdlItemObject *)object;

  g_free (self->row_label);
  g_free (self->stage_label);
  g_free (self->state_label);
  g_free (self->score_label);
  g_free (self->check_label);
  g_free (self->attempts_label);
  g_free (self->error_label);

  G_OBJECT_CLASS (kdl_item_object_parent_class)->finalize (object);
}

static void
kdl_item_object_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlItemObject *self = KDL_ITEM_OBJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ROW_LABEL:
      g_value_set_string (value, self->row_label);
      break;
    case PROP_STAGE_LABEL:
      g_value_set_string (value, self->stage_label);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, self->state_label);
      break;
    case PROP_SCORE_LABEL:
      g_value_set_string (value, self->score_label);
      break;
    case PROP_CHECK_LABEL:
      g_value_set_string (value, self->check_label);
      break;
    case PROP_ATTEMPTS_LABEL:
      g_value_set_string (value, self->attempts_label);
      break;
    case PROP_ERROR_LABEL:
      g_value_set_string (value, self->error_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_item_object_class_init (KdlItemObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_item_object_finalize;
  object_class->get_property = kdl_item_object_get_property;

#define LABEL(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  LABEL (PROP_ROW_LABEL, "row-label");
  LABEL (PROP_STAGE_LABEL, "stage-label");
  LABEL (PROP_STATE_LABEL, "state-label");
  LABEL (PROP_SCORE_LABEL, "score-label");
  LABEL (PROP_CHECK_LABEL, "check-label");
  LABEL (PROP_ATTEMPTS_LABEL, "attempts-label");
  LABEL (PROP_ERROR_LABEL, "error-label");
#undef LABEL
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_item_object_init (KdlItemObject *self)
{
}

/* An item not read yet: every label empty until it is. */
KdlItemObject *
kdl_item_object_new (gint64 id)
{
  KdlItemObject *self = g_object_new (KDL_TYPE_ITEM_OBJECT, NULL);

  self->id = id;

  return self;
}

static void
set_label (KdlItemObject  *self,
           char          **field,
           char           *value,
           guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* An item's state, for the user. */
const char *
kdl_item_state_label (KdlStoreItemState state)
{
  switch (state)
    {
    case KDL_STORE_ITEM_PENDING:
      return _("Pending");
    case KDL_STORE_ITEM_RUNNING:
      return _("Running");
    case KDL_STORE_ITEM_DONE:
      return _("Done");
    case KDL_STORE_ITEM_FAILED:
      return _("Failed");
    case KDL_STORE_ITEM_SKIPPED:
    default:
      return _("Skipped");
    }
}

const char *
kdl_item_stage_label (KdlStoreStage stage)
{
  return stage == KDL_STORE_STAGE_JUDGE ? _("Judge") : _("Generate");
}

static char *
format_score (const KdlStoreItem *judge)
{
  if (judge == NULL)
    return g_strdup ("");
  if (judge->has_score)
    return g_strdup_printf ("%g", judge->score);
  if (judge->state == KDL_STORE_ITEM_DONE)
    /* TRANSLATORS: the judge answered without a score that could be read */
    return g_strdup (_("no score"));

  return g_strdup ("");
}

/* "✓ 4 questions" or "✗ 2 problems" from the stored check. */
static char *
format_check (const KdlStoreItem *generated)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  JsonNode *problems;
  guint n_problems = 0;
  gint64 count = 0;

  if (generated == NULL || generated->check_ok < 0)
    return g_strdup ("");

  if (generated->check_json != NULL &&
      json_parser_load_from_data (parser, generated->check_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      count = json_object_get_int_member_with_default (object, "mcq_count", 0);
      problems = json_object_get_member (object, "problems");
      if (problems != NULL && JSON_NODE_HOLDS_ARRAY (problems))
        n_problems = json_array_get_length (json_node_get_array (problems));
    }

  if (generated->check_ok)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "✓ %u question", "✓ %u questions", (guint)count),
                            (guint)count);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "✗ %u problem", "✗ %u problems", n_problems), n_problems);
}

static char *
format_error (const KdlStoreItem *item,
              const KdlStoreItem *partner)
{
  const KdlStoreItem *failed = item;

  if (item->error_code == NULL && partner != NULL && partner->state == KDL_STORE_ITEM_FAILED)
    failed = partner;
  if (failed->error_code == NULL)
    return g_strdup ("");

  if (failed->error_message == NULL || *failed->error_message == '\0')
    return g_strdup (failed->error_code);

  /* TRANSLATORS: an item's error: its code, then what happened */
  return g_strdup_printf (_("%s: %s"), failed->error_code, failed->error_message);
}

/**
 * kdl_item_object_update:
 * @item: the item as stored now
 * @partner: (nullable): its judge (for a generate item) or what it judged
 *   (for a judge item)
 */
void
kdl_item_object_update (KdlItemObject      *self,
                        const KdlStoreItem *item,
                        const KdlStoreItem *partner)
{
  const KdlStoreItem *judge;
  const KdlStoreItem *generated;

  g_return_if_fail (KDL_IS_ITEM_OBJECT (self));
  g_return_if_fail (item != NULL && item->id == self->id);

  judge = item->stage == KDL_STORE_STAGE_JUDGE ? item : partner;
  generated = item->stage == KDL_STORE_STAGE_GENERATE ? item : partner;

  g_object_freeze_notify (G_OBJECT (self));

  self->row = item->row;
  self->variant = item->variant;
  self->stage = item->stage;
  self->state = item->state;
  self->attempts = item->attempts;
  self->has_score = judge != NULL && judge->has_score;
  self->score = self->has_score ? judge->score : 0;

  set_label (self, &self->row_label,
             item->variant > 0 ? g_strdup_printf ("%u #%u", item->row, item->variant + 1)
                               : g_strdup_printf ("%u", item->row),
             PROP_ROW_LABEL);
  set_label (self, &self->stage_label,
             g_strdup (kdl_item_stage_label (item->stage)), PROP_STAGE_LABEL);
  set_label (self, &self->state_label, g_strdup (kdl_item_state_label (item->state)), PROP_STATE_LABEL);
  set_label (self, &self->score_label, format_score (judge), PROP_SCORE_LABEL);
  set_label (self, &self->check_label, format_check (generated), PROP_CHECK_LABEL);
  set_label (self, &self->attempts_label, g_strdup_printf ("%u", item->attempts), PROP_ATTEMPTS_LABEL);
  set_label (self, &self->error_label, format_error (item, partner), PROP_ERROR_LABEL);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
kdl_item_object_get_id (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), 0);

  return self->id;
}

gboolean
kdl_item_object_get_loaded (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), FALSE);

  return self->loaded;
}

KdlStoreItemState
kdl_item_object_get_state (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), KDL_STORE_ITEM_PENDING);

  return self->state;
}

KdlStoreStage
kdl_item_object_get_stage (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), KDL_STORE_STAGE_GENERATE);

  return self->stage;
}

guint
kdl_item_object_get_row (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), 0);

  return self->row;
}

gboolean
kdl_item_object_get_has_score (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), FALSE);

  return self->has_score;
}

double
kdl_item_object_get_score (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), 0);

  return self->score;
}

const char *
kdl_item_object_get_score_label (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), NULL);

  return self->score_label;
}

const char *
kdl_item_object_get_state_label (KdlItemObject *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_OBJECT (self), NULL);

  return self->state_label;
}
