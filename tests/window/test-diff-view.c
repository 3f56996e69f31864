/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <adwaita.h>

#include "unspin-diff-view.h"
#include "unspin-resources.h"

/* Written for this test; edits are made by hand so that every state and kind shows up. */
static const char article[] =
  "The city’s council sanctioned a new park on Tuesday.\n"
  "\n"
  "Officials stated the plan will really cost about 2 million euros, café included.\n"
  "\n"
  "Click here to subscribe!\n"
  "\n"
  "Construction is expected to commence in spring.Photo: City Hall\n";

typedef struct {
  UnspinReview   *review;
  GtkWindow      *window;
  UnspinDiffView *view;
  GPtrArray      *activated;   /* "action target" strings from the test's "win" actions */
  GPtrArray      *failures;    /* ::correction-failed messages */
  guint           focus_notifies;
} Fixture;

static UnspinEdit *
edit_new (UnspinEditKind  kind,
          const char     *text,
          const char     *garbled,
          guint           nth,
          const char     *proposal,
          double          confidence)
{
  const char *at = text;
  UnspinEdit *edit;
  gsize start;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, garbled);
      g_assert_nonnull (at);
    }
  start = at - text;
  edit = unspin_edit_new (kind, start, start + strlen (garbled), garbled, proposal, confidence,
                          "test", "written for the test");
  edit->char_start = g_utf8_pointer_to_offset (text, text + edit->byte_start);
  edit->char_end = g_utf8_pointer_to_offset (text, text + edit->byte_end);
  return edit;
}

static UnspinEdit *
insertion_new (const char *text,
               const char *before,
               const char *proposal)
{
  UnspinEdit *edit = edit_new (UNSPIN_EDIT_INSERT, text, before, 0, proposal, 0.9);
  UnspinEdit *point = unspin_edit_new (UNSPIN_EDIT_INSERT, edit->byte_start, edit->byte_start, "",
                                       proposal, 0.9, "test", "written for the test");

  point->char_start = point->char_end = edit->char_start;
  unspin_edit_unref (edit);
  return point;
}

/* Manual edits move the others' indices; ids stay. */
static guint
index_of (UnspinReview *review,
          guint         id)
{
  guint index;

  g_assert_true (unspin_review_find_edit (review, id, &index));
  return index;
}

/* Edits: 0 replace (alternatives), 1 replace, 2 delete a filler, 3 replace with non-ASCII
 * around, 4 delete a debris line, 5 replace, 6 insert a line break. */
static UnspinReview *
review_new (const char *text)
{
  g_autoptr(UnspinText) unspin_text = unspin_text_new_from_string (text, "test article");
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  const char * const alternatives[] = { "endorsed", "backed", NULL };
  UnspinReview *review;

  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_REPLACE, text, "sanctioned", 0, "approved", 0.9));
  unspin_edit_set_alternatives (g_ptr_array_index (edits, 0), alternatives);
  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_REPLACE, text, "stated", 0, "said", 0.7));
  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_DELETE, text, "really ", 0, "", 0.6));
  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_REPLACE, text, "euros", 0, "euro", 0.5));
  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_DELETE, text, "Click here to subscribe!\n\n", 0, "", 0.95));
  g_ptr_array_add (edits, edit_new (UNSPIN_EDIT_REPLACE, text, "commence", 0, "begin", 0.85));
  g_ptr_array_add (edits, insertion_new (text, "Photo", "\n"));
  for (guint i = 0; i < edits->len; i++)
    ((UnspinEdit *) g_ptr_array_index (edits, i))->id = i + 1;
  /* Longer texts put some words elsewhere first. */
  g_ptr_array_sort (edits, unspin_edit_compare);

  review = unspin_review_new (unspin_text, edits);
  unspin_review_restore_state (review, index_of (review, 1), UNSPIN_REVIEW_ACCEPTED, NULL);
  unspin_review_restore_state (review, index_of (review, 3), UNSPIN_REVIEW_REJECTED, NULL);
  unspin_review_restore_state (review, index_of (review, 5), UNSPIN_REVIEW_ACCEPTED, NULL);
  unspin_review_restore_state (review, index_of (review, 6), UNSPIN_REVIEW_EDITED, "start");
  unspin_review_restore_state (review, index_of (review, 7), UNSPIN_REVIEW_ACCEPTED, NULL);
  return review;
}

