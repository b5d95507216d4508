/* kdl-types.h — forward declarations of the GUI's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KdlApplication        KdlApplication;
typedef struct _KdlConnectionTest     KdlConnectionTest;
typedef struct _KdlDatasetView        KdlDatasetView;
typedef struct _KdlPreferencesWindow  KdlPreferencesWindow;
typedef struct _KdlPromptsView        KdlPromptsView;
typedef struct _KdlRunView            KdlRunView;
typedef struct _KdlScoreBench         KdlScoreBench;
typedef struct _KdlScoresView         KdlScoresView;
typedef struct _KdlSession            KdlSession;
typedef struct _KdlSpinRow            KdlSpinRow;
typedef struct _KdlTemplateEditor     KdlTemplateEditor;
typedef struct _KdlTemplateList       KdlTemplateList;
typedef struct _KdlTemplatePreview    KdlTemplatePreview;
typedef struct _KdlVariablePalette    KdlVariablePalette;
typedef struct _KdlWindow             KdlWindow;
typedef struct _KdlWorkspace          KdlWorkspace;

G_END_DECLS
