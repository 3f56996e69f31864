/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-edit-row"

#include <glib/gi18n.h>
#include <math.h>

#include "unspin-edit-row.h"

struct _UnspinEditRow
{
  GtkWidget       parent_instance;

  UnspinEditItem *item;

  GtkWidget      *change_box;
  GtkLabel       *garbled_label;
  GtkWidget      *arrow_label;
  GtkLabel       *replacement_label;
  GtkLabel       *state_label;
  GtkLabel       *confidence_label;
  GtkLabel       *reason_label;
  GtkMenuButton  *alternatives_button;
  GMenu          *alternatives;
  GtkWidget      *accept_button;
  GtkWidget      *reject_button;
};

G_DEFINE_FINAL_TYPE (UnspinEditRow, unspin_edit_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Labels are one line: line breaks show as ⏎, and very long spans (a page-debris paragraph)
 * are cut rather than laid out whole only to be ellipsized. */
static char *
one_line (const char *text,
          guint       max_chars)
{
  GString *line = g_string_new (NULL);
  const char *p = text;
  guint n = 0;

  for (; *p != '\0' && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        continue;
      if (c == '\n')
        g_string_append (line, "⏎");
      else if (g_unichar_isspace (c))
        g_string_append_c (line, ' ');
      else
        g_string_append_unichar (line, c);
      n++;
    }
  if (*p != '\0')
    g_string_append (line, "…");
  return g_string_free (line, FALSE);
}

static gboolean
only_line_breaks (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (*text != '\n' && *text != '\r')
      return FALSE;
  return TRUE;
}

static void
update_change (UnspinEditRow *self)
{
  UnspinEdit *edit = unspin_edit_item_get_edit (self->item);
  const char *replacement = unspin_edit_item_get_replacement (self->item);
  gboolean insertion = edit->garbled[0] == '\0';
  g_autofree char *garbled = one_line (edit->garbled, 200);
  g_autofree char *replaced = one_line (replacement, 200);
  g_autofree char *garbled_markup = g_markup_printf_escaped ("<s>%s</s>", garbled);
  g_autofree char *replacement_markup = NULL;

  if (insertion && only_line_breaks (replacement))
    replacement_markup = g_markup_printf_escaped ("<i>%s</i>", _("(insert line break)"));
  else if (insertion)
    replacement_markup = g_markup_printf_escaped ("<i>%s</i> <b>%s</b>", _("(insert)"), replaced);
  else if (replacement[0] == '\0')
    replacement_markup = g_markup_printf_escaped ("<i>%s</i>", _("(delete)"));
  else
    replacement_markup = g_markup_printf_escaped ("<b>%s</b>", replaced);

  gtk_widget_set_visible (GTK_WIDGET (self->garbled_label), !insertion);
  gtk_widget_set_visible (self->arrow_label, !insertion);
  gtk_label_set_markup (self->garbled_label, garbled_markup);
  gtk_label_set_markup (self->replacement_label, replacement_markup);
}

/* Tooltips are made when asked for: in GTK 4.8 every gtk_widget_set_tooltip_text() asks the
 * display server where the pointer is, which made rebinding rows slow. The row is ellipsized;
 * the tooltip holds spans too long for it. */
static gboolean
query_change_tooltip (GtkWidget     *widget,
                      int            x,
                      int            y,
                      gboolean       keyboard,
                      GtkTooltip    *tooltip,
                      UnspinEditRow *self)
{
  UnspinEdit *edit;
  const char *replacement;
  g_autofree char *garbled = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return FALSE;

  edit = unspin_edit_item_get_edit (self->item);
  replacement = unspin_edit_item_get_replacement (self->item);
  garbled = one_line (edit->garbled, 500);
  replaced = one_line (replacement, 500);
  if (edit->garbled[0] == '\0' && only_line_breaks (replacement))
    text = g_strdup (_("(insert line break)"));
  else if (edit->garbled[0] == '\0')
    text = g_strdup_printf ("%s %s", _("(insert)"), replaced);
  else
    text = g_strdup_printf ("%s → %s", garbled, replacement[0] == '\0' ? _("(delete)") : replaced);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The buttons' tooltips, made when asked for as well (each row has three). */
static gboolean
query_button_tooltip (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  const char *name = gtk_widget_get_name (widget);

  if (g_str_equal (name, "accept"))
    gtk_tooltip_set_text (tooltip, _("Accept"));
  else if (g_str_equal (name, "reject"))
    gtk_tooltip_set_text (tooltip, _("Reject"));
  else
    gtk_tooltip_set_text (tooltip, _("Alternatives"));
  return TRUE;
}

static gboolean
query_reason_tooltip (GtkWidget     *widget,
                      int            x,
                      int            y,
                      gboolean       keyboard,
                      GtkTooltip    *tooltip,
                      UnspinEditRow *self)
{
  UnspinEdit *edit;
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return FALSE;

  edit = unspin_edit_item_get_edit (self->item);
  text = g_strdup_printf ("%s\n%s", edit->reason, edit->source);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_state (UnspinEditRow *self)
{
  static const char * const state_classes[] = { "warning", "success", "error", "accent" };
  UnspinReviewState state = unspin_edit_item_get_state (self->item);
  const char *text = NULL;

  switch (state)
    {
    case UNSPIN_REVIEW_PENDING:
      text = _("Pending");
      break;
    case UNSPIN_REVIEW_ACCEPTED:
      text = _("Accepted");
      break;
    case UNSPIN_REVIEW_REJECTED:
      text = _("Rejected");
      break;
    case UNSPIN_REVIEW_EDITED:
      text = _("Edited");
      break;
    default:
      g_return_if_reached ();
    }

  gtk_label_set_label (self->state_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[state]);

  /* An edited edit shows the reviewer's words in place of the proposal. */
  update_change (self);
}

static void
update_index (UnspinEditRow *self)
{
  guint index = unspin_edit_item_get_index (self->item);

  /* Target first: an action name without its (u) target makes GTK warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->accept_button),
                                          g_variant_new_uint32 (index));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), "win.accept-edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->reject_button),
                                          g_variant_new_uint32 (index));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reject_button), "win.reject-edit");
}

/* The menu is filled as it opens, with the edit's index at that moment: a menu per row, made
 * at every bind, cost more than the rest of the row. */
static void
fill_alternatives (GtkMenuButton *button,
                   gpointer       user_data)
{
  UnspinEditRow *self = user_data;
  UnspinEdit *edit;
  guint index;

  g_menu_remove_all (self->alternatives);
  if (self->item == NULL)
    return;

  edit = unspin_edit_item_get_edit (self->item);
  index = unspin_edit_item_get_index (self->item);
  for (guint k = 0; edit->alternatives != NULL && edit->alternatives[k] != NULL; k++)
    {
      g_autofree char *label = one_line (edit->alternatives[k], 60);
      g_autoptr(GMenuItem) menu_item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (menu_item, "win.choose-alternative",
                                               g_variant_new ("(uu)", index, k));
      g_menu_append_item (self->alternatives, menu_item);
    }
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->alternatives));
}

static void
update_all (UnspinEditRow *self)
{
  UnspinEdit *edit = unspin_edit_item_get_edit (self->item);
  g_autofree char *confidence = g_strdup_printf ("%d%%", (int) round (edit->confidence * 100));

  gtk_label_set_label (self->confidence_label, confidence);
  gtk_label_set_label (self->reason_label, edit->reason);
  gtk_widget_set_visible (GTK_WIDGET (self->alternatives_button),
                          edit->alternatives != NULL && edit->alternatives[0] != NULL);
  update_state (self);
  update_index (self);
}

static void
unspin_edit_row_dispose (GObject *object)
{
  UnspinEditRow *self = UNSPIN_EDIT_ROW (object);
  GtkWidget *child;

  unspin_edit_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNSPIN_TYPE_EDIT_ROW);
  g_clear_object (&self->alternatives);
  /* dispose_template() only unparents the children the class binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unspin_edit_row_parent_class)->dispose (object);
}

static void
unspin_edit_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UnspinEditRow *self = UNSPIN_EDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_edit_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UnspinEditRow *self = UNSPIN_EDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      unspin_edit_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_edit_row_class_init (UnspinEditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unspin_edit_row_dispose;
  object_class->get_property = unspin_edit_row_get_property;
  object_class->set_property = unspin_edit_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, UNSPIN_TYPE_EDIT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unspin/Unspin/unspin-edit-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, change_box);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, garbled_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, arrow_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, replacement_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, confidence_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, alternatives_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, UnspinEditRow, reject_button);
  gtk_widget_class_bind_template_callback (widget_class, query_change_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, query_reason_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, query_button_tooltip);
  gtk_widget_class_set_css_name (widget_class, "editrow");
}

static void
unspin_edit_row_init (UnspinEditRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->alternatives = g_menu_new ();
  gtk_menu_button_set_create_popup_func (self->alternatives_button, fill_alternatives, self, NULL);
}

GtkWidget *
unspin_edit_row_new (void)
{
  return g_object_new (UNSPIN_TYPE_EDIT_ROW, NULL);
}

UnspinEditItem *
unspin_edit_row_get_item (UnspinEditRow *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_ROW (self), NULL);

  return self->item;
}

void
unspin_edit_row_set_item (UnspinEditRow  *self,
                          UnspinEditItem *item)
{
  g_return_if_fail (UNSPIN_IS_EDIT_ROW (self));
  g_return_if_fail (item == NULL || UNSPIN_IS_EDIT_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  if (item == NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reject_button), NULL);
      g_menu_remove_all (self->alternatives);
    }
  if (item != NULL)
    {
      g_signal_connect_swapped (item, "notify::state", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (item, "notify::index", G_CALLBACK (update_index), self);
      update_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
