/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "unspin-engine.h"
#include "unspin-error.h"
#include "unspin-matcher.h"
#include "unspin-restore-writer.h"
#include "unspin-scorer.h"

/* How many non-empty lines at the top of an article the headline rule looks at. */
#define HEAD_LINES 6
#define HEAD_LINE_MAX 4096   /* bytes */
/* Streaming restore hands output to the stream in chunks of about this size. */
#define FLUSH_SIZE (256 * 1024)
/* The density of spinner marks around a paragraph is counted over the lines within this many
 * bytes before and after it: a news article, or a good part of a long one. */
#define DENSITY_REACH 4096

struct _UnspinEngine
{
  GObject            parent_instance;

  GPtrArray         *packs;      /* UnspinPhrasePack* */
  UnspinMatcher     *matcher;
  UnspinDebrisRules *rules;
  UnspinSpelling    *spelling;   /* American -> British, for British articles' proposals */
  UnspinThesaurus   *thesaurus;
  UnspinThesaurus   *word_map;
  UnspinThesaurus   *multiword;  /* the reverse thesaurus of two- and three-word synonyms */
  UnspinLm          *model;
  UnspinScorer      *scorer;     /* when a model is set */
  char              *thesaurus_dir;  /* data folder whose thesauri are read with the model */
  GFile             *term_pairs;     /* WordNet's word pairs, read by the scorer when needed */
  GFile             *aiksaurus;      /* the Aiksaurus thesaurus, read by the scorer when needed */
  GFile             *dict_pairs;     /* the computing dictionaries' word pairs, read with them */
  GFile             *doc_pairs;      /* scientific software documentation's, read with them */
  GFile             *phrasal;        /* the phrasal thesaurus, read by the scorer when needed */
};

G_DEFINE_FINAL_TYPE (UnspinEngine, unspin_engine, G_TYPE_OBJECT)

#define TERMS_PACK_ID "tortured-phrases"

static void     add_terms     (UnspinEngine     *self,
                               UnspinPhrasePack *pack);
static gboolean load_thesauri (UnspinEngine     *self,
                               GCancellable     *cancellable,
                               GError          **error);

/* Per-call working memory, so that one engine serves several threads. */
typedef struct {
  GArray    *tokens;   /* UnspinToken */
  GArray    *matches;  /* UnspinMatch */
  GPtrArray *edits;    /* UnspinEdit*: the current chunk's */
  gboolean   describe; /* fill garbled, source and reason: not needed to restore */
  UnspinScorerScratch *scorer;     /* when context scoring is on */
  GArray    *decisions;            /* UnspinDecision */
  GArray    *picks;                /* Pick: the pack decisions of the lines proposed on */
  /* The block of text proposed on, whose spelling its proposals take (block_spelling()). */
  UnspinSpelling *spelling;
  const char     *data;
  gsize           block_start;
  gsize           block_end;
  int             british;         /* -1: not looked at yet */
} Scratch;

/* A pack decision, for consistency between the places of one garbled phrase. */
typedef struct {
  const UnspinPackEntry *entry;
  const char            *original;
  gsize                  offset;
  guint                  line;      /* set by the caller of propose_line */
  gboolean               applied;   /* at or above UNSPIN_CONFIDENCE_HIGH */
} Pick;

static void
scratch_init (Scratch *scratch)
{
  scratch->tokens = g_array_sized_new (FALSE, FALSE, sizeof (UnspinToken), 256);
  scratch->matches = g_array_sized_new (FALSE, FALSE, sizeof (UnspinMatch), 32);
  scratch->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  scratch->scorer = NULL;
  scratch->spelling = NULL;
  scratch->british = -1;
  scratch->decisions = g_array_new (FALSE, TRUE, sizeof (UnspinDecision));
  g_array_set_clear_func (scratch->decisions, (GDestroyNotify) unspin_decision_clear);
  scratch->picks = g_array_new (FALSE, FALSE, sizeof (Pick));
}

static void
scratch_clear (Scratch *scratch)
{
  g_clear_pointer (&scratch->tokens, g_array_unref);
  g_clear_pointer (&scratch->matches, g_array_unref);
  g_clear_pointer (&scratch->edits, g_ptr_array_unref);
  g_clear_pointer (&scratch->scorer, unspin_scorer_scratch_free);
  g_clear_pointer (&scratch->decisions, g_array_unref);
  g_clear_pointer (&scratch->picks, g_array_unref);
}

static void
unspin_engine_finalize (GObject *object)
{
  UnspinEngine *self = (UnspinEngine *)object;

  g_clear_pointer (&self->matcher, unspin_matcher_free);
  g_clear_pointer (&self->packs, g_ptr_array_unref);
  g_clear_pointer (&self->rules, unspin_debris_rules_free);
  g_clear_pointer (&self->spelling, unspin_spelling_free);
  g_clear_pointer (&self->scorer, unspin_scorer_free);
  g_clear_object (&self->model);
  g_clear_object (&self->thesaurus);
  g_clear_object (&self->multiword);
  g_clear_object (&self->word_map);
  g_clear_pointer (&self->thesaurus_dir, g_free);
  g_clear_object (&self->term_pairs);
  g_clear_object (&self->aiksaurus);
  g_clear_object (&self->phrasal);
  g_clear_object (&self->dict_pairs);
  g_clear_object (&self->doc_pairs);

  G_OBJECT_CLASS (unspin_engine_parent_class)->finalize (object);
}

static void
unspin_engine_class_init (UnspinEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_engine_finalize;
}

static void
unspin_engine_init (UnspinEngine *self)
{
  self->packs = g_ptr_array_new_with_free_func (g_object_unref);
  self->matcher = unspin_matcher_new ();
}

UnspinEngine *
unspin_engine_new (void)
{
  return g_object_new (UNSPIN_TYPE_ENGINE, NULL);
}

const char *
unspin_engine_get_default_data_dir (void)
{
  const char *dir = g_getenv ("UNSPIN_DATA_DIR");

  return (dir != NULL && *dir != '\0') ? dir : UNSPIN_PKGDATADIR;
}

void
unspin_engine_add_pack (UnspinEngine     *self,
                        UnspinPhrasePack *pack)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (UNSPIN_IS_PHRASE_PACK (pack));

  g_ptr_array_add (self->packs, g_object_ref (pack));
  unspin_matcher_add_pack (self->matcher, pack);
  add_terms (self, pack);
}

gboolean
unspin_engine_add_pack_file (UnspinEngine  *self,
                             GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(UnspinPhrasePack) pack = NULL;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  pack = unspin_phrase_pack_new_from_file (file, cancellable, error);
  if (pack == NULL)
    return FALSE;
  unspin_engine_add_pack (self, pack);
  return TRUE;
}

void
unspin_engine_set_debris_rules (UnspinEngine      *self,
                                UnspinDebrisRules *rules)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));

  g_clear_pointer (&self->rules, unspin_debris_rules_free);
  self->rules = rules;
}

