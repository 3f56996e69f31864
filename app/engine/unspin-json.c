/* SPDX-License-Identifier: GPL-3.0-or-later */
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
