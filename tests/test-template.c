/* test-template.c — template files, placeholders, rendering and built-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-template.h"
#include "kdl-test-samples.h"
#include "kdl-test-util.h"

#define JUDGE_HEADER "name: mine\nkind: judge\nscore_max: 44\n---\n"

static KdlTemplate *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  KdlTemplate *template = kdl_template_new_from_text (text, -1, "t.tmpl", &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);

  return template;
}

static GHashTable *
vars_of (const char *first_name,
         ...)
{
  GHashTable *vars = kdl_template_variables_new ();
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_hash_table_insert (vars, g_strdup (name), g_strdup (value));
    }
  va_end (args);

  return vars;
}

static void
test_parse_header (void)
{
  g_autoptr(KdlTemplate) t = parse_ok ("name: 我的评委\n"
                                       "kind: judge\n"
                                       "description: 打分: 按四项\n"
                                       "\n"
                                       "language: zh_CN\n"
                                       "temperature: 0.25\n"
                                       "max_tokens: 2048\n"
                                       "score_max: 44\n"
                                       "score_pattern: 得分=(\\d+)\n"
                                       "---\n"
                                       "第一行 {reading}\n"
                                       "\n"
                                       "last\n");

  g_assert_cmpstr (kdl_template_get_name (t), ==, "我的评委");
  g_assert_cmpint (kdl_template_get_kind (t), ==, KDL_TEMPLATE_KIND_JUDGE);
  g_assert_cmpstr (kdl_template_get_description (t), ==, "打分: 按四项");
  g_assert_cmpstr (kdl_template_get_language (t), ==, "zh");
  g_assert_cmpfloat (kdl_template_get_temperature (t), ==, 0.25);
  g_assert_cmpint (kdl_template_get_max_tokens (t), ==, 2048);
  g_assert_cmpint (kdl_template_get_score_max (t), ==, 44);
  g_assert_cmpstr (kdl_template_get_score_pattern (t), ==, "得分=(\\d+)");
  /* The file's last line break is not part of the body; inner ones are. */
  g_assert_cmpstr (kdl_template_get_body (t), ==, "第一行 {reading}\n\nlast");
  g_assert_cmpuint (kdl_template_get_body_line (t), ==, 11);
  g_assert_false (kdl_template_is_builtin (t));
  g_assert_cmpstr (kdl_template_get_source (t), ==, "t.tmpl");
}

static void
test_parse_tolerance (void)
{
  g_autoptr(KdlTemplate) crlf = parse_ok ("\xEF\xBB\xBFname: a\r\nkind：generate\r\n---\r\nline1\r\nline2\r\n");
  g_autoptr(KdlTemplate) defaults = parse_ok ("name: b\n---\n");
  g_autoptr(KdlTemplate) blank_tail = parse_ok ("name: c\n---\nbody\n\n\n");
  g_autoptr(KdlTemplate) no_newline = parse_ok ("name: d\n---\nbody");

  g_assert_cmpstr (kdl_template_get_name (crlf), ==, "a");
  g_assert_cmpstr (kdl_template_get_body (crlf), ==, "line1\r\nline2");
  g_assert_cmpint (kdl_template_get_kind (defaults), ==, KDL_TEMPLATE_KIND_GENERATE);
  g_assert_cmpstr (kdl_template_get_body (defaults), ==, "");
  g_assert_null (kdl_template_get_language (defaults));
  g_assert_cmpfloat (kdl_template_get_temperature (defaults), ==, 0);
  g_assert_cmpstr (kdl_template_get_body (blank_tail), ==, "body\n\n");
  g_assert_cmpstr (kdl_template_get_body (no_newline), ==, "body");
}

typedef struct
{
  const char *text;
  int         code;
  const char *needles[3];   /* each must be in the message */
} BadCase;

