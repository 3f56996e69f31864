/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-diff.h"
#include "unspin-error.h"
#include "unspin-review.h"

/* A short article written for the tests, with three spinner marks. */
static const char *article =
  "The council has actually approved the budget.\n"
  "\n"
  "Authorities stated the plan would cost 2 million.\n";

static UnspinEdit *
edit_for (const char *garbled, const char *proposal, double confidence)
{
  const char *at = strstr (article, garbled);
  UnspinEdit *edit;

  g_assert_nonnull (at);
  edit = unspin_edit_new (UNSPIN_EDIT_REPLACE, at - article, at - article + strlen (garbled),
                          garbled, proposal, confidence, "test", "a test edit");
  return edit;
}

static UnspinReview *
make_review (void)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "council.txt");
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);

  g_ptr_array_add (edits, edit_for ("has actually", "has", 0.95));
  g_ptr_array_add (edits, edit_for ("Authorities", "Officials", 0.9));
  g_ptr_array_add (edits, edit_for ("stated", "said", 0.6));
  for (guint i = 0; i < edits->len; i++)
    ((UnspinEdit *) g_ptr_array_index (edits, i))->id = i + 1;
  return unspin_review_new (text, edits);
}

static char *
restored (UnspinReview *review)
{
  return unspin_review_get_restored_text (review, NULL);
}

static void
assert_restored (UnspinReview *review, const char *expected)
{
  g_autofree char *text = restored (review);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_pending_is_garbled (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, 3);
  g_assert_cmpuint (unspin_review_get_n_reviewed (review), ==, 0);
  assert_restored (review, article);
  g_assert_false (unspin_review_can_undo (review));
}

static void
test_accept_reject_undo_redo (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  unspin_review_accept (review, 0);
  unspin_review_accept (review, 1);
  unspin_review_reject (review, 2);
  g_assert_cmpuint (unspin_review_get_n_reviewed (review), ==, 3);
  assert_restored (review,
                   "The council has approved the budget.\n\nOfficials stated the plan would cost 2 million.\n");

  g_assert_true (unspin_review_undo (review));
  g_assert_cmpint (unspin_review_get_state (review, 2), ==, UNSPIN_REVIEW_PENDING);
  g_assert_true (unspin_review_undo (review));
  assert_restored (review,
                   "The council has approved the budget.\n\nAuthorities stated the plan would cost 2 million.\n");
  g_assert_true (unspin_review_can_redo (review));
  g_assert_true (unspin_review_redo (review));
  assert_restored (review,
                   "The council has approved the budget.\n\nOfficials stated the plan would cost 2 million.\n");

  /* A new decision clears the redo history. */
  unspin_review_accept (review, 2);
  g_assert_false (unspin_review_can_redo (review));
  assert_restored (review,
                   "The council has approved the budget.\n\nOfficials said the plan would cost 2 million.\n");

  while (unspin_review_undo (review))
    ;
  assert_restored (review, article);
  g_assert_cmpuint (unspin_review_get_n_reviewed (review), ==, 0);
}

static void
test_edited_state (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  unspin_review_set_state (review, 2, UNSPIN_REVIEW_EDITED, "told reporters");
  g_assert_cmpstr (unspin_review_get_custom_text (review, 2), ==, "told reporters");
  g_assert_cmpstr (unspin_review_get_replacement (review, 2), ==, "told reporters");
  assert_restored (review,
                   "The council has actually approved the budget.\n\nAuthorities told reporters the plan would cost 2 million.\n");
  unspin_review_undo (review);
  g_assert_null (unspin_review_get_custom_text (review, 2));
  g_assert_cmpstr (unspin_review_get_replacement (review, 2), ==, "said");
}

static void
test_bulk_is_one_step (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  g_assert_cmpuint (unspin_review_accept_above (review, 0.8), ==, 2);
  g_assert_cmpint (unspin_review_get_state (review, 2), ==, UNSPIN_REVIEW_PENDING);
  g_assert_cmpuint (unspin_review_reject_pending (review), ==, 1);
  g_assert_cmpint (unspin_review_get_state (review, 2), ==, UNSPIN_REVIEW_REJECTED);

  g_assert_true (unspin_review_undo (review));
  g_assert_cmpint (unspin_review_get_state (review, 2), ==, UNSPIN_REVIEW_PENDING);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_true (unspin_review_undo (review));
  g_assert_cmpuint (unspin_review_get_n_reviewed (review), ==, 0);
  g_assert_false (unspin_review_undo (review));
}

