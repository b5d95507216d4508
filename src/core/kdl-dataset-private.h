/* kdl-dataset-private.h — shared by kdl-dataset.c and kdl-dataset-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-dataset.h"
#include "kdl-import-private.h"

G_BEGIN_DECLS

KdlImportResult *_kdl_dataset_ref_result (KdlDataset      *self);
KdlRecord       *_kdl_dataset_parse      (KdlImportResult *result,
                                          guint            position);

G_END_DECLS
