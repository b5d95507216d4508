/* kdl-export.h — training records from runs: spark, io, alpaca, sharegpt, xlsx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three steps, so the export dialog is a thin view and `kindling-cli
 * export` is the same code:
 *
 *   options (KdlExportOptions)
 *     → kdl_export_plan_new[_async] (): which records, their count, the
 *       train/validation assignment and a preview of the first ones; reads
 *       the project on the calling thread (or a GTask worker)
 *     → kdl_export_plan_write[_async] (): renders and writes them with
 *       progress and cancellation to temporary files beside the target,
 *       renamed over it only when everything was written.
 *
 * The plan fixes which records are written; their texts are read again
 * when writing (an edit made in between is written, but a verdict changed
 * in between needs a new plan).
 *
 * What a record is (DESIGN.md "Exported training record"):
 *   input   the `train-input` template (or --template) rendered for the
 *           row, in the passage's language (kdl_text_detect_language () on
 *           `reading`) — never the generation prompt;
 *   output  the generated MCQs in canonical form (kdl_exam_parse_combined
 *           + kdl_exam_render_mcqs); the reviewer's edit when there is one.
 *
 * Which samples (a sample is a row × variant of a run):
 * - a run's generate items that are done with an output, each with the
 *   judge item judging it in that run (its score); a judge-only run (one
 *   re-judging another run's outputs) exports the judged generate items
 *   with its own scores.  Judge items that judged a dataset column give no
 *   sample.
 * - Several runs (shards made with `--rows A-B`, or re-runs) must read the
 *   same dataset; records come out ordered by row id, then variant.  When
 *   two runs have a finished sample for the same row × variant, the newest
 *   run's (highest run id) wins, whatever the filters say about it; a run
 *   whose sample did not finish never hides another run's finished one.
 * - The verdict of a sample is the one on its generate item, or, when that
 *   has none, the one on its judge item in the exported run.  A rejected
 *   sample is never exported.  Edits are read from the generate item.
 * - Filters, checked in this order (a left-out sample is counted under the
 *   first one it fails, KdlExportCounts): rejected; --accepted-only
 *   (verdict accepted); --min-score S (judge score ≥ S; a sample without a
 *   score is left out); --structure-ok (the stored check passed; an edited
 *   or never checked text is checked again with kdl_structure_check_run (),
 *   with the row's own MCQs as originals when the generate template used
 *   {mcq} and the item was not chained, as the runner does); and a text in
 *   which no MCQ can be found is never a training target (`no_mcq`).
 * - --include-original: every row the runs cover that has original MCQs
 *   (the `mcq` variable) also gives one record of its own, before the
 *   row's generated ones, whatever the filters (they judge generated
 *   samples).  Its xlsx score cell is empty.
 *
 * The split is by row: all records of a row go to the same file, so no
 * passage is in both.  The rows that have records, in ascending order, are
 * shuffled by Fisher–Yates with GRand (Mersenne Twister) seeded with the
 * seed: for i = n − 1 down to 1, j = g_rand_int_range (rand, 0, i + 1),
 * swap.  The first round(F × n) rows (half up) are validation, the rest
 * train.  Same project, options and seed → byte-identical files.
 *
 * Files: JSON Lines in UTF-8, one record per line, "\n" after each, keys in
 * the order below, characters written as themselves (only `"`, `\` and
 * control characters are escaped); xlsx: one sheet with a header row
 * 阅读文本 | 题目 | 答案 | 分数, wrapped text, questions without their
 * answer lines under 题目 and `N. X` answer lines under 答案.
 *   spark     {"input", "target"}
 *   io        {"input", "output"}
 *   alpaca    {"instruction", "input", "output"}: the input rendering split
 *             at its `### 阅读文本` line — the text before it is the
 *             instruction, the text after it the input (without a marker
 *             line the whole rendering is the instruction, input "")
 *   sharegpt  {"conversations": [{"from": "human", "value": input},
 *                                {"from": "gpt", "value": output}]}
 * With a split, FILE.EXT becomes FILE.train.EXT and FILE.val.EXT (EXT is
 * the format's when FILE has none); both are written, even when empty.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KDL_EXPORT_ERROR (kdl_export_error_quark ())

typedef enum
{
  KDL_EXPORT_ERROR_INVALID,     /* bad options: no run, a fraction out of range… */
  KDL_EXPORT_ERROR_DATASETS,    /* the runs read different datasets */
  KDL_EXPORT_ERROR_TOO_LONG,    /* a text longer than an xlsx cell holds */
  KDL_EXPORT_ERROR_WRITE,       /* the xlsx writer failed */
} KdlExportError;

typedef enum
{
  KDL_EXPORT_FORMAT_SPARK,
  KDL_EXPORT_FORMAT_IO,
  KDL_EXPORT_FORMAT_ALPACA,
  KDL_EXPORT_FORMAT_SHAREGPT,
  KDL_EXPORT_FORMAT_XLSX,
} KdlExportFormat;

typedef enum
{
  KDL_EXPORT_SIDE_TRAIN,
  KDL_EXPORT_SIDE_VAL,
} KdlExportSide;

typedef enum
{
  KDL_EXPORT_SOURCE_GENERATED,
  KDL_EXPORT_SOURCE_ORIGINAL,    /* the row's own MCQs (--include-original) */
} KdlExportSource;

