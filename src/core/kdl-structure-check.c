/* kdl-structure-check.c — is a generated text four well-formed MCQs?
 *
 * Every generated sample is checked before it is judged: it becomes a
 * training target as it stands, so it must be exactly the questions (four,
 * A–D, one answer each, nothing around them).  For a rebuild, the original
 * questions must come first and unchanged, with their answers: the model
 * quietly rewriting or dropping them is the failure this check exists for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-structure-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-exam-parser.h"
#include "kdl-structure-check.h"

G_DEFINE_BOXED_TYPE (KdlStructureCheck, kdl_structure_check,
                     kdl_structure_check_copy, kdl_structure_check_free)

/* A generated MCQ with its comparison keys. */
typedef struct
{
  const KdlExamMcq *mcq;
  char             *stem_key;
  GPtrArray        *option_keys;  /* of char* */
  gboolean          kept_original;
} Item;

static void
item_clear (Item *item)
{
  g_free (item->stem_key);
  g_ptr_array_unref (item->option_keys);
}

static void
item_init (Item             *item,
           const KdlExamMcq *mcq)
{
  item->mcq = mcq;
  item->stem_key = kdl_exam_normalize_for_compare (mcq->stem);
  item->option_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < mcq->options->len; i++)
    g_ptr_array_add (item->option_keys,
                     kdl_exam_normalize_for_compare (((KdlExamOption *)g_ptr_array_index (mcq->options, i))->text));
  item->kept_original = FALSE;
}

static void
add_problem (KdlStructureCheck *self,
             const char        *code,
             guint              question,
             const char        *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (KdlStructureCheck *self,
             const char        *code,
             guint              question,
             const char        *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, kdl_exam_problem_new (code, question, message));
}

static char *
letters_of (const KdlExamMcq *mcq)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mcq->options->len; i++)
    g_string_append_c (out, ((KdlExamOption *)g_ptr_array_index (mcq->options, i))->letter);

  return g_string_free (out, FALSE);
}

static guint
count_equal_options (const Item *a,
                     const Item *b)
{
  guint n = 0;

  for (guint i = 0; i < MIN (a->option_keys->len, b->option_keys->len); i++)
    if (((KdlExamOption *)g_ptr_array_index (a->mcq->options, i))->letter ==
        ((KdlExamOption *)g_ptr_array_index (b->mcq->options, i))->letter &&
        g_str_equal (g_ptr_array_index (a->option_keys, i), g_ptr_array_index (b->option_keys, i)))
      n++;

  return n;
}

static gboolean
items_same (const Item *a,
            const Item *b)
{
  return g_str_equal (a->stem_key, b->stem_key) &&
         a->option_keys->len == b->option_keys->len &&
         count_equal_options (a, b) == a->option_keys->len;
}

/* A changed version of the original rather than a new question: the same
 * stem, or at least two of the same options. */
static gboolean
items_similar (const Item *a,
               const Item *b)
{
  return g_str_equal (a->stem_key, b->stem_key) || count_equal_options (a, b) >= 2;
}

static char *
describe_change (const Item *generated,
                 const Item *original)
{
  GString *out = g_string_new (NULL);

  if (!g_str_equal (generated->stem_key, original->stem_key))
    g_string_append (out, _("the stem"));

  for (guint i = 0; i < MAX (generated->option_keys->len, original->option_keys->len); i++)
    {
      const KdlExamOption *option = i < original->mcq->options->len ?
                                    g_ptr_array_index (original->mcq->options, i) :
                                    g_ptr_array_index (generated->mcq->options, i);

      if (i >= generated->option_keys->len || i >= original->option_keys->len ||
          ((KdlExamOption *)g_ptr_array_index (generated->mcq->options, i))->letter != option->letter ||
          !g_str_equal (g_ptr_array_index (generated->option_keys, i), g_ptr_array_index (original->option_keys, i)))
        {
          if (out->len > 0)
            g_string_append (out, C_("list separator", ", "));
          g_string_append_printf (out, _("option %c"), option->letter);
        }
    }

  return g_string_free (out, FALSE);
}

