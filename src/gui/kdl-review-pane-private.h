/* kdl-review-pane-private.h — shared by the review pane's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-mcq-view.h"
#include "kdl-review-pane.h"

G_BEGIN_DECLS

struct _KdlReviewPane
{
  AdwBin              parent_instance;

  KdlStore           *store;
  gint64              run_id;
  KdlStoreStage       stage;
  double              score_max;
  double              threshold;
  KdlReviewFilter     filter;
  KdlDuplicates      *duplicates;     /* the run's, or NULL: not looked for (yet) */
  GCancellable       *duplicates_cancellable;
  gint64              duplicates_at;   /* when they were last looked for (monotonic µs) */

  KdlReviewListModel *model;
  GtkSingleSelection *selection;
  GCancellable       *query_cancellable;
  GCancellable       *sample_cancellable;
  KdlReviewSample    *sample;          /* the selected one, once read */
  gint64              keep_selected;   /* item to select again after a query */
  guint               pending;         /* queries, reads and writes in flight */
  gboolean            syncing;         /* filter widgets set from code */
  char               *pending_action;  /* a key pressed before the sample was read */
  gint64              pending_item;    /* the item it was pressed on */

  GtkSearchEntry     *search_entry;
  GtkSpinButton      *min_spin;
  GtkSpinButton      *max_spin;
  GtkDropDown        *check_dropdown;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *verdict_dropdown;
  GtkToggleButton    *duplicates_toggle;
  GtkToggleButton    *unparsed_toggle;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroll;
  GtkLabel           *title_label;
  GtkLabel           *badges_label;
  GtkToggleButton    *accept_button;
  GtkToggleButton    *reject_button;
  GtkLabel           *problems_label;
  GtkLabel           *duplicates_label;
  GtkLabel           *questions_heading;
  KdlMcqView         *mcq_view;
  GtkLabel           *parts_label;
  GtkLabel           *judge_label;
  GtkLabel           *reading_label;
};

void  _kdl_review_pane_class_init_actions (GtkWidgetClass  *widget_class);
void  _kdl_review_pane_update_actions     (KdlReviewPane   *self);
void  _kdl_review_pane_run_pending        (KdlReviewPane   *self);
void  _kdl_review_pane_busy               (KdlReviewPane   *self,
                                           gboolean         busy);
void  _kdl_review_pane_reload_sample      (KdlReviewPane   *self);
void  _kdl_review_pane_find_duplicates    (KdlReviewPane   *self);
void  _kdl_review_pane_selection_changed  (KdlReviewPane   *self);
GtkListItemFactory *_kdl_review_row_factory_new (void);
void  _kdl_review_pane_toast              (KdlReviewPane   *self,
                                           const char      *text);
char *_kdl_review_format_score            (double           score,
                                           double           score_max);

G_END_DECLS
