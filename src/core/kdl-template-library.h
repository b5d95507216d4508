/* kdl-template-library.h — the built-in and user templates, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-template.h"
#include "kdl-template-entry.h"

G_BEGIN_DECLS

#define KDL_TYPE_TEMPLATE_LIBRARY (kdl_template_library_get_type ())

G_DECLARE_FINAL_TYPE (KdlTemplateLibrary, kdl_template_library, KDL, TEMPLATE_LIBRARY, GObject)

KdlTemplateLibrary *kdl_template_library_new             (const char          *user_dir);
const char         *kdl_template_library_get_user_dir    (KdlTemplateLibrary  *self);
gboolean            kdl_template_library_get_loaded      (KdlTemplateLibrary  *self);
GPtrArray          *kdl_template_library_get_errors      (KdlTemplateLibrary  *self);
KdlTemplateEntry   *kdl_template_library_find            (KdlTemplateLibrary  *self,
                                                          const char          *name,
                                                          const char          *language);
KdlTemplateEntry   *kdl_template_library_lookup_key      (KdlTemplateLibrary  *self,
                                                          const char          *key);
gboolean            kdl_template_library_name_is_free    (KdlTemplateLibrary  *self,
                                                          const char          *name,
                                                          KdlTemplateEntry    *except,
                                                          GError             **error);

void                kdl_template_library_reload_async    (KdlTemplateLibrary  *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            kdl_template_library_reload_finish   (KdlTemplateLibrary  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kdl_template_library_save_async      (KdlTemplateLibrary  *self,
                                                          KdlTemplateEntry    *entry,
                                                          KdlTemplate         *template,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kdl_template_library_add_async       (KdlTemplateLibrary  *self,
                                                          KdlTemplate         *template,
                                                          const char          *base_name,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kdl_template_library_import_async    (KdlTemplateLibrary  *self,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
KdlTemplateEntry   *kdl_template_library_add_finish      (KdlTemplateLibrary  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kdl_template_library_rename_async    (KdlTemplateLibrary  *self,
                                                          KdlTemplateEntry    *entry,
                                                          const char          *new_name,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kdl_template_library_delete_async    (KdlTemplateLibrary  *self,
                                                          KdlTemplateEntry    *entry,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kdl_template_library_revert_async    (KdlTemplateLibrary  *self,
                                                          KdlTemplateEntry    *entry,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kdl_template_library_export_async    (KdlTemplateLibrary  *self,
                                                          KdlTemplate         *template,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            kdl_template_library_change_finish   (KdlTemplateLibrary  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
