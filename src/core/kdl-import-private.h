/* kdl-import-private.h — what KdlDataset and the importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-import.h"
#include "kdl-record.h"

G_BEGIN_DECLS

/* One loaded record: where its text is in KdlImportResult.data. */
typedef struct
{
  guint64 offset;
  guint32 length;
  guint32 row;
  guint32 line;
  guint32 flags;
} KdlSpan;

#define KDL_SPAN_SHAREGPT (1u << 0)   /* JSONL: derive input/output from conversations */

/*
 * Everything an import produced.  Immutable once handed to the dataset
 * (readers in other threads hold a reference); the first page a dataset
 * shows while indexing goes on is a separate, smaller result.
 */
typedef struct
{
  gatomicrefcount   ref;
  KdlDatasetFormat  format;
  char             *encoding;
  char             *encoding_notice;   /* translated, or NULL */
  char             *data;              /* UTF-8 text (JSONL, CSV) or the cell store (XLSX) */
  gsize             data_len;
  GPtrArray        *columns;           /* char *, in order of first appearance */
  GArray           *spans;             /* KdlSpan, ascending row ids */
  GArray           *rejected;          /* KdlImportIssue */
  GArray           *skipped;           /* KdlImportIssue */
  guint             n_records;         /* loaded + rejected */
  gboolean          complete;
} KdlImportResult;

KdlImportResult *kdl_import_result_new      (KdlDatasetFormat        format);
KdlImportResult *kdl_import_result_ref      (KdlImportResult        *result);
void             kdl_import_result_unref    (KdlImportResult        *result);
KdlImportResult *kdl_import_result_snapshot (const KdlImportResult  *result,
                                             guint                   n_spans);
void             kdl_import_result_add_column (KdlImportResult      *result,
                                               const char           *name);
void             kdl_import_result_add_header (KdlImportResult      *result,
                                               const char           *name);
char            *kdl_import_column_letters    (guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlImportResult, kdl_import_result_unref)

typedef struct _KdlImportJob KdlImportJob;

typedef void (*KdlImportPublishFunc) (KdlImportJob *job,
                                      guint         n_spans,
                                      gpointer      user_data);

struct _KdlImportJob
{
  /* set by the caller */
  GFile                  *file;
  char                   *display_name;
  const KdlImportOptions *options;
  GCancellable           *cancellable;
  KdlImportPublishFunc    publish;
  gpointer                publish_data;

  /* the file */
  int                     fd;
  guint64                 size;
  gsize                   n_read;       /* bytes of result->data that are final */
  gsize                   text_start;   /* after a UTF-8 BOM */

  /* what the importer fills in */
  KdlImportResult        *result;
  const char             *bad_text_code; /* invalid-utf8 or invalid-encoding */
};

/* kdl-import.c */
KdlImportJob *kdl_import_job_new          (GFile                  *file,
                                           const KdlImportOptions *options,
                                           GCancellable           *cancellable);
void          kdl_import_job_free         (KdlImportJob           *job);
gboolean      kdl_import_job_open         (KdlImportJob           *job,
                                           KdlDatasetFormat        format,
                                           GError                **error);
gboolean      kdl_import_job_read         (KdlImportJob           *job,
                                           gsize                   upto,
                                           GError                **error);
gboolean      kdl_import_job_read_all     (KdlImportJob           *job,
                                           GError                **error);
gboolean      kdl_import_job_prepare_text (KdlImportJob           *job,
                                           gsize                   head_size,
                                           GError                **error);
void          kdl_import_job_publish      (KdlImportJob           *job,
                                           guint                   n_spans);
gboolean      kdl_import_job_cancelled    (KdlImportJob           *job,
                                           GError                **error);
char         *kdl_import_bad_text_message (KdlImportJob           *job);

void          kdl_import_issue_clear      (KdlImportIssue         *issue);
void          kdl_import_add_issue        (GArray                 *issues,
                                           guint                   row,
                                           guint                   line,
                                           const char             *code,
                                           char                   *message);
gboolean      kdl_import_is_blank         (const char             *text,
                                           gsize                   len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlImportJob, kdl_import_job_free)

G_END_DECLS
