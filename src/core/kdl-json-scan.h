/* kdl-json-scan.h — a strict, allocation-free JSON scanner for one JSONL line
 *
 * Indexing a 100,000-line file has to validate every line in well under a
 * second; a DOM parser per line is too slow for that.  This scanner checks a
 * line against RFC 8259 (UTF-8 included) in one pass and reports the members
 * of the top-level object as raw slices; values are decoded only when a row
 * is shown (kdl_json_decode_string ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KDL_JSON_OK = 0,
  KDL_JSON_ERROR_SYNTAX,         /* see KdlJsonScan.reason */
  KDL_JSON_ERROR_TRUNCATED,      /* the input ended inside a value */
  KDL_JSON_ERROR_UTF8,           /* invalid UTF-8 in a string */
  KDL_JSON_ERROR_NUL,            /* a NUL byte or \u0000 */
  KDL_JSON_ERROR_SURROGATE,      /* \uD800–\uDFFF without its pair */
  KDL_JSON_ERROR_NOT_OBJECT,     /* valid JSON, but not an object */
  KDL_JSON_ERROR_TOO_DEEP,       /* nested deeper than KDL_JSON_MAX_DEPTH */
} KdlJsonStatus;

typedef enum
{
  KDL_JSON_REASON_NONE = 0,
  KDL_JSON_REASON_UNEXPECTED_CHAR,
  KDL_JSON_REASON_EXPECTED_KEY,
  KDL_JSON_REASON_EXPECTED_COLON,
  KDL_JSON_REASON_EXPECTED_COMMA,
  KDL_JSON_REASON_BAD_ESCAPE,
  KDL_JSON_REASON_CONTROL_CHAR,
  KDL_JSON_REASON_BAD_NUMBER,
  KDL_JSON_REASON_TRAILING_TEXT,
} KdlJsonReason;

typedef enum
{
  KDL_JSON_STRING,
  KDL_JSON_NUMBER,
  KDL_JSON_TRUE,
  KDL_JSON_FALSE,
  KDL_JSON_NULL,
  KDL_JSON_OBJECT,
  KDL_JSON_ARRAY,
} KdlJsonType;

#define KDL_JSON_MAX_DEPTH 200

/* A slice of the input.  For strings the quotes are not included and
 * @has_escape says whether kdl_json_decode_string () has work to do. */
typedef struct
{
  const char  *data;
  gsize        len;
  KdlJsonType  type;
  gboolean     has_escape;
} KdlJsonSlice;

typedef gboolean (*KdlJsonMemberFunc) (const KdlJsonSlice *key,
                                       const KdlJsonSlice *value,
                                       gpointer            user_data);

typedef struct
{
  KdlJsonStatus status;
  KdlJsonReason reason;
  gsize         offset;   /* byte offset of the problem in the input */
} KdlJsonScan;

KdlJsonStatus  kdl_json_scan_object       (const char        *data,
                                           gsize              len,
                                           KdlJsonMemberFunc  member_func,
                                           gpointer           user_data,
                                           KdlJsonScan       *scan);
KdlJsonStatus  kdl_json_scan_array        (const char        *data,
                                           gsize              len,
                                           KdlJsonMemberFunc  element_func,
                                           gpointer           user_data,
                                           KdlJsonScan       *scan);
char          *kdl_json_decode_string     (const KdlJsonSlice *slice);
gboolean       kdl_json_slice_equal       (const KdlJsonSlice *slice,
                                           const char         *str);

G_END_DECLS
