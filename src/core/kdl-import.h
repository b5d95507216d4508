/* kdl-import.h — import options, formats and the row problems importers report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Stable reason codes (English identifiers, never translated; the message
 * beside each code is).  A rejected record keeps its row id; every other
 * record still loads.
 *
 * Rejected records (KdlImportIssue with row and line):
 *   invalid-utf8        the record is not valid UTF-8 (and the file was read as UTF-8)
 *   invalid-encoding    the record cannot be decoded in the chosen encoding
 *   nul-character       a NUL byte, or "\u0000" in a JSON string
 *   invalid-json        JSONL: the line is not valid JSON (the message says where and why)
 *   truncated-line      JSONL: the last line ends inside a value, without a newline
 *   not-an-object       JSONL: valid JSON, but not an object (an array, a string…)
 *   duplicate-key       JSONL: the same key twice in one object
 *   missing-fields      JSONL: an object without fields, or a ShareGPT
 *                       conversation without a human and a gpt turn
 *   unterminated-quote  CSV: a quoted field is never closed (it runs to the end of the file)
 *   stray-quote         CSV: a quote inside an unquoted field, or text after a closing quote
 *   wrong-field-count   CSV: not as many fields as the header has columns
 *   invalid-cell        XLSX: a cell refers to a shared string that does not exist
 *   invalid-xml         XLSX: the sheet's XML is broken from this row on
 *
 * Skipped lines (KdlImportIssue with row 0):
 *   blank-line          JSONL/CSV: an empty or whitespace-only line between records
 *   blank-row           XLSX: a row without any non-empty cell
 */
#define KDL_IMPORT_INVALID_UTF8       "invalid-utf8"
#define KDL_IMPORT_INVALID_ENCODING   "invalid-encoding"
#define KDL_IMPORT_NUL_CHARACTER      "nul-character"
#define KDL_IMPORT_INVALID_JSON       "invalid-json"
#define KDL_IMPORT_TRUNCATED_LINE     "truncated-line"
#define KDL_IMPORT_NOT_AN_OBJECT      "not-an-object"
#define KDL_IMPORT_DUPLICATE_KEY      "duplicate-key"
#define KDL_IMPORT_MISSING_FIELDS     "missing-fields"
#define KDL_IMPORT_UNTERMINATED_QUOTE "unterminated-quote"
#define KDL_IMPORT_STRAY_QUOTE        "stray-quote"
#define KDL_IMPORT_WRONG_FIELD_COUNT  "wrong-field-count"
#define KDL_IMPORT_INVALID_CELL       "invalid-cell"
#define KDL_IMPORT_INVALID_XML        "invalid-xml"
#define KDL_IMPORT_BLANK_LINE         "blank-line"
#define KDL_IMPORT_BLANK_ROW          "blank-row"

typedef enum
{
  KDL_DATASET_FORMAT_UNKNOWN,
  KDL_DATASET_FORMAT_JSONL,
  KDL_DATASET_FORMAT_CSV,
  KDL_DATASET_FORMAT_XLSX,
} KdlDatasetFormat;

/**
 * KdlImportIssue:
 * @row: the record's row id (DESIGN.md), 0 for a skipped line
 * @line: the physical line where the record starts (JSONL, CSV) or the
 *   sheet row (XLSX)
 * @code: one of the stable codes above (a static string)
 * @message: what is wrong, translated
 */
typedef struct
{
  guint       row;
  guint       line;
  const char *code;
  char       *message;
} KdlImportIssue;

#define KDL_TYPE_IMPORT_OPTIONS (kdl_import_options_get_type ())

/**
 * KdlImportOptions:
 * @sheet: (nullable): the XLSX sheet to read; %NULL for the first
 * @encoding: (nullable): force this encoding (any iconv name); %NULL
 *   for UTF-8 with a GB18030 guess
 * @mapping: variable → column pairs set by the user (`--map VAR=COLUMN`);
 *   they override the recognised column names
 */
typedef struct
{
  char       *sheet;
  char       *encoding;
  GHashTable *mapping;
} KdlImportOptions;

GType              kdl_import_options_get_type       (void) G_GNUC_CONST;
KdlImportOptions  *kdl_import_options_new            (void);
KdlImportOptions  *kdl_import_options_copy           (const KdlImportOptions *options);
void               kdl_import_options_free           (KdlImportOptions       *options);
void               kdl_import_options_set_sheet      (KdlImportOptions       *options,
                                                      const char             *sheet);
void               kdl_import_options_set_encoding   (KdlImportOptions       *options,
                                                      const char             *encoding);
void               kdl_import_options_map            (KdlImportOptions       *options,
                                                      const char             *variable,
                                                      const char             *column);
gboolean           kdl_import_options_parse_map      (KdlImportOptions       *options,
                                                      const char             *assignment,
                                                      GError                **error);

const char        *kdl_dataset_format_to_string      (KdlDatasetFormat        format);
KdlDatasetFormat   kdl_dataset_format_guess          (const char             *basename,
                                                      const guchar           *head,
                                                      gsize                   head_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlImportOptions, kdl_import_options_free)

G_END_DECLS
