/* kdl-row-detail.c
 *
 * The detail pane of the Dataset view: the row's full passage, its
 * questions as the exam parser reads them (the correct options marked),
 * the short-answer questions set aside with their answers, the parser's
 * problems and every raw field.  It reads the row through the dataset's
 * current column map, so a new mapping shows after kdl_row_detail_reload().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-row-detail"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-row-detail.h"
#include "kdl-row-vars.h"

/* A raw field longer than this shows its start and says how much is left
 * out (the passage above always shows in full). */
#define RAW_CHARS 4000

struct _KdlRowDetail
{
  AdwBin       parent_instance;

  KdlDataset  *dataset;
  int          position;
  guint        n_mcqs;
  guint        n_short;
  guint        n_problems;

  GtkStack    *stack;
  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
  GtkTextView *passage_view;
  GtkLabel    *empty_passage_label;
  GtkLabel    *mcq_heading;
  GtkBox      *mcq_box;
  GtkLabel    *short_heading;
  GtkBox      *short_box;
  GtkLabel    *problems_heading;
  GtkListBox  *problems_list;
  GtkExpander *raw_expander;
  GtkGrid     *raw_grid;
};

G_DEFINE_FINAL_TYPE (KdlRowDetail, kdl_row_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdl_row_detail_dispose (GObject *object)
{
  KdlRowDetail *self = KDL_ROW_DETAIL (object);

  /* The bin's child is a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_ROW_DETAIL);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (kdl_row_detail_parent_class)->dispose (object);
}

static void
kdl_row_detail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdlRowDetail *self = KDL_ROW_DETAIL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_detail_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KdlRowDetail *self = KDL_ROW_DETAIL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      kdl_row_detail_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      kdl_row_detail_set_position (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_detail_class_init (KdlRowDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_row_detail_dispose;
  object_class->get_property = kdl_row_detail_get_property;
  object_class->set_property = kdl_row_detail_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, KDL_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A position among the dataset's loaded rows, -1 for none. */
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-row-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, passage_view);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, empty_passage_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, mcq_heading);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, mcq_box);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, short_heading);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, short_box);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, problems_list);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, raw_expander);
  gtk_widget_class_bind_template_child (widget_class, KdlRowDetail, raw_grid);
}

static void
kdl_row_detail_init (KdlRowDetail *self)
{
  self->position = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_row_detail_new (void)
{
  return g_object_new (KDL_TYPE_ROW_DETAIL, NULL);
}

/* Building blocks */

static GtkWidget *
text_label (const char *text,
            gboolean    selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);

  return label;
}

/* "7. stem", the number in bold. */
static GtkWidget *
numbered_label (guint       number,
                const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%u.</b> %s", number, text != NULL ? text : "");
  GtkWidget *label = text_label (NULL, TRUE);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  return label;
}

static GtkWidget *
card_box (const char *css_class)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, css_class);
  return card;
}

static GtkWidget *
card_content (GtkWidget *card)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (card), box);
  return box;
}

static GtkWidget *
answer_label (const char *answer,
              gboolean    multiple_choice)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (answer == NULL)
    {
      label = text_label (_("No answer given"), FALSE);
      gtk_widget_add_css_class (label, "warning");
      return label;
    }

  /* Translators: the answer of a question, e.g. “Answer: AC” */
  text = g_strdup_printf (_("Answer: %s"), answer);
  label = text_label (text, TRUE);
  gtk_widget_add_css_class (label, multiple_choice ? "answer" : "dim-label");
  return label;
}

static GtkWidget *
option_row (const KdlExamOption *option,
            gboolean             correct)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *letter = g_strdup_printf ("%c.", option->letter);
  GtkWidget *letter_label = gtk_label_new (letter);
  GtkWidget *text = text_label (option->text, TRUE);

  gtk_widget_add_css_class (row, "option");
  gtk_label_set_width_chars (GTK_LABEL (letter_label), 2);
  gtk_label_set_xalign (GTK_LABEL (letter_label), 0);
  gtk_widget_set_valign (letter_label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), letter_label);
  gtk_box_append (GTK_BOX (row), text);

  if (correct)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (row, "correct-option");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (icon, _("Correct answer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correct answer"),
                                      -1);
      gtk_box_append (GTK_BOX (row), icon);
    }

  return row;
}

