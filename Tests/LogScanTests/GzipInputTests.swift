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

    /// RFC 1952: a decoder must reject FLG bits 5-7. zlib did and ISA-L did not, so the same file
    /// gave two different records; both now give this one, in the first member and in a later one.
    @Test(arguments: Inflater.allCases)
    func reservedHeaderFlagsAreCorruptWithEitherInflater(_ inflater: Inflater) throws {
        var first = try Fixture.gzip(Array("OOMKilled\n".utf8))
        first[3] |= 0xE0
        let result = try Fixture.scan(first, ["OOMKilled"], options: ScanOptions(inflater: inflater))
        #expect(result.error?.kind == .corruptGzip)
        #expect(result.error?.message == "reserved header flags set (RFC 1952) in gzip member 1 near compressed byte 3")
        #expect(result.tally.counts == [0])

        let good = try Fixture.gzip(text)
        var later = try Fixture.gzip(Array("OOMKilled\n".utf8))
        later[3] |= 0x20
        let second = try Fixture.scan(good + later, ["FAIL"], options: ScanOptions(inflater: inflater))
        #expect(second.error?.kind == .corruptGzip)
        #expect(second.error?.message == "reserved header flags set (RFC 1952) in gzip member 2 near compressed byte \(good.count + 3)")
        #expect(second.tally.counts == [failLines], "the first member still counts")
    }
}
