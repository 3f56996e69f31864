/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unspin-edit.h"
#include "unspin-scorer.h"

/* Candidates a slot may have, and words a candidate may have. */
#define MAX_CANDS 12
#define MAX_CAND_WORDS 8
/* Slots decided together, and hypotheses tried exhaustively before falling back to coordinate
 * ascent (one slot at a time, others fixed, two passes). */
#define MAX_GROUP 6
#define MAX_EXHAUSTIVE 48
/* On a bare term with a tortured word, whose few words often change only together ("liquor
 * reliance" -> "alcohol dependence": neither alone beats keeping them), more are tried. */
#define MAX_EXHAUSTIVE_TERMS 2048
/* Candidates a word outside the packs may have (the thesaurus lists are ranked). */
#define MAX_WORD_CANDS 8
#define MAX_ALTERNATIVES 3
/* At most this many words, and no closing punctuation: a line that is a term, not a sentence. */
#define FRAGMENT_WORDS 6

/*
 * The decision's parameters, in nats of language-model log-probability, fitted on the
 * project's development pairs and clean articles (docs/context-model.md says how):
 * a change is worth its LM gain plus a bonus from its source; its margin over keeping the
 * garbled words gives the confidence, MARGIN_HIGH being where it reaches
 * UNSPIN_CONFIDENCE_HIGH.
 */
typedef struct {
  double pack_bias;         /* pack candidate: bias + prior_weight * logit(prior) */
  double pack_low_bias;     /* added for entries below UNSPIN_CONFIDENCE_HIGH (suggestions) */
  double pack_prior_weight;
  double pack_rank_cost;    /* per place after the entry's first original */
  double pack_density;      /* times the density feature (0..1) */
  double pack_frequency;    /* suggestions: times how much more common the original is */
  double thes_bias;         /* thesaurus candidate: bias - rank_cost * rank */
  double thes_rank_cost;
  double thes_density;
  double thes_frequency;    /* times how much more frequent (unigram nats) the candidate is */
  double thes_term;         /* times the word map's bonus for a bare term */
  double thes_prose;        /* in a sentence (not a bare term): times (1 - the density feature)²
                             * and times the density feature over thes_prose_ramp, at most 1 */
  double thes_prose_ramp;
  double map_bias;          /* the same for the tortured-phrase word map */
  double map_rank_cost;
  double map_density;
  double map_frequency;
  double map_fragment;      /* added on a line that is a bare term, not a sentence */
  double map_line;          /* and when a word of that line is surely tortured (seen replaced,
                             * never standing for itself), to its other words too */
  double map_seen;          /* times ln(1 + how often the list shows the word replaced) */
  double map_own;           /* times ln(1 + how often it stands in a term for itself) */
  double min_surprise;      /* a word outside the packs is tried only when it and the word
                             * after it cost the model at least this many nats */
  double margin_high;       /* margin at which confidence is UNSPIN_CONFIDENCE_HIGH */
  double slope;             /* confidence = sigmoid(slope * (margin - margin_high) + logit(HIGH)) */
  double map_thin_margin;   /* on a bare term with a tortured word, added to margin_high for a
                             * word-map candidate the list shows replaced at most map_thin_seen
                             * times (thin evidence) */
  double map_thin_seen;
  double map_often_margin;  /* and for one it shows replaced at least map_often_seen times */
  double map_often_seen;
  double density_full;      /* marks per 100 words at which the density feature is 1 */
  double consistency;       /* pack candidate applied with confidence for the same entry nearby */
  double term_weight;       /* on a bare-term line: times the term vocabulary's ln P of the words */
  double term_confirmed;    /* and for its other words once one is changed with confidence */
  double term_pair;         /* and for each pair of its words that some established term has */
  double unknown_cost;      /* keeping a bare term's word the model does not know, which the
                             * word map lists: what the model would have charged for it */
  double wordnet_lemma;     /* on a line the term vocabulary judges: for each pair of its words
                             * in a WordNet multiword lemma ("nervous system") */
  double wordnet_gloss;     /* and for each pair seen only in WordNet's glosses */
  double dict_name;         /* and for each pair WordNet lacks that the computing dictionaries
                             * have in a name (FOLDOC's headwords and cross-references, V.E.R.A.'s
                             * expansions: "packet switching") */
  double dict_text;         /* and for each pair only their text has */
  double dict_line;         /* added to the term bonus of such a line whose every pair of words,
                             * as written, WordNet or those dictionaries have */
  double term_map_rank_cost; /* on such a line, added to map_rank_cost */
  double term_map_own;       /* added to map_own */
  double term_map_frequency; /* added to map_frequency */
  double term_thes_bias;     /* added to thes_bias */
  double map_multi_words;    /* the most words such a part may have (below 2: none tried) */
  double term_two;           /* on a bare term with two tortured words or more: added to term bonus */
  double term_all_known;     /* on one whose every word is an established term's own: the same */
  double term_none;          /* on one with no tortured word: the same */
  double term_other_pack;    /* on a bare term: added for an entry of a pack that is not a term
                              * pack ("individuals" -> "people" of the news spinner) whose words
                              * the term vocabulary knows as established terms' own words */
  double aik_bias;           /* Aiksaurus candidate on a bare term with a tortured word (at or
                              * below AIK_OFF: not tried there) */
  double aik_fragment_bias;  /* and on another bare term (at or below AIK_OFF: not tried there) */
  double aik_prose_bias;     /* and on any other line (at or below AIK_OFF: not tried there) */
  double aik_rank_cost;      /* per place after its first candidate */
  double aik_frequency;      /* times how much more frequent (unigram nats) the candidate is */
  double pair_written;       /* on such lines: for each pair of words kept as written that
                              * WordNet or the dictionaries attest, more */
  double fragment_pairs;     /* on a bare term without a tortured word but with a candidate:
                              * times the WordNet and dictionary pair weights (0: not read) */
  double part_bias;          /* a bare term's word joined to another by a hyphen ("low-dormancy"):
                              * added to its candidates (at or below PART_OFF: none tried) */
  double multi_bias;         /* in a sentence, two or three words that the multiword reverse
                              * thesaurus lists ("carried out" -> "performed"): thes_bias for
                              * them (at or below MULTI_OFF: not tried) */
  double multi_frequency;    /* and thes_frequency for them */
  double multi_density;      /* and thes_density */
  double multi_contained;    /* added for a candidate that is one of their words ("written
                              * report" -> "report"): the thesaurus's plain name for the same sense */
  double multi_surprise;     /* they are tried when they and the word after them cost the model
                              * at least min_surprise and this many nats more a word after
                              * their first */
  double phrasal_bias;         /* the phrasal thesaurus's word for two to four words of a bare
                              * term with a tortured word ("malignant growth" -> "cancer"; at or
                              * below PHRASAL_OFF: not read nor tried) */
  double phrasal_rank_cost;    /* per place after its first candidate */
} Params;

/* The bits of a hypothesis word's seq_inner. */
#define SEQ_INNER   1   /* not the first word of a slot's words */
#define SEQ_CHANGED 2   /* a candidate's word */

/* A hyphenated part's bias at or below this: such words get no candidates. */
#define PART_OFF (-50.0)

/* An Aiksaurus bias at or below this turns its candidates off on such lines. */
#define AIK_OFF (-50.0)

/* A multiword bias at or below this: no multiword spans are tried in sentences. */
#define MULTI_OFF (-50.0)
/* A phrasal thesaurus bias at or below this turns its candidates off. */
#define PHRASAL_OFF (-50.0)

static Params params = {
  .pack_bias = 0.0,
  .pack_low_bias = -6.0,
  .pack_prior_weight = 2.0,
  .pack_rank_cost = 0.7,
  .pack_density = 10.0,
  .pack_frequency = 0.0,
  .thes_bias = -10.5,
  .thes_rank_cost = 0.25,
  .thes_density = 9.0,
  .thes_frequency = 0.6,
  .thes_term = 0.4,
  .thes_prose = 7.0,
  .thes_prose_ramp = 0.2,
  .map_bias = -12.0,
  .map_rank_cost = 1.0,
  .map_density = 6.0,
  .map_frequency = 0.0,
  .map_fragment = 5.0,
  .map_line = 2.5,
  .map_seen = 2.0,
  .map_own = 4.0,
  .min_surprise = 14.0,
  .margin_high = 2.0,
  .map_thin_margin = 1.5,
  .map_thin_seen = 2.0,
  .map_often_margin = -1.0,
  .map_often_seen = 10.0,
  .slope = 0.9,
  .density_full = 4.0,
  .consistency = 3.0,
  .term_weight = 0.3,
  .term_confirmed = 7.0,
  .term_pair = 2.0,
  .unknown_cost = 25.0,
  .wordnet_lemma = 5.0,
  .wordnet_gloss = 1.0,
  .dict_name = 8.5,
  .dict_text = 3.0,
  .dict_line = -4.0,
  .term_map_rank_cost = 1.0,
  .term_map_own = -1.0,
  .term_map_frequency = 0.2,
  .term_thes_bias = -1.0,
  .map_multi_words = 4.0,
  .term_two = 1.0,
  .term_all_known = -6.0,
  .term_none = -3.0,
  .term_other_pack = -12.0,
  .aik_bias = -17.0,
  .aik_fragment_bias = -100.0,
  .aik_prose_bias = -100.0,
  .aik_rank_cost = 0.5,
  .aik_frequency = 0.6,
  .pair_written = 5.0,
  .fragment_pairs = 0.75,
  .part_bias = 0.0,
  .multi_bias = -10.5,
  .multi_frequency = 0.0,
  .multi_density = 5.0,
  .multi_contained = 2.0,
  .multi_surprise = 3.0,
  .phrasal_bias = -6.0,
  .phrasal_rank_cost = 0.5,
};

typedef enum {
  FROM_PACK,
  FROM_WORD_MAP,
  FROM_THESAURUS,
  FROM_AIKSAURUS,
  FROM_PHRASAL,
} Source;

#define SOURCE_BIT(source) (1u << (source))
/* The candidates every word outside the packs may get. */
#define USUAL_SOURCES (SOURCE_BIT (FROM_WORD_MAP) | SOURCE_BIT (FROM_THESAURUS))

typedef struct {
  guint               token_start;
  guint               token_end;
  guint               lm_start;       /* the garbled words' place in the paragraph's LM words */
  guint               lm_end;
  const UnspinMatch  *match;          /* NULL: a thesaurus slot */
  const char         *cands[MAX_CANDS];
  guint8              cand_source[MAX_CANDS];
  guint               n_cands;
  gboolean            article;        /* starts with "a"/"an", repaired for each candidate */
  guint               map_seen;       /* the word map's counts for the word */
  guint               map_own;
  gboolean            scored;         /* FALSE: the model cannot judge it; the prior decides */
  gboolean            unknown;        /* a bare term's word the model lacks, from the word map */
  int                 cand_words[MAX_CANDS][MAX_CAND_WORDS];
  guint               cand_len[MAX_CANDS];
  gboolean            cand_ok[MAX_CANDS];
  double              bonus[MAX_CANDS];
  int                 choice;         /* -1: keep the garbled words */
  gboolean            part;           /* a bare term's word joined to another by a hyphen */
  gboolean            other_pack;     /* a bare term's words that another pack's entry matched */
  gboolean            multi;          /* a sentence's words the multiword reverse thesaurus lists */
  double              garbled_unigram; /* the garbled words' ln P on their own */
} Slot;

/* A word pairs file, read with the others the first time a text needs them (ensure_pairs()). */
typedef struct {
  GFile *file;
  char  *sha256;   /* once read */
} PairsFile;

static void
pairs_file_clear (PairsFile *pairs)
{
  g_clear_object (&pairs->file);
  g_clear_pointer (&pairs->sha256, g_free);
}

/* A thesaurus read the first time a text needs it. */
typedef struct {
  GFile           *file;
  UnspinThesaurus *thesaurus;
  gsize            built;
} LazyThesaurus;

static void
lazy_thesaurus_clear (LazyThesaurus *lazy)
{
  g_clear_object (&lazy->file);
  g_clear_object (&lazy->thesaurus);
}

