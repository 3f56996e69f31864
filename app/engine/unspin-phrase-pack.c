/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-json-private.h"
#include "unspin-phrase-pack.h"
#include "unspin-text.h"

/* Packs are hand-written data: anything this big is not one. */
#define MAX_PACK_SIZE (64 * 1024 * 1024)

#define SCHEMA_NAME         "unspin-phrase-pack"
#define SCHEMA_VERSION      1
#define MAX_PHRASE_TOKENS   8
#define DEFAULT_PRIOR       0.85
#define DEFAULT_WINDOW      4
#define MAX_WINDOW          100
/* A pack nests five levels deep (root, entries, entry, context, word list). */
#define MAX_NESTING         64
/* Normalised words longer than this never match (the matcher uses the same bound). */
#define WORD_BUF_SIZE       256

struct _UnspinPhrasePack
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *version;
  char      *license;
  char      *attribution;
  char      *sha256;
  GPtrArray *entries;
};

G_DEFINE_FINAL_TYPE (UnspinPhrasePack, unspin_phrase_pack, G_TYPE_OBJECT)

static void
pack_entry_free (UnspinPackEntry *entry)
{
  g_free (entry->garbled);
  g_strfreev (entry->originals);
  g_free (entry->note);
  g_strfreev (entry->tokens);
  g_strfreev (entry->near);
  g_strfreev (entry->not_near);
  g_strfreev (entry->before);
  g_strfreev (entry->not_before);
  g_strfreev (entry->after);
  g_strfreev (entry->not_after);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinPackEntry, pack_entry_free)

static void
unspin_phrase_pack_finalize (GObject *object)
{
  UnspinPhrasePack *self = (UnspinPhrasePack *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (unspin_phrase_pack_parent_class)->finalize (object);
}

static void
unspin_phrase_pack_class_init (UnspinPhrasePackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_phrase_pack_finalize;
}

static void
unspin_phrase_pack_init (UnspinPhrasePack *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_entry_free);
}

/* Every schema error goes through here, so that all of them name the file and, inside an
 * entry, the entry's index and phrase. @where is NULL at the top level. */
G_GNUC_PRINTF (4, 5)
static void
set_pack_error (GError     **error,
                const char  *name,
                const char  *where,
                const char  *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (where != NULL)
    g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK, "%s: %s: %s", name, where, reason);
  else
    g_set_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK, "%s: %s", name, reason);
}

static char *
describe_entry (guint       index,
                const char *garbled)
{
  if (garbled != NULL && *garbled != '\0')
    /* Translators: where a problem is in a phrase pack, between the file's name and the
     * problem: %u is the entry's index in "entries" (from 0), %s its garbled phrase. */
    return g_strdup_printf (_("entry %u (“%s”)"), index, garbled);
  /* Translators: where a problem is in a phrase pack, between the file's name and the
   * problem: %u is the entry's index in "entries" (from 0). */
  return g_strdup_printf (_("entry %u"), index);
}

static const char *
not_utf8 (void)
{
  /* Translators: a problem in a data file, after its name; \u is a JSON escape. */
  return _("a string is not valid UTF-8 (a \\u escape of half a surrogate pair?)");
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Returns the member as a string, or NULL with @error set; an absent optional member is NULL
 * without an error. */
static const char *
get_string_member (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   gboolean     allow_empty,
                   const char  *name,
                   const char  *where,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL)
    {
      if (required)
        /* Translators: a problem in a phrase pack, after the file's name (and the entry).
         * %s is the name of a JSON member; keep it in straight quotes. */
        set_pack_error (error, name, where, _("\"%s\" is missing"), member);
      return NULL;
    }
  if (!node_is_string (node))
    {
      /* Translators: a problem in a phrase pack, after the file's name (and the entry).
       * %s is the name of a JSON member; keep it in straight quotes. */
      set_pack_error (error, name, where, _("\"%s\" must be a string"), member);
      return NULL;
    }
  value = json_node_get_string (node);
  if (!allow_empty && *value == '\0')
    {
      /* Translators: a problem in a phrase pack, after the file's name (and the entry).
       * %s is the name of a JSON member; keep it in straight quotes. */
      set_pack_error (error, name, where, _("\"%s\" must not be empty"), member);
      return NULL;
    }
  return value;
}

