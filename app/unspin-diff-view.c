/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "unspin-diff-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "unspin-diff.h"
#include "unspin-diff-view.h"

/* A pause in typing this long hands the correction to the review. */
#define CORRECTION_DELAY_MS 400
/* Menu labels quote at most this many characters of an edit. */
#define MENU_QUOTE_CHARS 40

typedef enum {
  PANE_GARBLED,
  PANE_RESTORED,
  N_PANES
} Pane;

/* How an edit's words look; each look has a plain and a focused tag in both panes. */
typedef enum {
  LOOK_PENDING,
  LOOK_REMOVED,   /* garbled words an applied edit replaces or deletes */
  LOOK_ACCEPTED,
  LOOK_EDITED,
  LOOK_REJECTED,
  N_LOOKS
} Look;

typedef struct {
  const char *name;
  const char *light;
  const char *dark;
  gboolean    strikethrough;
  gboolean    underline;   /* a faint underline instead of a background, until focused */
} LookStyle;

/* GNOME palette hues; light-style ones are darker so that their translucent backgrounds still
 * show on white, dark-style ones lighter for the same reason on dark grey. */
static const LookStyle look_styles[N_LOOKS] = {
  [LOOK_PENDING]  = { "pending",  "#e5a50a", "#f6d32d", FALSE, FALSE },
  [LOOK_REMOVED]  = { "removed",  "#e01b24", "#ff7b63", TRUE,  FALSE },
  [LOOK_ACCEPTED] = { "accepted", "#26a269", "#57e389", FALSE, FALSE },
  [LOOK_EDITED]   = { "edited",   "#3584e4", "#62a0ea", FALSE, FALSE },
  [LOOK_REJECTED] = { "rejected", "#77767b", "#9a9996", FALSE, TRUE },
};

/* Background opacity, light and dark style: low enough for the text colour to stay readable. */
static const double plain_alpha[2] = { 0.22, 0.20 };
static const double focus_alpha[2] = { 0.45, 0.40 };

typedef struct {
  char    *old_restored;
  gsize    old_len;
  char    *new_text;
  gsize    new_len;
  guint64  generation;
} Correction;

struct _UnspinDiffView
{
  GtkWidget          parent_instance;

  /* Template children */
  GtkScrolledWindow *scrollers[N_PANES];
  GtkTextView       *views[N_PANES];

  UnspinReview      *review;
  /* Each edit's place in both texts and its state, as the panes show them: kept in step with
   * the review's signals, so that a decision costs no new layout. */
  GArray            *spans;    /* UnspinSpan */
  GArray            *states;   /* UnspinReviewState */
  /* The review's restored text: the restored pane shows it, apart from typing not yet applied. */
  GString           *restored;
  gsize              restored_chars;

  GtkTextTag        *tags[N_PANES][N_LOOKS][2];
  GtkTextMark       *focus_marks[N_PANES];
  GtkWidget         *menu;
  int                focused;
  gboolean           focus_moved;   /* by a change of edits, not yet notified */
  gboolean           sync_scroll;
  gboolean           syncing;
  guint              focus_scroll_id;
  guint              focus_scroll_ticks;

  /* Typing not yet applied: the restored pane differs from @restored only after its first
   * @dirty_head and before its last @dirty_tail characters. */
  gboolean           dirty;
  gsize              dirty_head;
  gsize              dirty_tail;
  gboolean           conflict;
  guint              correction_id;
  GCancellable      *correction_cancellable;
  guint              updating;   /* our own changes to the restored pane */
  gboolean           applying;   /* the review is taking our correction */
  /* Garbled characters whose highlights are out of date. */
  gboolean           retag_pending;
  guint              tag_idle_id; /* highlights still being applied after a reload */
  guint              tag_next;
  gsize              retag_start;
  gsize              retag_end;
};

G_DEFINE_FINAL_TYPE (UnspinDiffView, unspin_diff_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVIEW,
  PROP_FOCUSED_EDIT,
  PROP_SYNC_SCROLL,
  N_PROPS
};

