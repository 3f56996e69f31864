/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-json-private.h"
#include "unspin-export.h"

/* A review nests four levels deep (root, edits, edit, alternatives). */
#define MAX_NESTING 64

/* A review holds its text twice, and each edit's span once more. */
#define MAX_REVIEW_SIZE (4 * UNSPIN_TEXT_DEFAULT_MAX_SIZE)

/* Ids stay in the signed range so that the review's next id cannot wrap around. */
#define MAX_EDIT_ID G_MAXINT

/* What the messages name: the file, and the part of it being read ("edits[3] (id 12)"). */
typedef struct {
  const char *name;
  const char *where;
} Context;

static void bad_review (GError        **error,
                        const Context  *ctx,
                        const char     *format,
                        ...) G_GNUC_PRINTF (3, 4);

static void
bad_review (GError        **error,
            const Context  *ctx,
            const char     *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->where != NULL)
    g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_REVIEW, "%s: %s: %s",
                 ctx->name, ctx->where, message);
  else
    g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_REVIEW, "%s: %s", ctx->name, message);
}

typedef enum {
  TYPE_OBJECT,
  TYPE_ARRAY,
  TYPE_NULL,
  TYPE_STRING,
  TYPE_BOOLEAN,
  TYPE_NUMBER,
} JsonType;

static JsonType
json_type_of (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return TYPE_OBJECT;
    case JSON_NODE_ARRAY:
      return TYPE_ARRAY;
    case JSON_NODE_NULL:
      return TYPE_NULL;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return TYPE_STRING;
        case G_TYPE_BOOLEAN:
          return TYPE_BOOLEAN;
        default:
          return TYPE_NUMBER;
        }
    }
}

/* What a member (or an item, or the whole document) must be. */
typedef enum {
  EXPECT_OBJECT,
  EXPECT_ARRAY,
  EXPECT_STRING,
  EXPECT_WHOLE_NUMBER,
  EXPECT_NUMBER,
  EXPECT_ITEM_OBJECT,  /* an item of a list, which the context names: no @what */
  EXPECT_TOP_OBJECT,   /* the document itself: no @what */
} Expected;

/* "… must be an object, not an array": one whole message for each pair of what was expected and
 * what was found, as languages do not say "not an array" the same way after every verb. @what
 * is the member's name in straight quotes. */