void
unspin_engine_set_spelling (UnspinEngine   *self,
                            UnspinSpelling *spelling)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));

  /* The matcher learns the British paths as packs are added: it is built again with them. */
  g_clear_pointer (&self->matcher, unspin_matcher_free);
  g_clear_pointer (&self->spelling, unspin_spelling_free);
  self->spelling = spelling;
  self->matcher = unspin_matcher_new ();
  unspin_matcher_set_spelling (self->matcher, spelling);
  for (guint i = 0; i < self->packs->len; i++)
    unspin_matcher_add_pack (self->matcher, g_ptr_array_index (self->packs, i));
}

/* The tortured-phrase pack's originals are established scientific terms: the scorer's term
 * vocabulary. Built from the pack as loaded, so a pack made without some rows knows nothing of
 * their terms (the hold-out measure in docs/context-model.md relies on that). */
static void
add_terms (UnspinEngine     *self,
           UnspinPhrasePack *pack)
{
  if (self->scorer != NULL && g_strcmp0 (unspin_phrase_pack_get_id (pack), TERMS_PACK_ID) == 0)
    unspin_scorer_add_term_pack (self->scorer, pack);
}

static void
update_scorer (UnspinEngine *self)
{
  g_clear_pointer (&self->scorer, unspin_scorer_free);
  if (self->model == NULL)
    return;
  self->scorer = unspin_scorer_new (self->model, self->thesaurus, self->word_map);
  unspin_scorer_set_term_pairs (self->scorer, self->term_pairs);
  unspin_scorer_set_aiksaurus (self->scorer, self->aiksaurus);
  unspin_scorer_set_dict_pairs (self->scorer, self->dict_pairs);
  unspin_scorer_set_doc_pairs (self->scorer, self->doc_pairs);
  unspin_scorer_set_multiword (self->scorer, self->multiword);
  unspin_scorer_set_phrasal (self->scorer, self->phrasal);
  for (guint i = 0; i < self->packs->len; i++)
    add_terms (self, g_ptr_array_index (self->packs, i));
}

void
unspin_engine_set_thesaurus (UnspinEngine    *self,
                             UnspinThesaurus *thesaurus,
                             UnspinThesaurus *word_map)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (thesaurus == NULL || UNSPIN_IS_THESAURUS (thesaurus));
  g_return_if_fail (word_map == NULL || UNSPIN_IS_THESAURUS (word_map));

  g_set_object (&self->thesaurus, thesaurus);
  g_set_object (&self->word_map, word_map);
  update_scorer (self);
}

void
unspin_engine_set_multiword (UnspinEngine    *self,
                             UnspinThesaurus *multiword)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (multiword == NULL || UNSPIN_IS_THESAURUS (multiword));

  g_set_object (&self->multiword, multiword);
  update_scorer (self);
}

void
unspin_engine_set_term_pairs (UnspinEngine *self,
                              GFile        *file)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->term_pairs, file);
  update_scorer (self);
}

void
unspin_engine_set_aiksaurus (UnspinEngine *self,
                             GFile        *file)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->aiksaurus, file);
  update_scorer (self);
}

void
unspin_engine_set_phrasal (UnspinEngine *self,
                           GFile        *file)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->phrasal, file);
  update_scorer (self);
}

void
unspin_engine_set_dict_pairs (UnspinEngine *self,
                              GFile        *file)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->dict_pairs, file);
  update_scorer (self);
}

void
unspin_engine_set_doc_pairs (UnspinEngine *self,
                             GFile        *file)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->doc_pairs, file);
  update_scorer (self);
}

void
unspin_engine_set_model (UnspinEngine *self,
                         UnspinLm     *model)
{
  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (model == NULL || UNSPIN_IS_LM (model));

  g_set_object (&self->model, model);
  update_scorer (self);
}

UnspinLm *
unspin_engine_get_model (UnspinEngine *self)
{
  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);

  return self->model;
}

gboolean
unspin_engine_get_context_scoring (UnspinEngine *self)
{
  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);

  return self->scorer != NULL;
}

gboolean
unspin_engine_load_model (UnspinEngine  *self,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFile) default_file = NULL;
  g_autoptr(UnspinLm) model = NULL;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL)
    {
      const char *path = unspin_lm_get_default_path ();

      if (path == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: UNSPIN_LM_MODEL is an environment variable. */
                               _("no language model is configured (set UNSPIN_LM_MODEL)"));
          return FALSE;
        }
      file = default_file = g_file_new_for_path (path);
    }

  model = unspin_lm_new_from_file (file, cancellable, error);
  if (model == NULL || !load_thesauri (self, cancellable, error))
    return FALSE;
  unspin_engine_set_model (self, model);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
load_optional_thesaurus (const char       *data_dir,
                         const char       *name,
                         UnspinThesaurus **out,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autofree char *path = g_build_filename (data_dir, "thesaurus", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  *out = unspin_thesaurus_new_from_file (file, cancellable, error);
  return *out != NULL;
}

/* The *.json files in @dir, sorted by name (a new array of names), or NULL with @error set. */
static GPtrArray *
json_files_in (GFile         *dir,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* Sets *@slot to DATA_DIR/thesaurus/@name when that file exists: the scorer reads it only when
 * a bare term first needs it, and reports a bad file then. */
static void
set_present_file (GFile      **slot,
                  const char  *data_dir,
                  const char  *name)
{
  g_autofree char *path = g_build_filename (data_dir, "thesaurus", name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_set_object (slot, file);
    }
}

/* Reads the thesauri of the data folder given to unspin_engine_load_default_data(), once. */
static gboolean
load_thesauri (UnspinEngine  *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(UnspinThesaurus) thesaurus = NULL;
  g_autoptr(UnspinThesaurus) word_map = NULL;
  g_autoptr(UnspinThesaurus) multiword = NULL;
  g_autofree char *data_dir = g_steal_pointer (&self->thesaurus_dir);

  if (data_dir == NULL)
    return TRUE;
  /* Optional data: the engine works without it, only with fewer candidates. */
  if (!load_optional_thesaurus (data_dir, "reverse-thesaurus.tsv", &thesaurus, cancellable, error)
      || !load_optional_thesaurus (data_dir, "tortured-words.tsv", &word_map, cancellable, error)
      || !load_optional_thesaurus (data_dir, "reverse-multiword.tsv", &multiword, cancellable, error))
    return FALSE;
  /* Read only when a bare term first needs them: the scorer checks the file then. */
  set_present_file (&self->term_pairs, data_dir, "wordnet-pairs.tsv");
  set_present_file (&self->aiksaurus, data_dir, "aiksaurus.tsv");
  set_present_file (&self->dict_pairs, data_dir, "dict-pairs.tsv");
  set_present_file (&self->doc_pairs, data_dir, "doc-pairs.tsv");
  g_set_object (&self->multiword, multiword);
  set_present_file (&self->phrasal, data_dir, "phrasal-thesaurus.tsv");
  unspin_engine_set_thesaurus (self, thesaurus, word_map);
  return TRUE;
}

gboolean
unspin_engine_load_default_data (UnspinEngine  *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  const char *data_dir = unspin_engine_get_default_data_dir ();
  g_autofree char *packs_path = g_build_filename (data_dir, "packs", NULL);
  g_autofree char *rules_path = g_build_filename (data_dir, "rules", "page-debris.json", NULL);
  g_autofree char *spelling_path = g_build_filename (data_dir, "spelling", "us-uk.tsv", NULL);
  g_autoptr(GFile) packs_dir = g_file_new_for_path (packs_path);
  g_autoptr(GFile) rules_file = g_file_new_for_path (rules_path);
  g_autoptr(GPtrArray) names = NULL;
  UnspinDebrisRules *rules;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);

  names = json_files_in (packs_dir, cancellable, error);
  if (names == NULL)
    {
      /* Translators: %s is a folder; the reason follows the colon. */
      g_prefix_error (error, _("The phrase packs folder %s cannot be read: "), packs_path);
      return FALSE;
    }

  /* Optional: without it, British articles get American spellings in their proposals, and phrases
   * spelled the British way are not found. Read before the packs, whose phrases it extends. */
  if (g_file_test (spelling_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) spelling_file = g_file_new_for_path (spelling_path);
      UnspinSpelling *spelling = unspin_spelling_new_from_file (spelling_file, cancellable, error);

      if (spelling == NULL)
        return FALSE;
      unspin_engine_set_spelling (self, spelling);
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (packs_dir, g_ptr_array_index (names, i));

      if (!unspin_engine_add_pack_file (self, file, cancellable, error))
        return FALSE;
    }

  rules = unspin_debris_rules_new_from_file (rules_file, cancellable, error);
  if (rules == NULL)
    return FALSE;
  unspin_engine_set_debris_rules (self, rules);

  /* Only context scoring reads the thesauri: they are loaded with the model, so that the
   * engine without one keeps the few megabytes they take. */
  g_free (self->thesaurus_dir);
  self->thesaurus_dir = g_strdup (data_dir);
  return self->model == NULL || load_thesauri (self, cancellable, error);
}

guint
unspin_engine_load_user_packs (UnspinEngine  *self,
                               GFile         *dir,
                               GPtrArray    **errors_out)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) names = NULL;
  GError *error = NULL;
  guint n_added = 0;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), 0);
  g_return_val_if_fail (G_IS_FILE (dir), 0);

  names = json_files_in (dir, NULL, &error);
  if (names == NULL)
    {
      names = g_ptr_array_new ();
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_clear_error (&error);
      else
        {
          g_autofree char *name = g_file_get_parse_name (dir);

          g_prefix_error (&error, "%s: ", name);
          g_ptr_array_add (errors, error);
        }
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));

      error = NULL;
      if (unspin_engine_add_pack_file (self, file, NULL, &error))
        n_added++;
      else
        g_ptr_array_add (errors, error);
    }

  if (errors_out != NULL)
    *errors_out = g_steal_pointer (&errors);
  return n_added;
}

