/* kdl-review-pane.c — filters, the list, and the selected sample
 *
 * The filters become a KdlStoreItemQuery that runs in a worker
 * (kdl_store_query_items_async); its ids feed a lazy KdlReviewListModel,
 * so a 50,000-sample run costs 400 KB of ids and a few dozen row objects.
 * The selected sample is read in a worker too (kdl-review-sample.c).
 * Verdicts, edits, keys and bulk actions: kdl-review-pane-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kdl-review-pane-private.h"

/* Live updates look for duplicates again at most this often. */
#define DUPLICATES_INTERVAL_US (10 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (KdlReviewPane, kdl_review_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dropdown positions → query masks. */
static const guint state_masks[] = {
  0,
  1 << KDL_STORE_ITEM_DONE,
  1 << KDL_STORE_ITEM_FAILED,
  (1 << KDL_STORE_ITEM_PENDING) | (1 << KDL_STORE_ITEM_RUNNING),
};
static const guint verdict_masks[] = {
  0,
  1 << KDL_STORE_VERDICT_NONE,
  1 << KDL_STORE_VERDICT_ACCEPTED,
  1 << KDL_STORE_VERDICT_REJECTED,
};

static void start_query (KdlReviewPane *self);
static void reset_filter (KdlReviewPane *self);

/* "85", "85 / 100", "8.5 / 10". */
char *
_kdl_review_format_score (double score,
                          double score_max)
{
  g_autofree char *value = NULL;

  if (score == floor (score))
    value = g_strdup_printf ("%.0f", score);
  else
    value = g_strdup_printf ("%.1f", score);

  if (score_max > 0)
    {
      g_autofree char *max = score_max == floor (score_max) ? g_strdup_printf ("%.0f", score_max)
                                                            : g_strdup_printf ("%.1f", score_max);
      return g_strdup_printf ("%s / %s", value, max);
    }

  return g_steal_pointer (&value);
}

void
_kdl_review_pane_busy (KdlReviewPane *self,
                       gboolean       busy)
{
  gboolean was = self->pending > 0;

  if (busy)
    self->pending++;
  else
    {
      g_assert (self->pending > 0);
      self->pending--;
    }

  if (was != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_kdl_review_pane_toast (KdlReviewPane *self,
                        const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/**
 * kdl_store_item_query_set_filter:
 *
 * The part of @filter the store can answer (all but duplicates).
 */
void
kdl_store_item_query_set_filter (KdlStoreItemQuery     *query,
                                 const KdlReviewFilter *filter)
{
  query->has_min_score = filter->has_min_score;
  query->min_score = filter->min_score;
  query->has_max_score = filter->has_max_score;
  query->max_score = filter->max_score;
  query->check_ok = filter->check_ok;
  query->states = filter->states;
  query->verdicts = filter->verdicts;
  query->unparsed = filter->unparsed;
  query->search = filter->search;
}

/* The query */

static void
update_count (KdlReviewPane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sample", "%u samples", n), n);

  gtk_label_set_text (self->count_label, self->run_id ? text : "");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  _kdl_review_pane_update_actions (self);
}

/* The listed generate items that repeat questions. */
static GArray *
keep_duplicates (GArray        *ids,
                 KdlDuplicates *duplicates)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; duplicates != NULL && i < ids->len; i++)
    if (kdl_duplicates_get_codes (duplicates, g_array_index (ids, gint64, i)) != 0)
      g_array_append_val (kept, g_array_index (ids, gint64, i));

  return kept;
}

static void
on_query_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KdlReviewPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdl_store_query_items_finish (KDL_STORE (object), result, &error);
  int position;

  _kdl_review_pane_busy (self, FALSE);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not list the samples: %s"), error->message);
          _kdl_review_pane_toast (self, text);
        }
      return;
    }

  if (self->filter.duplicates)
    {
      GArray *kept = keep_duplicates (ids, self->duplicates);
      g_array_unref (ids);
      ids = kept;
    }

  kdl_review_list_model_set_ids (self->model, ids);
  update_count (self);

  /* Keep the sample under review when it is still listed. */
  position = self->keep_selected ? kdl_review_list_model_find (self->model, self->keep_selected) : -1;
  if (position < 0 && ids->len > 0)
    position = 0;
  if (position >= 0 && (guint)position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
  else if (position < 0)
    _kdl_review_pane_selection_changed (self);
}

