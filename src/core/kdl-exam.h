/* kdl-exam.h — parsed exam questions and the canonical MCQ form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KDL_TYPE_EXAM_MCQ          (kdl_exam_mcq_get_type ())
#define KDL_TYPE_EXAM_SHORT_ANSWER (kdl_exam_short_answer_get_type ())
#define KDL_TYPE_EXAM_PROBLEM      (kdl_exam_problem_get_type ())
#define KDL_TYPE_EXAM              (kdl_exam_get_type ())

/* Problem codes (stable English identifiers; `question` is the question's
 * number as written, 0 when the problem belongs to no question):
 *
 *   answer-missing           a question has no answer
 *   answer-without-question  the answers give a number no question has
 *   answer-not-an-option     an MCQ's answer names a letter it has no option
 *                            for, or is not letters at all (answer left NULL)
 *   several-answers          two different answers for one question (the
 *                            answer is left NULL: never guess)
 *   option-missing           an MCQ lacks one of A–D (or D before an E)
 *   five-options             an MCQ has an option E
 *   option-duplicate         one letter is used twice in an MCQ
 *   options-out-of-order     an MCQ's letters are not in A, B, C… order
 *   option-empty             an option marker with no text
 *   stem-empty               a question number with no text
 *   duplicate-number         two questions share a number
 *   no-questions             text with no numbered question at all
 *   leading-text             text before the first question
 *   stray-text               text between questions that belongs to none
 *                            (e.g. after an MCQ's 答案 line)
 *   trailing-text            text after the last question ended
 *   stray-answer-text        text in the answers that is no answer
 *   invalid-utf8             the input was not UTF-8 (invalid bytes replaced)
 */
#define KDL_EXAM_PROBLEM_ANSWER_MISSING          "answer-missing"
#define KDL_EXAM_PROBLEM_ANSWER_WITHOUT_QUESTION "answer-without-question"
#define KDL_EXAM_PROBLEM_ANSWER_NOT_AN_OPTION    "answer-not-an-option"
#define KDL_EXAM_PROBLEM_SEVERAL_ANSWERS         "several-answers"
#define KDL_EXAM_PROBLEM_OPTION_MISSING          "option-missing"
#define KDL_EXAM_PROBLEM_FIVE_OPTIONS            "five-options"
#define KDL_EXAM_PROBLEM_OPTION_DUPLICATE        "option-duplicate"
#define KDL_EXAM_PROBLEM_OPTIONS_OUT_OF_ORDER    "options-out-of-order"
#define KDL_EXAM_PROBLEM_OPTION_EMPTY            "option-empty"
#define KDL_EXAM_PROBLEM_STEM_EMPTY              "stem-empty"
#define KDL_EXAM_PROBLEM_DUPLICATE_NUMBER        "duplicate-number"
#define KDL_EXAM_PROBLEM_NO_QUESTIONS            "no-questions"
#define KDL_EXAM_PROBLEM_LEADING_TEXT            "leading-text"
#define KDL_EXAM_PROBLEM_STRAY_TEXT              "stray-text"
#define KDL_EXAM_PROBLEM_TRAILING_TEXT           "trailing-text"
#define KDL_EXAM_PROBLEM_STRAY_ANSWER_TEXT       "stray-answer-text"
#define KDL_EXAM_PROBLEM_INVALID_UTF8            "invalid-utf8"

typedef struct
{
  char  letter;  /* 'A'…'E', whatever look-alike the source used */
  char *text;    /* as written, markers and surrounding blanks removed */
} KdlExamOption;

typedef struct
{
  guint      number;   /* as written in the source */
  char      *stem;     /* without the number, score marks and answer blank */
  GPtrArray *options;  /* (element-type KdlExamOption) in source order */
  char      *answer;   /* "B", "AC" (letters sorted), or NULL */
} KdlExamMcq;

typedef struct
{
  guint  number;
  char  *text;         /* the question, score marks removed */
  char  *answer;       /* free text (line breaks kept), or NULL */
  char  *answer_note;  /* a marking note taken off the answer's end, e.g.
                        * "（每点2分，意思对即可）", or NULL */
} KdlExamShortAnswer;

