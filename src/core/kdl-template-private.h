/* kdl-template-private.h — shared by the kdl-template*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-template.h"

G_BEGIN_DECLS

#define MAX_TOKENS_LIMIT 8192   /* the largest any Spark model takes */
#define SCORE_MAX_LIMIT  1000

gboolean  _kdl_template_parse              (KdlTemplate  *self,
                                            const char   *text,
                                            gssize        length,
                                            const char   *source,
                                            const char   *fallback_name,
                                            GError      **error);
char     *_kdl_template_name_from_basename (const char   *basename);
void      _kdl_template_set_builtin        (KdlTemplate  *self,
                                            const char   *source);
void      _kdl_template_set_origin         (KdlTemplate  *self,
                                            const char   *source,
                                            GFile        *file,
                                            guint         body_line);
gboolean  _kdl_template_check_pattern      (const char   *pattern,
                                            const char   *source,
                                            guint         line,
                                            GError      **error);

/* g_set_str() arrived in GLib 2.76. */
static inline gboolean
_kdl_set_str (char       **str_pointer,
              const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

G_END_DECLS