/* Original i must be where the originals found so far end: a dropped
 * original does not make the next one "not first". */
static void
check_originals (KdlStructureCheck *self,
                 Item              *items,
                 guint              n_items,
                 GPtrArray         *originals)
{
  guint next = 0;

  for (guint i = 0; i < originals->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (originals, i);
      Item original;
      guint found = G_MAXUINT;

      item_init (&original, mcq);

      if (next < n_items && items_same (&items[next], &original))
        found = next;
      for (guint j = 0; j < n_items && found == G_MAXUINT; j++)
        if (items_same (&items[j], &original))
          found = j;

      if (found != G_MAXUINT)
        {
          const KdlExamMcq *kept = items[found].mcq;

          if (found != next)
            add_problem (self, KDL_CHECK_ORIGINAL_NOT_FIRST, kept->number,
                         _("Original question %u is question %u of the output; the original questions must come first, in their order."),
                         i + 1, kept->number);
          /* An original without an answer may get one. */
          if (mcq->answer != NULL && g_strcmp0 (kept->answer, mcq->answer) != 0)
            add_problem (self, KDL_CHECK_ORIGINAL_ANSWER_CHANGED, kept->number,
                         _("Original question %u has the answer %s, but the output gives %s."),
                         i + 1, mcq->answer, kept->answer ? kept->answer : "—");

          items[found].kept_original = TRUE;
          next = found + 1;
          item_clear (&original);
          continue;
        }

      /* Not there unchanged: changed, or gone? */
      if (next < n_items && items_similar (&items[next], &original))
        found = next;
      for (guint j = 0; j < n_items && found == G_MAXUINT; j++)
        if (items_similar (&items[j], &original))
          found = j;

      if (found != G_MAXUINT)
        {
          g_autofree char *change = describe_change (&items[found], &original);

          add_problem (self, KDL_CHECK_ORIGINAL_CHANGED, items[found].mcq->number,
                       _("Question %u is original question %u with changes (%s); the originals must stay as they are."),
                       items[found].mcq->number, i + 1, change);
          next = found + 1;
        }
      else
        {
          add_problem (self, KDL_CHECK_ORIGINAL_MISSING, i + 1,
                       _("Original question %u (“%s”) is not in the output."),
                       i + 1, mcq->stem);
        }

      item_clear (&original);
    }
}

static void
check_answer (KdlStructureCheck *self,
              const KdlExam     *exam,
              const Item        *item)
{
  const KdlExamMcq *mcq = item->mcq;

  if (mcq->answer == NULL)
    {
      if (kdl_exam_find_problem (exam, KDL_EXAM_PROBLEM_SEVERAL_ANSWERS, mcq->number) != NULL)
        add_problem (self, KDL_CHECK_ANSWER_NOT_SINGLE, mcq->number,
                     _("Question %u has two different answers."), mcq->number);
      else if (kdl_exam_find_problem (exam, KDL_EXAM_PROBLEM_ANSWER_NOT_AN_OPTION, mcq->number) != NULL)
        add_problem (self, KDL_CHECK_ANSWER_NOT_AN_OPTION, mcq->number,
                     _("The answer of question %u is not an option letter."), mcq->number);
      else
        add_problem (self, KDL_CHECK_ANSWER_MISSING, mcq->number,
                     _("Question %u has no answer line (“答案:X”)."), mcq->number);
      return;
    }

  /* A kept original keeps its own answer, even a two-letter one. */
  if (strlen (mcq->answer) > 1 && !item->kept_original)
    add_problem (self, KDL_CHECK_ANSWER_NOT_SINGLE, mcq->number,
                 _("Question %u has the answer %s; it must be one letter."), mcq->number, mcq->answer);

  for (const char *l = mcq->answer; *l; l++)
    if (kdl_exam_mcq_get_option (mcq, *l) == NULL)
      {
        add_problem (self, KDL_CHECK_ANSWER_NOT_AN_OPTION, mcq->number,
                     _("The answer of question %u is %c, but it has no option %c."), mcq->number, *l, *l);
        break;
      }
}