static gboolean
get_prior_member (JsonObject  *object,
                  const char  *member,
                  double      *prior,
                  const char  *name,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    {
      /* Translators: a problem in a phrase pack, after the file's name (and the entry).
       * %s is the name of a JSON member; keep it in straight quotes. */
      set_pack_error (error, name, where, _("\"%s\" must be a number between 0 and 1"), member);
      return FALSE;
    }
  value = json_node_get_double (node);
  if (!(value >= 0.0 && value <= 1.0))
    {
      /* Translators: a problem in a phrase pack, after the file's name (and the entry).
       * %s is the name of a JSON member; keep it in straight quotes. */
      set_pack_error (error, name, where, _("\"%s\" must be a number between 0 and 1"), member);
      return FALSE;
    }
  *prior = value;
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Splits @phrase into normalised tokens; FALSE when a token is too long to normalise. */
static gboolean
normalize_phrase (const char  *phrase,
                  GPtrArray   *out)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));

  unspin_tokenize (phrase, 0, strlen (phrase), tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      char buf[WORD_BUF_SIZE];

      if (unspin_token_normalize (phrase, &g_array_index (tokens, UnspinToken, i),
                                  buf, sizeof buf) == 0)
        return FALSE;
      g_ptr_array_add (out, g_strdup (buf));
    }
  return TRUE;
}

static const char * const context_lists[] = {
  "before", "not_before", "after", "not_after", "near", "not_near",
};

static char ***
context_list_slot (UnspinPackEntry *entry,
                   guint            which)
{
  switch (which)
    {
    case 0: return &entry->before;
    case 1: return &entry->not_before;
    case 2: return &entry->after;
    case 3: return &entry->not_after;
    case 4: return &entry->near;
    case 5: return &entry->not_near;
    default: g_assert_not_reached ();
    }
}

static gboolean
parse_context (JsonNode         *node,
               UnspinPackEntry  *entry,
               const char       *name,
               const char       *where,
               GError          **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: a problem in an entry of a phrase pack; "context" is a JSON member name. */
      set_pack_error (error, name, where, _("\"context\" must be an object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      gboolean known = g_str_equal (member, "window");

      for (guint i = 0; !known && i < G_N_ELEMENTS (context_lists); i++)
        known = g_str_equal (member, context_lists[i]);
      if (!known)
        {
          set_pack_error (error, name, where,
                          /* Translators: a problem in an entry of a phrase pack. %s is a key the
                           * file has; the names in quotes and in the list are JSON member names,
                           * not to be translated. */
                          _("unknown key \"%s\" in \"context\" (expected before, not_before, "
                            "after, not_after, near, not_near or window)"), member);
          return FALSE;
        }
    }

  if (json_object_has_member (object, "window"))
    {
      JsonNode *window = json_object_get_member (object, "window");

      if (!node_is_integer (window)
          || json_node_get_int (window) < 1 || json_node_get_int (window) > MAX_WINDOW)
        {
          set_pack_error (error, name, where,
                          /* Translators: a problem in an entry of a phrase pack; %d is the largest
                           * window. */
                          _("\"context\" \"window\" must be a whole number from 1 to %d"),
                          MAX_WINDOW);
          return FALSE;
        }
      entry->window = json_node_get_int (window);
    }

  for (guint i = 0; i < G_N_ELEMENTS (context_lists); i++)
    {
      const char *list_name = context_lists[i];
      /* "" stands for the edge of the paragraph, which only makes sense beside the span. */
      gboolean allow_edge = i < 4;
      JsonNode *list_node = json_object_get_member (object, list_name);
      JsonArray *array;
      g_autoptr(GPtrArray) words = NULL;

      if (list_node == NULL)
        continue;
      array = JSON_NODE_HOLDS_ARRAY (list_node) ? json_node_get_array (list_node) : NULL;
      if (array == NULL || json_array_get_length (array) == 0)
        {
          set_pack_error (error, name, where,
                          /* Translators: a problem in an entry of a phrase pack; %s is the name of
                           * a word list (before, not_near…). */
                          _("\"context\" \"%s\" must be a non-empty array of words"), list_name);
          return FALSE;
        }

      words = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *word_node = json_array_get_element (array, j);
          g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
          const char *word;

          if (!node_is_string (word_node))
            {
              set_pack_error (error, name, where,
                              /* Translators: a problem in an entry of a phrase pack; %s is the name
                               * of a word list (before, not_near…). */
                              _("\"context\" \"%s\" must be a non-empty array of words"),
                              list_name);
              return FALSE;
            }
          word = json_node_get_string (word_node);
          if (*word == '\0' && allow_edge)
            {
              g_ptr_array_add (words, g_strdup (""));
              continue;
            }
          if (!normalize_phrase (word, tokens) || tokens->len != 1)
            {
              if (allow_edge)
                set_pack_error (error, name, where,
                                /* Translators: a problem in an entry of a phrase pack. The first %s
                                 * is the name of a word list (before, after…), the second a word in
                                 * it; "" is an empty string in the JSON. */
                                _("\"context\" \"%s\": “%s” is not a single word (\"\" stands "
                                  "for the edge of the paragraph)"),
                                list_name, word);
              else
                set_pack_error (error, name, where,
                                /* Translators: a problem in an entry of a phrase pack. The first %s
                                 * is the name of a word list (near, not_near), the second a word in
                                 * it. */
                                _("\"context\" \"%s\": “%s” is not a single word"),
                                list_name, word);
              return FALSE;
            }
          g_ptr_array_add (words, g_strdup (tokens->pdata[0]));
        }
      g_ptr_array_add (words, NULL);
      *context_list_slot (entry, i) = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
    }

  return TRUE;
}