static void
wait_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_correction (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (unspin_diff_view_get_correction_pending (fixture->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (unspin_diff_view_get_correction_pending (fixture->view));
  wait_until_idle ();
}

static void
on_win_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *target = g_variant_print (parameter, FALSE);

  g_ptr_array_add (fixture->activated, g_strdup_printf ("%s %s", g_action_get_name (G_ACTION (action)), target));
}

static void
on_correction_failed (UnspinDiffView *view,
                      const char     *message,
                      Fixture        *fixture)
{
  g_ptr_array_add (fixture->failures, g_strdup (message));
}

static void
on_focus_notify (Fixture *fixture)
{
  fixture->focus_notifies++;
}

static void
fixture_set_up_with (Fixture    *fixture,
                     const char *text)
{
  static const GActionEntry entries[] = {
    { "accept-edit", on_win_action, "u" },
    { "reject-edit", on_win_action, "u" },
    { "choose-alternative", on_win_action, "(uu)" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->failures = g_ptr_array_new_with_free_func (g_free);
  fixture->review = review_new (text);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 500);
  fixture->view = UNSPIN_DIFF_VIEW (unspin_diff_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), fixture);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (group));
  g_signal_connect (fixture->view, "correction-failed", G_CALLBACK (on_correction_failed), fixture);
  g_signal_connect_swapped (fixture->view, "notify::focused-edit", G_CALLBACK (on_focus_notify), fixture);

  unspin_diff_view_set_review (fixture->view, fixture->review);
  gtk_window_present (fixture->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->view)))
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_with (fixture, article);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wait_until_idle ();
  g_clear_object (&fixture->review);
  g_clear_pointer (&fixture->activated, g_ptr_array_unref);
  g_clear_pointer (&fixture->failures, g_ptr_array_unref);
}

/* 0: garbled, 1: restored */
static GtkTextView *
pane_view (Fixture *fixture,
           guint    pane)
{
  GtkWidget *box = pane == 0 ? gtk_widget_get_first_child (GTK_WIDGET (fixture->view))
                             : gtk_widget_get_last_child (GTK_WIDGET (fixture->view));
  GtkWidget *scroller = gtk_widget_get_last_child (box);

  return GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static const char *
expected_look (gboolean          garbled,
               UnspinReviewState state)
{
  switch (state)
    {
    case UNSPIN_REVIEW_ACCEPTED:
      return garbled ? "removed" : "accepted";
    case UNSPIN_REVIEW_EDITED:
      return garbled ? "removed" : "edited";
    case UNSPIN_REVIEW_REJECTED:
      return "rejected";
    case UNSPIN_REVIEW_PENDING:
    default:
      return "pending";
    }
}

/* Every character of a pane carries exactly the tags of the edit it belongs to (the focused
 * edit also its "-focused" tag), and characters outside edits and line breaks none. */
static void
assert_pane_tags (Fixture  *fixture,
                  gboolean  garbled)
{
  GtkTextBuffer *buffer = garbled ? unspin_diff_view_get_garbled_buffer (fixture->view)
                                  : unspin_diff_view_get_restored_buffer (fixture->view);
  g_autoptr(GArray) spans = NULL;
  g_autofree char *restored = unspin_review_get_restored_layout (fixture->review, NULL, &spans);
  int focused = unspin_diff_view_get_focused_edit (fixture->view);
  int n = gtk_text_buffer_get_char_count (buffer);

  for (int offset = 0; offset < n; offset++)
    {
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) actual = g_string_new (NULL);
      GSList *tags;
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      for (guint i = 0; i < spans->len && !gtk_text_iter_ends_line (&iter); i++)
        {
          const UnspinSpan *span = &g_array_index (spans, UnspinSpan, i);
          gsize start = garbled ? span->garbled_char_start : span->restored_char_start;
          gsize end = garbled ? span->garbled_char_end : span->restored_char_end;
          const char *look = expected_look (garbled, unspin_review_get_state (fixture->review, i));

          if ((gsize) offset >= start && (gsize) offset < end)
            {
              g_string_append_printf (expected, "%s ", look);
              if ((int) i == focused)
                g_string_append_printf (expected, "%s-focused ", look);
            }
        }

      tags = gtk_text_iter_get_tags (&iter);
      for (GSList *l = tags; l != NULL; l = l->next)
        {
          g_autofree char *name = NULL;

          g_object_get (l->data, "name", &name, NULL);
          g_string_append_printf (actual, "%s ", name);
        }
      g_slist_free (tags);

      if (!g_str_equal (expected->str, actual->str))
        g_error ("%s pane, offset %d: tags \"%s\", expected \"%s\"",
                 garbled ? "garbled" : "restored", offset, actual->str, expected->str);
    }
}

