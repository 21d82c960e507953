/// Diagnostics are one line each (`file:line: message`), so that `grep`, CI annotations and
/// people can rely on one problem per line. Text taken from inputs (YAML source, ids, paths,
/// regexes) may hold line breaks and other control characters: they are written as escapes.
package enum OneLineText {
    /// `\n`, `\r`, `\t` by name; other C0 controls and DEL as `\xHH`; C1 controls as `\u{HH}`.
    /// Backslashes are left alone, so that regexes read as written.
    package static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\x" + hex(scalar.value)
            case _ where isControl(scalar): escaped += "\\u{" + hex(scalar.value) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
