/// A 64-bit hash of a template's bytes, read 8 at a time (little-endian, so the same on every
/// machine) with a multiply-xorshift mix per word and a final avalanche: stable across runs (Swift's
/// `Hasher` is seeded per process), so baselines saved by one run are read by another. With a
/// million templates the chance of any collision is about 3 in 100 million.
package enum TemplateHash {
    package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        if index < count {
            var word: UInt64 = 0
            for offset in 0..<(count - index) { word |= UInt64(bytes[index + offset]) << (8 * offset) }
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        hash ^= hash >> 32
        hash &*= 0xD6E8_FEB8_6659_FD93
        hash ^= hash >> 32
        return hash
    }

    package static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    /// 16 lowercase hex digits: the `template_id` of the output.
    package static func id(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
