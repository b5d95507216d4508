/* kdl-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-error"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "kdl-error.h"

G_DEFINE_QUARK (kdl-spark-error-quark, kdl_spark_error)

/*
 * Retryability follows SPARK-PROTOCOL.md §5.  iFlytek does not document it;
 * the choices below are the recommendation there: transport trouble and
 * capacity errors are retried, content errors fail the item, account errors
 * stop the run.
 */
KdlErrorClass
kdl_spark_error_code_classify (int code)
{
  switch (code)
    {
    case KDL_SPARK_ERROR_CONNECT:
    case KDL_SPARK_ERROR_CONNECT_TIMEOUT:
    case KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT:
    case KDL_SPARK_ERROR_STALL_TIMEOUT:
    case KDL_SPARK_ERROR_CONNECTION_LOST:
    case KDL_SPARK_ERROR_INVALID_FRAME:
    case KDL_SPARK_ERROR_FAILED:
      return KDL_ERROR_CLASS_RETRYABLE;

    case KDL_SPARK_ERROR_TLS:
    case KDL_SPARK_ERROR_INSECURE_URL:
    case KDL_SPARK_ERROR_INVALID_URL:
    case KDL_SPARK_ERROR_NO_CREDENTIALS:
    case KDL_SPARK_ERROR_HTTP_UNAUTHORIZED:
    case KDL_SPARK_ERROR_HTTP_FORBIDDEN:
    case KDL_SPARK_ERROR_INVALID_DOMAIN:
    case KDL_SPARK_ERROR_APPID_BLACKLISTED:
    case KDL_SPARK_ERROR_APPID_UNAUTHORISED:
    case KDL_SPARK_ERROR_NO_LICENCE:
      return KDL_ERROR_CLASS_RUN_FATAL;

    case KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE:
    case KDL_SPARK_ERROR_INPUT_MODERATION:
    case KDL_SPARK_ERROR_OUTPUT_MODERATION:
    case KDL_SPARK_ERROR_TENDS_TO_VIOLATION:
    case KDL_SPARK_ERROR_INPUT_REVIEW:
    case KDL_SPARK_ERROR_TOO_MANY_TOKENS:
      return KDL_ERROR_CLASS_ITEM_FATAL;

    case KDL_SPARK_ERROR_DAILY_LIMIT:
      return KDL_ERROR_CLASS_RUN_PAUSE;

    default:
      break;
    }

  if (code >= 10000)
    {
      if ((code >= 10000 && code <= 10002) ||
          (code >= 10006 && code <= 10012) ||
          code == 10110 || code == 10222 || code == 10223 ||
          code == 11202 || code == 11203)
        return KDL_ERROR_CLASS_RETRYABLE;
      /* 10004, 10005, 10163 and unknown codes: something about this
       * request is wrong, retrying it will not help. */
      return KDL_ERROR_CLASS_ITEM_FATAL;
    }

  if (code >= 100 && code < 600)
    {
      /* Rate limiting and server trouble in front of the gateway. */
      if (code == 408 || code == 429 || code >= 500)
        return KDL_ERROR_CLASS_RETRYABLE;
      return KDL_ERROR_CLASS_RUN_FATAL;
    }

  return KDL_ERROR_CLASS_RETRYABLE;
}

KdlErrorClass
kdl_error_classify (const GError *error)
{
  g_return_val_if_fail (error != NULL, KDL_ERROR_CLASS_ITEM_FATAL);

  if (error->domain == KDL_SPARK_ERROR)
    return kdl_spark_error_code_classify (error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return KDL_ERROR_CLASS_RUN_PAUSE;

  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR)
    return KDL_ERROR_CLASS_RETRYABLE;

  return KDL_ERROR_CLASS_ITEM_FATAL;
}

const char *
kdl_error_class_to_string (KdlErrorClass klass)
{
  switch (klass)
    {
    case KDL_ERROR_CLASS_RETRYABLE:
      return "retryable";
    case KDL_ERROR_CLASS_ITEM_FATAL:
      return "item-fatal";
    case KDL_ERROR_CLASS_RUN_FATAL:
      return "run-fatal";
    case KDL_ERROR_CLASS_RUN_PAUSE:
      return "run-pause";
    default:
      g_return_val_if_reached ("item-fatal");
    }
}

/* 11202 and 11203 say the account's limits are lower than what we use. */
gboolean
kdl_spark_error_code_lowers_rate (int code)
{
  return code == KDL_SPARK_ERROR_QPS_LIMIT || code == KDL_SPARK_ERROR_CONCURRENCY_LIMIT;
}

/**
 * kdl_spark_error_code_to_id:
 *
 * Returns: (transfer full): a stable English identifier for JSON output and
 *   the project file, such as `spark-11200`, `http-401` or `stall-timeout`.
 */
