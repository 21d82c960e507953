/// The UTF-8 byte order mark some editors (Windows ones, mostly) write at the start of a text file.
/// Every pattern file reader skips it: it is never part of a pattern.
enum UTF8ByteOrderMark {
    static let bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Where the text of `file` starts: 3 after a mark, else 0.
    static func textStart(_ file: [UInt8]) -> Int { file.starts(with: bytes) ? bytes.count : 0 }

    /// `file` without a leading mark.
    static func text(_ file: [UInt8]) -> ArraySlice<UInt8> { file[textStart(file)...] }
}
