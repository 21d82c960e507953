import Glibc

/// Substring tests inside one line, for the secondary factors `LiteralFactorMatcher` checks.
///
/// Lines are short (tens to hundreds of bytes) and there are millions of tests. glibc's `memmem`
/// first builds a shift table, which on such a line costs more than the search itself. This
/// search needs no setup. It looks at 16 positions a step and keeps those where the literal's
/// first and last bytes are both in place; only those are compared in full.
enum LineSubstringSearch {
    /// Whether `line[0..<length]` contains `literal[0..<count]`.
    static func contains(_ line: UnsafePointer<UInt8>, length: Int, _ literal: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count == 1 { return memchr(line, Int32(literal[0]), length) != nil }
        return search(line, length: length, literal, count: count, caseless: false)
    }

    /// Whether `line[0..<length]` contains `literal[0..<count]` with ASCII letters folded. Only ASCII:
    /// callers pass no literal holding `k` or `s`, which PCRE2 also folds with U+212A and U+017F.
    static func containsCaseless(_ line: UnsafePointer<UInt8>, length: Int, _ literal: UnsafePointer<UInt8>, count: Int) -> Bool {
        search(line, length: length, literal, count: count, caseless: true)
    }

    /// Inlined into each caller with `caseless` constant, so each gets its own loop.
    @inline(__always)
    private static func search(_ line: UnsafePointer<UInt8>, length: Int, _ literal: UnsafePointer<UInt8>, count: Int,
                               caseless: Bool) -> Bool {
        guard count > 0 else { return true }
        guard count <= length else { return false }
        @inline(__always) func fold(_ byte: UInt8) -> UInt8 { caseless ? folded(byte) : byte }
        @inline(__always) func fold(_ bytes: SIMD16<UInt8>) -> SIMD16<UInt8> { caseless ? folded(bytes) : bytes }
        /// The literal at `position`, its first and last bytes known to be there.
        @inline(__always) func verified(_ position: Int) -> Bool {
            if caseless { return equalCaseless(line + position + 1, literal + 1, count: count - 2) }
            return count <= 2 || memcmp(line + position + 1, literal + 1, count - 2) == 0
        }
        let raw = UnsafeRawPointer(line)
        let firstByte = fold(literal[0])
        let lastByte = fold(literal[count - 1])
        let first = SIMD16<UInt8>(repeating: firstByte)
        let last = SIMD16<UInt8>(repeating: lastByte)
        // A step at `start` reads `line[start ..< start + 15 + count]`: inside the line, as
        // `start + 16 <= positions`.
        let positions = length - count + 1
        var start = 0
        while start < positions {
            // The last step overlaps the one before rather than leaving up to 15 positions to a
            // byte loop; the positions it sees again were misses the first time.
            if start + 16 > positions {
                guard positions >= 16 else { break }
                start = positions - 16
            }
            let heads = fold(raw.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self))
            let tails = fold(raw.loadUnaligned(fromByteOffset: start + count - 1, as: SIMD16<UInt8>.self))
            var hits = bitmask((heads .== first) .& (tails .== last))
            while hits != 0 {
                if verified(start + hits.trailingZeroBitCount) { return true }
                hits &= hits - 1
            }
            start += 16
        }
        // Lines too short for one step.
        while start < positions {
            if fold(line[start]) == firstByte, fold(line[start + count - 1]) == lastByte, verified(start) { return true }
            start += 1
        }
        return false
    }

    /// One bit per lane, lane 0 the lowest: the 0xFF/0x00 lanes of a comparison gathered by a
    /// multiply (each byte's top bit lands in the top byte), as Swift has no `movemask`.
    @inline(__always)
    private static func bitmask(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt32 {
        let lanes = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: mask), to: SIMD2<UInt64>.self)
        // 0x0102040810204080 moves lane k's bit (bit 8k) to bit 56 + k.
        let low = (lanes[0] &* 0x0102_0408_1020_4080) >> 56
        let high = (lanes[1] &* 0x0102_0408_1020_4080) >> 56
        return UInt32(truncatingIfNeeded: low | (high << 8))
    }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    @inline(__always)
    private static func folded(_ bytes: SIMD16<UInt8>) -> SIMD16<UInt8> {
        bytes.replacing(with: bytes | 0x20, where: bytes &- 0x41 .< 26)
    }

    @inline(__always)
    private static func equalCaseless(_ text: UnsafePointer<UInt8>, _ literal: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index < count {
            if folded(text[index]) != folded(literal[index]) { return false }
            index += 1
        }
        return true
    }
}