enum {
  CORRECTION_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
correction_free (Correction *correction)
{
  g_free (correction->old_restored);
  g_free (correction->new_text);
  g_free (correction);
}

static GtkTextBuffer *
pane_buffer (UnspinDiffView *self,
             Pane            pane)
{
  return gtk_text_view_get_buffer (self->views[pane]);
}

static UnspinSpan *
span_at (UnspinDiffView *self,
         guint           index)
{
  return &g_array_index (self->spans, UnspinSpan, index);
}

static gsize
span_start (const UnspinSpan *span,
            Pane              pane)
{
  return pane == PANE_GARBLED ? span->garbled_char_start : span->restored_char_start;
}

static gsize
span_end (const UnspinSpan *span,
          Pane              pane)
{
  return pane == PANE_GARBLED ? span->garbled_char_end : span->restored_char_end;
}

static Look
look_for (Pane              pane,
          UnspinReviewState state)
{
  switch (state)
    {
    case UNSPIN_REVIEW_ACCEPTED:
      return pane == PANE_GARBLED ? LOOK_REMOVED : LOOK_ACCEPTED;
    case UNSPIN_REVIEW_EDITED:
      return pane == PANE_GARBLED ? LOOK_REMOVED : LOOK_EDITED;
    case UNSPIN_REVIEW_REJECTED:
      return LOOK_REJECTED;
    case UNSPIN_REVIEW_PENDING:
    default:
      return LOOK_PENDING;
    }
}

/* Offsets in the restored pane and in the review's restored text differ by the typing not yet
 * applied; inside that typing there is no counterpart. */
static gsize
offset_to_pane (UnspinDiffView *self,
                Pane            pane,
                gsize           offset)
{
  gsize pane_chars;

  if (pane == PANE_GARBLED || !self->dirty || offset <= self->dirty_head)
    return offset;
  pane_chars = gtk_text_buffer_get_char_count (pane_buffer (self, pane));
  if (offset >= self->restored_chars - self->dirty_tail)
    return pane_chars - (self->restored_chars - offset);
  return self->dirty_head;
}

static gboolean
offset_from_pane (UnspinDiffView *self,
                  Pane            pane,
                  gsize           pane_offset,
                  gsize          *offset)
{
  gsize pane_chars;

  *offset = pane_offset;
  if (pane == PANE_GARBLED || !self->dirty || pane_offset <= self->dirty_head)
    return TRUE;
  pane_chars = gtk_text_buffer_get_char_count (pane_buffer (self, pane));
  if (pane_offset >= pane_chars - self->dirty_tail)
    {
      *offset = self->restored_chars - (pane_chars - pane_offset);
      return TRUE;
    }
  return FALSE;
}

/* The pane's range for [*start, *end); FALSE when it meets typing not yet applied. */
static gboolean
range_to_pane (UnspinDiffView *self,
               Pane            pane,
               gsize          *start,
               gsize          *end)
{
  if (pane == PANE_GARBLED || !self->dirty || *end <= self->dirty_head)
    return TRUE;
  if (*start < self->restored_chars - self->dirty_tail)
    return FALSE;
  *start = offset_to_pane (self, pane, *start);
  *end = offset_to_pane (self, pane, *end);
  return TRUE;
}

static void
get_iter (UnspinDiffView *self,
          Pane            pane,
          GtkTextIter    *iter,
          gsize           pane_offset)
{
  GtkTextBuffer *buffer = pane_buffer (self, pane);

  gtk_text_buffer_get_iter_at_offset (buffer, iter,
                                      (int) MIN (pane_offset, (gsize) gtk_text_buffer_get_char_count (buffer)));
}

/* The edit whose words are at @offset of @pane (review offsets), or -1. */
static int
edit_at (UnspinDiffView *self,
         Pane            pane,
         gsize           offset)
{
  guint lo = 0, hi = self->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (span_start (span_at (self, mid), pane) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && offset < span_end (span_at (self, lo - 1), pane))
    return (int) lo - 1;
  return -1;
}

/* Highlights */

/* Line breaks stay untagged: GtkTextLayout reuses the style a line ended with for the start of
 * the next line it lays out, even when that line is not the next one (as when scrolling to a
 * mark), so a tagged line break would spread its highlight into an unrelated paragraph. */
static void
apply_tag_by_line (GtkTextBuffer     *buffer,
                   GtkTextTag        *tag,
                   const GtkTextIter *start,
                   const GtkTextIter *end)
{
  GtkTextIter a = *start;

  while (gtk_text_iter_compare (&a, end) < 0)
    {
      GtkTextIter b = a;

      if (!gtk_text_iter_ends_line (&b))
        gtk_text_iter_forward_to_line_end (&b);
      if (gtk_text_iter_compare (&b, end) > 0)
        b = *end;
      if (gtk_text_iter_compare (&a, &b) < 0)
        gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
      if (!gtk_text_iter_forward_line (&a))
        break;
    }
}

static void
tag_edit (UnspinDiffView *self,
          Pane            pane,
          guint           index)
{
  const UnspinSpan *span = span_at (self, index);
  gsize start = span_start (span, pane), end = span_end (span, pane);
  GtkTextBuffer *buffer = pane_buffer (self, pane);
  Look look = look_for (pane, g_array_index (self->states, UnspinReviewState, index));
  GtkTextIter a, b;

  /* Zero-width spans (an insertion on the left, an applied deletion on the right) show nothing. */
  if (start == end || !range_to_pane (self, pane, &start, &end))
    return;
  get_iter (self, pane, &a, start);
  get_iter (self, pane, &b, end);
  apply_tag_by_line (buffer, self->tags[pane][look][FALSE], &a, &b);
  if ((int) index == self->focused)
    apply_tag_by_line (buffer, self->tags[pane][look][TRUE], &a, &b);
}

/* Redoes the highlights of @pane over [start, end] (review offsets), widened to whole edits. */
static void
retag (UnspinDiffView *self,
       Pane            pane,
       gsize           start,
       gsize           end)
{
  GtkTextIter a, b;
  guint first, last, lo = 0, hi = self->spans->len;
  gsize from = start, to = end;

  /* The first edit ending at or after @start: ends are sorted as starts are. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (span_end (span_at (self, mid), pane) < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  for (last = first; last < self->spans->len && span_start (span_at (self, last), pane) <= end; last++)
    {
      from = MIN (from, span_start (span_at (self, last), pane));
      to = MAX (to, span_end (span_at (self, last), pane));
    }

  get_iter (self, pane, &a, offset_to_pane (self, pane, from));
  get_iter (self, pane, &b, offset_to_pane (self, pane, to));
  gtk_text_buffer_remove_all_tags (pane_buffer (self, pane), &a, &b);
  for (guint i = first; i < last; i++)
    tag_edit (self, pane, i);
}

/* How many edits one idle run highlights: about 10 ms of work. */
#define TAG_BATCH 1500

static gboolean
tag_more (gpointer user_data)
{
  UnspinDiffView *self = user_data;
  guint end = MIN (self->tag_next + TAG_BATCH, self->spans->len);

  for (guint i = self->tag_next; i < end; i++)
    for (guint pane = 0; pane < N_PANES; pane++)
      tag_edit (self, pane, i);
  self->tag_next = end;
  if (end < self->spans->len)
    return G_SOURCE_CONTINUE;
  self->tag_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
retag_edit (UnspinDiffView *self,
            guint           index)
{
  const UnspinSpan *span = span_at (self, index);

  retag (self, PANE_GARBLED, span->garbled_char_start, span->garbled_char_end);
  retag (self, PANE_RESTORED, span->restored_char_start, span->restored_char_end);
}

static void
queue_retag (UnspinDiffView *self,
             gsize           garbled_start,
             gsize           garbled_end)
{
  if (!self->retag_pending)
    {
      self->retag_pending = TRUE;
      self->retag_start = garbled_start;
      self->retag_end = garbled_end;
      return;
    }
  self->retag_start = MIN (self->retag_start, garbled_start);
  self->retag_end = MAX (self->retag_end, garbled_end);
}

static void
flush_retag (UnspinDiffView *self)
{
  if (!self->retag_pending)
    return;
  self->retag_pending = FALSE;
  retag (self, PANE_GARBLED, self->retag_start, self->retag_end);
  retag (self, PANE_RESTORED,
         unspin_spans_map_offset (self->spans, self->retag_start, TRUE),
         unspin_spans_map_offset (self->spans, self->retag_end, TRUE));
}

static void
update_colours (UnspinDiffView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint pane = 0; pane < N_PANES; pane++)
    for (guint look = 0; look < N_LOOKS; look++)
      for (guint focused = 0; focused < 2; focused++)
        {
          const LookStyle *style = &look_styles[look];
          GtkTextTag *tag = self->tags[pane][look][focused];
          GdkRGBA colour, background;

          gdk_rgba_parse (&colour, dark ? style->dark : style->light);
          background = colour;
          background.alpha = focused ? focus_alpha[dark] : plain_alpha[dark];

          if (style->strikethrough && !focused)
            g_object_set (tag, "strikethrough", TRUE, "strikethrough-rgba", &colour, NULL);
          if (focused)
            g_object_set (tag,
                          "background-rgba", &background,
                          "underline", PANGO_UNDERLINE_SINGLE,
                          "underline-rgba", &colour,
                          NULL);
          else if (style->underline)
            {
              colour.alpha = 0.6;
              g_object_set (tag, "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &colour, NULL);
            }
          else
            g_object_set (tag, "background-rgba", &background, NULL);
        }
}

/* Scrolling */

static gboolean
focus_scroll_tick (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (widget);

  /* Text views scroll to a mark when they next allocate: only after that frame may the panes
   * follow each other again. */
  if (++self->focus_scroll_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->focus_scroll_id = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_edit (UnspinDiffView *self,
                guint           index,
                int             except_pane)
{
  const UnspinSpan *span = span_at (self, index);

  for (guint pane = 0; pane < N_PANES; pane++)
    {
      GtkTextBuffer *buffer = pane_buffer (self, pane);
      GtkTextIter iter;

      if ((int) pane == except_pane)
        continue;
      get_iter (self, pane, &iter, offset_to_pane (self, pane, span_start (span, pane)));
      if (self->focus_marks[pane] == NULL)
        self->focus_marks[pane] = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, self->focus_marks[pane], &iter);
      gtk_text_view_scroll_to_mark (self->views[pane], self->focus_marks[pane], 0.2, FALSE, 0, 0);
    }

  self->focus_scroll_ticks = 0;
  if (self->focus_scroll_id == 0)
    self->focus_scroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_scroll_tick, NULL, NULL);
}

/* Puts the paragraph at the top of @from's view at the same height in the other pane. */
static void
sync_from (UnspinDiffView *self,
           Pane            from)
{
  Pane to = from == PANE_GARBLED ? PANE_RESTORED : PANE_GARBLED;
  GtkAdjustment *from_adj = gtk_scrolled_window_get_vadjustment (self->scrollers[from]);
  GtkAdjustment *to_adj = gtk_scrolled_window_get_vadjustment (self->scrollers[to]);
  GdkRectangle rect;
  GtkTextIter iter;
  int line_top, y, height, above;
  double fraction, value;
  gsize offset;

  if (gtk_adjustment_get_value (from_adj) + gtk_adjustment_get_page_size (from_adj)
      >= gtk_adjustment_get_upper (from_adj) - 1)
    value = gtk_adjustment_get_upper (to_adj) - gtk_adjustment_get_page_size (to_adj);
  else
    {
      gtk_text_view_get_visible_rect (self->views[from], &rect);
      gtk_text_view_get_line_at_y (self->views[from], &iter, rect.y, &line_top);
      gtk_text_view_get_line_yrange (self->views[from], &iter, &y, &height);
      /* Above the first paragraph (the top margin) in pixels, inside a paragraph in proportion. */
      above = MIN (rect.y - y, 0);
      fraction = height > 0 ? CLAMP ((double) (rect.y - y) / height, 0.0, 1.0) : 0.0;

      if (!offset_from_pane (self, from, gtk_text_iter_get_offset (&iter), &offset))
        offset = self->dirty_head;
      offset = unspin_spans_map_offset (self->spans, offset, from == PANE_GARBLED);
      get_iter (self, to, &iter, offset_to_pane (self, to, offset));
      gtk_text_iter_set_line_offset (&iter, 0);
      gtk_text_view_get_line_yrange (self->views[to], &iter, &y, &height);
      gtk_text_view_get_visible_rect (self->views[to], &rect);
      /* Adjustment values and buffer coordinates differ by the top margin. */
      value = gtk_adjustment_get_value (to_adj) - rect.y + y + above + fraction * height;
    }

  self->syncing = TRUE;
  gtk_adjustment_set_value (to_adj, value);
  self->syncing = FALSE;
}

static void
on_scrolled (UnspinDiffView *self,
             GtkAdjustment  *adjustment)
{
  if (!self->sync_scroll || self->syncing || self->focus_scroll_id != 0 || self->review == NULL)
    return;
  sync_from (self,
             adjustment == gtk_scrolled_window_get_vadjustment (self->scrollers[PANE_GARBLED])
             ? PANE_GARBLED : PANE_RESTORED);
}

/* Focus */

static void
focus_edit (UnspinDiffView *self,
            int             index,
            int             except_pane)
{
  int old = self->focused;

  if (self->review == NULL || index < -1 || index >= (int) self->spans->len)
    index = -1;
  if (index == old)
    return;

  self->focused = index;
  if (old >= 0)
    retag_edit (self, old);
  if (index >= 0)
    {
      retag_edit (self, index);
      scroll_to_edit (self, index, except_pane);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUSED_EDIT]);
}

/* The edit menu */

/* @text for a menu label: shortened, on one line, its underscores not mnemonics. */
static char *
menu_quote (const char *text)
{
  GString *out = g_string_new (NULL);
  glong n_chars = g_utf8_strlen (text, -1);
  const char *end = g_utf8_offset_to_pointer (text, MIN (n_chars, MENU_QUOTE_CHARS));

  for (const char *p = text; p < end; p++)
    {
      if (*p == '_')
        g_string_append (out, "__");
      else if (g_ascii_isspace (*p))
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  if (n_chars > MENU_QUOTE_CHARS)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
has_words (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

static GMenuModel *
edit_menu_new (UnspinDiffView *self,
               guint           index)
{
  UnspinEdit *edit = unspin_review_get_edit (self->review, index);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) decisions = g_menu_new ();
  g_autoptr(GMenuItem) accept = NULL;
  g_autoptr(GMenuItem) reject = NULL;
  g_autofree char *label = NULL;

  if (has_words (edit->proposal))
    {
      g_autofree char *quote = menu_quote (edit->proposal);

      /* Translators: accepts the edit; %s is the restored words */
      label = g_strdup_printf (_("_Accept “%s”"), quote);
    }
  else
    label = g_strdup (*edit->proposal == '\0' ? _("_Accept Deletion") : _("_Accept"));
  accept = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (accept, "win.accept-edit", g_variant_new_uint32 (index));
  g_menu_append_item (decisions, accept);
  reject = g_menu_item_new (_("_Reject"), NULL);
  g_menu_item_set_action_and_target_value (reject, "win.reject-edit", g_variant_new_uint32 (index));
  g_menu_append_item (decisions, reject);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (decisions));

  if (edit->alternatives != NULL && edit->alternatives[0] != NULL)
    {
      g_autoptr(GMenu) alternatives = g_menu_new ();

      for (guint i = 0; edit->alternatives[i] != NULL; i++)
        {
          g_autofree char *quote = menu_quote (edit->alternatives[i]);
          g_autoptr(GMenuItem) item = g_menu_item_new (quote, NULL);

          g_menu_item_set_action_and_target_value (item, "win.choose-alternative",
                                                   g_variant_new ("(uu)", index, i));
          g_menu_append_item (alternatives, item);
        }
      g_menu_append_section (menu, _("Alternatives"), G_MENU_MODEL (alternatives));
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* @pointing_to is in @pane's text view coordinates. */
static void
popup_edit_menu (UnspinDiffView     *self,
                 Pane                pane,
                 guint               index,
                 const GdkRectangle *pointing_to)
{
  g_autoptr(GMenuModel) model = edit_menu_new (self, index);
  graphene_rect_t bounds;
  GdkRectangle rect = *pointing_to;

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->views[pane]), GTK_WIDGET (self), &bounds))
    {
      rect.x += (int) bounds.origin.x;
      rect.y += (int) bounds.origin.y;
    }
  if (self->menu == NULL)
    {
      /* Ours rather than a text view's child: text views present only their own popovers. */
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* "diff-view.edit-menu": the menu of the edit at the cursor of the focused pane, or the text
 * view's own menu where there is none. */
static void
edit_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (widget);

  for (guint pane = 0; pane < N_PANES; pane++)
    {
      GtkTextView *view = self->views[pane];
      GtkTextBuffer *buffer = pane_buffer (self, pane);
      GtkTextIter iter;
      GdkRectangle rect;
      gsize offset;
      int index = -1;

      if (!gtk_widget_is_focus (GTK_WIDGET (view)))
        continue;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      if (self->review != NULL && offset_from_pane (self, pane, gtk_text_iter_get_offset (&iter), &offset))
        {
          index = edit_at (self, pane, offset);
          /* Just after the words counts too. */
          if (index < 0 && offset > 0)
            index = edit_at (self, pane, offset - 1);
        }
      if (index < 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (view), "menu.popup", NULL);
          return;
        }

      gtk_text_view_get_iter_location (view, &iter, &rect);
      gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
      rect.width = 1;
      focus_edit (self, index, pane);
      popup_edit_menu (self, pane, index, &rect);
      return;
    }
}

static void
on_pressed (UnspinDiffView  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  GtkGesture *g = GTK_GESTURE (gesture);
  GtkTextView *view = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  Pane pane = view == self->views[PANE_GARBLED] ? PANE_GARBLED : PANE_RESTORED;
  GdkEvent *event = gtk_gesture_get_last_event (g, gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (g)));
  GtkTextIter iter;
  gsize offset;
  int bx, by, index;

  if (self->review == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by)
      || !offset_from_pane (self, pane, gtk_text_iter_get_offset (&iter), &offset)
      || (index = edit_at (self, pane, offset)) < 0)
    return;

