/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UNSPIN_ERROR (unspin_error_quark ())

/**
 * UnspinError:
 * @UNSPIN_ERROR_INVALID_INPUT: the article is not readable text (invalid UTF-8, NUL bytes...)
 * @UNSPIN_ERROR_TOO_LARGE: the article is larger than the configured maximum
 * @UNSPIN_ERROR_BAD_PACK: a phrase pack or rule file does not parse or breaks its schema
 * @UNSPIN_ERROR_BAD_REVIEW: a saved review (JSON) does not parse or does not fit its text
 * @UNSPIN_ERROR_BAD_EDIT: an edit overlaps another or falls outside the text
 * @UNSPIN_ERROR_BAD_MODEL: a language model file cannot be read as one
 *
 * Messages name the file (when there is one) and what is wrong, so that a person can act.
 */
typedef enum {
  UNSPIN_ERROR_INVALID_INPUT,
  UNSPIN_ERROR_TOO_LARGE,
  UNSPIN_ERROR_BAD_PACK,
  UNSPIN_ERROR_BAD_REVIEW,
  UNSPIN_ERROR_BAD_EDIT,
  UNSPIN_ERROR_BAD_MODEL,
} UnspinError;

GQuark unspin_error_quark (void);

G_END_DECLS
