#ifndef CLOGSCAN_FUZZER_SHIM_H
#define CLOGSCAN_FUZZER_SHIM_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, for a binary that has a main of its own (SwiftPM gives every executable
// one). Defined by the fuzzer runtime that `-sanitize=fuzzer` links; declared only, so a normal
// build that never calls it links without it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// libFuzzer's own mutation of Data[0..<Size] in place (up to MaxSize bytes), for a custom mutator
// that mutates part of an input.
size_t LLVMFuzzerMutate(uint8_t *Data, size_t Size, size_t MaxSize);

#endif
