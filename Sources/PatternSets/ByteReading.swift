/// What the hand-written pattern file readers (TOML, JSON lists) share: a byte position with its
/// line, for error messages that name `file:line`.
protocol ByteReading {
    var bytes: [UInt8] { get }
    var fileName: String { get }
    var index: Int { get set }
    var line: Int { get }
    /// Names the format in messages: `TOML`, `JSON list`.
    static var dialect: String { get }
}

extension ByteReading {
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    func fail(_ message: String, line: Int? = nil) -> PatternSetError {
        PatternSetError(location: SourceLocation(file: fileName, line: line ?? self.line), message: "\(Self.dialect): \(message)")
    }

    /// A UTF-8 byte order mark is tolerated at the start, as most readers of these formats do.
    static func startIndex(_ bytes: [UInt8]) -> Int { UTF8ByteOrderMark.textStart(bytes) }
}
