/// Finds bytes that are not well-formed UTF-8 (Unicode table 3-7: no overlongs, surrogates or
/// code points above U+10FFFF). Vectorscan's UTF-8 mode is undefined on such input, so lines that
/// hold one are left to PCRE2, whose `PCRE2_MATCH_INVALID_UTF` mode defines them.
enum UTF8Validation {
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
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
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
            default: return index
            }
            guard index + continuation < end else { return index }
            let second = base[index + 1]
            guard second >= secondLow, second <= secondHigh else { return index }
            var next = 2
            while next <= continuation {
                guard base[index + next] & 0xC0 == 0x80 else { return index }
                next += 1
            }
            index += continuation + 1
        }
        return nil
    }
}
