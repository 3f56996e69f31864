/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <adwaita.h>

#include "unspin-edit-list.h"
#include "unspin-edit-row.h"
#include "unspin-resources.h"

/* An article written for the tests: spinner marks, a glued line and a spam line. */
static const char *article =
  "The council has actually approved the budget.\n"
  "Authorities stated the plan would cost 2 million.\n"
  "Click here to subscribe!\n";

enum { HAS_ACTUALLY, GLUED, AUTHORITIES, STATED, NUMERAL, SPAM, N_EDITS };

/* The edit of the @length bytes where @context starts. */
static UnspinEdit *
edit_for (UnspinEditKind kind,
          const char    *context,
          gsize          length,
          const char    *proposal,
          double         confidence)
{
  const char *at = strstr (article, context);
  g_autofree char *garbled = NULL;

  g_assert_nonnull (at);
  garbled = g_strndup (at, length);
  return unspin_edit_new (kind, at - article, at - article + length, garbled, proposal,
                          confidence, "test", "a test edit");
}

static UnspinReview *
make_review (void)
{
  g_autoptr(UnspinText) text = unspin_text_new_from_string (article, "council.txt");
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) unspin_edit_unref);
  const char * const authorities_alternatives[] = { "Leaders", NULL };
  const char * const stated_alternatives[] = { "told", "announced", NULL };
  UnspinEdit *edit;

  g_ptr_array_add (edits, edit_for (UNSPIN_EDIT_REPLACE, "has actually", 12, "has", 0.95));
  /* A line break inserted at the end of the first sentence (before its own line break). */
  g_ptr_array_add (edits, edit_for (UNSPIN_EDIT_INSERT, "\nAuthorities", 0, "\n", 0.85));
  edit = edit_for (UNSPIN_EDIT_REPLACE, "Authorities", 11, "Officials", 0.9);
  unspin_edit_set_alternatives (edit, authorities_alternatives);
  g_ptr_array_add (edits, edit);
  edit = edit_for (UNSPIN_EDIT_REPLACE, "stated", 6, "said", 0.6);
  unspin_edit_set_alternatives (edit, stated_alternatives);
  g_ptr_array_add (edits, edit);
  g_ptr_array_add (edits, edit_for (UNSPIN_EDIT_REPLACE, "2 million", 1, "two", 0.85));
  g_ptr_array_add (edits, edit_for (UNSPIN_EDIT_DELETE, "Click here to subscribe!\n", 25, "", 0.7));
  for (guint i = 0; i < edits->len; i++)
    ((UnspinEdit *) g_ptr_array_index (edits, i))->id = i + 1;
  return unspin_review_new (text, edits);
}

typedef struct {
  UnspinReview   *review;
  GtkWindow      *window;
  UnspinEditList *list;
  int             accepted;
  int             rejected;
  int             alternative_edit;
  int             alternative;
} Fixture;

static void
accept_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->accepted = g_variant_get_uint32 (parameter);
  unspin_review_accept (fixture->review, fixture->accepted);
}

static void
reject_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->rejected = g_variant_get_uint32 (parameter);
  unspin_review_reject (fixture->review, fixture->rejected);
}

static void
alternative_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  Fixture *fixture = user_data;
  guint edit, alternative;

  g_variant_get (parameter, "(uu)", &edit, &alternative);
  fixture->alternative_edit = edit;
  fixture->alternative = alternative;
}

static gboolean
wait_for_frame_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets GTK lay out the window, which is when a list view makes and binds its rows. */
static void
settle (Fixture *fixture)
{
  gboolean ticked = FALSE;
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  gtk_widget_queue_resize (GTK_WIDGET (fixture->list));
  gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), wait_for_frame_cb, &ticked, NULL);
  while (!ticked && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "accept-edit", accept_activated, "u", NULL, NULL, { 0 } },
    { "reject-edit", reject_activated, "u", NULL, NULL, { 0 } },
    { "choose-alternative", alternative_activated, "(uu)", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();

  fixture->review = make_review ();
  fixture->accepted = fixture->rejected = -1;
  fixture->alternative_edit = fixture->alternative = -1;

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 700);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (actions));

  fixture->list = UNSPIN_EDIT_LIST (unspin_edit_list_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  unspin_edit_list_set_review (fixture->list, fixture->review);
  gtk_window_present (fixture->window);
  settle (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->review);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (UNSPIN_IS_EDIT_ROW (widget))
    {
      if (unspin_edit_row_get_item (UNSPIN_EDIT_ROW (widget)) != NULL
          && gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
shown_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->list), rows);
  return rows;
}