static void
test_preaccept_outside_history (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  unspin_review_preaccept (review, 0.8);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpint (unspin_review_get_state (review, 2), ==, UNSPIN_REVIEW_PENDING);
  g_assert_false (unspin_review_can_undo (review));
}

static void
count_signal (gpointer *data)
{
  (*(guint *) data)++;
}

static void
test_manual_edit (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(GError) error = NULL;
  const char *at = strstr (article, "budget");
  guint index = 0, n_changes = 0;
  UnspinEdit *edit;

  g_signal_connect_swapped (review, "edits-changed", G_CALLBACK (count_signal), &n_changes);
  g_assert_true (unspin_review_add_manual_edit (review, at - article, at - article + 6,
                                                "annual budget", &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (n_changes, ==, 1);
  edit = unspin_review_get_edit (review, 1);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_MANUAL);
  g_assert_cmpuint (edit->id, ==, 4);
  g_assert_cmpstr (edit->garbled, ==, "budget");
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_EDITED);
  assert_restored (review,
                   "The council has actually approved the annual budget.\n\nAuthorities stated the plan would cost 2 million.\n");

  /* The later edits moved one place on; decisions follow them. */
  unspin_review_accept (review, 3);
  g_assert_cmpstr (unspin_review_get_edit (review, 3)->proposal, ==, "said");

  g_assert_true (unspin_review_undo (review));
  g_assert_true (unspin_review_undo (review));
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, 3);
  g_assert_cmpuint (n_changes, ==, 2);
  assert_restored (review, article);
  g_assert_true (unspin_review_redo (review));
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, 4);
  assert_restored (review,
                   "The council has actually approved the annual budget.\n\nAuthorities stated the plan would cost 2 million.\n");

  /* Overlapping an engine edit, outside the text, splitting nothing: refused. */
  at = strstr (article, "actually");
  g_assert_false (unspin_review_add_manual_edit (review, at - article, at - article + 3, "x", NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT);
  g_assert_nonnull (strstr (error->message, "overlaps"));
  g_clear_error (&error);
  g_assert_false (unspin_review_add_manual_edit (review, 0, strlen (article) + 1, "x", NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT);
  g_assert_nonnull (strstr (error->message, "council.txt"));
}

static void
test_signals (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  guint n_state = 0, n_history = 0;

  g_signal_connect_swapped (review, "state-changed", G_CALLBACK (count_signal), &n_state);
  g_signal_connect_swapped (review, "history-changed", G_CALLBACK (count_signal), &n_history);
  unspin_review_accept (review, 0);
  unspin_review_accept (review, 0);  /* no change: no step, no signal */
  g_assert_cmpuint (n_state, ==, 1);
  g_assert_cmpuint (n_history, ==, 1);
  unspin_review_accept_above (review, 0.0);
  g_assert_cmpuint (n_state, ==, 3);
  unspin_review_undo (review);
  g_assert_cmpuint (n_state, ==, 5);
  g_assert_cmpuint (n_history, ==, 3);
}

static void
test_layout_and_map (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(GArray) spans = NULL;
  g_autofree char *text = NULL;
  const UnspinSpan *span;
  const char *authorities = strstr (article, "Authorities");

  unspin_review_accept (review, 0);
  unspin_review_accept (review, 1);
  text = unspin_review_get_restored_layout (review, NULL, &spans);
  g_assert_cmpuint (spans->len, ==, 3);

  /* Accepted: the replacement; pending: the garbled words, moved along. */
  span = &g_array_index (spans, UnspinSpan, 1);
  g_assert_cmpuint (span->restored_end - span->restored_start, ==, strlen ("Officials"));
  g_assert_true (strncmp (text + span->restored_start, "Officials", 9) == 0);
  span = &g_array_index (spans, UnspinSpan, 2);
  g_assert_true (strncmp (text + span->restored_start, "stated", 6) == 0);
  g_assert_cmpuint (span->garbled_start, ==, strstr (article, "stated") - article);

  /* "has actually" (12 characters) became "has" (3): later offsets move back by 9, then by
   * "Authorities" -> "Officials" (2 more). */
  g_assert_cmpuint (unspin_spans_map_offset (spans, 4, TRUE), ==, 4);
  g_assert_cmpuint (unspin_spans_map_offset (spans, authorities - article, TRUE), ==,
                    authorities - article - 9);
  g_assert_cmpuint (unspin_spans_map_offset (spans, strstr (article, "plan") - article, TRUE), ==,
                    strstr (text, "plan") - text);
  g_assert_cmpuint (unspin_spans_map_offset (spans, strstr (text, "plan") - text, FALSE), ==,
                    strstr (article, "plan") - article);
}

static void
apply_text (UnspinReview *review, const char *new_text, guint expected_changes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *restored_text = NULL;
  guint n = 0;

  g_assert_true (unspin_review_apply_restored_text (review, new_text, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_changes);
  restored_text = unspin_review_get_restored_text (review, NULL);
  g_assert_cmpstr (restored_text, ==, new_text);
}

static void
test_restored_change_manual (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  UnspinEdit *edit;

  apply_text (review,
              "The council has actually approved the annual budget.\n\n"
              "Authorities stated the plan would cost 2 million.\n", 1);
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, 4);
  edit = unspin_review_get_edit (review, 1);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_MANUAL);
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_EDITED);

  /* One undo takes the whole correction back. */
  g_assert_true (unspin_review_undo (review));
  assert_restored (review, article);
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, 3);
}

