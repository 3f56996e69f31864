/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "unspin-file-private.h"

G_BEGIN_DECLS

/* json-glib 1.6 parses recursively and runs out of stack on input nested a few ten thousand
 * levels deep: whether @data nests at most @max_depth levels, measured before parsing. */
gboolean unspin_json_nesting_within (const char *data,
                                     gsize       len,
                                     guint       max_depth);

/* json-glib turns a lone surrogate escape ("\ud800") into bytes that are not UTF-8: whether
 * every string and member name under @node is valid UTF-8. */
gboolean unspin_json_strings_valid  (JsonNode   *node);

/* Parses a data file's bytes as one JSON document, refusing (with a phrase for *@problem, new,
 * translated, naming no file) input nested deeper than @max_depth levels, JSON that does not
 * parse, and an empty file. @kind says what the file should have been: a phrase pack, a rules
 * file or a review. */
JsonParser *unspin_json_parse_document (GBytes          *bytes,
                                        UnspinFileKind   kind,
                                        guint            max_depth,
                                        char           **problem);

G_END_DECLS