  if (event != NULL && gdk_event_triggers_context_menu (event))
    {
      GdkRectangle rect = { (int) x, (int) y, 1, 1 };

      /* Ours, not the text view's own context menu. */
      gtk_gesture_set_state (g, GTK_EVENT_SEQUENCE_CLAIMED);
      focus_edit (self, index, pane);
      popup_edit_menu (self, pane, index, &rect);
    }
  else if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (g)) == GDK_BUTTON_PRIMARY)
    /* The clicked pane stays put under the pointer; the other one shows the edit. */
    focus_edit (self, index, pane);
}

/* Keeping the restored pane in step with the review */

static void
stop_correction (UnspinDiffView *self)
{
  g_clear_handle_id (&self->correction_id, g_source_remove);
  if (self->correction_cancellable != NULL)
    {
      g_cancellable_cancel (self->correction_cancellable);
      g_clear_object (&self->correction_cancellable);
    }
}

static gboolean correction_timeout (gpointer user_data);

static void
schedule_correction (UnspinDiffView *self)
{
  stop_correction (self);
  self->correction_id = g_timeout_add (CORRECTION_DELAY_MS, correction_timeout, self);
}

/* Replaces pane characters [start, end) of the restored pane, not as typing. */
static void
replace_range (UnspinDiffView *self,
               gsize           start,
               gsize           end,
               const char     *text,
               gsize           len)
{
  GtkTextBuffer *buffer = pane_buffer (self, PANE_RESTORED);
  GtkTextIter a, b;

  self->updating++;
  get_iter (self, PANE_RESTORED, &a, start);
  get_iter (self, PANE_RESTORED, &b, end);
  gtk_text_buffer_delete (buffer, &a, &b);
  gtk_text_buffer_insert (buffer, &a, text, (int) len);
  self->updating--;
}

