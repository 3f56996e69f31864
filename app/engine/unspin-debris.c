/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "unspin-debris.h"
#include "unspin-error.h"
#include "unspin-file-private.h"
#include "unspin-json-private.h"

/* Packs are hand-written data: anything this big is not one. */
#define MAX_RULES_SIZE (16 * 1024 * 1024)
/* Deeper JSON would exhaust json-glib's stack; no rules file nests like that. */
#define MAX_NESTING 64

#define SCHEMA_NAME             "unspin-page-debris"
#define SCHEMA_VERSION          1
#define DEFAULT_SPAM_MAX_BYTES  300
#define MAX_SPAM_MAX_BYTES      1024
#define DEFAULT_NUMERAL_CONFIDENCE 0.85
#define MAX_HEADLINE_WORDS      64
/* Longer words are never list words or headline words we need to compare. */
#define WORD_BUF_SIZE           64

#define SPAM_CONFIDENCE         0.95
#define CREDIT_CONFIDENCE       0.85
/* A credit to an outlet the rules do not list ("Jane Roe / Harlow Courier") is a suggestion. */
#define CREDIT_OUTLET_CONFIDENCE 0.7
#define MAX_OUTLET_WORDS         5
#define HEADLINE_CONFIDENCE     0.9
#define HEADLINE_TIE_CONFIDENCE 0.6
/* A glued credit is a name or two and an agency, never a sentence. */
#define MAX_CREDIT_NAME_TOKENS  8
#define MAX_CREDIT_TAIL_TOKENS  12
#define ADDRESS_LOOKAHEAD       4

typedef struct {
  char   *id;
  char   *source;  /* "rule:spam-line:ID" */
  char   *reason;  /* "page debris: NOTE" */
  char  **needs;   /* NULL, or ASCII-lower-cased text one of which the line must contain */
  GRegex *regex;
} SpamRule;

struct _UnspinDebrisRules
{
  char       *id;
  char       *version;
  char       *license;
  char       *sha256;

  GPtrArray  *spam_rules;     /* SpamRule* */
  GRegex     *spam_any;       /* the patterns without "needs" at once; NULL if they don't combine */
  guint       n_plain_rules;  /* rules without "needs" */
  gsize       spam_max_bytes;

  /* Phrase sets: a phrase's first (for not_after, last) normalised token -> GPtrArray of the
   * phrases, each a GStrv of normalised tokens, so that a token is looked up once. */
  GHashTable *agencies;       /* words only: "AFP – Getty Images" is afp getty images */
  GHashTable *not_after;      /* matched ending just before the number */
  GHashTable *not_before;     /* matched right after the number */
  GHashTable *address_words;  /* normalised street words: "9 Elm Street" keeps its figure */
  char       *numeral_words[9];
  double      numeral_confidence;

  guint       headline_min_words;
  guint       headline_max_words;
  guint       headline_min_shared;
  double      headline_min_overlap;
};

static void
spam_rule_free (SpamRule *rule)
{
  g_free (rule->id);
  g_free (rule->source);
  g_free (rule->reason);
  g_strfreev (rule->needs);
  g_clear_pointer (&rule->regex, g_regex_unref);
  g_free (rule);
}

void
unspin_debris_rules_free (UnspinDebrisRules *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->version);
  g_free (self->license);
  g_free (self->sha256);
  g_clear_pointer (&self->spam_rules, g_ptr_array_unref);
  g_clear_pointer (&self->spam_any, g_regex_unref);
  g_clear_pointer (&self->agencies, g_hash_table_unref);
  g_clear_pointer (&self->not_after, g_hash_table_unref);
  g_clear_pointer (&self->not_before, g_hash_table_unref);
  g_clear_pointer (&self->address_words, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->numeral_words); i++)
    g_free (self->numeral_words[i]);
  g_free (self);
}

static GHashTable *
phrase_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

/* Takes @phrase. */
static void
phrase_set_add (GHashTable  *set,
                char       **phrase,
                gboolean     by_last)
{
  const char *key = by_last ? phrase[g_strv_length (phrase) - 1] : phrase[0];
  GPtrArray *list = g_hash_table_lookup (set, key);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_hash_table_insert (set, g_strdup (key), list);
    }
  g_ptr_array_add (list, phrase);
}

static UnspinDebrisRules *
unspin_debris_rules_alloc (void)
{
  UnspinDebrisRules *self = g_new0 (UnspinDebrisRules, 1);

  self->spam_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) spam_rule_free);
  self->agencies = phrase_set_new ();
  self->not_after = phrase_set_new ();
  self->not_before = phrase_set_new ();
  self->address_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->spam_max_bytes = DEFAULT_SPAM_MAX_BYTES;
  self->numeral_confidence = DEFAULT_NUMERAL_CONFIDENCE;

  return self;
}

/* Loading */

G_GNUC_PRINTF (4, 5)
static void
set_rules_error (GError     **error,
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

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* A string member; absent is an error only when @required. Empty strings are errors. With
 * @out NULL the member is only checked. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     required,
             char       **out,
             const char  *name,
             const char  *where,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return TRUE;
  if (!node_is_string (node) || *json_node_get_string (node) == '\0')
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %s is the name of a JSON member; keep it in straight
       * quotes. */
      set_rules_error (error, name, where, _("\"%s\" must be a non-empty string"), member);
      return FALSE;
    }
  if (out != NULL)
    *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             gboolean     required,
             double       min,
             double       max,
             double      *out,
             const char  *name,
             const char  *where,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL && !required)
    return TRUE;
  if (!node_is_number (node))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %s is the name of a JSON member; keep it in straight
       * quotes. */
      set_rules_error (error, name, where, _("\"%s\" must be a number"), member);
      return FALSE;
    }
  value = json_node_get_double (node);
  if (value < min || value > max)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %s is the name of a JSON member; keep it in straight
       * quotes. The numbers are the smallest and the largest value allowed, and the value found. */
      set_rules_error (error, name, where, _("\"%s\" must be between %g and %g, not %g"),
                       member, min, max, value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const char  *name,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %s is the name of a JSON member; keep it in straight
       * quotes. */
      set_rules_error (error, name, where, _("\"%s\" must be an array"), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
read_object (JsonObject  *object,
             const char  *member,
             const char  *name,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %s is the name of a JSON member; keep it in straight
       * quotes. */
      set_rules_error (error, name, NULL, _("\"%s\" must be an object"), member);
      return NULL;
    }
  return json_node_get_object (node);
}

/* A misspelt optional key would otherwise be ignored without a word. */
static gboolean
check_keys (JsonObject          *object,
            const char * const  *allowed,
            const char          *name,
            const char          *where,
            GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **) allowed);

          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). The first %s is a key the file has, the second
           * the keys allowed, separated by commas; they are JSON member names. */
          set_rules_error (error, name, where, _("unknown key \"%s\" (expected %s)"),
                           (const char *) l->data, expected);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return *id != '\0';
}

