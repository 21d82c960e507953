/// The gzip decoder. Both give the same bytes and the same error kinds; `zlib` is the reference.
package enum Inflater: String, Sendable, CaseIterable {
    /// ISA-L's igzip: streaming, about 3x zlib's speed.
    case isal
    /// zlib's `inflate`.
    case zlib

    package func makeSource(over inner: ByteSource) throws(InputError) -> ByteSource {
        switch self {
        case .isal: return try GzipSource<IsalDecoder>(inner: inner)
        case .zlib: return try GzipSource<ZlibDecoder>(inner: inner)
        }
    }
}