static const char * const entry_members[] = {
  "garbled", "original", "prior", "note", "context",
};

static UnspinPackEntry *
parse_entry (JsonNode    *node,
             guint        index,
             double       default_prior,
             const char  *name,
             GError     **error)
{
  g_autoptr(UnspinPackEntry) entry = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *garbled_node;
  JsonNode *original;
  const char *garbled;
  const char *note;
  GError *local_error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *bare = describe_entry (index, NULL);

      /* Translators: a problem in a phrase pack, after the file's name and the entry. */
      set_pack_error (error, name, bare, _("must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!unspin_json_strings_valid (node))
    {
      g_autofree char *bare = describe_entry (index, NULL);

      set_pack_error (error, name, bare, "%s", not_utf8 ());
      return NULL;
    }

  /* Name the entry by its phrase whenever it has one, even when the phrase itself is bad. */
  garbled_node = json_object_get_member (object, "garbled");
  where = describe_entry (index, garbled_node && node_is_string (garbled_node)
                                   ? json_node_get_string (garbled_node) : NULL);

  /* Unknown keys are errors: a typo such as "orignal" must not silently drop the data. */
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; !known && i < G_N_ELEMENTS (entry_members); i++)
        known = g_str_equal (l->data, entry_members[i]);
      if (!known)
        {
          set_pack_error (error, name, where,
                          /* Translators: a problem in an entry of a phrase pack. %s is a key the
                           * entry has; the names in the list are JSON member names, not to be
                           * translated. */
                          _("unknown key \"%s\" (expected garbled, original, prior, note or "
                            "context)"), (const char *) l->data);
          return NULL;
        }
    }

  entry = g_new0 (UnspinPackEntry, 1);
  entry->index = index;
  entry->prior = default_prior;
  entry->window = DEFAULT_WINDOW;

  garbled = get_string_member (object, "garbled", TRUE, FALSE, name, where, &local_error);
  if (garbled == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  tokens = g_ptr_array_new_with_free_func (g_free);
  if (!normalize_phrase (garbled, tokens))
    {
      /* Translators: a problem in an entry of a phrase pack; %d is a number of bytes. */
      set_pack_error (error, name, where, _("\"garbled\" has a word longer than %d bytes"),
                      WORD_BUF_SIZE - 1);
      return NULL;
    }
  if (tokens->len == 0)
    {
      /* Translators: a problem in an entry of a phrase pack; "garbled" is a JSON member name. */
      set_pack_error (error, name, where, _("\"garbled\" must hold at least one word"));
      return NULL;
    }
  if (tokens->len > MAX_PHRASE_TOKENS)
    {
      set_pack_error (error, name, where,
                      /* Translators: a problem in an entry of a phrase pack; %u is the phrase's
                       * number of tokens (words and punctuation marks, always more than %d), %d the
                       * most allowed. */
                      _("\"garbled\" has %u tokens; at most %d are allowed (punctuation counts)"),
                      tokens->len, MAX_PHRASE_TOKENS);
      return NULL;
    }
  entry->garbled = g_strdup (garbled);
  entry->n_tokens = tokens->len;
  g_ptr_array_add (tokens, NULL);
  entry->tokens = (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);

  original = json_object_get_member (object, "original");
  if (original == NULL)
    {
      /* Translators: a problem in an entry of a phrase pack; "original" is a JSON member name. */
      set_pack_error (error, name, where, _("\"original\" is missing"));
      return NULL;
    }
  if (node_is_string (original))
    {
      entry->originals = g_new0 (char *, 2);
      entry->originals[0] = g_strdup (json_node_get_string (original));
    }
  else if (JSON_NODE_HOLDS_ARRAY (original)
           && json_array_get_length (json_node_get_array (original)) > 0)
    {
      JsonArray *array = json_node_get_array (original);
      guint n = json_array_get_length (array);

      entry->originals = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!node_is_string (element))
            {
              set_pack_error (error, name, where,
                              /* Translators: a problem in an entry of a phrase pack; "original" is
                               * a JSON member name. */
                              _("\"original\" must be a string or a non-empty array of strings"));
              return NULL;
            }
          entry->originals[i] = g_strdup (json_node_get_string (element));
        }
    }
  else
    {
      set_pack_error (error, name, where,
                      /* Translators: a problem in an entry of a phrase pack; "original" is a JSON
                       * member name. */
                      _("\"original\" must be a string or a non-empty array of strings"));
      return NULL;
    }

  if (!get_prior_member (object, "prior", &entry->prior, name, where, error))
    return NULL;

  note = get_string_member (object, "note", FALSE, TRUE, name, where, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  entry->note = g_strdup (note);

  if (json_object_has_member (object, "context")
      && !parse_context (json_object_get_member (object, "context"), entry, name, where, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/* Whether the strings of a parsed pack's top-level object are valid UTF-8, leaving out its
 * entries (parse_entry() checks each, to name the one at fault). */
static gboolean
strings_valid_but_entries (JsonNode *root)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_utf8_validate (member, -1, NULL)
        || (strcmp (member, "entries") != 0 && !unspin_json_strings_valid (value)))
      return FALSE;
  return TRUE;
}

static gboolean
parse_pack (UnspinPhrasePack  *self,
            JsonNode          *root,
            const char        *name,
            GError           **error)
{
  JsonObject *object;
  JsonNode *node;
  JsonArray *entries;
  double default_prior = DEFAULT_PRIOR;
  g_autoptr(GHashTable) phrases = NULL;
  struct { const char *member; char **field; } required[] = {
    { "id", &self->id },
    { "name", &self->name },
    { "version", &self->version },
    { "license", &self->license },
  };
  const char *value;
  GError *local_error = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Translators: a problem in a phrase pack, after the file's name. */
      set_pack_error (error, name, NULL, _("not a phrase pack (the top level must be a JSON object)"));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "schema");
  if (node == NULL || !node_is_string (node) || !g_str_equal (json_node_get_string (node), SCHEMA_NAME))
    {
      /* Translators: a problem in a phrase pack, after the file's name; %s is the value
       * "schema" must have. */
      set_pack_error (error, name, NULL, _("not a phrase pack (\"schema\" must be \"%s\")"),
                      SCHEMA_NAME);
      return FALSE;
    }

  node = json_object_get_member (object, "schema_version");
  if (node == NULL)
    {
      /* Translators: a problem in a phrase pack, after the file's name. */
      set_pack_error (error, name, NULL, _("\"schema_version\" is missing"));
      return FALSE;
    }
  if (!node_is_integer (node) || json_node_get_int (node) < 1)
    {
      /* Translators: a problem in a phrase pack, after the file's name; %d is the version
       * this Unspin reads. */
      set_pack_error (error, name, NULL, _("\"schema_version\" must be a whole number (%d)"),
                      SCHEMA_VERSION);
      return FALSE;
    }
  if (json_node_get_int (node) > SCHEMA_VERSION)
    {
      set_pack_error (error, name, NULL,
                      /* Translators: a problem in a phrase pack, after the file's name: the first
                       * number is the pack's schema version, the second the one this Unspin reads.
                       */
                      _("schema version %" PRId64 " is newer than this version of "
                        "Unspin reads (%d); update Unspin to use this pack"),
                      (int64_t) json_node_get_int (node), SCHEMA_VERSION);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      value = get_string_member (object, required[i].member, TRUE, FALSE, name, NULL, error);
      if (value == NULL)
        return FALSE;
      *required[i].field = g_strdup (value);
    }
  if (!is_valid_id (self->id))
    {
      set_pack_error (error, name, NULL,
                      /* Translators: a problem in a phrase pack, after the file's name; %s is the
                       * pack's id. */
                      _("\"id\" must use only lower-case letters a-z, digits and hyphens, "
                        "not “%s”"), self->id);
      return FALSE;
    }

  value = get_string_member (object, "attribution", FALSE, TRUE, name, NULL, &local_error);
  if (local_error == NULL)
    get_string_member (object, "description", FALSE, TRUE, name, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  self->attribution = g_strdup (value);

  if (!get_prior_member (object, "default_prior", &default_prior, name, NULL, error))
    return FALSE;

  node = json_object_get_member (object, "entries");
  if (node == NULL)
    {
      /* Translators: a problem in a phrase pack, after the file's name. */
      set_pack_error (error, name, NULL, _("\"entries\" is missing"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      /* Translators: a problem in a phrase pack, after the file's name. */
      set_pack_error (error, name, NULL, _("\"entries\" must be a non-empty array"));
      return FALSE;
    }
  entries = json_node_get_array (node);

  /* Normalised phrase (tokens joined by spaces, which no token contains) -> first entry. */
  phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      UnspinPackEntry *entry;
      g_autofree char *key = NULL;
      gpointer other;

      entry = parse_entry (json_array_get_element (entries, i), i, default_prior, name, error);
      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (self->entries, entry);

      key = g_strjoinv (" ", entry->tokens);
      if (g_hash_table_lookup_extended (phrases, key, NULL, &other))
        {
          const UnspinPackEntry *first = g_ptr_array_index (self->entries, GPOINTER_TO_UINT (other));
          g_autofree char *where = describe_entry (i, entry->garbled);

          set_pack_error (error, name, where,
                          /* Translators: a problem in an entry of a phrase pack: %u is the index of
                           * an earlier entry (from 0), %s its phrase. */
                          _("repeats the phrase of entry %u (“%s”); merge the two entries"),
                          first->index, first->garbled);
          return FALSE;
        }
      g_hash_table_insert (phrases, g_steal_pointer (&key), GUINT_TO_POINTER (i));
    }

  return TRUE;
}

/* Checks and reads the JSON of a pack whose bytes have the SHA-256 @sha256. */
static UnspinPhrasePack *
pack_new_from_json (GBytes      *bytes,
                    const char  *name,
                    char        *sha256,
                    GError     **error)
{
  g_autoptr(UnspinPhrasePack) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *problem = NULL;

  parser = unspin_json_parse_document (bytes, UNSPIN_FILE_PHRASE_PACK, MAX_NESTING, &problem);
  if (parser == NULL)
    {
      set_pack_error (error, name, NULL, "%s", problem);
      return NULL;
    }

  self = g_object_new (UNSPIN_TYPE_PHRASE_PACK, NULL);
  if (!parse_pack (self, json_parser_get_root (parser), name, error))
    return NULL;
  /* The entries are checked already, each naming itself; the rest is checked here. */
  if (!strings_valid_but_entries (json_parser_get_root (parser)))
    {
      set_pack_error (error, name, NULL, "%s", not_utf8 ());
      return NULL;
    }

  self->sha256 = g_strdup (sha256);

  return g_steal_pointer (&self);
}

UnspinPhrasePack *
unspin_phrase_pack_new_from_bytes (GBytes      *bytes,
                                   const char  *name,
                                   GError     **error)
{
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return pack_new_from_json (bytes, name, sha256, error);
}

/*
 * The pack cache. Parsing a large pack's JSON (and checking every entry of it) is most of the
 * engine's start-up, so a checked pack is also kept in the user's cache folder as a GVariant
 * ($XDG_CACHE_HOME/unspin/packs/SHA-256 of the pack's bytes.gvariant) and read from there
 * while this version of Unspin and the cache's format are the same. A cache file that is
 * missing, stale, unreadable or damaged is passed over (and written anew); one that cannot be
 * written is not an error. The garbled phrases are tokenised again on reading, so matching
 * never depends on how an older build tokenised them. Writing a cache file removes those that
 * nothing has read for CACHE_UNUSED_DAYS (the packs of an older version, say).
 */
/* Raise it whenever what an entry holds, or how a pack is checked, changes. */
#define CACHE_FORMAT         1
#define CACHE_UNUSED_DAYS    30
/* No entry has more originals than this; a count over it means a damaged cache. */
#define MAX_CACHED_ORIGINALS 1024
/* Format, Unspin's version, the pack's SHA-256, its id, name, version, licence and
 * attribution; then its entries column by column: the garbled phrases and all their originals
 * one after another, each string ending in a NUL (as bytes: several times faster to write and
 * read than arrays of strings), how many originals each has, the priors; the notes of the
 * entries that have one (index, note), and the context of those that have one (index, window,
 * the six word lists: before, not_before, after, not_after, near, not_near; an empty list
 * stands for none, as a pack's lists are never empty). */
#define CACHE_TYPE   "(ussssssmsayayauada(us)a(uuasasasasasas))"
#define CONTEXT_TYPE "(uuasasasasasas)"

static const char * const no_words[] = { NULL };

static char *
cache_path_for (const char *sha256)
{
  g_autofree char *base = g_strconcat (sha256, ".gvariant", NULL);

  return g_build_filename (g_get_user_cache_dir (), "unspin", "packs", base, NULL);
}

/* Removes the cache files of @folder but @keep that nothing has read for a while. */
static void
prune_cache (const char *folder,
             const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_str_has_suffix (name, ".gvariant") && strcmp (path, keep) != 0
          && g_stat (path, &st) == 0 && now - (gint64) st.st_atime > CACHE_UNUSED_DAYS * 86400)
        g_unlink (path);
    }
}