static void
check_item (KdlStructureCheck *self,
            const KdlExam     *exam,
            Item              *items,
            guint              index)
{
  const Item *item = &items[index];
  const KdlExamMcq *mcq = item->mcq;
  g_autofree char *letters = letters_of (mcq);

  if (!g_str_equal (letters, "ABCD"))
    add_problem (self, KDL_CHECK_OPTIONS_NOT_A_TO_D, mcq->number,
                 _("Question %u has the options %s; it must have A, B, C and D, in order."),
                 mcq->number, letters[0] ? letters : "—");

  if (mcq->stem[0] == '\0')
    add_problem (self, KDL_CHECK_STEM_EMPTY, mcq->number, _("Question %u has no text."), mcq->number);

  for (guint i = 0; i < mcq->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);

      if (option->text[0] == '\0')
        add_problem (self, KDL_CHECK_OPTION_EMPTY, mcq->number,
                     _("Option %c of question %u has no text."), option->letter, mcq->number);

      for (guint j = 0; j < i; j++)
        if (option->text[0] != '\0' &&
            g_str_equal (g_ptr_array_index (item->option_keys, i), g_ptr_array_index (item->option_keys, j)))
          {
            add_problem (self, KDL_CHECK_DUPLICATE_OPTION, mcq->number,
                         _("Options %c and %c of question %u are the same."),
                         ((KdlExamOption *)g_ptr_array_index (mcq->options, j))->letter, option->letter,
                         mcq->number);
            break;
          }
    }

  for (guint j = 0; j < index; j++)
    if (item->stem_key[0] != '\0' && g_str_equal (items[j].stem_key, item->stem_key))
      {
        add_problem (self, KDL_CHECK_DUPLICATE_STEM, mcq->number,
                     _("Question %u has the same stem as question %u."), mcq->number, items[j].mcq->number);
        break;
      }

  check_answer (self, exam, item);
}

static void
check_text_around (KdlStructureCheck *self,
                   const KdlExam     *exam)
{
  for (guint i = 0; i < exam->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (exam->problems, i);

      if (g_str_equal (problem->code, KDL_EXAM_PROBLEM_LEADING_TEXT) ||
          g_str_equal (problem->code, KDL_EXAM_PROBLEM_NO_QUESTIONS))
        {
          if (exam->leading_text != NULL)
            add_problem (self, KDL_CHECK_LEADING_TEXT, 0, "%s", problem->message);
        }
      else if (g_str_equal (problem->code, KDL_EXAM_PROBLEM_TRAILING_TEXT))
        add_problem (self, KDL_CHECK_TRAILING_TEXT, problem->question, "%s", problem->message);
      else if (g_str_equal (problem->code, KDL_EXAM_PROBLEM_STRAY_TEXT) ||
               g_str_equal (problem->code, KDL_EXAM_PROBLEM_STRAY_ANSWER_TEXT))
        add_problem (self, KDL_CHECK_STRAY_TEXT, problem->question, "%s", problem->message);
      else if (g_str_equal (problem->code, KDL_EXAM_PROBLEM_INVALID_UTF8))
        add_problem (self, KDL_CHECK_INVALID_UTF8, 0, "%s", problem->message);
      else if (g_str_equal (problem->code, KDL_EXAM_PROBLEM_ANSWER_WITHOUT_QUESTION))
        add_problem (self, KDL_CHECK_NUMBERING, problem->question, "%s", problem->message);
    }
}

/**
 * kdl_structure_check_run:
 * @generated: the generated text
 * @original_mcqs: (nullable) (element-type KdlExamMcq): for a rebuild, the
 *   original MCQs that must come first, unchanged
 *
 * Returns: (transfer full): the verdict
 */