struct _UnspinScorer
{
  UnspinLm        *lm;
  UnspinThesaurus *thesaurus;
  UnspinThesaurus *word_map;
  UnspinThesaurus *multiword;       /* the reverse thesaurus of two- and three-word synonyms */
  guint            order;
  int              s_id;            /* <s>, </s> */
  int              e_id;
  int              a_id;            /* "a", "an" */
  int              an_id;
  int              trace;           /* $UNSPIN_SCORER_TRACE: one line per decided slot on stderr;
                                     * 2: also every thesaurus slot and the words passed over */
  /* The term vocabulary: model words of established terms (from unspin_scorer_add_term_pack()),
   * their counts, as a word and as the history of the next one, and the counts of word pairs. */
  GHashTable      *term_words;      /* GINT_TO_POINTER (id + 1) -> GUINT_TO_POINTER (count) */
  GHashTable      *term_histories;
  GHashTable      *term_pairs;      /* gint64* (id << 32 | next id) -> GUINT_TO_POINTER (count) */
  GHashTable      *term_garbled;    /* model words of the tortured phrases, counted the same way */
  guint            term_total;
  GPtrArray       *term_packs;      /* UnspinPhrasePack*: where the vocabulary comes from */
  gsize            terms_built;
  /* Word pairs WordNet attests (unspin_scorer_set_term_pairs()), read when a bare term first
   * needs them: sorted pair_key()s, in multiword lemmas and in glosses only. */
  PairsFile        wordnet_file;
  GArray          *lemma_pairs;     /* gint64 */
  GArray          *gloss_pairs;
  /* Word pairs the computing dictionaries attest (unspin_scorer_set_dict_pairs()), read with
   * WordNet's, sorted the same way. */
  PairsFile        dict_file;
  GArray          *dict_name_pairs; /* gint64 */
  GHashTable      *pair_words;      /* the pairs files' words -> GINT_TO_POINTER (their ids: the
                                     * model's, or from PAIR_WORD_BASE for those it lacks, "fourier") */
  guint            n_other_pair_words;
  GArray          *dict_text_pairs;
  /* Word pairs scientific software's documentation attests (unspin_scorer_set_doc_pairs()),
   * read with them into the same lists: those seen often with the names, the others with the
   * text. */
  PairsFile        doc_file;
  gsize            pairs_built;
  /* Read when a line first may use them: unspin_scorer_set_aiksaurus(), _set_phrasal(). */
  LazyThesaurus    aik;
  LazyThesaurus    phrasal;
};

struct _UnspinScorerScratch
{
  GArray  *lm_words;     /* int: the paragraph as the model sees it */
  GArray  *lm_scores;    /* double: each of those words' ln P in the garbled text */
  GArray  *tok_lm;       /* guint pairs: each token's [start, end) in lm_words */
  GArray  *slots;        /* Slot */
  GArray  *seq;          /* int: one hypothesis's words */
  GArray  *seq_inner;    /* guint8 for each of them: not the first word of a slot's words */
  GArray  *pair_ids;     /* int: lm_words, with the pairs files' ids for words the model lacks */
  GArray  *pair_seq;     /* int: seq the same way, for the pairs */
  GArray  *tmp_tokens;   /* UnspinToken, for candidates */
  UnspinLmCache *cache;
  GHashTable *applied;   /* borrowed, may be NULL: UnspinPackEntry* → original applied nearby */
  gboolean    terms;     /* the paragraph is a bare term with a tortured word: the term
                          * vocabulary judges it too */
  gboolean    headline;  /* the paragraph is an article's headline: a sentence, not a bare term */
  gboolean    fragment;  /* the paragraph is a bare term */
  gboolean    aik;       /* the Aiksaurus thesaurus gives candidates in this paragraph */
  gboolean    pairs;     /* WordNet's and the dictionaries' pairs judge its hypotheses */
};

static const Params *
get_params (void)
{
  static gsize once = 0;

  /* $UNSPIN_SCORER_PARAMS="name=value,..." overrides parameters while calibrating. */
  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("UNSPIN_SCORER_PARAMS");
      g_auto(GStrv) items = env ? g_strsplit (env, ",", -1) : NULL;
      static const struct { const char *name; gsize offset; } names[] = {
        { "pack_bias", G_STRUCT_OFFSET (Params, pack_bias) },
        { "pack_low_bias", G_STRUCT_OFFSET (Params, pack_low_bias) },
        { "pack_prior_weight", G_STRUCT_OFFSET (Params, pack_prior_weight) },
        { "pack_rank_cost", G_STRUCT_OFFSET (Params, pack_rank_cost) },
        { "pack_density", G_STRUCT_OFFSET (Params, pack_density) },
        { "pack_frequency", G_STRUCT_OFFSET (Params, pack_frequency) },
        { "thes_bias", G_STRUCT_OFFSET (Params, thes_bias) },
        { "thes_rank_cost", G_STRUCT_OFFSET (Params, thes_rank_cost) },
        { "thes_density", G_STRUCT_OFFSET (Params, thes_density) },
        { "thes_frequency", G_STRUCT_OFFSET (Params, thes_frequency) },
        { "thes_term", G_STRUCT_OFFSET (Params, thes_term) },
        { "thes_prose", G_STRUCT_OFFSET (Params, thes_prose) },
        { "thes_prose_ramp", G_STRUCT_OFFSET (Params, thes_prose_ramp) },
        { "map_bias", G_STRUCT_OFFSET (Params, map_bias) },
        { "map_rank_cost", G_STRUCT_OFFSET (Params, map_rank_cost) },
        { "map_density", G_STRUCT_OFFSET (Params, map_density) },
        { "map_frequency", G_STRUCT_OFFSET (Params, map_frequency) },
        { "map_fragment", G_STRUCT_OFFSET (Params, map_fragment) },
        { "map_line", G_STRUCT_OFFSET (Params, map_line) },
        { "map_seen", G_STRUCT_OFFSET (Params, map_seen) },
        { "map_own", G_STRUCT_OFFSET (Params, map_own) },
        { "min_surprise", G_STRUCT_OFFSET (Params, min_surprise) },
        { "margin_high", G_STRUCT_OFFSET (Params, margin_high) },
        { "map_thin_margin", G_STRUCT_OFFSET (Params, map_thin_margin) },
        { "map_thin_seen", G_STRUCT_OFFSET (Params, map_thin_seen) },
        { "map_often_margin", G_STRUCT_OFFSET (Params, map_often_margin) },
        { "map_often_seen", G_STRUCT_OFFSET (Params, map_often_seen) },
        { "slope", G_STRUCT_OFFSET (Params, slope) },
        { "density_full", G_STRUCT_OFFSET (Params, density_full) },
        { "consistency", G_STRUCT_OFFSET (Params, consistency) },
        { "term_weight", G_STRUCT_OFFSET (Params, term_weight) },
        { "term_confirmed", G_STRUCT_OFFSET (Params, term_confirmed) },
        { "term_pair", G_STRUCT_OFFSET (Params, term_pair) },
        { "unknown_cost", G_STRUCT_OFFSET (Params, unknown_cost) },
        { "wordnet_lemma", G_STRUCT_OFFSET (Params, wordnet_lemma) },
        { "wordnet_gloss", G_STRUCT_OFFSET (Params, wordnet_gloss) },
        { "dict_name", G_STRUCT_OFFSET (Params, dict_name) },
        { "dict_text", G_STRUCT_OFFSET (Params, dict_text) },
        { "dict_line", G_STRUCT_OFFSET (Params, dict_line) },
        { "term_map_rank_cost", G_STRUCT_OFFSET (Params, term_map_rank_cost) },
        { "term_map_own", G_STRUCT_OFFSET (Params, term_map_own) },
        { "term_map_frequency", G_STRUCT_OFFSET (Params, term_map_frequency) },
        { "term_thes_bias", G_STRUCT_OFFSET (Params, term_thes_bias) },
        { "map_multi_words", G_STRUCT_OFFSET (Params, map_multi_words) },
        { "term_other_pack", G_STRUCT_OFFSET (Params, term_other_pack) },
        { "term_two", G_STRUCT_OFFSET (Params, term_two) },
        { "term_all_known", G_STRUCT_OFFSET (Params, term_all_known) },
        { "term_none", G_STRUCT_OFFSET (Params, term_none) },
        { "aik_bias", G_STRUCT_OFFSET (Params, aik_bias) },
        { "aik_fragment_bias", G_STRUCT_OFFSET (Params, aik_fragment_bias) },
        { "aik_prose_bias", G_STRUCT_OFFSET (Params, aik_prose_bias) },
        { "aik_rank_cost", G_STRUCT_OFFSET (Params, aik_rank_cost) },
        { "aik_frequency", G_STRUCT_OFFSET (Params, aik_frequency) },
        { "pair_written", G_STRUCT_OFFSET (Params, pair_written) },
        { "fragment_pairs", G_STRUCT_OFFSET (Params, fragment_pairs) },
        { "part_bias", G_STRUCT_OFFSET (Params, part_bias) },
        { "multi_bias", G_STRUCT_OFFSET (Params, multi_bias) },
        { "multi_frequency", G_STRUCT_OFFSET (Params, multi_frequency) },
        { "multi_density", G_STRUCT_OFFSET (Params, multi_density) },
        { "multi_contained", G_STRUCT_OFFSET (Params, multi_contained) },
        { "multi_surprise", G_STRUCT_OFFSET (Params, multi_surprise) },
        { "phrasal_bias", G_STRUCT_OFFSET (Params, phrasal_bias) },
        { "phrasal_rank_cost", G_STRUCT_OFFSET (Params, phrasal_rank_cost) },
      };

      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          char *eq = strchr (items[i], '=');

          if (eq == NULL)
            continue;
          *eq = '\0';
          for (guint j = 0; j < G_N_ELEMENTS (names); j++)
            if (strcmp (items[i], names[j].name) == 0)
              G_STRUCT_MEMBER (double, &params, names[j].offset) = g_ascii_strtod (eq + 1, NULL);
        }
      g_once_init_leave (&once, 1);
    }
  return &params;
}

UnspinScorer *
unspin_scorer_new (UnspinLm        *lm,
                   UnspinThesaurus *thesaurus,
                   UnspinThesaurus *word_map)
{
  UnspinScorer *self = g_new0 (UnspinScorer, 1);

  g_return_val_if_fail (UNSPIN_IS_LM (lm), NULL);

  self->lm = g_object_ref (lm);
  self->thesaurus = thesaurus ? g_object_ref (thesaurus) : NULL;
  self->word_map = word_map ? g_object_ref (word_map) : NULL;
  self->order = unspin_lm_get_order (lm);
  self->s_id = unspin_lm_get_sentence_start (lm);
  self->e_id = unspin_lm_get_sentence_end (lm);
  self->a_id = unspin_lm_lookup (lm, "a", -1);
  self->an_id = unspin_lm_lookup (lm, "an", -1);
  self->trace = g_getenv ("UNSPIN_SCORER_TRACE") != NULL ? MAX (1, atoi (g_getenv ("UNSPIN_SCORER_TRACE"))) : 0;
  self->term_words = g_hash_table_new (NULL, NULL);
  self->term_histories = g_hash_table_new (NULL, NULL);
  self->term_garbled = g_hash_table_new (NULL, NULL);
  self->term_pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->term_packs = g_ptr_array_new_with_free_func (g_object_unref);
  self->lemma_pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->gloss_pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->dict_name_pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->dict_text_pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pair_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  get_params ();
  return self;
}

void
unspin_scorer_free (UnspinScorer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->lm);
  g_clear_object (&self->thesaurus);
  g_clear_object (&self->word_map);
  g_clear_object (&self->multiword);
  g_clear_pointer (&self->term_words, g_hash_table_unref);
  g_clear_pointer (&self->term_histories, g_hash_table_unref);
  g_clear_pointer (&self->term_garbled, g_hash_table_unref);
  g_clear_pointer (&self->term_pairs, g_hash_table_unref);
  g_clear_pointer (&self->term_packs, g_ptr_array_unref);
  pairs_file_clear (&self->wordnet_file);
  g_clear_pointer (&self->lemma_pairs, g_array_unref);
  g_clear_pointer (&self->gloss_pairs, g_array_unref);
  lazy_thesaurus_clear (&self->aik);
  lazy_thesaurus_clear (&self->phrasal);
  pairs_file_clear (&self->dict_file);
  g_clear_pointer (&self->dict_name_pairs, g_array_unref);
  g_clear_pointer (&self->dict_text_pairs, g_array_unref);
  g_clear_pointer (&self->pair_words, g_hash_table_unref);
  pairs_file_clear (&self->doc_file);
  g_free (self);
}