GPtrArray *
unspin_engine_get_packs (UnspinEngine *self)
{
  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);

  return self->packs;
}

/* Adds the thesaurus file @id to @sources once the scorer has read it (@sha256 not NULL): a
 * lazily read file is a source of a text only when that text needed it. */
static void
add_read_source (GPtrArray  *sources,
                 const char *id,
                 const char *sha256,
                 const char *license)
{
  if (sha256 != NULL)
    g_ptr_array_add (sources, unspin_data_source_new ("thesaurus", id, "1", sha256, license));
}

GPtrArray *
unspin_engine_dup_sources (UnspinEngine *self)
{
  GPtrArray *sources;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_data_source_free);
  for (guint i = 0; i < self->packs->len; i++)
    {
      UnspinPhrasePack *pack = g_ptr_array_index (self->packs, i);

      g_ptr_array_add (sources,
                       unspin_data_source_new ("pack",
                                               unspin_phrase_pack_get_id (pack),
                                               unspin_phrase_pack_get_version (pack),
                                               unspin_phrase_pack_get_sha256 (pack),
                                               unspin_phrase_pack_get_license (pack)));
    }
  if (self->thesaurus != NULL && self->scorer != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("thesaurus", "reverse-thesaurus", "1",
                                             unspin_thesaurus_get_sha256 (self->thesaurus),
                                             "WordNet-3.0"));
  if (self->multiword != NULL && self->scorer != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("thesaurus", "reverse-multiword", "1",
                                             unspin_thesaurus_get_sha256 (self->multiword),
                                             "WordNet-3.0"));
  if (self->word_map != NULL && self->scorer != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("thesaurus", "tortured-words", "1",
                                             unspin_thesaurus_get_sha256 (self->word_map),
                                             "CC-BY-4.0"));
  if (self->scorer != NULL)
    {
      add_read_source (sources, "wordnet-pairs",
                       unspin_scorer_get_term_pairs_sha256 (self->scorer), "WordNet-3.0");
      add_read_source (sources, "aiksaurus",
                       unspin_scorer_get_aiksaurus_sha256 (self->scorer), "GPL-2.0-or-later");
      add_read_source (sources, "dict-pairs", unspin_scorer_get_dict_pairs_sha256 (self->scorer),
                       "GFDL-1.1-no-invariants-or-later");
      add_read_source (sources, "doc-pairs", unspin_scorer_get_doc_pairs_sha256 (self->scorer),
                       "GPL-3.0-or-later");
      add_read_source (sources, "phrasal-thesaurus",
                       unspin_scorer_get_phrasal_sha256 (self->scorer), "GPL-2.0-or-later");
    }
  if (self->spelling != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("spelling", "us-uk", "1",
                                             unspin_spelling_get_sha256 (self->spelling), "SCOWL"));
  if (self->rules != NULL)
    g_ptr_array_add (sources,
                     unspin_data_source_new ("rules",
                                             unspin_debris_rules_get_id (self->rules),
                                             unspin_debris_rules_get_version (self->rules),
                                             unspin_debris_rules_get_sha256 (self->rules),
                                             unspin_debris_rules_get_license (self->rules)));
  return sources;
}

static gboolean
is_space_byte (char c)
{
  return c == ' ' || c == '\t';
}

/* Whether "an" goes before @text, by its first word (up to a space or a hyphen). */
static gboolean
text_wants_an (const char *text)
{
  char word[64];

  if (unspin_normalize_word (text, strcspn (text, " -"), word, sizeof word) == 0)
    return FALSE;
  return unspin_wants_an (word);
}

/* Whether the article right before tokens[first] has to change with the replacement: it agrees
 * with the replaced word and not with @proposal ("a very easy" -> "an easy"). An article that
 * already disagrees with the replaced word is the writer's own and stays. */
static gboolean
article_changes (const char        *data,
                 const UnspinToken *tokens,
                 guint              first,
                 const char        *proposal)
{
  char article[4], word[64];
  gboolean is_an;

  if (first == 0 || tokens[first - 1].kind != UNSPIN_TOKEN_WORD
      || tokens[first].kind != UNSPIN_TOKEN_WORD || !g_ascii_isalpha (*proposal)
      || unspin_token_normalize (data, &tokens[first - 1], article, sizeof article) == 0
      || unspin_token_normalize (data, &tokens[first], word, sizeof word) == 0
      || !g_ascii_isalpha (word[0]))
    return FALSE;
  if (strcmp (article, "an") == 0)
    is_an = TRUE;
  else if (strcmp (article, "a") == 0)
    is_an = FALSE;
  else
    return FALSE;
  if (unspin_wants_an (word) != is_an)
    return FALSE;
  return text_wants_an (proposal) != is_an;
}