char *
kdl_spark_error_code_to_id (int code)
{
  static const struct { int code; const char *id; } ids[] = {
    { KDL_SPARK_ERROR_FAILED, "failed" },
    { KDL_SPARK_ERROR_CONNECT, "connect-failed" },
    { KDL_SPARK_ERROR_CONNECT_TIMEOUT, "connect-timeout" },
    { KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT, "first-frame-timeout" },
    { KDL_SPARK_ERROR_STALL_TIMEOUT, "stall-timeout" },
    { KDL_SPARK_ERROR_CONNECTION_LOST, "connection-lost" },
    { KDL_SPARK_ERROR_INVALID_FRAME, "invalid-frame" },
    { KDL_SPARK_ERROR_TLS, "tls" },
    { KDL_SPARK_ERROR_INSECURE_URL, "insecure-url" },
    { KDL_SPARK_ERROR_INVALID_URL, "invalid-url" },
    { KDL_SPARK_ERROR_NO_CREDENTIALS, "no-credentials" },
    { KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE, "payload-too-large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (ids[i].code == code)
      return g_strdup (ids[i].id);

  if (code >= 100 && code < 600)
    return g_strdup_printf ("http-%d", code);

  return g_strdup_printf ("spark-%d", code);
}

/**
 * kdl_spark_error_code_describe:
 * @code: a #KdlSparkErrorCode, an HTTP status or a Spark code
 * @server_message: (nullable): what the server said, if anything
 *
 * Returns: (transfer full): a sentence a user can act on, in the user's
 *   language, with the server's own words appended when there are any.
 */
char *
kdl_spark_error_code_describe (int         code,
                               const char *server_message)
{
  const char *what = NULL;
  g_autofree char *generic = NULL;

  switch (code)
    {
    case KDL_SPARK_ERROR_CONNECT:
      what = _("Could not connect to the Spark server. Check the network connection and the endpoint address.");
      break;
    case KDL_SPARK_ERROR_CONNECT_TIMEOUT:
      what = _("Connecting to the Spark server timed out. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT:
      what = _("Spark accepted the request but did not start answering in time. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_STALL_TIMEOUT:
      what = _("Spark stopped sending in the middle of an answer. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_CONNECTION_LOST:
      what = _("The connection closed before the answer was complete. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_INVALID_FRAME:
      what = _("Spark sent a message that could not be read. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_TLS:
      what = _("The server’s certificate could not be verified. Check the endpoint address and the system’s certificates.");
      break;
    case KDL_SPARK_ERROR_INSECURE_URL:
      what = _("Unencrypted ws:// addresses are only allowed for this computer (loopback). Use a wss:// address.");
      break;
    case KDL_SPARK_ERROR_INVALID_URL:
      what = _("The endpoint address is not a valid ws:// or wss:// URL.");
      break;
    case KDL_SPARK_ERROR_NO_CREDENTIALS:
      what = _("No APPID, APIKey and APISecret are set. Enter them in Preferences or set SPARK_APP_ID, SPARK_API_KEY and SPARK_API_SECRET.");
      break;
    case KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE:
      what = _("The prompt is too large to send in one request. Shorten the input.");
      break;
    case KDL_SPARK_ERROR_HTTP_UNAUTHORIZED:
      what = _("Spark rejected the credentials. Check the APIKey and APISecret in Preferences.");
      break;
    case KDL_SPARK_ERROR_HTTP_FORBIDDEN:
      what = _("Spark rejected the request’s date. Check that the system clock is correct (it must be within 5 minutes).");
      break;
    case KDL_SPARK_ERROR_INVALID_DOMAIN:
      what = _("The model’s domain does not match its endpoint address. Check the model settings.");
      break;
    case KDL_SPARK_ERROR_NOT_FINISHED:
      what = _("Spark was still answering a previous request on this connection.");
      break;
    case KDL_SPARK_ERROR_CAPACITY:
    case KDL_SPARK_ERROR_SERVICE_BUSY:
      what = _("Spark is busy. The call will be retried.");
      break;
    case KDL_SPARK_ERROR_INPUT_MODERATION:
    case KDL_SPARK_ERROR_INPUT_REVIEW:
      what = _("The prompt failed Spark’s content review. Edit this row or template.");
      break;
    case KDL_SPARK_ERROR_OUTPUT_MODERATION:
      what = _("Spark’s answer failed its content review.");
      break;
    case KDL_SPARK_ERROR_TENDS_TO_VIOLATION:
      what = _("Spark judged the content likely to break its rules. Edit this row or template.");
      break;
    case KDL_SPARK_ERROR_APPID_BLACKLISTED:
    case KDL_SPARK_ERROR_APPID_UNAUTHORISED:
      what = _("This APPID is blocked or not authorised. Check the application in the iFlytek console.");
      break;
    case KDL_SPARK_ERROR_TOO_MANY_TOKENS:
      what = _("The prompt has too many tokens for this model. Shorten the input or choose a model with a larger context.");
      break;
    case KDL_SPARK_ERROR_NO_LICENCE:
      what = _("This APPID has no licence for this model, or its volume is used up. Check the model’s licence in the iFlytek console.");
      break;
    case KDL_SPARK_ERROR_DAILY_LIMIT:
      what = _("The daily call limit of this APPID is reached. Resume the run tomorrow or raise the limit.");
      break;
    case KDL_SPARK_ERROR_QPS_LIMIT:
      what = _("Too many requests per second for this APPID. Kindling slows down and retries.");
      break;
    case KDL_SPARK_ERROR_CONCURRENCY_LIMIT:
      what = _("Too many calls at once for this APPID. Kindling lowers the concurrency and retries.");
      break;
    default:
      if (code >= 100 && code < 600)
        generic = g_strdup_printf (_("The Spark server refused the connection (HTTP %d)."), code);
      else if (code >= 10000)
        generic = g_strdup_printf (_("Spark returned error %d."), code);
      else
        generic = g_strdup (_("The Spark call failed."));
      what = generic;
      break;
    }

  if (server_message != NULL && server_message[0] != '\0')
    return g_strdup_printf ("%s (%d: %s)", what, code, server_message);

  return g_strdup (what);
}
