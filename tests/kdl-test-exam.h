/* kdl-test-exam.h — assertions on parsed exams, shared by the exam tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-exam.h"

G_BEGIN_DECLS

char    *kdl_test_exam_mcq_answers       (const KdlExam    *exam);
char    *kdl_test_exam_short_numbers     (const KdlExam    *exam);
char    *kdl_test_exam_problem_codes     (const KdlExam    *exam);
void     kdl_test_exam_assert_problems   (const KdlExam    *exam,
                                          const char       *expected);
void     kdl_test_exam_assert_options    (const KdlExamMcq *mcq,
                                          const char       *a,
                                          const char       *b,
                                          const char       *c,
                                          const char       *d);
char    *kdl_test_exam_json              (const KdlExam    *exam);
KdlExam *kdl_test_exam_assert_round_trip (const KdlExam    *exam);

G_END_DECLS
