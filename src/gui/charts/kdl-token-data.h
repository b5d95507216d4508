/* kdl-token-data.h — token usage per run (or per stretch of time)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_TOKEN_DATA (kdl_token_data_get_type ())

typedef struct _KdlTokenData KdlTokenData;

GType         kdl_token_data_get_type       (void) G_GNUC_CONST;
KdlTokenData *kdl_token_data_new            (void);
KdlTokenData *kdl_token_data_ref            (KdlTokenData       *self);
void          kdl_token_data_unref          (KdlTokenData       *self);
void          kdl_token_data_add            (KdlTokenData       *self,
                                             const char         *label,
                                             gint64              prompt,
                                             gint64              completion);
guint         kdl_token_data_get_n_entries  (KdlTokenData       *self);
const char   *kdl_token_data_get_label      (KdlTokenData       *self,
                                             guint               index);
gint64        kdl_token_data_get_prompt     (KdlTokenData       *self,
                                             guint               index);
gint64        kdl_token_data_get_completion (KdlTokenData       *self,
                                             guint               index);
gint64        kdl_token_data_get_total      (KdlTokenData       *self,
                                             guint               index);
gint64        kdl_token_data_get_max_total  (KdlTokenData       *self);
void          kdl_token_data_layout         (KdlTokenData       *self,
                                             const KdlChartRect *area,
                                             double              total_max,
                                             double              max_bar_width,
                                             KdlChartRect       *prompt_bars,
                                             KdlChartRect       *completion_bars,
                                             KdlChartRect       *columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlTokenData, kdl_token_data_unref)

G_END_DECLS
