/// What both inflaters decide the same way, in one place so their errors stay word for word equal:
/// where a member starts, what may follow the last member, and how truncation is reported.
package enum GzipMemberRules {
    /// A new member starts with the gzip magic bytes.
    static func isMemberStart(_ next: UnsafePointer<UInt8>, available: Int) -> Bool {
        available >= 2 && next[0] == 0x1F && next[1] == 0x8B
    }

    /// ID1 ID2 CM FLG: what `checkHeader` reads before a decoder sees the member.
    static let fixedHeaderBytes = 4

    /// RFC 1952 requires a decoder to reject a member whose FLG has any of bits 5-7 set; zlib does,
    /// ISA-L does not, so it is checked here for both. (Shorter input is left to the decoder,
    /// which reports the truncation.)
    static func checkHeader(_ bytes: UnsafePointer<UInt8>, available: Int, member: Int, consumed: Int) throws(InputError) {
        guard available >= fixedHeaderBytes, bytes[0] == 0x1F, bytes[1] == 0x8B else { return }
        if bytes[3] & 0xE0 != 0 {
            throw InputError(.corruptGzip, "reserved header flags set (RFC 1952) in gzip member \(member) near compressed byte \(consumed + 3)")
        }
    }

    /// Bytes after the last member: zeros are padding some archivers add; anything else is not gzip.
    static func checkPadding(_ bytes: UnsafePointer<UInt8>, count: Int, consumed: Int) throws(InputError) {
        for index in 0..<count where bytes[index] != 0 {
            throw InputError(.corruptGzip,
                "\(consumed + index) bytes of gzip data are followed by bytes that are not gzip (trailing garbage)")
        }
    }

    static func truncated(member: Int, consumed: Int) -> InputError {
        InputError(.truncatedGzip, "gzip data ends early (member \(member), after \(consumed) compressed bytes): file truncated?")
    }
}
