/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the fuzz targets: a GLib critical or warning is a bug on any input. GLib stops on a fatal
 * one with SIGTRAP, which libFuzzer does not catch (no crash input saved); abort() it does. */
#pragma once

#include <stdlib.h>

#include <glib.h>

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static inline void
fuzz_log_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}
