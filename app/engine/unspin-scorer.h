/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "unspin-lm.h"
#include "unspin-matcher.h"
#include "unspin-text.h"
#include "unspin-thesaurus.h"

G_BEGIN_DECLS

/*
 * Decides candidates in context. A slot is a span of a paragraph with candidates for what the
 * spinner replaced: a pack match (its originals) or a word the reverse thesaurus knows (the words
 * it may stand for). Slots close enough to share an n-gram are decided together, so a tortured
 * phrase ("counterfeit consciousness") can change both its words at once. Each choice is
 * worth its language-model gain over a window around the span (two words each side for a
 * trigram model) plus what the source says: the pack entry's prior, the thesaurus rank, and how
 * spun the text around looks (density of unambiguous marks). A candidate is proposed when it
 * beats keeping the garbled words; its confidence grows with that margin, calibrated so that
 * UNSPIN_CONFIDENCE_HIGH means "apply". See docs/context-model.md.
 *
 * Read-only once made; each thread passes its own UnspinScorerScratch.
 */

typedef struct _UnspinScorer        UnspinScorer;
typedef struct _UnspinScorerScratch UnspinScorerScratch;

/* One decided slot: the span (token indices into the paragraph's tokens), the proposal and its
 * alternatives (lower case as the source wrote them; NULL when the span stays as it is). */
typedef struct {
  guint                  token_start;
  guint                  token_end;
  const char            *proposal;       /* points into the pack or thesaurus, or into @article */
  char                 **alternatives;   /* owned, NULL-terminated, may be NULL */
  double                 confidence;
  double                 gain;           /* language-model gain of the proposal, nats */
  const UnspinMatch     *match;          /* the pack match, or NULL for the thesaurus */
  gboolean               from_word_map;  /* not a pack: the tortured-phrase word map */
  gboolean               from_aiksaurus; /* not a pack: the Aiksaurus thesaurus */
  gboolean               from_phrasal; /* not a pack: the phrasal thesaurus */
  char                  *text;           /* owned: the proposal when the scorer built it ("a result") */
} UnspinDecision;

/* @thesaurus (the reverse thesaurus) and @word_map (word substitutions seen in tortured
 * phrases, in the same format) may be NULL. Keeps references. */
UnspinScorer        *unspin_scorer_new          (UnspinLm            *lm,
                                                 UnspinThesaurus     *thesaurus,
                                                 UnspinThesaurus     *word_map);
void                 unspin_scorer_free         (UnspinScorer        *self);
/* Adds a pack of tortured phrases ("counterfeit consciousness") and the established terms they
 * stand for ("artificial intelligence") to the term vocabulary. On a line that is a bare term
 * with a word seen more in tortured phrases than in terms, the vocabulary (a bigram model of
 * the terms) judges the candidates along with the language model, which, trained on news,
 * knows little of scientific terms. Keeps a reference; call before deciding anything. */
void                 unspin_scorer_add_term_pack (UnspinScorer        *self,
                                                  UnspinPhrasePack    *pack);
/* Word pairs that Princeton WordNet attests, in its multiword lemmas ("neural network") and its
 * glosses (data/thesaurus/wordnet-pairs.tsv, made by tools/make-wordnet-pairs.py): on a line
 * the term vocabulary judges, more evidence that a candidate term is an established one. The
 * file is read the first time such a line needs it; @file may be NULL for none. Call before
 * deciding anything. */
void                 unspin_scorer_set_term_pairs (UnspinScorer      *self,
                                                   GFile             *file);
/* The pairs file's SHA-256 once a text has needed it, or NULL (not needed yet, none, or bad). */
const char          *unspin_scorer_get_term_pairs_sha256 (UnspinScorer *self);
/* Word pairs the computing dictionaries FOLDOC and V.E.R.A. attest and WordNet lacks
 * (data/thesaurus/dict-pairs.tsv, made by tools/make-dict-pairs.py): the same evidence, read
 * with WordNet's pairs; @file may be NULL for none. Call before deciding anything. */
void                 unspin_scorer_set_dict_pairs (UnspinScorer      *self,
                                                   GFile             *file);