/* Puts the review's text back over the typing not yet applied; the cursor keeps its offset. */
static void
revert_typing (UnspinDiffView *self)
{
  GtkTextBuffer *buffer = pane_buffer (self, PANE_RESTORED);
  gsize pane_chars = gtk_text_buffer_get_char_count (buffer);
  gsize end_chars = self->restored_chars - self->dirty_tail;
  const char *from, *to;
  GtkTextIter iter;
  int cursor;

  stop_correction (self);
  if (!self->dirty)
    return;

  from = g_utf8_offset_to_pointer (self->restored->str, (glong) self->dirty_head);
  to = g_utf8_offset_to_pointer (from, (glong) (end_chars - self->dirty_head));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  cursor = gtk_text_iter_get_offset (&iter);
  replace_range (self, self->dirty_head, pane_chars - self->dirty_tail, from, to - from);
  self->dirty = FALSE;
  get_iter (self, PANE_RESTORED, &iter, cursor);
  gtk_text_buffer_place_cursor (buffer, &iter);
  retag (self, PANE_RESTORED, self->dirty_head, end_chars);
}

/* The review's restored text changed [start, end) (characters, before the change) into @text;
 * the restored pane follows, around any typing not yet applied. */
static void
follow_review_change (UnspinDiffView *self,
                      gsize           start,
                      gsize           end,
                      const char     *text,
                      gsize           len,
                      gsize           n_chars)
{
  gsize pane_chars;

  if (self->applying)
    return;
  if (!self->dirty)
    {
      replace_range (self, start, end, text, len);
      return;
    }

  if (!self->conflict && end <= self->dirty_head)
    {
      replace_range (self, start, end, text, len);
      self->dirty_head = self->dirty_head - (end - start) + n_chars;
    }
  else if (!self->conflict && start >= self->restored_chars - self->dirty_tail)
    {
      pane_chars = gtk_text_buffer_get_char_count (pane_buffer (self, PANE_RESTORED));
      replace_range (self, pane_chars - (self->restored_chars - start),
                     pane_chars - (self->restored_chars - end), text, len);
      self->dirty_tail = self->dirty_tail - (end - start) + n_chars;
    }
  else
    {
      /* A decision about the words being typed over: it is newer than the typing, so it wins
       * (review_changed() puts the review's text back over the whole stretch). */
      self->dirty_head = MIN (self->dirty_head, start);
      self->dirty_tail = MIN (self->dirty_tail, self->restored_chars - end);
      self->conflict = TRUE;
    }
}

