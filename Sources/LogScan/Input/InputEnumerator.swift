import Glibc

/// One document to scan, in output order. `openError` is set when the path itself is unusable
/// (missing, unreadable directory entry named on the command line): it still gets a record.
public struct InputItem: Sendable {
    public var location: InputLocation
    public var openError: InputError?

    public init(location: InputLocation, openError: InputError? = nil) {
        self.location = location
        self.openError = openError
    }
}

/// Filters applied to files found by walking directories (files named explicitly are always read).
public struct PathFilter: Sendable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// A glob matches the file name or the whole path, so `*.gz` and `*/artifacts/*` both work.
    static func matches(_ glob: String, path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return fnmatch(glob, name, 0) == 0 || fnmatch(glob, path, 0) == 0
    }

    func accepts(file path: String) -> Bool {
        if exclude.contains(where: { Self.matches($0, path: path) }) { return false }
        return include.isEmpty || include.contains(where: { Self.matches($0, path: path) })
    }

    func accepts(directory path: String) -> Bool {
        !exclude.contains(where: { Self.matches($0, path: path) })
    }
}

/// Expands command-line paths into documents: directories recursively in byte-sorted order,
/// following symlinks but never around a loop; special files found inside directories are skipped
/// with a notice (a FIFO named on the command line is read, as `<(zcat x)` expects).
public struct InputEnumerator {
    public var filter: PathFilter
    /// Called for every path skipped on purpose, with the reason.
    public var notice: (String, String) -> Void
    public private(set) var skipped = 0

    public init(filter: PathFilter, notice: @escaping (String, String) -> Void) {
        self.filter = filter
        self.notice = notice
    }

    public mutating func expand(_ arguments: [String]) -> [InputItem] {
        var items: [InputItem] = []
        for argument in arguments { expand(argument, into: &items) }
        return items
    }

    public mutating func expand(_ argument: String, into items: inout [InputItem]) {
        if argument == "-" {
            items.append(InputItem(location: .standardInput))
            return
        }
        var info = stat()
        guard stat(argument, &info) == 0 else {
            let code = errno
            var linkInfo = stat()
            let error = lstat(argument, &linkInfo) == 0
                ? InputError(.notFound, "broken symbolic link") : InputOpener.errorForOpen(code)
            items.append(InputItem(location: .file(argument), openError: error))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var ancestors: [(UInt, UInt)] = [(UInt(info.st_dev), UInt(info.st_ino))]
            walk(directory: argument, ancestors: &ancestors, into: &items)
        } else {
            items.append(InputItem(location: .file(argument)))
        }
    }

    private mutating func skip(_ path: String, _ reason: String) {
        skipped += 1
        notice(path, reason)
    }

    private mutating func walk(directory: String, ancestors: inout [(UInt, UInt)], into items: inout [InputItem]) {
        guard let handle = opendir(directory) else {
            items.append(InputItem(location: .file(directory),
                                   openError: InputError(.unreadable, "cannot list directory: \(SystemError.describe(errno))")))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(handle)
        names.sort { $0.lexicographicallyPrecedes($1) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names {
            let path = prefix + String(decoding: name, as: UTF8.self)
            var info = stat()
            guard stat(path, &info) == 0 else {
                skip(path, "broken symbolic link or vanished file")
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let key = (UInt(info.st_dev), UInt(info.st_ino))
                if ancestors.contains(where: { $0 == key }) {
                    skip(path, "symbolic link loop")
                    continue
                }
                guard filter.accepts(directory: path) else { continue }
                ancestors.append(key)
                walk(directory: path, ancestors: &ancestors, into: &items)
                ancestors.removeLast()
            case S_IFREG:
                if filter.accepts(file: path) { items.append(InputItem(location: .file(path))) }
            default:
                skip(path, "special file (FIFO, socket or device)")
            }
        }
    }
}
