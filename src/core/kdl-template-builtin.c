/* kdl-template-builtin.c — built-in templates, user templates, lookup
 *
 * Built-ins live in libkindling's GResource, one file per name and language
 * (templates/NAME.LANG.tmpl), next to the reference-format example
 * (templates/reference.LANG.txt) that fills {reference}.  User templates
 * live in ~/.local/share/kindling/templates/ as NAME.tmpl or NAME.LANG.tmpl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-core-resources.h"
#include "kdl-template.h"
#include "kdl-template-private.h"

#define RESOURCE_DIR "/io/github/kindling/Kindling/core/templates/"

static const char * const builtin_names[] = {
  "rebuild", "expand", "zero-shot", "judge", "train-input", NULL
};

static const char * const builtin_languages[] = { "zh", "en", NULL };

/**
 * kdl_template_builtin_names:
 *
 * Returns: (transfer none): the built-ins' names, %NULL-terminated
 */
const char * const *
kdl_template_builtin_names (void)
{
  return builtin_names;
}

static GBytes *
lookup_resource (const char  *path,
                 GError     **error)
{
  /* Looked up in our own resource rather than the global list: nothing
   * else has to register it, and a static link keeps it. */
  return g_resource_lookup_data (kdl_core_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static const char *
language_or_default (const char  *language,
                     GError     **error)
{
  const char *normal;

  if (language == NULL)
    return "zh";

  normal = kdl_template_normalize_language (language);
  if (normal == NULL)
    g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                 _("The built-in templates are in Chinese (zh) and English (en), not “%s”"),
                 language);

  return normal;
}

/**
 * kdl_template_new_builtin:
 * @name: one of kdl_template_builtin_names()
 * @language: (nullable): "zh" or "en" (a tag such as "zh_CN" works); %NULL
 *   means "zh".  Pick it with kdl_text_detect_language() on the dataset's
 *   passages, so a Chinese task never gets an English prompt.
 *
 * Returns: (transfer full) (nullable): a fresh copy of the built-in
 */
KdlTemplate *
kdl_template_new_builtin (const char  *name,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(KdlTemplate) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  const char *lang;
  gsize size;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lang = language_or_default (language, error);
  if (lang == NULL)
    return NULL;

  if (!g_strv_contains (builtin_names, name))
    {
      g_autofree char *names = g_strjoinv (", ", (char **)builtin_names);

      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                   _("There is no built-in template “%s”; the built-ins are %s"), name, names);
      return NULL;
    }

  path = g_strdup_printf (RESOURCE_DIR "%s.%s.tmpl", name, lang);
  bytes = lookup_resource (path, error);
  if (bytes == NULL)
    return NULL;

  /* Translators: names a template in messages: built-in template “judge” (zh) */
  source = g_strdup_printf (_("built-in template “%s” (%s)"), name, lang);
  data = g_bytes_get_data (bytes, &size);

  self = g_object_new (KDL_TYPE_TEMPLATE, NULL);
  if (!_kdl_template_parse (self, data, size, source, name, error))
    return NULL;
  _kdl_template_set_builtin (self, source);

  return g_steal_pointer (&self);
}

/**
 * kdl_template_list_builtins:
 *
 * Returns: (transfer full) (element-type KdlTemplate): every built-in in
 *   every language, in kdl_template_builtin_names() order, Chinese first
 */
GPtrArray *
kdl_template_list_builtins (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; builtin_names[i] != NULL; i++)
    for (guint j = 0; builtin_languages[j] != NULL; j++)
      {
        g_autoptr(GError) error = NULL;
        KdlTemplate *template = kdl_template_new_builtin (builtin_names[i], builtin_languages[j], &error);

        /* The resource is compiled in: a failure is a bug in a .tmpl file. */
        if (template == NULL)
          g_critical ("%s", error->message);
        else
          g_ptr_array_add (list, template);
      }

  return list;
}

/**
 * kdl_template_get_reference:
 * @language: (nullable): "zh" or "en"; %NULL means "zh"
 *
 * Returns: (transfer full): the reference-format example (four MCQs in the
 *   canonical form) that fills the {reference} variable
 */
char *
kdl_template_get_reference (const char *language)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *lang = kdl_template_normalize_language (language);
  char *text;

  path = g_strdup_printf (RESOURCE_DIR "reference.%s.txt", lang ? lang : "zh");
  bytes = lookup_resource (path, NULL);
  g_return_val_if_fail (bytes != NULL, g_strdup (""));

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_strchomp (text);

  return text;
}

/**
 * kdl_template_add_reference:
 * @variables: a row's variables
 * @language: (nullable): the dataset's language
 *
 * Adds {reference}, the reference-format example in @language, unless the
 * row already has a variable of that name (a column wins).
 */
void
kdl_template_add_reference (GHashTable *variables,
                            const char *language)
{
  g_return_if_fail (variables != NULL);

  if (!g_hash_table_contains (variables, "reference"))
    g_hash_table_insert (variables, g_strdup ("reference"), kdl_template_get_reference (language));
}

/**
 * kdl_template_get_user_dir:
 *
 * Returns: (transfer full): ~/.local/share/kindling/templates (under
 *   $XDG_DATA_HOME when set); it may not exist yet
 */
char *
kdl_template_get_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "kindling", "templates", NULL);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  KdlTemplate *ta = *(KdlTemplate **)a;
  KdlTemplate *tb = *(KdlTemplate **)b;
  int cmp = g_utf8_collate (kdl_template_get_name (ta), kdl_template_get_name (tb));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (kdl_template_get_source (ta), kdl_template_get_source (tb));
}

