/// Lets the opener look at the first bytes (gzip magic) without losing them.
package final class PeekableSource: ByteSource {
    private let inner: ByteSource
    private var prefix: [UInt8] = []
    private var prefixOffset = 0

    init(_ inner: ByteSource) { self.inner = inner }

    /// Up to `count` first bytes; fewer only at the end of the stream.
    ///
    /// Read in steps of at most `peekStep` bytes into an uninitialized scratch: TestGrid detection
    /// asks for 256 KiB of every document, and most logs are far shorter.
    package func peek(_ count: Int) throws(InputError) -> [UInt8] {
        if prefix.count < count && !ended {
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: min(count - prefix.count, Self.peekStep), alignment: 16)
            defer { scratch.deallocate() }
            while prefix.count < count {
                let want = min(count - prefix.count, scratch.count)
                let got = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<want]))
                if got == 0 {
                    ended = true
                    break
                }
                prefix += UnsafeRawBufferPointer(rebasing: scratch[0..<got])
            }
        }
        return prefix.count <= count ? prefix : Array(prefix.prefix(count))
    }

    static let peekStep = 64 << 10
    /// The stream ended while peeking: a longer peek need not ask again.
    private var ended = false

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