static GtkWidget *
mcq_widget (const KdlExamMcq *mcq)
{
  GtkWidget *card = card_box ("mcq");
  GtkWidget *box = card_content (card);

  gtk_box_append (GTK_BOX (box), numbered_label (mcq->number, mcq->stem));
  for (guint i = 0; i < mcq->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);
      gboolean correct = mcq->answer != NULL && strchr (mcq->answer, option->letter) != NULL;

      gtk_box_append (GTK_BOX (box), option_row (option, correct));
    }
  gtk_box_append (GTK_BOX (box), answer_label (mcq->answer, TRUE));

  return card;
}

static GtkWidget *
short_answer_widget (const KdlExamShortAnswer *question)
{
  GtkWidget *card = card_box ("short-answer");
  GtkWidget *box = card_content (card);

  gtk_box_append (GTK_BOX (box), numbered_label (question->number, question->text));
  gtk_box_append (GTK_BOX (box), answer_label (question->answer, FALSE));
  if (question->answer_note != NULL)
    {
      GtkWidget *note = text_label (question->answer_note, TRUE);

      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
    }

  return card;
}

static GtkWidget *
problem_row (const KdlExamProblem *problem)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *message = text_label (problem->message, TRUE);
  g_autofree char *where = NULL;
  GtkWidget *code;

  if (problem->question > 0)
    /* Translators: a problem's stable code, then the question it is about */
    where = g_strdup_printf (_("%s · question %u"), problem->code, problem->question);
  else
    where = g_strdup (problem->code);
  code = text_label (where, TRUE);
  gtk_widget_add_css_class (code, "monospace");
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "caption");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), message);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "problem");

  return row;
}

static void
add_raw_field (KdlRowDetail *self,
               guint         index,
               const char   *name,
               const char   *value)
{
  GtkWidget *name_label = text_label (name, TRUE);
  g_autofree char *shown = NULL;
  glong n_chars = value != NULL ? g_utf8_strlen (value, -1) : 0;
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_widget_set_valign (name_label, GTK_ALIGN_START);

  if (n_chars > RAW_CHARS)
    {
      g_autofree char *more = NULL;
      GtkWidget *more_label;

      shown = g_utf8_substring (value, 0, RAW_CHARS);
      more = g_strdup_printf (ngettext ("… and %ld more character, not shown here",
                                        "… and %ld more characters, not shown here",
                                        n_chars - RAW_CHARS),
                              n_chars - RAW_CHARS);
      gtk_box_append (GTK_BOX (value_box), text_label (shown, TRUE));
      more_label = text_label (more, FALSE);
      gtk_widget_add_css_class (more_label, "dim-label");
      gtk_box_append (GTK_BOX (value_box), more_label);
    }
  else
    gtk_box_append (GTK_BOX (value_box), text_label (value != NULL ? value : "", TRUE));

  gtk_widget_set_hexpand (value_box, TRUE);
  gtk_grid_attach (self->raw_grid, name_label, 0, index, 1, 1);
  gtk_grid_attach (self->raw_grid, value_box, 1, index, 1, 1);
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_grid_remove (GTK_GRID (parent), child);
    }
}

static void
set_heading (GtkLabel   *heading,
             const char *title,
             guint       n)
{
  /* Translators: a section title and how many items it has, e.g. “Problems (2)” */
  g_autofree char *text = g_strdup_printf (_("%s (%u)"), title, n);

  gtk_label_set_text (heading, text);
  gtk_widget_set_visible (GTK_WIDGET (heading), n > 0);
}

