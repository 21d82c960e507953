/// Finds bytes that are not well-formed UTF-8 (Unicode table 3-7: no overlongs, surrogates or
/// code points above U+10FFFF). Vectorscan's UTF-8 mode is undefined on such input, so lines that
/// hold one are scanned as a repaired copy (see `copyReplacingIllFormed`) and every report on them
/// is decided by PCRE2, whose `PCRE2_MATCH_INVALID_UTF` mode defines them.
package enum UTF8Validation {
    /// Offset of the first ill-formed sequence in `base[start..<end]`, nil when all of it is valid.
    static func firstInvalid(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let raw = UnsafeRawPointer(base)
        var index = start
        while index < end {
            // Logs are mostly ASCII: check 16 bytes per step until a byte with the high bit set.
            while index + 16 <= end {
                let low = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let high = raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                if (low | high) & 0x8080_8080_8080_8080 != 0 { break }
                index += 16
            }
            guard index < end else { return nil }
            if base[index] < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(base, at: index, end: end)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `index` (Unicode table 3-7), at most
    /// running to `end`; 0 when the bytes there are ill-formed.
    @inline(__always)
    package static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int {
        let lead = base[index]
        if lead < 0x80 { return 1 }
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        let continuation: Int
        switch lead {
        case 0xC2...0xDF: continuation = 1
        case 0xE0: continuation = 2; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: continuation = 2
        case 0xED: continuation = 2; secondHigh = 0x9F
        case 0xF0: continuation = 3; secondLow = 0x90
        case 0xF1...0xF3: continuation = 3
        case 0xF4: continuation = 3; secondHigh = 0x8F
        default: return 0
        }
        guard index + continuation < end else { return 0 }
        let second = base[index + 1]
        guard second >= secondLow, second <= secondHigh else { return 0 }
        var next = 2
        while next <= continuation {
            guard base[index + next] & 0xC0 == 0x80 else { return 0 }
            next += 1
        }
        return continuation + 1
    }

    /// Copies `source[0..<count]` to `destination`, each byte that does not belong to a well-formed
    /// sequence replaced by NUL. `firstInvalid` is where the first such byte is (all before it is
    /// copied as it is).
    ///
    /// Why the copy may stand in for the line before PCRE2: under `PCRE2_MATCH_INVALID_UTF` an
    /// ill-formed byte never matches anything and no match crosses it, so every match lies in
    /// well-formed text, which the copy keeps byte for byte at the same offsets. A NUL, like such a
    /// byte, is neither a word character nor a line end, so `\b`, `\B`, `^` and `$` next to it
    /// hold as they do in PCRE2; what a NUL adds (`.` or `[^x]` matching it) only adds candidates.
    static func copyReplacingIllFormed(_ source: UnsafePointer<UInt8>, count: Int, firstInvalid: Int,
                                       into destination: UnsafeMutablePointer<UInt8>) {
        destination.update(from: source, count: count)
        var bad: Int? = firstInvalid
        while let index = bad {
            destination[index] = 0
            // One byte at a time: a continuation byte after it is ill-formed on its own, and a
            // well-formed sequence starting right after it is kept.
            bad = index + 1 < count ? Self.firstInvalid(source, from: index + 1, to: count) : nil
        }
    }
}