const char          *unspin_scorer_get_dict_pairs_sha256 (UnspinScorer *self);
/* Word pairs the documentation of free scientific software attests and neither WordNet nor
 * the dictionaries have (data/thesaurus/doc-pairs.tsv, made by tools/make-doc-pairs.py): read
 * with the dictionaries' pairs and weighed as theirs, its pairs seen often as names, the
 * others as text; @file may be NULL for none. Call before deciding anything. */
void                 unspin_scorer_set_doc_pairs  (UnspinScorer      *self,
                                                   GFile             *file);
const char          *unspin_scorer_get_doc_pairs_sha256 (UnspinScorer *self);

/* The Aiksaurus thesaurus (data/thesaurus/aiksaurus.tsv, made by tools/make-thesaurus.py
 * --aiksaurus; in the reverse thesaurus's format): more candidates, looser ones, for the lines
 * its parameters allow (by default a bare term with a tortured word). Read the first time such
 * a line needs it; @file may be NULL for none. Call before deciding anything. */
void                 unspin_scorer_set_aiksaurus (UnspinScorer      *self,
                                                  GFile             *file);
/* Its SHA-256 once a text has needed it, or NULL (not needed yet, none, or bad). */
const char          *unspin_scorer_get_aiksaurus_sha256 (UnspinScorer *self);
/* The phrasal thesaurus (data/thesaurus/phrasal-thesaurus.tsv, made by
 * tools/make-thesaurus.py --phrasal; in the reverse thesaurus's format, its keys phrases of
 * two to four words): one-word candidates for such phrases on a bare term with a tortured word.
 * Read the first time such a line needs it; @file may be NULL for none. Call before deciding
 * anything. */
void                 unspin_scorer_set_phrasal   (UnspinScorer      *self,
                                                  GFile             *file);
/* Its SHA-256 once a text has needed it, or NULL (not needed yet, none, or bad). */
const char          *unspin_scorer_get_phrasal_sha256 (UnspinScorer *self);

/* The reverse thesaurus of MyThes's two- and three-word synonyms
 * (data/thesaurus/reverse-multiword.tsv, made by tools/make-thesaurus.py --multiword): in a
 * sentence, such words that the model finds surprising get the words they may stand for
 * ("carried out" -> "performed"). @thesaurus may be NULL for none. Keeps a reference; call
 * before deciding anything. */
void                 unspin_scorer_set_multiword (UnspinScorer      *self,
                                                  UnspinThesaurus   *thesaurus);

UnspinScorerScratch *unspin_scorer_scratch_new  (void);
void                 unspin_scorer_scratch_free (UnspinScorerScratch *scratch);
/* Pack originals applied with confidence near the text about to be decided (a table from
 * const UnspinPackEntry* to the const char* original, borrowed until reset; NULL for none):
 * the same candidate for the same entry gets the bonus "consistency" there. */
void                 unspin_scorer_scratch_set_applied (UnspinScorerScratch *scratch,
                                                        GHashTable          *applied);

/* Whether the paragraph about to be decided is the headline of an article: a document's first
 * line with a prose paragraph after it. Such a line is read as a sentence, never as a bare term
 * (a keyword or a phrase alone), however few its words. */
void                 unspin_scorer_scratch_set_headline (UnspinScorerScratch *scratch,
                                                         gboolean             headline);

/* Decides the pack matches and thesaurus words of one paragraph (tokens of @text from
 * unspin_tokenize(), matches from unspin_matcher_find()). @density is the spinner marks per
 * hundred words around the paragraph. Appends UnspinDecision to @decisions (a GArray, cleared
 * with unspin_decision_clear()) for every slot it proposes a change for, in text order. */
void                 unspin_scorer_decide       (UnspinScorer        *self,
                                                 UnspinScorerScratch *scratch,
                                                 const char          *text,
                                                 const UnspinToken   *tokens,
                                                 guint                n_tokens,
                                                 const UnspinMatch   *matches,
                                                 guint                n_matches,
                                                 double               density,
                                                 GArray              *decisions);
void                 unspin_decision_clear      (UnspinDecision      *decision);

/* Whether a pack match counts as an unambiguous spinner mark for the density. */
gboolean             unspin_scorer_is_mark      (const UnspinMatch   *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinScorer, unspin_scorer_free)

G_END_DECLS