static void
bad_type (GError         **error,
          const Context   *ctx,
          Expected         expected,
          const char      *what,
          JsonNode        *node)
{
  JsonType type = json_type_of (node);

  switch (expected)
    {
    case EXPECT_OBJECT:
      switch (type)
        {
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("source"). */
          bad_review (error, ctx, _("%s must be an object, not an array"), what);
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("source"). */
          bad_review (error, ctx, _("%s must be an object, not null"), what);
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("source"). */
          bad_review (error, ctx, _("%s must be an object, not a string"), what);
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("source"). */
          bad_review (error, ctx, _("%s must be an object, not true or false"), what);
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("source"). */
          bad_review (error, ctx, _("%s must be an object, not a number"), what);
          return;
        default:
          break;
        }
      break;
    case EXPECT_ARRAY:
      switch (type)
        {
        case TYPE_OBJECT:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("edits"). */
          bad_review (error, ctx, _("%s must be an array, not an object"), what);
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("edits"). */
          bad_review (error, ctx, _("%s must be an array, not null"), what);
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("edits"). */
          bad_review (error, ctx, _("%s must be an array, not a string"), what);
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("edits"). */
          bad_review (error, ctx, _("%s must be an array, not true or false"), what);
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("edits"). */
          bad_review (error, ctx, _("%s must be an array, not a number"), what);
          return;
        default:
          break;
        }
      break;
    case EXPECT_STRING:
      switch (type)
        {
        case TYPE_OBJECT:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("reason"), or an item of one ("alternatives"[2]). */
          bad_review (error, ctx, _("%s must be a string, not an object"), what);
          return;
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("reason"), or an item of one ("alternatives"[2]). */
          bad_review (error, ctx, _("%s must be a string, not an array"), what);
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("reason"), or an item of one ("alternatives"[2]). */
          bad_review (error, ctx, _("%s must be a string, not null"), what);
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("reason"), or an item of one ("alternatives"[2]). */
          bad_review (error, ctx, _("%s must be a string, not true or false"), what);
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("reason"), or an item of one ("alternatives"[2]). */
          bad_review (error, ctx, _("%s must be a string, not a number"), what);
          return;
        default:
          break;
        }
      break;
    case EXPECT_WHOLE_NUMBER:
      switch (type)
        {
        case TYPE_OBJECT:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not an object"), what);
          return;
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not an array"), what);
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not null"), what);
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not a string"), what);
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not true or false"), what);
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("byte_start"). */
          bad_review (error, ctx, _("%s must be a whole number, not a number"), what);
          return;
        default:
          break;
        }
      break;
    case EXPECT_NUMBER:
      switch (type)
        {
        case TYPE_OBJECT:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("confidence"). */
          bad_review (error, ctx, _("%s must be a number, not an object"), what);
          return;
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("confidence"). */
          bad_review (error, ctx, _("%s must be a number, not an array"), what);
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("confidence"). */
          bad_review (error, ctx, _("%s must be a number, not null"), what);
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("confidence"). */
          bad_review (error, ctx, _("%s must be a number, not a string"), what);
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name; %s is a JSON member name in
           * straight quotes ("confidence"). */
          bad_review (error, ctx, _("%s must be a number, not true or false"), what);
          return;
        default:
          break;
        }
      break;
    case EXPECT_ITEM_OBJECT:
      switch (type)
        {
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name and an item of a list
           * (edits[3]). */
          bad_review (error, ctx, _("must be an object, not an array"));
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name and an item of a list
           * (edits[3]). */
          bad_review (error, ctx, _("must be an object, not null"));
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name and an item of a list
           * (edits[3]). */
          bad_review (error, ctx, _("must be an object, not a string"));
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name and an item of a list
           * (edits[3]). */
          bad_review (error, ctx, _("must be an object, not true or false"));
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name and an item of a list
           * (edits[3]). */
          bad_review (error, ctx, _("must be an object, not a number"));
          return;
        default:
          break;
        }
      break;
    case EXPECT_TOP_OBJECT:
      switch (type)
        {
        case TYPE_ARRAY:
          /* Translators: a problem in a review file, after its name. */
          bad_review (error, ctx, _("not an Unspin review (the JSON is an array, not an object)"));
          return;
        case TYPE_NULL:
          /* Translators: a problem in a review file, after its name. */
          bad_review (error, ctx, _("not an Unspin review (the JSON is null, not an object)"));
          return;
        case TYPE_STRING:
          /* Translators: a problem in a review file, after its name. */
          bad_review (error, ctx, _("not an Unspin review (the JSON is a string, not an object)"));
          return;
        case TYPE_BOOLEAN:
          /* Translators: a problem in a review file, after its name. */
          bad_review (error, ctx, _("not an Unspin review (the JSON is true or false, not an object)"));
          return;
        case TYPE_NUMBER:
          /* Translators: a problem in a review file, after its name. */
          bad_review (error, ctx, _("not an Unspin review (the JSON is a number, not an object)"));
          return;
        default:
          break;
        }
      break;
    default:
      break;
    }
  g_assert_not_reached ();
}

static JsonNode *
get_member (JsonObject     *object,
            const char     *member,
            const Context  *ctx,
            GError        **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    /* Translators: a problem in a review file, after its name (and the part of it,
     * such as edits[3] (id 12)). %s is the name of a JSON member; keep it in straight quotes. */
    bad_review (error, ctx, _("\"%s\" is missing"), member);
  return node;
}

