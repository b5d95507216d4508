/* kdl-import-jsonl.c — JSON Lines: one object per physical line
 *
 * Record shapes: any flat object (`input`/`output`, Alpaca
 * `instruction`/`input`/`output`, …) gives one field per key; strings are
 * decoded, numbers keep their JSON spelling, true/false become the words,
 * null is a field without value, and nested objects or arrays are kept as
 * their JSON text, exactly as written, so nothing is lost.  A ShareGPT row
 * (`conversations`, or OpenAI-style `messages`, without `input`/`output`)
 * also gets `input` (the first human/user turn), `output` (the first
 * gpt/assistant turn after it) and `system` when there is one.
 *
 * Indexing validates every line with kdl-json-scan on both cores: the
 * first megabyte first (so the first rows show at once), then the rest in
 * two halves, one per thread.  Fields are decoded only when a row is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-import-jsonl"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-import-jsonl.h"
#include "kdl-json-scan.h"

#define HEAD_SIZE       (1 << 20)
#define MIN_SPLIT_SIZE  (4 << 20)

typedef struct
{
  KdlJsonSlice key;
  KdlJsonSlice value;
} Member;

typedef struct
{
  KdlImportJob *job;
  const char   *data;
  gsize         start;
  gsize         end;
  gboolean      ends_file;    /* the last line of the file is in this part */

  GArray       *spans;
  GArray       *rejected;
  GArray       *skipped;
  GPtrArray    *keys;         /* column names in order of first appearance */
  GHashTable   *key_set;

  GArray       *members;      /* Member, of the current line */
  GPtrArray    *prev_names;   /* decoded key names of the previous good line */
  guint         n_lines;
  gboolean      cancelled;
} Part;

static void
part_init (Part         *part,
           KdlImportJob *job,
           gsize         start,
           gsize         end)
{
  memset (part, 0, sizeof *part);
  part->job = job;
  part->data = job->result->data;
  part->start = start;
  part->end = end;
  part->spans = g_array_new (FALSE, FALSE, sizeof (KdlSpan));
  part->rejected = g_array_new (FALSE, FALSE, sizeof (KdlImportIssue));
  g_array_set_clear_func (part->rejected, (GDestroyNotify)kdl_import_issue_clear);
  part->skipped = g_array_new (FALSE, FALSE, sizeof (KdlImportIssue));
  g_array_set_clear_func (part->skipped, (GDestroyNotify)kdl_import_issue_clear);
  part->keys = g_ptr_array_new_with_free_func (g_free);
  part->key_set = g_hash_table_new (g_str_hash, g_str_equal);
  part->members = g_array_new (FALSE, FALSE, sizeof (Member));
  part->prev_names = g_ptr_array_new_with_free_func (g_free);
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->spans, g_array_unref);
  g_clear_pointer (&part->rejected, g_array_unref);
  g_clear_pointer (&part->skipped, g_array_unref);
  g_clear_pointer (&part->key_set, g_hash_table_unref);
  g_clear_pointer (&part->keys, g_ptr_array_unref);
  g_clear_pointer (&part->members, g_array_unref);
  g_clear_pointer (&part->prev_names, g_ptr_array_unref);
}

static gboolean
collect_member (const KdlJsonSlice *key,
                const KdlJsonSlice *value,
                gpointer            user_data)
{
  GArray *members = user_data;
  Member m = { *key, *value };

  g_array_append_val (members, m);
  return TRUE;
}

/* ShareGPT */

typedef struct
{
  KdlJsonSlice role;
  KdlJsonSlice text;
  gboolean     has_role;
  gboolean     has_text;
} Turn;

typedef struct
{
  char *system;
  char *input;
  char *output;
} Conversation;

static gboolean
collect_turn_member (const KdlJsonSlice *key,
                     const KdlJsonSlice *value,
                     gpointer            user_data)
{
  Turn *turn = user_data;

  if (value->type != KDL_JSON_STRING)
    return TRUE;
  if (!turn->has_role && (kdl_json_slice_equal (key, "from") || kdl_json_slice_equal (key, "role")))
    {
      turn->role = *value;
      turn->has_role = TRUE;
    }
  else if (!turn->has_text && (kdl_json_slice_equal (key, "value") || kdl_json_slice_equal (key, "content")))
    {
      turn->text = *value;
      turn->has_text = TRUE;
    }
  return TRUE;
}