/* @proposal after the article it wants, written like @article ("A" or "a"). */
static char *
with_article (const char *article,
              const char *proposal)
{
  return g_strconcat (g_ascii_isupper (*article) ? "A" : "a",
                      text_wants_an (proposal) ? "n " : " ", proposal, NULL);
}

/* @text in the spelling of the block @scratch proposes on: a new string with British
 * spellings when the block reads as British and @text has American-only ones, else NULL. The
 * block is read the first time a proposal has such a word. */
static char *
block_spelling (Scratch    *scratch,
                const char *text)
{
  g_autofree char *british = NULL;

  if (scratch->spelling == NULL || scratch->british == 0
      || (british = unspin_spelling_to_british (scratch->spelling, text)) == NULL)
    return NULL;
  if (scratch->british < 0)
    scratch->british = unspin_spelling_reads_british (scratch->spelling, scratch->data,
                                                      scratch->block_start, scratch->block_end);
  return scratch->british ? g_steal_pointer (&british) : NULL;
}

/* An edit replacing tokens[first, last) by @proposal (written in lower case unless it has
 * capitals of its own, in American spelling), which takes the span's capitalisation and the
 * block's spelling, as do the alternatives. A deletion takes the space before the span with it;
 * a replacement that starts with another sound takes the article before it along. */
static UnspinEdit *
edit_for_span (const char         *data,
               gsize               line_start,
               const UnspinToken  *tokens,
               guint               first,
               guint               last,
               const char         *proposal_text,
               const char * const *alternatives,
               double              confidence,
               Scratch            *scratch,
               const char         *source,
               const char         *reason)
{
  gsize start = tokens[first].start;
  gsize end = tokens[last - 1].end;
  gboolean describe = scratch->describe;
  g_autofree char *garbled = NULL;
  g_autofree char *british = block_spelling (scratch, proposal_text);
  g_autofree char *proposal = NULL;
  const char *article = NULL;
  UnspinEditKind kind = UNSPIN_EDIT_REPLACE;
  UnspinEdit *edit;

  if (british != NULL)
    proposal_text = british;

  /* A span starting with a lower-case ASCII letter passes no capitals on: skip the copy. */
  if (!g_ascii_islower (data[start]))
    proposal_text = proposal = unspin_transfer_case (data + start, end - start, proposal_text);
  if (article_changes (data, tokens, first, proposal_text))
    {
      char *with = with_article (data + tokens[first - 1].start, proposal_text);

      article = data + tokens[first - 1].start;
      start = tokens[first - 1].start;
      g_free (proposal);
      proposal_text = proposal = with;
    }
  /* Packs write ' for the apostrophe; the text's own typography wins ("nation’s" -> "country’s"). */
  if (strchr (proposal_text, '\'') != NULL && g_strstr_len (data + start, end - start, "’") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (proposal_text, "'", -1);
      char *curly = g_strjoinv ("’", parts);

      g_free (proposal);
      proposal_text = proposal = curly;
    }
  if (*proposal_text == '\0')
    {
      kind = UNSPIN_EDIT_DELETE;
      while (start > line_start && is_space_byte (data[start - 1]))
        start--;
    }
  if (describe)
    garbled = g_strndup (data + start, end - start);

  edit = unspin_edit_new (kind, start, end, garbled, proposal_text, confidence,
                          describe ? source : NULL, describe ? reason : NULL);

  if (describe && alternatives != NULL && alternatives[0] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) cased = NULL;

      for (guint i = 0; alternatives[i] != NULL; i++)
        {
          g_autofree char *spelled = block_spelling (scratch, alternatives[i]);
          g_autofree char *alternative = unspin_transfer_case (data + tokens[first].start,
                                                               end - tokens[first].start,
                                                               spelled != NULL ? spelled : alternatives[i]);

          if (article != NULL)
            {
              char *with = with_article (article, alternative);

              g_free (alternative);
              alternative = with;
            }
          g_strv_builder_add (builder, alternative);
        }
      cased = g_strv_builder_end (builder);
      unspin_edit_set_alternatives (edit, (const char * const *) cased);
    }

  return edit;
}

/* The pack's own reason for an entry. */
static char *
pack_reason (const UnspinMatch *match)
{
  const UnspinPackEntry *entry = match->entry;
  const char *id = unspin_phrase_pack_get_id (match->pack);

  if (entry->note != NULL && *entry->note != '\0')
    return g_strdup (entry->note);
  if (*entry->originals[0] == '\0')
    /* Translators: an edit's reason; the first %s is the inserted filler, the second the
     * phrase pack's id, such as "news-spinner". */
    return g_strdup_printf (_("spinners insert “%s” (%s pack)"), entry->garbled, id);
  /* Translators: an edit's reason; the spinner's phrase, the original phrase, the pack's id. */
  return g_strdup_printf (_("spinners write “%s” for “%s” (%s pack)"), entry->garbled,
                          entry->originals[0], id);
}

/* One pack match becomes one edit, with the entry's prior as its confidence. */
static UnspinEdit *
edit_from_match (const char        *data,
                 gsize              line_start,
                 const UnspinToken *tokens,
                 const UnspinMatch *match,
                 Scratch           *scratch)
{
  const UnspinPackEntry *entry = match->entry;
  g_autofree char *source = NULL;
  g_autofree char *reason = NULL;

  if (scratch->describe)
    {
      source = g_strdup_printf ("pack:%s:%s", unspin_phrase_pack_get_id (match->pack), entry->garbled);
      reason = pack_reason (match);
    }
  return edit_for_span (data, line_start, tokens, match->token_start, match->token_end,
                        entry->originals[0], (const char * const *) entry->originals + 1,
                        entry->prior, scratch, source, reason);
}