/* The normalised tokens of @phrase, punctuation included ("a.m" is a . m), as unspin_tokenize()
 * sees them in an article; NULL when @phrase has no tokens or a token is too long. */
static char **
phrase_to_tokens (const char *phrase,
                  gboolean    words_only)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  unspin_tokenize (phrase, 0, strlen (phrase), tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      const UnspinToken *token = &g_array_index (tokens, UnspinToken, i);
      char buf[WORD_BUF_SIZE];

      if (words_only && token->kind == UNSPIN_TOKEN_PUNCT)
        continue;
      if (unspin_token_normalize (phrase, token, buf, sizeof buf) == 0)
        return NULL;
      g_strv_builder_add (builder, buf);
      n++;
    }
  if (n == 0)
    return NULL;
  return g_strv_builder_end (builder);
}

/* Adds the phrases of an array of strings to the phrase set @out. */
static gboolean
read_phrase_list (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  gboolean     words_only,
                  gboolean     by_last,
                  GHashTable  *out,
                  const char  *name,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL && !required)
    return TRUE;
  array = read_array (object, member, required, name, where, error);
  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char **tokens;

      if (!node_is_string (element))
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %s is the name of a JSON member, %u the index
           * of an item of its list (from 0). */
          set_rules_error (error, name, where, _("\"%s\" item %u must be a string"), member, i);
          return FALSE;
        }
      tokens = phrase_to_tokens (json_node_get_string (element), words_only);
      if (tokens == NULL)
        {
          set_rules_error (error, name, where,
                           /* Translators: a problem in a rules file (the rules that find page
                            * debris), after the file's name (and the part of the file). %s is the
                            * name of a JSON member, %u the index of an item of its list (from 0),
                            * the second %s the item, %d a number of bytes. */
                           _("\"%s\" item %u (“%s”) has no words, or a word over %d bytes"),
                           member, i, json_node_get_string (element), WORD_BUF_SIZE - 1);
          return FALSE;
        }
      phrase_set_add (out, tokens, by_last);
    }
  return TRUE;
}

/* An optional array of single words, normalised into the set @out. */
static gboolean
read_word_set (JsonObject  *object,
               const char  *member,
               GHashTable  *out,
               const char  *name,
               const char  *where,
               GError     **error)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return TRUE;
  array = read_array (object, member, TRUE, name, where, error);
  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char buf[WORD_BUF_SIZE];

      if (!node_is_string (element)
          || unspin_normalize_word (json_node_get_string (element),
                                    strlen (json_node_get_string (element)),
                                    buf, sizeof buf) == 0)
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %s is the name of a JSON member, %u the index
           * of an item of its list (from 0). */
          set_rules_error (error, name, where, _("\"%s\" item %u must be a word"), member, i);
          return FALSE;
        }
      g_hash_table_add (out, g_strdup (buf));
    }
  return TRUE;
}

/* "needs": plain text, one item of which a line must contain before the pattern is tried.
 * Patterns that do not start with fixed text ("… Doctors Hate Him") cost a regex scan of the
 * whole line; a substring test first keeps the rule cheap on every line of a large input. */
static gboolean
read_needs (JsonObject  *object,
            SpamRule    *rule,
            const char  *name,
            const char  *where,
            GError     **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!json_object_has_member (object, "needs"))
    return TRUE;
  array = read_array (object, "needs", TRUE, name, where, error);
  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) == 0)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). */
      set_rules_error (error, name, where, _("\"needs\" must list at least one string"));
      return FALSE;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *lower = NULL;

      if (!node_is_string (element) || *json_node_get_string (element) == '\0')
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %u is the index of an item of the list (from
           * 0). */
          set_rules_error (error, name, where, _("\"needs\" item %u must be a non-empty string"),
                           i);
          return FALSE;
        }
      lower = g_ascii_strdown (json_node_get_string (element), -1);
      g_strv_builder_add (builder, lower);
    }
  rule->needs = g_strv_builder_end (builder);
  return TRUE;
}

/* Cheap guards against a rule that would delete an article: a pattern must not match an empty
 * line or a plain news sentence. */
static const char * const innocent_lines[] = {
  "",
  "The minister said on Tuesday that the talks would continue next week.",
};

static const char * const top_keys[] = {
  "schema", "schema_version", "id", "name", "version", "license", "attribution", "description",
  "spam_max_line_bytes", "spam_lines", "credit_agencies", "numerals", "headlines", NULL
};
static const char * const spam_line_keys[] = { "id", "pattern", "note", "needs", NULL };
static const char * const numerals_keys[] = {
  "words", "not_after", "not_before", "address_words", "confidence", NULL
};
static const char * const headlines_keys[] = {
  "max_words", "min_words", "min_shared_words", "min_overlap", NULL
};

