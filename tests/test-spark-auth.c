/* test-spark-auth.c — URL signing against the published vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "kdl-error.h"
#include "kdl-spark-auth.h"

static void
test_official_vector (void)
{
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2023, 5, 5, 10, 43, 39);
  g_autofree char *date = kdl_spark_auth_format_date (when);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (date, ==, "Fri, 05 May 2023 10:43:39 GMT");

  signature = kdl_spark_auth_signature ("MjlmNzkzNmZkMDQ2OTc0ZDdmNGE2ZTZi",
                                        "spark-api.xf-yun.com", date,
                                        "GET /v1.1/chat HTTP/1.1");
  g_assert_cmpstr (signature, ==, "z5gHdu3pxVV4ADMyk467wOWDQ9q6BQzR3nfMTjc/DaQ=");

  authorization = kdl_spark_auth_authorization ("addd2272b6d8b7c8abdd79531420ca3b", signature);
  g_assert_cmpstr (authorization, ==,
                   "YXBpX2tleT0iYWRkZDIyNzJiNmQ4YjdjOGFiZGQ3OTUzMTQyMGNhM2IiLCBhbGdvcml0aG09ImhtYWMtc2hhMjU2IiwgaGVhZGVycz0iaG9zdCBkYXRlIHJlcXVlc3QtbGluZSIsIHNpZ25hdHVyZT0iejVnSGR1M3B4VlY0QURNeWs0Njd3T1dEUTlxNkJRelIzbmZNVGpjL0RhUT0i");

  url = kdl_spark_auth_sign_url ("wss://spark-api.xf-yun.com/v1.1/chat",
                                 "addd2272b6d8b7c8abdd79531420ca3b",
                                 "MjlmNzkzNmZkMDQ2OTc0ZDdmNGE2ZTZi", when, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "wss://spark-api.xf-yun.com/v1.1/chat?authorization="));
  g_assert_nonnull (strstr (url, "&date=Fri%2C+05+May+2023+10%3A43%3A39+GMT&host=spark-api.xf-yun.com"));
  /* The base64 authorization ends in '=' which must be escaped. */
  g_assert_nonnull (strstr (url, "RhUT0i&date="));
}

static void
test_generic_vector (void)
{
  g_autofree char *signature = kdl_spark_auth_signature ("apisecretXXXXXXXXXXXXXXXXXXXXXXX",
                                                         "api.xf-yun.com",
                                                         "Fri, 23 Apr 2021 02:35:47 GMT",
                                                         "POST /v1/private/s782b4996 HTTP/1.1");

  g_assert_cmpstr (signature, ==, "1jwQbIAKmQE7JwIH0IDxiC1pejrlN+VpHXDWOFVy5NM=");
  g_assert_cmpuint (strlen (signature), ==, 44);
}

static void
test_date_in_chinese_locale (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2023, 5, 5, 10, 43, 39);
  g_autofree char *date = NULL;
  g_autofree char *localized = NULL;

  /* If zh_CN.UTF-8 cannot be set the test would silently run in C: fail. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    g_error ("the zh_CN.UTF-8 locale is not available; run build-aux/dev to generate it");

  /* Proof that the locale is in effect: strftime names are Chinese. */
  localized = g_date_time_format (when, "%a");
  g_assert_cmpstr (localized, !=, "Fri");

  date = kdl_spark_auth_format_date (when);
  g_assert_cmpstr (date, ==, "Fri, 05 May 2023 10:43:39 GMT");

  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_date_converts_to_utc (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) beijing = g_date_time_new (tz, 2023, 5, 5, 18, 43, 39);
  g_autofree char *date = kdl_spark_auth_format_date (beijing);

  g_assert_cmpstr (date, ==, "Fri, 05 May 2023 10:43:39 GMT");
}

static void
test_date_parse (void)
{
  g_autoptr(GDateTime) parsed = kdl_spark_auth_parse_date ("Fri, 05 May 2023 10:43:39 GMT");
  g_autoptr(GDateTime) wrong_day = kdl_spark_auth_parse_date ("Mon, 05 May 2023 10:43:39 GMT");
  g_autoptr(GDateTime) garbage = kdl_spark_auth_parse_date ("2023-05-05T10:43:39Z");
  g_autoptr(GDateTime) trailing = kdl_spark_auth_parse_date ("Fri, 05 May 2023 10:43:39 GMT ");

  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 10);
  g_assert_cmpint (g_date_time_get_month (parsed), ==, 5);
  g_assert_null (wrong_day);
  g_assert_null (garbage);
  g_assert_null (trailing);
}

static void
test_sign_url_with_port (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2023, 5, 5, 10, 43, 39);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kdl_spark_auth_sign_url ("ws://127.0.0.1:8123/v3.5/chat", "k", "s", when, &error);
  g_autofree char *expected_sig = kdl_spark_auth_signature ("s", "127.0.0.1:8123",
                                                            "Fri, 05 May 2023 10:43:39 GMT",
                                                            "GET /v3.5/chat HTTP/1.1");
  g_autofree char *expected_auth = kdl_spark_auth_authorization ("k", expected_sig);
  g_autofree char *encoded_auth = kdl_spark_auth_form_encode (expected_auth);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "ws://127.0.0.1:8123/v3.5/chat?"));
  g_assert_nonnull (strstr (url, "host=127.0.0.1%3A8123"));
  g_assert_nonnull (strstr (url, encoded_auth));
}

static void
test_sign_url_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kdl_spark_auth_sign_url ("https://example.com/x", "k", "s", NULL, &error);

  g_assert_null (url);
  g_assert_error (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_URL);
  g_clear_error (&error);

  url = kdl_spark_auth_sign_url ("wss://example.com/x", "", "s", NULL, &error);
  g_assert_null (url);
  g_assert_error (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_NO_CREDENTIALS);
}

static void
test_form_encode (void)
{
  g_autofree char *a = kdl_spark_auth_form_encode ("Fri, 05 May 2023 10:43:39 GMT");
  g_autofree char *b = kdl_spark_auth_form_encode ("a+b/c=");

  g_assert_cmpstr (a, ==, "Fri%2C+05+May+2023+10%3A43%3A39+GMT");
  g_assert_cmpstr (b, ==, "a%2Bb%2Fc%3D");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spark-auth/official-vector", test_official_vector);
  g_test_add_func ("/spark-auth/generic-vector", test_generic_vector);
  g_test_add_func ("/spark-auth/date-zh-cn-locale", test_date_in_chinese_locale);
  g_test_add_func ("/spark-auth/date-utc", test_date_converts_to_utc);
  g_test_add_func ("/spark-auth/date-parse", test_date_parse);
  g_test_add_func ("/spark-auth/url-with-port", test_sign_url_with_port);
  g_test_add_func ("/spark-auth/url-errors", test_sign_url_errors);
  g_test_add_func ("/spark-auth/form-encode", test_form_encode);

  return g_test_run ();
}
