#ifndef CLOGSCAN_LIBC_SHIM_H
#define CLOGSCAN_LIBC_SHIM_H

#include <stddef.h>

// glibc's memmem (two-way search, SIMD where the CPU has it) is a GNU extension that the Glibc
// module does not export without _GNU_SOURCE; the prototype is declared as glibc declares it.
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

#endif
