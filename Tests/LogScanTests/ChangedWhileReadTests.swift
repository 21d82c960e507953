import Foundation
import Glibc
@testable import Input
@testable import LogScan
import Testing

/// A plain file that changes between open and its last read gets a `changed-while-read` error
/// instead of counts that match neither version. The file is opened and partly read (peeked)
/// through the product's own opener, changed by the test, then scanned to its end by the
/// product's scanner, so the check that runs is the one every scan runs.
@Suite struct ChangedWhileReadTests {
    static let lines = Array(String(repeating: "step ok\nFAIL here\n", count: 20_000).utf8)

    /// Opens `name` holding `lines`, reads its first 64 KiB, runs `change` on its path, then
    /// scans the rest through a 4 KiB buffer.
    func scanChanged(_ change: (URL) throws -> Void) throws -> DocumentResult {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Fixture.write(Self.lines, to: directory.appendingPathComponent("live.log"))
        let opened = try InputOpener.open(.file(file.path))
        _ = try opened.source.peek(65_536)
        try change(file)
        let scanner = DocumentScanner(patterns: try Fixture.patternSet(["FAIL"]), options: ScanOptions(bufferCapacity: 4096))
        return scanner.scan(opened, location: .file(file.path), pipelined: false).last!
    }

    @Test func truncatedWhileReadIsAnError() throws {
        let result = try scanChanged { try FileHandle(forWritingTo: $0).truncate(atOffset: 100_000) }
        #expect(result.error?.kind == .changedWhileRead)
        #expect(result.error?.message.contains("shrank from \(Self.lines.count) to 100000 bytes") == true, "\(String(describing: result.error))")
    }

    @Test func grownWhileReadIsAnError() throws {
        let result = try scanChanged { url in
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("FAIL appended\n".utf8))
            try handle.close()
        }
        #expect(result.error?.kind == .changedWhileRead)
        #expect(result.error?.message.contains("grew from") == true)
    }

    @Test func rewrittenInPlaceWithTheSameSizeIsAnError() throws {
        let result = try scanChanged { url in
            let handle = try FileHandle(forWritingTo: url)
            try handle.seek(toOffset: 200_000)
            try handle.write(contentsOf: Data("XXXX".utf8))
            try handle.close()
            // The same second as the open can hold both versions: set a distinct time.
            var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
        #expect(result.error?.kind == .changedWhileRead)
        #expect(result.error?.message.contains("modified") == true)
    }

    @Test func deletedWhileOpenButReadInFullIsFine() throws {
        let result = try scanChanged { try FileManager.default.removeItem(at: $0) }
        #expect(result.error == nil)
        #expect(result.tally.counts == [20_000])
        #expect(result.tally.bytes == Self.lines.count)
    }

    @Test func unchangedFileHasNoError() throws {
        let result = try scanChanged { _ in }
        #expect(result.error == nil)
        #expect(result.tally.counts == [20_000])
    }
}