/* A decision of the context scorer becomes one edit; the reason says what the model found. */
static UnspinEdit *
edit_from_decision (const char           *data,
                    gsize                 line_start,
                    const UnspinToken    *tokens,
                    const UnspinDecision *decision,
                    Scratch              *scratch)
{
  g_autofree char *source = NULL;
  g_autofree char *reason = NULL;

  if (scratch->describe)
    {
      const UnspinMatch *match = decision->match;
      /* The reason quotes the proposal as the edit will show it, in the text's spelling. */
      g_autofree char *spelled = block_spelling (scratch, decision->proposal);
      const char *shown = spelled != NULL ? spelled : decision->proposal;

      if (match != NULL)
        {
          g_autofree char *own = pack_reason (match);
          const char *id = unspin_phrase_pack_get_id (match->pack);

          source = g_strdup_printf ("pack:%s:%s", id, match->entry->garbled);
          if (decision->gain >= 0.5)
            /* Translators: an edit's reason; the proposed words, how much more likely the
             * language model finds them (a nat is a unit of information), the pack's id. */
            reason = g_strdup_printf (_("model prefers “%s” here by %.1f nats; from the %s pack"),
                                      shown, decision->gain, id);
          else if (decision->gain <= -0.5)
            /* Translators: the pack's own reason for an edit, then how much less likely the
             * language model finds the proposed words. */
            reason = g_strdup_printf (_("%s; the model finds it %.1f nats less likely here"),
                                      own, -decision->gain);
          else
            reason = g_steal_pointer (&own);
        }
      else
        {
          g_autofree char *garbled = g_utf8_strdown (data + tokens[decision->token_start].start,
                                                     tokens[decision->token_end - 1].end
                                                     - tokens[decision->token_start].start);

          if (decision->from_word_map)
            {
              source = g_strdup_printf ("model:tortured-words:%s", garbled);
              /* Translators: an edit's reason; the proposed words, the model's gain, the
               * garbled words ("tortured phrases" are garbled scientific terms). */
              reason = g_strdup_printf (_("model prefers “%s” here by %.1f nats; tortured phrases "
                                          "put “%s” for it (tortured-phrase word map)"),
                                        shown, decision->gain, garbled);
            }
          else if (decision->from_aiksaurus)
            {
              source = g_strdup_printf ("model:aiksaurus:%s", garbled);
              /* Translators: an edit's reason; the proposed words, the model's gain, the
               * garbled words. Aiksaurus is the name of a thesaurus. */
              reason = g_strdup_printf (_("model prefers “%s” here by %.1f nats; a spinner may put "
                                          "“%s” for it (Aiksaurus thesaurus)"),
                                        shown, decision->gain, garbled);
            }
          else if (decision->from_phrasal)
            {
              source = g_strdup_printf ("model:phrasal-thesaurus:%s", garbled);
              /* Translators: an edit's reason; the proposed word, the model's gain, the
               * garbled words (a phrase a spinner may have put for one word). */
              reason = g_strdup_printf (_("model prefers “%s” here by %.1f nats; a spinner may put "
                                          "“%s” for it (phrasal thesaurus)"),
                                        shown, decision->gain, garbled);
            }
          else
            {
              source = g_strdup_printf ("model:thesaurus:%s", garbled);
              /* Translators: an edit's reason; the proposed words, the model's gain, the
               * garbled words. */
              reason = g_strdup_printf (_("model prefers “%s” here by %.1f nats; a spinner may put "
                                          "“%s” for it (reverse thesaurus)"),
                                        shown, decision->gain, garbled);
            }
        }
    }

  return edit_for_span (data, line_start, tokens, decision->token_start, decision->token_end,
                        decision->proposal, (const char * const *) decision->alternatives,
                        decision->confidence, scratch, source, reason);
}

/* Sorts the chunk's edits and drops any that overlap an earlier one (the first proposed wins:
 * line rules come before word rules). */
static void
sort_and_drop_overlaps (GPtrArray *edits)
{
  guint out = 0;

  g_ptr_array_sort (edits, unspin_edit_compare);
  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      /* Sorted and kept apart, so only the last kept edit can overlap this one. */
      if (out > 0 && unspin_edit_overlaps (g_ptr_array_index (edits, out - 1), edit))
        {
          unspin_edit_unref (edit);
          continue;
        }
      edits->pdata[out++] = edit;
    }
  edits->len = out;
}

/* Whether data[start, end) is a line of prose: more than six words, ending a sentence. */
static gboolean
line_is_prose (const char *data,
               gsize       start,
               gsize       end)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (gsize i = start; i < end; i++)
    {
      gboolean space = g_ascii_isspace (data[i]);

      words += !space && !in_word;
      in_word = !space;
    }
  if (words <= 6)
    return FALSE;

  /* The last character that is not a space, a closing quotation mark or a bracket. */
  for (const char *q = data + end; q > data + start;)
    {
      gunichar ch;

      q = g_utf8_find_prev_char (data + start, q);
      if (q == NULL)
        break;
      ch = g_utf8_get_char (q);
      if (!g_unichar_isspace (ch) && ch != '"' && ch != '\'' && ch != 0x201D && ch != 0x2019
          && ch != ')' && ch != ']')
        return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026;
    }
  return FALSE;
}

/* Whether the line is an article's headline: the document's first line, with a paragraph of
 * prose among the next three lines that are not blank (a byline or a date may come between).
 * Such a line is decided as a sentence, not as a bare term, however short. */
static gboolean
line_is_headline (const char *data,
                  gsize       data_len,
                  gsize       line_start,
                  gsize       line_end)
{
  gsize pos = line_end;

  for (gsize i = 0; i < line_start; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  for (guint n = 0; n < 3; n++)
    {
      gsize end;

      while (pos < data_len && g_ascii_isspace (data[pos]))
        pos++;
      if (pos >= data_len)
        return FALSE;
      end = pos;
      while (end < data_len && data[end] != '\n')
        end++;
      if (line_is_prose (data, pos, end))
        return TRUE;
      pos = end;
    }
  return FALSE;
}

static void
propose_line (UnspinEngine *self,
              const char   *data,
              gsize         data_len,
              gsize         line_start,
              gsize         line_end,
              double        density,
              Scratch      *scratch)
{
  const UnspinToken *tokens;
  guint n_tokens;

  if (line_start == line_end)
    return;

  if (self->rules != NULL
      && unspin_debris_check_spam_line (self->rules, data, data_len, line_start, line_end,
                                        scratch->edits))
    return;

  g_array_set_size (scratch->tokens, 0);
  unspin_tokenize (data, line_start, line_end, scratch->tokens);
  tokens = (const UnspinToken *) scratch->tokens->data;
  n_tokens = scratch->tokens->len;

  g_array_set_size (scratch->matches, 0);
  unspin_matcher_find (self->matcher, data, tokens, n_tokens, scratch->matches);
  if (self->scorer != NULL)
    {
      g_array_set_size (scratch->decisions, 0);
      unspin_scorer_scratch_set_headline (scratch->scorer,
                                          line_is_headline (data, data_len, line_start, line_end));
      unspin_scorer_decide (self->scorer, scratch->scorer, data, tokens, n_tokens,
                            (const UnspinMatch *) scratch->matches->data, scratch->matches->len,
                            density, scratch->decisions);
      for (guint i = 0; i < scratch->decisions->len; i++)
        {
          const UnspinDecision *decision = &g_array_index (scratch->decisions, UnspinDecision, i);

          g_ptr_array_add (scratch->edits,
                           edit_from_decision (data, line_start, tokens, decision, scratch));
          if (decision->match != NULL && decision->text == NULL)
            {
              Pick pick = { decision->match->entry, decision->proposal,
                            tokens[decision->token_start].start, 0,
                            decision->confidence >= UNSPIN_CONFIDENCE_HIGH };

              g_array_append_val (scratch->picks, pick);
            }
        }
    }
  else
    for (guint i = 0; i < scratch->matches->len; i++)
      g_ptr_array_add (scratch->edits,
                       edit_from_match (data, line_start, tokens,
                                        &g_array_index (scratch->matches, UnspinMatch, i),
                                        scratch));

  if (self->rules != NULL)
    {
      unspin_debris_check_glued_credit (self->rules, data, tokens, n_tokens, scratch->edits);
      unspin_debris_check_numerals (self->rules, data, tokens, n_tokens, scratch->edits);
    }
}

/* The headline rule needs the first lines together, with how spun each one looks. */
static void
propose_head (UnspinEngine *self,
              UnspinText   *text,
              Scratch      *scratch,
              GPtrArray    *head_edits)
{
  UnspinHeadLine lines[HEAD_LINES];
  guint n_lines = 0;
  gsize pos = 0, start, end, len;
  const char *data = unspin_text_get_data (text, &len);

  if (self->rules == NULL)
    return;

  while (n_lines < HEAD_LINES && unspin_text_next_line (text, &pos, &start, &end))
    {
      gboolean blank = TRUE;

      for (gsize i = start; i < end && blank; i++)
        blank = g_ascii_isspace (data[i]);
      if (blank)
        continue;
      /* Headlines are short; a long line is the body, where the headlines end. */
      if (end - start > HEAD_LINE_MAX)
        break;

      g_array_set_size (scratch->tokens, 0);
      unspin_tokenize (data, start, end, scratch->tokens);
      g_array_set_size (scratch->matches, 0);
      unspin_matcher_find (self->matcher, data, (const UnspinToken *) scratch->tokens->data,
                           scratch->tokens->len, scratch->matches);
      lines[n_lines].start = start;
      lines[n_lines].end = end;
      lines[n_lines].n_marks = scratch->matches->len;
      n_lines++;
    }

  unspin_debris_check_headlines (self->rules, data, len, lines, n_lines, head_edits);
  g_ptr_array_sort (head_edits, unspin_edit_compare);
}

/* Called with each chunk's edits (sorted, non-overlapping, all starting at or after the previous
 * chunk's end) and the byte offset the chunk ends at, in text order, on the calling thread. */
typedef gboolean (*ChunkFunc) (GPtrArray *edits,
                               gsize      chunk_end,
                               gpointer   user_data,
                               GError   **error);

/* Big texts are cut into blocks of whole lines, proposed on in parallel and merged in order. A
 * line that runs on for more than BLOCK_SIZE past a block's first BLOCK_SIZE bytes (a text
 * without line breaks) is cut too, after a sentence end or a space, so that memory and time stay
 * bounded whatever the input. */
#define BLOCK_SIZE (1024 * 1024)

typedef struct {
  gsize      start;
  gsize      end;
  GPtrArray *edits;   /* UnspinEdit*, in text order */
  gboolean   done;
} Block;

typedef struct {
  UnspinEngine *engine;
  UnspinText   *text;
  GPtrArray    *head_edits;  /* read-only once made */
  gboolean      describe;
  GCancellable *cancellable;
  gint          stop;        /* atomic: a write failed or the scan was cancelled */
  GMutex        mutex;
  GCond         cond;
} Scan;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->edits, g_ptr_array_unref);
  g_free (block);
}

