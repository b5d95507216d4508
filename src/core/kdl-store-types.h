/* kdl-store-types.h — the records, states and errors of the project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KDL_STORE_ERROR (kdl_store_error_quark ())

typedef enum
{
  KDL_STORE_ERROR_FAILED,          /* anything else SQLite reports */
  KDL_STORE_ERROR_NOT_A_PROJECT,   /* not SQLite, or another program's database */
  KDL_STORE_ERROR_TOO_NEW,         /* written by a newer Kindling */
  KDL_STORE_ERROR_BUSY,            /* another process kept the file locked too long */
  KDL_STORE_ERROR_RUN_LOCKED,      /* another process is running that run */
  KDL_STORE_ERROR_NOT_FOUND,       /* no such run, item, dataset… */
  KDL_STORE_ERROR_INVALID,         /* bad arguments or a rule of the schema */
  KDL_STORE_ERROR_CORRUPT,         /* SQLite says the file is damaged */
  KDL_STORE_ERROR_IO,              /* cannot open, read or write; disk full */
  KDL_STORE_ERROR_CLOSED,          /* the store is shutting down */
} KdlStoreError;

/* Stored as these English words (kdl_store_*_to_string), never as numbers. */
typedef enum
{
  KDL_STORE_STAGE_GENERATE,
  KDL_STORE_STAGE_JUDGE,
} KdlStoreStage;

typedef enum
{
  KDL_STORE_ITEM_PENDING,
  KDL_STORE_ITEM_RUNNING,
  KDL_STORE_ITEM_DONE,
  KDL_STORE_ITEM_FAILED,
  KDL_STORE_ITEM_SKIPPED,
} KdlStoreItemState;

typedef enum
{
  KDL_STORE_RUN_PENDING,
  KDL_STORE_RUN_RUNNING,
  KDL_STORE_RUN_PAUSED,
  KDL_STORE_RUN_STOPPED,
  KDL_STORE_RUN_DONE,
  KDL_STORE_RUN_FAILED,
} KdlStoreRunState;

typedef enum
{
  KDL_STORE_VERDICT_NONE,
  KDL_STORE_VERDICT_ACCEPTED,
  KDL_STORE_VERDICT_REJECTED,
} KdlStoreVerdict;

/* Timestamps everywhere are microseconds since the Unix epoch, UTC
 * (g_get_real_time ()); 0 means "never". */

/* What a dataset is; the store copies the strings. */
typedef struct
{
  const char *source_path;   /* where it was read from (informative) */
  const char *format;        /* "jsonl", "csv", "xlsx", … */
  const char *encoding;      /* nullable */
  const char *sheet;         /* nullable: the xlsx sheet */
  const char *columns_json;  /* JSON array of column names; NULL = [] */
  const char *mapping_json;  /* JSON object {variable: column}; NULL = {} */
  const char *content_hash;  /* identifies the whole source content, e.g. a
                              * hash over every record's hash */
} KdlStoreDatasetSpec;

typedef struct
{
  gint64  id;
  char   *source_path;
  char   *format;
  char   *encoding;
  char   *sheet;
  char   *fingerprint;
  gint64  imported_at;
  char   *columns_json;
  char   *mapping_json;
  guint   n_rows;        /* rows copied so far */
} KdlStoreDataset;

/* One copied row (DESIGN.md row id, content hash, fields as a JSON object
 * {column: value}). */
typedef struct
{
  guint       row;
  const char *hash;
  const char *fields_json;
} KdlStoreRowSpec;

typedef struct
{
  guint  row;
  char  *hash;
  char  *fields_json;
} KdlStoreRow;

typedef struct
{
  gint64         id;
  char          *name;
  KdlStoreStage  kind;
  char          *sha256;
  char          *text;
  gint64         created_at;
} KdlStoreTemplate;

/* What a new run is made of; 0 ids mean "none". */
typedef struct
{
  gint64      dataset_id;            /* the rows it reads (0 for a chained run) */
  gint64      generate_template_id;  /* 0: judge-only */
  gint64      judge_template_id;     /* 0: generate-only */
  gint64      parent_run_id;         /* chained (--from-run) or judging another run */
  double      score_max;             /* the judge's score_max; 0 = unknown */
  const char *provider_json;         /* model, endpoint, domain… secrets are removed */
  const char *params_json;           /* concurrency, rate, variants, selection… */
} KdlStoreRunSpec;

