/// What every chunk needs to know before it is matched, found in one pass over its bytes: how many
/// lines it holds and where its first ill-formed UTF-8 is (for the Vectorscan route, whose UTF-8
/// mode is undefined there). One pass instead of two: each is memory-bound on its own.
struct ChunkSurvey: Equatable {
    /// Lines: `\n`s, plus one for a last line without one.
    var lines: Int
    /// Offset of the first byte not in a well-formed sequence (`UTF8Validation.firstInvalid`), nil
    /// when the chunk is valid or when it was not asked for.
    var firstInvalid: Int?

    /// Surveys `base[0..<length]`; `validating` false skips the UTF-8 check (no route needs it).
    static func survey(_ base: UnsafePointer<UInt8>, length: Int, validating: Bool) -> ChunkSurvey {
        guard length > 0 else { return ChunkSurvey(lines: 0, firstInvalid: nil) }
        let raw = UnsafeRawPointer(base)
        let newlines = SIMD16<UInt8>(repeating: LineIndex.newline)
        let zero = SIMD16<UInt8>()
        let one = SIMD16<UInt8>(repeating: 1)
        var checking = validating
        var firstInvalid: Int?
        // Bytes before `validated` are known well-formed (a sequence may end past a block's end).
        var validated = 0
        var count = 0
        var index = 0
        while index + 64 <= length {
            // Per-lane tallies, at most 4 per block: 63 blocks stay under 256.
            var tally = zero
            var blocks = 0
            while blocks < 63, index + 64 <= length {
                let a = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                let b = raw.loadUnaligned(fromByteOffset: index + 16, as: SIMD16<UInt8>.self)
                let c = raw.loadUnaligned(fromByteOffset: index + 32, as: SIMD16<UInt8>.self)
                let d = raw.loadUnaligned(fromByteOffset: index + 48, as: SIMD16<UInt8>.self)
                tally &+= zero.replacing(with: one, where: a .== newlines)
                tally &+= zero.replacing(with: one, where: b .== newlines)
                tally &+= zero.replacing(with: one, where: c .== newlines)
                tally &+= zero.replacing(with: one, where: d .== newlines)
                // Logs are mostly ASCII: only a block with a high bit set is checked byte by byte.
                // (As two words: `any` on a mask is not specialized and costs a call per block.)
                let words = unsafeBitCast(a | b | c | d, to: SIMD2<UInt64>.self)
                if checking, (words[0] | words[1]) & 0x8080_8080_8080_8080 != 0 {
                    let end = index + 64
                    var cursor = max(validated, index)
                    while cursor < end {
                        if base[cursor] < 0x80 {
                            // Most of such a block is still ASCII: skip it a word at a time, to the
                            // word's first byte with its high bit set.
                            if cursor + 8 <= end {
                                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
                                let high = word & 0x8080_8080_8080_8080
                                cursor += high == 0 ? 8 : high.trailingZeroBitCount >> 3
                            } else {
                                cursor += 1
                            }
                            continue
                        }
                        let sequence = UTF8Validation.sequenceLength(base, at: cursor, end: length)
                        if sequence == 0 {
                            firstInvalid = cursor
                            checking = false
                            break
                        }
                        cursor += sequence
                    }
                    validated = cursor
                }
                index += 64
                blocks += 1
            }
            count += Int(SIMD16<UInt16>(truncatingIfNeeded: tally).wrappedSum())
        }
        if checking, max(validated, index) < length {
            firstInvalid = UTF8Validation.firstInvalid(base, from: max(validated, index), to: length)
        }
        while index < length {
            if base[index] == LineIndex.newline { count += 1 }
            index += 1
        }
        return ChunkSurvey(lines: count + (base[length - 1] == LineIndex.newline ? 0 : 1), firstInvalid: firstInvalid)
    }
}