UnspinScorerScratch *
unspin_scorer_scratch_new (void)
{
  UnspinScorerScratch *scratch = g_new0 (UnspinScorerScratch, 1);

  scratch->lm_words = g_array_sized_new (FALSE, FALSE, sizeof (int), 256);
  scratch->lm_scores = g_array_sized_new (FALSE, FALSE, sizeof (double), 256);
  scratch->tok_lm = g_array_sized_new (FALSE, FALSE, 2 * sizeof (guint), 256);
  scratch->slots = g_array_sized_new (FALSE, FALSE, sizeof (Slot), 16);
  scratch->seq = g_array_sized_new (FALSE, FALSE, sizeof (int), 64);
  scratch->seq_inner = g_array_sized_new (FALSE, TRUE, sizeof (guint8), 64);
  scratch->pair_ids = g_array_sized_new (FALSE, FALSE, sizeof (int), 256);
  scratch->pair_seq = g_array_sized_new (FALSE, FALSE, sizeof (int), 64);
  scratch->tmp_tokens = g_array_sized_new (FALSE, FALSE, sizeof (UnspinToken), 16);
  scratch->cache = unspin_lm_cache_new ();
  return scratch;
}

void
unspin_scorer_scratch_free (UnspinScorerScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_array_unref (scratch->lm_words);
  g_array_unref (scratch->lm_scores);
  g_array_unref (scratch->tok_lm);
  g_array_unref (scratch->slots);
  g_array_unref (scratch->seq);
  g_array_unref (scratch->seq_inner);
  g_array_unref (scratch->pair_ids);
  g_array_unref (scratch->pair_seq);
  g_array_unref (scratch->tmp_tokens);
  unspin_lm_cache_free (scratch->cache);
  g_free (scratch);
}

void
unspin_scorer_scratch_set_applied (UnspinScorerScratch *scratch,
                                   GHashTable          *applied)
{
  scratch->applied = applied;
}

void
unspin_scorer_scratch_set_headline (UnspinScorerScratch *scratch,
                                    gboolean             headline)
{
  scratch->headline = headline;
}

void
unspin_decision_clear (UnspinDecision *decision)
{
  g_clear_pointer (&decision->alternatives, g_strfreev);
  g_clear_pointer (&decision->text, g_free);
}

gboolean
unspin_scorer_is_mark (const UnspinMatch *match)
{
  return match->entry->prior >= UNSPIN_CONFIDENCE_HIGH;
}

/* ---- The paragraph as the model sees it ---- */

static gboolean
token_is (const char        *text,
          const UnspinToken *token,
          const char        *s)
{
  gsize len = strlen (s);

  return token->end - token->start == len && memcmp (text + token->start, s, len) == 0;
}

/* Words after which a period is not the end of a sentence. */
static gboolean
is_abbreviation (const char *word)
{
  static const char * const list[] = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "sgt",
    "capt", "prof", "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept",
  };

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Maps tokens[0, n) to model words: words by their lower case ("x." for a letter glued to a
 * period, as in "U.S."; "a-b" when the model has the hyphenated word), </s> <s> at the end of
 * a sentence, UNSPIN_LM_NO_WORD for numbers and words the model does not know (the history
 * restarts there); other punctuation is not a word (the model was trained without it).
 * tok_lm receives each token's range in @words. With @sentence, the words are framed by <s>
 * and </s>. */
static void
map_tokens (UnspinScorer      *self,
            const char        *text,
            const UnspinToken *tokens,
            guint              n,
            gboolean           sentence,
            GArray            *words,
            GArray            *tok_lm)
{
  char buf[256];
  int id;

  g_array_set_size (words, 0);
  if (tok_lm != NULL)
    g_array_set_size (tok_lm, n);
  if (sentence)
    g_array_append_val (words, self->s_id);

  for (guint i = 0; i < n; i++)
    {
      const UnspinToken *t = &tokens[i];
      guint start = words->len;
      gsize len;

      if (t->kind == UNSPIN_TOKEN_WORD)
        {
          len = unspin_token_normalize (text, t, buf, sizeof buf - 2);
          id = UNSPIN_LM_NO_WORD;
          if (len == 1 && i + 1 < n && token_is (text, &tokens[i + 1], ".")
              && !(tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE))
            {
              /* "U.S.": the model spells it "u. s." */
              buf[1] = '.';
              buf[2] = '\0';
              id = unspin_lm_lookup (self->lm, buf, 2);
              if (tok_lm != NULL)
                {
                  guint *r = &g_array_index (tok_lm, guint, 2 * (i + 1));
                  r[0] = r[1] = words->len + 1;
                }
              g_array_append_val (words, id);
              if (tok_lm != NULL)
                {
                  guint *r = &g_array_index (tok_lm, guint, 2 * i);
                  r[0] = start;
                  r[1] = words->len;
                }
              i++;
              continue;
            }
          if (len > 0)
            id = unspin_lm_lookup (self->lm, buf, len);
          g_array_append_val (words, id);
        }
      else if (t->kind == UNSPIN_TOKEN_NUMBER)
        {
          id = UNSPIN_LM_NO_WORD;
          g_array_append_val (words, id);
        }
      else if ((token_is (text, t, ".") || token_is (text, t, "!") || token_is (text, t, "?"))
               && (i + 1 == n || (tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)))
        {
          gboolean abbrev = FALSE;

          if (i > 0 && tokens[i - 1].kind == UNSPIN_TOKEN_WORD && token_is (text, t, "."))
            {
              len = unspin_token_normalize (text, &tokens[i - 1], buf, sizeof buf);
              abbrev = len > 0 && is_abbreviation (buf);
            }
          if (!abbrev && words->len > 0 && g_array_index (words, int, words->len - 1) != self->s_id)
            {
              g_array_append_val (words, self->e_id);
              g_array_append_val (words, self->s_id);
            }
        }

      if (tok_lm != NULL)
        {
          guint *r = &g_array_index (tok_lm, guint, 2 * i);
          r[0] = start;
          r[1] = words->len;
        }
    }

  if (sentence && words->len > 0 && g_array_index (words, int, words->len - 1) == self->s_id)
    g_array_set_size (words, words->len - 1);
  else if (sentence)
    g_array_append_val (words, self->e_id);
}

/* ---- The term vocabulary ---- */

static guint
count_of (GHashTable *table,
          int         id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, GINT_TO_POINTER (id + 1)));
}

static void
count_up (GHashTable *table,
          int         id)
{
  g_hash_table_insert (table, GINT_TO_POINTER (id + 1), GUINT_TO_POINTER (count_of (table, id) + 1));
}

static gint64
pair_key (int a,
          int b)
{
  return ((gint64) (guint32) a << 32) | (guint32) b;
}

/* Model words of @text framed by <s> and </s>, in @words. */
static void
map_text (UnspinScorer *self,
          const char   *text,
          GArray       *words)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));

  unspin_tokenize (text, 0, strlen (text), tokens);
  map_tokens (self, text, (const UnspinToken *) tokens->data, tokens->len, TRUE, words, NULL);
}

static void
add_terms (UnspinScorer       *self,
           const char         *garbled,
           const char * const *terms,
           GArray             *words)
{
  const int *w;

  map_text (self, garbled, words);
  w = (const int *) words->data;
  for (guint i = 1; i + 1 < words->len; i++)
    if (w[i] != UNSPIN_LM_NO_WORD)
      count_up (self->term_garbled, w[i]);

  for (guint t = 0; terms[t] != NULL; t++)
    {
      map_text (self, terms[t], words);
      w = (const int *) words->data;
      for (guint i = 1; i < words->len; i++)
        {
          gint64 key;
          guint n;

          if (w[i] == UNSPIN_LM_NO_WORD)
            continue;
          count_up (self->term_words, w[i]);
          self->term_total++;
          if (w[i - 1] == UNSPIN_LM_NO_WORD)
            continue;
          count_up (self->term_histories, w[i - 1]);
          key = pair_key (w[i - 1], w[i]);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (self->term_pairs, &key));
          g_hash_table_insert (self->term_pairs, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n + 1));
        }
    }
}

void
unspin_scorer_add_term_pack (UnspinScorer     *self,
                             UnspinPhrasePack *pack)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (UNSPIN_IS_PHRASE_PACK (pack));

  g_ptr_array_add (self->term_packs, g_object_ref (pack));
}

/* The vocabulary is built the first time a bare term needs it, once for all threads: most
 * texts have none, and building it takes ten milliseconds or so. */
static gboolean
ensure_terms (UnspinScorer *self)
{
  if (g_once_init_enter (&self->terms_built))
    {
      g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint p = 0; p < self->term_packs->len; p++)
        {
          UnspinPhrasePack *pack = g_ptr_array_index (self->term_packs, p);

          for (guint i = 0; i < unspin_phrase_pack_get_n_entries (pack); i++)
            {
              const UnspinPackEntry *entry = unspin_phrase_pack_get_entry (pack, i);

              add_terms (self, entry->garbled, (const char * const *) entry->originals, words);
            }
        }
      g_once_init_leave (&self->terms_built, 1);
    }
  return self->term_total > 0;
}

/* A word seen in tortured phrases more than twice as often as in established terms. */
static gboolean
is_tortured_word (UnspinScorer *self,
                  int           id)
{
  guint g = count_of (self->term_garbled, id);

  return g > 0 && g > 2 * count_of (self->term_words, id);
}

/* ln P of words[first, n) under the term vocabulary: word pairs, backing off to single words
 * with add-half smoothing, so that a word no term has costs about ln(1 / 2N). @known receives
 * how many of those pairs (of words, not the term's start or end) some term has. */
static double
term_score (UnspinScorer *self,
            const int    *words,
            guint         n,
            guint         first,
            guint        *known)
{
  double total = 0.0, n_all = self->term_total + 0.5 * (g_hash_table_size (self->term_words) + 1);

  for (guint i = MAX (first, 1); i < n; i++)
    {
      double p1;
      gint64 key;
      guint pair, hist;

      if (words[i] == UNSPIN_LM_NO_WORD)
        continue;
      p1 = (count_of (self->term_words, words[i]) + 0.5) / n_all;
      if (words[i - 1] == UNSPIN_LM_NO_WORD)
        {
          total += log (p1);
          continue;
        }
      key = pair_key (words[i - 1], words[i]);
      pair = GPOINTER_TO_UINT (g_hash_table_lookup (self->term_pairs, &key));
      hist = count_of (self->term_histories, words[i - 1]);
      if (pair > 0 && words[i - 1] != self->s_id && words[i] != self->e_id)
        (*known)++;
      total += log ((pair + 2.0 * p1) / (hist + 2.0));
    }
  return total;
}

/* ---- Word pairs WordNet attests ---- */

#define PAIRS_HEADER "# unspin-wordnet-pairs 1"
#define DICT_PAIRS_HEADER "# unspin-dict-pairs 1"
#define DOC_PAIRS_HEADER "# unspin-doc-pairs 1"

void
unspin_scorer_set_term_pairs (UnspinScorer *self,
                              GFile        *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->wordnet_file.file, file);
}

void
unspin_scorer_set_dict_pairs (UnspinScorer *self,
                              GFile        *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->dict_file.file, file);
}

void
unspin_scorer_set_doc_pairs (UnspinScorer *self,
                             GFile        *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->doc_file.file, file);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids of the pairs files' words that the model lacks: far above the model's, and positive,
 * as pair_key() and the pairs' sorting need. */
#define PAIR_WORD_BASE (1 << 28)

/* @word's id for the pairs, kept with it while the files are read: the model's, or, for a word
 * it lacks, one of the pairs files' own. UNSPIN_LM_NO_WORD for an empty word. The files' words
 * are kept with their ids, which spares the model's slower lookup for the many pairs that share
 * a word. */
static int
pair_word_id (UnspinScorer *self,
              const char   *word)
{
  gpointer value;
  int id;

  if (g_hash_table_lookup_extended (self->pair_words, word, NULL, &value))
    return GPOINTER_TO_INT (value);
  if (*word == '\0')
    return UNSPIN_LM_NO_WORD;
  id = unspin_lm_lookup (self->lm, word, -1);
  if (id == UNSPIN_LM_NO_WORD)
    id = PAIR_WORD_BASE + (int) self->n_other_pair_words++;
  g_hash_table_insert (self->pair_words, g_strdup (word), GINT_TO_POINTER (id));
  return id;
}

