import Yams

/// Reads pattern files: logscan YAML sets, and `grep -f` style lists of one regex per line.
public enum PatternFileParser {
    public enum Format: Sendable { case yaml, lines }

    public static func parse(path: String) throws(PatternSetError) -> [PatternDefinition] {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path: path)
        } catch {
            throw PatternSetError(location: nil, message: "cannot read pattern file \(path): \(error.message)")
        }
        return try parse(bytes: bytes, fileName: path, format: detectFormat(path: path, bytes: bytes))
    }

    /// YAML by extension, or by a top-level `patterns:` key; anything else is a regex list.
    static func detectFormat(path: String, bytes: [UInt8]) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("patterns:") { return .yaml }
        return .lines
    }

    public static func parse(bytes: [UInt8], fileName: String, format: Format) throws(PatternSetError) -> [PatternDefinition] {
        switch format {
        case .yaml: return try parseYAML(bytes: bytes, fileName: fileName)
        case .lines: return parseLines(bytes: bytes, fileName: fileName)
        }
    }

    /// One regex per line, as `grep -f` reads them; blank and `#` lines are skipped.
    static func parseLines(bytes: [UInt8], fileName: String) -> [PatternDefinition] {
        let stem = fileStem(fileName)
        var definitions: [PatternDefinition] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            definitions.append(PatternDefinition(
                id: "\(stem):\(lineNumber)", regex: String(decoding: line, as: UTF8.self),
                location: SourceLocation(file: fileName, line: lineNumber)))
        }
        return definitions
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    private static let entryKeys: Set<String> = ["id", "regex", "description", "tags", "examples", "priority"]
    private static let setKeys: Set<String> = ["name", "description", "patterns"]

    static func parseYAML(bytes: [UInt8], fileName: String) throws(PatternSetError) -> [PatternDefinition] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self))
        } catch let error as YamlError {
            throw PatternSetError(location: SourceLocation(file: fileName, line: yamlErrorLine(error) ?? 1),
                                  message: "invalid YAML: \(yamlProblem(error))")
        } catch {
            throw PatternSetError(location: SourceLocation(file: fileName, line: 1), message: "invalid YAML: \(error)")
        }
        func fail(_ node: Node?, _ id: String? = nil, _ message: String) -> PatternSetError {
            PatternSetError(location: SourceLocation(file: fileName, line: node?.mark?.line ?? 1), patternID: id, message: message)
        }
        guard let root, let rootMap = root.mapping else {
            throw fail(root, nil, "expected a mapping with a `patterns:` list at the top level")
        }
        for (key, _) in rootMap {
            guard let name = key.string, setKeys.contains(name) else {
                throw fail(key, nil, "unknown key `\(key.string ?? "?")` (expected: name, description, patterns)")
            }
        }
        guard let list = rootMap["patterns"], let entries = list.sequence else {
            throw fail(root, nil, "`patterns:` must be a list of entries")
        }
        var definitions: [PatternDefinition] = []
        for entry in entries {
            guard let map = entry.mapping else { throw fail(entry, nil, "each pattern must be a mapping with `id` and `regex`") }
            let id = map["id"]?.string
            for (key, _) in map {
                guard let name = key.string, entryKeys.contains(name) else {
                    throw fail(key, id, "unknown key `\(key.string ?? "?")` (expected: \(entryKeys.sorted().joined(separator: ", ")))")
                }
            }
            guard let id, !id.isEmpty else { throw fail(entry, nil, "missing `id`") }
            guard isSlug(id) else {
                throw fail(map["id"], id, "id must be a slug of letters, digits and . _ : / - (no spaces)")
            }
            guard let regexNode = map["regex"], let regex = regexNode.scalar?.string else {
                throw fail(entry, id, "missing `regex` (a string)")
            }
            let tags: [String]
            if let tagNode = map["tags"] {
                guard let sequence = tagNode.sequence, sequence.allSatisfy({ $0.scalar != nil }) else {
                    throw fail(tagNode, id, "`tags` must be a list of strings")
                }
                tags = sequence.compactMap { $0.scalar?.string }
            } else {
                tags = []
            }
            var matches: [String] = []
            var nomatches: [String] = []
            if let examples = map["examples"] {
                guard let exampleMap = examples.mapping else { throw fail(examples, id, "`examples` must map `match`/`nomatch` to lists") }
                for (key, value) in exampleMap {
                    guard let list = value.sequence, list.allSatisfy({ $0.scalar != nil }) else {
                        throw fail(value, id, "`examples.\(key.string ?? "?")` must be a list of strings")
                    }
                    let strings = list.compactMap { $0.scalar?.string }
                    switch key.string {
                    case "match": matches = strings
                    case "nomatch": nomatches = strings
                    default: throw fail(key, id, "unknown examples key `\(key.string ?? "?")` (expected: match, nomatch)")
                    }
                }
            }
            definitions.append(PatternDefinition(
                id: id, regex: regex, description: map["description"]?.string, tags: tags,
                matchExamples: matches, nomatchExamples: nomatches,
                location: SourceLocation(file: fileName, line: regexNode.mark?.line ?? entry.mark?.line ?? 1)))
        }
        return definitions
    }

    static func isSlug(_ id: String) -> Bool {
        id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
        }
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
