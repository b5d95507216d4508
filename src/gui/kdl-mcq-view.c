/* kdl-mcq-view.c
 *
 * The text is parsed with kdl_exam_parse_combined () (the parser the
 * structure check and the export use), so what is shown is what will be
 * exported: each question's number and stem, its options with the answer
 * marked (a check mark and the success colour, not colour alone), short
 * answers, and any text around the questions dimmed.  A text with no
 * question at all is shown as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-exam-parser.h"
#include "kdl-mcq-view.h"

struct _KdlMcqView
{
  AdwBin     parent_instance;

  char      *text;
  guint      n_questions;
  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (KdlMcqView, kdl_mcq_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_label (KdlMcqView *self,
           const char *text,
           int         indent)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, indent);
  gtk_box_append (GTK_BOX (self->box), label);

  return label;
}

static void
add_mcq (KdlMcqView       *self,
         const KdlExamMcq *mcq)
{
  g_autofree char *stem = g_strdup_printf ("%u. %s", mcq->number, mcq->stem);
  GtkWidget *label = add_label (self, stem, 0);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 10);

  for (guint i = 0; i < mcq->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);
      gboolean is_answer = mcq->answer != NULL && strchr (mcq->answer, option->letter) != NULL;
      g_autofree char *text = NULL;

      if (is_answer)
        /* Translators: an option that is the answer; %c is its letter, %s its text */
        text = g_strdup_printf (_("%c. %s  ✓ answer"), option->letter, option->text);
      else
        text = g_strdup_printf ("%c. %s", option->letter, option->text);

      label = add_label (self, text, 18);
      if (is_answer)
        {
          gtk_widget_add_css_class (label, "success");
          gtk_widget_add_css_class (label, "heading");
        }
    }

  if (mcq->answer == NULL)
    {
      label = add_label (self, _("No answer given"), 18);
      gtk_widget_add_css_class (label, "error");
    }
  else if (mcq->options->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Answer: %s"), mcq->answer);
      label = add_label (self, text, 18);
    }
}

static void
add_short_answer (KdlMcqView               *self,
                  const KdlExamShortAnswer *question)
{
  g_autofree char *text = g_strdup_printf ("%u. %s", question->number, question->text);
  GtkWidget *label = add_label (self, text, 0);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 10);

  if (question->answer != NULL)
    {
      g_autofree char *answer = g_strdup_printf (_("Answer: %s"), question->answer);
      add_label (self, answer, 18);
    }
}

static void
rebuild (KdlMcqView *self)
{
  g_autoptr(KdlExam) exam = NULL;
  GtkWidget *child, *label;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  self->n_questions = 0;

  if (self->text == NULL || *self->text == '\0')
    return;

  exam = kdl_exam_parse_combined (self->text);
  self->n_questions = exam->mcqs->len + exam->short_answers->len;

  if (self->n_questions == 0)
    {
      label = add_label (self, _("No questions found in this text:"), 0);
      gtk_widget_add_css_class (label, "error");
      label = add_label (self, self->text, 0);
      gtk_widget_add_css_class (label, "monospace");
      return;
    }

  if (exam->leading_text != NULL)
    gtk_widget_add_css_class (add_label (self, exam->leading_text, 0), "dim-label");

  /* In source order: MCQs and short answers by number. */
  for (guint i = 0, j = 0; i < exam->mcqs->len || j < exam->short_answers->len;)
    {
      const KdlExamMcq *mcq = i < exam->mcqs->len ? g_ptr_array_index (exam->mcqs, i) : NULL;
      const KdlExamShortAnswer *sa = j < exam->short_answers->len ? g_ptr_array_index (exam->short_answers, j) : NULL;

      if (mcq != NULL && (sa == NULL || mcq->number <= sa->number))
        {
          add_mcq (self, mcq);
          i++;
        }
      else
        {
          add_short_answer (self, sa);
          j++;
        }
    }

  if (exam->trailing_text != NULL)
    gtk_widget_add_css_class (add_label (self, exam->trailing_text, 0), "dim-label");
}

static void
kdl_mcq_view_finalize (GObject *object)
{
  KdlMcqView *self = (KdlMcqView *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (kdl_mcq_view_parent_class)->finalize (object);
}

static void
kdl_mcq_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdlMcqView *self = KDL_MCQ_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_mcq_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdlMcqView *self = KDL_MCQ_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      kdl_mcq_view_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_mcq_view_class_init (KdlMcqViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_mcq_view_finalize;
  object_class->get_property = kdl_mcq_view_get_property;
  object_class->set_property = kdl_mcq_view_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_mcq_view_init (KdlMcqView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

GtkWidget *
kdl_mcq_view_new (void)
{
  return g_object_new (KDL_TYPE_MCQ_VIEW, NULL);
}

const char *
kdl_mcq_view_get_text (KdlMcqView *self)
{
  g_return_val_if_fail (KDL_IS_MCQ_VIEW (self), NULL);

  return self->text;
}

void
kdl_mcq_view_set_text (KdlMcqView *self,
                       const char *text)
{
  g_return_if_fail (KDL_IS_MCQ_VIEW (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Questions shown (MCQs and short answers). */
guint
kdl_mcq_view_get_n_questions (KdlMcqView *self)
{
  g_return_val_if_fail (KDL_IS_MCQ_VIEW (self), 0);

  return self->n_questions;
}
