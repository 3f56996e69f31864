/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-edit-list"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "unspin-edit-list.h"
#include "unspin-edit-row.h"
#include "unspin-review-model.h"

struct _UnspinEditList
{
  GtkWidget           parent_instance;

  UnspinReviewModel  *model;
  UnspinEditFilter    filter_kind;
  /* Kept while the filter hides its row: the diff view still shows that edit. */
  UnspinEditItem     *selected_item;
  /* Set while the filter, not the reviewer, moves the selection. */
  gboolean            refiltering;
  gboolean            selecting;
  gboolean            scroll_on_map;
  guint               refilter_source;

  GtkToggleButton    *all_button;
  GtkToggleButton    *pending_button;
  GtkToggleButton    *low_confidence_button;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (UnspinEditList, unspin_edit_list, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (UnspinEditFilter, unspin_edit_filter,
  G_DEFINE_ENUM_VALUE (UNSPIN_EDIT_FILTER_ALL, "all"),
  G_DEFINE_ENUM_VALUE (UNSPIN_EDIT_FILTER_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (UNSPIN_EDIT_FILTER_LOW_CONFIDENCE, "low-confidence"))

enum {
  PROP_0,
  PROP_REVIEW,
  PROP_SELECTED_EDIT,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_edit (gpointer item,
             gpointer user_data)
{
  UnspinEditList *self = user_data;

  switch (self->filter_kind)
    {
    case UNSPIN_EDIT_FILTER_PENDING:
      return unspin_edit_item_get_state (item) == UNSPIN_REVIEW_PENDING;
    case UNSPIN_EDIT_FILTER_LOW_CONFIDENCE:
      return unspin_edit_item_get_edit (item)->confidence < UNSPIN_CONFIDENCE_HIGH;
    case UNSPIN_EDIT_FILTER_ALL:
    default:
      return TRUE;
    }
}

static guint
find_position (UnspinEditList *self,
               UnspinEditItem *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnspinEditItem) other = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (other == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_selected_index_changed (UnspinEditList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EDIT]);
}

static void
set_selected_item (UnspinEditList *self,
                   UnspinEditItem *item)
{
  if (self->selected_item == item)
    return;

  if (self->selected_item != NULL)
    g_signal_handlers_disconnect_by_data (self->selected_item, self);
  g_set_object (&self->selected_item, item);
  /* A manual edit added before it moves its index. */
  if (item != NULL)
    g_signal_connect_swapped (item, "notify::index", G_CALLBACK (on_selected_index_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EDIT]);
}

/* Shows the selected edit's row as selected when the filter lets it through. */
static void
select_row (UnspinEditList *self,
            gboolean        scroll)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->selected_item != NULL
      && gtk_single_selection_get_selected_item (self->selection) == (gpointer) self->selected_item)
    position = gtk_single_selection_get_selected (self->selection);
  else if (self->selected_item != NULL)
    position = find_position (self, self->selected_item);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;

  if (!scroll || position == GTK_INVALID_LIST_POSITION)
    return;
  /* GTK 4.8 has no gtk_list_view_scroll_to(); its action needs rows that have been laid out. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  else
    self->scroll_on_map = TRUE;
}

static gboolean
scroll_after_layout (gpointer data)
{
  UnspinEditList *self = data;
  guint position;

  if (self->selection == NULL)
    return G_SOURCE_REMOVE;
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
on_list_view_map (UnspinEditList *self)
{
  if (!self->scroll_on_map)
    return;
  self->scroll_on_map = FALSE;
  /* At idle priority: after the first frame has laid the rows out. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_after_layout, g_object_ref (self), g_object_unref);
}

static void
on_selected_item_changed (UnspinEditList *self)
{
  UnspinEditItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* A refilter may drop and re-add the selected row on its own; select_row() follows it. */
  if (self->selecting || self->refiltering)
    return;
  set_selected_item (self, item);
}

static void
update_stack (UnspinEditList *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
update_empty_page (UnspinEditList *self)
{
  switch (self->filter_kind)
    {
    case UNSPIN_EDIT_FILTER_PENDING:
      adw_status_page_set_title (self->empty_page, _("No Pending Edits"));
      adw_status_page_set_description (self->empty_page, _("Every edit has a decision"));
      adw_status_page_set_icon_name (self->empty_page, "object-select-symbolic");
      break;
    case UNSPIN_EDIT_FILTER_LOW_CONFIDENCE:
      adw_status_page_set_title (self->empty_page, _("No Low-Confidence Edits"));
      adw_status_page_set_description (self->empty_page, _("The engine is sure of every edit"));
      adw_status_page_set_icon_name (self->empty_page, "object-select-symbolic");
      break;
    case UNSPIN_EDIT_FILTER_ALL:
    default:
      adw_status_page_set_title (self->empty_page, _("No Edits"));
      adw_status_page_set_description (self->empty_page, _("Nothing here looks spun"));
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      break;
    }
}

static gboolean
focus_is_in_list (UnspinEditList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL
         && (focus == GTK_WIDGET (self->list_view)
             || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)));
}