/* Appends @string, with its NUL, to @strings. */
static void
add_string (GByteArray *strings,
            const char *string)
{
  g_byte_array_append (strings, (const guint8 *) string, strlen (string) + 1);
}

/* The next string of @strings[*pos, @size), a copy; NULL when there is none or it is not
 * UTF-8. */
static char *
next_string (const char *strings,
             gsize       size,
             gsize      *pos)
{
  const char *start = strings + *pos;
  const char *end = *pos < size ? memchr (start, '\0', size - *pos) : NULL;

  if (end == NULL || !g_utf8_validate (start, end - start, NULL))
    return NULL;
  *pos += end - start + 1;
  return g_strndup (start, end - start);
}

/* A cached word list: empty in the cache stands for none. */
static char **
cached_words (char **words)
{
  if (words[0] != NULL)
    return words;
  g_free (words);
  return NULL;
}

/* What parse_entry() would have refused means a damaged cache; tokenises the phrase. */
static gboolean
cached_entry_valid (UnspinPackEntry *entry)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);

  if (entry->originals[0] == NULL || !isfinite (entry->prior) || entry->prior < 0.0
      || entry->prior > 1.0 || entry->window < 1 || entry->window > MAX_WINDOW
      || !normalize_phrase (entry->garbled, tokens) || tokens->len == 0
      || tokens->len > MAX_PHRASE_TOKENS)
    return FALSE;
  entry->n_tokens = tokens->len;
  g_ptr_array_add (tokens, NULL);
  entry->tokens = (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
  return TRUE;
}

