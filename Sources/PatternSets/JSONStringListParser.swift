/// Reads a JSON array of strings (RFC 8259), keeping the line each string starts on so that
/// patterns imported from it can be reported by file and line. Anything else (numbers, objects,
/// nested arrays, trailing commas, text after the closing bracket) is an error naming the line.
package enum JSONStringListParser {
    struct Element: Equatable {
        var value: String
        var line: Int
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func parse(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> [Element] {
        var reader = Reader(bytes: bytes, fileName: fileName)
        return try reader.parseDocument()
    }

    private struct Reader: ByteReading {
        static let dialect = "JSON list"
        let bytes: [UInt8]
        let fileName: String
        var index = 0
        var line = 1

        init(bytes: [UInt8], fileName: String) {
            self.bytes = bytes
            self.fileName = fileName
            index = Self.startIndex(bytes)
        }

        mutating func skipWhitespace() {
            while index < bytes.count, JSONStringListParser.isWhitespace(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }


        mutating func parseDocument() throws(PatternSetError) -> [Element] {
            skipWhitespace()
            guard current == UInt8(ascii: "[") else { throw fail("expected `[` (a JSON array of regex strings)") }
            index += 1
            var elements: [Element] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard current == UInt8(ascii: "\"") else {
                        throw fail(current == nil ? "the array is not closed"
                                   : "element \(elements.count + 1) is not a string (each regex must be a JSON string)")
                    }
                    let start = line
                    elements.append(Element(value: try parseString(), line: start))
                    skipWhitespace()
                    if current == UInt8(ascii: ",") {
                        index += 1
                        skipWhitespace()
                        if current == UInt8(ascii: "]") { throw fail("trailing comma before `]`") }
                        continue
                    }
                    if current == UInt8(ascii: "]") {
                        index += 1
                        break
                    }
                    throw fail(current == nil ? "the array is not closed" : "expected `,` or `]` after element \(elements.count)")
                }
            }
            skipWhitespace()
            if current != nil { throw fail("unexpected text after the closing `]`") }
            return elements
        }

        /// At an opening quote; returns the decoded string and leaves `index` after the closing quote.
        mutating func parseString() throws(PatternSetError) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var literalStart = index
            func flushLiteral(_ end: Int, into scalars: inout String.UnicodeScalarView) throws(PatternSetError) {
                guard literalStart < end else { return }
                guard let text = String(validating: bytes[literalStart..<end], as: UTF8.self) else {
                    throw fail("invalid UTF-8 in a string")
                }
                scalars.append(contentsOf: text.unicodeScalars)
            }
            while true {
                guard let byte = current else { throw fail("unterminated string") }
                if byte == UInt8(ascii: "\"") {
                    try flushLiteral(index, into: &scalars)
                    index += 1
                    return String(scalars)
                }
                if byte < 0x20 {
                    throw fail(byte == 0x0A ? "line break inside a string (write it as \\n)" : "control character inside a string")
                }
                if byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                try flushLiteral(index, into: &scalars)
                index += 1
                guard let escape = current else { throw fail("unterminated string") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"): scalars.append(try parseUnicodeEscape())
                default:
                    throw fail("invalid escape `\\\(String(decoding: [escape], as: UTF8.self))` (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; a regex backslash is written \\\\)")
                }
                literalStart = index
            }
        }

        /// After `\u`: four hex digits, paired with a following `\u` low surrogate when they are a
        /// high one. A lone surrogate is no character, so no regex can hold it: an error.
        mutating func parseUnicodeEscape() throws(PatternSetError) -> Unicode.Scalar {
            let decoded = try JSONUnicodeEscape.decode(try hex4()) { () throws(PatternSetError) -> UInt32? in
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                index += 2
                return try hex4()
            }
            guard decoded.count == 1, case .scalar(let value) = decoded[0], let scalar = Unicode.Scalar(value) else {
                var unit: UInt32 = 0
                for case .loneSurrogate(let lone) in decoded.reversed() { unit = lone }
                throw fail("lone surrogate \\u\(String(unit, radix: 16, uppercase: true)) (not a character)")
            }
            return scalar
        }

        mutating func hex4() throws(PatternSetError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("\\u must be followed by four hex digits") }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = JSONUnicodeEscape.hexDigit(byte) else { throw fail("\\u must be followed by four hex digits") }
                value = value << 4 | digit
            }
            index += 4
            return value
        }
    }
}
