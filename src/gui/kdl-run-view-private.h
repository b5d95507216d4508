/* kdl-run-view-private.h — shared by the Run view's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-run-view.h"
#include "kdl-runner.h"
#include "kdl-workspace.h"

G_BEGIN_DECLS

struct _KdlRunView
{
  AdwBin            parent_instance;

  KdlWorkspace     *workspace;
  GSignalGroup     *workspace_signals;
  GCancellable     *cancellable;       /* dispose */

  KdlRunner        *runner;            /* working in this view, or NULL */
  gint64            run_id;            /* the run shown (0: the setup) */
  KdlStoreRun      *run;               /* …as last read */
  KdlStoreRunStats *stats;
  GPtrArray        *runs;              /* KdlStoreRun: the project's */
  gboolean          listing;
  gboolean          list_again;
  GCancellable     *run_cancellable;   /* reading the shown run */
  guint             reload_id;         /* coalesced re-read while a run works */
  gboolean          resuming;
  gboolean          creating;
  char             *summary;
  char             *banner_text;
  gint64            banner_run;        /* the run the banner is about */
  gint64            dismissed_run;     /* its banner was dismissed */

  GtkStack         *main_stack;
  GtkStack         *pane_stack;
  KdlRunList       *run_list;
  KdlRunSetup      *setup;
  GtkRevealer      *banner_revealer;
  GtkImage         *banner_icon;
  GtkLabel         *banner_title;
  GtkLabel         *banner_message;
  GtkWidget        *banner_preferences;
  GtkWidget        *banner_resume;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkWidget        *pause_button;
  GtkWidget        *resume_button;
  GtkWidget        *cancel_button;
  GtkProgressBar   *progress_bar;
  GtkLabel         *stats_label;
  GtkLabel         *failures_label;
  AdwViewStack     *run_stack;
  KdlStreamGrid    *grid;
  KdlItemList      *item_list;
  KdlItemDetail    *item_detail;
};

/* kdl-run-view-status.c */
void      _kdl_run_view_update_actions (KdlRunView  *self);
void      _kdl_run_view_update_live    (KdlRunView  *self);
void      _kdl_run_view_reload_run     (KdlRunView  *self);
void      _kdl_run_view_schedule_reload (KdlRunView *self);
void      _kdl_run_view_show_banner    (KdlRunView  *self,
                                        gint64       run_id,
                                        const char  *title,
                                        const char  *message,
                                        const char  *code,
                                        gboolean     resumable);
void      _kdl_run_view_hide_banner    (KdlRunView  *self);
gboolean  _kdl_run_view_is_working     (KdlRunView  *self,
                                        gint64       run_id);

G_END_DECLS
