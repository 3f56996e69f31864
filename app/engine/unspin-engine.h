/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "unspin-debris.h"
#include "unspin-lm.h"
#include "unspin-phrase-pack.h"
#include "unspin-review.h"
#include "unspin-spelling.h"
#include "unspin-text.h"
#include "unspin-thesaurus.h"

G_BEGIN_DECLS

/*
 * The phrase-repair engine: text -> tokens -> candidates (packs, reverse thesaurus, page-debris
 * rules) -> edits, decided in context by a language model when one is set (context scoring;
 * without it, pack entries keep their priors and the thesaurus is not used).
 * Configure it (packs, rules) on one thread, then it is read-only: proposing on several texts
 * at once from several threads is safe. Texts over a megabyte are cut into blocks of lines that
 * are proposed on in parallel, one thread per core ($UNSPIN_THREADS sets how many; 1 for none),
 * with the same result as one pass.
 */
#define UNSPIN_TYPE_ENGINE (unspin_engine_get_type ())
G_DECLARE_FINAL_TYPE (UnspinEngine, unspin_engine, UNSPIN, ENGINE, GObject)

UnspinEngine *unspin_engine_new                (void);

/* Where the bundled data lives: $UNSPIN_DATA_DIR when set, else the installed data folder. */
const char   *unspin_engine_get_default_data_dir (void);

/* Loads every pack in DATA_DIR/packs/ (sorted by file name), DATA_DIR/rules/page-debris.json
 * and, when present, DATA_DIR/thesaurus/reverse-thesaurus.tsv and tortured-words.tsv; the
 * thesauri, which only context scoring uses, when a model is loaded (now, or later by
 * unspin_engine_load_model(), which then reports a bad thesaurus). WordNet's word pairs and
 * the Aiksaurus and phrasal thesauri there (wordnet-pairs.tsv, aiksaurus.tsv,
 * phrasal-thesaurus.tsv) are read when a text first needs them. */
gboolean      unspin_engine_load_default_data  (UnspinEngine     *self,
                                                GCancellable     *cancellable,
                                                GError          **error);
/* Packs added earlier win when two list the same phrase: add users' packs first. */
void          unspin_engine_add_pack           (UnspinEngine     *self,
                                                UnspinPhrasePack *pack);
gboolean      unspin_engine_add_pack_file      (UnspinEngine     *self,
                                                GFile            *file,
                                                GCancellable     *cancellable,
                                                GError          **error);
void          unspin_engine_set_debris_rules   (UnspinEngine      *self,
                                                UnspinDebrisRules *rules);
/* The American and British spellings (takes ownership; NULL for none): a text that reads as
 * British gets its proposals in British spelling. unspin_engine_load_default_data() sets the
 * bundled table (data/spelling/us-uk.tsv) when there is one. */
void          unspin_engine_set_spelling       (UnspinEngine      *self,
                                                UnspinSpelling    *spelling);
/* Loads each *.json in @dir (a user's own packs, sorted by name) before anything added later.
 * A pack that cannot be read or does not parse is skipped; its error (naming the file) goes to
 * @errors_out (GError*, may be NULL), which is set to a new array, empty when all loaded. A
 * missing folder is not an error. Returns the number of packs added. */
guint         unspin_engine_load_user_packs    (UnspinEngine     *self,
                                                GFile            *dir,
                                                GPtrArray       **errors_out);
/* Candidates for words no pack lists: the reverse thesaurus and the word substitutions of
 * tortured phrases (either may be NULL). Used only with a model. */
void          unspin_engine_set_thesaurus      (UnspinEngine     *self,
                                                UnspinThesaurus  *thesaurus,
                                                UnspinThesaurus  *word_map);
/* The reverse thesaurus of two- and three-word synonyms (data/thesaurus/reverse-multiword.tsv;
 * may be NULL): candidates for such words in a sentence ("carried out" -> "performed"). Used
 * only with a model. */
void          unspin_engine_set_multiword      (UnspinEngine     *self,
                                                UnspinThesaurus  *multiword);