/**
 * kdl_template_list_user:
 * @errors: (out) (optional) (transfer full) (element-type GError): one
 *   error per "*.tmpl" file that could not be loaded
 *
 * Returns: (transfer full) (element-type KdlTemplate): the user's
 *   templates, sorted by name; a missing folder is an empty list
 */
GPtrArray *
kdl_template_list_user (GPtrArray **errors)
{
  g_autofree char *dir_path = kdl_template_get_user_dir ();
  g_autoptr(GDir) dir = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  const char *entry;

  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GError *error = NULL;
      KdlTemplate *template;

      if (!g_str_has_suffix (entry, ".tmpl"))
        continue;

      path = g_build_filename (dir_path, entry, NULL);
      template = kdl_template_new_from_path (path, &error);
      if (template != NULL)
        g_ptr_array_add (list, template);
      else
        g_ptr_array_add (failed, error);
    }

  g_ptr_array_sort (list, compare_by_name);

  if (errors != NULL)
    *errors = g_steal_pointer (&failed);

  return list;
}

static gboolean
looks_like_path (const char *name_or_path)
{
  return strchr (name_or_path, '/') != NULL ||
         strchr (name_or_path, G_DIR_SEPARATOR) != NULL ||
         g_str_has_suffix (name_or_path, ".tmpl") ||
         g_str_has_suffix (name_or_path, ".txt");
}

/**
 * kdl_template_resolve:
 * @name_or_path: what `--template NAME|PATH` was given
 * @language: (nullable): the dataset's language, "zh" or "en"; %NULL
 *   means "zh"
 *
 * A path (it has a "/" or ends in ".tmpl"/".txt") is loaded as it is.  A
 * name is looked for, in order, as NAME.LANG.tmpl and NAME.tmpl in the user
 * folder (an edited built-in overrides the shipped one), then as a built-in
 * in @language, then as a file in the current folder.  A user file that
 * exists but is broken is an error, never skipped.
 *
 * Returns: (transfer full) (nullable): the template
 */
KdlTemplate *
kdl_template_resolve (const char  *name_or_path,
                      const char  *language,
                      GError     **error)
{
  g_autofree char *user_dir = NULL;
  g_autofree char *names = NULL;
  const char *lang;

  g_return_val_if_fail (name_or_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name_or_path[0] == '\0')
    {
      g_set_error_literal (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                           _("No template given; name a built-in or a template file"));
      return NULL;
    }

  if (looks_like_path (name_or_path))
    return kdl_template_new_from_path (name_or_path, error);

  lang = language_or_default (language, error);
  if (lang == NULL)
    return NULL;

  user_dir = kdl_template_get_user_dir ();
  {
    g_autofree char *with_lang = g_strdup_printf ("%s.%s.tmpl", name_or_path, lang);
    g_autofree char *plain = g_strdup_printf ("%s.tmpl", name_or_path);
    const char *candidates[] = { with_lang, plain };

    for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
      {
        g_autofree char *path = g_build_filename (user_dir, candidates[i], NULL);

        if (g_file_test (path, G_FILE_TEST_EXISTS))
          return kdl_template_new_from_path (path, error);
      }
  }

  if (g_strv_contains (builtin_names, name_or_path))
    return kdl_template_new_builtin (name_or_path, lang, error);

  if (g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
    return kdl_template_new_from_path (name_or_path, error);

  names = g_strjoinv (", ", (char **)builtin_names);
  g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
               _("No template “%s”: it is not a built-in (%s), not in %s and not a file"),
               name_or_path, names, user_dir);

  return NULL;
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3400 && c <= 0x4DBF) ||     /* extension A */
         (c >= 0x4E00 && c <= 0x9FFF) ||     /* unified ideographs */
         (c >= 0xF900 && c <= 0xFAFF) ||     /* compatibility ideographs */
         (c >= 0x20000 && c <= 0x3134F);     /* extensions B–G */
}

/**
 * kdl_text_cjk_share:
 * @text: (nullable): any text
 *
 * Han characters against words in alphabetic scripts: a Han character
 * counts as much as a word, so a Chinese passage with a few English terms
 * stays near 1 and an English one with a Chinese name near 0.
 *
 * Returns: CJK characters / (CJK characters + alphabetic words), 0 for a
 *   text with neither
 */
double
kdl_text_cjk_share (const char *text)
{
  guint64 cjk = 0, words = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          cjk++;
          in_word = FALSE;
        }
      else if (g_unichar_isalpha (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if (c != '\'' && c != 0x2019 && c != '-')
        in_word = FALSE;
    }

  if (cjk + words == 0)
    return 0;

  return (double)cjk / (double)(cjk + words);
}

/**
 * kdl_text_detect_language:
 * @text: (nullable): a passage, or several joined
 *
 * Returns: (transfer none): "zh" when at least half of the text is Chinese
 *   by kdl_text_cjk_share(), "en" otherwise; "zh" for a text with no
 *   letters at all (the project's main audience)
 */
const char *
kdl_text_detect_language (const char *text)
{
  gboolean has_letters = FALSE;

  if (text != NULL)
    for (const char *p = text; *p && !has_letters; p = g_utf8_next_char (p))
      has_letters = g_unichar_isalpha (g_utf8_get_char (p));

  if (!has_letters)
    return "zh";

  return kdl_text_cjk_share (text) >= 0.5 ? "zh" : "en";
}