static void
start_query (KdlReviewPane *self)
{
  KdlReviewItem *selected;
  KdlStoreItemQuery query;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);

  if (self->store == NULL || self->run_id == 0)
    {
      g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));

      kdl_review_list_model_set_ids (self->model, empty);
      update_count (self);
      return;
    }

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    self->keep_selected = kdl_review_item_get_item_id (selected);

  kdl_store_item_query_init (&query, self->run_id);
  query.any_stage = FALSE;
  query.stage = self->stage;
  kdl_store_item_query_set_filter (&query, &self->filter);

  self->query_cancellable = g_cancellable_new ();
  _kdl_review_pane_busy (self, TRUE);
  kdl_store_query_items_async (self->store, &query, self->query_cancellable, on_query_done, g_object_ref (self));
}

/* Filters from the widgets */

static void
sync_widgets (KdlReviewPane *self)
{
  self->syncing = TRUE;

  /* Whole points on an integral scale, tenths otherwise. */
  gtk_spin_button_set_digits (self->min_spin, self->score_max == floor (self->score_max) ? 0 : 1);
  gtk_spin_button_set_digits (self->max_spin, self->score_max == floor (self->score_max) ? 0 : 1);
  gtk_spin_button_set_range (self->min_spin, 0, MAX (self->score_max, 1));
  gtk_spin_button_set_range (self->max_spin, 0, MAX (self->score_max, 1));
  gtk_spin_button_set_value (self->min_spin, self->filter.has_min_score ? MAX (self->filter.min_score, 0) : 0);
  gtk_spin_button_set_value (self->max_spin, self->filter.has_max_score ? self->filter.max_score
                                                                        : MAX (self->score_max, 1));
  gtk_drop_down_set_selected (self->check_dropdown, self->filter.check_ok < 0 ? 0 : self->filter.check_ok ? 1 : 2);
  for (guint i = 0; i < G_N_ELEMENTS (state_masks); i++)
    if (state_masks[i] == self->filter.states)
      gtk_drop_down_set_selected (self->state_dropdown, i);
  for (guint i = 0; i < G_N_ELEMENTS (verdict_masks); i++)
    if (verdict_masks[i] == self->filter.verdicts)
      gtk_drop_down_set_selected (self->verdict_dropdown, i);
  gtk_toggle_button_set_active (self->unparsed_toggle, self->filter.unparsed);
  gtk_toggle_button_set_active (self->duplicates_toggle, self->filter.duplicates);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->filter.search ? self->filter.search : "");

  self->syncing = FALSE;
}

static void
on_filter_widget_changed (KdlReviewPane *self)
{
  double min, max, top;
  const char *search;
  guint check;

  if (self->syncing)
    return;

  top = MAX (self->score_max, 1);
  min = gtk_spin_button_get_value (self->min_spin);
  max = gtk_spin_button_get_value (self->max_spin);
  self->filter.has_min_score = min > 0;
  self->filter.min_score = min;
  self->filter.has_max_score = max < top;
  self->filter.max_score = max;

  check = gtk_drop_down_get_selected (self->check_dropdown);
  self->filter.check_ok = check == 0 ? -1 : check == 1 ? 1 : 0;
  self->filter.states = state_masks[MIN (gtk_drop_down_get_selected (self->state_dropdown),
                                         G_N_ELEMENTS (state_masks) - 1)];
  self->filter.verdicts = verdict_masks[MIN (gtk_drop_down_get_selected (self->verdict_dropdown),
                                             G_N_ELEMENTS (verdict_masks) - 1)];
  self->filter.unparsed = gtk_toggle_button_get_active (self->unparsed_toggle);
  self->filter.duplicates = gtk_toggle_button_get_active (self->duplicates_toggle);

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_free (self->filter.search);
  self->filter.search = search && *search ? g_strdup (search) : NULL;

  start_query (self);
}

