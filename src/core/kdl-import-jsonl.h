/* kdl-import-jsonl.h — the JSONL importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-import-private.h"

G_BEGIN_DECLS

gboolean   kdl_import_jsonl              (KdlImportJob          *job,
                                        GError               **error);
KdlRecord *kdl_import_jsonl_parse_record (const KdlImportResult *result,
                                        const KdlSpan         *span);

G_END_DECLS
