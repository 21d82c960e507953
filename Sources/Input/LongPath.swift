import Glibc

/// Opens and examines paths of any length. The kernel refuses a path over PATH_MAX (4096 bytes)
/// with ENAMETOOLONG, yet a directory walk finds files deeper than that; such a path is resolved
/// one component at a time with `openat`, each step relative to the directory before, so depth
/// is no limit. Shorter paths take the plain call.
package enum LongPath {
    /// O_PATH (Linux, every architecture Swift runs on), which the Glibc module does not export:
    /// a step through a directory needs search permission only, as path resolution does.
    private static let pathOnly: Int32 = 0o10_000_000

    /// `open(path, flags)`, for a path of any length.
    package static func open(_ path: [UInt8], _ flags: Int32) -> Int32 {
        let fd = withCPath(path) { Glibc.open($0, flags) }
        guard fd < 0, errno == ENAMETOOLONG else { return fd }
        return inParent(of: path) { directory, name in withCPath(name) { openat(directory, $0, flags) } }
    }

    /// `stat(path)` (or `lstat` when not `followingLinks`), for a path of any length.
    package static func stat(_ path: [UInt8], _ info: inout Glibc.stat, followingLinks: Bool = true) -> Int32 {
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        let status = withCPath(path) { fstatat(AT_FDCWD, $0, &info, flags) }
        guard status != 0, errno == ENAMETOOLONG else { return status }
        return inParent(of: path) { directory, name in withCPath(name) { fstatat(directory, $0, &info, flags) } }
    }

    /// Opens the directory that holds the last component of `path` step by step and calls `body`
    /// with it and that component. On failure, `errno` is that of the step that failed.
    private static func inParent(of path: [UInt8], _ body: (Int32, [UInt8]) -> Int32) -> Int32 {
        let slash = UInt8(ascii: "/")
        var components = path.split(separator: slash).map(Array.init)
        let last = components.popLast() ?? [UInt8(ascii: ".")]
        var directory = path.first == slash ? Glibc.open("/", pathOnly | O_DIRECTORY | O_CLOEXEC) : AT_FDCWD
        for component in components {
            let next = withCPath(component) { openat(directory, $0, pathOnly | O_DIRECTORY | O_CLOEXEC) }
            let code = errno
            if directory != AT_FDCWD { close(directory) }
            guard next >= 0 else {
                errno = code
                return -1
            }
            directory = next
        }
        let result = body(directory, last)
        let code = errno
        if directory != AT_FDCWD { close(directory) }
        errno = code
        return result
    }
}
