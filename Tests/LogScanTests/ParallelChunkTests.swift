import Foundation
import Testing
@testable import Engine
@testable import Input
@testable import LogScan

/// A document whose chunks are matched on several threads (`ParallelChunkMatcher`, used for the
/// last documents of a run) must give exactly the record it gives read on one thread: counts,
/// examples with their line numbers, lines, long lines; and the counts `grep -P -c` gives.
@Suite struct ParallelChunkTests {
    /// Real-shaped lines across many 4 KiB chunks: CRLF, ANSI colour, invalid UTF-8, NUL bytes,
    /// lines longer than a chunk (read on the reader's thread, between parallel chunks), and a
    /// last line without a newline.
    static func document(seed: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        // A fixed, seed-dependent mix (Fibonacci hashing of the step), so a failing document can be rebuilt.
        var step: UInt64 = 0
        func roll(_ bound: Int) -> Int {
            step += 1
            return Int(((step &+ seed &* 0x1_0000) &* 0x9E37_79B9_7F4A_7C15) >> 33) % bound
        }
        let shapes: [[UInt8]] = [
            Array("I1206 12:00:01.000 kubelet.go:42] pod started\n".utf8),
            Array("E1206 12:00:02.123 controller.go:7] error: connection reset by peer\r\n".utf8),
            Array("\u{1B}[31mFAIL\u{1B}[0m: TestOOMKilled (3.2s)\n".utf8),
            [0x62, 0x61, 0x64, 0x20, 0xC3, 0x28, 0x20, 0x4F, 0x4F, 0x4D, 0x4B, 0x69, 0x6C, 0x6C, 0x65, 0x64, 0x0A],
            [0x6E, 0x75, 0x6C, 0x00, 0x20, 0x70, 0x61, 0x6E, 0x69, 0x63, 0x3A, 0x20, 0x78, 0x0A],
            Array("--- FAIL: TestImagePull (0.01s) back-off pulling image\n".utf8),
            Array("ok\n".utf8),
            Array("\n".utf8),
        ]
        while bytes.count < 600_000 {
            let pick = roll(1000)
            if pick < 3 {
                // Longer than a 4 KiB chunk, with a match near its end.
                bytes += Array(repeating: UInt8(ascii: "x"), count: 5_000 + roll(15_001))
                bytes += Array(" error: connection reset\n".utf8)
            } else {
                bytes += shapes[pick % shapes.count]
            }
        }
        bytes += Array("last line panic: no newline".utf8)
        return bytes
    }

    static let regexes = [
        "error: connection reset", "OOMKilled", "^--- FAIL: \\w+", "(?<=\\[)31m", "panic: \\w*", "back-off.*image",
        "^ok$", "^$", "x{4000}", "\\bTest\\w+\\b \\(\\d+\\.\\d+s\\)",
    ]

    @Test(arguments: [UInt64(1), 2])
    func parallelChunksGiveTheRecordOfOneThread(seed: UInt64) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = Self.document(seed: seed)
        let plain = try Fixture.write(document, to: directory.appendingPathComponent("big.log"))
        // gzip'd in two members: inflated on a thread of its own while the worker matches.
        let cut = document.count / 3
        let gzipped = try Fixture.write(try Fixture.gzip(Array(document[..<cut])) + Fixture.gzip(Array(document[cut...])),
                                        to: directory.appendingPathComponent("big.log.gz"))
        let patterns = try Fixture.patternSet(Self.regexes)
        for url in [plain, gzipped] {
        for maxLineBytes in [ScanOptions.defaultMaxLineBytes, 8192] {
            let single = ScanOptions(jobs: 1, exampleLimit: 5, bufferCapacity: 4096, maxLineBytes: maxLineBytes)
            let reference = DocumentScanner(patterns: patterns, options: single).scan(InputItem(location: .file(url.path)))
            #expect(reference.error == nil)
            for jobs in [2, 3] {
                let options = ScanOptions(jobs: jobs, exampleLimit: 5, bufferCapacity: 4096, maxLineBytes: maxLineBytes)
                let scanner = DocumentScanner(patterns: patterns, options: options)
                // Twice through one scanner: its lanes and buffers are reused across documents.
                for round in 0..<2 {
                    let parallel = scanner.scan(InputItem(location: .file(url.path)), pipelined: true)
                    let context = "\(url.lastPathComponent), jobs \(jobs), max line \(maxLineBytes), round \(round)"
                    #expect(parallel.tally.counts == reference.tally.counts, "\(context)")
                    // Compared as a Bool: the examples hold lines of 20,000 bytes, too long to print.
                    let sameExamples = parallel.tally.examples == reference.tally.examples
                    #expect(sameExamples, "\(context): examples differ; lines \(parallel.tally.examples.map { $0.map(\.line) }) against \(reference.tally.examples.map { $0.map(\.line) })")
                    #expect(parallel.tally.limitHits == reference.tally.limitHits, "\(context)")
                    #expect(parallel.tally.lines == reference.tally.lines, "\(context)")
                    #expect(parallel.tally.bytes == reference.tally.bytes, "\(context)")
                    #expect(parallel.tally.longLines == reference.tally.longLines, "\(context)")
                    #expect(parallel.error == nil, "\(context)")
                }
            }
            if maxLineBytes == 8192 { #expect(reference.tally.longLines > 0, "the document has lines over the limit") }
        }
        }
        // And what grep -P counts, line by line, on the same file (CRs stripped: grep keeps them).
        let stripped = try Fixture.write(Self.document(seed: seed).filter { $0 != 0x0D }, to: directory.appendingPathComponent("oracle.log"))
        let scanner = DocumentScanner(patterns: patterns, options: ScanOptions(jobs: 2, keepANSI: true, bufferCapacity: 4096))
        let parallel = scanner.scan(InputItem(location: .file(stripped.path)), pipelined: true)
        for (index, regex) in Self.regexes.enumerated() {
            let expected = try Fixture.grepCount(regex, files: [stripped.path])[stripped.path] ?? 0
            #expect(parallel.tally.counts[index] == expected, "\(regex)")
        }
    }
}
