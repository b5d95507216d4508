/* kdl-score-bench.c
 *
 * For judge templates: paste (or pick an example of) a judge's reply and
 * see what kdl_score_extract() reads from it with the template's score_max
 * and score_pattern as they are being edited: the score, whether it is
 * above the maximum, the rubric's parts, or why nothing could be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-score-bench"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-score-bench.h"

struct _KdlScoreBench
{
  AdwBin          parent_instance;

  int             score_max;
  char           *score_pattern;
  KdlScoreResult *result;

  GtkTextView    *reply_view;
  GtkLabel       *score_label;
  GtkLabel       *detail_label;
  GtkLabel       *parts_label;
};

G_DEFINE_FINAL_TYPE (KdlScoreBench, kdl_score_bench, ADW_TYPE_BIN)

/* Replies a judge gives, kept as written (they are data, not UI text). */
static const char * const examples[] = {
  "格式规范：四道题编号、选项和答案齐全，得满分。\n"
  "文本相关性：题目紧扣文本。\n"
  "答案正确性：第3题答案有争议。\n\n"
  "格式规范:10分 文本相关性:13分 答案正确性:24分 干扰项质量:16分 考查全面性:12分 语言表达:9分\n"
  "总分:84分",

  "好的，我会以“总分:XX分”的形式返回评分结果。",

  "各项得分如下：格式规范:9分 文本相关性:12分 答案正确性:20分\n"
  "总分:9+12+20=41分",

  "**总分：** 105分",

  "Format: 9 points\nRelevance: 13 points\nCorrectness: 25 points\n\nTotal score: 84/100",
};

guint
kdl_score_bench_get_n_examples (void)
{
  return G_N_ELEMENTS (examples);
}

static char *
format_points (double points)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", points));
}

static void
evaluate (KdlScoreBench *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  g_autofree char *reply = NULL;
  g_autofree char *score = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) parts = g_string_new (NULL);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  reply = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_clear_pointer (&self->result, kdl_score_result_free);
  self->result = kdl_score_extract (reply, self->score_max, self->score_pattern);

  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "warning");

  if (self->result->unparsed_reason == KDL_SCORE_UNPARSED_EMPTY)
    {
      gtk_label_set_text (self->score_label, "");
      gtk_label_set_text (self->detail_label, "");
    }
  else if (!self->result->parsed)
    {
      /* Translators: the bench read no score; %s is a stable code such as "no-total" */
      title = g_strdup_printf (_("No score (%s)"), kdl_score_unparsed_to_string (self->result->unparsed_reason));
      gtk_label_set_text (self->score_label, title);
      gtk_label_set_text (self->detail_label, kdl_score_unparsed_describe (self->result->unparsed_reason));
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
    }
  else
    {
      score = format_points (self->result->score);
      /* Translators: "Score 84 of 100" */
      title = g_strdup_printf (_("Score %s of %d"), score, self->score_max);
      gtk_label_set_text (self->score_label, title);

      if (self->result->over_max)
        {
          g_autofree char *detail = g_strdup_printf (_("Above the maximum of %d: the judge did not keep to its rubric. "
                                                       "The score is kept as read and counts as over the maximum."),
                                                     self->score_max);
          gtk_label_set_text (self->detail_label, detail);
          gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "warning");
        }
      else
        gtk_label_set_text (self->detail_label, "");
    }

  for (guint i = 0; i < self->result->parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (self->result->parts, i);
      g_autofree char *points = format_points (part->points);

      if (parts->len > 0)
        g_string_append (parts, " · ");
      g_string_append_printf (parts, "%s %s", part->name, points);
    }
  if (parts->len > 0)
    {
      g_autofree char *sum = format_points (kdl_score_result_parts_sum (self->result));
      /* Translators: the rubric parts read from the reply, then their sum */
      g_autofree char *text = g_strdup_printf (_("Parts: %s (sum %s)"), parts->str, sum);

      gtk_label_set_text (self->parts_label, text);
    }
  else
    gtk_label_set_text (self->parts_label, "");

  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), gtk_label_get_text (self->detail_label)[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->parts_label), parts->len > 0);
}

static void
example_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guint32 i = g_variant_get_uint32 (parameter);

  if (i < G_N_ELEMENTS (examples))
    kdl_score_bench_set_reply (KDL_SCORE_BENCH (widget), examples[i]);
}

static void
kdl_score_bench_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KDL_TYPE_SCORE_BENCH);

  G_OBJECT_CLASS (kdl_score_bench_parent_class)->dispose (object);
}

static void
kdl_score_bench_finalize (GObject *object)
{
  KdlScoreBench *self = (KdlScoreBench *)object;

  g_clear_pointer (&self->score_pattern, g_free);
  g_clear_pointer (&self->result, kdl_score_result_free);

  G_OBJECT_CLASS (kdl_score_bench_parent_class)->finalize (object);
}

static void
kdl_score_bench_class_init (KdlScoreBenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_score_bench_dispose;
  object_class->finalize = kdl_score_bench_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-score-bench.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlScoreBench, reply_view);
  gtk_widget_class_bind_template_child (widget_class, KdlScoreBench, score_label);
  gtk_widget_class_bind_template_child (widget_class, KdlScoreBench, detail_label);
  gtk_widget_class_bind_template_child (widget_class, KdlScoreBench, parts_label);

  gtk_widget_class_install_action (widget_class, "bench.example", "u", example_action);
}

static void
kdl_score_bench_init (KdlScoreBench *self)
{
  self->score_max = 100;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->reply_view), "changed",
                           G_CALLBACK (evaluate), self, G_CONNECT_SWAPPED);
  evaluate (self);
}

GtkWidget *
kdl_score_bench_new (void)
{
  return g_object_new (KDL_TYPE_SCORE_BENCH, NULL);
}

/**
 * kdl_score_bench_set_judge:
 * @score_max: the template's maximum
 * @score_pattern: (nullable): its score_pattern as typed (empty: none)
 *
 * Reads the reply again with these.
 */
void
kdl_score_bench_set_judge (KdlScoreBench *self,
                           int            score_max,
                           const char    *score_pattern)
{
  g_return_if_fail (KDL_IS_SCORE_BENCH (self));

  if (score_pattern != NULL && score_pattern[0] == '\0')
    score_pattern = NULL;

  if (self->score_max == score_max && g_strcmp0 (self->score_pattern, score_pattern) == 0)
    return;

  self->score_max = score_max;
  g_free (self->score_pattern);
  self->score_pattern = g_strdup (score_pattern);
  evaluate (self);
}

void
kdl_score_bench_set_reply (KdlScoreBench *self,
                           const char    *reply)
{
  g_return_if_fail (KDL_IS_SCORE_BENCH (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), reply ? reply : "", -1);
}

/* Returns: (transfer none): what was read from the reply now shown */
const KdlScoreResult *
kdl_score_bench_get_result (KdlScoreBench *self)
{
  g_return_val_if_fail (KDL_IS_SCORE_BENCH (self), NULL);
  return self->result;
}
