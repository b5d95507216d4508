/* fuzz-import-jsonl.c — libFuzzer harness for the JSONL importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-import-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return kdl_fuzz_import (data, size, "input.jsonl");
}
