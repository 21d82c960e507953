import Engine

/// A byte buffer that JSON is written into by hand: no intermediate objects, no `JSONEncoder`.
/// Strings are escaped per RFC 8259; bytes that are not valid UTF-8 become U+FFFD, so every
/// line written is valid JSON even for binary log content.
struct JSONBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func int(_ value: Int) {
        if value == 0 {
            bytes.append(0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            while count > 0 {
                count -= 1
                bytes.append(raw[count])
            }
        }
    }

    /// A finite decimal with `places` fraction digits (elapsed seconds).
    mutating func decimal(_ value: Double, places: Int) {
        guard value.isFinite else {
            raw("null")
            return
        }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        if value < 0 && scaled > 0 { bytes.append(UInt8(ascii: "-")) }
        int(scaled / scale)
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            let fraction = scaled % scale
            var divisor = scale / 10
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: (fraction / divisor) % 10) + 0x30)
                divisor /= 10
            }
        }
    }

    /// A pre-escaped key fragment such as `,"bytes":` followed by an integer.
    mutating func field(_ prefix: StaticString, _ value: Int) {
        raw(prefix)
        int(value)
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// The elements written by `element`, separated by commas (the brackets are the caller's).
    mutating func list<Elements: Sequence>(_ elements: Elements, _ element: (inout JSONBuffer, Elements.Element) -> Void) {
        var first = true
        for item in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, item)
        }
    }

    /// A JSON array of strings.
    mutating func strings(_ texts: [String]) {
        raw("[")
        list(texts) { buffer, text in buffer.string(text) }
        raw("]")
    }

    mutating func string(_ text: String) {
        var copy = text
        copy.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    mutating func string(_ data: [UInt8]) {
        data.withUnsafeBytes { string($0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func string(_ data: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var index = 0
        let count = data.count
        while index < count {
            let byte = data[index]
            if byte >= 0x20 && byte < 0x80 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
                index += 1
            } else if byte < 0x20 {
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
                }
                index += 1
            } else {
                let length = Self.validUTF8Length(data, at: index)
                if length == 0 {
                    bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index += 1
                } else {
                    for offset in 0..<length { bytes.append(data[index + offset]) }
                    index += length
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 0.
    static func validUTF8Length(_ data: UnsafeRawBufferPointer, at index: Int) -> Int {
        UTF8Validation.sequenceLength(data.baseAddress!.assumingMemoryBound(to: UInt8.self), at: index, end: data.count)
    }
}