static void
on_spin_changed (KdlReviewPane *self)
{
  on_filter_widget_changed (self);
}

static void
on_verdict_toggled (GtkToggleButton *button,
                    KdlReviewPane   *self)
{
  gboolean active = gtk_toggle_button_get_active (button);
  const char *action;

  if (button == self->accept_button)
    action = active ? "review.accept" : "review.clear-verdict";
  else
    action = active ? "review.reject" : "review.clear-verdict";

  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* GObject */

static void
kdl_review_pane_dispose (GObject *object)
{
  KdlReviewPane *self = (KdlReviewPane *)object;

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->sample_cancellable);
  g_cancellable_cancel (self->duplicates_cancellable);
  /* AdwBin keeps its own pointer to the child the template made. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_REVIEW_PANE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kdl_review_pane_parent_class)->dispose (object);
}

static void
kdl_review_pane_finalize (GObject *object)
{
  KdlReviewPane *self = (KdlReviewPane *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->sample_cancellable);
  g_clear_pointer (&self->sample, kdl_review_sample_free);
  g_clear_object (&self->duplicates);
  g_clear_object (&self->duplicates_cancellable);
  g_clear_pointer (&self->filter.search, g_free);
  g_clear_pointer (&self->pending_action, g_free);

  G_OBJECT_CLASS (kdl_review_pane_parent_class)->finalize (object);
}

static void
kdl_review_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlReviewPane *self = KDL_REVIEW_PANE (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, kdl_review_pane_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_review_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlReviewPane *self = KDL_REVIEW_PANE (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      kdl_review_pane_set_threshold (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_review_pane_class_init (KdlReviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_review_pane_dispose;
  object_class->finalize = kdl_review_pane_finalize;
  object_class->get_property = kdl_review_pane_get_property;
  object_class->set_property = kdl_review_pane_set_property;

  /* Bulk "accept all at or above" uses it (the histogram's threshold). */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A query, a read or a write is in flight. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_MCQ_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, min_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, max_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, check_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, verdict_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, duplicates_toggle);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, unparsed_toggle);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, detail_scroll);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, badges_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, accept_button);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, reject_button);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, questions_heading);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, mcq_view);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, parts_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, judge_label);
  gtk_widget_class_bind_template_child (widget_class, KdlReviewPane, reading_label);

  _kdl_review_pane_class_init_actions (widget_class);
}

static void
kdl_review_pane_init (KdlReviewPane *self)
{
  GtkListItemFactory *factory;

  self->filter.check_ok = -1;
  self->stage = KDL_STORE_STAGE_GENERATE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = kdl_review_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (_kdl_review_pane_selection_changed), self,
                           G_CONNECT_SWAPPED);

  factory = _kdl_review_row_factory_new ();
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (on_spin_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_spin, "value-changed", G_CALLBACK (on_spin_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_dropdown, "notify::selected", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_dropdown, "notify::selected", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->verdict_dropdown, "notify::selected", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unparsed_toggle, "toggled", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duplicates_toggle, "toggled", G_CALLBACK (on_filter_widget_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accept_button, "toggled", G_CALLBACK (on_verdict_toggled), self, 0);
  g_signal_connect_object (self->reject_button, "toggled", G_CALLBACK (on_verdict_toggled), self, 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->duplicates_toggle), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->duplicates_toggle), _("Duplicates have not been looked for yet"));

  update_count (self);
  _kdl_review_pane_update_actions (self);
}

GtkWidget *
kdl_review_pane_new (void)
{
  return g_object_new (KDL_TYPE_REVIEW_PANE, NULL);
}

KdlStore *
kdl_review_pane_get_store (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), NULL);

  return self->store;
}