static void
assert_in_step (Fixture *fixture)
{
  g_autofree char *restored = unspin_review_get_restored_text (fixture->review, NULL);
  g_autofree char *shown = buffer_text (unspin_diff_view_get_restored_buffer (fixture->view));
  g_autofree char *garbled = buffer_text (unspin_diff_view_get_garbled_buffer (fixture->view));

  g_assert_cmpstr (garbled, ==, unspin_text_get_data (unspin_review_get_text (fixture->review), NULL));
  g_assert_cmpstr (shown, ==, restored);
  assert_pane_tags (fixture, TRUE);
  assert_pane_tags (fixture, FALSE);
}

static void
test_fill (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *restored = buffer_text (unspin_diff_view_get_restored_buffer (fixture->view));

  g_assert_true (unspin_diff_view_get_review (fixture->view) == fixture->review);
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, -1);
  g_assert_true (unspin_diff_view_get_sync_scroll (fixture->view));
  g_assert_nonnull (strstr (restored, "council approved"));
  g_assert_null (strstr (restored, "Click here"));
  g_assert_nonnull (strstr (restored, "in spring.\nPhoto"));
  assert_in_step (fixture);

  unspin_diff_view_set_review (fixture->view, NULL);
  g_assert_cmpint (gtk_text_buffer_get_char_count (unspin_diff_view_get_garbled_buffer (fixture->view)), ==, 0);
  g_assert_cmpint (gtk_text_buffer_get_char_count (unspin_diff_view_get_restored_buffer (fixture->view)), ==, 0);
  g_assert_false (gtk_text_view_get_editable (pane_view (fixture, 1)));
  unspin_diff_view_set_review (fixture->view, fixture->review);
  assert_in_step (fixture);
}

/* A mark in the restored pane after the decided edit keeps its place in the text: the pane
 * was changed where the edit is, not refilled. */
static void
test_decisions (Fixture       *fixture,
                gconstpointer  data)
{
  GtkTextBuffer *buffer = unspin_diff_view_get_restored_buffer (fixture->view);
  UnspinReview *review = fixture->review;
  GtkTextIter iter;
  GtkTextMark *mark;
  g_autofree char *before = buffer_text (buffer);
  const char *construction = strstr (before, "Construction");

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (before, construction));
  mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, FALSE);

  unspin_review_accept (review, 1);
  assert_in_step (fixture);
  unspin_review_accept (review, 2);
  assert_in_step (fixture);
  unspin_review_reject (review, 0);
  assert_in_step (fixture);
  unspin_review_set_state (review, 3, UNSPIN_REVIEW_EDITED, "€ and more €");
  assert_in_step (fixture);
  unspin_review_reject (review, 4);
  assert_in_step (fixture);
  unspin_review_reject (review, 6);
  assert_in_step (fixture);
  unspin_review_reject_pending (review);
  assert_in_step (fixture);
  while (unspin_review_undo (review))
    assert_in_step (fixture);
  while (unspin_review_redo (review))
    assert_in_step (fixture);

  {
    g_autofree char *after = buffer_text (buffer);

    gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
    g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==,
                     g_utf8_pointer_to_offset (after, strstr (after, "Construction")));
  }
}

