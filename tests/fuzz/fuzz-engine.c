/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: arbitrary bytes as an article, proposed on and restored with the bundled data
 * (UNSPIN_DATA_DIR) and the default language model when it is installed. Built and run by
 * tests/fuzz/run.sh. */
#include <stdint.h>

#include "unspin-engine.h"
#include "unspin-error.h"
#include "fuzz-log.h"

static UnspinEngine *engine;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_log_init ();
  engine = unspin_engine_new ();
  if (!unspin_engine_load_default_data (engine, NULL, &error))
    g_error ("Cannot load the bundled data (set UNSPIN_DATA_DIR): %s", error->message);
  /* Context scoring too, where the default model is installed. */
  if (!unspin_engine_load_model (engine, NULL, NULL, &error))
    g_printerr ("fuzz-engine: no language model (%s); context scoring is not fuzzed\n", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(UnspinText) text = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  text = unspin_text_new_from_bytes (bytes, "fuzz input", &error);
  if (text == NULL)
    {
      g_assert (error->domain == UNSPIN_ERROR);
      return 0;
    }

  edits = unspin_engine_propose (engine, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edits);

  stream = g_memory_output_stream_new_resizable ();
  if (!unspin_engine_restore_to_stream (engine, text, 0.8, stream, NULL, &error))
    g_error ("restore failed: %s", error->message);
  return 0;
}