static gboolean
collect_turn (const KdlJsonSlice *key,
              const KdlJsonSlice *value,
              gpointer            user_data)
{
  Conversation *conv = user_data;
  Turn turn = { 0 };
  char **slot = NULL;

  if (value->type != KDL_JSON_OBJECT)
    return TRUE;
  kdl_json_scan_object (value->data, value->len, collect_turn_member, &turn, NULL);
  if (!turn.has_role || !turn.has_text)
    return TRUE;

  if (kdl_json_slice_equal (&turn.role, "system"))
    slot = &conv->system;
  else if (kdl_json_slice_equal (&turn.role, "human") || kdl_json_slice_equal (&turn.role, "user"))
    slot = &conv->input;
  else if ((kdl_json_slice_equal (&turn.role, "gpt") || kdl_json_slice_equal (&turn.role, "assistant") ||
            kdl_json_slice_equal (&turn.role, "model")) && conv->input != NULL)
    slot = &conv->output;

  if (slot != NULL && *slot == NULL)
    *slot = kdl_json_decode_string (&turn.text);

  return TRUE;
}

static void
conversation_clear (Conversation *conv)
{
  g_clear_pointer (&conv->system, g_free);
  g_clear_pointer (&conv->input, g_free);
  g_clear_pointer (&conv->output, g_free);
}

/* Which member, if any, makes this a ShareGPT row. */
static const Member *
find_conversation (GArray *members)
{
  const Member *found = NULL;

  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = &g_array_index (members, Member, i);

      if (kdl_json_slice_equal (&m->key, "input") || kdl_json_slice_equal (&m->key, "output"))
        return NULL;
      if (found == NULL && m->value.type == KDL_JSON_ARRAY &&
          (kdl_json_slice_equal (&m->key, "conversations") || kdl_json_slice_equal (&m->key, "messages")))
        found = m;
    }

  return found;
}

/* Indexing */

static guint
count_chars (const char *text,
             gsize       len)
{
  guint n = 0;

  /* Counts lead bytes, so it works on text that is not valid UTF-8. */
  for (gsize i = 0; i < len; i++)
    n += ((guchar)text[i] & 0xC0) != 0x80;
  return n;
}

static const char *
reason_text (KdlJsonReason reason)
{
  switch (reason)
    {
    case KDL_JSON_REASON_EXPECTED_KEY:
      return _("expected a key in double quotes");
    case KDL_JSON_REASON_EXPECTED_COLON:
      return _("expected “:” after the key");
    case KDL_JSON_REASON_EXPECTED_COMMA:
      return _("expected “,” or the closing bracket");
    case KDL_JSON_REASON_BAD_ESCAPE:
      return _("invalid escape sequence");
    case KDL_JSON_REASON_CONTROL_CHAR:
      return _("a control character (such as a raw tab or line break) inside a string");
    case KDL_JSON_REASON_BAD_NUMBER:
      return _("invalid number");
    case KDL_JSON_REASON_TRAILING_TEXT:
      return _("text after the end of the object");
    case KDL_JSON_REASON_UNEXPECTED_CHAR:
    case KDL_JSON_REASON_NONE:
    default:
      return _("unexpected character");
    }
}

static void
reject (Part       *part,
        guint       line,
        const char *code,
        char       *message)
{
  kdl_import_add_issue (part->rejected, line, line, code, message);
}

