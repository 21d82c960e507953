import Glibc
import Input
import PatternSets

/// What says a file is the one the store scanned: its size and modification time (ns), or with
/// `--checksum` its size and a SHA-256 of its bytes, as `rsync -c` compares files.
struct DocumentIdentity: Sendable {
    var size: Int64
    var mtimeNanoseconds: Int64
    var checksum: [UInt8]?

    /// The identity of the regular file at `path`; nil when it cannot be read as one (the scan
    /// then reports why, and nothing is stored).
    init?(path: [UInt8], checksum: Bool) {
        var info = stat()
        guard withCPath(path, { stat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int64(info.st_size)
        mtimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        if checksum {
            guard let digest = Self.digest(path) else { return nil }
            self.checksum = digest
        } else {
            self.checksum = nil
        }
    }

    /// The identity of an input: from the directory walk's `stat` when it made one, else its own.
    init?(_ item: InputItem, path: [UInt8], checksum: Bool) {
        if let status = item.status, !checksum {
            self.init(size: status.size, mtimeNanoseconds: status.mtimeNanoseconds, checksum: nil)
        } else {
            self.init(path: path, checksum: checksum)
        }
    }

    init(size: Int64, mtimeNanoseconds: Int64, checksum: [UInt8]?) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.checksum = checksum
    }

    /// Whether the file as it is now (`current`) is the one this identity was taken of: the same
    /// size, and the same checksum when the run compares checksums (a document stored without one
    /// is then read again), else the same mtime.
    func matches(_ current: DocumentIdentity) -> Bool {
        guard size == current.size else { return false }
        if let theirs = current.checksum { return checksum == theirs }
        return mtimeNanoseconds == current.mtimeNanoseconds
    }

    private static func digest(_ path: [UInt8]) -> [UInt8]? {
        let fd = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { return hasher.finalize() }
            hasher.update(Array(chunk[0..<got]))
        }
    }
}
