/// What both inflaters decide the same way, in one place so their errors stay word for word equal:
/// where a member starts, what may follow the last member, and how truncation is reported.
package enum GzipMemberRules {
    /// A new member starts with the gzip magic bytes.
    static func isMemberStart(_ next: UnsafePointer<UInt8>, available: Int) -> Bool {
        available >= 2 && next[0] == 0x1F && next[1] == 0x8B
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