/* The next line of @block, or its part inside the block when the block was cut in a line. */
static gboolean
block_next_line (UnspinText  *text,
                 const Block *block,
                 gsize       *pos,
                 gsize       *start,
                 gsize       *end)
{
  if (*pos >= block->end || !unspin_text_next_line (text, pos, start, end))
    return FALSE;
  if (*end > block->end)
    *end = *pos = block->end;
  return TRUE;
}

/* Spinner marks per hundred words around each line of a block, for the context scorer: the
 * unambiguous pack matches within DENSITY_REACH bytes either side (the block's lines only, so
 * that the result does not depend on how blocks are scheduled). */
static GArray *
block_densities (Scan    *scan,
                 Block   *block,
                 Scratch *scratch)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (guint));   /* prefix sums */
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *densities = g_array_new (FALSE, FALSE, sizeof (double));
  gsize len, pos = block->start, start, end;
  const char *data = unspin_text_get_data (scan->text, &len);
  guint total_words = 0, total_marks = 0, lo = 0, hi = 0;

  g_array_append_val (words, total_words);
  g_array_append_val (marks, total_marks);
  while (block_next_line (scan->text, block, &pos, &start, &end))
    {
      const UnspinToken *tokens;

      g_array_set_size (scratch->tokens, 0);
      unspin_tokenize (data, start, end, scratch->tokens);
      tokens = (const UnspinToken *) scratch->tokens->data;
      for (guint i = 0; i < scratch->tokens->len; i++)
        total_words += tokens[i].kind == UNSPIN_TOKEN_WORD;
      g_array_set_size (scratch->matches, 0);
      unspin_matcher_find (scan->engine->matcher, data, tokens, scratch->tokens->len,
                           scratch->matches);
      for (guint i = 0; i < scratch->matches->len; i++)
        total_marks += unspin_scorer_is_mark (&g_array_index (scratch->matches, UnspinMatch, i));
      g_array_append_val (starts, start);
      g_array_append_val (words, total_words);
      g_array_append_val (marks, total_marks);
    }

  for (guint i = 0; i < starts->len; i++)
    {
      gsize here = g_array_index (starts, gsize, i);
      guint n_words, n_marks;
      double density;

      while (here - g_array_index (starts, gsize, lo) > DENSITY_REACH)
        lo++;
      while (hi + 1 < starts->len && g_array_index (starts, gsize, hi + 1) - here <= DENSITY_REACH)
        hi++;
      n_words = g_array_index (words, guint, hi + 1) - g_array_index (words, guint, lo);
      n_marks = g_array_index (marks, guint, hi + 1) - g_array_index (marks, guint, lo);
      /* Short texts are not evidence either way: count them as a hundred words. */
      density = 100.0 * n_marks / MAX (n_words, 100);
      g_array_append_val (densities, density);
    }

  return densities;
}

typedef struct {
  gsize  start;
  gsize  end;
  double density;
  guint  first_edit;   /* the block's edits that this line's turn added */
  guint  end_edit;
  gboolean own;        /* proposed on, and only the line's own edits (no headline rule's) */
  gboolean redo;
} LineTurn;

/* The same spun phrase in several places gets the same decision unless the context clearly
 * differs: a line with a pack suggestion whose original was applied with confidence for the
 * same entry within DENSITY_REACH bytes is decided again, that original counting as evidence. */
