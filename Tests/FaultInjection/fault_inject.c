// Fault injection for logscan's CLI tests, loaded with LD_PRELOAD into a real logscan process:
// it wraps libc's open, read, write, fsync and mkdir and makes them fail (or read short) the way
// a failing disk, a full file system or a read-only directory does. Built by the test that
// uses it (`cc -shared -fPIC`); never part of logscan.
//
// Which descriptors: those opened on a path containing LOGSCAN_FAULT_PATH, and the descriptor
// LOGSCAN_FAULT_FD (1 for stdout). What happens to them:
//   LOGSCAN_FAULT_READ=eio@N     read fails with EIO once N bytes have been read from the descriptor
//   LOGSCAN_FAULT_READ=short     every read returns a few bytes at most, and every third is EINTR first
//   LOGSCAN_FAULT_WRITE=ERR@N    write fails with ERR (enospc or eio) once N bytes have been written
//   LOGSCAN_FAULT_FSYNC=eio      fsync and fdatasync fail with EIO
//   LOGSCAN_FAULT_CREATE=ERR     creating a file or directory under the path fails with ERR (erofs or enospc)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 65536

static _Atomic unsigned char marked[MAX_FD];
static _Atomic long long transferred[MAX_FD];
static _Atomic unsigned long calls;

static const char *setting(const char *name) {
    const char *value = getenv(name);
    return value && *value ? value : NULL;
}

static int error_named(const char *name) {
    if (strncmp(name, "enospc", 6) == 0) return ENOSPC;
    if (strncmp(name, "erofs", 5) == 0) return EROFS;
    return EIO;
}

// "eio@N": the errno and N; 0 when the setting is absent or not of that form.
static int threshold(const char *name, long long *after) {
    const char *value = setting(name);
    if (!value) return 0;
    const char *at = strchr(value, '@');
    if (!at) return 0;
    *after = atoll(at + 1);
    return error_named(value);
}

// Applies the setting `name` (ERR@N) to a transfer of *count bytes on fd: -1 with errno ERR once
// N bytes have gone through, else 0 with *count cut so that the transfer stops at N.
static int cut_at_threshold(int fd, const char *name, size_t *count) {
    long long after;
    int code = threshold(name, &after);
    if (!code) return 0;
    long long done = atomic_load(&transferred[fd]);
    if (done >= after) { errno = code; return -1; }
    if ((long long)*count > after - done) *count = (size_t)(after - done);
    return 0;
}

static int faulted_path(const char *path) {
    const char *pattern = setting("LOGSCAN_FAULT_PATH");
    return pattern && path && strstr(path, pattern) != NULL;
}

static int faulted_fd(int fd) {
    if (fd < 0 || fd >= MAX_FD) return 0;
    const char *fixed = setting("LOGSCAN_FAULT_FD");
    return atomic_load(&marked[fd]) || (fixed && atoi(fixed) == fd);
}

static int refuse_create(const char *path, int flags) {
    const char *create = setting("LOGSCAN_FAULT_CREATE");
    if (!create || !(flags & O_CREAT) || !faulted_path(path)) return 0;
    errno = error_named(create);
    return 1;
}

static int track(int fd, const char *path) {
    if (fd >= 0 && fd < MAX_FD) {
        atomic_store(&marked[fd], faulted_path(path) ? 1 : 0);
        atomic_store(&transferred[fd], 0);
    }
    return fd;
}

#define NEXT(name) static __typeof__(&name) real; if (!real) real = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

static mode_t mode_argument(int flags, va_list arguments) {
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(arguments, int) : 0;
}

int open(const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_argument(flags, arguments); va_end(arguments);
    if (refuse_create(path, flags)) return -1;
    NEXT(open); return track(real(path, flags, mode), path);
}

int open64(const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_argument(flags, arguments); va_end(arguments);
    if (refuse_create(path, flags)) return -1;
    NEXT(open64); return track(real(path, flags, mode), path);
}

int openat(int directory, const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_argument(flags, arguments); va_end(arguments);
    if (refuse_create(path, flags)) return -1;
    NEXT(openat); return track(real(directory, path, flags, mode), path);
}

int openat64(int directory, const char *path, int flags, ...) {
    va_list arguments; va_start(arguments, flags); mode_t mode = mode_argument(flags, arguments); va_end(arguments);
    if (refuse_create(path, flags)) return -1;
    NEXT(openat64); return track(real(directory, path, flags, mode), path);
}

int mkdir(const char *path, mode_t mode) {
    const char *create = setting("LOGSCAN_FAULT_CREATE");
    if (create && faulted_path(path)) {
        struct stat info;
        // An existing directory is reported as existing, as a read-only file system does.
        errno = stat(path, &info) == 0 ? EEXIST : error_named(create);
        return -1;
    }
    NEXT(mkdir); return real(path, mode);
}

ssize_t read(int fd, void *buffer, size_t count) {
    NEXT(read);
    if (!faulted_fd(fd)) return real(fd, buffer, count);
    const char *mode = setting("LOGSCAN_FAULT_READ");
    if (mode && strcmp(mode, "short") == 0) {
        unsigned long call = atomic_fetch_add(&calls, 1);
        if (call % 3 == 0) { errno = EINTR; return -1; }
        size_t most = 1 + (call * 7919) % 61;
        return real(fd, buffer, count < most ? count : most);
    }
    if (cut_at_threshold(fd, "LOGSCAN_FAULT_READ", &count) < 0) return -1;
    ssize_t got = real(fd, buffer, count);
    if (got > 0) atomic_fetch_add(&transferred[fd], got);
    return got;
}

ssize_t write(int fd, const void *buffer, size_t count) {
    NEXT(write);
    if (faulted_fd(fd) && cut_at_threshold(fd, "LOGSCAN_FAULT_WRITE", &count) < 0) return -1;
    ssize_t written = real(fd, buffer, count);
    if (written > 0) atomic_fetch_add(&transferred[fd], written);
    return written;
}

int fsync(int fd) {
    if (faulted_fd(fd) && setting("LOGSCAN_FAULT_FSYNC")) { errno = EIO; return -1; }
    NEXT(fsync); return real(fd);
}

int fdatasync(int fd) {
    if (faulted_fd(fd) && setting("LOGSCAN_FAULT_FSYNC")) { errno = EIO; return -1; }
    NEXT(fdatasync); return real(fd);
}

int close(int fd) {
    if (fd >= 0 && fd < MAX_FD) atomic_store(&marked[fd], 0);
    NEXT(close); return real(fd);
}