static JsonObject *
get_object (JsonObject     *object,
            const char     *member,
            const Context  *ctx,
            GError        **error)
{
  JsonNode *node = get_member (object, member, ctx, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *what = g_strdup_printf ("\"%s\"", member);

      bad_type (error, ctx, EXPECT_OBJECT, what, node);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject     *object,
           const char     *member,
           const Context  *ctx,
           GError        **error)
{
  JsonNode *node = get_member (object, member, ctx, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf ("\"%s\"", member);

      bad_type (error, ctx, EXPECT_ARRAY, what, node);
      return NULL;
    }
  return json_node_get_array (node);
}

/* json-glib turns a lone surrogate escape ("\ud800") into bytes that are not UTF-8. */
static const char *
check_string (JsonNode       *node,
              const char     *what,
              const Context  *ctx,
              GError        **error)
{
  const char *string;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      bad_type (error, ctx, EXPECT_STRING, what, node);
      return NULL;
    }
  string = json_node_get_string (node);
  if (!g_utf8_validate (string, -1, NULL))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %s is a JSON member name in straight quotes ("reason"),
       * or an item of one ("alternatives"[2]). */
      bad_review (error, ctx, _("%s is not valid UTF-8"), what);
      return NULL;
    }
  return string;
}

static const char *
get_string (JsonObject     *object,
            const char     *member,
            const Context  *ctx,
            GError        **error)
{
  JsonNode *node = get_member (object, member, ctx, error);
  g_autofree char *what = NULL;

  if (node == NULL)
    return NULL;
  what = g_strdup_printf ("\"%s\"", member);
  return check_string (node, what, ctx, error);
}

