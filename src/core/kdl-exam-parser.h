/* kdl-exam-parser.h — numbered questions, options and answers from exam text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-exam.h"

G_BEGIN_DECLS

KdlExam *kdl_exam_parse          (const char *questions,
                                  const char *answers);
KdlExam *kdl_exam_parse_combined (const char *text);

G_END_DECLS
