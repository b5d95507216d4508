/* kdl-prompts-view-private.h — shared by kdl-prompts-view*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-prompts-view.h"
#include "kdl-score-bench.h"
#include "kdl-template-editor.h"
#include "kdl-template-list.h"
#include "kdl-template-preview.h"
#include "kdl-workspace.h"

G_BEGIN_DECLS

struct _KdlPromptsView
{
  AdwBin              parent_instance;

  KdlWorkspace       *workspace;
  GSignalGroup       *workspace_signals;
  GSignalGroup       *dataset_signals;
  KdlTemplateLibrary *library;
  KdlTemplateEntry   *entry;            /* open in the editor */
  GHashTable         *row_vars;         /* the previewed row's, NULL: no dataset */
  char               *dataset_language; /* "zh", "en", NULL: no dataset */
  GCancellable       *cancellable;
  GtkNativeDialog    *chooser;
  GtkWindow          *window;           /* whose close we watch */
  guint               busy;
  gboolean            close_confirmed;

  AdwToastOverlay    *toast_overlay;
  KdlTemplateList    *template_list;
  GtkLabel           *title_label;
  GtkLabel           *modified_label;
  GtkLabel           *subtitle_label;
  KdlTemplateEditor  *editor;
  KdlTemplatePreview *preview;
  GtkWidget          *bench_switcher;
  GtkStack           *preview_stack;
  KdlScoreBench      *bench;
};

/* What to do once unsaved changes are saved or discarded. */
typedef void (*KdlPromptsThen) (KdlPromptsView *self,
                                gpointer        data);

void  _kdl_prompts_view_class_init_actions (GtkWidgetClass   *widget_class);
void  _kdl_prompts_view_update_actions     (KdlPromptsView   *self);
void  _kdl_prompts_view_toast              (KdlPromptsView   *self,
                                            const char       *message);
void  _kdl_prompts_view_open_now           (KdlPromptsView   *self,
                                            KdlTemplateEntry *entry);
void  _kdl_prompts_view_open_default       (KdlPromptsView   *self);
void  _kdl_prompts_view_settle             (KdlPromptsView   *self,
                                            const char       *heading,
                                            KdlPromptsThen    proceed,
                                            KdlPromptsThen    cancel,
                                            gpointer          data,
                                            GDestroyNotify    destroy);
void  _kdl_prompts_view_add_busy           (KdlPromptsView   *self,
                                            int               delta);
void  _kdl_prompts_view_move_row           (KdlPromptsView   *self,
                                            int               delta);

G_END_DECLS
