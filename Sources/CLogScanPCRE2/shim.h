#ifndef CLOGSCAN_PCRE2_SHIM_H
#define CLOGSCAN_PCRE2_SHIM_H

// The 8-bit library only: every pcre2_* name below is the _8 variant.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED is a cast expression Swift cannot import.
static inline PCRE2_SIZE logscan_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
