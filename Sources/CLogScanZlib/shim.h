#ifndef CLOGSCAN_ZLIB_SHIM_H
#define CLOGSCAN_ZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro (it passes ZLIB_VERSION and sizeof(z_stream)), so Swift cannot call it.
static inline int logscan_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
