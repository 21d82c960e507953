/// UTF-16 and UTF-32 text, which some editors write (Windows Notepad's "Unicode"): read as UTF-8
/// lines, such a file would load as regexes full of NUL bytes, matching nothing the author wrote.
/// Recognized by a byte-order mark, or without one by where the NULs fall in the first four bytes
/// (RFC 4627's rule for JSON: the first two characters are ASCII).
enum WideTextEncoding: String {
    case utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", utf32LE = "UTF-32LE", utf32BE = "UTF-32BE"

    /// The encoding of `bytes` when it is UTF-16 or UTF-32, and how that was seen; nil otherwise.
    static func sniff(_ bytes: [UInt8]) -> (encoding: WideTextEncoding, evidence: String)? {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return (.utf32LE, "its byte-order mark") }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return (.utf32BE, "its byte-order mark") }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, "its byte-order mark") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, "its byte-order mark") }
        guard bytes.count >= 4 else { return nil }
        let zero = bytes.prefix(4).map { $0 == 0 }
        switch (zero[0], zero[1], zero[2], zero[3]) {
        case (true, true, true, false): return (.utf32BE, "the NUL bytes of its first characters")
        case (false, true, true, true): return (.utf32LE, "the NUL bytes of its first characters")
        case (true, false, true, false): return (.utf16BE, "the NUL bytes of its first characters")
        case (false, true, false, true): return (.utf16LE, "the NUL bytes of its first characters")
        default: return nil
        }
    }
}
