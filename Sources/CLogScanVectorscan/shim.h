#ifndef CLOGSCAN_VECTORSCAN_SHIM_H
#define CLOGSCAN_VECTORSCAN_SHIM_H

// Vectorscan (the maintained fork of Hyperscan, same C API). pkg-config `libhs` adds
// -I/usr/include/hs, so the header is found by its own name.
#include <hs.h>
#include <dlfcn.h>

typedef hs_error_t (*logscan_hs_scan_fn)(const hs_database_t *db, const char *data, unsigned int length,
                                         unsigned int flags, hs_scratch_t *scratch,
                                         match_event_handler onEvent, void *context);

// Vectorscan 5.4.9 (Debian 12) misses matches in its AVX-512 runtime path: `E.*T` is not found
// when the data runs past a 64-byte vector (upstream fixed AVX-512 accelerator bugs in 2026, PRs
// 368 and 378). Its "fat runtime" also exports the AVX2 build of hs_scan, which gives correct
// results on the same CPU; use it when the CPU has AVX2 and the library has that entry point.
// NULL means: call the dispatched hs_scan.
static inline logscan_hs_scan_fn logscan_hs_scan_avx2(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2")) return 0;
    void *self = dlopen(0, RTLD_NOW);
    if (!self) return 0;
    return (logscan_hs_scan_fn)dlsym(self, "avx2_hs_scan");
#else
    return 0;
#endif
}

#endif