/* After each change of the review. */
static void
review_changed (UnspinDiffView *self)
{
  if (self->applying)
    return;
  if (self->conflict)
    {
      self->conflict = FALSE;
      revert_typing (self);
      g_signal_emit (self, signals[CORRECTION_FAILED], 0,
                     _("Your typing was undone: a decision changed the same words"));
    }
  flush_retag (self);
  /* Typing elsewhere survives, but any comparison running is against an older review. */
  if (self->dirty)
    schedule_correction (self);
}

static void
on_state_changed (UnspinDiffView *self,
                  guint           index,
                  UnspinReview   *review)
{
  UnspinReviewState state = unspin_review_get_state (review, index);
  UnspinEdit *edit = unspin_review_get_edit (review, index);
  UnspinSpan *span;
  const char *text;
  gsize len, old_len;

  g_return_if_fail (index < self->spans->len);

  span = span_at (self, index);
  text = state == UNSPIN_REVIEW_ACCEPTED || state == UNSPIN_REVIEW_EDITED
         ? unspin_review_get_replacement (review, index) : edit->garbled;
  len = strlen (text);
  old_len = span->restored_end - span->restored_start;

  if (len != old_len || memcmp (self->restored->str + span->restored_start, text, len) != 0)
    {
      gsize n_chars = g_utf8_strlen (text, (gssize) len);
      gsize old_chars = span->restored_char_end - span->restored_char_start;

      follow_review_change (self, span->restored_char_start, span->restored_char_end, text, len, n_chars);
      g_string_erase (self->restored, (gssize) span->restored_start, (gssize) old_len);
      g_string_insert_len (self->restored, (gssize) span->restored_start, text, (gssize) len);
      self->restored_chars = self->restored_chars - old_chars + n_chars;
      span->restored_end = span->restored_start + len;
      span->restored_char_end = span->restored_char_start + n_chars;
      /* Unsigned arithmetic wraps back into range. */
      for (guint i = index + 1; i < self->spans->len; i++)
        {
          UnspinSpan *later = span_at (self, i);

          later->restored_start = later->restored_start - old_len + len;
          later->restored_end = later->restored_end - old_len + len;
          later->restored_char_start = later->restored_char_start - old_chars + n_chars;
          later->restored_char_end = later->restored_char_end - old_chars + n_chars;
        }
    }

  g_array_index (self->states, UnspinReviewState, index) = state;
  queue_retag (self, span->garbled_char_start, span->garbled_char_end);
  review_changed (self);
}

static gboolean
is_continuation (char c)
{
  return ((guchar) c & 0xC0) == 0x80;
}

static void
on_edits_changed (UnspinDiffView *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  UnspinReview   *review)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree char *text = NULL;
  const char *old = self->restored->str;
  gsize len, old_len = self->restored->len, head = 0, tail = 0;
  gsize start, end, n_chars;
  gsize garbled_start = G_MAXSIZE, garbled_end = 0;

  /* Manual edits come and go one at a time: a new layout is cheap enough. */
  text = unspin_review_get_restored_layout (review, &len, &spans);

  for (guint i = position; i < position + removed && i < self->spans->len; i++)
    {
      garbled_start = MIN (garbled_start, span_at (self, i)->garbled_char_start);
      garbled_end = MAX (garbled_end, span_at (self, i)->garbled_char_end);
    }
  for (guint i = position; i < position + added && i < spans->len; i++)
    {
      garbled_start = MIN (garbled_start, g_array_index (spans, UnspinSpan, i).garbled_char_start);
      garbled_end = MAX (garbled_end, g_array_index (spans, UnspinSpan, i).garbled_char_end);
    }

  /* The stretch of restored text that changed, on character boundaries. */
  while (head < MIN (len, old_len) && old[head] == text[head])
    head++;
  while (head > 0 && head < len && is_continuation (text[head]))
    head--;
  while (tail < MIN (len, old_len) - head && old[old_len - 1 - tail] == text[len - 1 - tail])
    tail++;
  while (tail > 0 && is_continuation (text[len - tail]))
    tail--;

  start = g_utf8_strlen (old, (gssize) head);
  end = start + g_utf8_strlen (old + head, (gssize) (old_len - tail - head));
  n_chars = g_utf8_strlen (text + head, (gssize) (len - tail - head));
  if (head + tail < MAX (len, old_len))
    follow_review_change (self, start, end, text + head, len - tail - head, n_chars);

  g_string_truncate (self->restored, 0);
  g_string_append_len (self->restored, text, (gssize) len);
  self->restored_chars = self->restored_chars - (end - start) + n_chars;
  g_clear_pointer (&self->spans, g_array_unref);
  self->spans = g_steal_pointer (&spans);
  g_array_set_size (self->states, self->spans->len);
  for (guint i = 0; i < self->spans->len; i++)
    g_array_index (self->states, UnspinReviewState, i) = unspin_review_get_state (review, i);

  /* The focus stays on the same edit; see on_edits_changed_after() for the notification. */
  if (self->focused >= (int) position)
    {
      int focused = self->focused >= (int) (position + removed)
                    ? self->focused + (int) added - (int) removed : -1;

      self->focus_moved |= focused != self->focused;
      self->focused = focused;
    }

  if (garbled_start <= garbled_end)
    queue_retag (self, garbled_start, garbled_end);
  review_changed (self);
}

