/// What `TOMLSubsetParser` reads: top-level keys and `[[name]]` array-of-tables entries, each a
/// list of keys with string, integer or boolean values, with the line every key is on.
package struct TOMLSubsetDocument {
    enum Value: Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
    }

    struct Entry: Equatable {
        var key: String
        var value: Value
        var line: Int
    }

    struct Table {
        var name: String
        var line: Int
        var entries: [Entry]

        func value(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    /// Keys before the first `[[...]]` header.
    var rootEntries: [Entry] = []
    /// Every `[[name]]` table, in file order.
    var tables: [Table] = []
}

/// A TOML 1.0 reader for the part of TOML that rule files use, and nothing more: comments,
/// `[[name]]` array-of-tables headers, and `key = value` lines whose keys are bare or quoted and
/// whose values are strings (basic, literal, and both multi-line forms, with TOML's escapes),
/// decimal integers or booleans. Anything else that TOML allows (standard tables, dotted keys,
/// arrays, inline tables, floats, dates) is refused with its line, never guessed at: a rule file
/// read wrongly would count the wrong lines without a word. Written rather than depended on: the
/// Swift TOML packages wrap a C++ parser, which would slow every build for a few hundred lines.
package enum TOMLSubsetParser {
    static func parse(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> TOMLSubsetDocument {
        var reader = Reader(bytes: bytes, fileName: fileName)
        try reader.validateUTF8()
        return try reader.parseDocument()
    }

    private struct Reader: ByteReading {
        static let dialect = "TOML"
        let bytes: [UInt8]
        let fileName: String
        var index = 0
        var line = 1

        static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        static let hash = UInt8(ascii: "#"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        static let backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")

        init(bytes: [UInt8], fileName: String) {
            self.bytes = bytes
            self.fileName = fileName
            index = Self.startIndex(bytes)
        }


        func isAt(_ text: String) -> Bool { bytes[index...].starts(with: text.utf8) }

        /// TOML files must be UTF-8; checked up front so string contents can be decoded without doubt.
        func validateUTF8() throws(PatternSetError) {
            var lineNumber = 1
            for lineBytes in bytes.split(separator: Self.lf, omittingEmptySubsequences: false) {
                if String(validating: lineBytes, as: UTF8.self) == nil { throw fail("the file is not valid UTF-8", line: lineNumber) }
                lineNumber += 1
            }
        }

        mutating func skipSpaces() {
            while let byte = current, byte == Self.space || byte == Self.tab { index += 1 }
        }

        /// After a header or value: spaces, an optional comment, then a line break or the end.
        mutating func expectEndOfLine(after what: String) throws(PatternSetError) {
            skipSpaces()
            if current == Self.hash { try skipComment() }
            guard current != nil else { return }
            if !skipLineBreak() {
                let rest = bytes[index...].prefix { $0 != Self.lf && $0 != Self.cr }.prefix(20)
                throw fail("unexpected `\(String(decoding: rest, as: UTF8.self))` after \(what) (one key = value per line)")
            }
        }

        mutating func skipComment() throws(PatternSetError) {
            while let byte = current, byte != Self.lf {
                if byte == Self.cr && peek(1) == Self.lf { break }
                if isForbiddenControl(byte) { throw fail("control character in a comment") }
                index += 1
            }
        }

        func isForbiddenControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != Self.tab) || byte == 0x7F }

        mutating func parseDocument() throws(PatternSetError) -> TOMLSubsetDocument {
            var document = TOMLSubsetDocument()
            var keysInCurrentTable: [String: Int] = [:]
            while current != nil {
                skipSpaces()
                guard let byte = current else { break }
                if byte == Self.lf || byte == Self.cr || byte == Self.hash {
                    try expectEndOfLine(after: "a comment")
                    continue
                }
                if byte == UInt8(ascii: "[") {
                    guard peek(1) == UInt8(ascii: "[") else {
                        throw fail("standard tables `[name]` are outside the TOML subset logscan reads (only `[[name]]` array tables, as in `[[rule]]`)")
                    }
                    let headerLine = line
                    index += 2
                    skipSpaces()
                    let name = try parseKey()
                    skipSpaces()
                    guard isAt("]]") else { throw fail("expected `]]` to close the table header") }
                    index += 2
                    try expectEndOfLine(after: "the table header")
                    document.tables.append(TOMLSubsetDocument.Table(name: name, line: headerLine, entries: []))
                    keysInCurrentTable = [:]
                    continue
                }
                let keyLine = line
                let key = try parseKey()
                skipSpaces()
                guard current == Self.equals else {
                    throw fail(current == UInt8(ascii: ".") ? "dotted keys are outside the TOML subset logscan reads" : "expected `=` after the key `\(key)`")
                }
                index += 1
                skipSpaces()
                let value = try parseValue()
                try expectEndOfLine(after: "the value of `\(key)`")
                if let first = keysInCurrentTable[key] {
                    throw fail("`\(key)` is defined twice in the same table (first on line \(first))", line: keyLine)
                }
                keysInCurrentTable[key] = keyLine
                let entry = TOMLSubsetDocument.Entry(key: key, value: value, line: keyLine)
                if document.tables.isEmpty { document.rootEntries.append(entry) } else { document.tables[document.tables.count - 1].entries.append(entry) }
            }
            for entry in document.rootEntries {
                if let table = document.tables.first(where: { $0.name == entry.key }) {
                    throw fail("`\(entry.key)` is both a key (line \(entry.line)) and an array of tables", line: table.line)
                }
            }
            return document
        }

        /// A bare key (`A-Z a-z 0-9 _ -`) or a quoted one.
        mutating func parseKey() throws(PatternSetError) -> String {
            if current == Self.quote, !isAt("\"\"\"") { return try parseBasicString() }
            if current == Self.apostrophe, !isAt("'''") { return try parseLiteralString() }
            let start = index
            while let byte = current, isBareKeyByte(byte) { index += 1 }
            guard index > start else {
                let shown = current.map { String(decoding: [$0], as: UTF8.self) } ?? "end of file"
                throw fail("expected a key, found `\(shown)`")
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        func isBareKeyByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }

        mutating func parseValue() throws(PatternSetError) -> TOMLSubsetDocument.Value {
            guard let byte = current, byte != Self.lf, byte != Self.cr, byte != Self.hash else { throw fail("missing value after `=`") }
            if isAt("\"\"\"") { return .string(try parseMultilineBasicString()) }
            if byte == Self.quote { return .string(try parseBasicString()) }
            if isAt("'''") { return .string(try parseMultilineLiteralString()) }
            if byte == Self.apostrophe { return .string(try parseLiteralString()) }
            if byte == UInt8(ascii: "[") { throw fail("arrays are outside the TOML subset logscan reads (strings, integers, booleans)") }
            if byte == UInt8(ascii: "{") { throw fail("inline tables are outside the TOML subset logscan reads (strings, integers, booleans)") }
            let start = index
            while let next = current, next != Self.space, next != Self.tab, next != Self.lf, next != Self.cr, next != Self.hash { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            if token == "true" { return .boolean(true) }
            if token == "false" { return .boolean(false) }
            if let integer = Self.decimalInteger(token) { return .integer(integer) }
            throw fail("`\(token)` is not a value logscan reads (strings, decimal integers, booleans; floats, dates and hex/octal/binary integers are outside the subset)")
        }

        /// TOML decimal integers: optional sign, no leading zeros, `_` only between digits.
        static func decimalInteger(_ token: String) -> Int? {
            var digits = Substring(token)
            if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
            guard let first = digits.first, first.isASCII, first.isNumber, !(first == "0" && digits.count > 1),
                  digits.last != "_", !digits.contains("__"),
                  digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" })
            else { return nil }
            return Int(token.replacingUnderscores())
        }

        /// `"..."` on one line, with escapes.
        mutating func parseBasicString() throws(PatternSetError) -> String {
            index += 1
            var content: [UInt8] = []
            while true {
                guard let byte = current, byte != Self.lf, !(byte == Self.cr && peek(1) == Self.lf) else {
                    throw fail("unterminated string (a \"...\" string ends on its line; use \"\"\"...\"\"\" for several lines)")
                }
                if byte == Self.quote {
                    index += 1
                    return String(decoding: content, as: UTF8.self)
                }
                if byte == Self.backslash {
                    try appendEscape(to: &content)
                    continue
                }
                if isForbiddenControl(byte) { throw fail("control character in a string (write it as an escape)") }
                content.append(byte)
                index += 1
            }
        }

        /// `'...'` on one line, taken as written.
        mutating func parseLiteralString() throws(PatternSetError) -> String {
            index += 1
            let start = index
            while true {
                guard let byte = current, byte != Self.lf, !(byte == Self.cr && peek(1) == Self.lf) else {
                    throw fail("unterminated string (a '...' string ends on its line; use '''...''' for several lines)")
                }
                if byte == Self.apostrophe {
                    index += 1
                    return String(decoding: bytes[start..<index - 1], as: UTF8.self)
                }
                if isForbiddenControl(byte) { throw fail("control character in a literal string") }
                index += 1
            }
        }

        /// `"""..."""`: escapes, line breaks kept (CRLF read as LF), a line-ending backslash joins
        /// lines, and a line break right after the opening quotes is dropped.
        mutating func parseMultilineBasicString() throws(PatternSetError) -> String {
            try parseMultiline(quote: Self.quote, escapes: true)
        }

        /// `'''...'''`: taken as written, line breaks kept (CRLF read as LF), a line break right
        /// after the opening quotes dropped.
        mutating func parseMultilineLiteralString() throws(PatternSetError) -> String {
            try parseMultiline(quote: Self.apostrophe, escapes: false)
        }

        /// The two multi-line forms, which differ only in their quote and in reading escapes.
        private mutating func parseMultiline(quote: UInt8, escapes: Bool) throws(PatternSetError) -> String {
            let startLine = line
            let delimiter = String(repeating: Character(Unicode.Scalar(quote)), count: 3)
            index += 3
            skipLineBreak()
            var content: [UInt8] = []
            while true {
                guard let byte = current else {
                    throw fail("unterminated \(delimiter) string: no closing \(delimiter) before the end of the file", line: startLine)
                }
                if byte == quote {
                    if try closeMultiline(quote: quote, into: &content) { return String(decoding: content, as: UTF8.self) }
                    continue
                }
                if escapes, byte == Self.backslash {
                    if lineEndingBackslash() { continue }
                    try appendEscape(to: &content)
                    continue
                }
                if try appendLineBreak(to: &content) { continue }
                if isForbiddenControl(byte) {
                    throw fail(escapes ? "control character in a string (write it as an escape)" : "control character in a literal string")
                }
                content.append(byte)
                index += 1
            }
        }

        /// Skips a line break (LF or CRLF) at the current position; false when there is none.
        @discardableResult
        mutating func skipLineBreak() -> Bool {
            if current == Self.lf {
                index += 1
            } else if current == Self.cr, peek(1) == Self.lf {
                index += 2
            } else {
                return false
            }
            line += 1
            return true
        }

        /// A line break inside a multi-line string: appended as LF. False when not at one.
        mutating func appendLineBreak(to content: inout [UInt8]) throws(PatternSetError) -> Bool {
            guard skipLineBreak() else { return false }
            content.append(Self.lf)
            return true
        }

        /// At a run of quotes inside a multi-line string. Three close it, and one or two before
        /// those belong to the content (`''''` ends with one quote); six or more is an error.
        /// Fewer than three are content. True when the string was closed.
        mutating func closeMultiline(quote: UInt8, into content: inout [UInt8]) throws(PatternSetError) -> Bool {
            var run = 0
            while peek(run) == quote { run += 1 }
            index += run
            if run < 3 {
                content.append(contentsOf: repeatElement(quote, count: run))
                return false
            }
            if run > 5 { throw fail("too many quotes in a row to end a multi-line string") }
            content.append(contentsOf: repeatElement(quote, count: run - 3))
            return true
        }

        /// A backslash followed by spaces and a line break: it, the break and all whitespace up to
        /// the next other character are dropped. False (nothing consumed) otherwise.
        mutating func lineEndingBackslash() -> Bool {
            var cursor = index + 1
            while cursor < bytes.count, bytes[cursor] == Self.space || bytes[cursor] == Self.tab { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == Self.lf || (bytes[cursor] == Self.cr && cursor + 1 < bytes.count && bytes[cursor + 1] == Self.lf) else {
                return false
            }
            index = cursor
            while let byte = current, byte == Self.space || byte == Self.tab || byte == Self.lf || (byte == Self.cr && peek(1) == Self.lf) {
                if byte == Self.lf { line += 1 }
                index += 1
            }
            return true
        }

        /// At a backslash in a basic string: appends the escaped character's UTF-8.
        mutating func appendEscape(to content: inout [UInt8]) throws(PatternSetError) {
            index += 1
            guard let escape = current, escape != Self.lf, escape != Self.cr else { throw fail("a backslash ends the line inside a \"...\" string") }
            index += 1
            switch escape {
            case UInt8(ascii: "b"): content.append(0x08)
            case UInt8(ascii: "t"): content.append(0x09)
            case UInt8(ascii: "n"): content.append(0x0A)
            case UInt8(ascii: "f"): content.append(0x0C)
            case UInt8(ascii: "r"): content.append(0x0D)
            case Self.quote: content.append(Self.quote)
            case Self.backslash: content.append(Self.backslash)
            case UInt8(ascii: "u"): content.append(contentsOf: try unicodeEscape(digits: 4))
            case UInt8(ascii: "U"): content.append(contentsOf: try unicodeEscape(digits: 8))
            default:
                let shown = String(decoding: bytes[(index - 2)..<index], as: UTF8.self)
                throw fail("invalid escape `\(shown)` in a \"...\" string (TOML allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX); write regexes in literal strings '...', where backslashes are plain")
            }
        }

        mutating func unicodeEscape(digits: Int) throws(PatternSetError) -> [UInt8] {
            guard index + digits <= bytes.count,
                  bytes[index..<index + digits].allSatisfy({ byte in
                      (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
                  }),
                  let value = UInt32(String(decoding: bytes[index..<index + digits], as: UTF8.self), radix: 16)
            else { throw fail("\\\(digits == 4 ? "u" : "U") must be followed by \(digits) hex digits") }
            guard let scalar = Unicode.Scalar(value) else {
                throw fail("\\\(digits == 4 ? "u" : "U")\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value")
            }
            index += digits
            var text: [UInt8] = []
            JSONUnicodeEscape.appendUTF8(scalar.value, to: &text)
            return text
        }
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