void
kdl_review_pane_set_store (KdlReviewPane *self,
                           KdlStore      *store)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  if (!g_set_object (&self->store, store))
    return;

  self->run_id = 0;
  kdl_review_pane_set_duplicates (self, NULL);
  kdl_review_list_model_set_store (self->model, store);
  start_query (self);
}

gint64
kdl_review_pane_get_run (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), 0);

  return self->run_id;
}

/**
 * kdl_review_pane_set_run:
 * @stage: which items are the samples: generate items, or the judge items
 *   of a judge-only run
 * @score_max: the judge's scale (the score filter's range)
 *
 * Shows another run (the filters stay, but duplicates are forgotten).
 */
void
kdl_review_pane_set_run (KdlReviewPane *self,
                         gint64         run_id,
                         KdlStoreStage  stage,
                         double         score_max)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  if (self->run_id == run_id && self->stage == stage && self->score_max == score_max)
    return;

  self->stage = stage;
  if (self->run_id != run_id)
    {
      kdl_review_pane_set_duplicates (self, NULL);
      self->keep_selected = 0;
    }
  self->run_id = run_id;
  self->score_max = score_max;
  sync_widgets (self);
  start_query (self);
  _kdl_review_pane_find_duplicates (self);
}

double
kdl_review_pane_get_threshold (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), 0);

  return self->threshold;
}

void
kdl_review_pane_set_threshold (KdlReviewPane *self,
                               double         threshold)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  if (self->threshold == threshold)
    return;

  self->threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

const KdlReviewFilter *
kdl_review_pane_get_filter (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), NULL);

  return &self->filter;
}

/**
 * kdl_review_pane_set_filter:
 * @filter: copied
 *
 * Shows the samples @filter selects (the filter widgets follow).
 */
void
kdl_review_pane_set_filter (KdlReviewPane         *self,
                            const KdlReviewFilter *filter)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));
  g_return_if_fail (filter != NULL);

  reset_filter (self);
  self->filter = *filter;
  self->filter.search = g_strdup (filter->search);
  if (self->duplicates == NULL)
    self->filter.duplicates = FALSE;
  sync_widgets (self);
  start_query (self);
}

/**
 * kdl_review_pane_set_score_range:
 *
 * Shows the samples whose score is in the range (a histogram bucket:
 * kdl_scores_bucket_range ()); the other filters are cleared.
 */
void
kdl_review_pane_set_score_range (KdlReviewPane *self,
                                 gboolean       has_min,
                                 double         min,
                                 gboolean       has_max,
                                 double         max)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  reset_filter (self);
  self->filter.has_min_score = has_min;
  self->filter.min_score = min;
  self->filter.has_max_score = has_max;
  self->filter.max_score = max;
  sync_widgets (self);
  start_query (self);
}

/* The unparsed bucket: samples whose judge reply had no score. */
void
kdl_review_pane_show_unparsed (KdlReviewPane *self)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  reset_filter (self);
  self->filter.unparsed = TRUE;
  sync_widgets (self);
  start_query (self);
}

static void
reset_filter (KdlReviewPane *self)
{
  g_clear_pointer (&self->filter.search, g_free);
  memset (&self->filter, 0, sizeof self->filter);
  self->filter.check_ok = -1;
}

void
kdl_review_pane_clear_filters (KdlReviewPane *self)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  reset_filter (self);
  sync_widgets (self);
  start_query (self);
}

/* The same filters again: a live update, or another process's changes. */
void
kdl_review_pane_refresh (KdlReviewPane *self)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  start_query (self);
  kdl_review_list_model_reload (self->model);
  /* Looking for duplicates reads every text: not more than every few
   * seconds while a run adds samples. */
  if (self->duplicates_cancellable == NULL &&
      g_get_monotonic_time () - self->duplicates_at > DUPLICATES_INTERVAL_US)
    _kdl_review_pane_find_duplicates (self);
}

/**
 * kdl_review_pane_get_duplicates:
 *
 * Returns: (transfer none) (nullable): the run's duplicate flags, %NULL
 *   until they have been found
 */