static void
make_consistent (Scan    *scan,
                 Block   *block,
                 Scratch *scratch,
                 GArray  *turns)
{
  g_autoptr(GArray) picks = g_array_copy (scratch->picks);
  g_autoptr(GHashTable) applied = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) edits = NULL;
  gsize len;
  const char *data = unspin_text_get_data (scan->text, &len);
  const Pick *p = (const Pick *) picks->data;
  gboolean any = FALSE;
  guint lo = 0;

  for (guint i = 0; i < picks->len; i++)
    {
      if (p[i].applied)
        continue;
      while (lo < picks->len && p[lo].offset + DENSITY_REACH < p[i].offset)
        lo++;
      for (guint j = lo; j < picks->len && p[j].offset <= p[i].offset + DENSITY_REACH; j++)
        if (p[j].applied && p[j].entry == p[i].entry && p[j].original == p[i].original
            && g_array_index (turns, LineTurn, p[i].line).own)
          {
            g_array_index (turns, LineTurn, p[i].line).redo = TRUE;
            any = TRUE;
            break;
          }
    }
  if (!any)
    return;

  edits = g_ptr_array_new_full (block->edits->len, (GDestroyNotify) unspin_edit_unref);
  lo = 0;
  for (guint l = 0; l < turns->len; l++)
    {
      LineTurn *turn = &g_array_index (turns, LineTurn, l);

      if (!turn->redo)
        {
          for (guint e = turn->first_edit; e < turn->end_edit; e++)
            g_ptr_array_add (edits, g_steal_pointer (&block->edits->pdata[e]));
          continue;
        }

      for (guint e = turn->first_edit; e < turn->end_edit; e++)
        g_clear_pointer (&block->edits->pdata[e], unspin_edit_unref);
      g_hash_table_remove_all (applied);
      while (lo < picks->len && p[lo].offset + DENSITY_REACH < turn->start)
        lo++;
      for (guint j = lo; j < picks->len && p[j].offset <= turn->end + DENSITY_REACH; j++)
        if (p[j].applied && !g_hash_table_contains (applied, p[j].entry))
          g_hash_table_insert (applied, (gpointer) p[j].entry, (gpointer) p[j].original);

      unspin_scorer_scratch_set_applied (scratch->scorer, applied);
      propose_line (scan->engine, data, len, turn->start, turn->end, turn->density, scratch);
      unspin_scorer_scratch_set_applied (scratch->scorer, NULL);
      sort_and_drop_overlaps (scratch->edits);
      for (guint i = 0; i < scratch->edits->len; i++)
        g_ptr_array_add (edits, g_steal_pointer (&scratch->edits->pdata[i]));
      scratch->edits->len = 0;
    }
  /* Every edit has moved or gone. */
  g_ptr_array_set_free_func (block->edits, NULL);
  g_ptr_array_unref (block->edits);
  block->edits = g_steal_pointer (&edits);
}

/* Proposes on the lines of one block. The same code runs whether the text is one block or many:
 * a line covered by an earlier edit (a deleted spam line takes the blank line after it) is
 * skipped; coverage reaching across blocks is settled when the blocks are merged. */
static void
scan_block (Scan  *scan,
            Block *block)
{
  Scratch scratch;
  gsize len, pos = block->start, start, end;
  gsize covered_until = block->start;
  const char *data = unspin_text_get_data (scan->text, &len);
  guint head_i = 0;
  guint n_lines = 0;
  g_autoptr(GArray) densities = NULL;
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (LineTurn));

  scratch_init (&scratch);
  scratch.describe = scan->describe;
  scratch.spelling = scan->engine->spelling;
  scratch.data = data;
  scratch.block_start = block->start;
  scratch.block_end = block->end;
  block->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  if (scan->engine->scorer != NULL)
    {
      scratch.scorer = unspin_scorer_scratch_new ();
      densities = block_densities (scan, block, &scratch);
    }

  while (head_i < scan->head_edits->len
         && ((UnspinEdit *) g_ptr_array_index (scan->head_edits, head_i))->byte_start < block->start)
    head_i++;

  while (block_next_line (scan->text, block, &pos, &start, &end))
    {
      if ((n_lines & 0xFF) == 0xFF
          && (g_atomic_int_get (&scan->stop) || g_cancellable_is_cancelled (scan->cancellable)))
        break;

      LineTurn turn = { start, end, densities ? g_array_index (densities, double, n_lines) : 0.0,
                        block->edits->len, 0, TRUE, FALSE };

      /* Line rules that take whole lines (and the blank line after) claim them first. */
      while (head_i < scan->head_edits->len
             && ((UnspinEdit *) g_ptr_array_index (scan->head_edits, head_i))->byte_start < pos)
        {
          UnspinEdit *edit = g_ptr_array_index (scan->head_edits, head_i++);

          g_ptr_array_add (scratch.edits, unspin_edit_ref (edit));
          covered_until = MAX (covered_until, edit->byte_end);
          turn.own = FALSE;
        }

      if (start >= covered_until)
        {
          guint before = scratch.edits->len, first_pick = scratch.picks->len;

          propose_line (scan->engine, data, len, start, end, turn.density, &scratch);
          for (guint i = before; i < scratch.edits->len; i++)
            covered_until = MAX (covered_until,
                                 ((UnspinEdit *) g_ptr_array_index (scratch.edits, i))->byte_end);
          for (guint i = first_pick; i < scratch.picks->len; i++)
            g_array_index (scratch.picks, Pick, i).line = turns->len;
        }
      else
        turn.own = FALSE;
      n_lines++;

      if (scratch.edits->len > 0)
        {
          sort_and_drop_overlaps (scratch.edits);
          for (guint i = 0; i < scratch.edits->len; i++)
            g_ptr_array_add (block->edits, g_steal_pointer (&scratch.edits->pdata[i]));
          scratch.edits->len = 0;
        }
      turn.end_edit = block->edits->len;
      g_array_append_val (turns, turn);
    }

  if (scan->engine->scorer != NULL && scratch.picks->len > 0
      && !g_atomic_int_get (&scan->stop) && !g_cancellable_is_cancelled (scan->cancellable))
    make_consistent (scan, block, &scratch, turns);

  scratch_clear (&scratch);
}

static void
scan_block_thread (gpointer data,
                   gpointer user_data)
{
  Block *block = data;
  Scan *scan = user_data;

  scan_block (scan, block);
  g_mutex_lock (&scan->mutex);
  block->done = TRUE;
  g_cond_broadcast (&scan->cond);
  g_mutex_unlock (&scan->mutex);
}

/* Where to cut a line between @from and @to: after the last sentence end followed by a space,
 * else after the last space, else at the last character boundary. */
static gsize
cut_point (const char *data,
           gsize       from,
           gsize       to)
{
  gsize space = 0;

  for (gsize i = to; i > from + 1; i--)
    {
      if (data[i - 1] != ' ' && data[i - 1] != '\t')
        continue;
      if (data[i - 2] == '.' || data[i - 2] == '!' || data[i - 2] == '?')
        return i;
      if (space == 0)
        space = i;
    }
  if (space != 0)
    return space;
  while (to > from && (data[to] & 0xC0) == 0x80)
    to--;
  return to;
}

/* The next block: from @start to the first line start at least BLOCK_SIZE further on, or, when
 * the line there goes on for another BLOCK_SIZE, to a cut in it. */
static Block *
next_block (UnspinText *text,
            gsize       start)
{
  gsize len, limit;
  const char *data = unspin_text_get_data (text, &len);
  Block *block = g_new0 (Block, 1);
  const char *nl = NULL;

  block->start = start;
  if (len - start <= BLOCK_SIZE)
    {
      block->end = len;
      return block;
    }
  limit = MIN (len, start + 2 * BLOCK_SIZE);
  nl = memchr (data + start + BLOCK_SIZE, '\n', limit - start - BLOCK_SIZE);
  if (nl != NULL)
    block->end = (gsize) (nl - data) + 1;
  else if (limit == len)
    block->end = len;
  else
    block->end = cut_point (data, start + BLOCK_SIZE, limit);
  return block;
}