static gboolean
names_equal_prev (Part *part)
{
  if (part->members->len != part->prev_names->len)
    return FALSE;

  for (guint i = 0; i < part->members->len; i++)
    {
      const Member *m = &g_array_index (part->members, Member, i);
      const char *name = g_ptr_array_index (part->prev_names, i);

      if (m->key.has_escape || m->key.len != strlen (name) ||
          memcmp (m->key.data, name, m->key.len) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
add_key (Part       *part,
         const char *name)
{
  if (!g_hash_table_contains (part->key_set, name))
    {
      char *copy = g_strdup (name);

      g_ptr_array_add (part->keys, copy);
      g_hash_table_add (part->key_set, copy);
    }
}

static void
index_line (Part       *part,
            const char *text,
            gsize       len,
            guint       line,
            gboolean    has_newline)
{
  KdlJsonScan scan;
  KdlSpan span;
  const Member *conv_member;
  gboolean sharegpt = FALSE;

  if (len > 0 && text[len - 1] == '\r')
    len--;

  if (kdl_import_is_blank (text, len))
    {
      kdl_import_add_issue (part->skipped, 0, line, KDL_IMPORT_BLANK_LINE, NULL);
      return;
    }

  g_array_set_size (part->members, 0);
  kdl_json_scan_object (text, len, collect_member, part->members, &scan);

  /* Bytes that are not text make any JSON error; say what is wrong first
   * (this is also how a line that failed to decode arrives, see
   * kdl_encoding_decode ()). */
  if (scan.status == KDL_JSON_ERROR_SYNTAX && !g_utf8_validate_len (text, len, NULL))
    scan.status = KDL_JSON_ERROR_UTF8;

  switch (scan.status)
    {
    case KDL_JSON_OK:
      break;
    case KDL_JSON_ERROR_UTF8:
      reject (part, line, part->job->bad_text_code, kdl_import_bad_text_message (part->job));
      return;
    case KDL_JSON_ERROR_NUL:
      reject (part, line, KDL_IMPORT_NUL_CHARACTER,
              g_strdup_printf (_("A NUL character at character %u; Kindling cannot keep text with NUL characters."),
                               count_chars (text, scan.offset) + 1));
      return;
    case KDL_JSON_ERROR_NOT_OBJECT:
      reject (part, line, KDL_IMPORT_NOT_AN_OBJECT,
              g_strdup (_("The line is valid JSON but not an object: each line must be one {…} record.")));
      return;
    case KDL_JSON_ERROR_TRUNCATED:
      if (!has_newline && part->ends_file)
        {
          reject (part, line, KDL_IMPORT_TRUNCATED_LINE,
                  g_strdup (_("The last line ends in the middle of a record: the file looks cut off.")));
          return;
        }
      reject (part, line, KDL_IMPORT_INVALID_JSON,
              g_strdup (_("Invalid JSON: the line ends in the middle of a value.")));
      return;
    case KDL_JSON_ERROR_SURROGATE:
      reject (part, line, KDL_IMPORT_INVALID_JSON,
              g_strdup_printf (_("Invalid JSON at character %u: a \\u escape is half of a surrogate pair."),
                               count_chars (text, scan.offset) + 1));
      return;
    case KDL_JSON_ERROR_TOO_DEEP:
      reject (part, line, KDL_IMPORT_INVALID_JSON,
              g_strdup_printf (_("Invalid JSON: nested deeper than %d levels."), KDL_JSON_MAX_DEPTH));
      return;
    case KDL_JSON_ERROR_SYNTAX:
    default:
      reject (part, line, KDL_IMPORT_INVALID_JSON,
              g_strdup_printf (_("Invalid JSON at character %u: %s."),
                               count_chars (text, scan.offset) + 1, reason_text (scan.reason)));
      return;
    }

  if (part->members->len == 0)
    {
      reject (part, line, KDL_IMPORT_MISSING_FIELDS, g_strdup (_("The record has no fields.")));
      return;
    }

  if (!names_equal_prev (part))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < part->members->len; i++)
        {
          const Member *m = &g_array_index (part->members, Member, i);
          char *name = kdl_json_decode_string (&m->key);

          if (!g_hash_table_add (seen, name))
            {
              reject (part, line, KDL_IMPORT_DUPLICATE_KEY,
                      g_strdup_printf (_("The key “%s” occurs twice; keep one of them."), name));
              g_free (name);
              g_ptr_array_set_size (part->prev_names, 0);
              return;
            }
          g_ptr_array_add (names, name);
        }

      for (guint i = 0; i < names->len; i++)
        add_key (part, g_ptr_array_index (names, i));

      g_ptr_array_unref (part->prev_names);
      part->prev_names = g_steal_pointer (&names);
    }

  conv_member = find_conversation (part->members);
  if (conv_member != NULL)
    {
      Conversation conv = { 0 };

      kdl_json_scan_array (conv_member->value.data, conv_member->value.len, collect_turn, &conv, NULL);
      if (conv.input == NULL || conv.output == NULL)
        {
          conversation_clear (&conv);
          reject (part, line, KDL_IMPORT_MISSING_FIELDS,
                  g_strdup (_("The conversation has no human turn followed by a gpt turn.")));
          return;
        }
      if (conv.system != NULL)
        add_key (part, "system");
      add_key (part, "input");
      add_key (part, "output");
      conversation_clear (&conv);
      sharegpt = TRUE;
    }

  span.offset = text - part->data;
  span.length = len;
  span.row = line;
  span.line = line;
  span.flags = sharegpt ? KDL_SPAN_SHAREGPT : 0;
  g_array_append_val (part->spans, span);
}

static gpointer
index_part (gpointer data)
{
  Part *part = data;
  const char *p = part->data + part->start;
  const char *end = part->data + part->end;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;

      part->n_lines++;
      index_line (part, p, line_end - p, part->n_lines, nl != NULL);
      p = line_end + 1;

      if ((part->n_lines & 4095) == 0 && g_cancellable_is_cancelled (part->job->cancellable))
        {
          part->cancelled = TRUE;
          break;
        }
    }

  return NULL;
}

