/* kdl-test-prompts.h — shared by the Prompts view's widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-prompts-view.h"
#include "kdl-template-editor.h"
#include "kdl-template-preview.h"
#include "kdl-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWindow          *window;
  KdlPromptsView     *view;
  KdlWorkspace       *workspace;
  KdlTemplateEditor  *editor;
  KdlTemplatePreview *preview;
  GtkTextBuffer      *buffer;
} Fixture;

void              kdl_test_prompts_init         (int           *argc,
                                                 char        ***argv);
void              kdl_test_prompts_set_up       (Fixture       *fixture,
                                                 gconstpointer  data);
void              kdl_test_prompts_tear_down    (Fixture       *fixture,
                                                 gconstpointer  data);
void              kdl_test_prompts_wait_idle    (Fixture       *fixture);
void              kdl_test_prompts_set_text     (Fixture       *fixture,
                                                 const char    *text);
char             *kdl_test_prompts_get_text     (Fixture       *fixture);
void              kdl_test_prompts_wait_render  (Fixture       *fixture,
                                                 guint          renders);
KdlTemplateEntry *kdl_test_prompts_find_entry   (Fixture       *fixture,
                                                 const char    *name,
                                                 const char    *language);
void              kdl_test_prompts_open         (Fixture       *fixture,
                                                 const char    *name,
                                                 const char    *language);
void              kdl_test_prompts_activate     (Fixture       *fixture,
                                                 const char    *action);
AdwMessageDialog *kdl_test_prompts_find_dialog  (void);
void              kdl_test_prompts_respond      (Fixture       *fixture,
                                                 const char    *response);
char             *kdl_test_prompts_user_file    (const char    *base);
char             *kdl_test_prompts_read         (const char    *path);

G_END_DECLS