/* Others following the review (an edit list) move their indices in their own handlers: told
 * earlier, they would take this index for one in their old numbering. */
static void
on_edits_changed_after (UnspinDiffView *self)
{
  if (!self->focus_moved)
    return;
  self->focus_moved = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUSED_EDIT]);
}

/* Typing in the restored pane */

static void
compare_correction (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Correction *correction = task_data;
  GArray *hunks;

  if (g_task_return_error_if_cancelled (task))
    return;
  hunks = unspin_diff_words (correction->old_restored, correction->old_len,
                             correction->new_text, correction->new_len);
  g_task_return_pointer (task, hunks, (GDestroyNotify) g_array_unref);
}

static void
on_correction_compared (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (source_object);
  GTask *task = G_TASK (result);
  Correction *correction = g_task_get_task_data (task);
  g_autoptr(GArray) hunks = NULL;
  g_autoptr(GError) error = NULL;
  gboolean applied;

  /* Whoever cancelled it (newer typing, a decision, dispose) took over. */
  if (g_task_get_cancellable (task) != self->correction_cancellable)
    return;
  hunks = g_task_propagate_pointer (task, NULL);
  g_clear_object (&self->correction_cancellable);
  if (hunks == NULL || self->review == NULL)
    return;

  if (correction->generation != unspin_review_get_generation (self->review))
    {
      schedule_correction (self);
      return;
    }

  self->applying = TRUE;
  applied = unspin_review_apply_restored_change (self->review, correction->generation,
                                                 correction->old_restored, correction->new_text,
                                                 hunks, NULL, &error);
  self->applying = FALSE;

  if (applied)
    {
      /* The pane already shows what the review now has: nothing to copy, the cursor stays. */
      self->dirty = FALSE;
      if (self->restored->len != correction->new_len
          || memcmp (self->restored->str, correction->new_text, correction->new_len) != 0)
        g_critical ("The review's restored text is not the corrected text");
      flush_retag (self);
    }
  else
    {
      flush_retag (self);
      revert_typing (self);
      g_signal_emit (self, signals[CORRECTION_FAILED], 0, error->message);
    }
}

static gboolean
correction_timeout (gpointer user_data)
{
  UnspinDiffView *self = user_data;
  GtkTextBuffer *buffer = pane_buffer (self, PANE_RESTORED);
  g_autoptr(GTask) task = NULL;
  Correction *correction;
  GtkTextIter start, end;

  self->correction_id = 0;
  if (self->review == NULL || !self->dirty)
    return G_SOURCE_REMOVE;

  correction = g_new0 (Correction, 1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  correction->new_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  correction->new_len = strlen (correction->new_text);
  if (correction->new_len == self->restored->len
      && memcmp (correction->new_text, self->restored->str, self->restored->len) == 0)
    {
      /* Typed and taken back. */
      self->dirty = FALSE;
      retag (self, PANE_RESTORED, self->dirty_head, self->restored_chars - self->dirty_tail);
      correction_free (correction);
      return G_SOURCE_REMOVE;
    }
  correction->old_restored = g_strndup (self->restored->str, self->restored->len);
  correction->old_len = self->restored->len;
  correction->generation = unspin_review_get_generation (self->review);

  self->correction_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->correction_cancellable, on_correction_compared, NULL);
  g_task_set_source_tag (task, correction_timeout);
  g_task_set_task_data (task, correction, (GDestroyNotify) correction_free);
  g_task_run_in_thread (task, compare_correction);
  return G_SOURCE_REMOVE;
}

static void
note_typing (UnspinDiffView *self,
             gsize           start,
             gsize           end)
{
  gsize pane_chars = gtk_text_buffer_get_char_count (pane_buffer (self, PANE_RESTORED));

  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->dirty_head = pane_chars;
      self->dirty_tail = pane_chars;
    }
  self->dirty_head = MIN (self->dirty_head, start);
  self->dirty_tail = MIN (self->dirty_tail, pane_chars - end);
  schedule_correction (self);
}

/* Both run before the buffer changes, so offsets and the length are those before the change. */
static void
on_insert_text (UnspinDiffView *self,
                GtkTextIter    *location,
                const char     *text,
                int             len,
                GtkTextBuffer  *buffer)
{
  gsize at = gtk_text_iter_get_offset (location);

  if (self->updating == 0 && self->review != NULL)
    note_typing (self, at, at);
}

static void
on_delete_range (UnspinDiffView *self,
                 GtkTextIter    *start,
                 GtkTextIter    *end,
                 GtkTextBuffer  *buffer)
{
  gsize a = gtk_text_iter_get_offset (start), b = gtk_text_iter_get_offset (end);

  if (self->updating == 0 && self->review != NULL)
    note_typing (self, MIN (a, b), MAX (a, b));
}

/* Ctrl+Z first takes back typing not yet applied; after that it is the window's (the review's)
 * undo, which covers applied corrections too. */
static gboolean
on_undo_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  UnspinDiffView *self = user_data;

  if (!self->dirty)
    return FALSE;
  revert_typing (self);
  return TRUE;
}

/* The review */