/* A whole number from 0 to @max. */
static gboolean
get_count (JsonObject     *object,
           const char     *member,
           gint64          max,
           const Context  *ctx,
           gint64         *value,
           GError        **error)
{
  JsonNode *node = get_member (object, member, ctx, error);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      /* Translators: a problem in a review file, after its name (and the part of it, such as
       * edits[3] (id 12)). %s is the name of a JSON member; keep it in straight quotes. %g is the
       * number found. */
      bad_review (error, ctx, _("\"%s\" must be a whole number, not %g"),
                  member, json_node_get_double (node));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *what = g_strdup_printf ("\"%s\"", member);

      bad_type (error, ctx, EXPECT_WHOLE_NUMBER, what, node);
      return FALSE;
    }
  *value = json_node_get_int (node);
  if (*value < 0 || *value > max)
    {
      /* Translators: a problem in a review file, after its name (and the part of it, such as
       * edits[3] (id 12)). %s is the name of a JSON member; keep it in straight quotes. The first
       * number is its value, the second the largest allowed. */
      bad_review (error, ctx, _("\"%s\" is %" PRId64 "; it must be from 0 to %"
                    PRId64), member, *value, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_header (JsonObject     *root,
              const Context  *ctx,
              GError        **error)
{
  JsonNode *node = json_object_get_member (root, "schema");
  gint64 version;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      /* Translators: a problem in a review file, after its name; %s is the value "schema"
       * must have. */
      bad_review (error, ctx, _("not an Unspin review (it has no \"schema\": \"%s\")"),
                  UNSPIN_REVIEW_SCHEMA);
      return FALSE;
    }
  if (g_strcmp0 (json_node_get_string (node), UNSPIN_REVIEW_SCHEMA) != 0)
    {
      g_autofree char *valid = g_utf8_make_valid (json_node_get_string (node), -1);

      /* Translators: a problem in a review file, after its name; the first %s is the
       * file's "schema", the second the one it must have. */
      bad_review (error, ctx, _("not an Unspin review (\"schema\" is \"%s\", not \"%s\")"),
                  valid, UNSPIN_REVIEW_SCHEMA);
      return FALSE;
    }

  node = get_member (root, "schema_version", ctx, error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      bad_type (error, ctx, EXPECT_WHOLE_NUMBER, "\"schema_version\"", node);
      return FALSE;
    }
  version = json_node_get_int (node);
  if (version > UNSPIN_REVIEW_SCHEMA_VERSION)
    {
      bad_review (error, ctx,
                  /* Translators: a problem in a review file, after its name: the first number is
                   * the file's format, the second the one this Unspin reads. */
                  _("written by a newer Unspin (review format %" PRId64
                    "); this version reads format %d"),
                  version, UNSPIN_REVIEW_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      /* Translators: a problem in a review file, after its name; the number is the file's
       * format. */
      bad_review (error, ctx, _("unknown review format %" PRId64), version);
      return FALSE;
    }
  return TRUE;
}

static UnspinText *
read_text (JsonObject     *root,
           const Context  *ctx,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UnspinText) text = NULL;
  g_autofree char *sha256 = NULL;
  JsonObject *source;
  const char *name;
  const char *expected;
  const char *garbled;
  Context source_ctx = { ctx->name, "\"source\"" };

  if (!(source = get_object (root, "source", ctx, error))
      || !(name = get_string (source, "name", &source_ctx, error))
      || !(expected = get_string (source, "sha256", &source_ctx, error))
      || !(garbled = get_string (root, "garbled", ctx, error)))
    return NULL;

  bytes = g_bytes_new (garbled, strlen (garbled));
  text = unspin_text_new_from_bytes (bytes, name, &local_error);
  if (text == NULL)
    {
      /* Translators: a problem in a review file, after its name; %s is the reason, which
       * begins with the article's name. “Garbled” is the spun article before the edits. */
      bad_review (error, ctx, _("the garbled text is not usable: %s"), local_error->message);
      return NULL;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_ascii_strcasecmp (sha256, expected) != 0)
    {
      bad_review (error, ctx,
                  /* Translators: a problem in a review file, after its name; “garbled” is the spun
                   * article before the edits, "source" a JSON member name. */
                  _("the garbled text does not match its SHA-256 in \"source\" "
                    "(the text was altered after the review was written)"));
      return NULL;
    }

  return g_steal_pointer (&text);
}

static GPtrArray *
read_sources (JsonObject     *root,
              const Context  *ctx,
              GError        **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_data_source_free);
  static const char * const fields[] = { "kind", "id", "version", "sha256", "license" };
  JsonArray *array;

  /* Optional: a review made by hand or by another tool may cite no data. */
  if (!json_object_has_member (root, "data"))
    return g_steal_pointer (&sources);
  if (!(array = get_array (root, "data", ctx, error)))
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("data[%u]", i);
      Context item_ctx = { ctx->name, where };
      const char *values[G_N_ELEMENTS (fields)];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_type (error, &item_ctx, EXPECT_ITEM_OBJECT, NULL, node);
          return NULL;
        }
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          values[k] = get_string (json_node_get_object (node), fields[k], &item_ctx, error);
          if (values[k] == NULL)
            return NULL;
        }
      g_ptr_array_add (sources,
                       unspin_data_source_new (values[0], values[1], values[2], values[3], values[4]));
    }

  return g_steal_pointer (&sources);
}

static gboolean
is_boundary (const char *data,
             gsize       len,
             gsize       offset)
{
  return offset >= len || ((guchar) data[offset] & 0xC0) != 0x80;
}

/* The edits' decisions, parallel to the edits. */
typedef struct {
  UnspinReviewState  state;
  const char        *custom_text; /* owned by the parser */
} Decision;

