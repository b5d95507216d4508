/* kdl-template.c — the template object: its header values and body,
 * writing it back as a file (the parser is in kdl-template-parse.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-template.h"
#include "kdl-template-private.h"

struct _KdlTemplate
{
  GObject          parent_instance;

  char            *name;
  KdlTemplateKind  kind;
  char            *description;
  char            *language;
  double           temperature;    /* 0: the provider's default */
  int              max_tokens;     /* 0: the provider's default */
  int              score_max;      /* judges only; 0 when unset */
  char            *score_pattern;
  char            *body;
  guint            body_line;      /* the file line the body starts on */
  char            *source;         /* names the template in messages */
  GFile           *file;
  gboolean         builtin;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_DESCRIPTION,
  PROP_LANGUAGE,
  PROP_TEMPERATURE,
  PROP_MAX_TOKENS,
  PROP_SCORE_MAX,
  PROP_SCORE_PATTERN,
  PROP_BODY,
  PROP_SOURCE,
  PROP_FILE,
  PROP_BUILTIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdlTemplate, kdl_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (kdl-template-error-quark, kdl_template_error)

G_DEFINE_ENUM_TYPE (KdlTemplateKind, kdl_template_kind,
  G_DEFINE_ENUM_VALUE (KDL_TEMPLATE_KIND_GENERATE, "generate"),
  G_DEFINE_ENUM_VALUE (KDL_TEMPLATE_KIND_JUDGE, "judge"))

static void
kdl_template_finalize (GObject *object)
{
  KdlTemplate *self = (KdlTemplate *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->score_pattern, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (kdl_template_parent_class)->finalize (object);
}

static void
kdl_template_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdlTemplate *self = KDL_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_TEMPERATURE:
      g_value_set_double (value, self->temperature);
      break;
    case PROP_MAX_TOKENS:
      g_value_set_int (value, self->max_tokens);
      break;
    case PROP_SCORE_MAX:
      g_value_set_int (value, self->score_max);
      break;
    case PROP_SCORE_PATTERN:
      g_value_set_string (value, self->score_pattern);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdlTemplate *self = KDL_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      kdl_template_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      kdl_template_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_DESCRIPTION:
      kdl_template_set_description (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      kdl_template_set_language (self, g_value_get_string (value));
      break;
    case PROP_TEMPERATURE:
      kdl_template_set_temperature (self, g_value_get_double (value));
      break;
    case PROP_MAX_TOKENS:
      kdl_template_set_max_tokens (self, g_value_get_int (value));
      break;
    case PROP_SCORE_MAX:
      kdl_template_set_score_max (self, g_value_get_int (value));
      break;
    case PROP_SCORE_PATTERN:
      kdl_template_set_score_pattern (self, g_value_get_string (value), NULL);
      break;
    case PROP_BODY:
      kdl_template_set_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_class_init (KdlTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdl_template_finalize;
  object_class->get_property = kdl_template_get_property;
  object_class->set_property = kdl_template_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KDL_TYPE_TEMPLATE_KIND,
                                             KDL_TEMPLATE_KIND_GENERATE, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_TEMPERATURE] = g_param_spec_double ("temperature", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_MAX_TOKENS] = g_param_spec_int ("max-tokens", NULL, NULL, 0, MAX_TOKENS_LIMIT, 0, rw);
  properties[PROP_SCORE_MAX] = g_param_spec_int ("score-max", NULL, NULL, 0, SCORE_MAX_LIMIT, 0, rw);
  properties[PROP_SCORE_PATTERN] = g_param_spec_string ("score-pattern", NULL, NULL, NULL, rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_BUILTIN] = g_param_spec_boolean ("builtin", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_template_init (KdlTemplate *self)
{
  self->body = g_strdup ("");
  self->body_line = 1;
}

/**
 * kdl_template_new:
 * @name: the template's name
 * @kind: generate or judge
 *
 * Returns: (transfer full): an empty template; a judge gets score_max 100
 */
KdlTemplate *
kdl_template_new (const char      *name,
                  KdlTemplateKind  kind)
{
  KdlTemplate *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KDL_TYPE_TEMPLATE, NULL);
  self->name = g_strdup (name);
  self->kind = kind;
  if (kind == KDL_TEMPLATE_KIND_JUDGE)
    self->score_max = 100;

  return self;
}

/**
 * kdl_template_name_is_valid:
 * @name: (nullable): a proposed template name
 *
 * A name is also a file name (NAME.tmpl) and a `--template` argument.
 *
 * Returns: whether @name has 1–64 characters, none of them "/", "\", "|",
 *   "{", "}" or a control character, and no space at either end
 */
gboolean
kdl_template_name_is_valid (const char *name)
{
  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > 64 || strpbrk (name, "/\\|{}") != NULL)
    return FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return !g_unichar_isspace (g_utf8_get_char (name)) &&
         !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name))));
}

