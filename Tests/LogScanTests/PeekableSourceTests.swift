@testable import Input
import Testing

/// The opener's look at a document's first bytes (gzip magic, then 256 KiB for TestGrid detection)
/// loses nothing and reads only what the document has.
@Suite struct PeekableSourceTests {
    /// Bytes served a few thousand at a time, as a pipe serves them.
    final class ShortReads: ByteSource {
        let bytes: [UInt8]
        let most: Int
        var offset = 0
        var reads = 0
        init(_ bytes: [UInt8], most: Int) {
            self.bytes = bytes
            self.most = most
        }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            reads += 1
            let count = min(buffer.count, most, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            return count
        }
    }

    static func drain(_ source: ByteSource) throws -> [UInt8] {
        var all: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10_000, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let got = try source.read(into: buffer)
            if got == 0 { return all }
            all += UnsafeRawBufferPointer(rebasing: buffer[0..<got])
        }
    }

    @Test(arguments: [0, 1, 63, 64, 65_535, 65_536, 200_000, 262_144, 300_001])
    func peeksThenReadsEveryByteInOrder(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let inner = ShortReads(bytes, most: 7_001)
        let source = PeekableSource(inner)
        #expect(try source.peek(64) == Array(bytes.prefix(64)))
        #expect(try source.peek(256 << 10) == Array(bytes.prefix(256 << 10)))
        #expect(try source.peek(64) == Array(bytes.prefix(64)))
        #expect(try Self.drain(source) == bytes)
    }

    /// A short document is read once to its end, not asked again by a second, longer peek.
    @Test func aShortDocumentEndsThePeek() throws {
        let inner = ShortReads(Array(repeating: UInt8(ascii: "x"), count: 100), most: 1 << 20)
        let source = PeekableSource(inner)
        #expect(try source.peek(64).count == 64)
        #expect(try source.peek(256 << 10).count == 100)
        let reads = inner.reads
        #expect(try source.peek(256 << 10).count == 100)
        #expect(inner.reads == reads)
    }
}