/* The pack cached at @path for bytes with the SHA-256 @sha256, or NULL. */
static UnspinPhrasePack *
pack_from_cache (const char *path,
                 const char *sha256)
{
  g_autofree char *data = NULL;
  gsize size;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) cache = NULL;
  g_autoptr(GVariant) garbled = NULL;
  g_autoptr(GVariant) originals = NULL;
  g_autoptr(GVariant) counts = NULL;
  g_autoptr(GVariant) priors = NULL;
  g_autoptr(GVariantIter) notes = NULL;
  g_autoptr(GVariantIter) contexts = NULL;
  g_autoptr(UnspinPhrasePack) self = NULL;
  const char *phrases, *all_originals;
  const guint32 *n_originals;
  const double *prior;
  const char *version, *cached_sha256, *note;
  guint32 format, index, window;
  gsize n, n_priors, size_phrases, size_originals, pos_phrase = 0, pos_original = 0;
  char **lists[G_N_ELEMENTS (context_lists)];

  /* Read, not mapped: a file cut short under a mapping would kill the process. */
  if (!g_file_get_contents (path, &data, &size, NULL))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  /* Damaged data is refused at once: checked in one pass, the cache is then read as trusted,
   * which is several times faster than checking each value as it is read. */
  cache = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), bytes, FALSE));
  if (!g_variant_is_normal_form (cache))
    return NULL;
  g_clear_pointer (&cache, g_variant_unref);
  cache = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), bytes, TRUE));

  self = g_object_new (UNSPIN_TYPE_PHRASE_PACK, NULL);
  g_variant_get (cache, "(u&s&sssssms@ay@ay@au@ada(us)a" CONTEXT_TYPE ")", &format, &version,
                 &cached_sha256, &self->id, &self->name, &self->version, &self->license,
                 &self->attribution, &garbled, &originals, &counts, &priors, &notes, &contexts);
  if (format != CACHE_FORMAT || strcmp (version, PACKAGE_VERSION) != 0
      || strcmp (cached_sha256, sha256) != 0 || !is_valid_id (self->id))
    return NULL;
  self->sha256 = g_strdup (sha256);

  phrases = g_variant_get_fixed_array (garbled, &size_phrases, 1);
  all_originals = g_variant_get_fixed_array (originals, &size_originals, 1);
  n_originals = g_variant_get_fixed_array (counts, &n, sizeof (guint32));
  prior = g_variant_get_fixed_array (priors, &n_priors, sizeof (double));
  if (n == 0 || n_priors != n)
    return NULL;
  for (gsize i = 0; i < n; i++)
    {
      UnspinPackEntry *entry = g_new0 (UnspinPackEntry, 1);

      g_ptr_array_add (self->entries, entry);
      entry->index = i;
      entry->prior = prior[i];
      entry->window = DEFAULT_WINDOW;
      entry->garbled = next_string (phrases, size_phrases, &pos_phrase);
      entry->originals = g_new0 (char *, MIN (n_originals[i], MAX_CACHED_ORIGINALS) + 1);
      if (entry->garbled == NULL || n_originals[i] == 0 || n_originals[i] > MAX_CACHED_ORIGINALS)
        return NULL;
      for (guint32 j = 0; j < n_originals[i]; j++)
        if ((entry->originals[j] = next_string (all_originals, size_originals, &pos_original)) == NULL)
          return NULL;
    }

  while (g_variant_iter_next (notes, "(u&s)", &index, &note))
    {
      UnspinPackEntry *entry;

      if (index >= n)
        return NULL;
      entry = g_ptr_array_index (self->entries, index);
      g_free (entry->note);
      entry->note = g_strdup (note);
    }
  while (g_variant_iter_next (contexts, "(uu^as^as^as^as^as^as)", &index, &window, &lists[0],
                              &lists[1], &lists[2], &lists[3], &lists[4], &lists[5]))
    {
      UnspinPackEntry *entry = index < n ? g_ptr_array_index (self->entries, index) : NULL;

      for (guint i = 0; i < G_N_ELEMENTS (context_lists); i++)
        {
          char ***slot = entry != NULL ? context_list_slot (entry, i) : NULL;

          if (slot != NULL && *slot == NULL)
            *slot = cached_words (lists[i]);
          else
            g_strfreev (lists[i]);
        }
      if (entry == NULL)
        return NULL;
      entry->window = window;
    }

  for (gsize i = 0; i < n; i++)
    if (!cached_entry_valid (g_ptr_array_index (self->entries, i)))
      return NULL;
  return g_steal_pointer (&self);
}

