import Yams

/// Parses YAML into a node tree whose nodes know their line, turning Yams' errors into
/// `PatternSetError`s that name the file and line.
package enum YAMLDocument {
    /// Every scalar is read as a string (`Resolver.basic`): pattern files hold strings, and the one
    /// integer (`priority`) is parsed by its reader. The default resolver tries a regex per tag
    /// on every scalar, which costs more than the rest of reading a large set.
    static func compose(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> Node? {
        do {
            return try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self), .basic)
        } catch let error as YamlError {
            throw PatternSetError(location: SourceLocation(file: fileName, line: errorLine(error) ?? 1),
                                  message: "invalid YAML: \(problem(error))")
        } catch {
            throw PatternSetError(location: SourceLocation(file: fileName, line: 1), message: "invalid YAML: \(error)")
        }
    }

    private static func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
