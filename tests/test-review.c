/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

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

  return g_test_run ();
}
