/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "unspin-review-model.h"

/* A short article written for the tests, with three spinner marks. */
static const char *article =
  "The council has actually approved the budget.\n"
  "\n"
  "Authorities stated the plan would cost 2 million.\n";

static UnspinEdit *
edit_for (const char *garbled,
          const char *proposal,
          double      confidence)
{
  const char *at = strstr (article, garbled);

  g_assert_nonnull (at);
  return unspin_edit_new (UNSPIN_EDIT_REPLACE, at - article, at - article + strlen (garbled),
                          garbled, proposal, confidence, "test", "a test edit");
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

static UnspinEditItem *
item_at (UnspinReviewModel *model,
         guint              position)
{
  /* The model keeps its items, so the borrowed pointer stays valid. */
  g_autoptr(UnspinEditItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  return item;
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->count++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_items (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(UnspinReviewModel) model = unspin_review_model_new (review);
  UnspinEditItem *item;

  g_assert_true (unspin_review_model_get_review (model) == review);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == UNSPIN_TYPE_EDIT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));

  item = item_at (model, 1);
  g_assert_true (item == item_at (model, 1));
  g_assert_true (unspin_edit_item_get_edit (item) == unspin_review_get_edit (review, 1));
  g_assert_cmpstr (unspin_edit_item_get_edit (item)->garbled, ==, "Authorities");
  g_assert_cmpuint (unspin_edit_item_get_index (item), ==, 1);
  g_assert_cmpint (unspin_edit_item_get_state (item), ==, UNSPIN_REVIEW_PENDING);
  g_assert_cmpstr (unspin_edit_item_get_replacement (item), ==, "Officials");
}

static void
test_state_notify (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(UnspinReviewModel) model = unspin_review_model_new (review);
  UnspinEditItem *first = item_at (model, 0);
  UnspinEditItem *last = item_at (model, 2);
  guint first_notified = 0;
  guint last_notified = 0;
  int state;

  g_signal_connect (first, "notify::state", G_CALLBACK (count_notify), &first_notified);
  g_signal_connect (last, "notify::state", G_CALLBACK (count_notify), &last_notified);

  unspin_review_accept (review, 2);
  g_assert_cmpuint (first_notified, ==, 0);
  g_assert_cmpuint (last_notified, ==, 1);
  g_object_get (last, "state", &state, NULL);
  g_assert_cmpint (state, ==, UNSPIN_REVIEW_ACCEPTED);

  unspin_review_set_state (review, 2, UNSPIN_REVIEW_EDITED, "declared");
  g_assert_cmpuint (last_notified, ==, 2);
  g_assert_cmpint (unspin_edit_item_get_state (last), ==, UNSPIN_REVIEW_EDITED);
  g_assert_cmpstr (unspin_edit_item_get_replacement (last), ==, "declared");

  /* One undo step for several edits notifies each of them. */
  unspin_review_reject_pending (review);
  g_assert_cmpuint (first_notified, ==, 1);
  g_assert_cmpint (unspin_edit_item_get_state (first), ==, UNSPIN_REVIEW_REJECTED);
  unspin_review_undo (review);
  g_assert_cmpuint (first_notified, ==, 2);
  g_assert_cmpint (unspin_edit_item_get_state (first), ==, UNSPIN_REVIEW_PENDING);
}

static void
test_manual_edit (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  g_autoptr(UnspinReviewModel) model = unspin_review_model_new (review);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnspinEditItem) manual = NULL;
  UnspinEditItem *first = item_at (model, 0);
  UnspinEditItem *second = item_at (model, 1);
  ItemsChanged seen = { 0, };
  guint second_moved = 0;
  guint first_moved = 0;
  const char *at = strstr (article, "budget");
  guint index = G_MAXUINT;

  /* The third item is never asked for: its slot stays empty and must still move. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &seen);
  g_signal_connect (first, "notify::index", G_CALLBACK (count_notify), &first_moved);
  g_signal_connect (second, "notify::index", G_CALLBACK (count_notify), &second_moved);

  g_assert_true (unspin_review_add_manual_edit (review, at - article, at - article + strlen ("budget"),
                                                "spending plan", &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);

  g_assert_cmpuint (first_moved, ==, 0);
  g_assert_cmpuint (unspin_edit_item_get_index (first), ==, 0);
  g_assert_cmpuint (second_moved, ==, 1);
  g_assert_cmpuint (unspin_edit_item_get_index (second), ==, 2);
  g_assert_true (item_at (model, 2) == second);
  g_assert_cmpstr (unspin_edit_item_get_edit (item_at (model, 3))->garbled, ==, "stated");
  g_assert_cmpuint (unspin_edit_item_get_index (item_at (model, 3)), ==, 3);

  manual = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpint (unspin_edit_item_get_edit (manual)->kind, ==, UNSPIN_EDIT_MANUAL);
  g_assert_cmpint (unspin_edit_item_get_state (manual), ==, UNSPIN_REVIEW_EDITED);
  g_assert_cmpstr (unspin_edit_item_get_replacement (manual), ==, "spending plan");

  /* A state change of a moved edit reaches the item at its new place. */
  unspin_review_accept (review, 2);
  g_assert_cmpint (unspin_edit_item_get_state (second), ==, UNSPIN_REVIEW_ACCEPTED);
  unspin_review_undo (review);

  g_assert_true (unspin_review_undo (review));
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (second_moved, ==, 2);
  g_assert_cmpuint (unspin_edit_item_get_index (second), ==, 1);
  g_assert_true (item_at (model, 1) == second);
  g_assert_cmpstr (unspin_edit_item_get_edit (item_at (model, 2))->garbled, ==, "stated");

  /* A row may still hold the removed edit's item: it answers with its last state. */
  g_assert_cmpint (unspin_edit_item_get_state (manual), ==, UNSPIN_REVIEW_EDITED);

  g_assert_true (unspin_review_redo (review));
  g_assert_cmpuint (seen.count, ==, 3);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (unspin_edit_item_get_index (second), ==, 2);
}

static void
test_dispose_disconnects (void)
{
  g_autoptr(UnspinReview) review = make_review ();
  UnspinReviewModel *model = unspin_review_model_new (review);
  GWeakRef weak;

  g_weak_ref_init (&weak, model);
  g_object_unref (model);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);

  /* Nothing listens any more: these must not touch the freed model. */
  unspin_review_accept (review, 0);
  g_assert_true (unspin_review_undo (review));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unspin/review-model/items", test_items);
  g_test_add_func ("/unspin/review-model/state-notify", test_state_notify);
  g_test_add_func ("/unspin/review-model/manual-edit", test_manual_edit);
  g_test_add_func ("/unspin/review-model/dispose", test_dispose_disconnects);

  return g_test_run ();
}
