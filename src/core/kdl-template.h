/* kdl-template.h — prompt templates: files, placeholders, rendering, built-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KDL_TEMPLATE_ERROR (kdl_template_error_quark ())

typedef enum
{
  KDL_TEMPLATE_ERROR_SYNTAX,               /* a header line that is not "key: value", no "---" */
  KDL_TEMPLATE_ERROR_UNKNOWN_KEY,
  KDL_TEMPLATE_ERROR_DUPLICATE_KEY,
  KDL_TEMPLATE_ERROR_MISSING_KEY,
  KDL_TEMPLATE_ERROR_BAD_VALUE,
  KDL_TEMPLATE_ERROR_ENCODING,             /* not UTF-8 */
  KDL_TEMPLATE_ERROR_BRACE,                /* a lone "{" or "}" in the body */
  KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,
  KDL_TEMPLATE_ERROR_NOT_FOUND,            /* no such built-in, user template or file */
} KdlTemplateError;

typedef enum
{
  KDL_TEMPLATE_KIND_GENERATE,
  KDL_TEMPLATE_KIND_JUDGE,
} KdlTemplateKind;

/*
 * A placeholder found in a body.  Offsets count from the start of the text
 * that was scanned; `line` counts from the `first_line` given to the scan.
 * KDL_PLACEHOLDER_INVALID marks a lone "{" or "}" (name is the brace).
 */
typedef enum
{
  KDL_PLACEHOLDER_KNOWN,
  KDL_PLACEHOLDER_UNKNOWN,
  KDL_PLACEHOLDER_INVALID,
} KdlPlaceholderStatus;

typedef struct
{
  char                 *name;
  gsize                 start;       /* byte offset of "{" */
  gsize                 end;         /* byte offset just after "}" */
  glong                 start_char;  /* the same in characters, for GtkTextIter */
  glong                 end_char;
  guint                 line;
  KdlPlaceholderStatus  status;
} KdlPlaceholder;

/* An empty variable met while rendering: the text is still rendered. */
typedef struct
{
  char  *variable;
  guint  line;
  char  *message;   /* translated, names the variable, line and row */
} KdlRenderWarning;

#define KDL_TYPE_TEMPLATE      (kdl_template_get_type ())
#define KDL_TYPE_TEMPLATE_KIND (kdl_template_kind_get_type ())

GType kdl_template_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (KdlTemplate, kdl_template, KDL, TEMPLATE, GObject)

GQuark           kdl_template_error_quark          (void);

/* kdl-template.c: the file format */
KdlTemplate     *kdl_template_new                  (const char      *name,
                                                    KdlTemplateKind  kind);
KdlTemplate     *kdl_template_new_from_text        (const char      *text,
                                                    gssize           length,
                                                    const char      *source,
                                                    GError         **error);
KdlTemplate     *kdl_template_new_from_file        (GFile           *file,
                                                    GError         **error);
KdlTemplate     *kdl_template_new_from_path        (const char      *path,
                                                    GError         **error);
char            *kdl_template_to_text              (KdlTemplate     *self);
gboolean         kdl_template_save                 (KdlTemplate     *self,
                                                    GFile           *file,
                                                    GError         **error);

const char      *kdl_template_get_name             (KdlTemplate     *self);
void             kdl_template_set_name             (KdlTemplate     *self,
                                                    const char      *name);
KdlTemplateKind  kdl_template_get_kind             (KdlTemplate     *self);
void             kdl_template_set_kind             (KdlTemplate     *self,
                                                    KdlTemplateKind  kind);
const char      *kdl_template_get_description      (KdlTemplate     *self);
void             kdl_template_set_description      (KdlTemplate     *self,
                                                    const char      *description);
const char      *kdl_template_get_language         (KdlTemplate     *self);
void             kdl_template_set_language         (KdlTemplate     *self,
                                                    const char      *language);
double           kdl_template_get_temperature      (KdlTemplate     *self);
void             kdl_template_set_temperature      (KdlTemplate     *self,
                                                    double           temperature);
int              kdl_template_get_max_tokens       (KdlTemplate     *self);
void             kdl_template_set_max_tokens       (KdlTemplate     *self,
                                                    int              max_tokens);
int              kdl_template_get_score_max        (KdlTemplate     *self);
void             kdl_template_set_score_max        (KdlTemplate     *self,
                                                    int              score_max);
const char      *kdl_template_get_score_pattern    (KdlTemplate     *self);
gboolean         kdl_template_set_score_pattern    (KdlTemplate     *self,
                                                    const char      *pattern,
                                                    GError         **error);
const char      *kdl_template_get_body             (KdlTemplate     *self);
void             kdl_template_set_body             (KdlTemplate     *self,
                                                    const char      *body);
guint            kdl_template_get_body_line        (KdlTemplate     *self);
const char      *kdl_template_get_source           (KdlTemplate     *self);
GFile           *kdl_template_get_file             (KdlTemplate     *self);
gboolean         kdl_template_is_builtin           (KdlTemplate     *self);

gboolean         kdl_template_name_is_valid        (const char      *name);
const char      *kdl_template_kind_to_string       (KdlTemplateKind  kind);
const char      *kdl_template_normalize_language   (const char      *language);

/* kdl-template-render.c: placeholders and rendering */
const char * const *kdl_template_standard_variables (void);
GHashTable      *kdl_template_variables_new        (void);
GPtrArray       *kdl_template_scan_placeholders    (const char      *text,
                                                    gssize           length,
                                                    guint            first_line,
                                                    GHashTable      *variables);
GPtrArray       *kdl_template_list_placeholders    (KdlTemplate     *self,
                                                    GHashTable      *variables);
gboolean         kdl_template_check                (KdlTemplate     *self,
                                                    GHashTable      *variables,
                                                    GError         **error);
char            *kdl_template_render               (KdlTemplate     *self,
                                                    GHashTable      *variables,
                                                    GPtrArray      **warnings,
                                                    GError         **error);
void             kdl_placeholder_free              (KdlPlaceholder  *placeholder);
void             kdl_render_warning_free           (KdlRenderWarning *warning);

/* kdl-template-builtin.c: built-ins, user templates, lookup */
const char * const *kdl_template_builtin_names     (void);
KdlTemplate     *kdl_template_new_builtin          (const char      *name,
                                                    const char      *language,
                                                    GError         **error);
GPtrArray       *kdl_template_list_builtins        (void);
char            *kdl_template_get_reference        (const char      *language);
void             kdl_template_add_reference        (GHashTable      *variables,
                                                    const char      *language);
char            *kdl_template_get_user_dir         (void);
GPtrArray       *kdl_template_list_user            (GPtrArray      **errors);
KdlTemplate     *kdl_template_resolve              (const char      *name_or_path,
                                                    const char      *language,
                                                    GError         **error);
double           kdl_text_cjk_share                (const char      *text);
const char      *kdl_text_detect_language          (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlPlaceholder, kdl_placeholder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlRenderWarning, kdl_render_warning_free)

G_END_DECLS
