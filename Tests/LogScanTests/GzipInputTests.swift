import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

/// gzip handling with files made by the real gzip(1), including damaged ones.
@Suite struct GzipInputTests {
    let text = Array((0..<5000).map { "line \($0) \($0 % 7 == 0 ? "FAIL" : "ok")\n" }.joined().utf8)
    var failLines: Int { (0..<5000).filter { $0 % 7 == 0 }.count }

    func scanBytes(_ bytes: [UInt8]) throws -> DocumentResult {
        try Fixture.scan(bytes, ["FAIL", "^line"])
    }

    @Test func plainAndGzipGiveTheSameCounts() throws {
        let plain = try scanBytes(text)
        let packed = try scanBytes(try Fixture.gzip(text))
        #expect(plain.tally.counts == [failLines, 5000])
        #expect(packed.tally.counts == plain.tally.counts)
        #expect(packed.tally.lines == 5000)
        #expect(packed.tally.bytes == text.count)
        #expect(packed.tally.storedBytes < text.count)
        #expect(packed.tally.gzipLayers == 1)
        #expect(packed.error == nil)
    }

    @Test func multiMemberGzipIsReadWhole() throws {
        let half = text.count / 2
        let members = try Fixture.gzip(Array(text[..<half])) + Fixture.gzip(Array(text[half...])) + Fixture.gzip([])
        let result = try scanBytes(members)
        #expect(result.error == nil)
        #expect(result.tally.bytes == text.count)
        #expect(result.tally.counts == [failLines, 5000])
    }

    @Test func truncatedGzipKeepsWhatWasCounted() throws {
        let packed = try Fixture.gzip(text)
        let result = try scanBytes(Array(packed[..<(packed.count * 2 / 3)]))
        #expect(result.error?.kind == .truncatedGzip)
        #expect(result.tally.counts[1] > 0)
        #expect(result.tally.counts[1] < 5000)
    }

    @Test func badCRCIsReportedAfterCounting() throws {
        var packed = try Fixture.gzip(text)
        packed[packed.count - 8] ^= 0xFF  // first byte of the CRC-32 trailer
        let result = try scanBytes(packed)
        #expect(result.error?.kind == .corruptGzip)
        #expect(result.error?.message.contains("CRC") == true)
        #expect(result.tally.counts == [failLines, 5000])
    }

    @Test func badLengthTrailerIsReported() throws {
        var packed = try Fixture.gzip(text)
        packed[packed.count - 4] ^= 0x01
        let result = try scanBytes(packed)
        #expect(result.error?.kind == .corruptGzip)
        #expect(result.error?.message.contains("length") == true)
    }

    @Test func corruptDeflateDataIsReported() throws {
        var packed = try Fixture.gzip(text)
        for index in stride(from: 40, to: min(packed.count - 8, 400), by: 3) { packed[index] ^= 0x5A }
        let result = try scanBytes(packed)
        #expect(result.error?.kind == .corruptGzip)
    }

    @Test func gzipOfGzipIsUnwrapped() throws {
        let twice = try Fixture.gzip(try Fixture.gzip(text))
        let result = try scanBytes(twice)
        #expect(result.error == nil)
        #expect(result.tally.gzipLayers == 2)
        #expect(result.tally.counts == [failLines, 5000])
    }

    @Test func zeroPaddingAfterTheLastMemberIsAccepted() throws {
        let result = try scanBytes(try Fixture.gzip(text) + [UInt8](repeating: 0, count: 700))
        #expect(result.error == nil)
        #expect(result.tally.counts == [failLines, 5000])
    }

    @Test func trailingGarbageIsAnErrorButCountsStand() throws {
        let result = try scanBytes(try Fixture.gzip(text) + Array("not gzip".utf8))
        #expect(result.error?.kind == .corruptGzip)
        #expect(result.error?.message.contains("trailing garbage") == true)
        #expect(result.tally.counts == [failLines, 5000])
    }

    @Test func gzipMagicAloneIsTruncated() throws {
        let result = try scanBytes([0x1F, 0x8B])
        #expect(result.error?.kind == .truncatedGzip)
    }
}