static gboolean
parse_spam_lines (UnspinDebrisRules  *self,
                  JsonObject         *root,
                  const char         *name,
                  GError            **error)
{
  JsonArray *array = read_array (root, "spam_lines", TRUE, name, NULL, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) combined = g_string_new ("^(?|");
  const GRegexCompileFlags flags = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      /* Translators: where a problem is in a rules file, between the file's name and the
       * problem: %u is the index of an item of "spam_lines" (from 0). */
      g_autofree char *where = g_strdup_printf (_("spam line %u"), i);
      g_autofree char *pattern = NULL;
      g_autofree char *note = NULL;
      g_autofree char *anchored = NULL;
      g_autoptr(GRegex) as_written = NULL;
      g_autoptr(GError) regex_error = NULL;
      SpamRule *rule;

      if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). */
          set_rules_error (error, name, where, _("must be an object with \"id\", \"pattern\" "
                             "and \"note\""));
          return FALSE;
        }
      object = json_node_get_object (element);

      rule = g_new0 (SpamRule, 1);
      g_ptr_array_add (self->spam_rules, rule);
      if (!read_string (object, "id", TRUE, &rule->id, name, where, error))
        return FALSE;
      g_free (where);
      /* Translators: where a problem is in a rules file, between the file's name and the
       * problem: %u is the index of an item of "spam_lines" (from 0), %s its "id". */
      where = g_strdup_printf (_("spam line %u (“%s”)"), i, rule->id);
      if (!is_valid_id (rule->id))
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). */
          set_rules_error (error, name, where, _("\"id\" may hold only a-z, 0-9 and -"));
          return FALSE;
        }
      if (!check_keys (object, spam_line_keys, name, where, error))
        return FALSE;
      if (!g_hash_table_add (seen, rule->id))
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). */
          set_rules_error (error, name, where, _("another spam line has the same \"id\""));
          return FALSE;
        }
      if (!read_string (object, "pattern", TRUE, &pattern, name, where, error)
          || !read_string (object, "note", TRUE, &note, name, where, error))
        return FALSE;

      /* Compiled as written first, so that GRegex's message points into the author's text
       * and an unbalanced ")" cannot escape the anchors added below. */
      as_written = g_regex_new (pattern, G_REGEX_CASELESS, 0, &regex_error);
      if (as_written == NULL)
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %s is the regular expression library's message.
           */
          set_rules_error (error, name, where, _("the pattern does not compile: %s"),
                           regex_error->message);
          return FALSE;
        }

      /* Patterns match the whole trimmed line whether or not they say so, so that a paragraph
       * that mentions an advertisement never matches a rule for "Advertisement" lines. */
      anchored = g_strdup_printf ("^(?:%s)$", pattern);
      rule->regex = g_regex_new (anchored, flags, 0, &regex_error);
      if (rule->regex == NULL)
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %s is the regular expression library's message.
           */
          set_rules_error (error, name, where, _("the pattern does not compile: %s"),
                           regex_error->message);
          return FALSE;
        }
      for (guint k = 0; k < G_N_ELEMENTS (innocent_lines); k++)
        {
          if (g_regex_match (rule->regex, innocent_lines[k], 0, NULL))
            {
              if (*innocent_lines[k] != '\0')
                set_rules_error (error, name, where,
                                 /* Translators: a problem in a rule of a rules file; %s is the
                                  * sentence, an English one (the rules are for English articles).
                                  */
                                 _("the pattern matches an ordinary sentence (“%s”): it would "
                                   "delete article text"),
                                 innocent_lines[k]);
              else
                set_rules_error (error, name, where,
                                 /* Translators: a problem in a rule of a rules file. */
                                 _("the pattern matches an empty line (“”): it would delete "
                                   "article text"));
              return FALSE;
            }
        }
      rule->source = g_strdup_printf ("rule:spam-line:%s", rule->id);
      /* Translators: the reason shown for deleting a line of page debris (an advertisement, a
       * share button…); %s is the rule's own note, in English, from the rules file. */
      rule->reason = g_strdup_printf (_("page debris: %s"), note);

      if (!read_needs (object, rule, name, where, error))
        return FALSE;
      if (rule->needs == NULL)
        g_string_append_printf (combined, "%s(?:%s)", self->n_plain_rules++ > 0 ? "|" : "",
                                pattern);
    }

  /* One combined match per line is the fast path; the branch reset "(?|" keeps each pattern's
   * group numbers. Patterns that still do not combine (named groups used twice, say) are
   * matched one by one. */
  g_string_append (combined, ")$");
  if (self->n_plain_rules > 0)
    self->spam_any = g_regex_new (combined->str, flags, 0, NULL);

  return TRUE;
}

static gboolean
parse_numerals (UnspinDebrisRules  *self,
                JsonObject         *root,
                const char         *name,
                GError            **error)
{
  JsonObject *object = read_object (root, "numerals", name, error);
  const char *where = "numerals";
  JsonArray *words;

  if (object == NULL || !check_keys (object, numerals_keys, name, where, error))
    return FALSE;

  words = read_array (object, "words", TRUE, name, where, error);
  if (words == NULL)
    return FALSE;
  if (json_array_get_length (words) != G_N_ELEMENTS (self->numeral_words))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). %u is the number of strings the list has. */
      set_rules_error (error, name, where, _("\"words\" must list the words for 1 to 9, "
                         "nine strings, not %u"), json_array_get_length (words));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->numeral_words); i++)
    {
      JsonNode *element = json_array_get_element (words, i);

      if (!node_is_string (element) || *json_node_get_string (element) == '\0')
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %u is the index of an item of the list (from
           * 0). */
          set_rules_error (error, name, where, _("\"words\" item %u must be a non-empty string"), i);
          return FALSE;
        }
      self->numeral_words[i] = g_strdup (json_node_get_string (element));
    }

  if (!read_phrase_list (object, "not_after", TRUE, FALSE, TRUE, self->not_after,
                         name, where, error)
      || !read_phrase_list (object, "not_before", TRUE, FALSE, FALSE, self->not_before,
                            name, where, error)
      || !read_word_set (object, "address_words", self->address_words, name, where, error)
      || !read_number (object, "confidence", FALSE, 0.0, 1.0, &self->numeral_confidence,
                       name, where, error))
    return FALSE;

  return TRUE;
}

static gboolean
parse_headlines (UnspinDebrisRules  *self,
                 JsonObject         *root,
                 const char         *name,
                 GError            **error)
{
  JsonObject *object = read_object (root, "headlines", name, error);
  const char *where = "headlines";
  double max_words = 0, min_words = 3, min_shared = 3;

  if (object == NULL || !check_keys (object, headlines_keys, name, where, error))
    return FALSE;

  if (!read_number (object, "max_words", TRUE, 1, MAX_HEADLINE_WORDS, &max_words,
                    name, where, error)
      || !read_number (object, "min_words", FALSE, 1, MAX_HEADLINE_WORDS, &min_words,
                       name, where, error)
      || !read_number (object, "min_shared_words", FALSE, 1, MAX_HEADLINE_WORDS, &min_shared,
                       name, where, error)
      || !read_number (object, "min_overlap", TRUE, 0.0, 1.0, &self->headline_min_overlap,
                       name, where, error))
    return FALSE;

  self->headline_max_words = (guint) max_words;
  self->headline_min_words = (guint) min_words;
  self->headline_min_shared = (guint) min_shared;
  if (self->headline_min_words > self->headline_max_words)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). */
      set_rules_error (error, name, where, _("\"min_words\" is larger than \"max_words\""));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_rules (UnspinDebrisRules  *self,
             JsonNode           *root_node,
             const char         *name,
             GError            **error)
{
  JsonObject *root;
  JsonNode *node;
  g_autofree char *schema = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). */
      set_rules_error (error, name, NULL, _("the top level must be a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  if (!read_string (root, "schema", TRUE, &schema, name, NULL, error))
    return FALSE;
  if (g_strcmp0 (schema, SCHEMA_NAME) != 0)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). the first %s is the file's "schema", the second the one it
       * must have. */
      set_rules_error (error, name, NULL, _("\"schema\" is “%s”, not “%s”: this is "
                         "not a page-debris rules file"), schema, SCHEMA_NAME);
      return FALSE;
    }
  node = json_object_get_member (root, "schema_version");
  if (!node_is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). */
      set_rules_error (error, name, NULL, _("\"schema_version\" must be an integer"));
      return FALSE;
    }
  if (json_node_get_int (node) != SCHEMA_VERSION)
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). the first number is the file's schema version, the second
       * the one this Unspin reads. */
      set_rules_error (error, name, NULL, _("\"schema_version\" %" PRId64 " is not "
                         "supported; this version of Unspin reads version %d"),
                       (int64_t) json_node_get_int (node), SCHEMA_VERSION);
      return FALSE;
    }

  if (!check_keys (root, top_keys, name, NULL, error))
    return FALSE;

  if (!read_string (root, "id", TRUE, &self->id, name, NULL, error)
      || !read_string (root, "name", FALSE, NULL, name, NULL, error)
      || !read_string (root, "attribution", FALSE, NULL, name, NULL, error)
      || !read_string (root, "description", FALSE, NULL, name, NULL, error)
      || !read_string (root, "version", TRUE, &self->version, name, NULL, error)
      || !read_string (root, "license", TRUE, &self->license, name, NULL, error))
    return FALSE;
  if (!is_valid_id (self->id))
    {
      /* Translators: a problem in a rules file (the rules that find page debris), after the file's
       * name (and the part of the file). */
      set_rules_error (error, name, NULL, _("\"id\" may hold only a-z, 0-9 and -"));
      return FALSE;
    }

  node = json_object_get_member (root, "spam_max_line_bytes");
  if (node != NULL)
    {
      if (!node_is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > MAX_SPAM_MAX_BYTES)
        {
          /* Translators: a problem in a rules file (the rules that find page debris), after the
           * file's name (and the part of the file). %d is the largest value allowed. */
          set_rules_error (error, name, NULL, _("\"spam_max_line_bytes\" must be an integer "
                             "from 1 to %d"), MAX_SPAM_MAX_BYTES);
          return FALSE;
        }
      self->spam_max_bytes = json_node_get_int (node);
    }

  return parse_spam_lines (self, root, name, error)
         && read_phrase_list (root, "credit_agencies", TRUE, TRUE, FALSE, self->agencies,
                              name, NULL, error)
         && parse_numerals (self, root, name, error)
         && parse_headlines (self, root, name, error);
}