static void
test_focus (Fixture       *fixture,
            gconstpointer  data)
{
  unspin_diff_view_set_focused_edit (fixture->view, 1);
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, 1);
  g_assert_cmpuint (fixture->focus_notifies, ==, 1);
  wait_until_idle ();
  assert_in_step (fixture);

  /* A decision about the focused edit keeps its emphasis. */
  unspin_review_accept (fixture->review, 1);
  assert_in_step (fixture);

  /* Zero-width in one pane: emphasis where there are words, nothing where there are none. */
  unspin_diff_view_set_focused_edit (fixture->view, 4);
  assert_in_step (fixture);
  unspin_diff_view_set_focused_edit (fixture->view, 6);
  assert_in_step (fixture);

  unspin_diff_view_set_focused_edit (fixture->view, 6);
  g_assert_cmpuint (fixture->focus_notifies, ==, 3);
  unspin_diff_view_set_focused_edit (fixture->view, 99);
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, -1);
  assert_in_step (fixture);
}

static GtkWidget *
find_popover (GtkWidget *parent)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;
  return NULL;
}

/* The menu key on an edit's words opens its menu, whose items reach the window's actions. */
static void
test_menu (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (pane_view (fixture, 0));
  GtkTextBuffer *buffer = unspin_diff_view_get_garbled_buffer (fixture->view);
  UnspinEdit *edit = unspin_review_get_edit (fixture->review, 0);
  GtkWidget *popover;
  GMenuModel *model;
  GtkTextIter iter;
  guint n_items = 0;

  g_assert_true (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) == buffer);
  gtk_widget_grab_focus (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) edit->char_start + 2);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (view, "diff-view.edit-menu", NULL));
  wait_until_idle ();

  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, 0);
  popover = find_popover (GTK_WIDGET (fixture->view));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));

  for (int s = 0; s < g_menu_model_get_n_items (model); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (model, s, G_MENU_LINK_SECTION);

      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          g_assert_true (gtk_widget_activate_action_variant (popover, action, target));
          n_items++;
        }
      g_object_unref (section);
    }

  g_assert_cmpuint (n_items, ==, 4);
  g_assert_cmpuint (fixture->activated->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "accept-edit 0");
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 1), ==, "reject-edit 0");
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 2), ==, "choose-alternative (0, 0)");
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 3), ==, "choose-alternative (0, 1)");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Away from edits, the text view's own menu. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (view, "diff-view.edit-menu", NULL));
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, 0);
}

static void
type_at (Fixture    *fixture,
         const char *after,
         const char *text)
{
  GtkTextBuffer *buffer = unspin_diff_view_get_restored_buffer (fixture->view);
  g_autofree char *shown = buffer_text (buffer);
  const char *at = strstr (shown, after);
  GtkTextIter iter;

  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (shown, at + strlen (after)));
  gtk_text_buffer_insert (buffer, &iter, text, -1);
}

static void
select_and_delete (Fixture    *fixture,
                   const char *words)
{
  GtkTextBuffer *buffer = unspin_diff_view_get_restored_buffer (fixture->view);
  g_autofree char *shown = buffer_text (buffer);
  const char *at = strstr (shown, words);
  GtkTextIter start, end;

  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (shown, at));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (shown, at + strlen (words)));
  gtk_text_buffer_delete (buffer, &start, &end);
}