static void
test_parse_errors (void)
{
  static const BadCase cases[] = {
    { "name: a\nkind: generate\ncolour: red\n---\n", KDL_TEMPLATE_ERROR_UNKNOWN_KEY, { "line 3", "colour" } },
    { "name: a\nkind: jury\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "jury", "kind" } },
    { "name: a\ntemperature: 0\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "temperature" } },
    { "name: a\ntemperature: 1.5\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "1.5" } },
    { "name: a\ntemperature: warm\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "warm" } },
    { "name: a\n\nmax_tokens: 0\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 3", "max_tokens" } },
    { "name: a\nmax_tokens: 99999\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "8192" } },
    { "name: a\nmax_tokens: 12x\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "12x" } },
    { "name: a\nkind: judge\nscore_max: -3\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 3", "score_max" } },
    { "name: a\nscore_max: 10\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "score_max", "judge" } },
    { "name: a\nscore_pattern: (\\d+)\nkind: generate\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "score_pattern" } },
    { "name: a\nkind: judge\n---\nbody\n", KDL_TEMPLATE_ERROR_MISSING_KEY, { "score_max", "line 3" } },
    { "name: a\nkind: judge\nscore_max: 10\nscore_pattern: \\d+\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 4", "capture group" } },
    { "name: a\nkind: judge\nscore_max: 10\nscore_pattern: (\\d+)(分)\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 4", "capture group" } },
    { "name: a\nkind: judge\nscore_max: 10\nscore_pattern: ((\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 4", "regular expression" } },
    { "name: a\nname: b\n---\n", KDL_TEMPLATE_ERROR_DUPLICATE_KEY, { "line 2", "line 1" } },
    { "name: a\nkind: generate\n", KDL_TEMPLATE_ERROR_SYNTAX, { "---" } },
    { "name: a\nthis line has no colon\n---\n", KDL_TEMPLATE_ERROR_SYNTAX, { "line 2", "this line has no colon" } },
    { "kind: generate\n---\nbody\n", KDL_TEMPLATE_ERROR_MISSING_KEY, { "name", "line 2" } },
    { "name: a/b\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 1", "name" } },
    { "name:\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 1", "name" } },
    { "name: a\nlanguage: fr\n---\n", KDL_TEMPLATE_ERROR_BAD_VALUE, { "line 2", "fr" } },
    { "name: a\n---\nok\nbad \xff here\n", KDL_TEMPLATE_ERROR_ENCODING, { "line 4", "UTF-8" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdlTemplate) t = kdl_template_new_from_text (cases[i].text, -1, "bad.tmpl", &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (t);
      g_assert_error (error, KDL_TEMPLATE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "bad.tmpl"));
      for (guint n = 0; n < G_N_ELEMENTS (cases[i].needles) && cases[i].needles[n]; n++)
        g_assert_nonnull (strstr (error->message, cases[i].needles[n]));
    }
}

static void
assert_same (KdlTemplate *a,
             KdlTemplate *b)
{
  g_assert_cmpstr (kdl_template_get_name (a), ==, kdl_template_get_name (b));
  g_assert_cmpint (kdl_template_get_kind (a), ==, kdl_template_get_kind (b));
  g_assert_cmpstr (kdl_template_get_description (a), ==, kdl_template_get_description (b));
  g_assert_cmpstr (kdl_template_get_language (a), ==, kdl_template_get_language (b));
  g_assert_cmpfloat (kdl_template_get_temperature (a), ==, kdl_template_get_temperature (b));
  g_assert_cmpint (kdl_template_get_max_tokens (a), ==, kdl_template_get_max_tokens (b));
  g_assert_cmpint (kdl_template_get_score_max (a), ==, kdl_template_get_score_max (b));
  g_assert_cmpstr (kdl_template_get_score_pattern (a), ==, kdl_template_get_score_pattern (b));
  g_assert_cmpstr (kdl_template_get_body (a), ==, kdl_template_get_body (b));
}

static void
test_round_trip (void)
{
  static const char *bodies[] = { "", "one line", "trailing\n", "trailing two\n\n", "\nleading", "{{x}} {reading}\r\n" };
  g_autoptr(GPtrArray) builtins = kdl_template_list_builtins ();

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(KdlTemplate) t = kdl_template_new ("rt", KDL_TEMPLATE_KIND_JUDGE);
      g_autoptr(KdlTemplate) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;

      kdl_template_set_body (t, bodies[i]);
      kdl_template_set_description (t, "two\nlines");
      kdl_template_set_language (t, "en-GB");
      kdl_template_set_temperature (t, 0.3);
      kdl_template_set_max_tokens (t, 1000);
      kdl_template_set_score_max (t, 44);
      g_assert_true (kdl_template_set_score_pattern (t, "总分=(\\d+)", &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kdl_template_get_description (t), ==, "two lines");
      g_assert_cmpstr (kdl_template_get_language (t), ==, "en");

      text = kdl_template_to_text (t);
      back = kdl_template_new_from_text (text, -1, NULL, &error);
      g_assert_no_error (error);
      assert_same (t, back);
      again = kdl_template_to_text (back);
      g_assert_cmpstr (text, ==, again);
    }

  for (guint i = 0; i < builtins->len; i++)
    {
      KdlTemplate *t = g_ptr_array_index (builtins, i);
      g_autofree char *text = kdl_template_to_text (t);
      g_autoptr(KdlTemplate) back = parse_ok (text);

      assert_same (t, back);
    }
}

static void
test_bad_pattern_setter (void)
{
  g_autoptr(KdlTemplate) t = kdl_template_new ("j", KDL_TEMPLATE_KIND_JUDGE);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_template_set_score_pattern (t, "(\\d+)分", NULL));
  g_assert_false (kdl_template_set_score_pattern (t, "\\d+", &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_assert_cmpstr (kdl_template_get_score_pattern (t), ==, "(\\d+)分");
  g_assert_true (kdl_template_set_score_pattern (t, NULL, NULL));
  g_assert_null (kdl_template_get_score_pattern (t));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_notify (void)
{
  g_autoptr(KdlTemplate) t = kdl_template_new ("n", KDL_TEMPLATE_KIND_GENERATE);
  guint count = 0;
  g_autofree char *body = NULL;

  g_signal_connect (t, "notify::body", G_CALLBACK (on_notify), &count);
  kdl_template_set_body (t, "x");
  kdl_template_set_body (t, "x");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (t, "body", "y {reading}", NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (t, "body", &body, NULL);
  g_assert_cmpstr (body, ==, "y {reading}");
}

static char *
render_ok (const char *text,
           GHashTable *vars,
           GPtrArray **warnings)
{
  g_autoptr(KdlTemplate) t = parse_ok (text);
  g_autoptr(GError) error = NULL;
  char *out = kdl_template_render (t, vars, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);

  return out;
}

static void
test_render_escapes (void)
{
  g_autoptr(GHashTable) vars = vars_of ("reading", "文本", "x", "X", NULL);
  g_autofree char *a = render_ok ("name: e\n---\n{{reading}} {reading} {{{reading}}} }} {{", vars, NULL);
  g_autofree char *b = render_ok ("name: e\n---\n{{\"总分\": {x}}}", vars, NULL);

  g_assert_cmpstr (a, ==, "{reading} 文本 {文本} } {");
  g_assert_cmpstr (b, ==, "{\"总分\": X}");
}

static void
test_render_unknown (void)
{
  g_autoptr(KdlTemplate) t = parse_ok ("name: u\ndescription: x\n---\nfirst {reading}\nsecond {readnig} here\n");
  g_autoptr(GHashTable) vars = vars_of ("reading", "r", "row", "3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = kdl_template_render (t, vars, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_test_message ("%s", error->message);
  /* Line 5 of the file: two header lines, "---", then the body. */
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_assert_nonnull (strstr (error->message, "{readnig}"));
  g_assert_nonnull (strstr (error->message, "reading"));   /* the variables are listed */

  g_clear_error (&error);
  g_assert_false (kdl_template_check (t, vars, &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_clear_error (&error);
  /* Without a dataset, the standard variables are the known ones. */
  g_assert_false (kdl_template_check (t, NULL, &error));
  g_assert_nonnull (strstr (error->message, "readnig"));
}

static void
test_render_lone_braces (void)
{
  static const char *bodies[] = {
    "a { b", "a } b", "a {} b", "{reading\n}", "{\"score\": 1}x{", "ok {reading} then }",
  };
  g_autoptr(GHashTable) vars = vars_of ("reading", "r", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *text = g_strdup_printf ("name: b\n---\n%s\n", bodies[i]);
      g_autoptr(KdlTemplate) t = parse_ok (text);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = kdl_template_render (t, vars, NULL, &error);

      g_test_message ("%s → %s", bodies[i], error ? error->message : "(rendered)");
      g_assert_null (out);
      g_assert_true (g_error_matches (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BRACE) ||
                     g_error_matches (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER));
      g_assert_nonnull (strstr (error->message, "line 3"));
    }
}

static void
test_render_no_reexpansion (void)
{
  g_autoptr(GHashTable) vars = vars_of ("reading", "他说：“{mcq}”和{{x}}以及{reading}",
                                        "mcq", "MCQ", NULL);
  g_autofree char *out = render_ok ("name: n\n---\n[{reading}] {mcq}", vars, NULL);

  g_assert_cmpstr (out, ==, "[他说：“{mcq}”和{{x}}以及{reading}] MCQ");
}

static void
test_render_cjk (void)
{
  g_autoptr(GHashTable) vars = vars_of ("阅读文本", "春眠不觉晓", "选项", "A. 春", NULL);
  g_autofree char *out = render_ok ("name: 中文\n---\n阅读：{阅读文本}\n选项：{选项}。", vars, NULL);
  g_autoptr(GPtrArray) list = NULL;
  KdlPlaceholder *ph;
  const char *body = "阅读：{阅读文本}\n{未知} {{x}} }";

  g_assert_cmpstr (out, ==, "阅读：春眠不觉晓\n选项：A. 春。");

  list = kdl_template_scan_placeholders (body, -1, 7, vars);
  g_assert_cmpuint (list->len, ==, 3);

  ph = g_ptr_array_index (list, 0);
  g_assert_cmpstr (ph->name, ==, "阅读文本");
  g_assert_cmpint (ph->status, ==, KDL_PLACEHOLDER_KNOWN);
  g_assert_cmpuint (ph->start, ==, strlen ("阅读："));
  g_assert_cmpuint (ph->end, ==, strlen ("阅读：{阅读文本}"));
  g_assert_cmpint (ph->start_char, ==, 3);
  g_assert_cmpint (ph->end_char, ==, 9);
  g_assert_cmpuint (ph->line, ==, 7);

  ph = g_ptr_array_index (list, 1);
  g_assert_cmpstr (ph->name, ==, "未知");
  g_assert_cmpint (ph->status, ==, KDL_PLACEHOLDER_UNKNOWN);
  g_assert_cmpint (ph->start_char, ==, 10);
  g_assert_cmpint (ph->end_char, ==, 14);
  g_assert_cmpuint (ph->line, ==, 8);
  g_assert_cmpstr (body + ph->start, ==, "{未知} {{x}} }");

  ph = g_ptr_array_index (list, 2);
  g_assert_cmpstr (ph->name, ==, "}");
  g_assert_cmpint (ph->status, ==, KDL_PLACEHOLDER_INVALID);
  g_assert_cmpint (ph->start_char, ==, 21);
  g_assert_cmpint (ph->end_char, ==, 22);
}

static void
test_scan_template (void)
{
  g_autoptr(KdlTemplate) t = parse_ok ("name: s\nkind: generate\n---\n{reading}\n{generated} {列}\n");
  g_autoptr(GPtrArray) standard = kdl_template_list_placeholders (t, NULL);
  g_autoptr(GHashTable) vars = vars_of ("列", "v", "reading", "r", NULL);
  g_autoptr(GPtrArray) with_vars = kdl_template_list_placeholders (t, vars);

  g_assert_cmpuint (standard->len, ==, 3);
  g_assert_cmpint (((KdlPlaceholder *)standard->pdata[0])->status, ==, KDL_PLACEHOLDER_KNOWN);
  g_assert_cmpuint (((KdlPlaceholder *)standard->pdata[0])->line, ==, 4);
  g_assert_cmpint (((KdlPlaceholder *)standard->pdata[1])->status, ==, KDL_PLACEHOLDER_KNOWN);
  g_assert_cmpint (((KdlPlaceholder *)standard->pdata[2])->status, ==, KDL_PLACEHOLDER_UNKNOWN);
  g_assert_cmpuint (((KdlPlaceholder *)standard->pdata[2])->line, ==, 5);

  g_assert_cmpint (((KdlPlaceholder *)with_vars->pdata[0])->status, ==, KDL_PLACEHOLDER_KNOWN);
  g_assert_cmpint (((KdlPlaceholder *)with_vars->pdata[1])->status, ==, KDL_PLACEHOLDER_UNKNOWN);
  g_assert_cmpint (((KdlPlaceholder *)with_vars->pdata[2])->status, ==, KDL_PLACEHOLDER_KNOWN);
}

static void
test_render_empty (void)
{
  g_autoptr(GHashTable) vars = vars_of ("reading", "", "mcq", " \n\u3000", "answers", "A", "row", "7", NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *out = NULL;
  KdlRenderWarning *w;

  g_hash_table_insert (vars, g_strdup ("questions"), NULL);
  out = render_ok ("name: e\n---\n{reading}|{answers}|{mcq}\n{questions}{reading}", vars, &warnings);

  g_assert_cmpstr (out, ==, "|A| \n\u3000\n");
  g_assert_nonnull (warnings);
  /* One warning per empty variable, at its first use. */
  g_assert_cmpuint (warnings->len, ==, 3);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpstr (w->variable, ==, "reading");
  g_assert_cmpuint (w->line, ==, 3);
  g_assert_nonnull (strstr (w->message, "reading"));
  g_assert_nonnull (strstr (w->message, "7"));
  w = g_ptr_array_index (warnings, 1);
  g_assert_cmpstr (w->variable, ==, "mcq");
  w = g_ptr_array_index (warnings, 2);
  g_assert_cmpstr (w->variable, ==, "questions");
  g_assert_cmpuint (w->line, ==, 4);
}

static void
test_render_no_warnings (void)
{
  g_autoptr(GHashTable) vars = vars_of ("reading", "r", NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *out = render_ok ("name: e\n---\n{reading}", vars, &warnings);

  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Built-ins ------------------------------------------------------------- */

static const char *
other_language (const char *language)
{
  return g_str_equal (language, "zh") ? "en" : "zh";
}

static void
test_builtins_load (void)
{
  const char * const *names = kdl_template_builtin_names ();
  g_autoptr(GPtrArray) all = kdl_template_list_builtins ();
  static const char *languages[] = { "zh", "en" };

  g_assert_cmpuint (g_strv_length ((char **)names), ==, 5);
  g_assert_true (g_strv_contains (names, "rebuild"));
  g_assert_true (g_strv_contains (names, "expand"));
  g_assert_true (g_strv_contains (names, "zero-shot"));
  g_assert_true (g_strv_contains (names, "judge"));
  g_assert_true (g_strv_contains (names, "train-input"));
  g_assert_cmpuint (all->len, ==, 10);
  /* Registered globally too, for the GUI's resource lookups. */
  g_assert_true (g_resources_get_info ("/io/github/kindling/Kindling/core/templates/judge.zh.tmpl",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));

  for (guint i = 0; names[i] != NULL; i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(KdlTemplate) t = kdl_template_new_builtin (names[i], languages[l], &error);
        const char *body;

        g_assert_no_error (error);
        body = kdl_template_get_body (t);
        g_assert_cmpstr (kdl_template_get_name (t), ==, names[i]);
        g_assert_cmpstr (kdl_template_get_language (t), ==, languages[l]);
        g_assert_true (kdl_template_is_builtin (t));
        g_assert_nonnull (strstr (kdl_template_get_source (t), names[i]));
        g_assert_nonnull (kdl_template_get_description (t));
        g_assert_true (kdl_template_check (t, NULL, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (body, "{reading}"));

        /* The text is in its own language: a Chinese task never gets an
         * English prompt, and the other way round. */
        g_assert_cmpstr (kdl_text_detect_language (body), ==, languages[l]);
        if (g_str_equal (languages[l], "zh"))
          g_assert_cmpfloat (kdl_text_cjk_share (body), >, 0.8);
        else
          g_assert_cmpfloat (kdl_text_cjk_share (body), <, 0.2);
        g_assert_cmpstr (kdl_text_detect_language (kdl_template_get_description (t)), ==, languages[l]);

        if (g_str_equal (names[i], "judge"))
          {
            g_assert_cmpint (kdl_template_get_kind (t), ==, KDL_TEMPLATE_KIND_JUDGE);
            g_assert_cmpint (kdl_template_get_score_max (t), ==, 100);
            g_assert_nonnull (strstr (body, "{generated}"));
          }
        else
          g_assert_cmpint (kdl_template_get_kind (t), ==, KDL_TEMPLATE_KIND_GENERATE);
      }

  /* Language tags and the default. */
  {
    g_autoptr(KdlTemplate) tag = kdl_template_new_builtin ("expand", "zh_CN.UTF-8", NULL);
    g_autoptr(KdlTemplate) dflt = kdl_template_new_builtin ("expand", NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(KdlTemplate) fr = kdl_template_new_builtin ("expand", "fr", &error);
    g_autoptr(KdlTemplate) none = NULL;

    g_assert_cmpstr (kdl_template_get_language (tag), ==, "zh");
    g_assert_cmpstr (kdl_template_get_language (dflt), ==, "zh");
    g_assert_null (fr);
    g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    none = kdl_template_new_builtin ("rewrite", "zh", &error);
    g_assert_null (none);
    g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "rebuild"));
  }

  g_assert_cmpstr (other_language ("zh"), ==, "en");
}

/* The canonical MCQ form of DESIGN.md, asked for by every generation
 * template that a model answers. */
static void
test_builtins_ask_canonical_form (void)
{
  static const char *names[] = { "rebuild", "expand", "zero-shot" };
  static const char *languages[] = { "zh", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(KdlTemplate) t = kdl_template_new_builtin (names[i], languages[l], NULL);
        const char *body = kdl_template_get_body (t);

        g_assert_nonnull (strstr (body, "\n1. "));
        g_assert_nonnull (strstr (body, "\nA. "));
        g_assert_nonnull (strstr (body, "\nB. "));
        g_assert_nonnull (strstr (body, "\nC. "));
        g_assert_nonnull (strstr (body, "\nD. "));
        g_assert_nonnull (strstr (body, "\n答案:B"));
        g_assert_nonnull (strstr (body, g_str_equal (languages[l], "zh") ? "四道" : "four"));
      }

  /* rebuild keeps the originals first and unchanged. */
  {
    g_autoptr(KdlTemplate) zh = kdl_template_new_builtin ("rebuild", "zh", NULL);
    g_autoptr(KdlTemplate) en = kdl_template_new_builtin ("rebuild", "en", NULL);

    g_assert_nonnull (strstr (kdl_template_get_body (zh), "{mcq}"));
    g_assert_nonnull (strstr (kdl_template_get_body (zh), "最前面"));
    g_assert_nonnull (strstr (kdl_template_get_body (zh), "一字不改"));
    g_assert_nonnull (strstr (kdl_template_get_body (en), "{mcq}"));
    g_assert_nonnull (strstr (kdl_template_get_body (en), "unchanged"));
  }
}

static void
test_reference (void)
{
  static const char *languages[] = { "zh", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *reference = kdl_template_get_reference (languages[l]);
      g_auto(GStrv) questions = g_strsplit (reference, "\n\n", -1);

      g_assert_cmpstr (kdl_text_detect_language (reference), ==, languages[l]);
      g_assert_false (g_str_has_suffix (reference, "\n"));
      g_assert_cmpuint (g_strv_length (questions), ==, 4);

      for (guint q = 0; q < 4; q++)
        {
          g_auto(GStrv) lines = g_strsplit (questions[q], "\n", -1);
          g_autofree char *number = g_strdup_printf ("%u. ", q + 1);

          g_assert_cmpuint (g_strv_length (lines), ==, 6);
          g_assert_true (g_str_has_prefix (lines[0], number));
          g_assert_true (g_str_has_prefix (lines[1], "A. "));
          g_assert_true (g_str_has_prefix (lines[2], "B. "));
          g_assert_true (g_str_has_prefix (lines[3], "C. "));
          g_assert_true (g_str_has_prefix (lines[4], "D. "));
          g_assert_true (g_str_has_prefix (lines[5], "答案:"));
          g_assert_cmpuint (strlen (lines[5]), ==, strlen ("答案:") + 1);
          g_assert_nonnull (strchr ("ABCD", lines[5][strlen ("答案:")]));
        }
    }
}

/* The rubric of both judges: parts written as the simulator reads them
 * ("- 名称（N分）"), points that add up to score_max, 满分 stated first. */
static void
test_judge_rubric (void)
{
  static const char *languages[] = { "zh", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(KdlTemplate) t = kdl_template_new_builtin ("judge", languages[l], NULL);
      const char *body = kdl_template_get_body (t);
      g_autoptr(GRegex) part = g_regex_new ("^- ([^\\s（(：:0-9]{2,12})\\s*[（(](\\d+)分[)）]", G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *full_marks = g_strdup_printf ("满分%d分", kdl_template_get_score_max (t));
      const char *first_full = strstr (body, "满分");
      int sum = 0;
      guint n = 0;

      g_regex_match (part, body, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *points = g_match_info_fetch (match, 2);
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_autofree char *in_line = g_strdup_printf ("%s:X分", name);

          sum += atoi (points);
          n++;
          /* The final parts line names every part. */
          g_assert_nonnull (strstr (body, in_line));
          g_match_info_next (match, NULL);
        }

      g_assert_cmpuint (n, ==, 6);
      g_assert_cmpint (sum, ==, kdl_template_get_score_max (t));
      g_assert_true (first_full != NULL && g_str_has_prefix (first_full, full_marks));
      g_assert_nonnull (strstr (body, "“总分:XX分”") ? strstr (body, "“总分:XX分”") : strstr (body, "\"总分:XX分\""));
      g_assert_nonnull (strstr (body, g_str_equal (languages[l], "zh") ? "不扣成负分" : "never below zero"));
    }
}

static void
test_names (void)
{
  g_autoptr(GHashTable) vars = vars_of ("reference", "my own column", NULL);

  g_assert_true (kdl_template_name_is_valid ("judge"));
  g_assert_true (kdl_template_name_is_valid ("我的 评委 v2"));
  g_assert_false (kdl_template_name_is_valid (NULL));
  g_assert_false (kdl_template_name_is_valid (""));
  g_assert_false (kdl_template_name_is_valid (" judge"));
  g_assert_false (kdl_template_name_is_valid ("judge\t"));
  g_assert_false (kdl_template_name_is_valid ("a/b"));
  g_assert_false (kdl_template_name_is_valid ("a|b"));
  g_assert_false (kdl_template_name_is_valid ("{a}"));
  g_assert_false (kdl_template_name_is_valid ("a\nb"));
  g_assert_false (kdl_template_name_is_valid ("01234567890123456789012345678901234567890123456789012345678901234"));

  /* A column called "reference" wins over the shipped example. */
  kdl_template_add_reference (vars, "zh");
  g_assert_cmpstr (g_hash_table_lookup (vars, "reference"), ==, "my own column");
}

static void
test_language_detection (void)
{
  g_assert_cmpstr (kdl_text_detect_language ("夏夜走出空调房，许多城里人会觉得街道像烤箱。"), ==, "zh");
  g_assert_cmpstr (kdl_text_detect_language ("Citizen scientists count the stars they can see."), ==, "en");
  /* A few English terms in Chinese, a Chinese name in English. */
  g_assert_cmpstr (kdl_text_detect_language ("研究人员用GPS和DNA测序追踪传粉昆虫的迁徙路线。"), ==, "zh");
  g_assert_cmpstr (kdl_text_detect_language ("Li Hua (李华) wrote a letter to her pen friend in London last week."), ==, "en");
  /* OCR noise in English: Cyrillic letters are still letters of words. */
  g_assert_cmpstr (kdl_text_detect_language ("А. The vault keeps seeds. В. It is cold."), ==, "en");
  g_assert_cmpstr (kdl_text_detect_language (""), ==, "zh");
  g_assert_cmpstr (kdl_text_detect_language (NULL), ==, "zh");
  g_assert_cmpstr (kdl_text_detect_language ("12345 …"), ==, "zh");
  g_assert_cmpfloat (kdl_text_cjk_share ("中文"), ==, 1.0);
  g_assert_cmpfloat (kdl_text_cjk_share ("two words"), ==, 0.0);
  g_assert_cmpfloat (kdl_text_cjk_share ("中文 two words"), ==, 0.5);
  g_assert_cmpfloat (kdl_text_cjk_share ("don't"), ==, 0.0);
}

static void
render_every_builtin (GHashTable *row,
                      const char *expected_language)
{
  const char * const *names = kdl_template_builtin_names ();
  const char *reading = g_hash_table_lookup (row, "reading");
  const char *language = kdl_text_detect_language (reading);
  g_autofree char *reference = kdl_template_get_reference (language);

  g_assert_cmpstr (language, ==, expected_language);
  kdl_template_add_reference (row, language);
  g_assert_cmpstr (g_hash_table_lookup (row, "reference"), ==, reference);
  g_hash_table_insert (row, g_strdup ("generated"), g_strdup (g_hash_table_lookup (row, "mcq")));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(KdlTemplate) t = kdl_template_new_builtin (names[i], language, NULL);
      g_autoptr(GPtrArray) placeholders = kdl_template_list_placeholders (t, row);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *prompt = kdl_template_render (t, row, &warnings, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (warnings->len, ==, 0);
      for (guint p = 0; p < placeholders->len; p++)
        g_assert_cmpint (((KdlPlaceholder *)placeholders->pdata[p])->status, ==, KDL_PLACEHOLDER_KNOWN);

      /* The passage is in, verbatim, and the prompt speaks its language. */
      g_assert_nonnull (strstr (prompt, reading));
      g_assert_cmpstr (kdl_text_detect_language (prompt), ==, expected_language);
      g_assert_null (strstr (prompt, "{reading}"));
    }
}

static void
test_samples_finetune (void)
{
  g_autoptr(GPtrArray) rows = kdl_test_samples_finetune ();

  g_assert_cmpuint (rows->len, ==, 10);
  for (guint r = 0; r < rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (rows, r);
      g_autoptr(KdlTemplate) train = kdl_template_new_builtin ("train-input", "zh", NULL);
      g_autofree char *input = kdl_template_render (train, row, NULL, NULL);

      /* train-input rebuilds the exported record's input exactly. */
      g_assert_cmpstr (input, ==, g_hash_table_lookup (row, "input"));

      render_every_builtin (row, "zh");
    }
}

static void
test_samples_csv (void)
{
  g_autoptr(GPtrArray) rows = kdl_test_samples_zh_csv ();

  g_assert_cmpuint (rows->len, ==, 8);
  for (guint r = 0; r < rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (rows, r);
      g_autoptr(KdlTemplate) by_column = parse_ok ("name: c\n---\n{阅读文本}\n{选项}\n{答案}");
      g_autofree char *out = kdl_template_render (by_column, row, NULL, NULL);

      g_assert_true (g_str_has_prefix (out, g_hash_table_lookup (row, "阅读文本")));
      render_every_builtin (row, "zh");
    }
}

static void
test_english_passage (void)
{
  g_autoptr(GHashTable) row = vars_of ("reading",
    "Every autumn, volunteers across the country go out at night and count the stars they can see. "
    "Their reports show how light pollution spreads from cities into the countryside. Scientists say "
    "the data would cost millions to collect any other way.",
    "mcq", "1. What do the volunteers do?\nA. Plant trees\nB. Count stars\nC. Build lamps\nD. Sell maps\n答案:B",
    "row", "1", NULL);

  render_every_builtin (row, "en");
}

/* User templates and NAME|PATH ------------------------------------------ */

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_resolve (void)
{
  g_autofree char *dir = kdl_template_get_user_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kindling", "templates", NULL);
  g_autofree char *outside = g_build_filename (g_get_user_data_dir (), "elsewhere", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "x.tmpl", NULL);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  KdlTemplate *t;

  g_assert_cmpstr (dir, ==, expected);

  /* No folder yet: built-ins only. */
  users = kdl_template_list_user (&errors);
  g_assert_cmpuint (users->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&users, g_ptr_array_unref);
  g_clear_pointer (&errors, g_ptr_array_unref);

  t = kdl_template_resolve ("judge", "en", &error);
  g_assert_no_error (error);
  g_assert_true (kdl_template_is_builtin (t));
  g_assert_cmpstr (kdl_template_get_language (t), ==, "en");
  g_object_unref (t);

  write_file (dir, "mine.tmpl", "kind: generate\n---\n{reading}\n");
  write_file (dir, "judge.zh.tmpl", "name: judge\nkind: judge\nscore_max: 44\nlanguage: zh\n---\n总分\n");
  write_file (dir, "broken.tmpl", "name: broken\nkind: nonsense\n---\n");
  write_file (outside, "x.tmpl", "name: x\n---\nfrom a path\n");

  /* A file without a name is named after itself. */
  t = kdl_template_resolve ("mine", "zh", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_template_get_name (t), ==, "mine");
  g_assert_false (kdl_template_is_builtin (t));
  g_assert_nonnull (kdl_template_get_file (t));
  g_assert_true (g_str_has_suffix (kdl_template_get_source (t), "mine.tmpl"));
  g_object_unref (t);

  write_file (dir, "noname.en.tmpl", "kind: generate\n---\nx\n");
  t = kdl_template_resolve ("noname", "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_template_get_name (t), ==, "noname");
  g_object_unref (t);
  /* NAME.en.tmpl is not looked for in Chinese. */
  t = kdl_template_resolve ("noname", "zh", &error);
  g_assert_null (t);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An edited built-in overrides the shipped one, in its language only. */
  t = kdl_template_resolve ("judge", "zh", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdl_template_get_score_max (t), ==, 44);
  g_assert_false (kdl_template_is_builtin (t));
  g_object_unref (t);
  t = kdl_template_resolve ("judge", "en", &error);
  g_assert_no_error (error);
  g_assert_true (kdl_template_is_builtin (t));
  g_object_unref (t);

  /* A broken user file is an error, never skipped. */
  t = kdl_template_resolve ("broken", "zh", &error);
  g_assert_null (t);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "broken.tmpl"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  t = kdl_template_resolve (outside_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_template_get_body (t), ==, "from a path");
  g_object_unref (t);

  t = kdl_template_resolve ("nothing-like-this", "zh", &error);
  g_assert_null (t);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nothing-like-this"));
  g_clear_error (&error);

  t = kdl_template_resolve ("/no/such/file.tmpl", "zh", &error);
  g_assert_null (t);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  users = kdl_template_list_user (&errors);
  g_assert_cmpuint (users->len, ==, 3);
  g_assert_cmpstr (kdl_template_get_name (users->pdata[0]), ==, "judge");
  g_assert_cmpstr (kdl_template_get_name (users->pdata[1]), ==, "mine");
  g_assert_cmpstr (kdl_template_get_name (users->pdata[2]), ==, "noname");
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *)errors->pdata[0])->message, "broken.tmpl"));
}

static void
test_save (void)
{
  g_autofree char *dir = kdl_template_get_user_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "saved.tmpl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KdlTemplate) t = kdl_template_new_builtin ("judge", "zh", NULL);
  g_autoptr(KdlTemplate) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;

  kdl_template_set_name (t, "saved");
  g_assert_true (kdl_template_save (t, file, &error));
  g_assert_no_error (error);
  g_assert_false (kdl_template_is_builtin (t));
  g_assert_true (kdl_template_get_file (t) == file);
  g_assert_cmpstr (kdl_template_get_source (t), ==, path);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = kdl_template_to_text (t);
  g_assert_cmpstr (contents, ==, text);

  back = kdl_template_new_from_file (file, &error);
  g_assert_no_error (error);
  assert_same (t, back);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/template/parse/header", test_parse_header);
  g_test_add_func ("/template/parse/tolerance", test_parse_tolerance);
  g_test_add_func ("/template/parse/errors", test_parse_errors);
  g_test_add_func ("/template/round-trip", test_round_trip);
  g_test_add_func ("/template/score-pattern", test_bad_pattern_setter);
  g_test_add_func ("/template/notify", test_notify);
  g_test_add_func ("/template/render/escapes", test_render_escapes);
  g_test_add_func ("/template/render/unknown", test_render_unknown);
  g_test_add_func ("/template/render/lone-braces", test_render_lone_braces);
  g_test_add_func ("/template/render/no-reexpansion", test_render_no_reexpansion);
  g_test_add_func ("/template/render/cjk", test_render_cjk);
  g_test_add_func ("/template/render/empty", test_render_empty);
  g_test_add_func ("/template/render/no-warnings", test_render_no_warnings);
  g_test_add_func ("/template/scan", test_scan_template);
  g_test_add_func ("/template/builtin/load", test_builtins_load);
  g_test_add_func ("/template/builtin/canonical-form", test_builtins_ask_canonical_form);
  g_test_add_func ("/template/builtin/reference", test_reference);
  g_test_add_func ("/template/builtin/judge-rubric", test_judge_rubric);
  g_test_add_func ("/template/builtin/samples-finetune", test_samples_finetune);
  g_test_add_func ("/template/builtin/samples-csv", test_samples_csv);
  g_test_add_func ("/template/builtin/english", test_english_passage);
  g_test_add_func ("/template/names", test_names);
  g_test_add_func ("/template/language", test_language_detection);
  g_test_add_func ("/template/resolve", test_resolve);
  g_test_add_func ("/template/save", test_save);

  return g_test_run ();
}