KdlStructureCheck *
kdl_structure_check_run (const char *generated,
                         GPtrArray  *original_mcqs)
{
  g_autoptr(KdlExam) exam = NULL;
  KdlStructureCheck *self;
  guint expected = KDL_STRUCTURE_CHECK_MCQ_COUNT;
  Item *items;
  gboolean numbering_reported = FALSE;

  g_return_val_if_fail (generated != NULL, NULL);

  exam = kdl_exam_parse_combined (generated);

  self = g_new0 (KdlStructureCheck, 1);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_problem_free);
  self->mcq_count = exam->mcqs->len;

  if (original_mcqs != NULL)
    expected = MAX (expected, original_mcqs->len);

  if (self->mcq_count != expected)
    add_problem (self, KDL_CHECK_MCQ_COUNT, 0,
                 ngettext ("Found %u multiple-choice question; there must be %u.",
                           "Found %u multiple-choice questions; there must be %u.", self->mcq_count),
                 self->mcq_count, expected);

  check_text_around (self, exam);

  for (guint i = 0; i < exam->short_answers->len; i++)
    {
      const KdlExamShortAnswer *question = g_ptr_array_index (exam->short_answers, i);

      add_problem (self, KDL_CHECK_QUESTION_WITHOUT_OPTIONS, question->number,
                   _("Question %u has no options."), question->number);
    }

  items = g_new0 (Item, exam->mcqs->len + 1);
  for (guint i = 0; i < exam->mcqs->len; i++)
    item_init (&items[i], g_ptr_array_index (exam->mcqs, i));

  if (original_mcqs != NULL)
    check_originals (self, items, exam->mcqs->len, original_mcqs);

  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      const KdlExamMcq *mcq = items[i].mcq;

      if (mcq->number != i + 1 && !numbering_reported &&
          exam->short_answers->len == 0)
        {
          numbering_reported = TRUE;
          add_problem (self, KDL_CHECK_NUMBERING, mcq->number,
                       _("Question %u should be numbered %u: questions are numbered 1, 2, 3… in order."),
                       mcq->number, i + 1);
        }

      check_item (self, exam, items, i);
    }

  for (guint i = 0; i < exam->mcqs->len; i++)
    item_clear (&items[i]);
  g_free (items);

  self->ok = self->problems->len == 0;

  return self;
}

KdlStructureCheck *
kdl_structure_check_copy (const KdlStructureCheck *self)
{
  KdlStructureCheck *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KdlStructureCheck, 1);
  copy->ok = self->ok;
  copy->mcq_count = self->mcq_count;
  copy->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_problem_free);
  for (guint i = 0; i < self->problems->len; i++)
    g_ptr_array_add (copy->problems, kdl_exam_problem_copy (g_ptr_array_index (self->problems, i)));

  return copy;
}

void
kdl_structure_check_free (KdlStructureCheck *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->problems);
  g_free (self);
}

gboolean
kdl_structure_check_has (const KdlStructureCheck *self,
                         const char              *code)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->problems->len; i++)
    if (g_str_equal (((KdlExamProblem *)g_ptr_array_index (self->problems, i))->code, code))
      return TRUE;

  return FALSE;
}

/**
 * kdl_structure_check_build_json:
 *
 * Adds the object `{"ok", "mcq_count", "problems"}` (DESIGN.md, `check`).
 */
void
kdl_structure_check_build_json (const KdlStructureCheck *self,
                                JsonBuilder             *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, self->ok);
  json_builder_set_member_name (builder, "mcq_count");
  json_builder_add_int_value (builder, self->mcq_count);
  json_builder_set_member_name (builder, "problems");
  kdl_exam_problems_build_json (self->problems, builder);
  json_builder_end_object (builder);
}

/* Returns: (transfer full): the verdict as one line of JSON */
char *
kdl_structure_check_to_json (const KdlStructureCheck *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  kdl_structure_check_build_json (self, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