/* Word pairs WordNet attests (data/thesaurus/wordnet-pairs.tsv; may be NULL), evidence for the
 * candidates of a bare term with a tortured word; read when such a line first needs it. */
void          unspin_engine_set_term_pairs     (UnspinEngine     *self,
                                                GFile            *file);
/* The Aiksaurus thesaurus (data/thesaurus/aiksaurus.tsv; may be NULL): more candidates, for a
 * bare term with a tortured word by default; read when such a line first needs it. */
void          unspin_engine_set_aiksaurus      (UnspinEngine     *self,
                                                GFile            *file);
/* The phrasal thesaurus (data/thesaurus/phrasal-thesaurus.tsv; may be NULL): one word for
 * a phrase of two to four words on a bare term with a tortured word; read when such a line
 * first needs it. */
void          unspin_engine_set_phrasal        (UnspinEngine     *self,
                                                GFile            *file);
/* Word pairs the computing dictionaries attest (data/thesaurus/dict-pairs.tsv; may be NULL),
 * read and used with WordNet's. */
void          unspin_engine_set_dict_pairs     (UnspinEngine     *self,
                                                GFile            *file);
/* Word pairs scientific software's documentation attests (data/thesaurus/doc-pairs.tsv; may
 * be NULL), read and used with the dictionaries'. */
void          unspin_engine_set_doc_pairs      (UnspinEngine     *self,
                                                GFile            *file);

/* Context scoring. unspin_engine_load_model() reads @file, or with NULL the default model
 * (unspin_lm_get_default_path(): $UNSPIN_LM_MODEL or the build's default); the window passes
 * the path of its preference. Errors: UNSPIN_ERROR_BAD_MODEL, or G_IO_ERROR_NOT_FOUND when
 * there is no model at all, or UNSPIN_ERROR_BAD_PACK for a bad thesaurus of the default data.
 * Setting NULL turns context scoring off. */
gboolean      unspin_engine_load_model         (UnspinEngine     *self,
                                                GFile            *file,
                                                GCancellable     *cancellable,
                                                GError          **error);
void          unspin_engine_set_model          (UnspinEngine     *self,
                                                UnspinLm         *model);
UnspinLm     *unspin_engine_get_model          (UnspinEngine     *self);
/* Whether edits are decided by the language model (a model is set). */
gboolean      unspin_engine_get_context_scoring (UnspinEngine    *self);

/* UnspinPhrasePack*, in the order added. */
GPtrArray    *unspin_engine_get_packs          (UnspinEngine     *self);
/* The packs and rules as UnspinDataSource*, for exports; a new array. */
GPtrArray    *unspin_engine_dup_sources        (UnspinEngine     *self);

/* All edits for @text (UnspinEdit*, sorted, non-overlapping, ids 1..n, char offsets filled).
 * Returns NULL with G_IO_ERROR_CANCELLED when cancelled. */
GPtrArray    *unspin_engine_propose            (UnspinEngine     *self,
                                                UnspinText       *text,
                                                GCancellable     *cancellable,
                                                GError          **error);
void          unspin_engine_propose_async      (UnspinEngine       *self,
                                                UnspinText         *text,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray    *unspin_engine_propose_finish     (UnspinEngine     *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/* A review of @text: every proposed edit, those at or above UNSPIN_CONFIDENCE_HIGH
 * pre-accepted, the engine's data sources recorded. */
UnspinReview *unspin_engine_review             (UnspinEngine     *self,
                                                UnspinText       *text,
                                                GCancellable     *cancellable,
                                                GError          **error);

/* Restores @text paragraph by paragraph, applying the edits at or above @min_confidence, and
 * writes the result to @stream as it goes: memory stays small whatever the input size. Writes
 * the same bytes as the restored text of unspin_engine_review() for min_confidence = HIGH. */
gboolean      unspin_engine_restore_to_stream  (UnspinEngine     *self,
                                                UnspinText       *text,
                                                double            min_confidence,
                                                GOutputStream    *stream,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_END_DECLS