typedef struct
{
  gint64            id;
  gint64            created_at;
  gint64            started_at;
  gint64            finished_at;
  gint64            updated_at;
  gint64            dataset_id;
  gint64            generate_template_id;
  gint64            judge_template_id;
  gint64            parent_run_id;
  char             *template_name;     /* the generate template's name, or NULL */
  char             *judge_name;        /* the judge template's name, or NULL */
  double            score_max;
  char             *provider_json;
  char             *params_json;
  KdlStoreRunState  state;
  char             *stop_code;         /* stable English identifier, or NULL */
  char             *stop_message;
  gint64            prompt_tokens;
  gint64            completion_tokens;
  gint64            total_tokens;
  /* Counts over samples (a sample is one row × variant). */
  guint             rows;              /* distinct row ids */
  guint             samples;
  guint             done;              /* every item done or skipped */
  guint             failed;            /* some item failed */
} KdlStoreRun;

/* One item to create: a generate item, a judge item, or both for one
 * row × variant.  With both, the judge item judges the new generate item
 * and @source_item_id (if any) is the generate item's input (a chained
 * run); with a judge item alone, @source_item_id is the generate item it
 * judges (0: it judges a dataset column). */
typedef struct
{
  guint    row;
  guint    variant;          /* 0-based */
  gboolean generate;
  gboolean judge;
  gint64   source_item_id;
} KdlStoreItemSpec;

/* What a runner needs to schedule an item (no texts: memory stays flat). */
typedef struct
{
  gint64             id;
  gint64             source_item_id;
  guint              row;
  guint              variant;
  KdlStoreStage      stage;
  KdlStoreItemState  state;
  guint              attempts;
  int                check_ok;     /* -1 not checked, 0, 1 */
} KdlStoreItemRef;

typedef enum
{
  KDL_STORE_ITEM_SET_STATE    = 1 << 0,
  KDL_STORE_ITEM_SET_ATTEMPTS = 1 << 1,
  KDL_STORE_ITEM_SET_PROMPT   = 1 << 2,
  KDL_STORE_ITEM_SET_OUTPUT   = 1 << 3,
  KDL_STORE_ITEM_SET_CHECK    = 1 << 4,  /* check_ok + check_json */
  KDL_STORE_ITEM_SET_SCORE    = 1 << 5,  /* has_score/score + parts_json + unparsed_reason */
  KDL_STORE_ITEM_ADD_USAGE    = 1 << 6,  /* adds to the item's and the run's tokens */
  KDL_STORE_ITEM_SET_ERROR    = 1 << 7,  /* error_code + error_message (NULLs clear) */
  KDL_STORE_ITEM_SET_STARTED  = 1 << 8,
  KDL_STORE_ITEM_SET_FINISHED = 1 << 9,
} KdlStoreItemFields;

/* A change to one item: only the members named in @fields are written.
 * The store copies everything it needs before the call returns. */
typedef struct
{
  gint64              item_id;
  KdlStoreItemFields  fields;
  KdlStoreItemState   state;
  guint               attempts;
  const char         *prompt;
  const char         *output;
  gboolean            check_ok;
  const char         *check_json;      /* {"ok", "mcq_count", "problems"}; nullable */
  gboolean            has_score;
  double              score;
  const char         *parts_json;      /* {name: number}; nullable */
  const char         *unparsed_reason; /* stable code, or NULL */
  gint64              prompt_tokens;
  gint64              completion_tokens;
  gint64              total_tokens;
  const char         *error_code;      /* stable English identifier, or NULL */
  const char         *error_message;
  gint64              started_at;      /* 0 with the flag: now */
  gint64              finished_at;     /* 0 with the flag: now */
} KdlStoreItemUpdate;

