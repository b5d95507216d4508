/* kdl-structure-check.h — is a generated text four well-formed MCQs?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-exam.h"

G_BEGIN_DECLS

#define KDL_TYPE_STRUCTURE_CHECK (kdl_structure_check_get_type ())

/* How many MCQs a generated sample must have (more only when a rebuild
 * was given more originals than that: it keeps them all). */
#define KDL_STRUCTURE_CHECK_MCQ_COUNT 4

/* Problem codes (stable; `question` is the generated question's number, or
 * for original-missing the original's position, 0 for none):
 *
 *   mcq-count                not exactly four MCQs
 *   question-without-options a numbered question with no options
 *   options-not-a-to-d       options other than exactly A, B, C, D in order
 *   stem-empty               a question number with no text
 *   option-empty             an option with no text
 *   answer-missing           no 答案 for a question
 *   answer-not-single        more than one answer letter (or two answers)
 *   answer-not-an-option     an answer that is no option letter of its question
 *   duplicate-stem           two questions with the same stem
 *   duplicate-option         two options of one question with the same text
 *   numbering                questions not numbered 1, 2, 3… in order
 *   leading-text             text before the first question
 *   stray-text               text between questions that belongs to none
 *   trailing-text            text after the last question
 *   invalid-utf8             the text is not UTF-8
 *   original-missing         a given original MCQ is not in the output
 *   original-changed         an original is there but its stem or options changed
 *   original-answer-changed  an original is there with another answer
 *   original-not-first       an original is not at its place among the first
 *
 * "The same" and "unchanged" compare kdl_exam_normalize_for_compare() keys:
 * blanks and full-width/half-width punctuation may differ, words may not.
 */
#define KDL_CHECK_MCQ_COUNT               "mcq-count"
#define KDL_CHECK_QUESTION_WITHOUT_OPTIONS "question-without-options"
#define KDL_CHECK_OPTIONS_NOT_A_TO_D      "options-not-a-to-d"
#define KDL_CHECK_STEM_EMPTY              "stem-empty"
#define KDL_CHECK_OPTION_EMPTY            "option-empty"
#define KDL_CHECK_ANSWER_MISSING          "answer-missing"
#define KDL_CHECK_ANSWER_NOT_SINGLE       "answer-not-single"
#define KDL_CHECK_ANSWER_NOT_AN_OPTION    "answer-not-an-option"
#define KDL_CHECK_DUPLICATE_STEM          "duplicate-stem"
#define KDL_CHECK_DUPLICATE_OPTION        "duplicate-option"
#define KDL_CHECK_NUMBERING               "numbering"
#define KDL_CHECK_LEADING_TEXT            "leading-text"
#define KDL_CHECK_STRAY_TEXT              "stray-text"
#define KDL_CHECK_TRAILING_TEXT           "trailing-text"
#define KDL_CHECK_INVALID_UTF8            "invalid-utf8"
#define KDL_CHECK_ORIGINAL_MISSING        "original-missing"
#define KDL_CHECK_ORIGINAL_CHANGED        "original-changed"
#define KDL_CHECK_ORIGINAL_ANSWER_CHANGED "original-answer-changed"
#define KDL_CHECK_ORIGINAL_NOT_FIRST      "original-not-first"

typedef struct
{
  gboolean   ok;         /* no problems */
  guint      mcq_count;  /* MCQs found in the text */
  GPtrArray *problems;   /* (element-type KdlExamProblem) */
} KdlStructureCheck;

GType              kdl_structure_check_get_type   (void) G_GNUC_CONST;
KdlStructureCheck *kdl_structure_check_run        (const char              *generated,
                                                   GPtrArray               *original_mcqs);
KdlStructureCheck *kdl_structure_check_copy       (const KdlStructureCheck *self);
void               kdl_structure_check_free       (KdlStructureCheck       *self);
gboolean           kdl_structure_check_has        (const KdlStructureCheck *self,
                                                   const char              *code);
void               kdl_structure_check_build_json (const KdlStructureCheck *self,
                                                   JsonBuilder             *builder);
char              *kdl_structure_check_to_json    (const KdlStructureCheck *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStructureCheck, kdl_structure_check_free)

G_END_DECLS