/* Adds the pairs of @first and each word of the |-separated @nexts (see pair_word_id()). */
static void
add_pairs (UnspinScorer *self,
           int           first,
           char         *nexts,
           GArray       *keys)
{
  char *next, *rest = nexts;

  while ((next = strsep (&rest, "|")) != NULL)
    {
      int id = pair_word_id (self, next);
      gint64 key;

      if (id == UNSPIN_LM_NO_WORD)
        continue;
      key = pair_key (first, id);
      g_array_append_val (keys, key);
    }
}

/* Reads a pairs file starting with @header, one line for each first word:
 * "first<TAB>next|...<TAB>next|...", its n-th list added to @columns[n] (sorted); returns the
 * file's SHA-256. The data is optional: a file that cannot be read or is not such a file gives
 * no evidence, with a warning. */
static char *
read_pairs (UnspinScorer  *self,
            GFile         *file,
            const char    *header,
            GArray       **columns,
            guint          n_columns)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  char *sha256, *line, *rest;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  if (!g_str_has_prefix (contents, header) || contents[strlen (header)] != '\n')
    {
      g_warning ("%s: not a word pairs file", name);
      return NULL;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

  rest = contents;
  while ((line = strsep (&rest, "\n")) != NULL)
    {
      char *nexts[4];
      int first;
      guint n;

      if (*line == '#' || *line == '\0')
        continue;
      for (n = 0; n < n_columns; n++)
        {
          nexts[n] = strchr (n == 0 ? line : nexts[n - 1], '\t');
          if (nexts[n] == NULL)
            break;
          *nexts[n]++ = '\0';
        }
      if (n < n_columns)
        continue;
      first = pair_word_id (self, line);
      if (first == UNSPIN_LM_NO_WORD)
        continue;
      for (n = 0; n < n_columns; n++)
        add_pairs (self, first, nexts[n], columns[n]);
    }
  for (guint n = 0; n < n_columns; n++)
    g_array_sort (columns[n], compare_keys);
  return sha256;
}

/* Reads @pairs, when there is one, into @columns (its two lists). */
static void
read_pairs_file (UnspinScorer *self,
                 PairsFile    *pairs,
                 const char   *header,
                 GArray      **columns)
{
  if (pairs->file != NULL)
    pairs->sha256 = read_pairs (self, pairs->file, header, columns, 2);
}

/* The pairs are read the first time a bare term with a tortured word needs them, once for all
 * threads: they take a few megabytes, and most texts have no such line. */
static void
ensure_pairs (UnspinScorer *self)
{
  if (g_once_init_enter (&self->pairs_built))
    {
      GArray *wordnet[] = { self->lemma_pairs, self->gloss_pairs };
      GArray *dict[] = { self->dict_name_pairs, self->dict_text_pairs };

      read_pairs_file (self, &self->wordnet_file, PAIRS_HEADER, wordnet);
      read_pairs_file (self, &self->dict_file, DICT_PAIRS_HEADER, dict);
      read_pairs_file (self, &self->doc_file, DOC_PAIRS_HEADER, dict);
      g_once_init_leave (&self->pairs_built, 1);
    }
}

/* The pairs file's SHA-256 once a text has needed the pairs; not read for this: a text that
 * never needed them did not use them. */
static const char *
pairs_file_get_sha256 (UnspinScorer    *self,
                       const PairsFile *pairs)
{
  if (g_atomic_pointer_get (&self->pairs_built) == 0)
    return NULL;
  return pairs->sha256;
}

const char *
unspin_scorer_get_term_pairs_sha256 (UnspinScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pairs_file_get_sha256 (self, &self->wordnet_file);
}

const char *
unspin_scorer_get_dict_pairs_sha256 (UnspinScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pairs_file_get_sha256 (self, &self->dict_file);
}

const char *
unspin_scorer_get_doc_pairs_sha256 (UnspinScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pairs_file_get_sha256 (self, &self->doc_file);
}

static gboolean
has_pair (GArray *keys,
          gint64  key)
{
  guint lo = 0, hi = keys->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 k = g_array_index (keys, gint64, mid);

      if (k == key)
        return TRUE;
      if (k < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* ---- The multiword reverse thesaurus ---- */

void
unspin_scorer_set_multiword (UnspinScorer    *self,
                             UnspinThesaurus *thesaurus)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (thesaurus == NULL || UNSPIN_IS_THESAURUS (thesaurus));

  g_set_object (&self->multiword, thesaurus);
}

/* ---- Thesauri read when first needed: Aiksaurus and the phrasal thesaurus ---- */

/* The thesaurus, read the first time a line may use it, once for all threads: it takes
 * megabytes, and most texts have no such line. The data is optional: a file that cannot be
 * read or is not a reverse thesaurus gives no candidates, with a warning. */
static UnspinThesaurus *
lazy_thesaurus_ensure (LazyThesaurus *lazy)
{
  if (g_once_init_enter (&lazy->built))
    {
      if (lazy->file != NULL)
        {
          g_autoptr(GError) error = NULL;

          lazy->thesaurus = unspin_thesaurus_new_from_file (lazy->file, NULL, &error);
          if (lazy->thesaurus == NULL)
            g_warning ("%s", error->message);
        }
      g_once_init_leave (&lazy->built, 1);
    }
  return lazy->thesaurus;
}

/* Its SHA-256 once a text has needed it; not read for this: a text that never needed the
 * thesaurus did not use it. */
static const char *
lazy_thesaurus_get_sha256 (LazyThesaurus *lazy)
{
  if (g_atomic_pointer_get (&lazy->built) == 0 || lazy->thesaurus == NULL)
    return NULL;
  return unspin_thesaurus_get_sha256 (lazy->thesaurus);
}

void
unspin_scorer_set_aiksaurus (UnspinScorer *self,
                             GFile        *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->aik.file, file);
}

const char *
unspin_scorer_get_aiksaurus_sha256 (UnspinScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lazy_thesaurus_get_sha256 (&self->aik);
}

void
unspin_scorer_set_phrasal (UnspinScorer *self,
                           GFile        *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->phrasal.file, file);
}

const char *
unspin_scorer_get_phrasal_sha256 (UnspinScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lazy_thesaurus_get_sha256 (&self->phrasal);
}

/* The pair words[i - 1], words[i] as a pair_key(), or -1 when it does not count: a pair within
 * one slot's words says nothing of how they fit the term, and multiword candidates would win by
 * having more pairs ("figure of speech" for "image"). */
static gint64
counted_pair (UnspinScorer *self,
              const int    *words,
              const guint8 *inner,
              guint         i)
{
  if ((inner[i] & SEQ_INNER) || words[i - 1] == UNSPIN_LM_NO_WORD || words[i] == UNSPIN_LM_NO_WORD
      || words[i - 1] == self->s_id || words[i] == self->e_id)
    return -1;
  return pair_key (words[i - 1], words[i]);
}

/* Whether WordNet or the computing dictionaries have the pair @key, in a name or their text. */
static gboolean
pair_attested (UnspinScorer *self,
               gint64        key)
{
  return has_pair (self->lemma_pairs, key) || has_pair (self->gloss_pairs, key)
         || has_pair (self->dict_name_pairs, key) || has_pair (self->dict_text_pairs, key);
}

/* For each pair of words[first, n) kept as written that a source attests: @weight. */
static double
written_pairs_score (UnspinScorer *self,
                     const int    *words,
                     const guint8 *inner,
                     guint         n,
                     guint         first,
                     double        weight)
{
  double total = 0.0;

  if (weight == 0.0)
    return 0.0;
  for (guint i = MAX (first, 1); i < n; i++)
    {
      gint64 key = counted_pair (self, words, inner, i);

      if (key < 0 || (inner[i - 1] & SEQ_CHANGED) || (inner[i] & SEQ_CHANGED))
        continue;
      if (pair_attested (self, key))
        total += weight;
    }
  return total;
}

/* The bonus for the pairs of words[first, n) (from first - 1) that a source attests: @strong
 * for one in its names (WordNet's multiword lemmas, the dictionaries' headwords), @weak for one
 * only in its text (glosses, definitions). */
static double
pairs_score (UnspinScorer *self,
             const int    *words,
             const guint8 *inner,
             guint         n,
             guint         first,
             GArray       *names,
             double        strong,
             GArray       *text,
             double        weak)
{
  double total = 0.0;

  for (guint i = MAX (first, 1); i < n; i++)
    {
      gint64 key = counted_pair (self, words, inner, i);

      if (key < 0)
        continue;
      if (has_pair (names, key))
        total += strong;
      else if (has_pair (text, key))
        total += weak;
    }
  return total;
}

/* Whether the paragraph's words, as written, are all known to the model or the pairs files and
 * each pair of neighbours is one WordNet or the dictionaries attest (two words at least). */
static gboolean
line_attested (UnspinScorer        *self,
               UnspinScorerScratch *scratch)
{
  const int *words = (const int *) scratch->pair_ids->data;
  guint n_pairs = 0;

  for (guint i = 1; i < scratch->lm_words->len; i++)
    {
      gint64 key;

      if (words[i - 1] == self->s_id || words[i] == self->e_id)
        continue;
      if (words[i - 1] == UNSPIN_LM_NO_WORD || words[i] == UNSPIN_LM_NO_WORD)
        return FALSE;
      key = pair_key (words[i - 1], words[i]);
      if (!pair_attested (self, key))
        return FALSE;
      n_pairs++;
    }
  return n_pairs > 0;
}

static void map_pair_words (UnspinScorer        *self,
                            UnspinScorerScratch *scratch,
                            const char          *text,
                            const UnspinToken   *tokens,
                            guint                n_tokens);

/* ---- Slots ---- */

static double
logit (double p)
{
  p = CLAMP (p, 0.01, 0.99);
  return log (p / (1.0 - p));
}

/* Fills a candidate's model words; FALSE when the model cannot judge it. */
static gboolean
map_candidate (UnspinScorer        *self,
               UnspinScorerScratch *scratch,
               Slot                *slot,
               guint                c)
{
  const char *cand = slot->cands[c];
  GArray *words = scratch->seq;
  guint len = 0;

  g_array_set_size (scratch->tmp_tokens, 0);
  unspin_tokenize (cand, 0, strlen (cand), scratch->tmp_tokens);
  map_tokens (self, cand, (const UnspinToken *) scratch->tmp_tokens->data,
              scratch->tmp_tokens->len, FALSE, words, NULL);

  if (slot->article)
    {
      if (self->a_id == UNSPIN_LM_NO_WORD || self->an_id == UNSPIN_LM_NO_WORD)
        return FALSE;
      slot->cand_words[c][len++] = unspin_wants_an (cand) ? self->an_id : self->a_id;
    }
  if (words->len + len > MAX_CAND_WORDS)
    return FALSE;
  for (guint i = 0; i < words->len; i++)
    {
      int id = g_array_index (words, int, i);

      if (id == UNSPIN_LM_NO_WORD)
        return FALSE;
      slot->cand_words[c][len++] = id;
    }
  slot->cand_len[c] = len;
  return TRUE;
}

/* The words' log-probabilities on their own: how common they are. */
static double
unigram_score (UnspinScorer        *self,
               UnspinScorerScratch *scratch,
               const int           *words,
               guint                n)
{
  double total = 0.0;

  for (guint i = 0; i < n; i++)
    total += unspin_lm_score_sequence (self->lm, scratch->cache, words + i, 1, 0);
  return total;
}

static double
density_feature (double density)
{
  const Params *p = get_params ();

  return MIN (density, p->density_full) / p->density_full;
}

/* On a line the term vocabulary and WordNet's pairs judge, those do much of the model's work:
 * what a candidate's source says weighs differently there. A word-map candidate further down
 * the list, or more common than the word it replaces, needs more from them (the model alone
 * liked common words too well); a word often standing for itself in the list's terms is less
 * of a reason to keep it, since the terms themselves now speak; and a thesaurus candidate,
 * which no tortured phrase showed, needs a little more. */
static double
term_line_bonus (Source source,
                 guint  rank,
                 double more_common,
                 guint  own)
{
  const Params *p = get_params ();

  if (source == FROM_WORD_MAP)
    return -p->term_map_rank_cost * rank - p->term_map_own * log1p (own)
           - p->term_map_frequency * more_common;
  return p->term_thes_bias;
}

static gboolean
is_term_pack (UnspinScorer     *self,
              UnspinPhrasePack *pack)
{
  for (guint i = 0; i < self->term_packs->len; i++)
    if (g_ptr_array_index (self->term_packs, i) == (gpointer) pack)
      return TRUE;
  return FALSE;
}