static UnspinEditRow *
row_for_edit (Fixture *fixture,
              guint    index)
{
  g_autoptr(GPtrArray) rows = shown_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    {
      UnspinEditItem *item = unspin_edit_row_get_item (g_ptr_array_index (rows, i));

      if (unspin_edit_item_get_index (item) == index)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *row,
                    const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child)
        && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
      return child;
  return NULL;
}

/* What a click does; gtk_widget_activate() would only click after a keyboard-press delay. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
row_label (UnspinEditRow *row,
           const char    *css_class)
{
  GtkWidget *label = find_child (GTK_WIDGET (row), GTK_TYPE_LABEL, css_class);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* GTK 4.8 has no getter for accessible properties, and the buttons make their tooltips when
 * asked (see unspin-edit-row.c): check that they will, under the name the tooltip is made for. */
static const char *
tooltip_name (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_has_tooltip (widget));
  return gtk_widget_get_name (widget);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = shown_rows (fixture);
  UnspinEditRow *row;

  g_assert_cmpuint (unspin_edit_list_get_n_visible (fixture->list), ==, N_EDITS);
  g_assert_cmpuint (rows->len, ==, N_EDITS);
  g_assert_true (unspin_edit_list_get_review (fixture->list) == fixture->review);

  row = row_for_edit (fixture, AUTHORITIES);
  g_assert_nonnull (row);
  g_assert_cmpstr (row_label (row, "garbled"), ==, "Authorities");
  g_assert_cmpstr (row_label (row, "replacement"), ==, "Officials");
  g_assert_cmpstr (row_label (row, "state"), ==, "Pending");
  g_assert_cmpstr (row_label (row, "confidence"), ==, "90%");
  g_assert_cmpstr (row_label (row, "reason"), ==, "a test edit");

  row = row_for_edit (fixture, SPAM);
  g_assert_cmpstr (row_label (row, "garbled"), ==, "Click here to subscribe!⏎");
  g_assert_cmpstr (row_label (row, "replacement"), ==, "(delete)");

  row = row_for_edit (fixture, GLUED);
  g_assert_false (gtk_widget_get_visible (find_child (GTK_WIDGET (row), GTK_TYPE_LABEL, "garbled")));
  g_assert_cmpstr (row_label (row, "replacement"), ==, "(insert line break)");

  g_assert_cmpstr (tooltip_name (find_action_button (GTK_WIDGET (row), "win.accept-edit")), ==, "accept");
  g_assert_cmpstr (tooltip_name (find_action_button (GTK_WIDGET (row), "win.reject-edit")), ==, "reject");
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  UnspinReview *review = fixture->review;
  UnspinEditList *list = fixture->list;
  GtkWidget *status_page;
  int filter;

  g_assert_cmpint (unspin_edit_list_get_filter (list), ==, UNSPIN_EDIT_FILTER_ALL);
  unspin_edit_list_set_filter (list, UNSPIN_EDIT_FILTER_PENDING);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS);
  unspin_edit_list_set_filter (list, UNSPIN_EDIT_FILTER_LOW_CONFIDENCE);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, 2);

  /* Decisions move edits out of (and back into) the pending view, not the low-confidence one. */
  unspin_review_accept (review, HAS_ACTUALLY);
  unspin_review_reject (review, STATED);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, 2);
  unspin_edit_list_set_filter (list, UNSPIN_EDIT_FILTER_PENDING);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 2);
  unspin_review_accept (review, SPAM);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 3);
  g_assert_true (unspin_review_undo (review));
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 2);
  settle (fixture);
  {
    g_autoptr(GPtrArray) rows = shown_rows (fixture);

    g_assert_cmpuint (rows->len, ==, N_EDITS - 2);
    g_assert_null (row_for_edit (fixture, HAS_ACTUALLY));
  }

  /* Decisions outside the undo history reach the view before the next frame. */
  unspin_review_preaccept (review, 0.9);
  g_assert_cmpint (unspin_review_get_state (review, AUTHORITIES), ==, UNSPIN_REVIEW_ACCEPTED);
  settle (fixture);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 3);
  unspin_review_reject (review, AUTHORITIES);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 3);
  unspin_review_set_state (review, AUTHORITIES, UNSPIN_REVIEW_PENDING, NULL);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS - 2);

  /* Nothing pending: a placeholder, not a blank list. */
  status_page = find_child (GTK_WIDGET (list), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_false (gtk_widget_get_child_visible (status_page));
  unspin_review_reject_pending (review);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, 0);
  g_assert_true (gtk_widget_get_child_visible (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "No Pending Edits");
  g_assert_true (unspin_review_undo (review));
  g_assert_false (gtk_widget_get_child_visible (status_page));

  /* The toggle buttons and the property move together. */
  {
    GtkWidget *all_button = find_child (GTK_WIDGET (list), GTK_TYPE_TOGGLE_BUTTON, NULL);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (all_button)), ==, "All");
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (all_button), TRUE);
    g_object_get (list, "filter", &filter, NULL);
    g_assert_cmpint (filter, ==, UNSPIN_EDIT_FILTER_ALL);
    g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, N_EDITS);
    click (all_button);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));
    g_assert_cmpint (unspin_edit_list_get_filter (list), ==, UNSPIN_EDIT_FILTER_ALL);
    unspin_edit_list_set_filter (list, UNSPIN_EDIT_FILTER_PENDING);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));
  }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static guint
