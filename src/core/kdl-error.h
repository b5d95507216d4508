/* kdl-error.h — the one error domain for Spark calls and its classification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KDL_SPARK_ERROR (kdl_spark_error_quark ())

/*
 * Error codes of the KDL_SPARK_ERROR domain.
 *
 * The numbering keeps three ranges apart so one integer says where a failure
 * came from: below 100 the transport and the client itself, 100–599 an HTTP
 * status of a failed handshake, 10000 and above a Spark error code copied
 * from an error frame (SPARK-PROTOCOL.md §5).  Codes that are not listed
 * here (an unknown Spark code, an unusual HTTP status) are still valid
 * values of the domain and are classified by range.
 */
typedef enum
{
  KDL_SPARK_ERROR_FAILED              = 1,  /* anything else */
  KDL_SPARK_ERROR_CONNECT             = 2,  /* could not reach the server */
  KDL_SPARK_ERROR_CONNECT_TIMEOUT     = 3,
  KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT = 4,
  KDL_SPARK_ERROR_STALL_TIMEOUT       = 5,  /* no frame for too long mid-answer */
  KDL_SPARK_ERROR_CONNECTION_LOST     = 6,  /* closed before the last frame */
  KDL_SPARK_ERROR_INVALID_FRAME       = 7,  /* not JSON, or not an answer frame */
  KDL_SPARK_ERROR_TLS                 = 8,  /* certificate not trusted */
  KDL_SPARK_ERROR_INSECURE_URL        = 9,  /* ws:// to a host that is not loopback */
  KDL_SPARK_ERROR_INVALID_URL         = 10,
  KDL_SPARK_ERROR_NO_CREDENTIALS      = 11,
  KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE   = 12, /* the request does not fit in one frame */

  KDL_SPARK_ERROR_HTTP_UNAUTHORIZED   = 401,
  KDL_SPARK_ERROR_HTTP_FORBIDDEN      = 403,

  KDL_SPARK_ERROR_UPGRADE             = 10000,
  KDL_SPARK_ERROR_INVALID_DOMAIN      = 10003,
  KDL_SPARK_ERROR_NOT_FINISHED        = 10007,
  KDL_SPARK_ERROR_CAPACITY            = 10008,
  KDL_SPARK_ERROR_INPUT_MODERATION    = 10013,
  KDL_SPARK_ERROR_OUTPUT_MODERATION   = 10014,
  KDL_SPARK_ERROR_APPID_BLACKLISTED   = 10015,
  KDL_SPARK_ERROR_APPID_UNAUTHORISED  = 10016,
  KDL_SPARK_ERROR_TENDS_TO_VIOLATION  = 10019,
  KDL_SPARK_ERROR_INPUT_REVIEW        = 10021,
  KDL_SPARK_ERROR_SERVICE_BUSY        = 10110,
  KDL_SPARK_ERROR_TOO_MANY_TOKENS     = 10907,
  KDL_SPARK_ERROR_NO_LICENCE          = 11200,
  KDL_SPARK_ERROR_DAILY_LIMIT         = 11201,
  KDL_SPARK_ERROR_QPS_LIMIT           = 11202,
  KDL_SPARK_ERROR_CONCURRENCY_LIMIT   = 11203,
} KdlSparkErrorCode;

/*
 * What a caller should do about a failed call.
 */
typedef enum
{
  KDL_ERROR_CLASS_RETRYABLE,   /* try the same item again, after a backoff */
  KDL_ERROR_CLASS_ITEM_FATAL,  /* this item fails with its reason; the run goes on */
  KDL_ERROR_CLASS_RUN_FATAL,   /* stop the whole run now */
  KDL_ERROR_CLASS_RUN_PAUSE,   /* stop the run as resumable (daily limit, budget) */
} KdlErrorClass;

GQuark         kdl_spark_error_quark           (void);
KdlErrorClass  kdl_spark_error_code_classify   (int           code);
KdlErrorClass  kdl_error_classify              (const GError *error);
const char    *kdl_error_class_to_string       (KdlErrorClass klass);
gboolean       kdl_spark_error_code_lowers_rate (int          code);
char          *kdl_spark_error_code_describe   (int           code,
                                                const char   *server_message);
char          *kdl_spark_error_code_to_id      (int           code);

G_END_DECLS
