import Engine
import Glibc
import Input
import PatternSets

/// A streaming JSON pull parser: reads from a `ByteSource` through one reused buffer and hands out
/// tokens, checking the grammar as it goes (RFC 8259, strict: no comments, no trailing commas, no
/// raw control characters in strings). Nothing is kept but the current string and the container
/// stack, so a 2 GiB document needs the same memory as a small one.
///
/// Strings the caller does not need are skipped without being copied, so a huge value in a field
/// logscan ignores costs nothing; a string the caller asks for is capped at `maxStringBytes`.
package final class JSONTokenizer {
    package enum Token: Equatable {
        case beginObject, endObject, beginArray, endArray
        /// An object member's name; its bytes are in `text`.
        case key
        /// A string value; its bytes are in `text` when captured (see `next(captureStrings:)`).
        case string
        /// A number; its text is in `text`.
        case number
        case bool(Bool)
        case null
        /// The top-level value is complete and only whitespace followed.
        case end
    }

    /// The longest string (decoded UTF-8 bytes) the caller can receive.
    package static let defaultMaxStringBytes = 16 << 20
    /// Deeper nesting is refused: no real TestGrid document comes close, and it bounds the stack.
    package static let maxDepth = 512
    /// Longer numbers are refused: TestGrid's are counts and timestamps, and the bound keeps a
    /// number's text small.
    package static let maxNumberLength = 64

    // The hot state is exempt from dynamic exclusivity checks (they cost a fifth of the parse):
    // a tokenizer belongs to one worker, and no method passes these properties inout to code
    // that touches them again.
    private var source: ByteSource
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var filled = 0
    /// Stream offset of `buffer[0]`.
    @exclusivity(unchecked) private var bufferOrigin = 0
    @exclusivity(unchecked) private var sourceEnded = false
    let maxStringBytes: Int

    /// Bytes of the current key, string or number.
    @exclusivity(unchecked) private(set) var text: [UInt8] = []

    /// Open containers: true for an object.
    @exclusivity(unchecked) private var stack: [Bool] = []
    private enum Expect { case value, keyOrEnd, key, colon, commaOrEnd, valueOrEnd, done }
    @exclusivity(unchecked) private var expect = Expect.value

    package init(source: ByteSource, bufferSize: Int = 256 * 1024, maxStringBytes: Int = JSONTokenizer.defaultMaxStringBytes) {
        self.source = source
        self.maxStringBytes = maxStringBytes
        // Two bytes are the most ever peeked (a `\u` after a high surrogate); four leaves room.
        buffer = .allocate(byteCount: max(4, bufferSize), alignment: 64)
        text.reserveCapacity(4096)
    }

    deinit { buffer.deallocate() }

    /// Starts over on a new document, keeping the buffers.
    func reset(source: ByteSource) {
        self.source = source
        position = 0
        filled = 0
        bufferOrigin = 0
        sourceEnded = false
        text.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        expect = .value
    }

    /// Bytes consumed so far: the offset of the next unread byte in the document.
    var offset: Int { bufferOrigin + position }
    /// Containers open around the next token.
    var depth: Int { stack.count }

    /// The next token. `captureStrings: false` skips string values without copying them (keys are
    /// always captured).
    package func next(captureStrings: Bool = true) throws(InputError) -> Token {
        try skipWhitespace()
        guard let byte = try peekByte() else {
            if expect == .done { return .end }
            throw malformed("the document ends inside \(stack.isEmpty ? "its first value" : (stack.last! ? "an object" : "an array"))")
        }
        switch expect {
        case .done:
            throw malformed("unexpected \(describe(byte)) after the end of the JSON document")
        case .colon:
            guard byte == UInt8(ascii: ":") else { throw malformed("expected ':' after an object key, found \(describe(byte))") }
            position += 1
            expect = .value
            return try next(captureStrings: captureStrings)
        case .commaOrEnd:
            let inObject = stack.last!
            if byte == UInt8(ascii: ",") {
                position += 1
                expect = inObject ? .key : .value
                return try next(captureStrings: captureStrings)
            }
            if byte == UInt8(ascii: inObject ? "}" : "]") { return closeContainer() }
            throw malformed("expected ',' or '\(inObject ? "}" : "]")', found \(describe(byte))")
        case .keyOrEnd, .key:
            if byte == UInt8(ascii: "}"), expect == .keyOrEnd { return closeContainer() }
            guard byte == UInt8(ascii: "\"") else { throw malformed("expected an object key (a string), found \(describe(byte))") }
            position += 1
            try readString(capture: true)
            expect = .colon
            return .key
        case .value, .valueOrEnd:
            if byte == UInt8(ascii: "]"), expect == .valueOrEnd { return closeContainer() }
            return try readValueStart(byte, captureStrings: captureStrings)
        }
    }

    /// Skips the value whose first token was just returned (a no-op for scalars).
    func skipValue(startingWith token: Token) throws(InputError) {
        guard token == .beginObject || token == .beginArray else { return }
        let target = stack.count - 1
        while stack.count > target {
            _ = try next(captureStrings: false)
        }
    }

    /// `text` as an integer, when the number is one (fractions and exponents are truncated).
    var integerValue: Int? {
        var value = 0
        var negative = false
        var index = 0
        if text.first == UInt8(ascii: "-") { negative = true; index = 1 }
        var digits = 0
        while index < text.count, text[index] >= 0x30, text[index] <= 0x39 {
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(Int(text[index] - 0x30))
            if overflow1 || overflow2 { return nil }
            value = sum
            index += 1
            digits += 1
        }
        if digits == 0 { return nil }
        if index < text.count {
            // 1.5e3 and the like: go through Double, which covers what JSON writers emit.
            guard let double = Double(String(decoding: text, as: UTF8.self)), double.isFinite,
                  abs(double) < 9.2e18 else { return nil }
            return Int(double)
        }
        return negative ? -value : value
    }

    /// An error naming the byte offset, for the record's message.
    func malformed(_ what: String) -> InputError {
        InputError(.malformedJSON, "at byte \(offset): \(what)")
    }

    // MARK: - Values

    private func readValueStart(_ byte: UInt8, captureStrings: Bool) throws(InputError) -> Token {
        switch byte {
        case UInt8(ascii: "{"):
            try open(object: true)
            return .beginObject
        case UInt8(ascii: "["):
            try open(object: false)
            return .beginArray
        case UInt8(ascii: "\""):
            position += 1
            try readString(capture: captureStrings)
            afterValue()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber()
            afterValue()
            return .number
        case UInt8(ascii: "t"):
            try readLiteral("true")
            afterValue()
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            afterValue()
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            afterValue()
            return .null
        default:
            throw malformed("expected a value, found \(describe(byte))")
        }
    }

    private func open(object: Bool) throws(InputError) {
        guard stack.count < Self.maxDepth else {
            throw malformed("nesting deeper than \(Self.maxDepth) levels")
        }
        position += 1
        stack.append(object)
        expect = object ? .keyOrEnd : .valueOrEnd
    }

    private func closeContainer() -> Token {
        position += 1
        let wasObject = stack.removeLast()
        afterValue()
        return wasObject ? .endObject : .endArray
    }

    private func afterValue() {
        expect = stack.isEmpty ? .done : .commaOrEnd
    }

    private func readLiteral(_ word: StaticString) throws(InputError) {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in bytes {
            guard let byte = try peekByte() else { throw malformed("the document ends inside '\(word)'") }
            guard byte == expected else { throw malformed("expected '\(word)', found \(describe(byte))") }
            position += 1
        }
    }

    private func readNumber() throws(InputError) {
        text.removeAll(keepingCapacity: true)
        while let byte = try peekByte() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard text.count < Self.maxNumberLength else {
                    throw malformed("a number longer than \(Self.maxNumberLength) characters")
                }
                text.append(byte)
                position += 1
            default:
                guard Self.isWellFormedNumber(text) else { throw malformed("invalid number '\(String(decoding: text, as: UTF8.self))'") }
                return
            }
        }
        guard Self.isWellFormedNumber(text) else { throw malformed("invalid number '\(String(decoding: text, as: UTF8.self))'") }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    static func isWellFormedNumber(_ text: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < text.count, text[index] >= 0x30, text[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        if index < text.count, text[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { return false }
        }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { return false }
        }
        return index == text.count
    }

    // MARK: - Strings

    /// Reads a string whose opening quote was consumed; decodes escapes into `text` when capturing.
    private func readString(capture: Bool) throws(InputError) {
        if capture { text.removeAll(keepingCapacity: true) }
        while true {
            if position == filled {
                guard try refill() else { throw malformed("the document ends inside a string") }
            }
            // Copy the run of plain bytes up to the next quote, backslash or control character.
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var cursor = position
            while cursor < filled {
                let byte = base[cursor]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                cursor += 1
            }
            if capture, cursor > position {
                guard text.count + (cursor - position) <= maxStringBytes else {
                    throw malformed("a string longer than \(maxStringBytes >> 20) MiB")
                }
                text.append(contentsOf: UnsafeBufferPointer(start: base + position, count: cursor - position))
            }
            position = cursor
            if cursor == filled { continue }
            let byte = base[cursor]
            position += 1
            if byte == 0x22 { return }
            if byte < 0x20 { throw malformed("a raw control character (\(describe(byte))) inside a string") }
            try readEscape(capture: capture)
        }
    }

    private func readEscape(capture: Bool) throws(InputError) {
        guard let escaped = try nextByte() else { throw malformed("the document ends inside a string escape") }
        let decoded: UInt8
        switch escaped {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            // Python's json keeps a lone surrogate; as UTF-8 bytes it becomes U+FFFD.
            let decoded = try JSONUnicodeEscape.decode(try readHex4()) { () throws(InputError) -> UInt32? in
                guard try peekByte() == UInt8(ascii: "\\"), try peekByte(at: 1) == UInt8(ascii: "u") else { return nil }
                position += 2
                return try readHex4()
            }
            guard capture else { return }
            for unit in decoded {
                switch unit {
                case .scalar(let scalar): try appendScalar(scalar)
                case .loneSurrogate: try appendScalar(0xFFFD)
                }
            }
            return
        default:
            throw malformed("invalid escape '\\\(describe(escaped))' in a string")
        }
        if capture {
            guard text.count < maxStringBytes else { throw malformed("a string longer than \(maxStringBytes >> 20) MiB") }
            text.append(decoded)
        }
    }

    private func readHex4() throws(InputError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try nextByte() else { throw malformed("the document ends inside a \\u escape") }
            guard let digit = JSONUnicodeEscape.hexDigit(byte) else {
                throw malformed("invalid \\u escape: \(describe(byte)) is not a hex digit")
            }
            value = value << 4 | digit
        }
        return value
    }

    private func appendScalar(_ scalar: UInt32) throws(InputError) {
        guard text.count + 4 <= maxStringBytes else { throw malformed("a string longer than \(maxStringBytes >> 20) MiB") }
        JSONUnicodeEscape.appendUTF8(scalar, to: &text)
    }

    // MARK: - Bytes

    private func skipWhitespace() throws(InputError) {
        while true {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while position < filled {
                let byte = base[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                position += 1
            }
            guard try refill() else { return }
        }
    }

    @inline(__always)
    private func peekByte(at ahead: Int = 0) throws(InputError) -> UInt8? {
        while position + ahead >= filled {
            guard try refill() else { return nil }
        }
        return buffer[position + ahead]
    }

    @inline(__always)
    private func nextByte() throws(InputError) -> UInt8? {
        guard let byte = try peekByte() else { return nil }
        position += 1
        return byte
    }

    /// Reads more input, keeping unread bytes; false at the end of the source.
    private func refill() throws(InputError) -> Bool {
        if sourceEnded { return false }
        if position > 0 {
            let rest = filled - position
            if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + position, rest) }
            bufferOrigin += position
            filled = rest
            position = 0
        }
        let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        if got == 0 {
            sourceEnded = true
            return false
        }
        filled += got
        return true
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
