/// Rust `regex` syntax that PCRE2 accepts but reads differently, so an imported rule would count
/// other lines than it does in the tool it came from without any error. Rust syntax PCRE2 refuses
/// is reported by compilation anyway; the Unicode meaning of `\d \w \s \b` in Rust (ASCII in
/// logscan, as in `grep -P`) concerns every rule and is documented once in the README.
package enum RustRegexDifferences {
    /// One message per construct found, in the order they occur.
    static func find(in regex: String) -> [String] {
        let bytes = Array(regex.utf8)
        var found: [String] = []
        func add(_ message: String) { if !found.contains(message) { found.append(message) } }
        var index = 0
        var classDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if classDepth == 0 {
                    if next == UInt8(ascii: "<") || next == UInt8(ascii: ">") {
                        add("`\\\(Character(Unicode.Scalar(next)))` is a word boundary in Rust but a literal `\(Character(Unicode.Scalar(next)))` in PCRE2 (use \\b)")
                    }
                    if next == UInt8(ascii: "b"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "{") {
                        add("`\\b{...}` is a Rust word-boundary assertion; PCRE2 reads `\\b` then a literal `{...}`")
                    }
                }
                index += 2
                continue
            }
            if classDepth > 0 {
                if byte == UInt8(ascii: "]") {
                    classDepth -= 1
                } else if byte == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: ":") {
                    add("a nested class `[...[...]...]` is a union in Rust; PCRE2 ends the class at the first `]`")
                    classDepth += 1
                } else if index + 1 < bytes.count, bytes[index + 1] == byte,
                          byte == UInt8(ascii: "&") || byte == UInt8(ascii: "~") || (byte == UInt8(ascii: "-") && index + 2 < bytes.count && bytes[index + 2] != UInt8(ascii: "]")) {
                    add("`\(String(decoding: [byte, byte], as: UTF8.self))` inside a class is a set operation in Rust; PCRE2 reads the characters literally")
                } else if byte == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") {
                    // A POSIX class such as [:alpha:] means the same in both.
                    if let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "]")) { index = close }
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") {
                classDepth = 1
                index += 1
                // A `]` (after an optional `^`) right at the start is a literal in both.
                if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "("), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                var cursor = index + 2
                while cursor < bytes.count, isFlag(bytes[cursor]) {
                    if bytes[cursor] == UInt8(ascii: "R") {
                        add("flag `R` (CRLF mode) in Rust; PCRE2 reads `(?R)` as recursion of the whole pattern")
                    }
                    cursor += 1
                }
            }
            index += 1
        }
        return found
    }

    private static func isFlag(_ byte: UInt8) -> Bool {
        ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == UInt8(ascii: "-")
    }
}