static int
cursor_offset (Fixture *fixture)
{
  GtkTextBuffer *buffer = unspin_diff_view_get_restored_buffer (fixture->view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  UnspinReview *review = fixture->review;
  guint n_edits = unspin_review_get_n_edits (review);
  g_autofree char *typed = NULL;
  g_autofree char *restored = NULL;
  UnspinEdit *edit;
  int cursor;

  /* Outside any edit: a new manual edit. */
  type_at (fixture, "new park", " and a pool");
  cursor = cursor_offset (fixture);
  g_assert_true (unspin_diff_view_get_correction_pending (fixture->view));
  typed = buffer_text (unspin_diff_view_get_restored_buffer (fixture->view));
  wait_for_correction (fixture);

  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, n_edits + 1);
  edit = unspin_review_get_edit (review, 1);
  g_assert_cmpint (edit->kind, ==, UNSPIN_EDIT_MANUAL);
  g_assert_cmpint (unspin_review_get_state (review, 1), ==, UNSPIN_REVIEW_EDITED);
  restored = unspin_review_get_restored_text (review, NULL);
  g_assert_cmpstr (restored, ==, typed);
  g_assert_cmpint (cursor_offset (fixture), ==, cursor);
  g_assert_cmpuint (fixture->failures->len, ==, 0);
  assert_in_step (fixture);

  /* Over an edit's words: that edit becomes EDITED. */
  select_and_delete (fixture, "start");
  type_at (fixture, "expected to ", "get going");
  g_clear_pointer (&typed, g_free);
  typed = buffer_text (unspin_diff_view_get_restored_buffer (fixture->view));
  wait_for_correction (fixture);
  g_assert_cmpint (unspin_review_get_state (review, 6), ==, UNSPIN_REVIEW_EDITED);
  g_assert_cmpstr (unspin_review_get_custom_text (review, 6), ==, "get going");
  g_clear_pointer (&restored, g_free);
  restored = unspin_review_get_restored_text (review, NULL);
  g_assert_cmpstr (restored, ==, typed);
  assert_in_step (fixture);

  /* Typing back the garbled words rejects the edit. */
  select_and_delete (fixture, "approved");
  type_at (fixture, "council ", "sanctioned");
  wait_for_correction (fixture);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_REJECTED);
  assert_in_step (fixture);

  /* The review's undo takes a correction back like any decision. */
  g_assert_true (unspin_review_undo (review));
  g_assert_true (unspin_review_undo (review));
  g_assert_true (unspin_review_undo (review));
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, n_edits);
  assert_in_step (fixture);

  /* Typed and taken back: nothing to apply. */
  type_at (fixture, "new park", "x");
  select_and_delete (fixture, "parkx");
  type_at (fixture, "new ", "park");
  wait_for_correction (fixture);
  g_assert_true (unspin_review_can_redo (review));
  g_assert_cmpuint (unspin_review_get_n_edits (review), ==, n_edits);
  assert_in_step (fixture);
  g_assert_cmpuint (fixture->failures->len, ==, 0);
}

/* A decision made while typing waits: the typing is rebased onto it when they touch different
 * words, and undone (with ::correction-failed) when they touch the same ones. */
static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  UnspinReview *review = fixture->review;
  g_autofree char *restored = NULL;

  type_at (fixture, "new park", " and a pool");
  unspin_review_accept (review, index_of (review, 4));
  g_assert_true (unspin_diff_view_get_correction_pending (fixture->view));
  {
    g_autofree char *shown = buffer_text (unspin_diff_view_get_restored_buffer (fixture->view));

    g_assert_nonnull (strstr (shown, "park and a pool"));
    g_assert_nonnull (strstr (shown, "2 million euro,"));
  }
  wait_for_correction (fixture);
  restored = unspin_review_get_restored_text (review, NULL);
  g_assert_nonnull (strstr (restored, "park and a pool"));
  g_assert_nonnull (strstr (restored, "2 million euro,"));
  g_assert_cmpuint (fixture->failures->len, ==, 0);
  assert_in_step (fixture);

  /* Typing after the decided words. */
  type_at (fixture, "Construction is", " still");
  unspin_review_accept (review, index_of (review, 3));
  wait_for_correction (fixture);
  g_clear_pointer (&restored, g_free);
  restored = unspin_review_get_restored_text (review, NULL);
  g_assert_nonnull (strstr (restored, "Construction is still expected"));
  g_assert_nonnull (strstr (restored, "will cost"));
  assert_in_step (fixture);

  /* The same words: the decision wins. */
  select_and_delete (fixture, "approved");
  type_at (fixture, "council ", "voted for");
  unspin_review_accept (review, index_of (review, 2));
  unspin_review_reject (review, 0);
  g_assert_false (unspin_diff_view_get_correction_pending (fixture->view));
  g_assert_cmpuint (fixture->failures->len, ==, 1);
  wait_for_correction (fixture);
  g_assert_cmpint (unspin_review_get_state (review, 0), ==, UNSPIN_REVIEW_REJECTED);
  assert_in_step (fixture);
}