static UnspinEdit *
read_edit (JsonObject     *object,
           UnspinText     *text,
           const Context  *ctx,
           Decision       *decision,
           GError        **error)
{
  g_autoptr(UnspinEdit) edit = NULL;
  g_autoptr(GPtrArray) alternatives = NULL;
  gsize len;
  const char *data = unspin_text_get_data (text, &len);
  gsize body_start = unspin_text_get_body_start (text);
  gint64 byte_start, byte_end, char_start, char_end;
  const char *kind_name, *garbled, *proposal, *source, *reason, *state_name;
  UnspinEditKind kind;
  JsonArray *array;
  JsonNode *node;
  double confidence;

  if (!(kind_name = get_string (object, "kind", ctx, error)))
    return NULL;
  if (!unspin_edit_kind_from_string (kind_name, &kind))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %s is the value found; "kind" is a JSON member name. */
      bad_review (error, ctx, _("unknown \"kind\" \"%s\""), kind_name);
      return NULL;
    }

  if (!get_count (object, "byte_start", len, ctx, &byte_start, error)
      || !get_count (object, "byte_end", len, ctx, &byte_end, error)
      || !get_count (object, "char_start", G_MAXINT64, ctx, &char_start, error)
      || !get_count (object, "char_end", G_MAXINT64, ctx, &char_end, error))
    return NULL;
  if (byte_start > byte_end)
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). the numbers are the values of "byte_start" and
       * "byte_end", JSON member names. */
      bad_review (error, ctx, _("\"byte_start\" %" PRId64 " is after \"byte_end\" %"
                    PRId64), byte_start, byte_end);
      return NULL;
    }
  if (!is_boundary (data, len, byte_start) || !is_boundary (data, len, byte_end))
    {
      /* Translators: a problem in a review file, after its name and the edit (edits[3] (id
       * 12)). The numbers are positions in the article, counted in bytes from 0. */
      bad_review (error, ctx, _("bytes %" PRId64 "–%" PRId64
                    " split a character of the text"), byte_start, byte_end);
      return NULL;
    }
  if ((gsize) byte_start < body_start)
    {
      /* Translators: a problem in a review file, after its name and the edit (edits[3] (id
       * 12)). The numbers are positions in the article, counted in bytes from 0. */
      bad_review (error, ctx, _("bytes %" PRId64 "–%" PRId64
                    " reach into the text's byte order mark"), byte_start, byte_end);
      return NULL;
    }
  if (!(garbled = get_string (object, "garbled", ctx, error)))
    return NULL;
  if (strlen (garbled) != (gsize) (byte_end - byte_start)
      || memcmp (garbled, data + byte_start, byte_end - byte_start) != 0)
    {
      /* Translators: a problem in a review file, after its name (and the part of it, such as
       * edits[3] (id 12)). The numbers are positions in the article, counted in bytes from 0. */
      bad_review (error, ctx, _("\"garbled\" is not the text at bytes %" PRId64 "–%"
                    PRId64), byte_start, byte_end);
      return NULL;
    }

  if ((gsize) char_start != unspin_text_byte_to_char (text, byte_start)
      || (gsize) char_end != unspin_text_byte_to_char (text, byte_end))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). The first two numbers are positions in the article
       * counted in characters, the next two in bytes, the last two the positions in characters that
       * those bytes are at. */
      bad_review (error, ctx, _("character offsets %" PRId64 "–%" PRId64
                    " do not match byte offsets %" PRId64 "–%" PRId64
                    " (expected characters %zu–%zu)"),
                  char_start, char_end, byte_start, byte_end,
                  unspin_text_byte_to_char (text, byte_start),
                  unspin_text_byte_to_char (text, byte_end));
      return NULL;
    }

  if (!(proposal = get_string (object, "proposal", ctx, error))
      || !(array = get_array (object, "alternatives", ctx, error)))
    return NULL;
  alternatives = g_ptr_array_new ();
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      g_autofree char *what = g_strdup_printf ("\"alternatives\"[%u]", k);
      const char *alternative = check_string (json_array_get_element (array, k), what, ctx, error);

      if (alternative == NULL)
        return NULL;
      g_ptr_array_add (alternatives, (gpointer) alternative);
    }
  g_ptr_array_add (alternatives, NULL);

  if (!(node = get_member (object, "confidence", ctx, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      bad_type (error, ctx, EXPECT_NUMBER, "\"confidence\"", node);
      return NULL;
    }
  confidence = json_node_get_double (node);
  if (!(confidence >= 0.0 && confidence <= 1.0))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %g is the value found. */
      bad_review (error, ctx, _("\"confidence\" is %g; it must be from 0 to 1"), confidence);
      return NULL;
    }

  if (!(source = get_string (object, "source", ctx, error))
      || !(reason = get_string (object, "reason", ctx, error))
      || !(state_name = get_string (object, "state", ctx, error)))
    return NULL;
  if (!unspin_review_state_from_string (state_name, &decision->state))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %s is the value found; "state" is a JSON member name. */
      bad_review (error, ctx, _("unknown \"state\" \"%s\""), state_name);
      return NULL;
    }

  decision->custom_text = NULL;
  if (decision->state == UNSPIN_REVIEW_EDITED)
    {
      if (!(decision->custom_text = get_string (object, "custom_text", ctx, error)))
        return NULL;
    }
  else if (json_object_has_member (object, "custom_text"))
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %s is the edit's "state"; "custom_text", "edited"
       * and "state" are JSON names. */
      bad_review (error, ctx, _("has a \"custom_text\" but its state is \"%s\", not \"edited\""),
                  state_name);
      return NULL;
    }

  edit = unspin_edit_new (kind, byte_start, byte_end, garbled, proposal, confidence,
                          source, reason);
  edit->char_start = char_start;
  edit->char_end = char_end;
  unspin_edit_set_alternatives (edit, (const char * const *) alternatives->pdata);

  return g_steal_pointer (&edit);
}