KdlDuplicates *
kdl_review_pane_get_duplicates (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), NULL);

  return self->duplicates;
}

/**
 * kdl_review_pane_set_duplicates:
 * @duplicates: (nullable): the run's duplicate flags (the pane finds them
 *   itself when it shows a run; kdl_duplicates_find_async ()); %NULL: not
 *   looked for
 */
void
kdl_review_pane_set_duplicates (KdlReviewPane *self,
                                KdlDuplicates *duplicates)
{
  g_autofree char *label = NULL;
  guint n;

  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  g_set_object (&self->duplicates, duplicates);
  kdl_review_list_model_set_duplicates (self->model, duplicates);

  n = duplicates ? kdl_duplicates_get_n_items (duplicates) : 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->duplicates_toggle), duplicates != NULL);
  if (duplicates == NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->duplicates_toggle), _("D_uplicates"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->duplicates_toggle),
                                   self->stage == KDL_STORE_STAGE_JUDGE
                                   ? _("Look for duplicates in the run that generated these texts")
                                   : _("Duplicates have not been looked for yet"));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Only the %u sample that repeats questions",
                                                             "Only the %u samples that repeat questions", n),
                                               n);
      /* Translators: a toggle button; %u is how many samples repeat questions */
      label = g_strdup_printf (_("D_uplicates (%u)"), n);
      gtk_button_set_label (GTK_BUTTON (self->duplicates_toggle), label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->duplicates_toggle), text);
    }

  if (duplicates == NULL && self->filter.duplicates)
    {
      self->filter.duplicates = FALSE;
      sync_widgets (self);
    }
  if (self->filter.duplicates)
    start_query (self);
  /* The sample shown may have become one. */
  if (self->sample != NULL)
    _kdl_review_pane_reload_sample (self);
  _kdl_review_pane_update_actions (self);
}

static void
on_duplicates_found (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KdlReviewPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDuplicates) duplicates = kdl_duplicates_find_finish (KDL_STORE (object), result, &error);

  _kdl_review_pane_busy (self, FALSE);

  if (duplicates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not look for duplicates: %s"), error->message);

          g_clear_object (&self->duplicates_cancellable);
          _kdl_review_pane_toast (self, text);
        }
      return;
    }

  g_clear_object (&self->duplicates_cancellable);
  if (kdl_duplicates_get_run_id (duplicates) == self->run_id)
    kdl_review_pane_set_duplicates (self, duplicates);
}

/* Duplicates are found among a run's generate items (the edits
 * included), in a worker; again after an edit or a live update.  A
 * judge-only run has none of its own. */
void
_kdl_review_pane_find_duplicates (KdlReviewPane *self)
{
  g_cancellable_cancel (self->duplicates_cancellable);
  g_clear_object (&self->duplicates_cancellable);

  if (self->store == NULL || self->run_id == 0 || self->stage != KDL_STORE_STAGE_GENERATE)
    return;

  self->duplicates_cancellable = g_cancellable_new ();
  self->duplicates_at = g_get_monotonic_time ();
  _kdl_review_pane_busy (self, TRUE);
  kdl_duplicates_find_async (self->store, self->run_id, NULL, self->duplicates_cancellable,
                             on_duplicates_found, g_object_ref (self));
}

KdlReviewListModel *
kdl_review_pane_get_model (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), NULL);

  return self->model;
}

guint
kdl_review_pane_get_selected (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

void
kdl_review_pane_select (KdlReviewPane *self,
                        guint          position)
{
  g_return_if_fail (KDL_IS_REVIEW_PANE (self));

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/**
 * kdl_review_pane_get_sample:
 *
 * Returns: (nullable): the selected sample, once it has been read
 */
const KdlReviewSample *
kdl_review_pane_get_sample (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), NULL);

  return self->sample;
}

/* Whether a query, a read or a write is still on its way (tests wait). */
gboolean
kdl_review_pane_is_busy (KdlReviewPane *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_PANE (self), FALSE);

  return self->pending > 0 || kdl_review_list_model_is_loading (self->model);
}