/* Hands a block's edits on, dropping those that an edit of an earlier block already covers. */
static gboolean
merge_block (Block     *block,
             gsize     *covered_until,
             ChunkFunc  func,
             gpointer   user_data,
             GError   **error)
{
  guint out = 0;

  for (guint i = 0; i < block->edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (block->edits, i);

      if (edit->byte_start < *covered_until)
        {
          unspin_edit_unref (edit);
          continue;
        }
      *covered_until = MAX (*covered_until, edit->byte_end);
      block->edits->pdata[out++] = edit;
    }
  block->edits->len = out;

  return func (block->edits, block->end, user_data, error);
}

static gboolean
scan_text (UnspinEngine  *self,
           UnspinText    *text,
           gboolean       describe,
           ChunkFunc      func,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) head_edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  g_autoptr(GQueue) blocks = g_queue_new ();
  GThreadPool *pool = NULL;
  Scan scan = { 0 };
  Scratch scratch;
  gsize len, next_start, covered_until = 0;
  guint n_threads, max_ahead;
  gboolean ok = TRUE;

  scratch_init (&scratch);
  scratch.describe = describe;
  scratch.spelling = self->spelling;
  scratch.data = unspin_text_get_data (text, &len);
  scratch.block_start = 0;
  scratch.block_end = len;
  propose_head (self, text, &scratch, head_edits);
  scratch_clear (&scratch);

  scan.engine = self;
  scan.text = text;
  scan.head_edits = head_edits;
  scan.describe = describe;
  scan.cancellable = cancellable;
  g_mutex_init (&scan.mutex);
  g_cond_init (&scan.cond);

  n_threads = CLAMP (g_get_num_processors (), 1, 8);
  if (g_getenv ("UNSPIN_THREADS") != NULL)
    n_threads = CLAMP (g_ascii_strtoull (g_getenv ("UNSPIN_THREADS"), NULL, 10), 1, 64);
  max_ahead = 2 * n_threads;
  if (len > BLOCK_SIZE && n_threads > 1)
    pool = g_thread_pool_new (scan_block_thread, &scan, n_threads, FALSE, NULL);

  next_start = unspin_text_get_body_start (text);
  do
    {
      Block *block;

      /* Keep a few blocks in flight; memory stays bounded whatever the input size. */
      while (next_start < len && g_queue_get_length (blocks) < (pool ? max_ahead : 1))
        {
          Block *queued = next_block (text, next_start);

          next_start = queued->end;
          g_queue_push_tail (blocks, queued);
          if (pool)
            g_thread_pool_push (pool, queued, NULL);
        }

      block = g_queue_pop_head (blocks);
      if (block == NULL)
        break;

      if (pool)
        {
          g_mutex_lock (&scan.mutex);
          while (!block->done)
            g_cond_wait (&scan.cond, &scan.mutex);
          g_mutex_unlock (&scan.mutex);
        }
      else
        scan_block (&scan, block);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = merge_block (block, &covered_until, func, user_data, error);
      block_free (block);
    }
  while (ok);

  if (pool)
    {
      g_atomic_int_set (&scan.stop, TRUE);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  g_queue_free_full (g_steal_pointer (&blocks), block_free);
  g_mutex_clear (&scan.mutex);
  g_cond_clear (&scan.cond);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  return ok;
}

static gboolean
collect_chunk (GPtrArray  *edits,
               gsize       chunk_end,
               gpointer    user_data,
               GError    **error)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < edits->len; i++)
    g_ptr_array_add (all, unspin_edit_ref (g_ptr_array_index (edits, i)));
  return TRUE;
}

GPtrArray *
unspin_engine_propose (UnspinEngine  *self,
                       UnspinText    *text,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) edits = NULL;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), NULL);
  g_return_val_if_fail (UNSPIN_IS_TEXT (text), NULL);

  edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  if (!scan_text (self, text, TRUE, collect_chunk, edits, cancellable, error))
    return NULL;

  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      edit->id = i + 1;
      edit->char_start = unspin_text_byte_to_char (text, edit->byte_start);
      edit->char_end = edit->char_start
                       + g_utf8_strlen (edit->garbled, edit->byte_end - edit->byte_start);
    }

  return g_steal_pointer (&edits);
}

static void
propose_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *edits;

  edits = unspin_engine_propose (source_object, task_data, cancellable, &error);
  if (edits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, edits, (GDestroyNotify) g_ptr_array_unref);
}

void
unspin_engine_propose_async (UnspinEngine        *self,
                             UnspinText          *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (UNSPIN_IS_ENGINE (self));
  g_return_if_fail (UNSPIN_IS_TEXT (text));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, unspin_engine_propose_async);
  g_task_set_task_data (task, g_object_ref (text), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, propose_thread);
}

GPtrArray *
unspin_engine_propose_finish (UnspinEngine  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

UnspinReview *
unspin_engine_review (UnspinEngine  *self,
                      UnspinText    *text,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  UnspinReview *review;

  edits = unspin_engine_propose (self, text, cancellable, error);
  if (edits == NULL)
    return NULL;

  review = unspin_review_new (text, edits);
  unspin_review_preaccept (review, UNSPIN_CONFIDENCE_HIGH);
  sources = unspin_engine_dup_sources (self);
  for (guint i = 0; i < sources->len; i++)
    unspin_review_add_source (review, g_ptr_array_index (sources, i));

  return review;
}

typedef struct {
  UnspinRestoreWriter  writer;
  GString             *out;
  GOutputStream       *stream;
  double               min_confidence;
  GCancellable        *cancellable;
} StreamState;

static gboolean
stream_flush (StreamState  *state,
              GError      **error)
{
  gboolean ok = g_output_stream_write_all (state->stream, state->out->str, state->out->len,
                                           NULL, state->cancellable, error);

  g_string_truncate (state->out, 0);
  return ok;
}

static gboolean
stream_chunk (GPtrArray  *edits,
              gsize       chunk_end,
              gpointer    user_data,
              GError    **error)
{
  StreamState *state = user_data;

  for (guint i = 0; i < edits->len; i++)
    {
      UnspinEdit *edit = g_ptr_array_index (edits, i);

      if (edit->confidence >= state->min_confidence)
        unspin_restore_writer_apply (&state->writer, edit->byte_start, edit->byte_end,
                                     edit->proposal);
    }
  unspin_restore_writer_copy_to (&state->writer, chunk_end);

  if (state->out->len >= FLUSH_SIZE)
    return stream_flush (state, error);
  return TRUE;
}

gboolean
unspin_engine_restore_to_stream (UnspinEngine   *self,
                                 UnspinText     *text,
                                 double          min_confidence,
                                 GOutputStream  *stream,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  StreamState state;
  gsize len;
  const char *data;
  gboolean ok;

  g_return_val_if_fail (UNSPIN_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (UNSPIN_IS_TEXT (text), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  data = unspin_text_get_data (text, &len);
  state.out = g_string_sized_new (FLUSH_SIZE + 4096);
  state.stream = stream;
  state.min_confidence = min_confidence;
  state.cancellable = cancellable;
  unspin_restore_writer_init (&state.writer, data, state.out);

  ok = scan_text (self, text, FALSE, stream_chunk, &state, cancellable, error);
  if (ok)
    {
      unspin_restore_writer_copy_to (&state.writer, len);
      ok = stream_flush (&state, error);
    }

  g_string_free (state.out, TRUE);
  return ok;
}