static void
pack_write_cache (UnspinPhrasePack *self,
                  const char       *path)
{
  g_autoptr(GByteArray) garbled = g_byte_array_new ();
  g_autoptr(GByteArray) originals = g_byte_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) priors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GVariantBuilder) notes = g_variant_builder_new (G_VARIANT_TYPE ("a(us)"));
  g_autoptr(GVariantBuilder) contexts = g_variant_builder_new (G_VARIANT_TYPE ("a" CONTEXT_TYPE));
  g_autoptr(GVariant) cache = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      UnspinPackEntry *entry = g_ptr_array_index (self->entries, i);
      char **lists[G_N_ELEMENTS (context_lists)];
      gboolean has_context = entry->window != DEFAULT_WINDOW;
      guint32 n_originals = g_strv_length (entry->originals);

      add_string (garbled, entry->garbled);
      for (guint j = 0; j < n_originals; j++)
        add_string (originals, entry->originals[j]);
      g_array_append_val (counts, n_originals);
      g_array_append_val (priors, entry->prior);
      if (entry->note != NULL)
        g_variant_builder_add (notes, "(us)", i, entry->note);
      for (guint j = 0; j < G_N_ELEMENTS (context_lists); j++)
        {
          char **words = *context_list_slot (entry, j);

          has_context |= words != NULL;
          lists[j] = words != NULL ? words : (char **) no_words;
        }
      if (has_context)
        g_variant_builder_add (contexts, "(uu^as^as^as^as^as^as)", i, entry->window, lists[0],
                               lists[1], lists[2], lists[3], lists[4], lists[5]);
    }

  cache = g_variant_ref_sink (
    g_variant_new ("(ussssssms@ay@ay@au@ad@a(us)@a" CONTEXT_TYPE ")", (guint32) CACHE_FORMAT,
                   PACKAGE_VERSION, self->sha256, self->id, self->name, self->version,
                   self->license, self->attribution,
                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, garbled->data, garbled->len, 1),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, originals->data, originals->len,
                                              1),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, counts->data, counts->len,
                                              sizeof (guint32)),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, priors->data, priors->len,
                                              sizeof (double)),
                   g_variant_builder_end (notes), g_variant_builder_end (contexts)));

  if (g_mkdir_with_parents (folder, 0700) != 0
      || !g_file_set_contents_full (path, g_variant_get_data (cache), g_variant_get_size (cache),
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("Not caching the pack “%s” in %s: %s", self->id, folder,
               error != NULL ? error->message : g_strerror (errno));
      return;
    }
  prune_cache (folder, path);
}

