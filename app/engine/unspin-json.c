/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>

#include "unspin-json-private.h"

/* This follows json-glib's scanner (strings in double quotes with escapes, in single quotes
 * without, C comments) far enough to measure the nesting. */
gboolean
unspin_json_nesting_within (const char *data,
                            gsize       len,
                            guint       max_depth)
{
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      switch (data[i])
        {
        case '"':
          for (i++; i < len && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;
        case '\'':
          for (i++; i < len && data[i] != '\''; i++)
            ;
          break;
        case '/':
          if (i + 1 < len && data[i + 1] == '*')
            {
              for (i += 2; i + 1 < len && !(data[i] == '*' && data[i + 1] == '/'); i++)
                ;
              i++;
            }
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gboolean
unspin_json_strings_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &value))
          if (!g_utf8_validate (member, -1, NULL) || !unspin_json_strings_valid (value))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!unspin_json_strings_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonParser *
unspin_json_parse_document (GBytes          *bytes,
                            UnspinFileKind   kind,
                            guint            max_depth,
                            char           **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > G_MAXSSIZE)
    {
      /* Translators: said of a data file, after its name. */
      *problem = g_strdup (_("too large to read"));
      return NULL;
    }
  if (!unspin_json_nesting_within (data, len, max_depth))
    {
      switch (kind)
        {
        case UNSPIN_FILE_PHRASE_PACK:
          /* Translators: said of a file, after its name; %u is a number of levels. */
          *problem = g_strdup_printf (_("not a phrase pack (the JSON nests more than %u levels deep)"),
                                      max_depth);
          break;
        case UNSPIN_FILE_RULES:
          /* Translators: said of a file, after its name; %u is a number of levels. A rules file
           * holds the rules that find page debris. */
          *problem = g_strdup_printf (_("not a rules file (the JSON nests more than %u levels deep)"),
                                      max_depth);
          break;
        case UNSPIN_FILE_REVIEW:
        case UNSPIN_FILE_ARTICLE:
        case UNSPIN_FILE_THESAURUS:
        default:
          /* Translators: said of a file, after its name; %u is a number of levels. A review is
           * the JSON file of an article's edits and the decisions on them. */
          *problem = g_strdup_printf (_("not an Unspin review (the JSON nests more than %u levels deep)"),
                                      max_depth);
          break;
        }
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, len ? data : "", len, &error))
    {
      const char *message = error->message;

      /* json-glib names the input "<data>"; the caller names the file. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      /* Translators: said of a file, after its name; %s is the JSON parser's message, which
       * begins with a line and column ("3:14: …"). */
      *problem = g_strdup_printf (_("not valid JSON: %s"), message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      /* Translators: said of a file, after its name. */
      *problem = g_strdup (_("not valid JSON: the file is empty"));
      return NULL;
    }

  return g_steal_pointer (&parser);
}
