/* kdl-dataset-view-private.h — shared by the files of KdlDatasetView (and its tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-column-mapping.h"
#include "kdl-dataset-view.h"
#include "kdl-import-problems.h"
#include "kdl-row-detail.h"
#include "kdl-row-list-model.h"
#include "kdl-row-selection.h"
#include "kdl-workspace.h"

G_BEGIN_DECLS

struct _KdlDatasetView
{
  AdwBin                parent_instance;

  KdlWorkspace         *workspace;
  KdlDataset           *dataset;           /* shown */
  KdlImportOptions     *options;           /* what the shown dataset was opened with */
  KdlDataset           *opening;           /* being read by this view */
  KdlImportOptions     *opening_options;
  KdlDataset           *previous;          /* shown before `opening` took over */
  KdlImportOptions     *previous_options;
  GCancellable         *open_cancellable;
  GCancellable         *search_cancellable;
  GtkBitset            *picked;            /* what the workspace was told was picked */
  GStrv                 sort_columns;      /* the columns the sort menu lists after its 2 fixed items */
  GtkFileChooserNative *chooser;
  GtkRecentManager     *recent;
  guint                 pulse_id;
  guint                 searching : 1;
  guint                 setting_current : 1;
  guint                 resetting : 1;

  GMenu                *recent_menu;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkBox               *recent_box;
  GtkListBox           *recent_list;
  GtkLabel             *file_label;
  GtkLabel             *file_info_label;
  GtkSpinner           *search_spinner;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *sort_dropdown;
  GtkStringList        *sort_model;
  GtkToggleButton      *descending_button;
  GtkMenuButton        *mapping_button;
  KdlColumnMapping     *column_mapping;
  GtkMenuButton        *options_button;
  GtkDropDown          *encoding_dropdown;
  GtkStringList        *encoding_model;
  GtkLabel             *sheet_label;
  GtkEntry             *sheet_entry;
  KdlImportProblems    *problems;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  KdlRowSelection      *selection;
  KdlRowListModel      *rows;
  GtkLabel             *status_label;
  KdlRowDetail         *detail;
};

/* kdl-dataset-view.c */
void        _kdl_dataset_view_show_error        (KdlDatasetView   *self,
                                                 const char       *message);

/* kdl-dataset-view-list.c */
void        _kdl_dataset_view_init_list         (KdlDatasetView   *self);
void        _kdl_dataset_view_reset_list        (KdlDatasetView   *self);
void        _kdl_dataset_view_sync_list         (KdlDatasetView   *self);
void        _kdl_dataset_view_search            (KdlDatasetView   *self);
void        _kdl_dataset_view_follow_current    (KdlDatasetView   *self,
                                                 int               position);
void        _kdl_dataset_view_update_status     (KdlDatasetView   *self);
void        _kdl_dataset_view_class_init_list   (GtkWidgetClass   *widget_class);

/* kdl-dataset-view-files.c */
void        _kdl_dataset_view_init_files        (KdlDatasetView   *self);
void        _kdl_dataset_view_dispose_files     (KdlDatasetView   *self);
void        _kdl_dataset_view_add_recent        (KdlDatasetView   *self,
                                                 GFile            *file);
void        _kdl_dataset_view_sync_options      (KdlDatasetView   *self);
void        _kdl_dataset_view_class_init_files  (GtkWidgetClass   *widget_class);

G_END_DECLS
