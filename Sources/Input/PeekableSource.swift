/// Lets the opener look at the first bytes (gzip magic) without losing them.
package final class PeekableSource: ByteSource {
    private let inner: ByteSource
    private var prefix: [UInt8] = []
    private var prefixOffset = 0

    init(_ inner: ByteSource) { self.inner = inner }

    /// Up to `count` first bytes; fewer only at the end of the stream.
    package func peek(_ count: Int) throws(InputError) -> [UInt8] {
        var scratch = [UInt8](repeating: 0, count: count)
        while prefix.count < count {
            let want = count - prefix.count
            let got = try ByteSourceReading.read(inner, into: &scratch, upTo: want)
            if got == 0 { break }
            prefix += scratch[0..<got]
        }
        return Array(prefix.prefix(count))
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if prefixOffset < prefix.count {
            let count = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { bytes in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + prefixOffset, byteCount: count)
            }
            prefixOffset += count
            return count
        }
        return try inner.read(into: buffer)
    }
}
