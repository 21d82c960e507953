#ifndef CLOGSCAN_SQLITE_SHIM_H
#define CLOGSCAN_SQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import: it tells
// sqlite3_bind_* to copy the bytes before returning.
static inline sqlite3_destructor_type logscan_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
