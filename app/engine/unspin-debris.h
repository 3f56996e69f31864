/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "unspin-edit.h"
#include "unspin-text.h"

G_BEGIN_DECLS

/*
 * Page-debris rules: what a scraper carried along with the article, and the numeral style a
 * spinner broke. Each rule is a small named function over data from data/rules/page-debris.json
 * (schema in docs/phrase-packs.md): spam and boilerplate lines, a spun headline beside the
 * original headline, a photo credit glued to its caption, digits for one to nine.
 * Each appends UnspinEdit* to @edits (a GPtrArray with unspin_edit_unref as free func), with
 * byte offsets into @data; char offsets are left to the caller. Sources are "rule:NAME".
 */

typedef struct _UnspinDebrisRules UnspinDebrisRules;

/* Errors: UNSPIN_ERROR_BAD_PACK naming the file, the rule and the reason. */
UnspinDebrisRules *unspin_debris_rules_new_from_bytes (GBytes       *bytes,
                                                       const char   *name,
                                                       GError      **error);
UnspinDebrisRules *unspin_debris_rules_new_from_file  (GFile        *file,
                                                       GCancellable *cancellable,
                                                       GError      **error);
void               unspin_debris_rules_free           (UnspinDebrisRules *self);
const char        *unspin_debris_rules_get_id         (UnspinDebrisRules *self);
const char        *unspin_debris_rules_get_version    (UnspinDebrisRules *self);
const char        *unspin_debris_rules_get_license    (UnspinDebrisRules *self);
const char        *unspin_debris_rules_get_sha256     (UnspinDebrisRules *self);

/* rule "spam-line": the line [line_start, line_end) is page debris (ads, comment-form
 * boilerplate, share buttons...). The DELETE edit covers the line, its line break and a blank
 * line after it, so that no double blank line is left; @data_len bounds the look-ahead.
 * Returns TRUE when it proposed the deletion (then no other rule needs to look at the line). */
gboolean unspin_debris_check_spam_line (UnspinDebrisRules *self,
                                        const char        *data,
                                        gsize              data_len,
                                        gsize              line_start,
                                        gsize              line_end,
                                        GPtrArray         *edits);

/* rule "glued-credit": "…on Sept. 21.Patrick Semansky / AFP – Getty Images": an INSERT of "\n"
 * between the caption and the credit, so that the credit stands on its own line. */
gboolean unspin_debris_check_glued_credit (UnspinDebrisRules *self,
                                           const char        *data,
                                           const UnspinToken *tokens,
                                           guint              n_tokens,
                                           GPtrArray         *edits);

/* rule "small-numeral": news style spells one to nine in running text: "2 Iraqi officials" ->
 * "two Iraqi officials" ("Two" at a sentence start). Not for dates, times, units, money,
 * percentages, scores, ranges, decimals, ordinals, addresses or numbers beside other numbers. */
void     unspin_debris_check_numerals (UnspinDebrisRules *self,
                                       const char        *data,
                                       const UnspinToken *tokens,
                                       guint              n_tokens,
                                       GPtrArray         *edits);

/* A line of the article's head, with how many spinner marks (pack matches) it carries. */
typedef struct {
  gsize start;
  gsize end;
  guint n_marks;
} UnspinHeadLine;

/* rule "duplicate-headline": among the first non-empty lines of the article (@lines, in order,
 * the caller passes up to the first 6), two headline-like lines that say the same thing in other
 * words: propose deleting the one with more spinner marks (the spun copy), keeping the one that
 * reads as the original. The DELETE covers the line, its break and a following blank line. */
void     unspin_debris_check_headlines (UnspinDebrisRules    *self,
                                        const char           *data,
                                        gsize                 data_len,
                                        const UnspinHeadLine *lines,
                                        guint                 n_lines,
                                        GPtrArray            *edits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnspinDebrisRules, unspin_debris_rules_free)

G_END_DECLS
