/// Whether bytes are one JSON text (RFC 8259 grammar), whatever its values are. Format detection
/// needs this to tell a JSON file that is not a list of strings (`[1,2]`, `[{"a":1}]`), which must
/// be reported as such, from a `grep -f` list whose first regex happens to start with `[`.
/// Nesting is tracked on an explicit stack, so no depth can overflow the call stack.
enum JSONSyntaxCheck {
    private enum Container {
        case array, object

        var close: UInt8 { self == .array ? UInt8(ascii: "]") : UInt8(ascii: "}") }
    }

    static func isJSON(_ bytes: [UInt8]) -> Bool {
        var reader = Reader(bytes: bytes)
        return reader.readDocument()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index: Int
        var open: [Container] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            index = UTF8ByteOrderMark.textStart(bytes)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, JSONStringListParser.isWhitespace(byte) { index += 1 }
        }

        mutating func readDocument() -> Bool {
            guard readValue() else { return false }
            while true {
                skipWhitespace()
                guard let container = open.last else { return current == nil }
                if current == container.close {
                    index += 1
                    open.removeLast()
                    continue
                }
                guard current == UInt8(ascii: ",") else { return false }
                index += 1
                if container == .object {
                    guard readMemberName() else { return false }
                }
                guard readValue() else { return false }
            }
        }

        /// Reads a scalar, or opens a container and reads its first element; an empty container
        /// is closed here. `readDocument` reads what follows.
        mutating func readValue() -> Bool {
            while true {
                skipWhitespace()
                guard let byte = current else { return false }
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    let container: Container = byte == UInt8(ascii: "[") ? .array : .object
                    index += 1
                    skipWhitespace()
                    if current == container.close {
                        index += 1
                        return true
                    }
                    open.append(container)
                    if container == .object {
                        guard readMemberName() else { return false }
                    }
                case UInt8(ascii: "\""): return readString()
                case UInt8(ascii: "t"): return readWord("true")
                case UInt8(ascii: "f"): return readWord("false")
                case UInt8(ascii: "n"): return readWord("null")
                default: return readNumber()
                }
            }
        }

        mutating func readMemberName() -> Bool {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), readString() else { return false }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return false }
            index += 1
            return true
        }

        mutating func readString() -> Bool {
            index += 1
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case 0..<0x20: return false
                case UInt8(ascii: "\\"):
                    guard let escape = current else { return false }
                    index += 1
                    if escape == UInt8(ascii: "u") {
                        guard index + 4 <= bytes.count,
                              bytes[index..<index + 4].allSatisfy({ JSONUnicodeEscape.hexDigit($0) != nil }) else { return false }
                        index += 4
                    } else if !"\"\\/bfnrt".utf8.contains(escape) {
                        return false
                    }
                default: continue
                }
            }
            return false
        }

        mutating func readWord(_ word: String) -> Bool {
            guard bytes[index...].starts(with: word.utf8) else { return false }
            index += word.utf8.count
            return true
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func readNumber() -> Bool {
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else if !readDigits() {
                return false
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard readDigits() else { return false }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard readDigits() else { return false }
            }
            return true
        }

        mutating func readDigits() -> Bool {
            let start = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index > start
        }
    }
}