/* One item with everything stored about it, and its review. */
typedef struct
{
  gint64             id;
  gint64             run_id;
  gint64             source_item_id;   /* judge: the judged item; chained generate: its input */
  gint64             partner_id;       /* generate: the judge item judging it in this run;
                                        * judge: the same as source_item_id */
  guint              row;
  guint              variant;
  KdlStoreStage      stage;
  KdlStoreItemState  state;
  guint              attempts;
  char              *prompt;
  char              *output;           /* the original, never changed by review */
  int                check_ok;         /* -1 not checked, 0, 1 */
  char              *check_json;
  gboolean           has_score;
  double             score;
  char              *parts_json;
  char              *unparsed_reason;
  gint64             prompt_tokens;
  gint64             completion_tokens;
  gint64             total_tokens;
  char              *error_code;
  char              *error_message;
  gint64             started_at;
  gint64             finished_at;
  KdlStoreVerdict    verdict;
  gint64             verdict_at;
  char              *edited_output;    /* the reviewer's edit, or NULL */
  gint64             edited_at;
} KdlStoreItem;

typedef struct
{
  gint64           item_id;
  guint            row;
  guint            variant;
  KdlStoreStage    stage;
  KdlStoreVerdict  verdict;
  gint64           verdict_at;
  char            *edited_output;
  gint64           edited_at;
} KdlStoreReview;

typedef enum
{
  KDL_STORE_ORDER_ROW,          /* row, then variant */
  KDL_STORE_ORDER_SCORE_DESC,   /* best first; unscored last */
  KDL_STORE_ORDER_SCORE_ASC,
} KdlStoreOrder;

/* Which items of a run a list shows.  Score filters use the judge score of
 * the sample (a judge item's own, a generate item's judge's); check_ok the
 * generate side's structure check; verdicts the sample's verdict as the
 * export reads it (the generate item's, else its judge item's); search
 * looks in the generated text, its edit and the judge's answer (ASCII
 * case-insensitive substring). */
typedef struct
{
  gint64          run_id;
  gboolean        any_stage;       /* FALSE: only items of @stage */
  KdlStoreStage   stage;
  guint           states;          /* mask of 1 << KdlStoreItemState; 0 = any */
  gboolean        has_min_score;
  double          min_score;
  gboolean        has_max_score;
  double          max_score;
  int             check_ok;        /* -1 any, 0 failed, 1 passed */
  guint           verdicts;        /* mask of 1 << KdlStoreVerdict; 0 = any */
  const char     *search;          /* nullable */
  KdlStoreOrder   order;
  guint           offset;
  guint           limit;           /* 0 = no limit */
  gboolean        unparsed;        /* only samples whose judge reply had no
                                    * readable score (stats' unparsed) */
} KdlStoreItemQuery;

GQuark             kdl_store_error_quark          (void);

const char        *kdl_store_stage_to_string      (KdlStoreStage      stage);
gboolean           kdl_store_stage_from_string    (const char        *str,
                                                   KdlStoreStage     *stage);
const char        *kdl_store_item_state_to_string (KdlStoreItemState  state);
gboolean           kdl_store_item_state_from_string (const char      *str,
                                                   KdlStoreItemState *state);
const char        *kdl_store_run_state_to_string  (KdlStoreRunState   state);
gboolean           kdl_store_run_state_from_string (const char       *str,
                                                   KdlStoreRunState  *state);
const char        *kdl_store_verdict_to_string    (KdlStoreVerdict    verdict);
gboolean           kdl_store_verdict_from_string  (const char        *str,
                                                   KdlStoreVerdict   *verdict);

void               kdl_store_item_query_init      (KdlStoreItemQuery *query,
                                                   gint64             run_id);

void               kdl_store_dataset_free         (KdlStoreDataset   *self);
void               kdl_store_row_free             (KdlStoreRow       *self);
void               kdl_store_template_free        (KdlStoreTemplate  *self);
void               kdl_store_run_free             (KdlStoreRun       *self);
void               kdl_store_item_free            (KdlStoreItem      *self);
void               kdl_store_review_free          (KdlStoreReview    *self);

char              *kdl_store_format_time          (gint64             usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreDataset, kdl_store_dataset_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreRow, kdl_store_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreTemplate, kdl_store_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreRun, kdl_store_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreItem, kdl_store_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreReview, kdl_store_review_free)

G_END_DECLS
