/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: arbitrary bytes as a phrase pack; a pack that loads is matched against a
 * small fixed text. Built and run by tests/fuzz/run.sh. */
#include <stdint.h>

#include "unspin-error.h"
#include "unspin-matcher.h"
#include "fuzz-log.h"

/* Written for the fuzzer: common words, capitals, punctuation, multibyte characters. */
static const char sample[] =
  "The federal government has actually stated that motor vehicles are \xe2\x80\x9c" "banned\xe2\x80\x9d.\n"
  "AUTHORITIES said: the caf\xc3\xa9" " re-opened at 9 o\xe2\x80\x99" "clock, y\xcc\x86" " \xf0\x9f\x98\x80" " done.\n";

static UnspinText *text;
static GArray *tokens;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  gsize pos = 0, line_start, line_end;

  fuzz_log_init ();
  text = unspin_text_new_from_string (sample, "sample");
  tokens = g_array_new (FALSE, FALSE, sizeof (UnspinToken));
  while (unspin_text_next_line (text, &pos, &line_start, &line_end))
    unspin_tokenize (sample, line_start, line_end, tokens);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(UnspinPhrasePack) pack = NULL;
  g_autoptr(UnspinMatcher) matcher = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  pack = unspin_phrase_pack_new_from_bytes (bytes, "fuzz-pack.json", &error);
  if (pack == NULL)
    {
      g_assert (g_error_matches (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_PACK));
      return 0;
    }

  for (guint i = 0; i < unspin_phrase_pack_get_n_entries (pack); i++)
    g_assert_nonnull (unspin_phrase_pack_get_entry (pack, i)->garbled);

  matcher = unspin_matcher_new ();
  unspin_matcher_add_pack (matcher, pack);
  matches = g_array_new (FALSE, FALSE, sizeof (UnspinMatch));
  unspin_matcher_find (matcher, sample, (const UnspinToken *) (void *) tokens->data, tokens->len, matches);
  for (guint i = 0; i < matches->len; i++)
    {
      const UnspinMatch *match = &g_array_index (matches, UnspinMatch, i);
      const UnspinToken *first = &g_array_index (tokens, UnspinToken, match->token_start);
      const UnspinToken *last = &g_array_index (tokens, UnspinToken, match->token_end - 1);
      g_autofree char *proposal = NULL;

      g_assert_cmpuint (match->token_start, <, match->token_end);
      g_assert_cmpuint (match->token_end, <=, tokens->len);
      g_assert_nonnull (match->entry->originals);
      proposal = unspin_transfer_case (sample + first->start, last->end - first->start,
                                       match->entry->originals[0]);
      g_assert_true (g_utf8_validate (proposal, -1, NULL));
    }
  return 0;
}
