/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "unspin-export.h"

/* A first paragraph longer than this reads as body text, not as a headline. */
#define HEADLINE_MAX_WORDS 20

static const char * const format_names[] = {
  [UNSPIN_EXPORT_TEXT] = "text",
  [UNSPIN_EXPORT_MARKDOWN] = "markdown",
  [UNSPIN_EXPORT_JSON] = "json",
};

gboolean
unspin_export_format_from_string (const char         *string,
                                  UnspinExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (string, format_names[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
unspin_export_format_to_string (UnspinExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

/* Edits per state, indexed by UnspinReviewState. */
static void
count_states (UnspinReview *review,
              guint         counts[4])
{
  guint n = unspin_review_get_n_edits (review);

  memset (counts, 0, 4 * sizeof (guint));
  for (guint i = 0; i < n; i++)
    counts[unspin_review_get_state (review, i)]++;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int_member (JsonBuilder *builder,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_edit (JsonBuilder  *builder,
          UnspinReview *review,
          guint         index)
{
  UnspinEdit *edit = unspin_review_get_edit (review, index);
  UnspinReviewState state = unspin_review_get_state (review, index);
  UnspinText *text = unspin_review_get_text (review);

  json_builder_begin_object (builder);
  add_int_member (builder, "id", edit->id);
  add_string_member (builder, "kind", unspin_edit_kind_to_string (edit->kind));
  add_int_member (builder, "byte_start", edit->byte_start);
  add_int_member (builder, "byte_end", edit->byte_end);
  /* From the text, not the edit (whose char offsets start as 0 until someone fills them): the
   * reader checks them, and a session that cannot be read back is lost work. */
  add_int_member (builder, "char_start", unspin_text_byte_to_char (text, edit->byte_start));
  add_int_member (builder, "char_end", unspin_text_byte_to_char (text, edit->byte_end));
  add_string_member (builder, "garbled", edit->garbled);
  add_string_member (builder, "proposal", edit->proposal);
  json_builder_set_member_name (builder, "alternatives");
  json_builder_begin_array (builder);
  for (guint k = 0; edit->alternatives != NULL && edit->alternatives[k] != NULL; k++)
    json_builder_add_string_value (builder, edit->alternatives[k]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, edit->confidence);
  add_string_member (builder, "source", edit->source);
  add_string_member (builder, "reason", edit->reason);
  add_string_member (builder, "state", unspin_review_state_to_string (state));
  if (state == UNSPIN_REVIEW_EDITED)
    add_string_member (builder, "custom_text", unspin_review_get_custom_text (review, index));
  json_builder_end_object (builder);
}

JsonNode *
unspin_export_to_json_node (UnspinReview *review)
{
  g_autoptr(JsonBuilder) builder = NULL;
  UnspinText *text;
  GPtrArray *sources;
  const char *data;
  gsize len;
  g_autofree char *sha256 = NULL;
  g_autofree char *restored = NULL;
  guint counts[4];
  guint n_edits;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (review), NULL);

  text = unspin_review_get_text (review);
  data = unspin_text_get_data (text, &len);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  restored = unspin_review_get_restored_text (review, NULL);
  sources = unspin_review_get_sources (review);
  n_edits = unspin_review_get_n_edits (review);
  count_states (review, counts);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string_member (builder, "schema", UNSPIN_REVIEW_SCHEMA);
  add_int_member (builder, "schema_version", UNSPIN_REVIEW_SCHEMA_VERSION);

  json_builder_set_member_name (builder, "engine");
  json_builder_begin_object (builder);
  add_string_member (builder, "name", "unspin");
  add_string_member (builder, "version", PACKAGE_VERSION);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string_member (builder, "name", unspin_text_get_name (text));
  add_string_member (builder, "sha256", sha256);
  json_builder_end_object (builder);

  add_string_member (builder, "garbled", data);
  add_string_member (builder, "restored", restored);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      const UnspinDataSource *source = g_ptr_array_index (sources, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", source->kind);
      add_string_member (builder, "id", source->id);
      add_string_member (builder, "version", source->version);
      add_string_member (builder, "sha256", source->sha256);
      add_string_member (builder, "license", source->license);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  add_int_member (builder, "edits", n_edits);
  add_int_member (builder, "pending", counts[UNSPIN_REVIEW_PENDING]);
  add_int_member (builder, "accepted", counts[UNSPIN_REVIEW_ACCEPTED]);
  add_int_member (builder, "rejected", counts[UNSPIN_REVIEW_REJECTED]);
  add_int_member (builder, "edited", counts[UNSPIN_REVIEW_EDITED]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "edits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_edits; i++)
    add_edit (builder, review, i);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Markdown */

static inline gboolean
is_blank_char (gunichar c)
{
  /* U+FEFF: a byte order mark kept from the input is not content. */
  return g_unichar_isspace (c) || c == 0xFEFF;
}

/* Narrows [*start, *end) of @s to exclude leading and trailing white space. */
static void
trim (const char *s,
      gsize      *start,
      gsize      *end)
{
  while (*start < *end && is_blank_char (g_utf8_get_char (s + *start)))
    *start = g_utf8_next_char (s + *start) - s;
  while (*end > *start)
    {
      const char *prev = g_utf8_find_prev_char (s + *start, s + *end);

      if (prev == NULL || !is_blank_char (g_utf8_get_char (prev)))
        break;
      *end = prev - s;
    }
}

static gboolean
reads_as_headline (const char *line,
                   gsize       len)
{
  guint words = 0;
  gboolean in_word = FALSE;

  if (len == 0 || line[len - 1] == '.')
    return FALSE;

  for (const char *p = line; p < line + len; p = g_utf8_next_char (p))
    {
      gboolean space = is_blank_char (g_utf8_get_char (p));

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words <= HEADLINE_MAX_WORDS;
}

static inline gboolean
is_space_or_end (const char *line,
                 gsize       len,
                 gsize       i)
{
  return i >= len || line[i] == ' ' || line[i] == '\t';
}

/* The byte of @line that would start a block construct (heading, list item, quote, thematic
 * break, code fence) at the start of a paragraph, or -1. Inline specials are handled apart. */
static gssize
block_marker (const char *line,
              gsize       len)
{
  gsize i = 0;

  if (len == 0)
    return -1;

  switch (line[0])
    {
    case '#':
      while (i < len && line[i] == '#')
        i++;
      return i <= 6 && is_space_or_end (line, len, i) ? 0 : -1;

    case '>':
      return 0;

    case '+':
      return is_space_or_end (line, len, 1) ? 0 : -1;

    case '-':
      {
        guint dashes = 0;

        if (is_space_or_end (line, len, 1))
          return 0;
        /* "---" (spaces allowed between) is a thematic break. */
        for (i = 0; i < len; i++)
          {
            if (line[i] == '-')
              dashes++;
            else if (line[i] != ' ' && line[i] != '\t')
              return -1;
          }
        return dashes >= 3 ? 0 : -1;
      }

    case '~':
      return len >= 3 && line[1] == '~' && line[2] == '~' ? 0 : -1;

    default:
      /* An ordered list item: up to nine digits, then "." or ")", then a space. */
      while (i < len && i < 10 && g_ascii_isdigit (line[i]))
        i++;
      if (i >= 1 && i <= 9 && i < len && (line[i] == '.' || line[i] == ')')
          && is_space_or_end (line, len, i + 1))
        return i;
      return -1;
    }
}

/* "&amp;", "&#38;": an entity reference that Markdown would decode. */
static gboolean
starts_entity (const char *s,
               gsize       len)
{
  gsize i = 1;
  gsize name_start;

  if (i < len && s[i] == '#')
    i++;
  name_start = i;
  while (i < len && g_ascii_isalnum (s[i]))
    i++;
  return i > name_start && i < len && s[i] == ';';
}

/* Appends @line with a backslash before every character Markdown would read as markup, and
 * before the byte at @force (a block marker, or -1). */
static void
append_escaped (GString    *out,
                const char *line,
                gsize       len,
                gssize      force)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if ((gssize) i == force
          || (c != '\0' && strchr ("*_`[]\\<", c) != NULL)
          || (c == '&' && starts_entity (line + i, len - i)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

static void
append_heading (GString    *out,
                const char *line,
                gsize       len)
{
  gsize run = len;

  /* A run of "#" at the end, after a space, would be read as the heading's closing sequence. */
  while (run > 0 && line[run - 1] == '#')
    run--;
  g_string_append (out, "# ");
  append_escaped (out, line, len,
                  run < len && (run == 0 || line[run - 1] == ' ' || line[run - 1] == '\t')
                    ? (gssize) run : -1);
  g_string_append_c (out, '\n');
}

/* A double-quoted YAML scalar. */
static void
append_yaml_string (GString    *out,
                    const char *string)
{
  g_autofree char *valid = g_utf8_make_valid (string, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          /* Characters YAML does not allow unescaped (or that it reads as line breaks). */
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
            g_string_append_printf (out, "\\x%02X", c);
          else if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF)
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_front_matter (GString      *out,
                     UnspinReview *review,
                     const char   *title)
{
  guint counts[4];
  /* An article for republishing names its source file, not the folders of whoever restored it. */
  g_autofree char *source = g_path_get_basename (unspin_text_get_name (unspin_review_get_text (review)));

  count_states (review, counts);
  g_string_append (out, "---\n");
  if (title != NULL)
    {
      g_string_append (out, "title: ");
      append_yaml_string (out, title);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "source: ");
  append_yaml_string (out, source);
  g_string_append (out, "\nrestored_by: ");
  append_yaml_string (out, "Unspin " PACKAGE_VERSION);
  g_string_append_printf (out,
                          "\nedits: %u\naccepted: %u\nrejected: %u\nedited: %u\npending: %u\n---\n",
                          unspin_review_get_n_edits (review),
                          counts[UNSPIN_REVIEW_ACCEPTED],
                          counts[UNSPIN_REVIEW_REJECTED],
                          counts[UNSPIN_REVIEW_EDITED],
                          counts[UNSPIN_REVIEW_PENDING]);
}

static char *
to_markdown (UnspinReview      *review,
             UnspinExportFlags  flags,
             gsize             *length)
{
  gsize len;
  g_autofree char *text = unspin_review_get_restored_text (review, &len);
  g_autofree char *title = NULL;
  GString *body = g_string_new (NULL);
  GString *out;
  gboolean first = TRUE;
  gsize pos = 0;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize start = pos;
      gsize end = nl ? (gsize) (nl - text) : len;

      pos = nl ? end + 1 : len;
      trim (text, &start, &end);
      if (start == end)
        continue;

      if (!first)
        g_string_append_c (body, '\n');
      if (first && reads_as_headline (text + start, end - start))
        {
          title = g_strndup (text + start, end - start);
          append_heading (body, text + start, end - start);
        }
      else
        {
          append_escaped (body, text + start, end - start,
                          block_marker (text + start, end - start));
          g_string_append_c (body, '\n');
        }
      first = FALSE;
    }

  out = g_string_new (NULL);
  if (flags & UNSPIN_EXPORT_FLAGS_FRONT_MATTER)
    {
      append_front_matter (out, review, title);
      if (body->len > 0)
        g_string_append_c (out, '\n');
    }
  g_string_append_len (out, body->str, body->len);
  g_string_free (body, TRUE);

  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static char *
to_json (UnspinReview *review,
         gsize        *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = unspin_export_to_json_node (review);
  char *data;
  gsize len;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  data = g_realloc (data, len + 2);
  data[len++] = '\n';
  data[len] = '\0';

  if (length)
    *length = len;
  return data;
}

char *
unspin_export_to_string (UnspinReview      *review,
                         UnspinExportFormat format,
                         UnspinExportFlags  flags,
                         gsize             *length)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (review), NULL);

  switch (format)
    {
    case UNSPIN_EXPORT_TEXT:
      return unspin_review_get_restored_text (review, length);
    case UNSPIN_EXPORT_MARKDOWN:
      return to_markdown (review, flags, length);
    case UNSPIN_EXPORT_JSON:
      return to_json (review, length);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* g_file_replace_contents() closes the stream after a failed write with the caller's
 * cancellable, and closing renames the partly written temporary file over the destination.
 * Closing with a cancelled cancellable makes GIO delete the temporary file instead. */
static gboolean
replace_contents (GFile         *file,
                  const char    *data,
                  gsize          len,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gboolean existed;

  /* Not cancellable: a wrong answer here would delete the previous file below. */
  existed = g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
            != G_FILE_TYPE_UNKNOWN;

  /* REPLACE_DESTINATION: always a temporary file renamed over the destination, even when it
   * is a symbolic or hard link (GIO otherwise rewrites such files in place). */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, len, NULL, cancellable, error)
      && g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return TRUE;

  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  /* A new file is written in place: there is no earlier version to keep, so remove it. */
  if (!existed)
    g_file_delete (file, NULL, NULL);
  return FALSE;
}

gboolean
unspin_export_to_file (UnspinReview      *review,
                       UnspinExportFormat format,
                       UnspinExportFlags  flags,
                       GFile             *file,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (UNSPIN_IS_REVIEW (review), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = unspin_export_to_string (review, format, flags, &len);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!replace_contents (file, data, len, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }
  return TRUE;
}
