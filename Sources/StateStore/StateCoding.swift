/// The few structured values the store keeps in one column (a classification, a TestGrid tab's
/// summary, an example's cell): little-endian integers and length-prefixed bytes, read back by
/// `StateDecoder`, which gives nil for anything it did not write.
struct StateEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func integer(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func integer(_ value: Int) { integer(Int64(value)) }
    mutating func data(_ value: [UInt8]) {
        integer(value.count)
        bytes += value
    }
    mutating func string(_ value: String) { data(Array(value.utf8)) }
    /// -1 for none: the values kept here are counts, columns and codes, never negative.
    mutating func optional(_ value: Int?) { integer(value ?? -1) }
    mutating func optional(_ value: String?) {
        integer(value == nil ? 0 : 1)
        if let value { string(value) }
    }
}

struct StateDecoder {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func integer() -> Int64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return bytes[offset..<offset + 8].enumerated().reduce(Int64(0)) { $0 | Int64($1.element) << (8 * Int64($1.offset)) }
    }

    mutating func int() -> Int? { integer().map(Int.init) }

    mutating func data() -> [UInt8]? {
        guard let count = int(), count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func string() -> String? { data().map { String(decoding: $0, as: UTF8.self) } }

    /// Nil when unreadable; `.some(nil)` for a value written as none.
    mutating func optional() -> Int?? {
        guard let value = int() else { return nil }
        return .some(value < 0 ? nil : value)
    }

    mutating func optionalString() -> String?? {
        guard let present = int() else { return nil }
        if present == 0 { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }
}
