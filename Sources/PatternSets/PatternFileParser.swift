import Yams

/// Reads pattern files in any `PatternFileFormat`: logscan YAML sets, and the sets people already
/// have (PyTorch rulesets, JSON/YAML regex lists, `grep -f` lists).
package enum PatternFileParser {
    package typealias Format = PatternFileFormat

    /// Reads `path`; `format` nil means detect it from the content.
    package static func read(path: String, format: PatternFileFormat? = nil) throws(PatternSetError) -> PatternFile {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: path)
        } catch {
            throw PatternSetError(location: nil, message: "cannot read pattern file \(path): \(error.reason)")
        }
        return try read(bytes: bytes, fileName: path, format: format)
    }

    package static func read(bytes: [UInt8], fileName: String, format: PatternFileFormat? = nil) throws(PatternSetError) -> PatternFile {
        if let (encoding, evidence) = WideTextEncoding.sniff(bytes) {
            throw PatternSetError(location: nil, message: "pattern file \(fileName) is \(encoding.rawValue) text (by \(evidence)); "
                + "pattern files are read as UTF-8: convert it first, e.g. iconv -f \(encoding.rawValue) -t UTF-8")
        }
        guard let format else {
            let detected = PatternFileFormat.detect(path: fileName, bytes: bytes)
            if detected == .yaml { return try read(bytes: bytes, fileName: fileName, format: detected) }
            do {
                return try read(bytes: bytes, fileName: fileName, format: detected)
            } catch {
                // A file that only looks like another format must not fail without saying so.
                var explained = error
                explained.message += " (read as \(detected.rawValue), detected from the content; --pattern-format chooses the format)"
                throw explained
            }
        }
        switch format {
        case .yaml:
            return try parseYAML(bytes: bytes, fileName: fileName)
        case .pytorchTOML:
            return try PyTorchRulesetReader.read(bytes, fileName: fileName)
        case .jsonList:
            return PatternFile(path: fileName, format: format, definitions: try RegexListReader.jsonList(bytes, fileName: fileName))
        case .yamlList:
            return PatternFile(path: fileName, format: format, definitions: try RegexListReader.yamlList(bytes, fileName: fileName))
        case .lines:
            return PatternFile(path: fileName, format: format, definitions: RegexListReader.lines(bytes, fileName: fileName))
        }
    }

    /// The definitions of `path` alone, for callers that need no notes.
    package static func parse(path: String) throws(PatternSetError) -> [PatternDefinition] {
        try read(path: path).definitions
    }

    package static func parse(bytes: [UInt8], fileName: String, format: Format) throws(PatternSetError) -> [PatternDefinition] {
        try read(bytes: bytes, fileName: fileName, format: format).definitions
    }

    /// Why `id` cannot name a pattern, or nil. Ids are keys in the JSON output and appear in
    /// messages as `file:line: ... <id>: ...`, so they must be one line of visible text; slugs
    /// (`oom-killed`) are the house style, but imported sets keep their own names
    /// (`Python unittest failure`) so that results read the same as in the tool they came from.
    package static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "id is empty" }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return "id must be one line without control characters"
        }
        if id.first!.isWhitespace || id.last!.isWhitespace { return "id must not start or end with spaces" }
        return nil
    }

    /// A set's `line_preparation:` mapping: `strip_timestamps` and `strip_ansi`, each true or false.
    private static func linePreparation(_ node: Node?, fail: (Node?, String?, String) -> PatternSetError) throws(PatternSetError) -> LinePreparation {
        guard let node else { return LinePreparation() }
        guard let map = node.mapping else {
            throw fail(node, nil, "`line_preparation` must map \(LinePreparation.yamlKeys.joined(separator: " and ")) to true or false")
        }
        var preparation = LinePreparation()
        for (key, value) in map {
            let flag: Bool
            switch value.scalar?.string {
            case "true": flag = true
            case "false": flag = false
            default: throw fail(value, nil, "`line_preparation.\(key.string ?? "?")` must be true or false")
            }
            switch key.string {
            case "strip_timestamps": preparation.stripTimestamps = flag
            case "strip_ansi": preparation.stripANSI = flag
            default:
                throw fail(key, nil, "unknown key `line_preparation.\(key.string ?? "?")` (expected: \(LinePreparation.yamlKeys.joined(separator: ", ")))")
            }
        }
        return preparation
    }

    private static let entryKeys: Set<String> = ["id", "regex", "description", "tags", "examples", "priority"]
    private static let setKeys: Set<String> = ["name", "description", "patterns", "line_preparation"]

    static func parseYAML(bytes: [UInt8], fileName: String) throws(PatternSetError) -> PatternFile {
        let root = try YAMLDocument.compose(bytes, fileName: fileName)
        func fail(_ node: Node?, _ id: String? = nil, _ message: String) -> PatternSetError {
            PatternSetError(location: SourceLocation(file: fileName, line: node?.mark?.line ?? 1), patternID: id, message: message)
        }
        guard let root, let rootMap = root.mapping else {
            throw fail(root, nil, "expected a mapping with a `patterns:` list at the top level")
        }
        for (key, _) in rootMap {
            guard let name = key.string, setKeys.contains(name) else {
                throw fail(key, nil, "unknown key `\(key.string ?? "?")` (expected: name, description, patterns, line_preparation)")
            }
        }
        guard let list = rootMap["patterns"], let entries = list.sequence else {
            throw fail(root, nil, "`patterns:` must be a list of entries")
        }
        var definitions: [PatternDefinition] = []
        for entry in entries {
            guard let map = entry.mapping else { throw fail(entry, nil, "each pattern must be a mapping with `id` and `regex`") }
            // One pass over the keys (the first of a repeated one counts, as with Yams' subscript,
            // which compares every key as a Node: a fifth of the start-up with 10,000 patterns).
            var idNode, regexField, descriptionNode, tagsNode, examplesNode, priorityField: Node?
            var unknownKey: Node?
            for (key, value) in map {
                switch key.string {
                case "id": idNode = idNode ?? value
                case "regex": regexField = regexField ?? value
                case "description": descriptionNode = descriptionNode ?? value
                case "tags": tagsNode = tagsNode ?? value
                case "examples": examplesNode = examplesNode ?? value
                case "priority": priorityField = priorityField ?? value
                default: unknownKey = unknownKey ?? key
                }
            }
            let id = idNode?.string
            if let key = unknownKey {
                throw fail(key, id, "unknown key `\(key.string ?? "?")` (expected: \(entryKeys.sorted().joined(separator: ", ")))")
            }
            guard let id, !id.isEmpty else { throw fail(entry, nil, "missing `id`") }
            if let problem = idProblem(id) { throw fail(idNode, id, problem) }
            guard let regexNode = regexField, let regex = regexNode.scalar?.string else {
                throw fail(entry, id, "missing `regex` (a string)")
            }
            let tags: [String]
            if let tagNode = tagsNode {
                guard let sequence = tagNode.sequence, sequence.allSatisfy({ $0.scalar != nil }) else {
                    throw fail(tagNode, id, "`tags` must be a list of strings")
                }
                tags = sequence.compactMap { $0.scalar?.string }
            } else {
                tags = []
            }
            var matches: [String] = []
            var nomatches: [String] = []
            if let examples = examplesNode {
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
            var priority: Int?
            if let priorityNode = priorityField {
                guard let text = priorityNode.scalar?.string, let value = Int(text) else {
                    throw fail(priorityNode, id, "`priority` must be an integer (1 is the highest)")
                }
                priority = value
            }
            definitions.append(PatternDefinition(
                id: id, regex: regex, description: descriptionNode?.string, tags: tags,
                matchExamples: matches, nomatchExamples: nomatches, priority: priority,
                location: SourceLocation(file: fileName, line: regexNode.mark?.line ?? entry.mark?.line ?? 1)))
        }
        return PatternFile(path: fileName, format: .yaml, name: rootMap["name"]?.string,
                           description: rootMap["description"]?.string, definitions: definitions,
                           linePreparation: try linePreparation(rootMap["line_preparation"], fail: fail))
    }
}
