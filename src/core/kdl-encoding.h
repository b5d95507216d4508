/* kdl-encoding.h — which encoding a text file is in, and decoding it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  kdl_encoding_is_utf8           (const char  *name);
gboolean  kdl_encoding_head_is_utf8      (const char  *data,
                                          gsize        len,
                                          gboolean     at_eof);
gboolean  kdl_encoding_gb18030_plausible (const char  *raw,
                                          gsize        len);
char     *kdl_encoding_decode            (const char  *raw,
                                          gsize        len,
                                          const char  *encoding,
                                          gsize       *out_len,
                                          guint       *n_bad_lines,
                                          GError     **error);

G_END_DECLS
