/* kdl-export-private.h — shared by the kdl-export-*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-export.h"
#include "kdl-store-reader.h"

G_BEGIN_DECLS

/* One record to write, without its texts (memory stays flat for big runs). */
typedef struct
{
  guint    row;
  guint    variant;
  gint64   run_id;      /* the exported run that gave it; 0 for an original */
  gint64   item_id;     /* the generate item; 0 for an original */
  double   score;
  guint8   source;      /* KdlExportSource */
  guint8   side;        /* KdlExportSide */
  gboolean has_score;
  gboolean edited;
} KdlExportEntry;

struct _KdlExportPlan
{
  GObject           parent_instance;

  char             *project_path;
  KdlExportOptions *options;
  gint64            dataset_id;
  char             *mapping_json;
  GArray           *entries;     /* KdlExportEntry, in write order */
  KdlExportCounts   counts;
  GPtrArray        *preview;     /* KdlExportRecord */
};

/* kdl-export-select.c */
gboolean  _kdl_export_plan_select       (KdlExportPlan          *plan,
                                         KdlStoreReader         *reader,
                                         GCancellable           *cancellable,
                                         GError                **error);

/* kdl-export-render.c: one per thread (it reads through @reader) */
typedef struct _KdlExportRenderer KdlExportRenderer;

KdlExportRenderer *_kdl_export_renderer_new     (KdlExportPlan         *plan,
                                                 KdlStoreReader        *reader);
void               _kdl_export_renderer_free    (KdlExportRenderer     *self);
GHashTable        *_kdl_export_renderer_get_vars (KdlExportRenderer    *self,
                                                 guint                  row,
                                                 GError               **error);
KdlExportRecord   *_kdl_export_renderer_render  (KdlExportRenderer     *self,
                                                 const KdlExportEntry  *entry,
                                                 GError               **error);
char              *_kdl_export_canonical        (const char            *text,
                                                 guint                 *n_mcqs);
void               _kdl_export_split_input      (const char            *input,
                                                 char                 **instruction,
                                                 char                 **rest);
void               _kdl_export_xlsx_cells       (const char            *output,
                                                 char                 **questions,
                                                 char                 **answers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExportRenderer, _kdl_export_renderer_free)

G_END_DECLS
