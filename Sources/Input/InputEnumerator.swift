import Glibc

/// One document to scan, in output order. `openError` is set when the path itself is unusable
/// (missing, unreadable directory entry named on the command line): it still gets a record.
package struct InputItem: Sendable {
    package var location: InputLocation
    package var openError: InputError?
    /// The item's place among all the run's inputs, when only a shard of them is scanned
    /// (`--shard`): the key `logscan merge` puts shard outputs back in order by.
    package var sequence: Int?
    /// Size and modification time (ns) from the walk's own `stat`, for a regular file found in a
    /// directory: what a state store compares without a second `stat`.
    package var status: (size: Int64, mtimeNanoseconds: Int64)?

    package init(location: InputLocation, openError: InputError? = nil) {
        self.location = location
        self.openError = openError
    }
}

/// Filters applied to files found by walking directories (files named explicitly are always read).
package struct PathFilter: Sendable {
    package var include: [String]
    package var exclude: [String]

    package init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// A glob matches the file name or the whole path, so `*.gz` and `*/artifacts/*` both work.
    static func matches(_ glob: String, path: [UInt8]) -> Bool {
        let name = Array(path.split(separator: UInt8(ascii: "/")).last ?? path[...])
        return withCPath(name) { fnmatch(glob, $0, 0) == 0 } || withCPath(path) { fnmatch(glob, $0, 0) == 0 }
    }

    func accepts(file path: [UInt8]) -> Bool {
        if exclude.contains(where: { Self.matches($0, path: path) }) { return false }
        return include.isEmpty || include.contains(where: { Self.matches($0, path: path) })
    }

    func accepts(directory path: [UInt8]) -> Bool {
        !exclude.contains(where: { Self.matches($0, path: path) })
    }
}

/// Expands command-line paths into documents: directories recursively in byte-sorted order,
/// following symlinks but never around a loop; special files found inside directories are skipped
/// with a notice (a FIFO named on the command line is read, as `<(zcat x)` expects).
package struct InputEnumerator {
    package var filter: PathFilter
    /// Called for every path skipped on purpose, with the reason.
    package var notice: (String, String) -> Void
    package private(set) var skipped = 0

    package init(filter: PathFilter, notice: @escaping (String, String) -> Void) {
        self.filter = filter
        self.notice = notice
    }

    package mutating func expand(_ arguments: [String]) -> [InputItem] {
        expand(paths: arguments.map { Array($0.utf8) })
    }

    /// Paths as bytes (from `--files-from`), so names that are not UTF-8 survive.
    package mutating func expand(paths: [[UInt8]]) -> [InputItem] {
        var items: [InputItem] = []
        for path in paths { expand(path, into: &items) }
        return items
    }

    private mutating func expand(_ argument: [UInt8], into items: inout [InputItem]) {
        if argument == [UInt8(ascii: "-")] {
            items.append(InputItem(location: .standardInput))
            return
        }
        var info = stat()
        guard LongPath.stat(argument, &info) == 0 else {
            let code = errno
            var linkInfo = stat()
            let error = LongPath.stat(argument, &linkInfo, followingLinks: false) == 0
                ? InputError(.notFound, "broken symbolic link") : InputOpener.errorForOpen(code)
            items.append(InputItem(location: .file(bytes: argument), openError: error))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var ancestors: [(UInt, UInt)] = [(UInt(info.st_dev), UInt(info.st_ino))]
            let fd = LongPath.open(argument, Self.directoryFlags)
            walk(directory: argument, fd: fd, ancestors: &ancestors, into: &items)
        } else {
            items.append(InputItem(location: .file(bytes: argument)))
        }
    }

    private mutating func skip(_ path: [UInt8], _ reason: String) {
        skipped += 1
        notice(String(decoding: path, as: UTF8.self), reason)
    }

    static let directoryFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC

    /// Walks relative to directory descriptors (`fdopendir`, `fstatat`, `openat`), so a tree
    /// deeper than PATH_MAX is walked like any other; files found are opened later by path,
    /// which `LongPath` resolves at any length. Paths stay bytes throughout: a name that is not
    /// UTF-8 is still opened exactly. `fd` (the directory, or -1 with `errno` set when it could
    /// not be opened) is closed here.
    private mutating func walk(directory: [UInt8], fd: Int32, ancestors: inout [(UInt, UInt)], into items: inout [InputItem]) {
        let listing = fd >= 0 ? dup(fd) : -1
        guard let handle = listing >= 0 ? fdopendir(listing) : nil else {
            let code = errno
            if listing >= 0 { close(listing) }
            if fd >= 0 { close(fd) }
            items.append(InputItem(location: .file(bytes: directory),
                                   openError: InputError(.unreadable, "cannot list directory: \(SystemError.describe(code))")))
            return
        }
        defer { close(fd) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = DirectoryEntry.name(entry)
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(handle)
        names.sort { $0.lexicographicallyPrecedes($1) }
        let prefix = directory.last == UInt8(ascii: "/") ? directory : directory + [UInt8(ascii: "/")]
        for name in names {
            let path = prefix + name
            var info = stat()
            guard withCPath(name, { fstatat(fd, $0, &info, 0) }) == 0 else {
                let code = errno
                var linkInfo = stat()
                if code != ENOENT {
                    items.append(InputItem(location: .file(bytes: path),
                                           openError: InputError(.unreadable, "cannot examine: \(SystemError.describe(code))")))
                } else if withCPath(name, { fstatat(fd, $0, &linkInfo, AT_SYMLINK_NOFOLLOW) }) == 0 {
                    skip(path, "broken symbolic link")
                } else {
                    skip(path, "vanished while its directory was read")
                }
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
                let child = withCPath(name) { openat(fd, $0, Self.directoryFlags) }
                walk(directory: path, fd: child, ancestors: &ancestors, into: &items)
                ancestors.removeLast()
            case S_IFREG:
                if filter.accepts(file: path) {
                    var item = InputItem(location: .file(bytes: path))
                    item.status = (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
                    items.append(item)
                }
            default:
                skip(path, "special file (FIFO, socket or device)")
            }
        }
    }
}