static void
shift_issues (GArray *dest,
              GArray *src,
              guint   line_offset,
              gboolean is_record)
{
  for (guint i = 0; i < src->len; i++)
    {
      KdlImportIssue *issue = &g_array_index (src, KdlImportIssue, i);

      kdl_import_add_issue (dest, is_record ? issue->row + line_offset : 0,
                            issue->line + line_offset, issue->code,
                            g_steal_pointer (&issue->message));
    }
}

/* Appends @part to the result, its line numbers shifted by @line_offset. */
static void
merge_part (KdlImportResult *result,
            Part            *part,
            guint            line_offset)
{
  for (guint i = 0; i < part->spans->len; i++)
    {
      KdlSpan span = g_array_index (part->spans, KdlSpan, i);

      span.row += line_offset;
      span.line += line_offset;
      g_array_append_val (result->spans, span);
    }
  shift_issues (result->rejected, part->rejected, line_offset, TRUE);
  shift_issues (result->skipped, part->skipped, line_offset, FALSE);
  for (guint i = 0; i < part->keys->len; i++)
    kdl_import_result_add_column (result, g_ptr_array_index (part->keys, i));
  result->n_records += part->spans->len + part->rejected->len;
}

/* The end of the line that holds @pos (just after its newline). */
static gsize
next_line_start (const char *data,
                 gsize       pos,
                 gsize       len)
{
  const char *nl;

  if (pos >= len)
    return len;
  nl = memchr (data + pos, '\n', len - pos);
  return nl != NULL ? (gsize)(nl - data) + 1 : len;
}

