import Glibc
import Synchronization

/// Reads a file descriptor with `read(2)`; counts the stored bytes. Closes the descriptor it owns.
package final class FileDescriptorSource: ByteSource {
    let fd: Int32
    private let ownsDescriptor: Bool
    /// Atomic because a `PipelinedSource` reads on another thread while progress is reported.
    private let bytesReadCounter = Atomic<Int>(0)
    package var bytesRead: Int { bytesReadCounter.load(ordering: .relaxed) }

    /// The regular file as it was when opened; nil for pipes, terminals and other streams.
    private let opened: FileIdentity?

    init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        opened = FileIdentity(fd: fd)
    }

    /// A `changed-while-read` error when the file's size or modification time is not what it was
    /// when it was opened. Called once the document has been read to its end.
    package func changeSinceOpen() -> InputError? {
        guard let opened, let reason = opened.change(to: FileIdentity(fd: fd)) else { return nil }
        return InputError(.changedWhileRead, "\(reason); the counts may match neither version")
    }

    deinit { if ownsDescriptor { close(fd) } }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(fd, base, buffer.count)
            if count >= 0 {
                bytesReadCounter.add(count, ordering: .relaxed)
                return count
            }
            let code = errno
            if code == EINTR { continue }
            throw InputError(.unreadable, "read failed after \(bytesRead) bytes: \(SystemError.describe(code))")
        }
    }
}

package enum SystemError {
    package static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