const char *
kdl_template_kind_to_string (KdlTemplateKind kind)
{
  return kind == KDL_TEMPLATE_KIND_JUDGE ? "judge" : "generate";
}

/**
 * kdl_template_normalize_language:
 * @language: a language tag such as "zh", "zh_CN", "en-GB"
 *
 * Returns: (nullable): "zh" or "en", or %NULL for any other language
 */
const char *
kdl_template_normalize_language (const char *language)
{
  if (language == NULL)
    return NULL;

  if (g_ascii_strncasecmp (language, "zh", 2) == 0 &&
      (language[2] == '\0' || language[2] == '-' || language[2] == '_'))
    return "zh";

  if (g_ascii_strncasecmp (language, "en", 2) == 0 &&
      (language[2] == '\0' || language[2] == '-' || language[2] == '_'))
    return "en";

  return NULL;
}

/**
 * kdl_template_to_text:
 *
 * Returns: (transfer full): the file text: the header with every key that is
 *   set, "---", the body and a final line break
 */
char *
kdl_template_to_text (KdlTemplate *self)
{
  GString *text;

  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "name: %s\n", self->name);
  g_string_append_printf (text, "kind: %s\n", kdl_template_kind_to_string (self->kind));
  if (self->description != NULL && self->description[0] != '\0')
    g_string_append_printf (text, "description: %s\n", self->description);
  if (self->language != NULL)
    g_string_append_printf (text, "language: %s\n", self->language);
  if (self->temperature > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "temperature: %s\n",
                              g_ascii_formatd (buf, sizeof buf, "%g", self->temperature));
    }
  if (self->max_tokens > 0)
    g_string_append_printf (text, "max_tokens: %d\n", self->max_tokens);
  if (self->kind == KDL_TEMPLATE_KIND_JUDGE)
    {
      g_string_append_printf (text, "score_max: %d\n", self->score_max);
      if (self->score_pattern != NULL)
        g_string_append_printf (text, "score_pattern: %s\n", self->score_pattern);
    }
  g_string_append (text, "---\n");
  g_string_append (text, self->body);
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}

/**
 * kdl_template_save:
 * @file: where to write; its folder is created when missing
 *
 * Writes kdl_template_to_text() to a temporary file and renames it over
 * @file, so a crash never leaves half a template.
 */
gboolean
kdl_template_save (KdlTemplate  *self,
                   GFile        *file,
                   GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KDL_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  parent = g_file_get_parent (file);
  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  text = kdl_template_to_text (self);
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, error))
    return FALSE;

  if (self->file != file)
    {
      g_set_object (&self->file, file);
      _kdl_set_str (&self->source, g_file_peek_path (file));
      self->builtin = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILTIN]);
    }

  return TRUE;
}

void
_kdl_template_set_builtin (KdlTemplate *self,
                           const char  *source)
{
  _kdl_set_str (&self->source, source);
  self->builtin = TRUE;
}

/* Where the text came from: names it in messages, and the body's first
 * line gives file line numbers. */
void
_kdl_template_set_origin (KdlTemplate *self,
                          const char  *source,
                          GFile       *file,
                          guint        body_line)
{
  _kdl_set_str (&self->source, source);
  if (file != NULL)
    g_set_object (&self->file, file);
  self->body_line = body_line;
}

/* Accessors -------------------------------------------------------------- */

/* Header values are single lines: a line break would end the value. */
static char *
one_line (const char *value)
{
  char *copy = g_strdup (value);

  if (copy != NULL)
    g_strdelimit (copy, "\r\n", ' ');

  return copy;
}

