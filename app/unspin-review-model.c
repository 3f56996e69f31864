/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-review-model"

#include "unspin-review-model.h"

struct _UnspinEditItem
{
  GObject            parent_instance;

  UnspinEdit        *edit;
  guint              index;
  /* Copies, so that an item whose edit left the review (the undo of a manual edit) still
   * answers for the row showing it. */
  UnspinReviewState  state;
  char              *custom_text;
};

G_DEFINE_FINAL_TYPE (UnspinEditItem, unspin_edit_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_EDIT,
  ITEM_PROP_INDEX,
  ITEM_PROP_STATE,
  ITEM_PROP_REPLACEMENT,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
unspin_edit_item_finalize (GObject *object)
{
  UnspinEditItem *self = UNSPIN_EDIT_ITEM (object);

  g_clear_pointer (&self->edit, unspin_edit_unref);
  g_clear_pointer (&self->custom_text, g_free);

  G_OBJECT_CLASS (unspin_edit_item_parent_class)->finalize (object);
}

static void
unspin_edit_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnspinEditItem *self = UNSPIN_EDIT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_EDIT:
      g_value_set_boxed (value, self->edit);
      break;
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case ITEM_PROP_STATE:
      g_value_set_int (value, unspin_edit_item_get_state (self));
      break;
    case ITEM_PROP_REPLACEMENT:
      g_value_set_string (value, unspin_edit_item_get_replacement (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_edit_item_class_init (UnspinEditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unspin_edit_item_finalize;
  object_class->get_property = unspin_edit_item_get_property;

  item_properties[ITEM_PROP_EDIT] =
    g_param_spec_boxed ("edit", NULL, NULL, UNSPIN_TYPE_EDIT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An UnspinReviewState; the engine registers no GType for it (it needs no GObject). */
  item_properties[ITEM_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, UNSPIN_REVIEW_PENDING, UNSPIN_REVIEW_EDITED,
                      UNSPIN_REVIEW_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_REPLACEMENT] =
    g_param_spec_string ("replacement", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
unspin_edit_item_init (UnspinEditItem *self)
{
}

static void
unspin_edit_item_sync_state (UnspinEditItem *self,
                             UnspinReview   *review)
{
  self->state = unspin_review_get_state (review, self->index);
  g_free (self->custom_text);
  self->custom_text = g_strdup (unspin_review_get_custom_text (review, self->index));
}

static UnspinEditItem *
unspin_edit_item_new (UnspinReview *review,
                      guint         index)
{
  UnspinEditItem *self = g_object_new (UNSPIN_TYPE_EDIT_ITEM, NULL);

  self->edit = unspin_edit_ref (unspin_review_get_edit (review, index));
  self->index = index;
  unspin_edit_item_sync_state (self, review);
  return self;
}

UnspinEdit *
unspin_edit_item_get_edit (UnspinEditItem *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_ITEM (self), NULL);

  return self->edit;
}

guint
unspin_edit_item_get_index (UnspinEditItem *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_ITEM (self), 0);

  return self->index;
}

UnspinReviewState
unspin_edit_item_get_state (UnspinEditItem *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_ITEM (self), UNSPIN_REVIEW_PENDING);

  return self->state;
}

const char *
unspin_edit_item_get_replacement (UnspinEditItem *self)
{
  g_return_val_if_fail (UNSPIN_IS_EDIT_ITEM (self), NULL);

  if (self->state == UNSPIN_REVIEW_EDITED && self->custom_text != NULL)
    return self->custom_text;
  return self->edit->proposal;
}

struct _UnspinReviewModel
{
  GObject       parent_instance;

  UnspinReview *review;
  /* One slot per edit: the item once asked for, else NULL. */
  GPtrArray    *items;
};

static void unspin_review_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UnspinReviewModel, unspin_review_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      unspin_review_model_list_model_init))

enum {
  PROP_0,
  PROP_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
unspin_review_model_get_item_type (GListModel *model)
{
  return UNSPIN_TYPE_EDIT_ITEM;
}

static guint
unspin_review_model_get_n_items (GListModel *model)
{
  return UNSPIN_REVIEW_MODEL (model)->items->len;
}

static gpointer
unspin_review_model_get_item (GListModel *model,
                              guint       position)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  if (g_ptr_array_index (self->items, position) == NULL)
    g_ptr_array_index (self->items, position) = unspin_edit_item_new (self->review, position);
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
unspin_review_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = unspin_review_model_get_item_type;
  iface->get_n_items = unspin_review_model_get_n_items;
  iface->get_item = unspin_review_model_get_item;
}

static void
item_slot_free (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
on_state_changed (UnspinReview      *review,
                  guint              index,
                  UnspinReviewModel *self)
{
  UnspinEditItem *item;

  g_return_if_fail (index < self->items->len);

  item = g_ptr_array_index (self->items, index);
  if (item == NULL)
    return;
  unspin_edit_item_sync_state (item, review);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_REPLACEMENT]);
}

