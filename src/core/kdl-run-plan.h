/* kdl-run-plan.h — what a new run works on, written into the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-dataset.h"
#include "kdl-store.h"
#include "kdl-template.h"

G_BEGIN_DECLS

typedef enum
{
  KDL_RUN_SELECT_ALL,
  KDL_RUN_SELECT_FAILED,    /* samples that failed in the previous run */
  KDL_RUN_SELECT_UNSCORED,  /* samples with no score in the previous run */
} KdlRunSelect;

typedef struct
{
  KdlDataset   *dataset;        /* the rows; NULL with @from_run */
  gint64        from_run;       /* work on this run's outputs (chain or re-judge) */
  KdlTemplate  *generate;       /* NULL: judge-only */
  KdlTemplate  *judge;          /* NULL: generate-only */
  KdlRunSelect  select;
  guint         row_first;      /* row ids, inclusive; 0 = open */
  guint         row_last;
  guint         limit;          /* at most this many rows; 0 = all */
  guint         variants;       /* samples per row; 0 = 1 */
  GArray       *positions;      /* (element-type guint) (nullable): dataset positions picked in a view */
  const char   *provider_json;  /* without secrets */
  const char   *params_json;
} KdlRunPlanSpec;

gboolean  kdl_run_select_from_string (const char            *text,
                                      KdlRunSelect          *select);
gboolean  kdl_run_parse_rows         (const char            *text,
                                      guint                 *first,
                                      guint                 *last);
gint64    kdl_run_plan_create        (KdlStore              *store,
                                      const KdlRunPlanSpec  *spec,
                                      GError               **error);
char     *kdl_run_plan_detect_language (KdlDataset          *dataset);
KdlTemplate *kdl_run_plan_resolve_template (const char       *name,
                                            const char       *language,
                                            KdlTemplateKind   kind,
                                            GError          **error);
gboolean  kdl_run_plan_check_templates (KdlDataset          *dataset,
                                        KdlTemplate         *generate,
                                        KdlTemplate         *judge,
                                        GError             **error);

G_END_DECLS