/* Edits must come in unspin_edit_compare() order and share no bytes; two insertions at one
 * point would apply in no defined order, so they count as overlapping too. */
static gboolean
check_order (UnspinEdit     *prev,
             guint           prev_index,
             UnspinEdit     *edit,
             const Context  *ctx,
             GError        **error)
{
  if (unspin_edit_compare (&prev, &edit) > 0)
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). The byte numbers are positions in the article
       * (from 0); edits[%u] and its id name the edit before this one. */
      bad_review (error, ctx, _("bytes %zu–%zu come before"
                    " edits[%u] (id %u) at bytes %zu–%zu"
                    "; edits must be in text order, an insertion before a change at the same byte"),
                  edit->byte_start, edit->byte_end, prev_index, prev->id,
                  prev->byte_start, prev->byte_end);
      return FALSE;
    }
  if (prev->byte_start == prev->byte_end && edit->byte_start == edit->byte_end
      && prev->byte_start == edit->byte_start)
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). %zu is a position in the article (in bytes, from 0);
       * edits[%u] and its id name the edit before this one. */
      bad_review (error, ctx, _("a second insertion at byte %zu, after edits[%u]"
                    " (id %u); two insertions at one point overlap (their order is undefined)"),
                  edit->byte_start, prev_index, prev->id);
      return FALSE;
    }
  if (prev->byte_end > edit->byte_start)
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). The byte numbers are positions in the article
       * (from 0); edits[%u] and its id name the edit before this one. */
      bad_review (error, ctx, _("bytes %zu–%zu overlap"
                    " edits[%u] (id %u) at bytes %zu–%zu"),
                  edit->byte_start, edit->byte_end, prev_index, prev->id,
                  prev->byte_start, prev->byte_end);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_edits (JsonObject     *root,
            UnspinText     *text,
            const Context  *ctx,
            GArray         *decisions,
            GError        **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  JsonArray *array;

  if (!(array = get_array (root, "edits", ctx, error)))
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("edits[%u]", i);
      Context edit_ctx = { ctx->name, where };
      Decision decision;
      UnspinEdit *edit;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_type (error, &edit_ctx, EXPECT_ITEM_OBJECT, NULL, node);
          return NULL;
        }
      if (!get_count (json_node_get_object (node), "id", MAX_EDIT_ID, &edit_ctx, &id, error))
        return NULL;
      if (id == 0)
        {
          /* Translators: a problem in a review file, after its name (and the part of it,
           * such as edits[3] (id 12)). */
          bad_review (error, &edit_ctx, _("\"id\" must be 1 or more"));
          return NULL;
        }
      g_free (where);
      where = g_strdup_printf ("edits[%u] (id %" PRId64 ")", i, id);
      edit_ctx.where = where;
      if (!g_hash_table_add (ids, GUINT_TO_POINTER ((guint) id)))
        {
          /* Translators: a problem in a review file, after its name (and the part of it,
           * such as edits[3] (id 12)). */
          bad_review (error, &edit_ctx, _("another edit has the same id"));
          return NULL;
        }

      if (!(edit = read_edit (json_node_get_object (node), text, &edit_ctx, &decision, error)))
        return NULL;
      edit->id = id;
      g_ptr_array_add (edits, edit);
      if (i > 0 && !check_order (g_ptr_array_index (edits, i - 1), i - 1, edit, &edit_ctx, error))
        return NULL;
      g_array_append_val (decisions, decision);
    }

  return g_steal_pointer (&edits);
}

