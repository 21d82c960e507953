#ifndef CLOGSCAN_VECTORSCAN_SHIM_H
#define CLOGSCAN_VECTORSCAN_SHIM_H

// Vectorscan (the maintained fork of Hyperscan, same C API). pkg-config `libhs` adds
// -I/usr/include/hs, so the header is found by its own name.
#include <hs.h>

#endif
