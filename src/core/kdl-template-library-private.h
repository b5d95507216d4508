/* kdl-template-library-private.h — shared by kdl-template-library*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-template-library.h"

G_BEGIN_DECLS

struct _KdlTemplateLibrary
{
  GObject    parent_instance;

  char      *user_dir;
  GPtrArray *entries;     /* of KdlTemplateEntry */
  GPtrArray *errors;      /* of GError: user files that did not load */
  gboolean   loaded;
};

typedef enum
{
  OP_RELOAD,
  OP_SAVE,
  OP_ADD,
  OP_IMPORT,
  OP_RENAME,
  OP_DELETE,
  OP_REVERT,
  OP_EXPORT,
} Op;

typedef struct
{
  Op                op;
  char             *user_dir;
  KdlTemplateEntry *entry;          /* main context only */
  KdlTemplate      *template;       /* the task's own copy */
  GFile            *file;           /* where to write, what to read or delete */
  char             *name;
  GStrv             taken;          /* names in use, for OP_ADD/OP_IMPORT */
  GTask            *outer;          /* the caller's task */

  /* Results */
  GPtrArray        *builtins;
  GPtrArray        *user;
  GPtrArray        *errors;
  GFile            *written;
  KdlTemplate      *fallback;       /* OP_REVERT: a NAME.tmpl still in effect */
  GFile            *fallback_file;
} OpData;

void     _kdl_template_library_start_op  (KdlTemplateLibrary  *self,
                                          OpData              *data,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
OpData  *_kdl_template_library_op_new    (Op                   op,
                                          KdlTemplateEntry    *entry);
void     _kdl_template_library_run_op    (GTask               *task,
                                          gpointer             source_object,
                                          gpointer             task_data,
                                          GCancellable        *cancellable);
char    *_kdl_template_split_basename    (GFile               *file,
                                          const char         **language);
GFile   *_kdl_template_user_file         (const char          *user_dir,
                                          const char          *name,
                                          const char          *language);

G_END_DECLS
