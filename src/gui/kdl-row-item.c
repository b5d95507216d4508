/* kdl-row-item.c
 *
 * What one line of the list shows: the row id, the mapped columns on one
 * line and the counts the exam parser finds.  Only rows on screen get an
 * item (KdlRowListModel), so parsing here costs a few rows at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-row-item"

#include "config.h"

#include "kdl-row-item.h"
#include "kdl-row-vars.h"

/* A cell shows one line: more text than this is never visible. */
#define CELL_CHARS 160

struct _KdlRowItem
{
  GObject     parent_instance;

  KdlDataset *dataset;
  guint       position;
  guint       row;
  char       *reading;
  char       *questions;
  char       *answers;
  guint       n_mcqs;
  guint       n_problems;
};

G_DEFINE_FINAL_TYPE (KdlRowItem, kdl_row_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_ROW,
  PROP_READING,
  PROP_QUESTIONS,
  PROP_ANSWERS,
  PROP_N_MCQS,
  PROP_N_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdl_row_item_finalize (GObject *object)
{
  KdlRowItem *self = KDL_ROW_ITEM (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->reading, g_free);
  g_clear_pointer (&self->questions, g_free);
  g_clear_pointer (&self->answers, g_free);

  G_OBJECT_CLASS (kdl_row_item_parent_class)->finalize (object);
}

static void
kdl_row_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdlRowItem *self = KDL_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    case PROP_READING:
      g_value_set_string (value, self->reading);
      break;
    case PROP_QUESTIONS:
      g_value_set_string (value, self->questions);
      break;
    case PROP_ANSWERS:
      g_value_set_string (value, self->answers);
      break;
    case PROP_N_MCQS:
      g_value_set_uint (value, self->n_mcqs);
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_item_class_init (KdlRowItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_row_item_finalize;
  object_class->get_property = kdl_row_item_get_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READING] =
    g_param_spec_string ("reading", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTIONS] =
    g_param_spec_string ("questions", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWERS] =
    g_param_spec_string ("answers", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MCQS] =
    g_param_spec_uint ("n-mcqs", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_row_item_init (KdlRowItem *self)
{
}

/**
 * kdl_row_item_one_line:
 * @text: (nullable): any text
 * @max_chars: the most characters to keep
 *
 * @text with every run of white space (line breaks, tabs, U+3000) turned
 * into one space, cut after @max_chars characters with an ellipsis.
 *
 * Returns: (transfer full): the line
 */
char *
kdl_row_item_one_line (const char *text,
                       guint       max_chars)
{
  GString *line;
  gboolean space = FALSE;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  line = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          space = line->len > 0;
          continue;
        }
      if (n >= max_chars)
        {
          g_string_append (line, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (line, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (line, c);
      n++;
    }

  return g_string_free (line, FALSE);
}

static gboolean
set_text (char       **field,
          const char  *text)
{
  g_autofree char *line = kdl_row_item_one_line (text, CELL_CHARS);

  if (g_strcmp0 (*field, line) == 0)
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&line);
  return TRUE;
}

/* Without an answers column the answers are the parsed ones ("1.C 2.B"),
 * as the template variable `answers` has them. */
static char *
parsed_answers (const KdlExam *exam)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, i);

      if (mcq->answer == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%u.%s", mcq->number, mcq->answer);
    }

  return g_string_free (out, FALSE);
}

/**
 * kdl_row_item_reload:
 *
 * Reads the row again with the dataset's current column map.
 */
void
kdl_row_item_reload (KdlRowItem *self)
{
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(KdlExam) exam = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *answers = NULL;
  guint n_mcqs = 0;
  guint n_problems = 0;

  g_return_if_fail (KDL_IS_ROW_ITEM (self));

  record = kdl_dataset_get_record (self->dataset, self->position);
  if (record != NULL)
    {
      map = kdl_dataset_dup_column_map (self->dataset);
      reading = kdl_column_map_resolve (map, record, "reading");
      questions = kdl_column_map_resolve (map, record, "questions");
      exam = kdl_row_vars_parse_exam (map, record);
      if (kdl_column_map_get (map, "answers") != NULL)
        answers = kdl_column_map_resolve (map, record, "answers");
      else
        answers = parsed_answers (exam);
      n_mcqs = exam->mcqs->len;
      /* A row with no questions column has nothing to parse: no problem. */
      n_problems = questions != NULL && *questions != '\0' ? exam->problems->len : 0;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (set_text (&self->reading, reading))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING]);
  if (set_text (&self->questions, questions))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTIONS]);
  if (set_text (&self->answers, answers))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERS]);
  if (self->n_mcqs != n_mcqs)
    {
      self->n_mcqs = n_mcqs;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MCQS]);
    }
  if (self->n_problems != n_problems)
    {
      self->n_problems = n_problems;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kdl_row_item_new:
 * @dataset: the dataset
 * @position: a loaded row's position in @dataset
 *
 * Parses the row at once (the list asks only for rows it shows).
 */
KdlRowItem *
kdl_row_item_new (KdlDataset *dataset,
                  guint       position)
{
  KdlRowItem *self;

  g_return_val_if_fail (KDL_IS_DATASET (dataset), NULL);

  self = g_object_new (KDL_TYPE_ROW_ITEM, NULL);
  self->dataset = g_object_ref (dataset);
  self->position = position;
  self->row = kdl_dataset_get_row_id (dataset, position);
  kdl_row_item_reload (self);

  return self;
}

guint
kdl_row_item_get_position (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), 0);
  return self->position;
}

guint
kdl_row_item_get_row (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), 0);
  return self->row;
}

const char *
kdl_row_item_get_reading (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), NULL);
  return self->reading;
}

const char *
kdl_row_item_get_questions (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), NULL);
  return self->questions;
}

const char *
kdl_row_item_get_answers (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), NULL);
  return self->answers;
}

guint
kdl_row_item_get_n_mcqs (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), 0);
  return self->n_mcqs;
}

guint
kdl_row_item_get_n_problems (KdlRowItem *self)
{
  g_return_val_if_fail (KDL_IS_ROW_ITEM (self), 0);
  return self->n_problems;
}
