import Glibc

/// What `fstat` says of a regular file's content: its size and modification time. Taken when the
/// file is opened and again after its last read; a difference means the bytes read may belong to
/// neither version (a log truncated, rewritten or appended to while it was scanned), so the
/// document's record says so instead of passing for a result. Deleting the file does not change
/// these, so a file read in full before or after it was unlinked is fine.
struct FileIdentity: Equatable {
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// Nil for what is not a regular file (a FIFO, a terminal, stdin from a pipe): their size
    /// means nothing.
    init?(fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }

    /// Why `now` is not the file that was opened, in words, or nil when it is the same.
    func change(to now: FileIdentity?) -> String? {
        guard let now else { return "the file can no longer be examined" }
        if now.size < size { return "the file shrank from \(size) to \(now.size) bytes while it was read" }
        if now.size > size { return "the file grew from \(size) to \(now.size) bytes while it was read" }
        if now != self { return "the file was modified while it was read (same size, new modification time)" }
        return nil
    }
}