typedef struct
{
  char  *code;         /* one of KDL_EXAM_PROBLEM_*, or a caller's own */
  guint  question;     /* 0: none */
  char  *message;      /* translated */
} KdlExamProblem;

typedef struct
{
  GPtrArray *mcqs;           /* (element-type KdlExamMcq) in source order */
  GPtrArray *short_answers;  /* (element-type KdlExamShortAnswer) */
  GPtrArray *problems;       /* (element-type KdlExamProblem) */
  char      *leading_text;   /* text before the first question, or NULL */
  char      *trailing_text;  /* text after the last question ended, or NULL */
} KdlExam;

KdlExamOption      *kdl_exam_option_new              (char                      letter,
                                                      const char               *text);
KdlExamOption      *kdl_exam_option_copy             (const KdlExamOption      *self);
void                kdl_exam_option_free             (KdlExamOption            *self);

GType               kdl_exam_mcq_get_type            (void) G_GNUC_CONST;
KdlExamMcq         *kdl_exam_mcq_new                 (guint                     number,
                                                      const char               *stem);
KdlExamMcq         *kdl_exam_mcq_copy                (const KdlExamMcq         *self);
void                kdl_exam_mcq_free                (KdlExamMcq               *self);
KdlExamOption      *kdl_exam_mcq_add_option          (KdlExamMcq               *self,
                                                      char                      letter,
                                                      const char               *text);
const char         *kdl_exam_mcq_get_option          (const KdlExamMcq         *self,
                                                      char                      letter);
gboolean            kdl_exam_mcq_equal               (const KdlExamMcq         *a,
                                                      const KdlExamMcq         *b);
gboolean            kdl_exam_mcq_equal_content       (const KdlExamMcq         *a,
                                                      const KdlExamMcq         *b);

GType               kdl_exam_short_answer_get_type   (void) G_GNUC_CONST;
KdlExamShortAnswer *kdl_exam_short_answer_new        (guint                     number,
                                                      const char               *text);
KdlExamShortAnswer *kdl_exam_short_answer_copy       (const KdlExamShortAnswer *self);
void                kdl_exam_short_answer_free       (KdlExamShortAnswer       *self);
gboolean            kdl_exam_short_answer_equal      (const KdlExamShortAnswer *a,
                                                      const KdlExamShortAnswer *b);

GType               kdl_exam_problem_get_type        (void) G_GNUC_CONST;
KdlExamProblem     *kdl_exam_problem_new             (const char               *code,
                                                      guint                     question,
                                                      const char               *message);
KdlExamProblem     *kdl_exam_problem_copy            (const KdlExamProblem     *self);
void                kdl_exam_problem_free            (KdlExamProblem           *self);
void                kdl_exam_problems_build_json     (GPtrArray                *problems,
                                                      JsonBuilder              *builder);

GType               kdl_exam_get_type                (void) G_GNUC_CONST;
KdlExam            *kdl_exam_new                     (void);
KdlExam            *kdl_exam_copy                    (const KdlExam            *self);
void                kdl_exam_free                    (KdlExam                  *self);
void                kdl_exam_add_problem             (KdlExam                  *self,
                                                      const char               *code,
                                                      guint                     question,
                                                      const char               *format,
                                                      ...) G_GNUC_PRINTF (4, 5);
const KdlExamProblem *kdl_exam_find_problem          (const KdlExam            *self,
                                                      const char               *code,
                                                      guint                     question);
KdlExamMcq         *kdl_exam_find_mcq                (const KdlExam            *self,
                                                      guint                     number);
KdlExamShortAnswer *kdl_exam_find_short_answer       (const KdlExam            *self,
                                                      guint                     number);
void                kdl_exam_build_json              (const KdlExam            *self,
                                                      JsonBuilder              *builder);

char               *kdl_exam_render_canonical        (const KdlExam            *self);
char               *kdl_exam_render_mcqs             (GPtrArray                *mcqs);

char               *kdl_exam_normalize_for_compare   (const char               *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExamOption, kdl_exam_option_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExamMcq, kdl_exam_mcq_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExamShortAnswer, kdl_exam_short_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExamProblem, kdl_exam_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExam, kdl_exam_free)

G_END_DECLS