static void
test_restored_change_inside_edit (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  unspin_review_accept (review, 1);
  apply_text (review,
              "The council has actually approved the budget.\n\n"
              "Council officials stated the plan would cost 2 million.\n", 1);
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_EDITED);
  g_assert_cmpstr (unspin_review_get_custom_text (review, 1), ==, "Council officials");

  /* Typing the proposal of a pending edit accepts it; typing the garbled words rejects. */
  apply_text (review,
              "The council has approved the budget.\n\n"
              "Authorities stated the plan would cost 2 million.\n", 2);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_REJECTED);
}

static void
test_restored_change_across_edits (void)
{
  g_autoptr(UnspinReview) review = make_review ();

  unspin_review_accept (review, 1);
  unspin_review_accept (review, 2);
  /* One stretch from inside "Officials said" to past it. */
  apply_text (review,
              "The council has actually approved the budget.\n\n"
              "Officials warned that it would cost 2 million.\n", 2);
  g_assert_true (unspin_review_undo (review));
  assert_restored (review,
                   "The council has actually approved the budget.\n\n"
                   "Officials said the plan would cost 2 million.\n");

  /* Whole paragraphs replaced, removed and added. */
  apply_text (review, "A new first line.\n\nOfficials said so.\n\nAnd more.\n", 4);
}

static void
test_restored_change_stale (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(GError) error = NULL;
  guint64 generation = unspin_review_get_generation (review);
  g_autofree char *old = unspin_review_get_restored_text (review, NULL);
  const char *changed = "The council has approved the budget.\n\nAuthorities stated the plan would cost 2 million.\n";
  g_autoptr(GArray) hunks = unspin_diff_words (old, strlen (old), changed, strlen (changed));

  unspin_review_reject (review, 2);
  g_assert_cmpuint (unspin_review_get_generation (review), >, generation);
  g_assert_false (unspin_review_apply_restored_change (review, generation, old, changed, hunks, NULL, &error));
  g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_PENDING);
}

/* Random corrections of random reviews: the restored text always becomes exactly what the
 * reviewer typed (or nothing changes, with an error), and one undo takes it back. */
