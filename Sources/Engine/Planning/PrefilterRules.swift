/// Textual rules deciding how far Vectorscan's view of a pattern can stand in for PCRE2's.
///
/// Vectorscan scans a buffer of many lines with `HS_FLAG_MULTILINE`; logscan counts lines the way
/// `grep -P` does, each line matched alone. The rules are deliberately over-cautious: a false
/// alarm only moves a pattern to a slower route, never changes a count.
package enum PrefilterRules {
    /// Lines longer than this are always confirmed by PCRE2, even for exact patterns, because
    /// PCRE2's match limit (which the reference path applies) can only bite on long lines.
    static let exactLineLimit = 1024
    /// More unbounded quantifiers than this could let PCRE2 hit its limit on a short line.
    static let exactUnboundedQuantifiers = 2

    /// Why the pattern must stay out of the Vectorscan database: constructs whose meaning changes
    /// between "one line" and "a buffer of lines" in a way a superset cannot cover.
    static func exclusionReason(_ regex: String) -> String? {
        for (needle, why) in [
            ("\\A", "\\A is the start of the line here, of the whole buffer in Vectorscan"),
            ("\\G", "\\G has no Vectorscan equivalent"),
            ("\\z", "\\z is the end of the line here, of the whole buffer in Vectorscan"),
            ("\\Z", "\\Z is the end of the line here, of the whole buffer in Vectorscan"),
            ("(*", "PCRE2 verbs and start-of-pattern options are PCRE2's own"),
        ] where contains(regex, needle) {
            return why
        }
        if unsetsMultiline(regex) { return "an inline option turns multiline mode off, so ^/$ would mean the buffer's ends" }
        return nil
    }

    /// Whether `needle` occurs in `regex`, byte for byte as PCRE2 reads it. String's `contains`
    /// compares Unicode-canonically through Foundation (6% of the start-up with 10,000 patterns),
    /// and the standard library's generic `firstRange(of:)` on the UTF-8 view was slower still.
    static func contains(_ regex: String, _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        var regex = regex
        return regex.withUTF8 { bytes in
            guard !needle.isEmpty, bytes.count >= needle.count else { return needle.isEmpty }
            return (0...(bytes.count - needle.count)).contains { start in
                needle.indices.allSatisfy { bytes[start + $0] == needle[$0] }
            }
        }
    }

    /// Why a report from Vectorscan's exact compile of `regex` may not be a PCRE2 match of that
    /// very line (nil when it is): a construct that can match a newline (a match could span lines),
    /// a backreference, or nested or many unbounded quantifiers (PCRE2 might give up where
    /// Vectorscan does not).
    static func confirmationReason(_ regex: String) -> String? {
        let bytes = Array(regex.utf8)
        var index = 0
        var inClass = false
        var classStart = 0
        // Per open group: does it contain a quantifier?
        var groups: [Bool] = [false]
        var unbounded = 0
        func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

        while index < bytes.count {
            let current = bytes[index]
            if current == UInt8(ascii: "\\") {
                guard let escaped = byte(index + 1) else { break }
                if let why = escapeReason(escaped, bytes, at: index + 1) { return why }
                index += (escaped == UInt8(ascii: "Q")) ? skipQuoted(bytes, from: index + 2) - index : 2
                continue
            }
            if inClass {
                if current == UInt8(ascii: "]"), index > classStart {
                    inClass = false
                } else if current == UInt8(ascii: "["), byte(index + 1) == UInt8(ascii: ":") {
                    let name = posixClassName(bytes, from: index + 2)
                    let newlineFree = ["alpha", "digit", "alnum", "upper", "lower", "punct", "xdigit", "word", "blank", "graph", "print"]
                    if !newlineFree.contains(name) {
                        return "POSIX class [:\(name):] can match a newline"
                    }
                }
                index += 1
                continue
            }
            switch current {
            case UInt8(ascii: "["):
                if byte(index + 1) == UInt8(ascii: "^") { return "a negated class can match a newline" }
                inClass = true
                // `]` right after `[` is a literal member, not the end.
                classStart = byte(index + 1) == UInt8(ascii: "]") ? index + 2 : index + 1
            case UInt8(ascii: "("):
                if byte(index + 1) == UInt8(ascii: "?"), let why = inlineOptionReason(bytes, from: index + 2) { return why }
                groups.append(false)
            case UInt8(ascii: ")"):
                let inner = groups.count > 1 ? groups.removeLast() : false
                let quantifier = quantifierAt(bytes, index + 1)
                if inner, quantifier == .unbounded { return "a repeated group holds a quantifier (nested repetition)" }
                if quantifier != .none || inner { groups[groups.count - 1] = true }
                if quantifier == .unbounded { unbounded += 1 }
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                // A quantifier on a single item (groups are handled at their `)`).
                if index > 0, bytes[index - 1] != UInt8(ascii: ")") {
                    let quantifier = quantifierAt(bytes, index)
                    if quantifier != .none { groups[groups.count - 1] = true }
                    if quantifier == .unbounded, !isQuantifierModifier(bytes, index) { unbounded += 1 }
                }
            default:
                break
            }
            index += 1
        }
        if unbounded > exactUnboundedQuantifiers {
            return "\(unbounded) unbounded quantifiers (PCRE2 could hit its match limit)"
        }
        return nil
    }

    /// Bounded repeats with an upper bound above this are widened for Vectorscan.
    static let widestBoundedRepeat = 20

    /// The expression given to Vectorscan: `regex` with each large bounded repeat `{m,n}` widened to
    /// `{m,}`. Vectorscan compiles such repeats very slowly (seconds for `[^']{1,300}` in UTF-8
    /// mode), and a widened repeat matches everything the original does, so the result is a
    /// superset, confirmed by PCRE2. Returns the widened repeats' text too, for `check -v`.
    static func vectorscanForm(_ regex: String) -> (expression: String, widened: [String]) {
        let bytes = Array(regex.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var widened: [String] = []
        var index = 0
        var inClass = false
        var classStart = 0
        while index < bytes.count {
            let current = bytes[index]
            if current == UInt8(ascii: "\\") {
                let end = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "Q")
                    ? skipQuoted(bytes, from: index + 2) : min(bytes.count, index + 2)
                output += bytes[index..<end]
                index = end
                continue
            }
            if inClass {
                if current == UInt8(ascii: "]"), index > classStart { inClass = false }
                output.append(current)
                index += 1
                continue
            }
            if current == UInt8(ascii: "[") {
                inClass = true
                var start = index + 1
                if start < bytes.count, bytes[start] == UInt8(ascii: "^") { start += 1 }
                classStart = start < bytes.count && bytes[start] == UInt8(ascii: "]") ? start + 1 : start
            } else if current == UInt8(ascii: "{"), quantifierAt(bytes, index) == .bounded,
                      let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) {
                let body = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                if let upper = Int(parts.last ?? ""), upper > widestBoundedRepeat {
                    let lower = parts.count == 2 ? String(parts[0].isEmpty ? "0" : parts[0]) : String(upper)
                    output += Array("{\(lower),}".utf8)
                    widened.append("{\(body)}")
                    index = close + 1
                    continue
                }
            }
            output.append(current)
            index += 1
        }
        return (String(decoding: output, as: UTF8.self), widened)
    }

    private enum Quantifier { case none, bounded, unbounded }

    /// The quantifier starting at `index`, if any.
    private static func quantifierAt(_ bytes: [UInt8], _ index: Int) -> Quantifier {
        guard index < bytes.count else { return .none }
        switch bytes[index] {
        case UInt8(ascii: "*"), UInt8(ascii: "+"): return .unbounded
        case UInt8(ascii: "?"): return .bounded
        case UInt8(ascii: "{"):
            var cursor = index + 1
            var sawComma = false
            var digitsAfterComma = 0
            var digitsBefore = 0
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "}") {
                let c = bytes[cursor]
                if c == UInt8(ascii: ",") {
                    if sawComma { return .none }
                    sawComma = true
                } else if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                    if sawComma { digitsAfterComma += 1 } else { digitsBefore += 1 }
                } else {
                    return .none  // a literal `{`
                }
                cursor += 1
            }
            guard cursor < bytes.count, digitsBefore + digitsAfterComma > 0 else { return .none }
            return sawComma && digitsAfterComma == 0 ? .unbounded : .bounded
        default: return .none
        }
    }

    /// `?` or `+` right after another quantifier makes it lazy or possessive, not a new repetition.
    private static func isQuantifierModifier(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = bytes[index - 1]
        return (bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+"))
            && (previous == UInt8(ascii: "*") || previous == UInt8(ascii: "+") || previous == UInt8(ascii: "?")
                || previous == UInt8(ascii: "}"))
    }

    /// Escapes that can match a newline, or need PCRE2 (backreferences).
    private static func escapeReason(_ escaped: UInt8, _ bytes: [UInt8], at index: Int) -> String? {
        switch escaped {
        case UInt8(ascii: "s"), UInt8(ascii: "v"), UInt8(ascii: "R"), UInt8(ascii: "W"), UInt8(ascii: "D"),
             UInt8(ascii: "H"), UInt8(ascii: "X"), UInt8(ascii: "C"), UInt8(ascii: "p"), UInt8(ascii: "P"),
             UInt8(ascii: "n"), UInt8(ascii: "c"), UInt8(ascii: "o"), UInt8(ascii: "0"):
            return "\\\(Character(UnicodeScalar(escaped))) can match a newline"
        case UInt8(ascii: "x"):
            return hexEscapeValue(bytes, from: index + 1) == 0x0A ? "\\x0a is a newline" : nil
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "g"), UInt8(ascii: "k"):
            return "backreference"
        default:
            return nil
        }
    }

    private static func hexEscapeValue(_ bytes: [UInt8], from start: Int) -> Int? {
        var cursor = start
        var digits: [UInt8] = []
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "{") {
            cursor += 1
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "}") { digits.append(bytes[cursor]); cursor += 1 }
        } else {
            while cursor < bytes.count, digits.count < 2, isHexDigit(bytes[cursor]) { digits.append(bytes[cursor]); cursor += 1 }
        }
        return Int(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    /// End of a `\Q...\E` run (index after `\E`, or the end).
    private static func skipQuoted(_ bytes: [UInt8], from start: Int) -> Int {
        var cursor = start
        while cursor + 1 < bytes.count {
            if bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == UInt8(ascii: "E") { return cursor + 2 }
            cursor += 1
        }
        return bytes.count
    }

    private static func posixClassName(_ bytes: [UInt8], from start: Int) -> String {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ":") { cursor += 1 }
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    /// `(?s)` lets `.` match a newline; `(?x)` changes what whitespace means.
    private static func inlineOptionReason(_ bytes: [UInt8], from start: Int) -> String? {
        var cursor = start
        while cursor < bytes.count {
            let c = bytes[cursor]
            if c == UInt8(ascii: "s") { return "(?s) lets . match a newline" }
            if c == UInt8(ascii: "x") { return "(?x) extended syntax" }
            let isOption = (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "-")
            if !isOption { break }
            cursor += 1
        }
        return nil
    }

    /// `(?-m)`, `(?^)`: multiline switched off inside the pattern.
    static func unsetsMultiline(_ regex: String) -> Bool {
        let bytes = Array(regex.utf8)
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") {
                if bytes[index + 2] == UInt8(ascii: "^") { return true }
                var cursor = index + 2
                var negated = false
                while cursor < bytes.count {
                    let c = bytes[cursor]
                    if c == UInt8(ascii: "-") { negated = true } else if c == UInt8(ascii: "m"), negated { return true }
                    let isOption = (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "-")
                    if !isOption { break }
                    cursor += 1
                }
            }
            index += 1
        }
        return false
    }
}