#define KDL_EXPORT_DEFAULT_TEMPLATE "train-input"
#define KDL_EXPORT_DEFAULT_PREVIEW  5

#define KDL_TYPE_EXPORT_OPTIONS (kdl_export_options_get_type ())

/**
 * KdlExportOptions:
 * @run_ids: (element-type gint64): the runs, one or more (shards)
 * @val_fraction: 0 for one file; otherwise 0 < F < 1, the share of rows
 *   that go to the validation file
 * @train_template: (nullable): a template name or path for the `input`;
 *   %NULL for `train-input`
 * @preview_limit: how many records kdl_export_plan_new () renders for
 *   kdl_export_plan_get_preview ()
 */
typedef struct
{
  KdlExportFormat  format;
  GArray          *run_ids;
  gboolean         has_min_score;
  double           min_score;
  gboolean         accepted_only;
  gboolean         structure_ok;
  gboolean         include_original;
  double           val_fraction;
  guint32          seed;
  char            *train_template;
  guint            preview_limit;
} KdlExportOptions;

/* Why samples were left out, and what is written. */
typedef struct
{
  guint records;            /* what the files get */
  guint train;              /* records in the train file (all of them without a split) */
  guint val;
  guint rows;               /* distinct rows with records */
  guint val_rows;
  guint generated;          /* records from samples */
  guint original;           /* records from the rows' own MCQs */
  guint unfinished;         /* samples without a finished output */
  guint superseded;         /* finished samples a newer run replaced */
  guint rejected;
  guint not_accepted;       /* with accepted_only */
  guint below_min_score;    /* with has_min_score, the unscored included */
  guint structure_failed;   /* with structure_ok */
  guint no_mcq;             /* no MCQ in the text */
} KdlExportCounts;

/* One record as written; the preview shows these. */
typedef struct
{
  guint            row;
  guint            variant;
  gint64           run_id;      /* 0 for an original */
  gint64           item_id;     /* the generate item; 0 for an original */
  KdlExportSource  source;
  KdlExportSide    side;
  gboolean         has_score;
  double           score;
  gboolean         edited;      /* the output is the reviewer's edit */
  char            *reading;
  char            *input;       /* the train-input rendering */
  char            *output;      /* canonical MCQs */
  char            *text;        /* the JSON line without its "\n", or for
                                 * xlsx the four cells as "header: value" lines */
} KdlExportRecord;

/* @done of @total records written; on the main context of the caller of
 * the async form, coalesced (about ten times a second and once at the end). */
typedef void (*KdlExportProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

#define KDL_TYPE_EXPORT_PLAN (kdl_export_plan_get_type ())

G_DECLARE_FINAL_TYPE (KdlExportPlan, kdl_export_plan, KDL, EXPORT_PLAN, GObject)

GQuark             kdl_export_error_quark          (void);

const char        *kdl_export_format_to_string     (KdlExportFormat          format);
gboolean           kdl_export_format_from_string   (const char              *str,
                                                    KdlExportFormat         *format);
const char        *kdl_export_format_get_extension (KdlExportFormat          format);
char             **kdl_export_split_paths          (const char              *path,
                                                    KdlExportFormat          format);

GType              kdl_export_options_get_type     (void) G_GNUC_CONST;
KdlExportOptions  *kdl_export_options_new          (void);
KdlExportOptions  *kdl_export_options_copy         (const KdlExportOptions  *options);
void               kdl_export_options_free         (KdlExportOptions        *options);
void               kdl_export_options_add_run      (KdlExportOptions        *options,
                                                    gint64                   run_id);
void               kdl_export_options_set_train_template (KdlExportOptions  *options,
                                                    const char              *name_or_path);
gboolean           kdl_export_options_validate     (const KdlExportOptions  *options,
                                                    GError                 **error);

void               kdl_export_record_free          (KdlExportRecord         *record);
char              *kdl_export_counts_describe_left_out (const KdlExportCounts *counts);

KdlExportPlan     *kdl_export_plan_new             (const char              *project_path,
                                                    const KdlExportOptions  *options,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
void               kdl_export_plan_new_async       (const char              *project_path,
                                                    const KdlExportOptions  *options,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
KdlExportPlan     *kdl_export_plan_new_finish      (GAsyncResult            *result,
                                                    GError                 **error);

const char        *kdl_export_plan_get_project_path (KdlExportPlan          *self);
const KdlExportOptions *kdl_export_plan_get_options (KdlExportPlan          *self);
const KdlExportCounts  *kdl_export_plan_get_counts  (KdlExportPlan          *self);
guint              kdl_export_plan_get_n_records   (KdlExportPlan           *self);
GPtrArray         *kdl_export_plan_get_preview     (KdlExportPlan           *self);
char             **kdl_export_plan_get_paths       (KdlExportPlan           *self,
                                                    const char              *path);

gboolean           kdl_export_plan_write           (KdlExportPlan           *self,
                                                    const char              *path,
                                                    KdlExportProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
void               kdl_export_plan_write_async     (KdlExportPlan           *self,
                                                    const char              *path,
                                                    KdlExportProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    GDestroyNotify           progress_notify,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
gboolean           kdl_export_plan_write_finish    (KdlExportPlan           *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExportOptions, kdl_export_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlExportRecord, kdl_export_record_free)

G_END_DECLS
