import Engine
import Glibc
import Input

/// Buffered writes to a file descriptor. A reader that went away (EPIPE, as with `| head`) is
/// remembered rather than reported: the scan stops quietly.
package final class OutputChannel {
    package enum Failure: Error, Sendable {
        case closedByReader
        case writeFailed(String)
    }

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var pending: [UInt8] = []
    package private(set) var failure: Failure?

    package init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        pending.reserveCapacity(128 * 1024)
    }

    /// Creates or truncates `path` for writing.
    package static func file(_ path: String) throws(InputError) -> OutputChannel {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(.unreadable, "cannot write \(path): \(SystemError.describe(errno))") }
        return OutputChannel(fd: fd, ownsDescriptor: true)
    }

    deinit {
        flush()
        if ownsDescriptor { close(fd) }
    }

    package func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        pending.append(contentsOf: bytes)
        if pending.count >= 64 * 1024 { flush() }
    }

    package func flush() {
        guard failure == nil, !pending.isEmpty else {
            pending.removeAll(keepingCapacity: true)
            return
        }
        var offset = 0
        pending.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                    continue
                }
                let code = errno
                if written < 0 && code == EINTR { continue }
                failure = code == EPIPE ? .closedByReader : .writeFailed(SystemError.describe(code))
                return
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
