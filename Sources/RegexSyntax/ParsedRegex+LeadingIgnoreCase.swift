extension ParsedRegex {
    /// The regex with the `i` of a leading option setting (`(?i)`, `(?im)`) removed; nil when
    /// there is none. Settings that also unset options (`-`, `^`) are left alone.
    package var withoutLeadingIgnoreCase: String? {
        guard isValid, nodes.count > 2, nodes[2].kind == .optionSetting, nodes[2].start == 0 else { return nil }
        let setting = nodes[2]
        let letters = bytes[Int(setting.contentStart)..<Int(setting.end - 1)]
        guard letters.contains(UInt8(ascii: "i")), letters.allSatisfy(ASCII.isLetter) else { return nil }
        let remaining = letters.filter { $0 != UInt8(ascii: "i") }
        let rest = bytes[Int(setting.end)...]
        return String(decoding: remaining.isEmpty ? Array(rest) : Array("(?".utf8) + remaining + [UInt8(ascii: ")")] + rest, as: UTF8.self)
    }
}