static void
reload (UnspinDiffView *self)
{
  GtkTextBuffer *garbled = pane_buffer (self, PANE_GARBLED);
  GtkTextBuffer *restored = pane_buffer (self, PANE_RESTORED);
  GtkTextIter start;

  stop_correction (self);
  self->dirty = FALSE;
  self->conflict = FALSE;
  self->retag_pending = FALSE;
  g_clear_pointer (&self->spans, g_array_unref);
  g_string_truncate (self->restored, 0);

  self->updating++;
  if (self->review != NULL)
    {
      gsize len;
      const char *data = unspin_text_get_data (unspin_review_get_text (self->review), &len);
      g_autofree char *text = NULL;

      gtk_text_buffer_set_text (garbled, data, (int) len);
      text = unspin_review_get_restored_layout (self->review, &len, &self->spans);
      gtk_text_buffer_set_text (restored, text, (int) len);
      g_string_append_len (self->restored, text, (gssize) len);
    }
  else
    {
      gtk_text_buffer_set_text (garbled, "", 0);
      gtk_text_buffer_set_text (restored, "", 0);
      self->spans = g_array_new (FALSE, FALSE, sizeof (UnspinSpan));
    }
  self->updating--;

  self->restored_chars = gtk_text_buffer_get_char_count (restored);
  g_array_set_size (self->states, self->spans->len);
  for (guint i = 0; i < self->spans->len; i++)
    g_array_index (self->states, UnspinReviewState, i) = unspin_review_get_state (self->review, i);

  for (guint pane = 0; pane < N_PANES; pane++)
    {
      gtk_text_buffer_get_start_iter (pane_buffer (self, pane), &start);
      gtk_text_buffer_place_cursor (pane_buffer (self, pane), &start);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrollers[pane]), 0);
    }

  /* Fresh buffers carry no tags. The first edits are highlighted at once, the rest in batches
   * when the main loop is idle, so that a long article never stalls the window. */
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  self->tag_next = 0;
  if (tag_more (self) == G_SOURCE_CONTINUE)
    self->tag_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, tag_more, self, NULL);
  gtk_text_view_set_editable (self->views[PANE_RESTORED], self->review != NULL);
}

UnspinReview *
unspin_diff_view_get_review (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), NULL);

  return self->review;
}

void
unspin_diff_view_set_review (UnspinDiffView *self,
                             UnspinReview   *review)
{
  gboolean had_focus;

  g_return_if_fail (UNSPIN_IS_DIFF_VIEW (self));
  g_return_if_fail (review == NULL || UNSPIN_IS_REVIEW (review));

  if (self->review == review)
    return;

  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_set_object (&self->review, review);
  if (review != NULL)
    {
      g_signal_connect_swapped (review, "state-changed", G_CALLBACK (on_state_changed), self);
      g_signal_connect_swapped (review, "edits-changed", G_CALLBACK (on_edits_changed), self);
      g_signal_connect_data (review, "edits-changed", G_CALLBACK (on_edits_changed_after), self,
                             NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }

  had_focus = self->focused != -1;
  self->focused = -1;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW]);
  if (had_focus)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUSED_EDIT]);
}

int
unspin_diff_view_get_focused_edit (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), -1);

  return self->focused;
}

void
unspin_diff_view_set_focused_edit (UnspinDiffView *self,
                                   int             index)
{
  g_return_if_fail (UNSPIN_IS_DIFF_VIEW (self));

  focus_edit (self, index, -1);
}

gboolean
unspin_diff_view_get_sync_scroll (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), FALSE);

  return self->sync_scroll;
}

void
unspin_diff_view_set_sync_scroll (UnspinDiffView *self,
                                  gboolean        sync_scroll)
{
  g_return_if_fail (UNSPIN_IS_DIFF_VIEW (self));

  sync_scroll = !!sync_scroll;
  if (self->sync_scroll == sync_scroll)
    return;
  self->sync_scroll = sync_scroll;
  if (sync_scroll && self->review != NULL)
    sync_from (self, PANE_GARBLED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_SCROLL]);
}

GtkTextBuffer *
unspin_diff_view_get_garbled_buffer (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), NULL);

  return pane_buffer (self, PANE_GARBLED);
}

GtkTextBuffer *
unspin_diff_view_get_restored_buffer (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), NULL);

  return pane_buffer (self, PANE_RESTORED);
}

gboolean
unspin_diff_view_get_correction_pending (UnspinDiffView *self)
{
  g_return_val_if_fail (UNSPIN_IS_DIFF_VIEW (self), FALSE);

  return self->dirty;
}

GtkWidget *
unspin_diff_view_new (void)
{
  return g_object_new (UNSPIN_TYPE_DIFF_VIEW, NULL);
}

/* The document font */

static GtkCssProvider *document_font_css;

static void
update_document_font (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "document-font-name");
  PangoFontDescription *font = pango_font_description_from_string (name);
  PangoFontMask set = pango_font_description_get_set_fields (font);
  g_autoptr(GString) css = g_string_new ("diffview textview.document {");

  if (set & PANGO_FONT_MASK_FAMILY)
    {
      g_autoptr(GString) family = g_string_new (pango_font_description_get_family (font));

      g_string_replace (family, "\\", "\\\\", 0);
      g_string_replace (family, "\"", "\\\"", 0);
      g_string_append_printf (css, " font-family: \"%s\";", family->str);
    }
  if (set & PANGO_FONT_MASK_SIZE)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (size, sizeof size, (double) pango_font_description_get_size (font) / PANGO_SCALE);
      g_string_append_printf (css, " font-size: %s%s;", size,
                              pango_font_description_get_size_is_absolute (font) ? "px" : "pt");
    }
  if (set & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, " font-weight: %d;", (int) pango_font_description_get_weight (font));
  if (set & PANGO_FONT_MASK_STYLE)
    g_string_append_printf (css, " font-style: %s;",
                            pango_font_description_get_style (font) == PANGO_STYLE_ITALIC ? "italic"
                            : pango_font_description_get_style (font) == PANGO_STYLE_OBLIQUE ? "oblique"
                            : "normal");
  g_string_append (css, " }");
  pango_font_description_free (font);

  gtk_css_provider_load_from_data (document_font_css, css->str, -1);
}