static void
show_row (KdlRowDetail *self,
          KdlRecord    *record)
{
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (self->dataset);
  g_autoptr(KdlExam) exam = kdl_row_vars_parse_exam (map, record);
  g_autofree char *reading = kdl_column_map_resolve (map, record, "reading");
  g_autofree char *questions = kdl_column_map_resolve (map, record, "questions");
  g_autofree char *title = g_strdup_printf (_("Row %u"), kdl_record_get_row (record));
  g_autofree char *subtitle = NULL;
  gboolean has_questions = questions != NULL && *questions != '\0';

  if (kdl_dataset_get_format (self->dataset) == KDL_DATASET_FORMAT_XLSX)
    subtitle = g_strdup_printf (_("Sheet row %u"), kdl_record_get_line (record));
  else
    subtitle = g_strdup_printf (_("Line %u of the file"), kdl_record_get_line (record));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->passage_view), reading != NULL ? reading : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->passage_view), reading != NULL && *reading != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->empty_passage_label), reading == NULL || *reading == '\0');

  remove_children (GTK_WIDGET (self->mcq_box));
  for (guint i = 0; i < exam->mcqs->len; i++)
    gtk_box_append (self->mcq_box, mcq_widget (g_ptr_array_index (exam->mcqs, i)));
  self->n_mcqs = exam->mcqs->len;
  set_heading (self->mcq_heading, _("Multiple-Choice Questions"), self->n_mcqs);

  remove_children (GTK_WIDGET (self->short_box));
  for (guint i = 0; i < exam->short_answers->len; i++)
    gtk_box_append (self->short_box, short_answer_widget (g_ptr_array_index (exam->short_answers, i)));
  self->n_short = exam->short_answers->len;
  set_heading (self->short_heading, _("Short-Answer Questions"), self->n_short);

  /* Without a questions column there is nothing the parser could miss. */
  remove_children (GTK_WIDGET (self->problems_list));
  self->n_problems = has_questions ? exam->problems->len : 0;
  for (guint i = 0; i < self->n_problems; i++)
    gtk_list_box_append (self->problems_list, problem_row (g_ptr_array_index (exam->problems, i)));
  set_heading (self->problems_heading, _("Problems"), self->n_problems);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), self->n_problems > 0);

  remove_children (GTK_WIDGET (self->raw_grid));
  for (guint i = 0; i < kdl_record_get_n_fields (record); i++)
    add_raw_field (self, i, kdl_record_get_name (record, i), kdl_record_get_value (record, i));

  gtk_stack_set_visible_child_name (self->stack, "row");
}

/**
 * kdl_row_detail_reload:
 *
 * Reads the row again (the column map changed).
 */
void
kdl_row_detail_reload (KdlRowDetail *self)
{
  g_autoptr(KdlRecord) record = NULL;

  g_return_if_fail (KDL_IS_ROW_DETAIL (self));

  if (self->dataset != NULL && self->position >= 0)
    record = kdl_dataset_get_record (self->dataset, self->position);

  if (record == NULL)
    {
      self->n_mcqs = self->n_short = self->n_problems = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_row (self, record);
}

/* Returns: (transfer none) (nullable): the dataset */
KdlDataset *
kdl_row_detail_get_dataset (KdlRowDetail *self)
{
  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), NULL);
  return self->dataset;
}

void
kdl_row_detail_set_dataset (KdlRowDetail *self,
                            KdlDataset   *dataset)
{
  g_return_if_fail (KDL_IS_ROW_DETAIL (self));
  g_return_if_fail (dataset == NULL || KDL_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  self->position = -1;
  kdl_row_detail_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

int
kdl_row_detail_get_position (KdlRowDetail *self)
{
  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), -1);
  return self->position;
}

/**
 * kdl_row_detail_set_position:
 * @position: a loaded row's position in the dataset, -1 for none
 */
void
kdl_row_detail_set_position (KdlRowDetail *self,
                             int           position)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (KDL_IS_ROW_DETAIL (self));

  if (self->position == position)
    return;

  self->position = position;
  kdl_row_detail_reload (self);

  /* Another row starts at its top. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->title_label), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Returns: (transfer full): the passage shown */
char *
kdl_row_detail_dup_passage (KdlRowDetail *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), NULL);

  buffer = gtk_text_view_get_buffer (self->passage_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

guint
kdl_row_detail_get_n_mcqs (KdlRowDetail *self)
{
  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), 0);
  return self->n_mcqs;
}

guint
kdl_row_detail_get_n_short (KdlRowDetail *self)
{
  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), 0);
  return self->n_short;
}

guint
kdl_row_detail_get_n_problems (KdlRowDetail *self)
{
  g_return_val_if_fail (KDL_IS_ROW_DETAIL (self), 0);
  return self->n_problems;
}
