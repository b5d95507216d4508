/* kdl-exam-markers.h — reading the markers of exam text
 *
 * Question numbers, option letters, answer labels, score marks: each in the
 * many ways Word, OCR and models write them.  Every function reads the range
 * [p, end) of valid UTF-8 and never allocates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    kdl_exam_marker_is_blank         (gunichar     c);
const char *kdl_exam_marker_skip_blanks      (const char  *p,
                                              const char  *end);
const char *kdl_exam_marker_trim_end         (const char  *p,
                                              const char  *end);
char        kdl_exam_marker_letter           (gunichar     c);
gboolean    kdl_exam_marker_read_number      (const char  *p,
                                              const char  *end,
                                              guint       *number,
                                              const char **after);
gboolean    kdl_exam_marker_read_option      (const char  *p,
                                              const char  *end,
                                              char        *letter,
                                              const char **after);
gboolean    kdl_exam_marker_find_option      (const char  *p,
                                              const char  *end,
                                              const char **blank_start,
                                              const char **marker);
gboolean    kdl_exam_marker_read_label       (const char  *p,
                                              const char  *end,
                                              const char **after);
gboolean    kdl_exam_marker_read_letters     (const char  *p,
                                              const char  *end,
                                              char         letters[6],
                                              const char **after);
void        kdl_exam_marker_strip_marks      (const char **start,
                                              const char **end);
const char *kdl_exam_marker_find_note        (const char  *start,
                                              const char  *end);

G_END_DECLS
