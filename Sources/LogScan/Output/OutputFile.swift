import Glibc
import Input

/// `-o FILE`, written so that FILE is only ever a complete result or what it was before: the
/// records go to `FILE.<pid>.tmp` in the same directory (same file system, so the rename is
/// atomic), which is synced and renamed over FILE once everything is written. A failed write
/// (full disk, I/O error) removes the temporary file and leaves any previous FILE untouched.
/// An interrupted scan still renames: its output is partial but says so (`"interrupted":true`).
/// A symbolic link named FILE is replaced by the file; its target is not written. What is not a
/// file to replace (`/dev/null`, a FIFO, a terminal, a socket) is written to directly: renaming
/// over a device would replace the device.
package final class OutputFile {
    package let path: String
    /// Nil when writing straight to `path` (a device or FIFO).
    let temporaryPath: String?
    private let fd: Int32
    package let channel: OutputChannel
    private var settled = false

    /// Creates the temporary file; fails (with the cause, naming `path`) when the directory does
    /// not take it: missing, read-only, full.
    package init(_ path: String) throws(InputError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw InputError(.unreadable, "cannot write \(path): \(SystemError.describe(errno))") }
            temporaryPath = nil
            self.fd = fd
            channel = OutputChannel(fd: fd, ownsDescriptor: false)
            return
        }
        let temporaryPath = "\(path).\(getpid()).tmp"
        self.temporaryPath = temporaryPath
        // A leftover of an earlier process that had this pid is no one's: replaced.
        var fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == EEXIST && unlink(temporaryPath) == 0 {
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw InputError(.unreadable, "cannot write \(path): \(SystemError.describe(errno))") }
        self.fd = fd
        channel = OutputChannel(fd: fd, ownsDescriptor: false)
    }

    /// Flushes, syncs and renames the temporary file into place; on any failure removes it and
    /// returns why, naming FILE.
    package func commit() -> String? {
        settled = true
        channel.flush()
        var failure: String?
        if case .writeFailed(let reason) = channel.failure {
            failure = reason
        } else if temporaryPath != nil, fsync(fd) != 0 {
            failure = SystemError.describe(errno)
        }
        if close(fd) != 0 && failure == nil { failure = SystemError.describe(errno) }
        guard let temporaryPath else { return failure.map { "cannot write \(path): \($0)" } }
        if failure == nil && rename(temporaryPath, path) != 0 { failure = SystemError.describe(errno) }
        guard let failure else { return nil }
        unlink(temporaryPath)
        return "cannot write \(path): \(failure); it is left as it was"
    }

    /// Removes the temporary file of a run that ends before `commit`.
    deinit {
        guard !settled else { return }
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }
}