/* A decision while the comparison runs in its thread: the late result is dropped and the
 * comparison done again on the new review. A long article makes the thread take a while. */
static void
test_stale_in_thread (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *restored = NULL;
  Fixture fixture = { 0 };

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text, "Paragraph %u of filler words that only make the text long.\n\n", i);
  g_string_append (text, article);
  fixture_set_up_with (&fixture, text->str);

  type_at (&fixture, "Paragraph 1 of", " many");
  /* The debounce runs out; one iteration starts the thread. */
  g_usleep (600 * 1000);
  for (guint i = 0; i < 3 && unspin_diff_view_get_correction_pending (fixture.view); i++)
    g_main_context_iteration (NULL, FALSE);
  unspin_review_accept (fixture.review, index_of (fixture.review, 2));
  wait_for_correction (&fixture);

  restored = unspin_review_get_restored_text (fixture.review, NULL);
  g_assert_nonnull (strstr (restored, "Paragraph 1 of many filler"));
  g_assert_nonnull (strstr (restored, "Officials said"));
  {
    g_autofree char *shown = buffer_text (unspin_diff_view_get_restored_buffer (fixture.view));

    g_assert_cmpstr (shown, ==, restored);
  }
  g_assert_cmpuint (fixture.failures->len, ==, 0);
  fixture_tear_down (&fixture, NULL);
}

static void
test_edits_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  UnspinReview *review = fixture->review;
  const char *garbled = unspin_text_get_data (unspin_review_get_text (review), NULL);
  gsize at = strstr (garbled, "Officials") - garbled;
  guint index;
  g_autoptr(GError) error = NULL;

  unspin_diff_view_set_focused_edit (fixture->view, 3);
  fixture->focus_notifies = 0;
  g_assert_true (unspin_review_add_manual_edit (review, at, at + strlen ("Officials"), "Planners", &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  /* The focus stays with the same edit, now one further. */
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, 4);
  g_assert_cmpuint (fixture->focus_notifies, ==, 1);
  assert_in_step (fixture);

  g_assert_true (unspin_review_undo (review));
  g_assert_cmpint (unspin_diff_view_get_focused_edit (fixture->view), ==, 3);
  assert_in_step (fixture);
  g_assert_true (unspin_review_redo (review));
  assert_in_step (fixture);
}