static UnspinReview *
read_review (JsonNode       *root_node,
             const Context  *ctx,
             GError        **error)
{
  g_autoptr(UnspinText) text = NULL;
  g_autoptr(UnspinReview) review = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GArray) decisions = g_array_new (FALSE, FALSE, sizeof (Decision));
  g_autofree char *restored = NULL;
  JsonObject *root;
  const char *expected;
  gsize len;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      bad_type (error, ctx, EXPECT_TOP_OBJECT, NULL, root_node);
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!check_header (root, ctx, error)
      || !(text = read_text (root, ctx, error))
      || !(expected = get_string (root, "restored", ctx, error))
      || !(sources = read_sources (root, ctx, error))
      || !(edits = read_edits (root, text, ctx, decisions, error)))
    return NULL;

  review = unspin_review_new (text, edits);
  for (guint i = 0; i < decisions->len; i++)
    {
      const Decision *decision = &g_array_index (decisions, Decision, i);

      unspin_review_restore_state (review, i, decision->state, decision->custom_text);
    }
  for (guint i = 0; i < sources->len; i++)
    unspin_review_add_source (review, g_ptr_array_index (sources, i));

  /* "restored" is derived data: if it disagrees, the file was edited by hand. */
  restored = unspin_review_get_restored_text (review, &len);
  if (len != strlen (expected) || memcmp (restored, expected, len) != 0)
    {
      /* Translators: a problem in a review file, after its name (and the part of it,
       * such as edits[3] (id 12)). "restored" is a JSON member name; the accepted and
       * edited edits are those the reviewer accepted, or corrected by hand. */
      bad_review (error, ctx, _("\"restored\" is not the garbled text with the accepted and "
                    "edited edits applied (was the file changed by hand?)"));
      return NULL;
    }

  return g_steal_pointer (&review);
}

UnspinReview *
unspin_import_review_from_bytes (GBytes      *bytes,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *problem = NULL;
  Context ctx = { name, NULL };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = unspin_json_parse_document (bytes, UNSPIN_FILE_REVIEW, MAX_NESTING, &problem);
  if (parser == NULL)
    {
      bad_review (error, &ctx, "%s", problem);
      return NULL;
    }

  return read_review (json_parser_get_root (parser), &ctx, error);
}

UnspinReview *
unspin_import_review_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = unspin_file_load (file, MAX_REVIEW_SIZE, UNSPIN_FILE_REVIEW, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;

  return unspin_import_review_from_bytes (bytes, name, error);
}
