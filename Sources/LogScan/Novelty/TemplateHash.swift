/// 64-bit FNV-1a of a template's bytes: stable across runs and machines (Swift's `Hasher` is
/// seeded per process), so baselines saved by one run are read by another. With a million
/// templates the chance of any collision is about 3 in 100 million.
package enum TemplateHash {
    package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    package static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    /// 16 lowercase hex digits: the `template_id` of the output.
    package static func id(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
