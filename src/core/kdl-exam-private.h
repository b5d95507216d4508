/* kdl-exam-private.h — shared by the exam parser's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-exam.h"

G_BEGIN_DECLS

/* Question numbers are 1–999 (kdl_exam_marker_read_number), so a set of
 * them is a small bitmap: no hash table per row. */
typedef struct
{
  guint32 bits[(1000 + 31) / 32];
} KdlExamNumberSet;

static inline void
_kdl_exam_number_set_add (KdlExamNumberSet *set,
                          guint             number)
{
  if (number < 1000)
    set->bits[number / 32] |= 1u << (number % 32);
}

static inline gboolean
_kdl_exam_number_set_has (const KdlExamNumberSet *set,
                          guint                   number)
{
  return number < 1000 && (set->bits[number / 32] & (1u << (number % 32))) != 0;
}

/* One answer read from an answers column or block, keyed by number. */
typedef struct
{
  guint     number;
  gboolean  letters;  /* text holds sorted option letters */
  char     *text;
} KdlExamAnswer;

void   _kdl_exam_answer_free  (KdlExamAnswer          *answer);
void   _kdl_exam_scan_answers (const char             *p,
                               const char             *end,
                               const KdlExamNumberSet *known,
                               GPtrArray              *answers,
                               KdlExam                *exam);
char  *_kdl_exam_excerpt      (const char             *p,
                               const char             *end);

G_END_DECLS
