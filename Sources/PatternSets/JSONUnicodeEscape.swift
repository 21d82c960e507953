/// `\u` escapes as JSON writes them: UTF-16 code units, a high surrogate paired with the `\u` low
/// surrogate right after it. The one decoder for pattern lists and TestGrid JSON; each caller
/// decides what a lone surrogate (valid JSON, but no character) becomes.
package enum JSONUnicodeEscape {
    package enum Decoded: Equatable {
        case scalar(UInt32)
        /// A surrogate that is not half of a pair.
        case loneSurrogate(UInt32)
    }

    /// Decodes the escape whose code unit is `first`. Only when it is a high surrogate,
    /// `takeFollowing` is asked for the code unit of an immediately following `\u` escape
    /// (nil: there is none, and nothing was consumed). One or two results, in order.
    package static func decode<E: Error>(_ first: UInt32, takeFollowing: () throws(E) -> UInt32?) throws(E) -> [Decoded] {
        if isLowSurrogate(first) { return [.loneSurrogate(first)] }
        guard isHighSurrogate(first) else { return [.scalar(first)] }
        guard let second = try takeFollowing() else { return [.loneSurrogate(first)] }
        if isLowSurrogate(second) { return [.scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))] }
        return [.loneSurrogate(first), isHighSurrogate(second) ? .loneSurrogate(second) : .scalar(second)]
    }

    static func isHighSurrogate(_ unit: UInt32) -> Bool { (0xD800..<0xDC00).contains(unit) }
    static func isLowSurrogate(_ unit: UInt32) -> Bool { (0xDC00..<0xE000).contains(unit) }

    /// The value of one hex digit, nil for any other byte.
    package static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }

    /// Appends the UTF-8 encoding of a scalar value (below 0x110000, not a surrogate).
    package static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