gboolean
kdl_import_jsonl (KdlImportJob  *job,
                  GError       **error)
{
  KdlImportResult *result;
  Part parts[3];
  guint n_parts = 0;
  gsize head_end;
  gsize total;
  guint line_offset = 0;
  gboolean cancelled = FALSE;
  GThread *thread = NULL;

  if (!kdl_import_job_prepare_text (job, HEAD_SIZE, error))
    return FALSE;
  result = job->result;

  /* The first page: the complete lines of the head. */
  if (job->n_read >= job->size)
    head_end = job->n_read;
  else
    {
      const char *last_nl = NULL;

      for (gsize i = job->n_read; i > job->text_start; i--)
        if (result->data[i - 1] == '\n')
          {
            last_nl = result->data + i - 1;
            break;
          }
      head_end = last_nl != NULL ? (gsize)(last_nl - result->data) + 1 : job->text_start;
    }

  part_init (&parts[n_parts], job, job->text_start, head_end);
  parts[n_parts].ends_file = head_end >= job->size;
  index_part (&parts[n_parts]);
  merge_part (result, &parts[n_parts], 0);
  line_offset += parts[n_parts].n_lines;
  cancelled |= parts[n_parts].cancelled;
  n_parts++;

  if (!cancelled && head_end < job->size)
    {
      kdl_import_job_publish (job, result->spans->len);

      if (!kdl_import_job_read_all (job, error))
        {
          part_clear (&parts[0]);
          return FALSE;
        }
      total = result->data_len;

      if (total - head_end >= MIN_SPLIT_SIZE)
        {
          gsize mid = next_line_start (result->data, head_end + (total - head_end) / 2 - 1, total);

          part_init (&parts[n_parts], job, head_end, mid);
          part_init (&parts[n_parts + 1], job, mid, total);
          parts[n_parts + 1].ends_file = TRUE;
          thread = g_thread_new ("kdl-jsonl-index", index_part, &parts[n_parts + 1]);
          index_part (&parts[n_parts]);
          g_thread_join (thread);
          n_parts += 2;
        }
      else
        {
          part_init (&parts[n_parts], job, head_end, total);
          parts[n_parts].ends_file = TRUE;
          index_part (&parts[n_parts]);
          n_parts++;
        }

      for (guint i = 1; i < n_parts; i++)
        {
          merge_part (result, &parts[i], line_offset);
          line_offset += parts[i].n_lines;
          cancelled |= parts[i].cancelled;
        }
    }

  for (guint i = 0; i < n_parts; i++)
    part_clear (&parts[i]);

  if (cancelled)
    return !kdl_import_job_cancelled (job, error);

  result->complete = TRUE;
  return TRUE;
}

/* Reading a row */

typedef struct
{
  KdlRecord   *record;
  KdlJsonSlice conversation;
  gboolean     has_conversation;
} ParseState;

static char *
render_value (const KdlJsonSlice *value)
{
  switch (value->type)
    {
    case KDL_JSON_STRING:
      return kdl_json_decode_string (value);
    case KDL_JSON_NULL:
      return NULL;
    case KDL_JSON_TRUE:
    case KDL_JSON_FALSE:
    case KDL_JSON_NUMBER:
    case KDL_JSON_OBJECT:
    case KDL_JSON_ARRAY:
    default:
      return g_strndup (value->data, value->len);
    }
}

static gboolean
add_field (const KdlJsonSlice *key,
           const KdlJsonSlice *value,
           gpointer            user_data)
{
  ParseState *state = user_data;
  g_autofree char *name = kdl_json_decode_string (key);

  if (!state->has_conversation && value->type == KDL_JSON_ARRAY &&
      (g_str_equal (name, "conversations") || g_str_equal (name, "messages")))
    {
      state->conversation = *value;
      state->has_conversation = TRUE;
    }

  kdl_record_take_field (state->record, name, render_value (value));
  return TRUE;
}

/* Returns: (transfer full) (nullable): the row's fields; %NULL only if the
 * file's text changed under the index, which cannot happen (it is in
 * memory), but a caller must not crash on it. */
KdlRecord *
kdl_import_jsonl_parse_record (const KdlImportResult *result,
                               const KdlSpan         *span)
{
  ParseState state = { 0 };
  KdlJsonStatus status;

  state.record = kdl_record_new (span->row, span->line);
  status = kdl_json_scan_object (result->data + span->offset, span->length, add_field, &state, NULL);
  if (status != KDL_JSON_OK)
    {
      kdl_record_unref (state.record);
      return NULL;
    }

  if ((span->flags & KDL_SPAN_SHAREGPT) && state.has_conversation)
    {
      Conversation conv = { 0 };

      kdl_json_scan_array (state.conversation.data, state.conversation.len, collect_turn, &conv, NULL);
      if (conv.system != NULL)
        kdl_record_take_field (state.record, "system", g_steal_pointer (&conv.system));
      kdl_record_take_field (state.record, "input", g_steal_pointer (&conv.input));
      kdl_record_take_field (state.record, "output", g_steal_pointer (&conv.output));
      conversation_clear (&conv);
    }

  return state.record;
}