UnspinDebrisRules *
unspin_debris_rules_new_from_bytes (GBytes      *bytes,
                                    const char  *name,
                                    GError     **error)
{
  g_autoptr(UnspinDebrisRules) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = unspin_json_parse_document (bytes, UNSPIN_FILE_RULES, MAX_NESTING, &problem);
  if (parser == NULL)
    {
      set_rules_error (error, name, NULL, "%s", problem);
      return NULL;
    }
  if (!unspin_json_strings_valid (json_parser_get_root (parser)))
    {
      set_rules_error (error, name, NULL,
                       /* Translators: a problem in a data file, after its name; \u is a JSON
                        * escape. */
                       _("a string is not valid UTF-8 (a \\u escape of half a surrogate pair?)"));
      return NULL;
    }

  self = unspin_debris_rules_alloc ();
  if (!parse_rules (self, json_parser_get_root (parser), name, error))
    return NULL;
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return g_steal_pointer (&self);
}

UnspinDebrisRules *
unspin_debris_rules_new_from_file (GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = unspin_file_load (file, MAX_RULES_SIZE, UNSPIN_FILE_RULES, cancellable, &name, error);
  if (bytes == NULL)
    return NULL;

  return unspin_debris_rules_new_from_bytes (bytes, name, error);
}

const char *
unspin_debris_rules_get_id (UnspinDebrisRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

const char *
unspin_debris_rules_get_version (UnspinDebrisRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->version;
}

const char *
unspin_debris_rules_get_license (UnspinDebrisRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->license;
}

const char *
unspin_debris_rules_get_sha256 (UnspinDebrisRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sha256;
}

/* Line geometry shared by the rules that delete whole lines */

static inline gsize
break_length (const char *data,
              gsize       len,
              gsize       pos)
{
  if (pos < len && data[pos] == '\n')
    return 1;
  if (pos + 1 < len && data[pos] == '\r' && data[pos + 1] == '\n')
    return 2;
  return 0;
}

static inline gboolean
is_blank_byte (char c)
{
  return c == ' ' || c == '\t';
}

/* Bytes of the blank line at @pos (spaces, tabs, then its break), or 0 if it is not blank. */
static gsize
blank_line_length (const char *data,
                   gsize       len,
                   gsize       pos)
{
  gsize p = pos;
  gsize brk;

  while (p < len && is_blank_byte (data[p]))
    p++;
  brk = break_length (data, len, p);
  return brk > 0 ? p + brk - pos : 0;
}

static gboolean
is_text_start (const char *data,
               gsize       pos)
{
  return pos == 0 || (pos == 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0);
}

/* Where the break that ends the previous line starts, or @line_start when there is none. */
static gsize
previous_break_start (const char *data,
                      gsize       line_start)
{
  if (line_start == 0 || data[line_start - 1] != '\n')
    return line_start;
  if (line_start >= 2 && data[line_start - 2] == '\r')
    return line_start - 2;
  return line_start - 1;
}

/* Start of the line that ends at @line_end (where its break begins). */
static gsize
line_start_before (const char *data,
                   gsize       line_end)
{
  gsize p = line_end;

  while (p > 0 && data[p - 1] != '\n')
    p--;
  return p;
}

static gboolean
previous_line_is_blank (const char *data,
                        gsize       line_start)
{
  gsize p = previous_break_start (data, line_start);

  if (p == line_start)
    return FALSE;
  while (p > 0 && is_blank_byte (data[p - 1]))
    p--;
  return is_text_start (data, p) || data[p - 1] == '\n';
}

static gboolean spam_line_matches (UnspinDebrisRules *self,
                                   const char        *data,
                                   gsize              line_start,
                                   gsize              line_end,
                                   const SpamRule   **rule);

/* The bytes a whole-line deletion covers, so that what is left has neither a line with nothing
 * on it where the line was nor two blank lines in a row:
 * - the line and its break;
 * - plus the blank line after it when there is one and the line starts the text or follows a
 *   blank line ("A\n\nSPAM\n\nB" -> "A\n\nB", but "A\nSPAM\n\nB" -> "A\n\nB" too);
 * - a last line without a break: the line, plus the break of a blank line before it
 *   ("A\n\nSPAM" -> "A\n"), unless an earlier debris line already takes that blank line.
 * The span never reaches into a non-blank line before @line_start, because the engine may have
 * written that line out already. */
static void
line_deletion_span (UnspinDebrisRules *self,
                    const char        *data,
                    gsize              data_len,
                    gsize              line_start,
                    gsize              line_end,
                    gsize             *span_start,
                    gsize             *span_end)
{
  gsize brk = break_length (data, data_len, line_end);

  *span_start = line_start;
  *span_end = line_end + brk;

  if (brk > 0)
    {
      if (is_text_start (data, line_start) || previous_line_is_blank (data, line_start))
        *span_end += blank_line_length (data, data_len, *span_end);
      return;
    }

  if (previous_line_is_blank (data, line_start))
    {
      gsize blank_break = previous_break_start (data, line_start);
      gsize blank_start = line_start_before (data, blank_break);

      if (!is_text_start (data, blank_start))
        {
          gsize above_end = previous_break_start (data, blank_start);
          gsize above_start = line_start_before (data, above_end);

          if (above_end > above_start
              && (is_text_start (data, above_start)
                  || previous_line_is_blank (data, above_start))
              && spam_line_matches (self, data, above_start, above_end, NULL))
            return;
        }
      *span_start = blank_break;
    }
}

static void
add_line_deletion (UnspinDebrisRules *self,
                   const char        *data,
                   gsize              data_len,
                   gsize              line_start,
                   gsize              line_end,
                   double             confidence,
                   const char        *source,
                   const char        *reason,
                   GPtrArray         *edits)
{
  gsize start, end;
  g_autofree char *garbled = NULL;

  line_deletion_span (self, data, data_len, line_start, line_end, &start, &end);
  garbled = g_strndup (data + start, end - start);
  g_ptr_array_add (edits, unspin_edit_new (UNSPIN_EDIT_DELETE, start, end, garbled, "",
                                           confidence, source, reason));
}

/* Rule "spam-line" */

static gboolean
contains_any (const char         *lower,
              const char * const *needs)
{
  for (guint k = 0; needs[k] != NULL; k++)
    if (strstr (lower, needs[k]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
spam_line_matches (UnspinDebrisRules *self,
                   const char        *data,
                   gsize              line_start,
                   gsize              line_end,
                   const SpamRule   **rule)
{
  gsize s = line_start, e = line_end;
  gboolean plain_possible;
  char lower[MAX_SPAM_MAX_BYTES + 1];
  gboolean lowered = FALSE;

  /* Spaces, tabs and a stray CR around the line are not part of what the patterns describe. */
  while (s < e && (is_blank_byte (data[s]) || data[s] == '\r'))
    s++;
  while (e > s && (is_blank_byte (data[e - 1]) || data[e - 1] == '\r'))
    e--;
  if (s == e || e - s > self->spam_max_bytes)
    return FALSE;

  /* Without the combined pattern (it did not compile), each plain rule is tried in turn. */
  plain_possible = self->n_plain_rules > 0
                   && (self->spam_any == NULL
                       || g_regex_match_full (self->spam_any, data + s, e - s, 0, 0, NULL, NULL));

  for (guint i = 0; i < self->spam_rules->len; i++)
    {
      const SpamRule *candidate = g_ptr_array_index (self->spam_rules, i);

      if (candidate->needs == NULL)
        {
          if (!plain_possible)
            continue;
        }
      else
        {
          if (!lowered)
            {
              for (gsize k = s; k < e; k++)
                lower[k - s] = g_ascii_tolower (data[k]);
              lower[e - s] = '\0';
              lowered = TRUE;
            }
          if (!contains_any (lower, (const char * const *) candidate->needs))
            continue;
        }

      if (g_regex_match_full (candidate->regex, data + s, e - s, 0, 0, NULL, NULL))
        {
          if (rule != NULL)
            *rule = candidate;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
unspin_debris_check_spam_line (UnspinDebrisRules *self,
                               const char        *data,
                               gsize              data_len,
                               gsize              line_start,
                               gsize              line_end,
                               GPtrArray         *edits)
{
  const SpamRule *rule = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (line_start <= line_end && line_end <= data_len, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);

  if (!spam_line_matches (self, data, line_start, line_end, &rule))
    return FALSE;

  add_line_deletion (self, data, data_len, line_start, line_end, SPAM_CONFIDENCE,
                     rule->source, rule->reason, edits);
  return TRUE;
}

/* Token helpers */

static inline gboolean
token_is (const char        *data,
          const UnspinToken *token,
          const char        *text)
{
  gsize len = strlen (text);

  return token->end - token->start == len && memcmp (data + token->start, text, len) == 0;
}

static inline gboolean
token_is_glued (const UnspinToken *token)
{
  return (token->flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE) == 0;
}

static inline gsize
token_length (const UnspinToken *token)
{
  return token->end - token->start;
}

/* Does the phrase @words (normalised tokens) occur at tokens[at...]? Its first token is
 * already known to match. */
static gboolean
phrase_rest_matches_at (const char        *data,
                        const UnspinToken *tokens,
                        guint              n_tokens,
                        guint              at,
                        char             **words)
{
  for (guint k = 1; words[k] != NULL; k++)
    {
      char buf[WORD_BUF_SIZE];

      if (at + k >= n_tokens
          || unspin_token_normalize (data, &tokens[at + k], buf, sizeof buf) == 0
          || strcmp (buf, words[k]) != 0)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
phrases_keyed_by (GHashTable        *set,
                  const char        *data,
                  const UnspinToken *token)
{
  char buf[WORD_BUF_SIZE];

  if (unspin_token_normalize (data, token, buf, sizeof buf) == 0)
    return NULL;
  return g_hash_table_lookup (set, buf);
}

/* Does a phrase of @set start at tokens[at]? */
static gboolean
phrase_starts_at (GHashTable        *set,
                  const char        *data,
                  const UnspinToken *tokens,
                  guint              n_tokens,
                  guint              at)
{
  GPtrArray *list = phrases_keyed_by (set, data, &tokens[at]);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (phrase_rest_matches_at (data, tokens, n_tokens, at, g_ptr_array_index (list, i)))
      return TRUE;
  return FALSE;
}

/* Does a phrase of @set (keyed by last token) end at tokens[last]? */
static gboolean
phrase_ends_at (GHashTable        *set,
                const char        *data,
                const UnspinToken *tokens,
                guint              n_tokens,
                guint              last)
{
  GPtrArray *list = phrases_keyed_by (set, data, &tokens[last]);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      char **words = g_ptr_array_index (list, i);
      guint n = g_strv_length (words);
      char buf[WORD_BUF_SIZE];

      if (n > last + 1)
        continue;
      if (n == 1)
        return TRUE;
      /* The first token was not the key: compare it too. */
      if (unspin_token_normalize (data, &tokens[last + 1 - n], buf, sizeof buf) > 0
          && strcmp (buf, words[0]) == 0
          && phrase_rest_matches_at (data, tokens, n_tokens, last + 1 - n, words))
        return TRUE;
    }
  return FALSE;
}

/* Rule "glued-credit" */

static gboolean
is_initial (const char        *data,
            const UnspinToken *token)
{
  return token->kind == UNSPIN_TOKEN_WORD && (token->flags & UNSPIN_TOKEN_FLAG_CAPITAL)
         && g_utf8_strlen (data + token->start, token_length (token)) == 1;
}

/* "Lena Marsh", "Jane Q. Doe", "Jean-Luc Martin", "Ana de la Cruz": tokens[from, slash)
 * must read as a person's name (or a word like "File") before the credit's "/". */
static gboolean
is_credit_name (const char        *data,
                const UnspinToken *tokens,
                guint              from,
                guint              slash)
{
  guint n_words = 0;

  if (slash <= from || slash - from > MAX_CREDIT_NAME_TOKENS)
    return FALSE;

  for (guint k = from; k < slash; k++)
    {
      const UnspinToken *token = &tokens[k];

      if (token->kind == UNSPIN_TOKEN_WORD)
        {
          /* Lower-case name particles, never first or last. */
          if (!(token->flags & UNSPIN_TOKEN_FLAG_CAPITAL)
              && (k == from || k + 1 == slash || token_length (token) > 3))
            return FALSE;
          n_words++;
        }
      else if (token->kind == UNSPIN_TOKEN_PUNCT && token_is (data, token, ".")
               && k > from && token_is_glued (token) && is_initial (data, &tokens[k - 1]))
        ;
      else if (token->kind == UNSPIN_TOKEN_PUNCT && token_is (data, token, "-")
               && k > from && k + 1 < slash && token_is_glued (token)
               && token_is_glued (&tokens[k + 1]))
        ;
      else
        return FALSE;
    }
  return n_words > 0;
}

static gboolean
tail_has_agency (UnspinDebrisRules *self,
                 const char        *data,
                 const UnspinToken *tokens,
                 guint              from,
                 guint              n_tokens)
{
  UnspinToken words[MAX_CREDIT_TAIL_TOKENS];
  guint n_words = 0;

  if (n_tokens - from > MAX_CREDIT_TAIL_TOKENS)
    return FALSE;

  /* Agencies are listed as words: "AFP – Getty Images" is matched as afp getty images. */
  for (guint k = from; k < n_tokens; k++)
    if (tokens[k].kind != UNSPIN_TOKEN_PUNCT)
      words[n_words++] = tokens[k];

  for (guint k = 0; k < n_words; k++)
    if (phrase_starts_at (self->agencies, data, words, n_words, k))
      return TRUE;
  return FALSE;
}

/* The credit ends the paragraph with a short run of capitalised words, as outlets are named. */
static gboolean
tail_is_outlet (const char        *data,
                const UnspinToken *tokens,
                guint              from,
                guint              n_tokens)
{
  guint n_words = 0;

  for (guint k = from; k < n_tokens; k++)
    {
      if (tokens[k].kind == UNSPIN_TOKEN_PUNCT)
        {
          if (!token_is (data, &tokens[k], "-") && !token_is (data, &tokens[k], "–")
              && !token_is (data, &tokens[k], "&") && !token_is (data, &tokens[k], "."))
            return FALSE;
          continue;
        }
      if (!(tokens[k].flags & UNSPIN_TOKEN_FLAG_CAPITAL) || ++n_words > MAX_OUTLET_WORDS)
        return FALSE;
    }
  return n_words > 0;
}

gboolean
unspin_debris_check_glued_credit (UnspinDebrisRules *self,
                                  const char        *data,
                                  const UnspinToken *tokens,
                                  guint              n_tokens,
                                  GPtrArray         *edits)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (tokens != NULL || n_tokens == 0, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);

  /* The caption needs a few words of its own before the credit. */
  for (guint i = 3; i < n_tokens; i++)
    {
      const UnspinToken *end_mark = &tokens[i - 1];
      const UnspinToken *first = &tokens[i];
      const UnspinToken *before_mark = &tokens[i - 2];
      guint slash = 0;
      const char *line_break = "\n";
      double confidence;

      if (first->kind != UNSPIN_TOKEN_WORD || !(first->flags & UNSPIN_TOKEN_FLAG_CAPITAL)
          || !token_is_glued (first)
          || end_mark->kind != UNSPIN_TOKEN_PUNCT
          || !(token_is (data, end_mark, ".") || token_is (data, end_mark, ")")))
        continue;

      /* "U.S.Army": the period closes an abbreviation, not the caption. */
      if (token_is (data, end_mark, ".") && token_is_glued (end_mark)
          && is_initial (data, before_mark))
        continue;

      for (guint k = i + 1; k < n_tokens && k <= i + MAX_CREDIT_NAME_TOKENS; k++)
        if (token_is (data, &tokens[k], "/"))
          {
            slash = k;
            break;
          }
      if (slash == 0 || slash + 1 >= n_tokens || !is_credit_name (data, tokens, i, slash))
        continue;
      if (tail_has_agency (self, data, tokens, slash + 1, n_tokens))
        confidence = CREDIT_CONFIDENCE;
      else if (tail_is_outlet (data, tokens, slash + 1, n_tokens))
        confidence = CREDIT_OUTLET_CONFIDENCE;
      else
        continue;

      /* Keep the text's own line breaks (@data is NUL-terminated, as UnspinText keeps it). */
      {
        gsize p = tokens[n_tokens - 1].end;

        while (is_blank_byte (data[p]))
          p++;
        if (data[p] == '\r' && data[p + 1] == '\n')
          line_break = "\r\n";
      }

      g_ptr_array_add (edits, unspin_edit_new (UNSPIN_EDIT_INSERT, first->start, first->start,
                                               "", line_break, confidence,
                                               "rule:glued-credit",
                                               /* Translators: the reason shown for an edit
                                                * that puts a line break between a photo's
                                                * caption and its credit. */
                                               _("photo credit glued to its caption")));
      return TRUE;
    }

  return FALSE;
}

/* Rule "small-numeral" */

static gboolean
is_sentence_end_before (const char        *data,
                        const UnspinToken *tokens,
                        guint              i)
{
  const UnspinToken *prev;

  if (i == 0)
    return TRUE;
  prev = &tokens[i - 1];
  if (prev->kind != UNSPIN_TOKEN_PUNCT)
    return FALSE;
  if (token_is (data, prev, "!") || token_is (data, prev, "?"))
    return TRUE;
  if (!token_is (data, prev, "."))
    return FALSE;
  /* "the U.S. 2" is more likely mid-sentence than a new sentence. */
  return !(i >= 2 && token_is_glued (prev) && is_initial (data, &tokens[i - 2]));
}

/* A capitalised word right before the number, inside a sentence, names a thing the number
 * labels: "Route 9", "Article 5", "Windows 7", "World War 2". Possessives do not ("Porthaven’s 2"). */
static gboolean
is_label_word (const char        *data,
               const UnspinToken *tokens,
               guint              q)
{
  const UnspinToken *word = &tokens[q];
  const char *end = data + word->end;

  if (word->kind != UNSPIN_TOKEN_WORD || !(word->flags & UNSPIN_TOKEN_FLAG_CAPITAL))
    return FALSE;
  if ((word->end - word->start >= 2 && memcmp (end - 2, "'s", 2) == 0)
      || (word->end - word->start >= 4 && memcmp (end - 4, "\xE2\x80\x99s", 4) == 0))
    return FALSE;
  if (q == 0)
    return FALSE;
  if (is_sentence_end_before (data, tokens, q))
    return FALSE;
  /* After a dateline dash or an opening quote a capital starts the sentence. */
  return !(token_is (data, &tokens[q - 1], "—") || token_is (data, &tokens[q - 1], "–")
           || token_is (data, &tokens[q - 1], "“") || token_is (data, &tokens[q - 1], "\""));
}

/* Headlines and short label lines keep their figures (news style uses figures in headlines). */
static gboolean
is_headline_like_run (UnspinDebrisRules *self,
                      const char        *data,
                      const UnspinToken *tokens,
                      guint              n_tokens)
{
  const UnspinToken *last = &tokens[n_tokens - 1];
  guint n_words = 0;

  if (last->kind == UNSPIN_TOKEN_PUNCT
      && (token_is (data, last, ".") || token_is (data, last, "!") || token_is (data, last, "?")
          || token_is (data, last, "”") || token_is (data, last, "\"")
          || token_is (data, last, ")") || token_is (data, last, ":")))
    return FALSE;
  for (guint i = 0; i < n_tokens; i++)
    if (tokens[i].kind != UNSPIN_TOKEN_PUNCT && ++n_words > self->headline_max_words)
      return FALSE;
  return TRUE;
}

/* Punctuation that may follow a spelled-out number directly: "two.", "two," "two”". */
static gboolean
is_closing_punct (const char        *data,
                  const UnspinToken *token)
{
  static const char * const closing[] = { ".", ",", ";", "!", "?", "”", "\"" };

  for (guint k = 0; k < G_N_ELEMENTS (closing); k++)
    if (token_is (data, token, closing[k]))
      return TRUE;
  return FALSE;
}

static gboolean
is_address (UnspinDebrisRules *self,
            const char        *data,
            const UnspinToken *tokens,
            guint              n_tokens,
            guint              i)
{
  if (i + 1 >= n_tokens || !(tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_CAPITAL))
    return FALSE;
  for (guint k = i + 1; k < n_tokens && k <= i + ADDRESS_LOOKAHEAD; k++)
    {
      char buf[WORD_BUF_SIZE];

      if ((tokens[k].flags & UNSPIN_TOKEN_FLAG_CAPITAL)
          && unspin_token_normalize (data, &tokens[k], buf, sizeof buf) > 0
          && g_hash_table_contains (self->address_words, buf))
        return TRUE;
    }
  return FALSE;
}

/* Everything that makes a single digit a figure by news style, or an ambiguous one. */
static gboolean
numeral_stays (UnspinDebrisRules *self,
               const char        *data,
               const UnspinToken *tokens,
               guint              n_tokens,
               guint              i)
{
  const UnspinToken *number = &tokens[i];
  guint prev_word;

  /* Glued to what comes before: "$3", "COVID-19", "3.5", "5:30", "#1", "(2)". */
  if (i > 0 && token_is_glued (number))
    return TRUE;

  /* Next to another number: scores, ranges, lists, fractions ("3 to 5", "2 1/2", "3, 4"). */
  for (guint k = i >= 2 ? i - 2 : 0; k <= i + 2 && k < n_tokens; k++)
    if (k != i && tokens[k].kind == UNSPIN_TOKEN_NUMBER)
      return TRUE;

  if (i + 1 < n_tokens)
    {
      const UnspinToken *next = &tokens[i + 1];

      /* A list laid out with a tab or a run of spaces: "8\tAdd a command", "2   Eggs". */
      if (i == 0 && (data[number->end] == '\t'
                     || (next->start - number->end >= 2
                         && data[number->end] == ' ' && data[number->end + 1] == ' ')))
        return TRUE;

      if (token_is_glued (next))
        {
          /* "3-2", "5%", "3/4", "5:30" stay; so do "3.5", "3,000" and "1. " opening a list. */
          if (!is_closing_punct (data, next))
            return TRUE;
          if (i + 2 < n_tokens && token_is_glued (&tokens[i + 2]))
            return TRUE;
          if (i == 0 && token_is (data, next, "."))
            return TRUE;
          /* "John Smith, 5, of Porthaven": an age. */
          if (i > 0 && token_is (data, &tokens[i - 1], ",") && token_is (data, next, ","))
            return TRUE;
        }
      if (phrase_starts_at (self->not_before, data, tokens, n_tokens, i + 1))
        return TRUE;
      if (is_address (self, data, tokens, n_tokens, i))
        return TRUE;
    }

  if (i == 0)
    return FALSE;

  /* The word before, seen through an abbreviation's period: "Sept. 2", "No. 1". */
  prev_word = i - 1;
  if (i >= 2 && token_is (data, &tokens[i - 1], ".") && token_is_glued (&tokens[i - 1])
      && tokens[i - 2].kind == UNSPIN_TOKEN_WORD)
    {
      if (phrase_ends_at (self->not_after, data, tokens, n_tokens, i - 2))
        return TRUE;
      prev_word = i - 2;
    }
  if (phrase_ends_at (self->not_after, data, tokens, n_tokens, i - 1))
    return TRUE;
  if (prev_word == i - 1 && is_label_word (data, tokens, prev_word))
    return TRUE;

  return FALSE;
}

static char *
capitalize (const char *word)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (word)), first);
  return g_strconcat (first, g_utf8_next_char (word), NULL);
}

void
unspin_debris_check_numerals (UnspinDebrisRules *self,
                              const char        *data,
                              const UnspinToken *tokens,
                              guint              n_tokens,
                              GPtrArray         *edits)
{
  gboolean in_quote = FALSE;
  gboolean in_single_quote = FALSE;
  int headline_like = -1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (tokens != NULL || n_tokens == 0);
  g_return_if_fail (edits != NULL);

  /* Most paragraphs have no single digit at all: skip the quotation bookkeeping for them. */
  {
    gboolean any = FALSE;

    for (guint i = 0; i < n_tokens && !any; i++)
      any = tokens[i].kind == UNSPIN_TOKEN_NUMBER && token_length (&tokens[i]) == 1;
    if (!any)
      return;
  }

  for (guint i = 0; i < n_tokens; i++)
    {
      const UnspinToken *token = &tokens[i];
      char digit;
      g_autofree char *garbled = NULL;
      g_autofree char *proposal = NULL;

      if (token->kind == UNSPIN_TOKEN_PUNCT)
        {
          /* Quoted speech is what spinners leave alone: its figures are the speaker's. */
          if (token_is (data, token, "“") || token_is (data, token, "«"))
            in_quote = TRUE;
          else if (token_is (data, token, "”") || token_is (data, token, "»"))
            in_quote = FALSE;
          else if (token_is (data, token, "\""))
            in_quote = !in_quote;
          else if (token_is (data, token, "‘"))
            in_single_quote = TRUE;
          else if (token_is (data, token, "’"))
            in_single_quote = FALSE;
          continue;
        }

      if (token->kind != UNSPIN_TOKEN_NUMBER || token_length (token) != 1
          || in_quote || in_single_quote)
        continue;
      digit = data[token->start];
      if (digit < '1' || digit > '9')
        continue;

      if (headline_like < 0)
        headline_like = is_headline_like_run (self, data, tokens, n_tokens);
      if (headline_like)
        return;

      if (numeral_stays (self, data, tokens, n_tokens, i))
        continue;

      garbled = g_strndup (data + token->start, 1);
      if (is_sentence_end_before (data, tokens, i))
        proposal = capitalize (self->numeral_words[digit - '1']);
      else
        proposal = g_strdup (self->numeral_words[digit - '1']);
      g_ptr_array_add (edits, unspin_edit_new (UNSPIN_EDIT_REPLACE, token->start, token->end,
                                               garbled, proposal, self->numeral_confidence,
                                               "rule:small-numeral",
                                               /* Translators: the reason shown for an edit
                                                * that writes 3 as “three” (in English). */
                                               _("news style spells out numbers one to nine")));
    }
}

/* Rule "duplicate-headline" */

typedef struct {
  guint index;                                 /* into the caller's lines */
  guint n_words;
  char  words[MAX_HEADLINE_WORDS][WORD_BUF_SIZE];
} HeadWords;

/* Fills @head with the line's words if the line reads as a headline: a few words, no sentence
 * period at the end (an abbreviation's is fine: "… to the U.S."), a capital first word. */
static gboolean
read_headline (UnspinDebrisRules *self,
               const char        *data,
               gsize              start,
               gsize              end,
               GArray            *scratch,
               HeadWords         *head)
{
  const UnspinToken *tokens;
  guint n;
  gboolean first_word = TRUE;

  g_array_set_size (scratch, 0);
  unspin_tokenize (data, start, end, scratch);
  tokens = (const UnspinToken *) scratch->data;
  n = scratch->len;
  if (n == 0)
    return FALSE;

  if (token_is (data, &tokens[n - 1], ".")
      && !(n >= 2 && token_is_glued (&tokens[n - 1]) && tokens[n - 2].kind == UNSPIN_TOKEN_WORD
           && (tokens[n - 2].flags & UNSPIN_TOKEN_FLAG_CAPITAL)
           && g_utf8_strlen (data + tokens[n - 2].start, token_length (&tokens[n - 2])) <= 3))
    return FALSE;

  head->n_words = 0;
  for (guint i = 0; i < n; i++)
    {
      if (tokens[i].kind == UNSPIN_TOKEN_PUNCT)
        continue;
      if (first_word && tokens[i].kind == UNSPIN_TOKEN_WORD
          && !(tokens[i].flags & UNSPIN_TOKEN_FLAG_CAPITAL))
        return FALSE;
      first_word = FALSE;
      if (head->n_words == self->headline_max_words)
        return FALSE;
      if (unspin_token_normalize (data, &tokens[i], head->words[head->n_words],
                                  WORD_BUF_SIZE) == 0)
        return FALSE;
      head->n_words++;
    }

  return head->n_words >= self->headline_min_words;
}

/* How many words the two lines have in the same order (their longest common subsequence): a
 * spun copy keeps the original's order and most of its words, while a headline and its
 * standfirst share topic words in another order. */
static guint
headline_common_words (const HeadWords *a,
                       const HeadWords *b)
{
  guint lcs[MAX_HEADLINE_WORDS + 1][MAX_HEADLINE_WORDS + 1];

  for (guint i = 0; i <= a->n_words; i++)
    for (guint j = 0; j <= b->n_words; j++)
      {
        if (i == 0 || j == 0)
          lcs[i][j] = 0;
        else if (strcmp (a->words[i - 1], b->words[j - 1]) == 0)
          lcs[i][j] = lcs[i - 1][j - 1] + 1;
        else
          lcs[i][j] = MAX (lcs[i - 1][j], lcs[i][j - 1]);
      }

  return lcs[a->n_words][b->n_words];
}

void
unspin_debris_check_headlines (UnspinDebrisRules    *self,
                               const char           *data,
                               gsize                 data_len,
                               const UnspinHeadLine *lines,
                               guint                 n_lines,
                               GPtrArray            *edits)
{
  g_autoptr(GArray) scratch = NULL;
  g_autofree HeadWords *heads = NULL;
  guint n_heads = 0, n_seen = 0;
  guint best_a = 0, best_b = 0;
  double best = -1.0;
  const UnspinHeadLine *first, *second, *victim;
  double confidence;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (lines != NULL || n_lines == 0);
  g_return_if_fail (edits != NULL);
  for (guint i = 0; i < n_lines; i++)
    g_return_if_fail (lines[i].start <= lines[i].end && lines[i].end <= data_len);

  scratch = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  heads = g_new0 (HeadWords, 3);

  /* The first three lines that are not page debris: an ad line between the two headlines, as
   * content farms place them, does not push the second headline out of view. */
  for (guint i = 0; i < n_lines && n_seen < 3; i++)
    {
      if (spam_line_matches (self, data, lines[i].start, lines[i].end, NULL))
        continue;
      n_seen++;
      if (read_headline (self, data, lines[i].start, lines[i].end, scratch, &heads[n_heads]))
        heads[n_heads++].index = i;
    }

  for (guint a = 0; a < n_heads; a++)
    for (guint b = a + 1; b < n_heads; b++)
      {
        guint common = headline_common_words (&heads[a], &heads[b]);
        double similarity = (double) common / MAX (heads[a].n_words, heads[b].n_words);

        if (common >= self->headline_min_shared && similarity >= self->headline_min_overlap
            && similarity > best)
          {
            best = similarity;
            best_a = a;
            best_b = b;
          }
      }
  if (best < 0)
    return;

  first = &lines[heads[best_a].index];
  second = &lines[heads[best_b].index];

  if (best >= 1.0)
    {
      /* The same words twice: the repeat goes. */
      add_line_deletion (self, data, data_len, second->start, second->end, HEADLINE_CONFIDENCE,
                         /* Translators: the reason shown for deleting a headline that repeats the
                          * one above it. */
                         "rule:duplicate-headline", _("the headline above it, repeated"), edits);
      return;
    }

  if (first->n_marks != second->n_marks)
    {
      victim = first->n_marks > second->n_marks ? first : second;
      confidence = HEADLINE_CONFIDENCE;
    }
  else
    {
      /* Content farms put their spun title first, above the one they copied. */
      victim = first;
      confidence = HEADLINE_TIE_CONFIDENCE;
    }

  add_line_deletion (self, data, data_len, victim->start, victim->end, confidence,
                     "rule:duplicate-headline",
                     victim == first
                       /* Translators: the reason shown for deleting a headline: the same
                        * headline in other words ("spun") stands below it. */
                       ? _("a spun copy of the headline below it")
                       /* Translators: the reason shown for deleting a headline: the same
                        * headline in other words ("spun") stands above it. */
                       : _("a spun copy of the headline above it"),
                     edits);
}