static void
refilter (UnspinEditList   *self,
          GtkFilterChange   change)
{
  gboolean had_focus = focus_is_in_list (self);

  g_clear_handle_id (&self->refilter_source, g_source_remove);
  self->refiltering = TRUE;
  /* Without a function the filter matches everything, and the filter model then need not make
   * an item of every edit: a long article's list opens at once. */
  if (self->filter_kind == UNSPIN_EDIT_FILTER_ALL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, filter_edit, self, NULL);
  self->refiltering = FALSE;

  /* Deciding an edit from its own row in the "Pending" view removes the focused button; keep
   * the keyboard in the list, on the row that took its place. */
  if (had_focus && !focus_is_in_list (self)
      && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  select_row (self, FALSE);
}

static void
refilter_if_queued (UnspinEditList *self)
{
  /* Queued only in the pending view; switching views drops the queue. */
  if (self->refilter_source != 0)
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
refilter_idle (gpointer data)
{
  UnspinEditList *self = data;

  self->refilter_source = 0;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  return G_SOURCE_REMOVE;
}

/* A bulk decision is many state changes and one history change: refilter once, at its end.
 * Changes outside the history (pre-accepting) are caught by the idle, before the next frame. */
static void
on_state_changed (UnspinReview   *review,
                  guint           index,
                  UnspinEditList *self)
{
  if (self->filter_kind != UNSPIN_EDIT_FILTER_PENDING || self->refilter_source != 0)
    return;
  self->refilter_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refilter_idle, self, NULL);
}

static void
on_model_items_changed (UnspinEditList *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  if (self->selected_item != NULL)
    {
      guint index = unspin_edit_item_get_index (self->selected_item);
      g_autoptr(UnspinEditItem) there = g_list_model_get_item (model, index);

      /* The selected edit left the review (the undo of a manual edit). */
      if (there != self->selected_item)
        set_selected_item (self, NULL);
    }
}

static void
on_filter_toggled (GtkToggleButton *button,
                   UnspinEditList  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->pending_button)
    unspin_edit_list_set_filter (self, UNSPIN_EDIT_FILTER_PENDING);
  else if (button == self->low_confidence_button)
    unspin_edit_list_set_filter (self, UNSPIN_EDIT_FILTER_LOW_CONFIDENCE);
  else
    unspin_edit_list_set_filter (self, UNSPIN_EDIT_FILTER_ALL);
}

static void
on_setup_row (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              UnspinEditList           *self)
{
  gtk_list_item_set_child (list_item, unspin_edit_row_new ());
}

