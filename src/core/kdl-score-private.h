/* kdl-score-private.h — shared by kdl-score.c and kdl-score-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-score.h"

G_BEGIN_DECLS

typedef enum
{
  VALUE_NUMBER,
  VALUE_NEGATIVE,
  VALUE_PERCENT,
  VALUE_PLACEHOLDER,
  VALUE_NOT_A_NUMBER,
} ValueKind;

typedef struct
{
  gsize     pos;     /* where the statement ends, for "the last one wins" */
  ValueKind kind;
  double    value;
} Candidate;

void        _kdl_score_part_free        (gpointer     data);
void        _kdl_score_add_part         (GPtrArray   *parts,
                                         const char  *name,
                                         double       points);
char       *_kdl_score_normalize        (const char  *text);
const char *_kdl_score_skip_hspace      (const char  *p);
ValueKind   _kdl_score_read_value       (const char  *p,
                                         double      *value);
void        _kdl_score_find_text_totals (const char  *text,
                                         GArray      *candidates);
void        _kdl_score_find_json_totals (const char  *text,
                                         GArray      *candidates,
                                         GPtrArray   *json_parts);
void        _kdl_score_find_text_parts  (const char  *text,
                                         GPtrArray   *parts);

G_END_DECLS
