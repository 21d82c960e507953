import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// ISA-L and zlib on intact and damaged gzip: the same bytes and error kind from the inflaters
/// themselves, and the same records from the scanner (which re-reads damaged files with zlib).
@Suite struct InflaterDifferentialTests {
    static func sample() throws -> [UInt8] {
        var text = ""
        for index in 0..<6000 { text += "2026-11-23T10:00:\(index % 60)Z step \(index) error: connection reset by peer \(index * 7919 % 1000)\n" }
        let first = try Fixture.gzip(Array(text.utf8))
        let second = try Fixture.gzip(Array("second member\nOOMKilled\n".utf8))
        return first + second
    }

    static func decode(_ bytes: [UInt8], _ inflater: Inflater) -> (bytes: Int, kind: InputError.Kind?) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 64)
        defer { buffer.deallocate() }
        do throws(InputError) {
            let source = try inflater.makeSource(over: MemorySource(bytes))
            var total = 0
            while true {
                let got = try source.read(into: buffer)
                if got == 0 { return (total, nil) }
                total += got
            }
        } catch {
            return (-1, error.kind)
        }
    }

    static func damaged() throws -> [(String, [UInt8])] {
        let intact = try sample()
        var variants: [(String, [UInt8])] = [("intact", intact), ("zero padding", intact + [UInt8](repeating: 0, count: 700)),
                                             ("trailing garbage", intact + Array("garbage".utf8))]
        for cut in stride(from: 1, to: intact.count, by: max(1, intact.count / 40)) {
            variants.append(("truncated at \(cut)", Array(intact[0..<cut])))
        }
        for offset in stride(from: 0, to: intact.count, by: max(1, intact.count / 40)) {
            var flipped = intact
            flipped[offset] ^= 0x5A
            variants.append(("byte \(offset) flipped", flipped))
        }
        return variants
    }

    @Test func inflatersAgreeOnErrorKindAndIntactBytes() throws {
        for (name, bytes) in try Self.damaged() {
            let isal = Self.decode(bytes, .isal)
            let zlib = Self.decode(bytes, .zlib)
            #expect(isal.kind == zlib.kind, "\(name): isal \(String(describing: isal.kind)), zlib \(String(describing: zlib.kind))")
            if zlib.kind == nil { #expect(isal.bytes == zlib.bytes, "\(name)") }
        }
    }

    @Test func scannerRecordsAreTheSameWithEitherInflater() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let patterns = try Fixture.patternSet(["error: connection reset", "OOMKilled", "step \\d+5 "])
        for (index, (name, bytes)) in try Self.damaged().enumerated() {
            let url = try Fixture.write(bytes, to: directory.appendingPathComponent("\(index).gz"))
            let isal = Fixture.scan(url, patterns, options: ScanOptions(inflater: .isal))
            let zlib = Fixture.scan(url, patterns, options: ScanOptions(inflater: .zlib))
            #expect(isal.tally.counts == zlib.tally.counts, "\(name)")
            #expect(isal.tally.bytes == zlib.tally.bytes, "\(name)")
            #expect(isal.tally.lines == zlib.tally.lines, "\(name)")
            #expect(isal.error == zlib.error, "\(name)")
        }
    }

    /// One big gzip file whose chunks are matched on another thread while it inflates reads exactly
    /// as on one thread, damaged or not.
    @Test func pipelinedInflateReadsTheSame() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = ""
        for index in 0..<200_000 { text += "line \(index) \(index % 97 == 0 ? "error: connection reset" : "ok")\n" }
        let gz = try Fixture.gzip(Array(text.utf8))
        let patterns = try Fixture.patternSet(["error: connection reset", "line \\d+7 ok"])
        for (name, bytes) in [("intact", gz), ("truncated", Array(gz[0..<(gz.count * 2 / 3)]))] {
            let url = try Fixture.write(bytes, to: directory.appendingPathComponent("\(name).gz"))
            for inflater in Inflater.allCases {
                let plain = DocumentScanner(patterns: patterns, options: ScanOptions(inflater: inflater))
                    .scan(InputItem(location: .file(url.path)))
                let piped = DocumentScanner(patterns: patterns, options: ScanOptions(jobs: 2, inflater: inflater))
                    .scan(InputItem(location: .file(url.path)), pipelined: true)
                #expect(piped.tally.counts == plain.tally.counts, "\(name) \(inflater)")
                #expect(piped.tally.bytes == plain.tally.bytes && piped.tally.lines == plain.tally.lines, "\(name) \(inflater)")
                #expect(piped.error == plain.error, "\(name) \(inflater)")
                #expect(piped.tally.storedBytes == plain.tally.storedBytes)
            }
        }
    }
}
