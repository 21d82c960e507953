import Foundation
import LogScan

/// Foundation's JSON parser as the oracle for logscan's JSON readers, and the places where the two
/// are meant to differ, so that only an unexplained disagreement is a finding.
enum JSONOracle {
    /// Whether Foundation parses `bytes` as one JSON value (scalars too).
    static func accepts(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
    }

    /// Why Foundation and a strict RFC 8259 reader that keeps lone surrogates (as Python's json
    /// does, and logscan's tokenizer) may disagree on `bytes`, or nil when they must agree.
    static func knownDifference(_ bytes: [UInt8]) -> String? {
        if hasTrailingComma(bytes) { return "trailing comma (Foundation accepts it, JSON does not)" }
        if containsSurrogateEscape(bytes) { return "a \\uD800-\\uDFFF escape (Foundation refuses lone surrogates)" }
        if String(validating: bytes, as: UTF8.self) == nil { return "ill-formed UTF-8 (Foundation refuses it)" }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "a byte-order mark" }
        if bytes.contains(0) { return "a NUL byte (Foundation takes it as the end of the text)" }
        if hasLongNumber(bytes) { return "a number over \(JSONTokenizer.maxNumberLength) characters (the tokenizer's bound)" }
        if mayOverflowDouble(bytes) { return "a number beyond Double's range (Foundation refuses it, JSON allows it)" }
        if bytes.lazy.filter({ $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }).count >= 500 {
            return "deep nesting (each parser has its own bound)"
        }
        return nil
    }

    /// A `,` before a closing bracket, outside strings.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, pendingComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; pendingComma = false
            case UInt8(ascii: ","): pendingComma = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"): if pendingComma { return true }
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: pendingComma = false
            }
        }
        return false
    }

    /// A run of number characters as long as the tokenizer's bound.
    private static func hasLongNumber(_ bytes: [UInt8]) -> Bool {
        var run = 0
        for byte in bytes {
            let numeric = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
            run = numeric ? run + 1 : 0
            if run >= JSONTokenizer.maxNumberLength { return true }
        }
        return false
    }

    /// An exponent of three or more digits, or a run of 300 digits.
    private static func mayOverflowDouble(_ bytes: [UInt8]) -> Bool {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var run = 0
        for (index, byte) in bytes.enumerated() {
            run = isDigit(byte) ? run + 1 : 0
            if run >= 300 { return true }
            guard byte | 0x20 == UInt8(ascii: "e") else { continue }
            var next = index + 1
            if next < bytes.count, bytes[next] == UInt8(ascii: "+") || bytes[next] == UInt8(ascii: "-") { next += 1 }
            if bytes[min(next, bytes.count)...].prefix(while: isDigit).count >= 3 { return true }
        }
        return false
    }

    /// `\u` followed by D8-DF: a surrogate, paired or not.
    private static func containsSurrogateEscape(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0..<(bytes.count - 3) where bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u")
            && (bytes[index + 2] | 0x20) == UInt8(ascii: "d") {
            let next = bytes[index + 3] | 0x20
            if (UInt8(ascii: "8")...UInt8(ascii: "9")).contains(next) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(next) { return true }
        }
        return false
    }
}