selected_position (Fixture *fixture)
{
  GtkWidget *view = find_child (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW, NULL);

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (view))));
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  UnspinEditList *list = fixture->list;
  GtkWidget *view = find_child (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, NULL);
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (view));
  g_autoptr(GError) error = NULL;
  const char *at = strstr (article, "budget");
  guint notified = 0;
  guint manual;

  g_signal_connect (list, "notify::selected-edit", G_CALLBACK (count_notify), &notified);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, -1);

  /* The reviewer picks a row. */
  gtk_selection_model_select_item (selection, STATED, TRUE);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, STATED);
  g_assert_cmpuint (notified, ==, 1);

  /* The window focuses another edit. */
  unspin_edit_list_set_selected_edit (list, NUMERAL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (selected_position (fixture), ==, NUMERAL);

  /* In the pending view the positions differ from the indices. */
  unspin_review_accept (fixture->review, HAS_ACTUALLY);
  unspin_edit_list_set_filter (list, UNSPIN_EDIT_FILTER_PENDING);
  g_assert_cmpuint (selected_position (fixture), ==, NUMERAL - 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, GLUED);

  /* Deciding the selected edit hides its row but keeps it the selected edit. */
  unspin_review_accept (fixture->review, GLUED);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, GLUED);
  g_assert_cmpuint (selected_position (fixture), ==, GTK_INVALID_LIST_POSITION);
  unspin_edit_list_set_selected_edit (list, AUTHORITIES);
  g_assert_cmpuint (selected_position (fixture), ==, 0);
  g_assert_cmpint (unspin_edit_list_get_filter (list), ==, UNSPIN_EDIT_FILTER_PENDING);

  /* A hidden edit brings back the whole list. */
  unspin_edit_list_set_selected_edit (list, HAS_ACTUALLY);
  g_assert_cmpint (unspin_edit_list_get_filter (list), ==, UNSPIN_EDIT_FILTER_ALL);
  g_assert_cmpuint (selected_position (fixture), ==, HAS_ACTUALLY);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, HAS_ACTUALLY);

  /* A manual edit before the selected one moves its index. */
  unspin_edit_list_set_selected_edit (list, STATED);
  notified = 0;
  g_assert_true (unspin_review_add_manual_edit (fixture->review, at - article,
                                                at - article + strlen ("budget"),
                                                "spending plan", &manual, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (manual, ==, GLUED);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, STATED + 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (selected_position (fixture), ==, STATED + 1);
  g_assert_true (unspin_review_undo (fixture->review));
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, STATED);

  /* Undoing the selected manual edit leaves nothing selected. */
  g_assert_true (unspin_review_redo (fixture->review));
  unspin_edit_list_set_selected_edit (list, manual);
  g_assert_true (unspin_review_undo (fixture->review));
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, -1);

  /* Unselecting in the view clears it too. */
  unspin_edit_list_set_selected_edit (list, SPAM);
  gtk_selection_model_unselect_item (selection, SPAM);
  g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, -1);

  /* A new review starts with nothing selected. */
  unspin_edit_list_set_selected_edit (list, SPAM);
  {
    g_autoptr(UnspinReview) other = make_review ();

    unspin_edit_list_set_review (list, other);
    g_assert_cmpint (unspin_edit_list_get_selected_edit (list), ==, -1);
    unspin_edit_list_set_review (list, NULL);
    g_assert_cmpuint (unspin_edit_list_get_n_visible (list), ==, 0);
  }
}

