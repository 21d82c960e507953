/// The part of a confirmed pattern Vectorscan needs to search: the regex from the first literal
/// of `minimumLiteralLength` bytes, when a repeat without bound comes before it and all before
/// it is simple (shorter literals, classes, escapes, quantifiers).
///
/// Such a head is what makes Vectorscan's automata slow, and for a pattern PCRE2 confirms anyway
/// it buys nothing: a line matching `H S` holds a match of `S`, so searching `S` names a superset
/// of the lines. The 33 generated klog patterns (`^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\]
/// .*\blease\b`) scanned 67 MB in 0.17 s whole and 0.08 s from `.go:` on, with 11 % more reports.
///
/// Only what is fully understood is cut: leading option settings are kept, the head must hold
/// nothing but literals, classes, escapes and quantifiers (no group, no alternation, nothing
/// that could change how the rest matches), and a regex with a top-level `|` is left whole.
package enum SearchSuffix {
    /// A literal run at least this long starts the suffix.
    static let minimumLiteralLength = 4

    /// The suffix to search instead of `regex`, and the literal it starts with; nil when the regex
    /// is better searched whole.
    static func of(_ regex: String) -> (expression: String, literal: String)? {
        let bytes = Array(regex.utf8)
        var index = 0
        // Leading option settings apply to the rest: keep them.
        while index + 2 < bytes.count, bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") {
            var end = index + 2
            while end < bytes.count, Set("imsU".utf8).contains(bytes[end]) { end += 1 }
            guard end > index + 2, end < bytes.count, bytes[end] == UInt8(ascii: ")") else { break }
            index = end + 1
        }
        let options = index
        guard !hasTopLevelAlternation(bytes, from: options) else { return nil }
        var runStart = -1
        var runLength = 0
        var runEnd = 0
        var best: (start: Int, length: Int, end: Int) = (-1, 0, 0)
        var unboundedBefore = false
        var literalFirst = false
        func endRun() {
            if best.start < 0, runStart >= 0, runLength >= minimumLiteralLength {
                // A literal before any unbounded repeat anchors the search already: keep it.
                if unboundedBefore { best = (runStart, runLength, runEnd) } else { literalFirst = true }
            }
            runStart = -1
            runLength = 0
        }
        while index < bytes.count, best.start < 0, !literalFirst {
            let atomStart = index
            var literalLength = 0
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "|") { break }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                let escaped = bytes[index + 1]
                if escaped >= 0x80 { return nil }
                if escaped.isASCIIDigit || escaped.isASCIILetter {
                    guard Set("dDwWsShHvVbB".utf8).contains(escaped) else { return nil }  // \x \p \Q \K \1 \A …
                } else {
                    literalLength = 1
                }
                index += 2
            } else if byte == UInt8(ascii: "[") {
                guard let end = LiteralSignature.classEnd(bytes, from: index) else { return nil }
                index = end
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "^") {
                index += 1
            } else if byte == UInt8(ascii: "$") || Set("*+?{".utf8).contains(byte) {
                return nil
            } else {
                index += 1
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                literalLength = index - atomStart
            }
            let quantifier = readQuantifier(bytes, &index)
            guard quantifier.valid else { return nil }
            if literalLength > 0, !quantifier.present {
                if runStart < 0 { runStart = atomStart }
                runLength += literalLength
                runEnd = index
            } else {
                endRun()
                if quantifier.unbounded { unboundedBefore = true }
            }
        }
        endRun()
        guard best.start > options else { return nil }
        let prefix = String(decoding: bytes[0..<options], as: UTF8.self)
        let suffix = String(decoding: bytes[best.start...], as: UTF8.self)
        let literal = String(decoding: bytes[best.start..<best.end], as: UTF8.self)
        return (prefix + suffix, literal)
    }

    /// True when `|` occurs outside every group (and class) from `start` on.
    static func hasTopLevelAlternation(_ bytes: [UInt8], from start: Int) -> Bool {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "["): index = (LiteralSignature.classEnd(bytes, from: index) ?? bytes.count) - 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "|") where depth == 0: return true
            default: break
            }
            index += 1
        }
        return false
    }

    /// Reads `? * + {m} {m,} {m,n}` with a lazy or possessive suffix at `index`.
    private static func readQuantifier(_ bytes: [UInt8], _ index: inout Int) -> (present: Bool, unbounded: Bool, valid: Bool) {
        guard index < bytes.count else { return (false, false, true) }
        var unbounded = false
        switch bytes[index] {
        case UInt8(ascii: "?"):
            index += 1
        case UInt8(ascii: "*"), UInt8(ascii: "+"):
            unbounded = true
            index += 1
        case UInt8(ascii: "{"):
            var end = index + 1
            while end < bytes.count, bytes[end].isASCIIDigit || bytes[end] == UInt8(ascii: ",") { end += 1 }
            let body = bytes[(index + 1)..<min(end, bytes.count)]
            guard end < bytes.count, bytes[end] == UInt8(ascii: "}"), let first = body.first, first.isASCIIDigit,
                  body.filter({ $0 == UInt8(ascii: ",") }).count <= 1 else { return (false, false, false) }
            unbounded = body.last == UInt8(ascii: ",")
            index = end + 1
        default:
            return (false, false, true)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        return (true, unbounded, true)
    }
}

private extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
}
