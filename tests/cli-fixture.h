/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What unspin-cli says first where no language model is installed. */
#define NO_MODEL_NOTE "unspin-cli: context scoring is off: no language model " \
                      "(install pocketsphinx-en-us or set UNSPIN_LM_MODEL)\n"

/* Runs unspin-cli (its path in $UNSPIN_CLI, set by meson) with @args, @input (or nothing) on
 * standard input; returns the exit status. Standard output and error come back as strings;
 * the note that context scoring is off, printed where no model is installed, is left out. */
int   cli_run            (const char * const *args,
                          GBytes             *input,
                          char              **out,
                          gsize              *out_len,
                          char              **err);

/* A temporary folder per test, emptied and removed after it. */
typedef struct {
  char *dir;
} Fixture;

void  fixture_setup      (Fixture       *fixture,
                          gconstpointer  data);
void  fixture_teardown   (Fixture       *fixture,
                          gconstpointer  data);
/* Writes @contents (@len bytes, or up to the NUL for -1) to @name in the folder; its path. */
char *fixture_write      (Fixture       *fixture,
                          const char    *name,
                          const char    *contents,
                          gssize         len);

G_END_DECLS