static void
test_restored_change_random (void)
{
  static const char *words[] = { "the", "council", "said", "stated", "budget", "plan", "new",
                                 "officials", "authorities", "river", "caf\xc3\xa9", "na\xc3\xafve" };

  for (guint round = 0; round < 300; round++)
    {
      GString *garbled = g_string_new (NULL);
      g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
      g_autoptr(UnspinText) text = NULL;
      g_autoptr(UnspinReview) review = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto(GStrv) tokens = NULL;
      GString *typed = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      guint n_words = g_test_rand_int_range (3, 40);

      for (guint i = 0; i < n_words; i++)
        {
          gsize start = garbled->len;
          const char *word = words[g_test_rand_int_range (0, G_N_ELEMENTS (words))];

          g_string_append (garbled, word);
          if (g_test_rand_int_range (0, 4) == 0)
            {
              const char *proposal = words[g_test_rand_int_range (0, G_N_ELEMENTS (words))];
              UnspinEdit *edit = unspin_edit_new (UNSPIN_EDIT_REPLACE, start, garbled->len, word,
                                                  g_test_rand_bit () ? proposal : "", 0.9, "t", "t");

              edit->id = edits->len + 1;
              g_ptr_array_add (edits, edit);
            }
          g_string_append (garbled, i % 7 == 6 ? "\n" : " ");
        }
      text = unspin_text_new_from_string (garbled->str, "random.txt");
      review = unspin_review_new (text, edits);
      for (guint i = 0; i < edits->len; i++)
        if (g_test_rand_bit ())
          unspin_review_accept (review, i);

      /* The reviewer's change: some words replaced, dropped or added. */
      before = unspin_review_get_restored_text (review, NULL);
      tokens = g_strsplit (before, " ", -1);
      for (guint i = 0; tokens[i]; i++)
        {
          switch (g_test_rand_int_range (0, 10))
            {
            case 0: g_string_append (typed, "fresh"); break;
            case 1: break;
            case 2: g_string_append_printf (typed, "added %s", tokens[i]); break;
            default: g_string_append (typed, tokens[i]); break;
            }
          if (tokens[i + 1])
            g_string_append_c (typed, ' ');
        }

      if (unspin_review_apply_restored_text (review, typed->str, NULL, &error))
        {
          after = unspin_review_get_restored_text (review, NULL);
          g_assert_cmpstr (after, ==, typed->str);
          if (strcmp (before, typed->str) != 0)
            {
              g_autofree char *undone = NULL;

              g_assert_true (unspin_review_undo (review));
              undone = unspin_review_get_restored_text (review, NULL);
              g_assert_cmpstr (undone, ==, before);
            }
        }
      else
        {
          g_assert_error (error, UNSPIN_ERROR, UNSPIN_ERROR_BAD_EDIT);
          after = unspin_review_get_restored_text (review, NULL);
          g_assert_cmpstr (after, ==, before);
        }

      g_string_free (typed, TRUE);
      g_string_free (garbled, TRUE);
    }
}

static void
test_states_to_string (void)
{
  UnspinReviewState state;

  for (guint i = UNSPIN_REVIEW_PENDING; i <= UNSPIN_REVIEW_EDITED; i++)
    {
      g_assert_true (unspin_review_state_from_string (unspin_review_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_false (unspin_review_state_from_string ("maybe", &state));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/review/pending-is-garbled", test_pending_is_garbled);
  g_test_add_func ("/unspin/review/accept-reject-undo-redo", test_accept_reject_undo_redo);
  g_test_add_func ("/unspin/review/edited", test_edited_state);
  g_test_add_func ("/unspin/review/bulk-is-one-step", test_bulk_is_one_step);
  g_test_add_func ("/unspin/review/preaccept", test_preaccept_outside_history);
  g_test_add_func ("/unspin/review/manual-edit", test_manual_edit);
  g_test_add_func ("/unspin/review/signals", test_signals);
  g_test_add_func ("/unspin/review/states-to-string", test_states_to_string);
  g_test_add_func ("/unspin/review/layout-and-map", test_layout_and_map);
  g_test_add_func ("/unspin/review/restored-change-manual", test_restored_change_manual);
  g_test_add_func ("/unspin/review/restored-change-inside-edit", test_restored_change_inside_edit);
  g_test_add_func ("/unspin/review/restored-change-across-edits", test_restored_change_across_edits);
  g_test_add_func ("/unspin/review/restored-change-stale", test_restored_change_stale);
  g_test_add_func ("/unspin/review/restored-change-random", test_restored_change_random);

  return g_test_run ();
}
