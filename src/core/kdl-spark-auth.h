/* kdl-spark-auth.h — signing Spark WebSocket URLs (SPARK-PROTOCOL.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *kdl_spark_auth_format_date   (GDateTime   *when);
GDateTime *kdl_spark_auth_parse_date    (const char  *date);
char      *kdl_spark_auth_signature     (const char  *api_secret,
                                         const char  *host,
                                         const char  *date,
                                         const char  *request_line);
char      *kdl_spark_auth_authorization (const char  *api_key,
                                         const char  *signature);
char      *kdl_spark_auth_form_encode   (const char  *value);
char      *kdl_spark_auth_sign_url      (const char  *url,
                                         const char  *api_key,
                                         const char  *api_secret,
                                         GDateTime   *now,
                                         GError     **error);

G_END_DECLS