UnspinPhrasePack *
unspin_phrase_pack_new_from_file (GFile         *file,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  UnspinPhrasePack *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = unspin_file_load (file, MAX_PACK_SIZE, UNSPIN_FILE_PHRASE_PACK, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  cache_path = cache_path_for (sha256);
  self = pack_from_cache (cache_path, sha256);
  if (self != NULL)
    return self;

  self = pack_new_from_json (bytes, name, sha256, error);
  if (self != NULL)
    pack_write_cache (self, cache_path);
  return self;
}

const char *
unspin_phrase_pack_get_id (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->id;
}

const char *
unspin_phrase_pack_get_name (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->name;
}

const char *
unspin_phrase_pack_get_version (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->version;
}

const char *
unspin_phrase_pack_get_license (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->license;
}

const char *
unspin_phrase_pack_get_attribution (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->attribution;
}

const char *
unspin_phrase_pack_get_sha256 (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);

  return self->sha256;
}

guint
unspin_phrase_pack_get_n_entries (UnspinPhrasePack *self)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), 0);

  return self->entries->len;
}

const UnspinPackEntry *
unspin_phrase_pack_get_entry (UnspinPhrasePack *self,
                              guint             index)
{
  g_return_val_if_fail (UNSPIN_IS_PHRASE_PACK (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}

/* Words that a title leaves in lower case unless they come first. */
static gboolean
is_minor_word (const char *word,
               gsize       len)
{
  static const char * const minor[] = {
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
  };

  for (guint i = 0; i < G_N_ELEMENTS (minor); i++)
    if (strlen (minor[i]) == len && strncmp (word, minor[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the span has two words or more and each starts with a capital ("Area Council",
 * "Chamber of Commerce"): a name or a title, whose replacement is capitalised the same way. */
static gboolean
is_title_cased (const char *text,
                const char *end)
{
  guint n_words = 0;
  const char *p = text;

  while (p < end)
    {
      const char *word = p;
      gunichar c;

      while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > word)
        {
          c = g_utf8_get_char (word);
          if (!(g_unichar_isupper (c) || g_unichar_istitle (c))
              && !is_minor_word (word, p - word))
            return FALSE;
          n_words++;
        }
      if (p < end)
        p = g_utf8_next_char (p);
    }
  return n_words >= 2;
}

static char *
title_case (const char *proposal)
{
  GString *result = g_string_sized_new (strlen (proposal) + 4);
  gboolean word_start = TRUE;

  for (const char *p = proposal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (word_start && g_unichar_islower (c))
        {
          gsize len = 0;

          while (g_unichar_isalpha (g_utf8_get_char (p + len)))
            len = g_utf8_next_char (p + len) - p;
          if (p == proposal || !is_minor_word (p, len))
            c = g_unichar_totitle (c);
        }
      g_string_append_unichar (result, c);
      word_start = c == ' ' || c == '-';
    }
  return g_string_free (result, FALSE);
}

char *
unspin_transfer_case (const char *garbled,
                      gsize       garbled_len,
                      const char *proposal)
{
  const char *end = garbled + garbled_len;
  guint n_letters = 0;
  gboolean all_upper = TRUE;
  gboolean first_upper = FALSE;
  gunichar first;
  GString *result;

  g_return_val_if_fail (garbled != NULL || garbled_len == 0, NULL);
  g_return_val_if_fail (proposal != NULL, NULL);

  for (const char *p = garbled; p < end; p = g_utf8_next_char (p))
    {
      gboolean upper;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isalpha (*p))
            continue;
          upper = g_ascii_isupper (*p);
        }
      else
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalpha (c))
            continue;
          upper = g_unichar_isupper (c) || g_unichar_istitle (c);
        }
      if (n_letters++ == 0)
        first_upper = upper;
      all_upper = all_upper && upper;
      /* Both answers are known once a lower-case letter follows the first. */
      if (!all_upper && n_letters > 1)
        break;
    }

  if (n_letters > 1 && all_upper)
    return g_utf8_strup (proposal, -1);

  if (first_upper && is_title_cased (garbled, end))
    return title_case (proposal);

  first = g_utf8_get_char (proposal);
  if (!first_upper || first == 0 || !g_unichar_islower (first))
    return g_strdup (proposal);

  result = g_string_sized_new (strlen (proposal) + 4);
  g_string_append_unichar (result, g_unichar_totitle (first));
  g_string_append (result, g_utf8_next_char (proposal));
  return g_string_free (result, FALSE);
}
