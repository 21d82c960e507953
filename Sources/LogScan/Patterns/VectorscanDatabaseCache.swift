import CLogScanVectorscan
import Glibc

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
enum VectorscanDatabaseCache {
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

    static func key(expressions: [String], flags: [UInt32], ids: [UInt32], platform: hs_platform_info_t) -> String {
        var hasher = SHA256()
        hasher.update(Array(formatVersion.utf8) + [0])
        hasher.update(Array(String(cString: hs_version()).utf8) + [0])
        hasher.update(Array("\(platform.tune) \(platform.cpu_features) \(VectorscanDatabase.scanEntryName)".utf8) + [0])
        for index in expressions.indices {
            hasher.update(Array("\(ids[index]) \(flags[index]) ".utf8))
            hasher.update(Array(expressions[index].utf8) + [0])
        }
        return SHA256.hex(hasher.finalize())
    }

    /// The cached database for `key`, or nil (no cache, no file, or a file Vectorscan refuses).
    static func load(key: String) -> OpaquePointer? {
        guard let directory, let bytes = readFile(directory + "/" + key + ".hsdb"), !bytes.isEmpty else { return nil }
        var database: OpaquePointer?
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { hs_deserialize_database($0.baseAddress, $0.count, &database) }
        }
        guard status == HS_SUCCESS, let database else { return nil }
        return database
    }

    /// Saves `database` under `key`; failures (read-only home, full disk) only cost the next run
    /// a compile, so they are not reported.
    static func store(_ database: OpaquePointer, key: String) {
        guard let directory, makeDirectories(directory) else { return }
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
        defer { free(bytes) }
        let final = directory + "/" + key + ".hsdb"
        let temporary = final + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var written = 0
        while written < length {
            let result = write(fd, bytes + written, length - written)
            if result <= 0 { break }
            written += result
        }
        close(fd)
        if written == length, rename(temporary, final) == 0 { return }
        unlink(temporary)
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 { return nil }
            if got == 0 { return result }
            result += chunk[0..<got]
        }
    }

    private static func makeDirectories(_ path: String) -> Bool {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}
