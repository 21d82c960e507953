#ifndef CLOGSCAN_ISAL_SHIM_H
#define CLOGSCAN_ISAL_SHIM_H

// ISA-L's igzip inflater (streaming, gzip wrapper, CRC-32 and length verified).
#include <isa-l/igzip_lib.h>

#endif