static void
test_buttons (Fixture       *fixture,
              gconstpointer  data)
{
  UnspinEditRow *row = row_for_edit (fixture, STATED);
  g_autoptr(GError) error = NULL;
  const char *at = strstr (article, "budget");
  GtkWidget *button;
  guint manual;

  g_assert_nonnull (row);
  button = find_action_button (GTK_WIDGET (row), "win.accept-edit");
  click (button);
  g_assert_cmpint (fixture->accepted, ==, STATED);
  g_assert_cmpint (unspin_review_get_state (fixture->review, STATED), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpstr (row_label (row, "state"), ==, "Accepted");

  click (find_action_button (GTK_WIDGET (row), "win.reject-edit"));
  g_assert_cmpint (fixture->rejected, ==, STATED);
  g_assert_cmpint (unspin_review_get_state (fixture->review, STATED), ==, UNSPIN_REVIEW_REJECTED);
  g_assert_cmpstr (row_label (row, "state"), ==, "Rejected");

  /* An edited edit shows the reviewer's words. */
  unspin_review_set_state (fixture->review, STATED, UNSPIN_REVIEW_EDITED, "declared");
  g_assert_cmpstr (row_label (row, "state"), ==, "Edited");
  g_assert_cmpstr (row_label (row, "replacement"), ==, "declared");

  /* The buttons follow the edit when a manual edit before it moves its index. */
  g_assert_true (unspin_review_add_manual_edit (fixture->review, at - article,
                                                at - article + strlen ("budget"),
                                                "spending plan", &manual, &error));
  g_assert_no_error (error);
  settle (fixture);
  row = row_for_edit (fixture, STATED + 1);
  g_assert_nonnull (row);
  g_assert_cmpstr (row_label (row, "garbled"), ==, "stated");
  click (find_action_button (GTK_WIDGET (row), "win.accept-edit"));
  g_assert_cmpint (fixture->accepted, ==, STATED + 1);
  g_assert_cmpint (unspin_review_get_state (fixture->review, STATED + 1), ==, UNSPIN_REVIEW_ACCEPTED);

  /* So does the alternatives menu. */
  {
    GtkWidget *menu_button = find_child (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON, NULL);
    g_autoptr(GVariant) target = NULL;
    guint target_edit, target_alternative;

    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
    target = g_menu_model_get_item_attribute_value (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                                    1, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(uu)"));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
    g_assert_nonnull (target);
    g_variant_get (target, "(uu)", &target_edit, &target_alternative);
    g_assert_cmpuint (target_edit, ==, STATED + 1);
    g_assert_cmpuint (target_alternative, ==, 1);
  }
}

static gboolean
focus_in_list (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->list));
}