static void
set_line_property (KdlTemplate  *self,
                   char        **field,
                   const char   *value,
                   int           prop)
{
  g_autofree char *line = one_line (value);

  if (g_strcmp0 (*field, line) == 0)
    return;

  g_free (*field);
  *field = g_steal_pointer (&line);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
kdl_template_get_name (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->name;
}

void
kdl_template_set_name (KdlTemplate *self,
                       const char  *name)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));
  g_return_if_fail (kdl_template_name_is_valid (name));
  set_line_property (self, &self->name, name, PROP_NAME);
}

KdlTemplateKind
kdl_template_get_kind (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), KDL_TEMPLATE_KIND_GENERATE);
  return self->kind;
}

void
kdl_template_set_kind (KdlTemplate     *self,
                       KdlTemplateKind  kind)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
kdl_template_get_description (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->description;
}

/* Line breaks in @description become spaces: the header is line based. */
void
kdl_template_set_description (KdlTemplate *self,
                              const char  *description)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));
  set_line_property (self, &self->description, description, PROP_DESCRIPTION);
}

const char *
kdl_template_get_language (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->language;
}

/* @language: (nullable): "zh", "en" (or a tag of theirs), %NULL for unset */
void
kdl_template_set_language (KdlTemplate *self,
                           const char  *language)
{
  const char *normal;

  g_return_if_fail (KDL_IS_TEMPLATE (self));

  normal = kdl_template_normalize_language (language);
  g_return_if_fail (language == NULL || normal != NULL);
  set_line_property (self, &self->language, normal, PROP_LANGUAGE);
}

double
kdl_template_get_temperature (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), 0);
  return self->temperature;
}

/* @temperature: in (0, 1], or 0 for the provider's default */
void
kdl_template_set_temperature (KdlTemplate *self,
                              double       temperature)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));
  g_return_if_fail (temperature >= 0 && temperature <= 1);

  if (self->temperature == temperature)
    return;

  self->temperature = temperature;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE]);
}

int
kdl_template_get_max_tokens (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), 0);
  return self->max_tokens;
}

/* @max_tokens: 1–8192, or 0 for the provider's default */
void
kdl_template_set_max_tokens (KdlTemplate *self,
                             int          max_tokens)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));
  g_return_if_fail (max_tokens >= 0 && max_tokens <= MAX_TOKENS_LIMIT);

  if (self->max_tokens == max_tokens)
    return;

  self->max_tokens = max_tokens;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TOKENS]);
}

int
kdl_template_get_score_max (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), 0);
  return self->score_max;
}

void
kdl_template_set_score_max (KdlTemplate *self,
                            int          score_max)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));
  g_return_if_fail (score_max >= 0 && score_max <= SCORE_MAX_LIMIT);

  if (self->score_max == score_max)
    return;

  self->score_max = score_max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE_MAX]);
}

const char *
kdl_template_get_score_pattern (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->score_pattern;
}

/**
 * kdl_template_set_score_pattern:
 * @pattern: (nullable): a regular expression with one capture group
 *   around the score, or %NULL to detect the score
 *
 * Returns: %FALSE, leaving the pattern unchanged, when @pattern does not
 *   compile or has not exactly one group
 */
gboolean
kdl_template_set_score_pattern (KdlTemplate  *self,
                                const char   *pattern,
                                GError      **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (KDL_IS_TEMPLATE (self), FALSE);

  if (pattern != NULL && pattern[0] == '\0')
    pattern = NULL;

  line = one_line (pattern);
  if (line != NULL && !_kdl_template_check_pattern (line, self->source ? self->source : _("template"), 0, error))
    return FALSE;

  set_line_property (self, &self->score_pattern, line, PROP_SCORE_PATTERN);

  return TRUE;
}

const char *
kdl_template_get_body (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->body;
}

void
kdl_template_set_body (KdlTemplate *self,
                       const char  *body)
{
  g_return_if_fail (KDL_IS_TEMPLATE (self));

  if (body == NULL)
    body = "";

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/* The file line the body starts on, so messages name lines of the file. */
guint
kdl_template_get_body_line (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), 1);
  return self->body_line;
}

/* A path, "built-in template “judge” (zh)", or "template" for plain text. */
const char *
kdl_template_get_source (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->source ? self->source : _("template");
}

/* Returns: (nullable) (transfer none): the file it was loaded from or saved to */
GFile *
kdl_template_get_file (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  return self->file;
}

gboolean
kdl_template_is_builtin (KdlTemplate *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), FALSE);
  return self->builtin;
}
