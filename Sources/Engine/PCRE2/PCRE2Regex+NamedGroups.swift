import CLogScanPCRE2

extension PCRE2Regex {
    /// The named capture groups, by group number: `(?<job>…)` is `(number, "job")`. Read from
    /// PCRE2's name table, whose entries are a big-endian group number followed by the NUL-terminated name.
    package var namedGroups: [(number: Int, name: String)] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [] }
        var groups: [(number: Int, name: String)] = []
        for index in 0..<Int(count) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize), entry[end] != 0 { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
            groups.append((number, name))
        }
        return groups.sorted { $0.number < $1.number }
    }
}
