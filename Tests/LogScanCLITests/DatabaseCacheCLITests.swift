import Foundation
import Testing

/// The on-disk cache of compiled Vectorscan databases: used on the second run, never changes a
/// count, and a damaged file is compiled again and replaced.
@Suite struct DatabaseCacheCLITests {
    static func logscan(_ arguments: [String], cache: String) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.projectRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["LOGSCAN_CACHE_DIR": cache]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Scan output without the summary's timing.
    static func records(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.components(separatedBy: ",\"elapsed_s\"")[0] }
    }

    @Test func secondRunLoadsTheCacheAndCountsTheSame() throws {
        let cache = try CLITests.temporaryDirectory().appendingPathComponent("nested/cache")
        defer { try? FileManager.default.removeItem(at: cache.deletingLastPathComponent().deletingLastPathComponent()) }
        let first = try Self.logscan(["check", "-v"], cache: cache.path)
        #expect(first.status == 0 && !first.stdout.contains("from the cache"))
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".hsdb") }
        #expect(files.count == 1, "one database file: \(files)")
        let second = try Self.logscan(["check", "-v"], cache: cache.path)
        #expect(second.stdout.contains("(Vectorscan database from the cache)"))

        let cached = try Self.logscan(["scan", "-q", "--examples", "1", "corpus"], cache: cache.path)
        let uncached = try Self.logscan(["scan", "-q", "--examples", "1", "corpus"], cache: "off")
        #expect(cached.status == 0 && Self.records(cached.stdout) == Self.records(uncached.stdout))

        // A damaged file (Vectorscan checks its CRC) is compiled again and replaced.
        let path = cache.appendingPathComponent(files[0]).path
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let damaged = try Self.logscan(["check", "-v"], cache: cache.path)
        #expect(damaged.status == 0 && !damaged.stdout.contains("from the cache"))
        let rescanned = try Self.logscan(["scan", "-q", "--examples", "1", "corpus"], cache: cache.path)
        #expect(Self.records(rescanned.stdout) == Self.records(uncached.stdout))
        #expect(try Self.logscan(["check", "-v"], cache: cache.path).stdout.contains("from the cache"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: path))
        #expect(Self.records(try Self.logscan(["scan", "-q", "corpus"], cache: cache.path).stdout)
                == Self.records(try Self.logscan(["scan", "-q", "corpus"], cache: "off").stdout))
    }
}