static void
on_bind_row (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             UnspinEditList           *self)
{
  unspin_edit_row_set_item (UNSPIN_EDIT_ROW (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
on_unbind_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               UnspinEditList           *self)
{
  unspin_edit_row_set_item (UNSPIN_EDIT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
unspin_edit_list_dispose (GObject *object)
{
  UnspinEditList *self = UNSPIN_EDIT_LIST (object);
  GtkWidget *child;

  unspin_edit_list_set_review (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNSPIN_TYPE_EDIT_LIST);
  /* dispose_template() only unparents the children the class binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unspin_edit_list_parent_class)->dispose (object);
}

static void
unspin_edit_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnspinEditList *self = UNSPIN_EDIT_LIST (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      g_value_set_object (value, unspin_edit_list_get_review (self));
      break;
    case PROP_SELECTED_EDIT:
      g_value_set_int (value, unspin_edit_list_get_selected_edit (self));
      break;
    case PROP_FILTER:
      g_value_set_enum (value, self->filter_kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_edit_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UnspinEditList *self = UNSPIN_EDIT_LIST (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      unspin_edit_list_set_review (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_EDIT:
      unspin_edit_list_set_selected_edit (self, g_value_get_int (value));
      break;
    case PROP_FILTER:
      unspin_edit_list_set_filter (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_edit_list_class_init (UnspinEditListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unspin_edit_list_dispose;
  object_class->get_property = unspin_edit_list_get_property;
  object_class->set_property = unspin_edit_list_set_property;

  properties[PROP_REVIEW] =
    g_param_spec_object ("review", NULL, NULL, UNSPIN_TYPE_REVIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EDIT] =
    g_param_spec_int ("selected-edit", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_enum ("filter", NULL, NULL, UNSPIN_TYPE_EDIT_FILTER, UNSPIN_EDIT_FILTER_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (UNSPIN_TYPE_EDIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unspin/Unspin/unspin-edit-list.ui");
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, all_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, pending_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, low_confidence_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, stack);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, list_view);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, selection);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, filter_model);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, filter);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_map);
  gtk_widget_class_bind_template_callback (widget_class, update_stack);
  gtk_widget_class_set_css_name (widget_class, "editlist");
}

static void
unspin_edit_list_init (UnspinEditList *self)
{
  g_autofree char *low_tooltip = NULL;

  self->filter_kind = UNSPIN_EDIT_FILTER_ALL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* "All" needs no filter function (see refilter()). */
  update_stack (self);
  low_tooltip = g_strdup_printf (_("Edits below %d%% confidence"),
                                 (int) (UNSPIN_CONFIDENCE_HIGH * 100 + 0.5));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->low_confidence_button), low_tooltip);
  update_empty_page (self);
}

GtkWidget *
unspin_edit_list_new (void)
{
  return g_object_new (UNSPIN_TYPE_EDIT_LIST, NULL);
}

UnspinReview *
unspin_edit_list_get_review (UnspinEditList *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_LIST (self), NULL);

  return self->model != NULL ? unspin_review_model_get_review (self->model) : NULL;
}

void
unspin_edit_list_set_review (UnspinEditList *self,
                             UnspinReview   *review)
{
  g_return_if_fail (UNSPIN_IS_EDIT_LIST (self));
  g_return_if_fail (review == NULL || UNSPIN_IS_REVIEW (review));

  if (review == unspin_edit_list_get_review (self))
    return;

  set_selected_item (self, NULL);
  g_clear_handle_id (&self->refilter_source, g_source_remove);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (unspin_review_model_get_review (self->model), self);
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }

  if (review != NULL)
    {
      self->model = unspin_review_model_new (review);
      /* After the model's own handler, which brings the item's state up to date. */
      g_signal_connect_object (review, "state-changed", G_CALLBACK (on_state_changed), self, 0);
      g_signal_connect_object (review, "history-changed",
                               G_CALLBACK (refilter_if_queued), self, G_CONNECT_SWAPPED);
    }
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->model));
  /* After the filter model's handler, so the selection is already in step. */
  if (self->model != NULL)
    g_signal_connect_object (self->model, "items-changed",
                             G_CALLBACK (on_model_items_changed), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW]);
}

int
unspin_edit_list_get_selected_edit (UnspinEditList *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_LIST (self), -1);

  return self->selected_item != NULL ? (int) unspin_edit_item_get_index (self->selected_item) : -1;
}

void
unspin_edit_list_set_selected_edit (UnspinEditList *self,
                                    int             index)
{
  g_autoptr(UnspinEditItem) item = NULL;

  g_return_if_fail (UNSPIN_IS_EDIT_LIST (self));
  g_return_if_fail (index >= -1);

  if (index == unspin_edit_list_get_selected_edit (self))
    return;

  if (index >= 0)
    {
      g_return_if_fail (self->model != NULL);
      item = g_list_model_get_item (G_LIST_MODEL (self->model), index);
      g_return_if_fail (item != NULL);
    }

  set_selected_item (self, item);
  if (item != NULL && find_position (self, item) == GTK_INVALID_LIST_POSITION)
    unspin_edit_list_set_filter (self, UNSPIN_EDIT_FILTER_ALL);
  select_row (self, TRUE);
}

UnspinEditFilter
unspin_edit_list_get_filter (UnspinEditList *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_LIST (self), UNSPIN_EDIT_FILTER_ALL);

  return self->filter_kind;
}

void
unspin_edit_list_set_filter (UnspinEditList   *self,
                             UnspinEditFilter  filter)
{
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (UNSPIN_IS_EDIT_LIST (self));
  g_return_if_fail (filter <= UNSPIN_EDIT_FILTER_LOW_CONFIDENCE);

  if (filter == self->filter_kind)
    return;

  if (self->filter_kind == UNSPIN_EDIT_FILTER_ALL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (filter == UNSPIN_EDIT_FILTER_ALL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  self->filter_kind = filter;

  switch (filter)
    {
    case UNSPIN_EDIT_FILTER_PENDING:
      gtk_toggle_button_set_active (self->pending_button, TRUE);
      break;
    case UNSPIN_EDIT_FILTER_LOW_CONFIDENCE:
      gtk_toggle_button_set_active (self->low_confidence_button, TRUE);
      break;
    case UNSPIN_EDIT_FILTER_ALL:
    default:
      gtk_toggle_button_set_active (self->all_button, TRUE);
      break;
    }

  refilter (self, change);
  update_empty_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

guint
unspin_edit_list_get_n_visible (UnspinEditList *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}