static void
test_decide_from_pending_view (Fixture       *fixture,
                               gconstpointer  data)
{
  UnspinEditRow *row;
  GtkWidget *button;

  unspin_edit_list_set_filter (fixture->list, UNSPIN_EDIT_FILTER_PENDING);
  unspin_edit_list_set_selected_edit (fixture->list, AUTHORITIES);
  settle (fixture);
  row = row_for_edit (fixture, AUTHORITIES);
  g_assert_nonnull (row);
  button = find_action_button (GTK_WIDGET (row), "win.accept-edit");
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_has_focus (button));

  /* The row leaves the view with the focused button; the keyboard stays in the list. */
  click (button);
  g_assert_cmpint (unspin_review_get_state (fixture->review, AUTHORITIES), ==, UNSPIN_REVIEW_ACCEPTED);
  g_assert_cmpuint (unspin_edit_list_get_n_visible (fixture->list), ==, N_EDITS - 1);
  settle (fixture);
  g_assert_null (row_for_edit (fixture, AUTHORITIES));
  g_assert_true (focus_in_list (fixture));
  g_assert_cmpint (unspin_edit_list_get_selected_edit (fixture->list), ==, AUTHORITIES);

  /* What the window does next: focus the next pending edit. */
  unspin_edit_list_set_selected_edit (fixture->list, STATED);
  g_assert_cmpuint (selected_position (fixture), ==, STATED - 1);
  g_assert_true (focus_in_list (fixture));
}

static void
test_alternatives (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_EDITS; i++)
    {
      UnspinEditRow *row = row_for_edit (fixture, i);
      UnspinEdit *edit = unspin_review_get_edit (fixture->review, i);
      GtkWidget *menu_button = find_child (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON, NULL);
      guint n_alternatives = edit->alternatives != NULL ? g_strv_length (edit->alternatives) : 0;
      GMenuModel *menu;

      g_assert_cmpint (gtk_widget_get_visible (menu_button), ==, n_alternatives > 0);
      if (n_alternatives == 0)
        continue;
      g_assert_cmpstr (tooltip_name (menu_button), ==, "alternatives");

      /* The menu is filled as it opens. */
      gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
      g_assert_nonnull (menu);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
      g_assert_cmpint (g_menu_model_get_n_items (menu), ==, n_alternatives);
      for (guint k = 0; k < n_alternatives; k++)
        {
          g_autofree char *label = NULL;
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;
          guint target_edit, target_alternative;

          g_assert_true (g_menu_model_get_item_attribute (menu, k, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          g_assert_cmpstr (label, ==, edit->alternatives[k]);
          g_assert_true (g_menu_model_get_item_attribute (menu, k, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          g_assert_cmpstr (action, ==, "win.choose-alternative");
          target = g_menu_model_get_item_attribute_value (menu, k, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE ("(uu)"));
          g_assert_nonnull (target);
          g_variant_get (target, "(uu)", &target_edit, &target_alternative);
          g_assert_cmpuint (target_edit, ==, i);
          g_assert_cmpuint (target_alternative, ==, k);
        }

      /* The action the menu names is reachable from the row. */
      g_assert_true (gtk_widget_activate_action (menu_button, "win.choose-alternative", "(uu)", i, 1));
      g_assert_cmpint (fixture->alternative_edit, ==, i);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Under a bare xvfb-run there is no session bus, and GTK's accessibility layer would warn
   * (fatally, in a test) that it cannot reach one; these tests do not need it. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Linked from a static library, the resource must be referenced to be linked in at all. */
  g_resources_register (unspin_get_resource ());

#define ADD(path, func) \
  g_test_add ("/unspin/edit-list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rows", test_rows);
  ADD ("filters", test_filters);
  ADD ("selection", test_selection);
  ADD ("buttons", test_buttons);
  ADD ("decide-from-pending-view", test_decide_from_pending_view);
  ADD ("alternatives", test_alternatives);
#undef ADD

  return g_test_run ();
}