/* Whether some word of the paragraph is an established term's word: seen in the term
 * vocabulary's terms at least as often as in its tortured phrases. */
static gboolean
line_has_term_word (UnspinScorer        *self,
                    UnspinScorerScratch *scratch)
{
  if (!ensure_terms (self))
    return FALSE;
  for (guint i = 0; i < scratch->lm_words->len; i++)
    {
      int id = g_array_index (scratch->lm_words, int, i);

      if (id != UNSPIN_LM_NO_WORD && id != self->s_id && id != self->e_id
          && count_of (self->term_words, id) > 0
          && count_of (self->term_words, id) >= count_of (self->term_garbled, id))
        return TRUE;
    }
  return FALSE;
}

/* The Aiksaurus bias of the paragraph's kind of line. */
static double
aik_bias (UnspinScorerScratch *scratch)
{
  const Params *p = get_params ();

  return scratch->terms ? p->aik_bias : scratch->fragment ? p->aik_fragment_bias : p->aik_prose_bias;
}

static void
add_slot (UnspinScorer        *self,
          UnspinScorerScratch *scratch,
          Slot                *slot,
          double               density,
          double               term_bonus)
{
  const Params *p = get_params ();
  const guint *r0 = &g_array_index (scratch->tok_lm, guint, 2 * slot->token_start);
  const guint *r1 = &g_array_index (scratch->tok_lm, guint, 2 * (slot->token_end - 1));
  gboolean any = FALSE;
  double garbled_unigram = 0.0;

  slot->lm_start = r0[0];
  slot->lm_end = r1[1];
  slot->choice = -1;
  slot->scored = slot->lm_end > slot->lm_start;
  for (guint i = slot->lm_start; i < slot->lm_end; i++)
    if ((g_array_index (scratch->lm_words, int, i) == UNSPIN_LM_NO_WORD && !slot->unknown)
        || g_array_index (scratch->lm_words, int, i) == self->e_id)
      slot->scored = FALSE;

  slot->n_cands = MIN (slot->n_cands, MAX_CANDS);
  if (slot->scored)
    garbled_unigram = unigram_score (self, scratch, (const int *) scratch->lm_words->data + slot->lm_start,
                                     slot->lm_end - slot->lm_start);
  slot->garbled_unigram = garbled_unigram;
  for (guint c = 0; c < slot->n_cands && slot->scored; c++)
    {
      slot->cand_ok[c] = map_candidate (self, scratch, slot, c);
      any |= slot->cand_ok[c];
      if (slot->cand_source[c] == FROM_PACK)
        {
          gboolean suggestion = slot->match->entry->prior < UNSPIN_CONFIDENCE_HIGH;

          slot->bonus[c] = p->pack_bias + p->pack_prior_weight * logit (slot->match->entry->prior)
                           - p->pack_rank_cost * c + p->pack_density * density_feature (density);
          /* The same spun phrase gets the same decision unless the context clearly differs. */
          if (scratch->applied != NULL
              && g_hash_table_lookup (scratch->applied, slot->match->entry) == slot->cands[c])
            slot->bonus[c] += p->consistency;
          if (scratch->fragment && p->term_other_pack != 0.0 && c == 0
              && !is_term_pack (self, slot->match->pack) && line_has_term_word (self, scratch))
            slot->other_pack = TRUE;
          if (slot->other_pack)
            slot->bonus[c] += p->term_other_pack;
          if (suggestion && slot->cand_ok[c])
            slot->bonus[c] += p->pack_low_bias
                              - p->pack_frequency * MAX (0.0, unigram_score (self, scratch, slot->cand_words[c],
                                                                             slot->cand_len[c])
                                                              - garbled_unigram);
        }
      else if (slot->cand_ok[c])
        {
          /* The model favours common words anywhere; what counts is the context's preference. */
          double more_common = MAX (0.0, unigram_score (self, scratch, slot->cand_words[c], slot->cand_len[c])
                                         - garbled_unigram);
          guint rank = 0;

          for (guint k = 0; k < c; k++)
            rank += slot->cand_source[k] == slot->cand_source[c];
          if (slot->cand_source[c] == FROM_WORD_MAP)
            slot->bonus[c] = p->map_bias - p->map_rank_cost * rank
                             + p->map_density * density_feature (density)
                             + term_bonus
                             + p->map_seen * log1p (slot->map_seen) - p->map_own * log1p (slot->map_own)
                             - p->map_frequency * more_common;
          else if (slot->cand_source[c] == FROM_PHRASAL)
            slot->bonus[c] = p->phrasal_bias
                             - p->phrasal_rank_cost * rank
                             + p->thes_density * density_feature (density)
                             + p->thes_term * term_bonus;
          else if (slot->cand_source[c] == FROM_AIKSAURUS)
            slot->bonus[c] = aik_bias (scratch)
                             - p->aik_rank_cost * rank
                             + p->thes_density * density_feature (density)
                             + p->thes_term * term_bonus
                             - p->aik_frequency * more_common;
          else
            slot->bonus[c] = (slot->multi ? p->multi_bias : p->thes_bias) - p->thes_rank_cost * rank
                             + (slot->multi ? p->multi_density : p->thes_density) * density_feature (density)
                             + p->thes_term * term_bonus
                             - (slot->multi ? p->multi_frequency : p->thes_frequency) * more_common;
          if (slot->multi && slot->cand_len[c] == 1 + (guint) slot->article)
            for (guint i = slot->lm_start; i < slot->lm_end; i++)
              if (g_array_index (scratch->lm_words, int, i) == slot->cand_words[c][slot->cand_len[c] - 1])
                {
                  slot->bonus[c] += p->multi_contained;
                  break;
                }
          /* Lightly spun prose: a few marks per hundred words give the thesaurus little of
           * the density's bonus, yet such text has as many of its swaps as densely spun text.
           * This makes up the difference where the density is low and fades as it grows
           * (densely spun text and bare terms are decided as before). */
          if (slot->cand_source[c] == FROM_THESAURUS && !scratch->fragment)
            {
              double df = density_feature (density), low = 1.0 - df;

              slot->bonus[c] += p->thes_prose * low * low * MIN (1.0, df / MAX (p->thes_prose_ramp, 1e-6));
            }
          if (scratch->terms && slot->cand_source[c] != FROM_AIKSAURUS
              && slot->cand_source[c] != FROM_PHRASAL)
            slot->bonus[c] += term_line_bonus (slot->cand_source[c], rank, more_common, slot->map_own);
          if (slot->part)
            slot->bonus[c] += p->part_bias;
        }
    }
  if (!any)
    slot->scored = FALSE;
  /* A thesaurus word the model cannot judge is left alone. */
  if (!slot->scored && slot->match == NULL)
    return;

  g_array_append_vals (scratch->slots, slot, 1);
}

/* Appends the candidates for @word of the @from sources (SOURCE_BIT()s: the word map, the
 * reverse thesaurus, the Aiksaurus and the phrasal thesaurus, in that order) to the slot's. */
static gboolean
fill_candidates (UnspinScorer        *self,
                 Slot                *slot,
                 const char          *word,
                 guint                from)
{
  UnspinThesaurus *sources[] = { self->word_map, self->thesaurus, self->aik.thesaurus,
                                 self->phrasal.thesaurus };
  const Source kinds[] = { FROM_WORD_MAP, FROM_THESAURUS, FROM_AIKSAURUS, FROM_PHRASAL };
  guint first = slot->n_cands;

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      if (!(from & SOURCE_BIT (kinds[s])))
        continue;
      const char * const *cands = NULL;

      if (sources[s] != NULL)
        cands = unspin_thesaurus_lookup (sources[s], word,
                                         kinds[s] == FROM_WORD_MAP ? &slot->map_seen : NULL,
                                         kinds[s] == FROM_WORD_MAP ? &slot->map_own : NULL);

      for (guint i = 0; cands != NULL && cands[i] != NULL && slot->n_cands < first + MAX_WORD_CANDS
                        && slot->n_cands < MAX_CANDS; i++)
        {
          gboolean seen = FALSE;

          for (guint k = 0; k < slot->n_cands && !seen; k++)
            if (strcmp (slot->cands[k], cands[i]) == 0)
              {
                /* A pack's suggestion that the term's words confirm is judged as theirs. */
                if (slot->cand_source[k] == FROM_PACK)
                  slot->cand_source[k] = kinds[s];
                seen = TRUE;
              }
          if (seen)
            continue;
          /* A phrasal thesaurus candidate must be an established term's own word: the
           * thesaurus pairs a phrase with many words, and only those make a term here. */
          if (kinds[s] == FROM_PHRASAL)
            {
              int id = unspin_lm_lookup (self->lm, cands[i], -1);

              if (id == UNSPIN_LM_NO_WORD || count_of (self->term_words, id) == 0 || is_tortured_word (self, id))
                continue;
            }
          slot->cand_source[slot->n_cands] = kinds[s];
          slot->cands[slot->n_cands++] = cands[i];
        }
    }
  return slot->n_cands > first;
}

/* Whether Aiksaurus's loose candidates are worth trying for a word: one no established term of
 * the term vocabulary has, or one seen more in tortured phrases than in terms ("lung" of "lung
 * failure" is not tried: it has candidates enough the model likes, "heart" first). */
static gboolean
aik_suspect (UnspinScorer *self,
             int           id)
{
  return id != UNSPIN_LM_NO_WORD && (count_of (self->term_words, id) == 0 || is_tortured_word (self, id));
}

/* Whether tokens[i] is one of the two words (or a number and a word) of a hyphenated compound
 * ("low-dormancy", "10-overlay"), not of a longer one ("state-of-the-art") nor glued to other
 * punctuation. */
