import Glibc

/// Where a document comes from.
package enum InputLocation: Sendable, Hashable {
    case file(String)
    /// A path whose bytes are not valid UTF-8 (file names are bytes on Linux); opened as is.
    case rawFile([UInt8])
    case standardInput

    /// `.file` when the bytes are UTF-8, so that the path round-trips; `.rawFile` otherwise.
    package static func file(bytes: [UInt8]) -> InputLocation {
        if let text = String(validating: bytes, as: UTF8.self) { return .file(text) }
        return .rawFile(bytes)
    }

    /// The path as written to the output (`-` for stdin); invalid UTF-8 shows as U+FFFD.
    package var displayPath: String {
        switch self {
        case .file(let path): return path
        case .rawFile(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .standardInput: return "-"
        }
    }
}

/// Calls `body` with a NUL-terminated copy of a byte path, for the C file APIs.
package func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    (path + [0]).withUnsafeBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
}

/// An opened document: the decoded byte stream and the raw stream under it (for stored bytes).
package final class OpenedInput {
    /// Peekable, so content can be sniffed (TestGrid JSON) before it is read.
    package let source: PeekableSource
    package let raw: FileDescriptorSource
    package let gzipLayers: Int

    init(source: PeekableSource, raw: FileDescriptorSource, gzipLayers: Int) {
        self.source = source
        self.raw = raw
        self.gzipLayers = gzipLayers
    }
}

/// Opens files and stdin, recognising gzip by its magic bytes rather than the file name.
package enum InputOpener {
    /// gzip inside gzip (double-compressed uploads) is unwrapped up to this depth.
    static let maxGzipLayers = 4

    package static func open(_ location: InputLocation, inflater: Inflater = .zlib) throws(InputError) -> OpenedInput {
        let raw: FileDescriptorSource
        switch location {
        case .standardInput:
            raw = FileDescriptorSource(fd: 0, ownsDescriptor: false)
        case .file, .rawFile:
            let fd: Int32
            if case .file(let path) = location {
                fd = LongPath.open(Array(path.utf8), O_RDONLY | O_CLOEXEC)
            } else if case .rawFile(let bytes) = location {
                fd = LongPath.open(bytes, O_RDONLY | O_CLOEXEC)
            } else {
                fd = -1
            }
            guard fd >= 0 else { throw errorForOpen(errno) }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputError(.notAFile, "is a directory")
            }
            raw = FileDescriptorSource(fd: fd, ownsDescriptor: true)
        }
        var source = PeekableSource(raw)
        var layers = 0
        while layers < maxGzipLayers, try source.peek(2) == [0x1F, 0x8B] {
            source = PeekableSource(try inflater.makeSource(over: source))
            layers += 1
        }
        return OpenedInput(source: source, raw: raw, gzipLayers: layers)
    }

    /// True when the location can be opened again from the start (not stdin).
    package static func canReopen(_ location: InputLocation) -> Bool {
        if case .standardInput = location { return false }
        return true
    }

    static func errorForOpen(_ code: Int32) -> InputError {
        switch code {
        case ENOENT: return InputError(.notFound, "no such file or directory")
        case ENOTDIR: return InputError(.notFound, "a component of the path is not a directory")
        case EISDIR: return InputError(.notAFile, "is a directory")
        default: return InputError(.unreadable, "cannot open: \(SystemError.describe(code))")
        }
    }
}