/* GTK has no document font of its own: GNOME's setting, where there is one, as a style. */
static void
follow_document_font (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;
  GdkDisplay *display = gdk_display_get_default ();

  if (source == NULL || display == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "document-font-name"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);   /* lives as long as the process */
  document_font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (document_font_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect (settings, "changed::document-font-name", G_CALLBACK (update_document_font), NULL);
  update_document_font (settings);
}

/* GObject */

static void
unspin_diff_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (widget);

  GTK_WIDGET_CLASS (unspin_diff_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
unspin_diff_view_dispose (GObject *object)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  stop_correction (self);
  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_clear_object (&self->review);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->focus_scroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_scroll_id);
      self->focus_scroll_id = 0;
    }

  for (guint pane = 0; pane < N_PANES; pane++)
    {
      if (self->views[pane] == NULL)
        continue;
      g_signal_handlers_disconnect_by_data (pane_buffer (self, pane), self);
      g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scrollers[pane]), self);
    }
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), UNSPIN_TYPE_DIFF_VIEW);
  /* The pane boxes are not bound to fields, so disposing the template leaves them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unspin_diff_view_parent_class)->dispose (object);
}

static void
unspin_diff_view_finalize (GObject *object)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (object);

  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->states, g_array_unref);
  g_string_free (self->restored, TRUE);

  G_OBJECT_CLASS (unspin_diff_view_parent_class)->finalize (object);
}

static void
unspin_diff_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      g_value_set_object (value, self->review);
      break;
    case PROP_FOCUSED_EDIT:
      g_value_set_int (value, self->focused);
      break;
    case PROP_SYNC_SCROLL:
      g_value_set_boolean (value, self->sync_scroll);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_diff_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UnspinDiffView *self = UNSPIN_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_REVIEW:
      unspin_diff_view_set_review (self, g_value_get_object (value));
      break;
    case PROP_FOCUSED_EDIT:
      unspin_diff_view_set_focused_edit (self, g_value_get_int (value));
      break;
    case PROP_SYNC_SCROLL:
      unspin_diff_view_set_sync_scroll (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unspin_diff_view_class_init (UnspinDiffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unspin_diff_view_dispose;
  object_class->finalize = unspin_diff_view_finalize;
  object_class->get_property = unspin_diff_view_get_property;
  object_class->set_property = unspin_diff_view_set_property;
  widget_class->size_allocate = unspin_diff_view_size_allocate;

  properties[PROP_REVIEW] =
    g_param_spec_object ("review", NULL, NULL, UNSPIN_TYPE_REVIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUSED_EDIT] =
    g_param_spec_int ("focused-edit", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_SCROLL] =
    g_param_spec_boolean ("sync-scroll", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The review refused a typed correction (the message says why); the pane shows the review's
   * text again. */
  signals[CORRECTION_FAILED] =
    g_signal_new ("correction-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/unspin/Unspin/unspin-diff-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "garbled_scroller", FALSE,
                                             G_STRUCT_OFFSET (UnspinDiffView, scrollers[PANE_GARBLED]));
  gtk_widget_class_bind_template_child_full (widget_class, "restored_scroller", FALSE,
                                             G_STRUCT_OFFSET (UnspinDiffView, scrollers[PANE_RESTORED]));
  gtk_widget_class_bind_template_child_full (widget_class, "garbled_view", FALSE,
                                             G_STRUCT_OFFSET (UnspinDiffView, views[PANE_GARBLED]));
  gtk_widget_class_bind_template_child_full (widget_class, "restored_view", FALSE,
                                             G_STRUCT_OFFSET (UnspinDiffView, views[PANE_RESTORED]));

  gtk_widget_class_install_action (widget_class, "diff-view.edit-menu", NULL, edit_menu_action);

  gtk_widget_class_set_css_name (widget_class, "diffview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
unspin_diff_view_init (UnspinDiffView *self)
{
  static gsize font_once = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->focused = -1;
  self->sync_scroll = TRUE;
  self->restored = g_string_new (NULL);
  self->states = g_array_new (FALSE, TRUE, sizeof (UnspinReviewState));
  self->spans = g_array_new (FALSE, FALSE, sizeof (UnspinSpan));

  for (guint pane = 0; pane < N_PANES; pane++)
    {
      GtkWidget *view = GTK_WIDGET (self->views[pane]);
      GtkTextBuffer *buffer = pane_buffer (self, pane);
      GtkEventController *controller;
      GtkShortcutTrigger *trigger;

      /* Focused tags are made last, so that they take priority. */
      for (guint focused = 0; focused < 2; focused++)
        for (guint look = 0; look < N_LOOKS; look++)
          {
            g_autofree char *name = g_strconcat (look_styles[look].name, focused ? "-focused" : NULL, NULL);

            self->tags[pane][look][focused] = gtk_text_buffer_create_tag (buffer, name, NULL);
          }

      /* Before the text view's own gestures: a secondary click on an edit opens our menu. */
      controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_swapped (controller, "pressed", G_CALLBACK (on_pressed), self);
      gtk_widget_add_controller (view, controller);

      controller = gtk_shortcut_controller_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                             gtk_keyval_trigger_new (GDK_KEY_Menu, 0));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, gtk_named_action_new ("diff-view.edit-menu")));
      if (pane == PANE_RESTORED)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                              gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                                gtk_callback_action_new (on_undo_key, self, NULL)));
      gtk_widget_add_controller (view, controller);

      g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scrollers[pane]),
                                "value-changed", G_CALLBACK (on_scrolled), self);
    }

  /* Review decisions have their own undo (the window's); the buffer's would fight it. */
  gtk_text_buffer_set_enable_undo (pane_buffer (self, PANE_GARBLED), FALSE);
  gtk_text_buffer_set_enable_undo (pane_buffer (self, PANE_RESTORED), FALSE);
  g_signal_connect_swapped (pane_buffer (self, PANE_RESTORED), "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect_swapped (pane_buffer (self, PANE_RESTORED), "delete-range", G_CALLBACK (on_delete_range), self);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_colours), self);
  update_colours (self);

  if (g_once_init_enter (&font_once))
    {
      follow_document_font ();
      g_once_init_leave (&font_once, 1);
    }
}