static void
on_edits_changed (UnspinReview      *review,
                  guint              position,
                  guint              removed,
                  guint              added,
                  UnspinReviewModel *self)
{
  g_autoptr(GPtrArray) shifted = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (position + removed <= self->items->len);

  g_ptr_array_remove_range (self->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->items, position, NULL);

  if (removed != added)
    for (guint i = position + added; i < self->items->len; i++)
      {
        UnspinEditItem *item = g_ptr_array_index (self->items, i);

        if (item == NULL)
          continue;
        item->index = i;
        g_ptr_array_add (shifted, g_object_ref (item));
      }

  /* Indices are right before anyone hears of the change, so a handler may look items up. */
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  for (guint i = 0; i < shifted->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (shifted, i), item_properties[ITEM_PROP_INDEX]);
}

static void
unspin_review_model_dispose (GObject *object)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (object);

  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_clear_object (&self->review);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (unspin_review_model_parent_class)->dispose (object);
}

static void
unspin_review_model_finalize (GObject *object)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (unspin_review_model_parent_class)->finalize (object);
}

static void
unspin_review_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      g_value_set_object (value, self->review);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_review_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      self->review = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_review_model_constructed (GObject *object)
{
  UnspinReviewModel *self = UNSPIN_REVIEW_MODEL (object);

  G_OBJECT_CLASS (unspin_review_model_parent_class)->constructed (object);

  g_return_if_fail (UNSPIN_IS_REVIEW (self->review));

  g_ptr_array_set_size (self->items, unspin_review_get_n_edits (self->review));
  g_signal_connect_object (self->review, "state-changed",
                           G_CALLBACK (on_state_changed), self, 0);
  g_signal_connect_object (self->review, "edits-changed",
                           G_CALLBACK (on_edits_changed), self, 0);
}

static void
unspin_review_model_class_init (UnspinReviewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = unspin_review_model_constructed;
  object_class->dispose = unspin_review_model_dispose;
  object_class->finalize = unspin_review_model_finalize;
  object_class->get_property = unspin_review_model_get_property;
  object_class->set_property = unspin_review_model_set_property;

  properties[PROP_REVIEW] =
    g_param_spec_object ("review", NULL, NULL, UNSPIN_TYPE_REVIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unspin_review_model_init (UnspinReviewModel *self)
{
  self->items = g_ptr_array_new_with_free_func (item_slot_free);
}

UnspinReviewModel *
unspin_review_model_new (UnspinReview *review)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW (review), NULL);

  return g_object_new (UNSPIN_TYPE_REVIEW_MODEL, "review", review, NULL);
}

UnspinReview *
unspin_review_model_get_review (UnspinReviewModel *self)
{
  g_return_val_if_fail (UNSPIN_IS_REVIEW_MODEL (self), NULL);

  return self->review;
}
