/* kdl-import-xlsx.h — the XLSX importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-import-private.h"

G_BEGIN_DECLS

gboolean   kdl_import_xlsx              (KdlImportJob          *job,
                                        GError               **error);
KdlRecord *kdl_import_xlsx_parse_record (const KdlImportResult *result,
                                        const KdlSpan         *span);

G_END_DECLS
