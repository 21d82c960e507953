import Glibc
import PatternSets

/// Compiled Vectorscan databases kept on disk between runs, so a set is compiled once per machine
/// (most of logscan's start-up: 0.3 s for the curated set, seconds for thousands of patterns).
///
/// A file is named by a SHA-256 over everything the database depends on: this format's version,
/// the Vectorscan library version, the target platform and every expression with its flags and
/// id. Vectorscan checks a loaded database's magic, version, platform and CRC itself; any file that
/// fails to load is compiled again and replaced. Writes go to a temporary file renamed into place,
/// so concurrent runs never see half a file.
///
/// Where: `$LOGSCAN_CACHE_DIR`, else `$XDG_CACHE_HOME/logscan`, else `~/.cache/logscan`;
/// `LOGSCAN_CACHE_DIR=off` (or empty) turns the cache off.
package enum VectorscanDatabaseCache {
    static let formatVersion = "logscan-hsdb-1"

    static var directory: String? {
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        if let explicit = environment("LOGSCAN_CACHE_DIR") {
            return explicit.isEmpty || explicit == "off" ? nil : explicit
        }
        if let xdg = environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/logscan" }
        if let home = environment("HOME"), !home.isEmpty { return home + "/.cache/logscan" }
        return nil
    }

    static func key(expressions: [String], flags: [UInt32], ids: [UInt32]) -> String {
        var hasher = SHA256()
        hasher.update(Array(formatVersion.utf8) + [0])
        hasher.update(Array(Vectorscan.buildIdentity.utf8) + [0])
        for index in expressions.indices {
            hasher.update(Array("\(ids[index]) \(flags[index]) ".utf8))
            hasher.update(Array(expressions[index].utf8) + [0])
        }
        return SHA256.hex(hasher.finalize())
    }

    /// The cached database for `key`, or nil (no cache, no file, or a file Vectorscan refuses).
    static func load(key: String) -> VectorscanDatabase? {
        guard let directory, let bytes = try? FileContents.read(path: directory + "/" + key + ".hsdb"), !bytes.isEmpty else { return nil }
        return VectorscanDatabase.deserialize(bytes)
    }

    /// Saves `database` under `key`. A failure (read-only or full cache directory) costs only
    /// the next run a compile; it is returned, as one line naming the directory and the cause,
    /// for the caller to warn about. No partial file is left behind.
    static func store(_ database: VectorscanDatabase, key: String) -> String? {
        guard let bytes = database.serialize() else { return nil }
        return save(bytes, name: key + ".hsdb", what: "the compiled Vectorscan database", consequence: "compiles it again")
    }

    /// The saved outcome of `DatabaseSplit`'s trial for the database `key` (one line), if any.
    static func loadSplit(key: String) -> String? {
        guard let directory, let bytes = try? FileContents.read(path: directory + "/" + key + ".split") else { return nil }
        return String(decoding: bytes.last == 0x0A ? bytes.dropLast() : bytes[...], as: UTF8.self)
    }

    /// Saves the outcome of a split trial; a failure is returned as `store`'s are.
    static func storeSplit(_ line: String, key: String) -> String? {
        save(Array(line.utf8) + [0x0A], name: key + ".split", what: "the database layout chosen", consequence: "times it again")
    }

    private static func save(_ bytes: [UInt8], name: String, what saved: String, consequence: String) -> String? {
        guard let directory else { return nil }
        let failure = { (what: String, code: Int32) in
            "cannot save \(saved) in \(directory) (\(what): \(String(cString: strerror(code)))); "
                + "the next run \(consequence) (LOGSCAN_CACHE_DIR=off turns the cache off)"
        }
        if let code = makeDirectories(directory) { return failure("creating the directory", code) }
        let final = directory + "/" + name
        let temporary = final + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return failure("creating a file", errno) }
        var written = 0
        var code: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let result = write(fd, raw.baseAddress! + written, raw.count - written)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 {
                    code = result < 0 ? errno : ENOSPC
                    break
                }
                written += result
            }
        }
        if close(fd) != 0 && code == 0 { code = errno }
        if code == 0, rename(temporary, final) == 0 { return nil }
        if code == 0 { code = errno }
        unlink(temporary)
        return failure(written < bytes.count ? "writing" : "renaming into place", code)
    }

    /// Loads the database for these expressions from the cache, or compiles it (and caches it).
    /// `cacheProblem`: why a compiled database could not be saved, if it could not.
    static func database(_ expressions: [String], flags: [UInt32], ids: [UInt32])
        -> (VectorscanDatabase.CompileOutcome, cached: Bool, cacheProblem: String?) {
        let key = key(expressions: expressions, flags: flags, ids: ids)
        if let cached = load(key: key) { return (.success(cached), true, nil) }
        let outcome = VectorscanDatabase.compile(expressions, flags: flags, ids: ids)
        guard case .success(let database) = outcome else { return (outcome, false, nil) }
        return (outcome, false, store(database, key: key))
    }

    /// Creates `path` and its parents; the errno of the first that fails.
    private static func makeDirectories(_ path: String) -> Int32? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return errno }
        }
        return nil
    }
}
