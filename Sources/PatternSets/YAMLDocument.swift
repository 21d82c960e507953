import Yams

/// Parses YAML into a node tree whose nodes know their line, turning Yams' errors into
/// `PatternSetError`s that name the file and line.
package enum YAMLDocument {
    /// Every scalar is read as a string (`Resolver.basic`): pattern files hold strings, and the one
    /// integer (`priority`) is parsed by its reader. The default resolver tries a regex per tag
    /// on every scalar, which costs more than the rest of reading a large set.
    static func compose(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> Node? {
        do {
            // UTF-8 named here: Yams' default encoding reads the process environment on every parse.
            // With the encoding named, libyaml reads a byte order mark as content: it is dropped.
            let text = UTF8ByteOrderMark.text(bytes)
            return try Parser(yaml: String(decoding: text, as: UTF8.self), resolver: .basic, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            throw PatternSetError(location: SourceLocation(file: fileName, line: errorLine(error, in: bytes) ?? 1),
                                  message: "invalid YAML: \(problem(error))")
        } catch {
            throw PatternSetError(location: SourceLocation(file: fileName, line: 1), message: "invalid YAML: \(error)")
        }
    }

    private static func errorLine(_ error: YamlError, in bytes: [UInt8]) -> Int? {
        switch error {
        case .reader(_, let offset?, _, _) where offset <= bytes.count:
            return bytes[..<offset].count { $0 == 0x0A } + 1
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    /// The problem alone: Yams' own description quotes the source line and a caret under it,
    /// which would break a one-line message (and echo control bytes).
    private static func problem(_ error: YamlError) -> String {
        switch error {
        case .reader(let problem, let offset, let value, _):
            let digits = String(value, radix: 16)
            let byte = value >= 0 ? " (byte 0x\(digits.count < 2 ? "0" : "")\(digits)" + (offset.map { " at offset \($0))" } ?? ")") : ""
            return problem + byte
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
