/* kdl-test-readers.h — minimal readers for the sample files, test-only
 *
 * The exam tests read the samples without the importers (src/core has its
 * own, with diagnostics): libcsv for CSV, libgsf + libxml2 for the first
 * sheet of an XLSX, json-glib for JSON Lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GPtrArray *kdl_test_read_csv   (const char *path);
GPtrArray *kdl_test_read_xlsx  (const char *path);
GPtrArray *kdl_test_read_jsonl (const char *path);

G_END_DECLS