static void
test_sync_scroll (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Fixture fixture = { 0 };
  GtkWidget *panes[2];
  GtkAdjustment *adjustments[2];
  GtkTextView *views[2];
  double restored_value;

  for (guint i = 0; i < 60; i++)
    {
      /* Debris paragraphs make the garbled pane longer than the restored one. */
      if (i % 3 == 0)
        g_string_append (text, "Click here to subscribe!\n\n");
      g_string_append_printf (text, "Paragraph %u, long enough to wrap in a narrow pane: the council "
                              "sanctioned it and officials stated it would really cost less.\n\n", i);
    }
  g_string_append (text, article);
  fixture_set_up_with (&fixture, text->str);
  gtk_window_set_default_size (fixture.window, 700, 400);
  wait_until_idle ();

  panes[0] = gtk_widget_get_first_child (GTK_WIDGET (fixture.view));
  panes[1] = gtk_widget_get_last_child (GTK_WIDGET (fixture.view));
  for (guint p = 0; p < 2; p++)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_last_child (panes[p]));

      adjustments[p] = gtk_scrolled_window_get_vadjustment (scroller);
      views[p] = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (scroller));
    }

  /* Scroll the garbled pane to the start of paragraph 40: the restored pane shows it too. The
   * second time round, line heights are measured rather than estimated. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views[0]);
      g_autofree char *garbled = buffer_text (buffer);
      g_autofree char *line = NULL;
      GtkTextIter iter, top;
      int y, height, line_top;
      GdkRectangle rect;

      gtk_adjustment_set_value (adjustments[0], 0);
      wait_until_idle ();
      gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                          g_utf8_pointer_to_offset (garbled, strstr (garbled, "Paragraph 40,")));
      gtk_text_view_get_line_yrange (views[0], &iter, &y, &height);
      gtk_text_view_get_visible_rect (views[0], &rect);
      /* Adjustment values count the top margin, buffer coordinates do not. */
      gtk_adjustment_set_value (adjustments[0], y + gtk_adjustment_get_value (adjustments[0]) - rect.y);
      wait_until_idle ();

      gtk_text_view_get_visible_rect (views[1], &rect);
      gtk_text_view_get_line_at_y (views[1], &top, rect.y + 2, &line_top);
      iter = top;
      gtk_text_iter_forward_to_line_end (&iter);
      line = gtk_text_iter_get_text (&top, &iter);
      if (attempt == 1)
        g_assert_true (g_str_has_prefix (line, "Paragraph 40,"));
    }

  /* Off: the other pane stays put. */
  unspin_diff_view_set_sync_scroll (fixture.view, FALSE);
  restored_value = gtk_adjustment_get_value (adjustments[1]);
  gtk_adjustment_set_value (adjustments[0], gtk_adjustment_get_value (adjustments[0]) / 2);
  wait_until_idle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustments[1]), ==, restored_value);

  fixture_tear_down (&fixture, NULL);
}

static void
test_dark (Fixture       *fixture,
           gconstpointer  data)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (unspin_diff_view_get_restored_buffer (fixture->view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "accepted");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GdkRGBA) light = NULL;
  g_autoptr(GdkRGBA) dark = NULL;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_until_idle ();
  g_object_get (tag, "background-rgba", &light, NULL);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_until_idle ();
  g_assert_true (adw_style_manager_get_dark (manager));
  g_object_get (tag, "background-rgba", &dark, NULL);
  g_assert_false (gdk_rgba_equal (light, dark));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  /* Without a session bus (Xvfb in CI) the accessibility bridge can only warn. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (unspin_get_resource ());

  g_test_add ("/diff-view/fill", Fixture, NULL, fixture_set_up, test_fill, fixture_tear_down);
  g_test_add ("/diff-view/decisions", Fixture, NULL, fixture_set_up, test_decisions, fixture_tear_down);
  g_test_add ("/diff-view/focus", Fixture, NULL, fixture_set_up, test_focus, fixture_tear_down);
  g_test_add ("/diff-view/menu", Fixture, NULL, fixture_set_up, test_menu, fixture_tear_down);
  g_test_add ("/diff-view/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  g_test_add ("/diff-view/stale", Fixture, NULL, fixture_set_up, test_stale, fixture_tear_down);
  g_test_add_func ("/diff-view/stale-in-thread", test_stale_in_thread);
  g_test_add ("/diff-view/edits-changed", Fixture, NULL, fixture_set_up, test_edits_changed, fixture_tear_down);
  g_test_add_func ("/diff-view/sync-scroll", test_sync_scroll);
  g_test_add ("/diff-view/dark", Fixture, NULL, fixture_set_up, test_dark, fixture_tear_down);

  return g_test_run ();
}
