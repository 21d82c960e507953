/// Writes strings as YAML flow scalars that read back as exactly the same text.
///
/// Single-quoted style is used whenever it can hold the text, because a regex then reads as
/// written: nothing is an escape, and a `'` is doubled. It cannot hold control characters (tab
/// included: YAML trims it around folded lines), the C1 range, U+FEFF, or the characters YAML
/// treats as line breaks (U+0085, U+2028, U+2029), and it would fold a line break into a space;
/// no block style can hold control characters either, so such text is double-quoted with escapes.
package enum YAMLQuoting {
    static func quoted(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(fitsSingleQuotes) {
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if fitsSingleQuotes(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    result += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    static func fitsSingleQuotes(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xD7FF: return scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        case 0x10000...: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
