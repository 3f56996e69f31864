/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "unspin-error.h"

G_DEFINE_QUARK (unspin-error-quark, unspin_error)
