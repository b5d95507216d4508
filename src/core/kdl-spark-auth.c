/* kdl-spark-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-spark-auth"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "kdl-error.h"
#include "kdl-spark-auth.h"

/* RFC 1123 wants English names; strftime's %a and %b follow the locale,
 * which would make every signature fail on a Chinese desktop. */
static const char *day_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/**
 * kdl_spark_auth_format_date:
 * @when: any time; it is converted to UTC
 *
 * Returns: (transfer full): @when as `Fri, 05 May 2023 10:43:39 GMT`
 */
char *
kdl_spark_auth_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          day_names[g_date_time_get_day_of_week (utc) - 1],
                          g_date_time_get_day_of_month (utc),
                          month_names[g_date_time_get_month (utc) - 1],
                          g_date_time_get_year (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

/**
 * kdl_spark_auth_parse_date:
 * @date: an RFC 1123 date in GMT
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @date is not
 *   in that form
 */
GDateTime *
kdl_spark_auth_parse_date (const char *date)
{
  char day[4], month[4];
  int mday, year, hour, minute, second;
  int consumed = 0;

  /* Exactly "Ddd, DD Mon YYYY HH:MM:SS GMT": a gateway is strict, so is the
   * simulator. */
  if (date == NULL || strlen (date) != 29)
    return NULL;

  if (sscanf (date, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n",
              day, &mday, month, &year, &hour, &minute, &second, &consumed) != 7 ||
      consumed != 29)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (strcmp (month, month_names[i]) == 0)
        {
          g_autoptr(GDateTime) parsed = g_date_time_new_utc (year, i + 1, mday, hour, minute, second);

          if (parsed == NULL ||
              strcmp (day, day_names[g_date_time_get_day_of_week (parsed) - 1]) != 0)
            return NULL;

          return g_steal_pointer (&parsed);
        }
    }

  return NULL;
}

/**
 * kdl_spark_auth_signature:
 *
 * Returns: (transfer full): base64 (HMAC-SHA256 (@api_secret, signature_origin))
 */
char *
kdl_spark_auth_signature (const char *api_secret,
                          const char *host,
                          const char *date,
                          const char *request_line)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *origin = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (api_secret != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (request_line != NULL, NULL);

  origin = g_strdup_printf ("host: %s\ndate: %s\n%s", host, date, request_line);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)api_secret, strlen (api_secret));
  g_hmac_update (hmac, (const guchar *)origin, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_base64_encode (digest, digest_len);
}

/**
 * kdl_spark_auth_authorization:
 *
 * Returns: (transfer full): the base64 `authorization` query value
 */
char *
kdl_spark_auth_authorization (const char *api_key,
                              const char *signature)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  origin = g_strdup_printf ("api_key=\"%s\", algorithm=\"hmac-sha256\", "
                            "headers=\"host date request-line\", signature=\"%s\"",
                            api_key, signature);

  return g_base64_encode ((const guchar *)origin, strlen (origin));
}

/**
 * kdl_spark_auth_form_encode:
 *
 * application/x-www-form-urlencoded, as the official SDKs' urlencode():
 * space becomes `+`, everything but unreserved characters is %-escaped.
 */
char *
kdl_spark_auth_form_encode (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *)value; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
        g_string_append_c (out, *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * kdl_spark_auth_sign_url:
 * @url: a `ws://` or `wss://` URL without a query
 * @now: (nullable): the time to sign with, %NULL for the current time
 *
 * The signed host is the URL's host with its port when the URL names one
 * (as the Python and Go SDKs do); the simulator accepts both forms.
 *
 * Returns: (transfer full): the URL with `authorization`, `date` and `host`
 *   appended.  It is a credential: never log it.
 */
char *
kdl_spark_auth_sign_url (const char  *url,
                         const char  *api_key,
                         const char  *api_secret,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autofree char *host = NULL;
  g_autofree char *date = NULL;
  g_autofree char *request_line = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *e_auth = NULL;
  g_autofree char *e_date = NULL;
  g_autofree char *e_host = NULL;
  const char *scheme;
  const char *path;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0))
    {
      g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_URL,
                           _("The endpoint address is not a valid ws:// or wss:// URL."));
      return NULL;
    }

  if (api_key == NULL || api_secret == NULL || !*api_key || !*api_secret)
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_NO_CREDENTIALS, NULL);
      g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_NO_CREDENTIALS, msg);
      return NULL;
    }

  if (g_uri_get_port (uri) > 0)
    host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    host = g_strdup (g_uri_get_host (uri));

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    path = "/";

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  date = kdl_spark_auth_format_date (now);
  request_line = g_strdup_printf ("GET %s HTTP/1.1", path);
  signature = kdl_spark_auth_signature (api_secret, host, date, request_line);
  authorization = kdl_spark_auth_authorization (api_key, signature);

  e_auth = kdl_spark_auth_form_encode (authorization);
  e_date = kdl_spark_auth_form_encode (date);
  e_host = kdl_spark_auth_form_encode (host);

  return g_strdup_printf ("%s://%s%s?authorization=%s&date=%s&host=%s",
                          scheme, host, path, e_auth, e_date, e_host);
}