static gboolean
is_hyphen_part (const char        *text,
                const UnspinToken *tokens,
                guint              n,
                guint              i)
{
  gboolean glued_before = i > 0 && !(tokens[i].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE);
  gboolean glued_after = i + 1 < n && !(tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
                         && !token_is (text, &tokens[i + 1], ".") && !token_is (text, &tokens[i + 1], ",");
  guint first, last;

  /* The compound is tokens[first, last]: word, hyphen, word. */
  if (glued_before == glued_after)
    return FALSE;
  first = glued_before ? i - 2 : i;
  last = first + 2;
  if ((glued_before && i < 2) || last >= n || !token_is (text, &tokens[first + 1], "-")
      || (tokens[first + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      || (tokens[last].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE))
    return FALSE;
  for (guint k = first; k <= last; k += 2)
    if (tokens[k].kind != UNSPIN_TOKEN_WORD && tokens[k].kind != UNSPIN_TOKEN_NUMBER)
      return FALSE;
  /* Nothing glued on either end. */
  if (first > 0 && !(tokens[first].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE))
    return FALSE;
  if (last + 1 < n && !(tokens[last + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      && !token_is (text, &tokens[last + 1], ".") && !token_is (text, &tokens[last + 1], ","))
    return FALSE;
  return TRUE;
}

/* A word the reverse thesaurus may change: lower case (or capitalised at a sentence start),
 * not in quotation marks, not part of a hyphenated compound, known to the model. */
static gboolean
thesaurus_candidates (UnspinScorer        *self,
                      UnspinScorerScratch *scratch,
                      const char          *text,
                      const UnspinToken   *tokens,
                      guint                n,
                      guint                i,
                      gboolean             sentence_start,
                      gboolean             fragment,
                      Slot                *slot)
{
  const UnspinToken *t = &tokens[i];
  const guint *r = &g_array_index (scratch->tok_lm, guint, 2 * i);
  char buf[64];
  gsize len;

  if (t->kind != UNSPIN_TOKEN_WORD || (t->flags & UNSPIN_TOKEN_FLAG_ALL_CAPS)
      || ((t->flags & UNSPIN_TOKEN_FLAG_CAPITAL) && !sentence_start))
    return FALSE;
  if (r[1] != r[0] + 1)
    return FALSE;
  /* A word the model does not know is left alone, except in a bare term with a tortured word
   * when the word map lists it ("fleecy"): the term vocabulary and the model judge what it may
   * stand for, and keeping it costs what an unknown word would. */
  if (g_array_index (scratch->lm_words, int, r[0]) == UNSPIN_LM_NO_WORD)
    {
      const char * const *cands;

      if (!fragment || !scratch->terms || self->word_map == NULL || get_params ()->unknown_cost <= 0.0)
        return FALSE;
      len = unspin_token_normalize (text, t, buf, sizeof buf);
      cands = len >= 3 ? unspin_thesaurus_lookup (self->word_map, buf, NULL, NULL) : NULL;
      if (cands == NULL)
        return FALSE;
      slot->unknown = TRUE;
    }
  if (fragment && slot->match == NULL && get_params ()->part_bias > PART_OFF
      && is_hyphen_part (text, tokens, n, i))
    {
      guint own = 0;

      /* A compound's word that the list's terms have standing for itself ("cross-stage") is
       * left alone: compounds are mostly established terms' own. */
      len = unspin_token_normalize (text, t, buf, sizeof buf);
      if (self->word_map != NULL && len > 0
          && unspin_thesaurus_lookup (self->word_map, buf, NULL, &own) != NULL && own > 0)
        return FALSE;
      slot->part = TRUE;
    }
  else if ((i > 0 && !(t->flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE) && tokens[i - 1].kind == UNSPIN_TOKEN_PUNCT)
           || (i + 1 < n && !(tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
               && tokens[i + 1].kind == UNSPIN_TOKEN_PUNCT && !token_is (text, &tokens[i + 1], ".")
               && !token_is (text, &tokens[i + 1], ",")))
    return FALSE;
  /* A word the model expects where it stands is not worth trying others for (except in a bare
   * term, where there is little context to expect anything). */
  if (!fragment)
    {
      const double *lp = (const double *) scratch->lm_scores->data;
      double surprise = -lp[r[0]] - (r[0] + 1 < scratch->lm_scores->len ? lp[r[0] + 1] : 0.0);

      if (surprise < get_params ()->min_surprise)
        {
          if (self->trace >= 2)
            fprintf (stderr, "unspin-scorer\t%" G_GSIZE_FORMAT "\tunsurprising\t%.*s\t%.3f\n", t->start,
                     (int) (t->end - t->start), text + t->start, surprise);
          return FALSE;
        }
    }
  len = unspin_token_normalize (text, t, buf, sizeof buf);
  /* Words of one or two letters are mostly abbreviations and symbols, except, on a bare term,
   * one of two that the word map has seen replaced three times or more and never standing for
   * itself ("pc" for "computer"; "id", twice for "identification", stays): only its candidates
   * then. */
  if (len < 3)
    {
      guint seen = 0, own = 0;

      if (!fragment || len != 2 || self->word_map == NULL
          || unspin_thesaurus_lookup (self->word_map, buf, &seen, &own) == NULL || seen < 3 || own > 0)
        return FALSE;
      return fill_candidates (self, slot, buf, SOURCE_BIT (FROM_WORD_MAP));
    }
  return fill_candidates (self, slot, buf,
                          USUAL_SOURCES
                          | (scratch->aik && aik_suspect (self, g_array_index (scratch->lm_words, int, r[0]))
                             ? SOURCE_BIT (FROM_AIKSAURUS) : 0));
}

/* In a bare term, a hyphenated compound of two words that the word map lists as a whole
 * ("ill-disposed" for "adversarial", "x-beam" for "x-ray"): the tortured list has many, and
 * neither half is a word the thesaurus would try on its own. */
static gboolean
compound_candidates (UnspinScorer      *self,
                     const char        *text,
                     const UnspinToken *tokens,
                     guint              n,
                     guint              i,
                     gboolean           sentence_start,
                     Slot              *slot)
{
  char buf[64];
  gsize len, len2;

  if (i + 2 >= n || tokens[i].kind != UNSPIN_TOKEN_WORD || tokens[i + 2].kind != UNSPIN_TOKEN_WORD
      || !token_is (text, &tokens[i + 1], "-")
      || (tokens[i + 1].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      || (tokens[i + 2].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      || (tokens[i].flags & UNSPIN_TOKEN_FLAG_ALL_CAPS)
      || ((tokens[i].flags & UNSPIN_TOKEN_FLAG_CAPITAL) && !sentence_start)
      || (tokens[i + 2].flags & (UNSPIN_TOKEN_FLAG_CAPITAL | UNSPIN_TOKEN_FLAG_ALL_CAPS)))
    return FALSE;
  /* Not a part of a longer compound: "state-of-the-art". */
  if ((i > 0 && !(tokens[i].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE) && tokens[i - 1].kind == UNSPIN_TOKEN_PUNCT)
      || (i + 3 < n && !(tokens[i + 3].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
          && tokens[i + 3].kind == UNSPIN_TOKEN_PUNCT && !token_is (text, &tokens[i + 3], ".")
          && !token_is (text, &tokens[i + 3], ",")))
    return FALSE;
  len = unspin_token_normalize (text, &tokens[i], buf, sizeof buf - 2);
  if (len == 0)
    return FALSE;
  buf[len] = '-';
  len2 = unspin_token_normalize (text, &tokens[i + 2], buf + len + 1, sizeof buf - len - 1);
  if (len2 == 0)
    return FALSE;
  return fill_candidates (self, slot, buf, USUAL_SOURCES);
}

/* Whether each pair of neighbouring words of tokens[i, i + k) is one the term vocabulary's
 * established terms have. */
static gboolean
term_words_together (UnspinScorer        *self,
                     UnspinScorerScratch *scratch,
                     guint                i,
                     guint                k)
{
  const int *words = (const int *) scratch->lm_words->data;

  for (guint j = i + 1; j < i + k; j++)
    {
      const guint *r0 = &g_array_index (scratch->tok_lm, guint, 2 * (j - 1));
      const guint *r1 = &g_array_index (scratch->tok_lm, guint, 2 * j);
      gint64 key;

      if (r0[1] != r0[0] + 1 || r1[1] != r1[0] + 1 || words[r0[0]] == UNSPIN_LM_NO_WORD
          || words[r1[0]] == UNSPIN_LM_NO_WORD)
        return FALSE;
      key = pair_key (words[r0[0]], words[r1[0]]);
      if (g_hash_table_lookup (self->term_pairs, &key) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The words tokens[i, i + k) as one key ("set of rules") in @buf: lower case (a capital only at
 * a sentence start), separated by single spaces, not part of a compound ("half-and-half");
 * FALSE when they are not such words. */
static gboolean
span_key (const char        *text,
          const UnspinToken *tokens,
          guint              n,
          guint              i,
          guint              k,
          gboolean           sentence_start,
          char              *buf,
          gsize              size)
{
  gsize len = 0;

  for (guint j = i; j < i + k; j++)
    {
      const UnspinToken *t = &tokens[j];
      gsize l;

      if (t->kind != UNSPIN_TOKEN_WORD || (t->flags & UNSPIN_TOKEN_FLAG_ALL_CAPS)
          || ((t->flags & UNSPIN_TOKEN_FLAG_CAPITAL) && !(j == i && sentence_start))
          || (j > i && !(t->flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)))
        return FALSE;
      if (j > i)
        buf[len++] = ' ';
      l = unspin_token_normalize (text, t, buf + len, size - len - 1);
      if (l == 0)
        return FALSE;
      len += l;
    }
  buf[len] = '\0';
  /* Not a part of a compound: "half-and-half". */
  if (i + k < n && !(tokens[i + k].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      && tokens[i + k].kind == UNSPIN_TOKEN_PUNCT && !token_is (text, &tokens[i + k], ".")
      && !token_is (text, &tokens[i + k], ","))
    return FALSE;
  if (i > 0 && !(tokens[i].flags & UNSPIN_TOKEN_FLAG_SPACE_BEFORE)
      && tokens[i - 1].kind == UNSPIN_TOKEN_PUNCT)
    return FALSE;
  return TRUE;
}

/* In a bare term, two to four words that the word map lists together ("set of rules" for
 * "algorithm", "half and half" for "hybrid"): the tortured list shows such parts in phrases
 * longer or shorter than their terms; on one with a tortured word, where the word map lists
 * none, also those the phrasal thesaurus lists ("draws near" for "approaches"). Returns the
 * number of tokens covered, 0 if none. */
static guint
multiword_candidates (UnspinScorer        *self,
                      UnspinScorerScratch *scratch,
                      const char          *text,
                      const UnspinToken   *tokens,
                      guint                n,
                      guint                i,
                      gboolean             sentence_start,
                      Slot                *slot)
{
  guint most = MIN ((guint) MAX (0.0, get_params ()->map_multi_words), n - i);
  char buf[128];

  for (guint k = most; k >= 2; k--)
    if (span_key (text, tokens, n, i, k, sentence_start, buf, sizeof buf)
        && fill_candidates (self, slot, buf, USUAL_SOURCES))
      return k;
  if (!scratch->terms || get_params ()->phrasal_bias <= PHRASAL_OFF
      || lazy_thesaurus_ensure (&self->phrasal) == NULL)
    return 0;
  /* Not for words that established terms have together ("traffic light", "north american"). */
  for (guint k = most; k >= 2; k--)
    if (span_key (text, tokens, n, i, k, sentence_start, buf, sizeof buf)
        && !term_words_together (self, scratch, i, k)
        && fill_candidates (self, slot, buf, SOURCE_BIT (FROM_PHRASAL)))
      return k;
  return 0;
}

/* In a sentence, two or three words that the multiword reverse thesaurus lists together ("carried
 * out" for "performed", "side by side" for "next"): spinners put such synonyms for one word. Each
 * a lower-case word the model knows (the first may be capitalised at a sentence start), not
 * part of a compound, and together surprising where they stand, like a word the reverse
 * thesaurus tries alone, and before @limit, where the next pack match starts. Returns the
 * number of tokens covered, 0 if none. */
static guint
multiword_prose_candidates (UnspinScorer        *self,
                            UnspinScorerScratch *scratch,
                            const char          *text,
                            const UnspinToken   *tokens,
                            guint                n,
                            guint                limit,
                            guint                i,
                            gboolean             sentence_start,
                            Slot                *slot)
{
  const Params *p = get_params ();
  const double *lp = (const double *) scratch->lm_scores->data;

  if (self->multiword == NULL || p->multi_bias <= MULTI_OFF || MIN (n, limit) < i + 2)
    return 0;
  for (guint k = MIN (3, MIN (n, limit) - i); k >= 2; k--)
    {
      const char * const *cands;
      char buf[128];
      gboolean ok = span_key (text, tokens, n, i, k, sentence_start, buf, sizeof buf);
      double surprise = 0.0;
      guint last = 0, first = slot->n_cands;

      /* Each a word the model knows, as one word of its own. */
      for (guint j = i; j < i + k && ok; j++)
        {
          const guint *r = &g_array_index (scratch->tok_lm, guint, 2 * j);

          ok = r[1] == r[0] + 1 && g_array_index (scratch->lm_words, int, r[0]) != UNSPIN_LM_NO_WORD;
          surprise -= lp[r[0]];
          last = r[0];
        }
      if (!ok)
        continue;
      if (last + 1 < scratch->lm_scores->len)
        surprise -= lp[last + 1];
      if (surprise < p->min_surprise + p->multi_surprise * (k - 1))
        {
          if (self->trace >= 2 && unspin_thesaurus_lookup (self->multiword, buf, NULL, NULL) != NULL)
            fprintf (stderr, "unspin-scorer\t%" G_GSIZE_FORMAT "\tunsurprising\t%s\t%.3f\n",
                     tokens[i].start, buf, surprise);
          continue;
        }
      cands = unspin_thesaurus_lookup (self->multiword, buf, NULL, NULL);
      for (guint c = 0; cands != NULL && cands[c] != NULL && slot->n_cands < first + MAX_WORD_CANDS
                        && slot->n_cands < MAX_CANDS; c++)
        {
          slot->cand_source[slot->n_cands] = FROM_THESAURUS;
          slot->cands[slot->n_cands++] = cands[c];
        }
      if (slot->n_cands > first)
        {
          slot->multi = TRUE;
          return k;
        }
    }
  return 0;
}

static gboolean
is_article (const char        *text,
            const UnspinToken *token)
{
  char buf[4];
  gsize len = unspin_token_normalize (text, token, buf, sizeof buf);

  return len > 0 && (strcmp (buf, "a") == 0 || strcmp (buf, "an") == 0);
}

static void
collect_slots (UnspinScorer        *self,
               UnspinScorerScratch *scratch,
               const char          *text,
               const UnspinToken   *tokens,
               guint                n,
               const UnspinMatch   *matches,
               guint                n_matches,
               double               density)
{
  guint m = 0, n_words = 0;
  gboolean in_quote = FALSE, sentence_start = TRUE, fragment;
  double term_bonus;

  /* A line of a few words without a sentence's end: a keyword, a term alone (an article's
   * headline, above prose, is read as a sentence). */
  for (guint i = 0; i < n; i++)
    n_words += tokens[i].kind == UNSPIN_TOKEN_WORD;
  fragment = n_words <= FRAGMENT_WORDS && n > 0 && !scratch->headline
             && !token_is (text, &tokens[n - 1], ".") && !token_is (text, &tokens[n - 1], "!")
             && !token_is (text, &tokens[n - 1], "?");
  term_bonus = fragment ? get_params ()->map_fragment : 0.0;
  scratch->fragment = fragment;
  scratch->terms = FALSE;
  for (guint i = 0; fragment && i < n && self->term_packs->len > 0 && ensure_terms (self); i++)
    {
      const guint *r = &g_array_index (scratch->tok_lm, guint, 2 * i);

      for (guint k = r[0]; k < r[1] && !scratch->terms; k++)
        scratch->terms = g_array_index (scratch->lm_words, int, k) != UNSPIN_LM_NO_WORD
                         && is_tortured_word (self, g_array_index (scratch->lm_words, int, k));
      /* A word the model lacks is tortured when the word map saw it replaced, never itself. */
      if (!scratch->terms && r[1] == r[0] + 1 && tokens[i].kind == UNSPIN_TOKEN_WORD
          && g_array_index (scratch->lm_words, int, r[0]) == UNSPIN_LM_NO_WORD
          && self->word_map != NULL && get_params ()->unknown_cost > 0.0)
        {
          char buf[64];
          guint seen = 0, own = 0;

          scratch->terms = unspin_token_normalize (text, &tokens[i], buf, sizeof buf) > 0
                           && unspin_thesaurus_lookup (self->word_map, buf, &seen, &own) != NULL
                           && seen >= 2 && own == 0;
        }
    }
  if (scratch->terms)
    {
      ensure_pairs (self);
      map_pair_words (self, scratch, text, tokens, n);
      if (line_attested (self, scratch))
        term_bonus += get_params ()->dict_line;
    }
  /* Aiksaurus's candidates, many and loose, on the lines its biases allow. */
  scratch->aik = self->aik.file != NULL && aik_bias (scratch) > AIK_OFF && lazy_thesaurus_ensure (&self->aik) != NULL;
  /* How many of the term's words are tortured, and whether all are established terms' own. */
  if (fragment && self->term_packs->len > 0 && ensure_terms (self))
    {
      guint n_tortured = 0;
      gboolean all_known = n_words > 0;

      for (guint k = 0; k < scratch->lm_words->len; k++)
        {
          int id = g_array_index (scratch->lm_words, int, k);

          if (id == self->s_id || id == self->e_id)
            continue;
          if (id == UNSPIN_LM_NO_WORD)
            {
              all_known = FALSE;
              continue;
            }
          if (is_tortured_word (self, id))
            n_tortured++;
          if (count_of (self->term_words, id) == 0
              || count_of (self->term_words, id) < count_of (self->term_garbled, id))
            all_known = FALSE;
        }
      if (n_tortured >= 2)
        term_bonus += get_params ()->term_two;
      if (all_known)
        term_bonus += get_params ()->term_all_known;
      if (n_tortured == 0)
        term_bonus += get_params ()->term_none;
    }
  if (fragment && self->word_map != NULL)
    {
      /* One word that only ever appears tortured makes the whole term suspect. */
      for (guint i = 0; i < n; i++)
        {
          char buf[64];
          guint seen = 0, own = 0;

          if (tokens[i].kind == UNSPIN_TOKEN_WORD
              && unspin_token_normalize (text, &tokens[i], buf, sizeof buf) > 0
              && unspin_thesaurus_lookup (self->word_map, buf, &seen, &own) != NULL
              && seen >= 2 && own == 0)
            {
              term_bonus += get_params ()->map_line;
              break;
            }
        }
    }

  g_array_set_size (scratch->slots, 0);

  for (guint i = 0; i < n; i++)
    {
      const UnspinToken *t = &tokens[i];
      Slot slot = { 0 };
      guint k;

      if (m < n_matches && matches[m].token_start == i)
        {
          const UnspinMatch *match = &matches[m++];

          slot.token_start = match->token_start;
          slot.token_end = match->token_end;
          slot.match = match;
          slot.n_cands = MIN (g_strv_length (match->entry->originals), MAX_CANDS);
          for (guint c = 0; c < slot.n_cands; c++)
            {
              slot.cands[c] = match->entry->originals[c];
              slot.cand_source[c] = FROM_PACK;
            }
          /* In a bare term, a word a pack lists may as well be tortured: the term decides. */
          if (scratch->terms && match->token_end == i + 1 && !in_quote)
            thesaurus_candidates (self, scratch, text, tokens, n, i, sentence_start, TRUE, &slot);
          add_slot (self, scratch, &slot, density, term_bonus);
          i = match->token_end - 1;
          sentence_start = FALSE;
          continue;
        }

      if (t->kind == UNSPIN_TOKEN_PUNCT)
        {
          if (token_is (text, t, "“") || (token_is (text, t, "\"") && !in_quote))
            in_quote = TRUE;
          else if (token_is (text, t, "”") || token_is (text, t, "\""))
            in_quote = FALSE;
          else if (token_is (text, t, ".") || token_is (text, t, "!") || token_is (text, t, "?")
                   || token_is (text, t, ":"))
            sentence_start = TRUE;
          continue;
        }

      if (fragment && self->word_map != NULL && !in_quote
          && (k = multiword_candidates (self, scratch, text, tokens, n, i, sentence_start, &slot)) > 0)
        {
          slot.token_start = i;
          slot.token_end = i + k;
          add_slot (self, scratch, &slot, density, term_bonus);
          i += k - 1;
          sentence_start = FALSE;
          continue;
        }

      if (fragment && self->word_map != NULL && !in_quote
          && compound_candidates (self, text, tokens, n, i, sentence_start, &slot))
        {
          slot.token_start = i;
          slot.token_end = i + 3;
          add_slot (self, scratch, &slot, density, term_bonus);
          i += 2;
          sentence_start = FALSE;
          continue;
        }

      if (!fragment && !in_quote
          && (k = multiword_prose_candidates (self, scratch, text, tokens, n,
                                              m < n_matches ? matches[m].token_start : n, i,
                                              sentence_start, &slot)) > 0)
        {
          gboolean article = i > 0 && is_article (text, &tokens[i - 1])
                             && (scratch->slots->len == 0
                                 || g_array_index (scratch->slots, Slot,
                                                   scratch->slots->len - 1).token_end < i);

          slot.token_start = article ? i - 1 : i;
          slot.token_end = i + k;
          slot.article = article;
          add_slot (self, scratch, &slot, density, term_bonus);
          i += k - 1;
          sentence_start = FALSE;
          continue;
        }

      if ((self->thesaurus != NULL || self->word_map != NULL) && !in_quote)
        {
          if (thesaurus_candidates (self, scratch, text, tokens, n, i, sentence_start, fragment, &slot))
            {
              gboolean article = i > 0 && is_article (text, &tokens[i - 1])
                                 && (scratch->slots->len == 0
                                     || g_array_index (scratch->slots, Slot,
                                                       scratch->slots->len - 1).token_end < i);

              slot.token_start = article ? i - 1 : i;
              slot.token_end = i + 1;
              slot.article = article;
              add_slot (self, scratch, &slot, density, term_bonus);
            }
        }
      sentence_start = FALSE;
    }

  /* A bare term without a tortured word is judged by the pairs too, once something in it has a
   * candidate (a byline or a keyword line without one does not read them). */
  scratch->pairs = scratch->terms;
  if (fragment && !scratch->terms && scratch->slots->len > 0 && get_params ()->fragment_pairs > 0.0)
    {
      ensure_pairs (self);
      map_pair_words (self, scratch, text, tokens, n);
      scratch->pairs = TRUE;
    }
}

/* scratch->pair_ids: the paragraph's model words, with the pairs files' own ids for the words
 * the model lacks that those files have ("fourier" of "fourier transform"). */
static void
map_pair_words (UnspinScorer        *self,
                UnspinScorerScratch *scratch,
                const char          *text,
                const UnspinToken   *tokens,
                guint                n_tokens)
{
  int *ids;

  g_array_set_size (scratch->pair_ids, 0);
  g_array_append_vals (scratch->pair_ids, scratch->lm_words->data, scratch->lm_words->len);
  if (g_hash_table_size (self->pair_words) == 0)
    return;
  ids = (int *) scratch->pair_ids->data;
  for (guint i = 0; i < n_tokens; i++)
    {
      const guint *r = &g_array_index (scratch->tok_lm, guint, 2 * i);
      char buf[64];
      gpointer id;

      /* The model lacks the word: only the files may have it. */
      if (r[1] == r[0] + 1 && ids[r[0]] == UNSPIN_LM_NO_WORD
          && unspin_token_normalize (text, &tokens[i], buf, sizeof buf) > 0
          && g_hash_table_lookup_extended (self->pair_words, buf, NULL, &id))
        ids[r[0]] = GPOINTER_TO_INT (id);
    }
}

/* ---- Search ---- */

/* Appends @n words to the hypothesis: @lm as the model knows them, @pairs as the pairs do. */
static void
append_words (UnspinScorerScratch *scratch,
              const int           *lm,
              const int           *pairs,
              guint                n)
{
  g_array_append_vals (scratch->seq, lm, n);
  g_array_append_vals (scratch->pair_seq, pairs, n);
}

/* The model's log-probability of the words a hypothesis changes, with the bonuses of its
 * changes: from the last words before the group's first slot to the words after its last. */
static double
score_group (UnspinScorer        *self,
             UnspinScorerScratch *scratch,
             Slot                *slots,
             guint                n_slots)
{
  const int *words = (const int *) scratch->lm_words->data;
  /* The same words for the pairs, which know some the model lacks ("fourier"). */
  const int *pair_words = scratch->pairs ? (const int *) scratch->pair_ids->data : words;
  guint n_words = scratch->lm_words->len;
  GArray *seq = scratch->seq;
  GArray *pair_seq = scratch->pair_seq;
  guint context = self->order - 1, first, pos, end, slot_start;
  double bonus = 0.0;

  g_array_set_size (seq, 0);
  g_array_set_size (pair_seq, 0);
  g_array_set_size (scratch->seq_inner, 0);
  first = slots[0].lm_start > context ? slots[0].lm_start - context : 0;
  append_words (scratch, words + first, pair_words + first, slots[0].lm_start - first);
  context = seq->len;

  pos = slots[0].lm_start;
  for (guint s = 0; s < n_slots; s++)
    {
      Slot *slot = &slots[s];

      append_words (scratch, words + pos, pair_words + pos, slot->lm_start - pos);
      slot_start = seq->len;
      if (slot->choice < 0)
        {
          append_words (scratch, words + slot->lm_start, pair_words + slot->lm_start,
                        slot->lm_end - slot->lm_start);
          if (slot->unknown)
            bonus -= get_params ()->unknown_cost;
        }
      else
        {
          append_words (scratch, slot->cand_words[slot->choice], slot->cand_words[slot->choice],
                        slot->cand_len[slot->choice]);
          bonus += slot->bonus[slot->choice];
        }
      /* The slot's words after its first are inner (the rest, zeroed, are not); a candidate's
       * are changed. */
      g_array_set_size (scratch->seq_inner, seq->len);
      for (guint i = slot_start; i < seq->len; i++)
        scratch->seq_inner->data[i] = (i > slot_start ? SEQ_INNER : 0)
                                      | (slot->choice >= 0 ? SEQ_CHANGED : 0);
      pos = slot->lm_end;
    }
  end = MIN (n_words, pos + self->order - 1);
  for (; pos < end; pos++)
    {
      int id = words[pos];

      append_words (scratch, words + pos, pair_words + pos, 1);
      if (id == UNSPIN_LM_NO_WORD || id == self->e_id)
        break;
    }

  /* A bare term with a tortured word: the term vocabulary, and the pairs at their full weights
   * (WordNet's, then the computing dictionaries', none of them WordNet's); another bare term:
   * the pairs, at fragment_pairs of them. */
  if (scratch->pairs)
    {
      const Params *p = get_params ();
      const int *pair_seq_words = (const int *) pair_seq->data;
      const guint8 *inner;
      double attested;

      g_array_set_size (scratch->seq_inner, seq->len);
      inner = (const guint8 *) scratch->seq_inner->data;
      attested = pairs_score (self, pair_seq_words, inner, seq->len, context,
                              self->lemma_pairs, p->wordnet_lemma, self->gloss_pairs, p->wordnet_gloss)
                 + pairs_score (self, pair_seq_words, inner, seq->len, context,
                                self->dict_name_pairs, p->dict_name, self->dict_text_pairs, p->dict_text);
      if (scratch->terms)
        {
          guint known = 0;

          bonus += p->term_weight * term_score (self, (const int *) seq->data, seq->len, context, &known);
          bonus += p->term_pair * known;
          bonus += attested;
          bonus += written_pairs_score (self, pair_seq_words, inner, seq->len, context, p->pair_written);
        }
      else
        bonus += p->fragment_pairs * attested;
    }
  return unspin_lm_score_sequence (self->lm, scratch->cache, (const int *) seq->data, seq->len,
                                   context) + bonus;
}

static void
search_group (UnspinScorer        *self,
              UnspinScorerScratch *scratch,
              Slot                *slots,
              guint                n_slots)
{
  guint n_hyp = 1, most = scratch->terms ? MAX_EXHAUSTIVE_TERMS : MAX_EXHAUSTIVE;
  double best;

  for (guint s = 0; s < n_slots; s++)
    {
      n_hyp *= slots[s].n_cands + 1;
      if (n_hyp > most)
        break;
    }

  for (guint s = 0; s < n_slots; s++)
    slots[s].choice = -1;
  best = score_group (self, scratch, slots, n_slots);

  if (n_hyp <= most)
    {
      int best_choice[MAX_GROUP];

      for (guint s = 0; s < n_slots; s++)
        best_choice[s] = -1;
      for (guint h = 1; h < n_hyp; h++)
        {
          guint rest = h;
          gboolean ok = TRUE;
          double score;

          for (guint s = 0; s < n_slots; s++)
            {
              slots[s].choice = (int) (rest % (slots[s].n_cands + 1)) - 1;
              rest /= slots[s].n_cands + 1;
              if (slots[s].choice >= 0 && !slots[s].cand_ok[slots[s].choice])
                ok = FALSE;
            }
          if (!ok)
            continue;
          score = score_group (self, scratch, slots, n_slots);
          if (score > best)
            {
              best = score;
              for (guint s = 0; s < n_slots; s++)
                best_choice[s] = slots[s].choice;
            }
        }
      for (guint s = 0; s < n_slots; s++)
        slots[s].choice = best_choice[s];
      return;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < n_slots; s++)
      {
        int keep = slots[s].choice;

        for (int c = -1; c < (int) slots[s].n_cands; c++)
          {
            double score;

            if (c == keep || (c >= 0 && !slots[s].cand_ok[c]))
              continue;
            slots[s].choice = c;
            score = score_group (self, scratch, slots, n_slots);
            if (score > best)
              {
                best = score;
                keep = c;
              }
          }
        slots[s].choice = keep;
      }
}

/* The margin at which a decision is high confidence. On a bare term with a tortured word, a
 * word-map swap the list shows once or twice is thin evidence and needs more; one it shows ten
 * times or more needs less (the terms changed on the tuning buckets were mostly swaps seen once
 * or twice, decided by under 5 nats). */
static double
margin_needed (UnspinScorerScratch *scratch,
               const Slot          *slot,
               int                  chosen)
{
  const Params *p = get_params ();

  if (!scratch->terms || slot->cand_source[chosen] != FROM_WORD_MAP)
    return p->margin_high;
  if (slot->map_seen <= p->map_thin_seen)
    return p->margin_high + p->map_thin_margin;
  if (slot->map_seen >= p->map_often_seen)
    return p->margin_high + p->map_often_margin;
  return p->margin_high;
}

static void
decide_slot (UnspinScorer        *self,
             UnspinScorerScratch *scratch,
             const char          *text,
             const UnspinToken   *tokens,
             Slot                *group,
             guint                n_group,
             guint                s,
             double               density,
             GArray              *decisions)
{
  const Params *p = get_params ();
  Slot *slot = &group[s];
  UnspinDecision decision = { 0 };
  int chosen = slot->choice;
  double best, keep, margin, gain, alt_score[MAX_CANDS];
  guint order[MAX_CANDS], n_alt = 0;

  best = score_group (self, scratch, group, n_group);
  slot->choice = -1;
  keep = score_group (self, scratch, group, n_group);
  margin = best - keep;
  gain = margin - slot->bonus[chosen];

  for (guint c = 0; c < slot->n_cands; c++)
    {
      if ((int) c == chosen || !slot->cand_ok[c])
        continue;
      slot->choice = c;
      alt_score[c] = score_group (self, scratch, group, n_group);
      if (alt_score[c] > keep)
        order[n_alt++] = c;
    }
  slot->choice = chosen;

  /* Runners-up, best first. */
  for (guint i = 1; i < n_alt; i++)
    for (guint j = i; j > 0 && alt_score[order[j]] > alt_score[order[j - 1]]; j--)
      {
        guint tmp = order[j];
        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }

  decision.token_start = slot->token_start;
  decision.token_end = slot->token_end;
  decision.match = slot->cand_source[chosen] == FROM_PACK ? slot->match : NULL;
  decision.from_word_map = slot->cand_source[chosen] == FROM_WORD_MAP;
  decision.from_aiksaurus = slot->cand_source[chosen] == FROM_AIKSAURUS;
  decision.from_phrasal = slot->cand_source[chosen] == FROM_PHRASAL;
  decision.gain = gain;
  decision.confidence = 1.0 / (1.0 + exp (-(p->slope * (margin - margin_needed (scratch, slot, chosen))
                                            + logit (UNSPIN_CONFIDENCE_HIGH))));
  if (slot->article)
    {
      decision.text = g_strdup_printf ("%s %s", unspin_wants_an (slot->cands[chosen]) ? "an" : "a",
                                       slot->cands[chosen]);
      decision.proposal = decision.text;
    }
  else
    decision.proposal = slot->cands[chosen];
  if (n_alt > 0)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < MIN (n_alt, MAX_ALTERNATIVES); i++)
        {
          const char *alt = slot->cands[order[i]];

          if (slot->article)
            {
              g_autofree char *with = g_strdup_printf ("%s %s", unspin_wants_an (alt) ? "an" : "a", alt);
              g_strv_builder_add (builder, with);
            }
          else
            g_strv_builder_add (builder, alt);
        }
      decision.alternatives = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }

  if (self->trace)
    {
      g_autofree char *garbled = g_strndup (text + tokens[slot->token_start].start,
                                            tokens[slot->token_end - 1].end
                                            - tokens[slot->token_start].start);

      fprintf (stderr, "unspin-scorer\t%" G_GSIZE_FORMAT "\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.3f\n",
               tokens[slot->token_start].start,
               decision.match ? "pack" : decision.from_word_map ? "word-map"
               : decision.from_aiksaurus ? "aiksaurus" : decision.from_phrasal ? "phrasal"
               : "thesaurus", garbled,
               decision.proposal, slot->match ? slot->match->entry->prior : 0.0, gain, margin,
               density, chosen, decision.confidence);
    }

  g_array_append_val (decisions, decision);
}

/* Decides the collected slots, appending to @decisions. */
static void
decide_slots (UnspinScorer        *self,
              UnspinScorerScratch *scratch,
              const char          *text,
              const UnspinToken   *tokens,
              double               density,
              GArray              *decisions)
{
  Slot *slots = (Slot *) scratch->slots->data;
  guint n_slots = scratch->slots->len;

  for (guint s = 0; s < n_slots;)
    {
      guint g_end = s + 1;

      /* What the model cannot judge keeps the pack's word for it. */
      if (!slots[s].scored)
        {
          UnspinDecision decision = { 0 };

          decision.token_start = slots[s].token_start;
          decision.token_end = slots[s].token_end;
          decision.match = slots[s].match;
          decision.proposal = slots[s].cands[0];
          decision.confidence = slots[s].match->entry->prior;
          if (slots[s].n_cands > 1)
            decision.alternatives = g_strdupv ((char **) slots[s].match->entry->originals + 1);
          g_array_append_val (decisions, decision);
          s++;
          continue;
        }

      while (g_end < n_slots && g_end - s < MAX_GROUP && slots[g_end].scored
             && slots[g_end].lm_start < slots[g_end - 1].lm_end + self->order - 1)
        g_end++;

      search_group (self, scratch, slots + s, g_end - s);
      if (self->trace >= 2)
        for (guint i = s; i < g_end; i++)
          if (slots[i].match == NULL)
            {
              int chosen = slots[i].choice;
              double keep;

              slots[i].choice = -1;
              keep = score_group (self, scratch, slots + s, g_end - s);
              fprintf (stderr, "unspin-scorer\t%" G_GSIZE_FORMAT "\tslot\t%.*s\t%d\t%.3f\t%.3f\t",
                       tokens[slots[i].token_start].start,
                       (int) (tokens[slots[i].token_end - 1].end - tokens[slots[i].token_start].start),
                       text + tokens[slots[i].token_start].start, chosen, density,
                       slots[i].garbled_unigram);
              for (guint c = 0; c < slots[i].n_cands; c++)
                {
                  if (!slots[i].cand_ok[c])
                    continue;
                  slots[i].choice = c;
                  fprintf (stderr, "%s:%.2f/%.2f/%d|", slots[i].cands[c],
                           score_group (self, scratch, slots + s, g_end - s) - keep, slots[i].bonus[c],
                           slots[i].cand_source[c]);
                }
              slots[i].choice = chosen;
              fprintf (stderr, "\n");
            }
      for (guint i = s; i < g_end; i++)
        {
          /* A pack entry the context does not confirm stays a suggestion, with a confidence
           * that says how little the model thinks of it. */
          if (slots[i].choice < 0 && slots[i].match != NULL)
            {
              double best = -G_MAXDOUBLE;
              int best_c = -1;

              for (guint c = 0; c < slots[i].n_cands; c++)
                {
                  double score;

                  if (!slots[i].cand_ok[c])
                    continue;
                  slots[i].choice = c;
                  score = score_group (self, scratch, slots + s, g_end - s);
                  if (score > best)
                    {
                      best = score;
                      best_c = c;
                    }
                }
              slots[i].choice = best_c;
            }
          if (slots[i].choice >= 0)
            decide_slot (self, scratch, text, tokens, slots + s, g_end - s, i - s, density, decisions);
        }
      s = g_end;
    }
}

void
unspin_scorer_decide (UnspinScorer        *self,
                      UnspinScorerScratch *scratch,
                      const char          *text,
                      const UnspinToken   *tokens,
                      guint                n_tokens,
                      const UnspinMatch   *matches,
                      guint                n_matches,
                      double               density,
                      GArray              *decisions)
{
  guint first;

  map_tokens (self, text, tokens, n_tokens, TRUE, scratch->lm_words, scratch->tok_lm);
  g_array_set_size (scratch->lm_scores, scratch->lm_words->len);
  for (guint j = 0; j < scratch->lm_words->len; j++)
    g_array_index (scratch->lm_scores, double, j) =
      unspin_lm_score_sequence (self->lm, scratch->cache, (const int *) scratch->lm_words->data, j + 1, j);
  collect_slots (self, scratch, text, tokens, n_tokens, matches, n_matches, density);
  first = decisions->len;
  decide_slots (self, scratch, text, tokens, density, decisions);

  /* A bare term with one word surely tortured is tortured throughout: its other words are
   * decided again with a bonus for the word map's and the thesaurus's candidates. The line
   * changes anyway, so a clean term is not put at more risk. */
  if (scratch->terms && get_params ()->term_confirmed > 0.0)
    {
      gboolean confirmed = FALSE;

      for (guint d = first; d < decisions->len && !confirmed; d++)
        {
          const UnspinDecision *decision = &g_array_index (decisions, UnspinDecision, d);

          confirmed = decision->confidence >= UNSPIN_CONFIDENCE_HIGH;
        }
      if (confirmed)
        {
          for (guint k = 0; k < scratch->slots->len; k++)
            {
              Slot *slot = &g_array_index (scratch->slots, Slot, k);

              for (guint c = 0; c < slot->n_cands; c++)
                if (slot->cand_source[c] != FROM_PACK)
                  slot->bonus[c] += get_params ()->term_confirmed;
            }
          g_array_set_size (decisions, first);
          decide_slots (self, scratch, text, tokens, density, decisions);
        }
    }
}
