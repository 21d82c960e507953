import Glibc

/// A whole small file (a pattern file, a cached database) read with `read(2)`, with the reason in
/// words when it cannot be.
package enum FileContents {
    package struct Failure: Error, Sendable {
        package var reason: String
    }

    package static func read(path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: describe(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "is a directory") }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got > 0 {
                result += chunk[0..<got]
            } else if got == 0 {
                return result
            } else if errno != EINTR {
                throw Failure(reason: "read failed: \(describe(errno))")
            }
        }
    }

    package static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "a component of the path is not a directory"
        case EISDIR: return "is a directory"
        default: return strerror(code).map { String(cString: $0) } ?? "errno \(code)"
        }
    }
}
