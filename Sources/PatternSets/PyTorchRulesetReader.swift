import RegexSyntax

/// Reads the PyTorch log classifier's `ruleset.toml` (pytorch/test-infra,
/// aws/lambda/log-classifier): `[[rule]]` tables with `name` and `pattern`, in priority order
/// (first rule highest), patterns in Rust `regex` syntax.
///
/// Lines are matched with their GitHub Actions timestamps removed, as PyTorch's classifier does
/// (the set's `LinePreparation`).
///
/// Ids are the rule names as written, so counts and classifications read as PyTorch's do. Names
/// may repeat there (several regexes for one failure kind); a repeat gets ` #2`, ` #3`, ... in
/// file order, and a note says so. Priorities are 1...N in file order. Keys PyTorch ignores are
/// ignored too, each with a note.
package enum PyTorchRulesetReader {
    static func read(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> PatternFile {
        let document = try TOMLSubsetParser.parse(bytes, fileName: fileName)
        var notes: [PatternFileNote] = []
        func note(_ line: Int, _ message: String) {
            notes.append(PatternFileNote(location: SourceLocation(file: fileName, line: line), message: message))
        }
        for entry in document.rootEntries {
            note(entry.line, "top-level key `\(entry.key)` ignored (only [[rule]] tables hold patterns)")
        }
        for table in document.tables where table.name != "rule" {
            note(table.line, "[[\(table.name)]] table ignored (only [[rule]] tables hold patterns)")
        }
        let rules = document.tables.filter { $0.name == "rule" }
        if rules.isEmpty {
            throw PatternSetError(location: SourceLocation(file: fileName, line: 1), message: "no [[rule]] tables (expected PyTorch's ruleset.toml format)")
        }

        struct Rule {
            var name: String
            var nameLine: Int
            var pattern: String
            var patternLine: Int
        }
        var parsed: [Rule] = []
        for table in rules {
            func string(_ key: String) throws(PatternSetError) -> (String, Int) {
                guard let entry = table.value(key) else {
                    throw PatternSetError(location: SourceLocation(file: fileName, line: table.line), message: "[[rule]] without `\(key)`")
                }
                guard case .string(let text) = entry.value else {
                    throw PatternSetError(location: SourceLocation(file: fileName, line: entry.line), message: "`\(key)` must be a string")
                }
                return (text, entry.line)
            }
            let (name, nameLine) = try string("name")
            let (pattern, patternLine) = try string("pattern")
            if let problem = PatternFileParser.idProblem(name) {
                throw PatternSetError(location: SourceLocation(file: fileName, line: nameLine), message: "rule name cannot be an id: \(problem)")
            }
            for entry in table.entries where entry.key != "name" && entry.key != "pattern" {
                note(entry.line, "key `\(entry.key)` of rule `\(name)` ignored (PyTorch's classifier reads only name and pattern)")
            }
            parsed.append(Rule(name: name, nameLine: nameLine, pattern: pattern, patternLine: patternLine))
        }

        let ids = uniqueIDs(parsed.map(\.name))
        var linesByName: [String: [Int]] = [:]
        for rule in parsed { linesByName[rule.name, default: []].append(rule.nameLine) }
        var reported: Set<String> = []
        for (rule, id) in zip(parsed, ids) where id != rule.name && !reported.contains(rule.name) {
            reported.insert(rule.name)
            let lines = linesByName[rule.name]!
            let renamed = zip(parsed, ids).filter { $0.0.name == rule.name }.map { "`\($0.1)`" }
            note(lines[0], "rule name `\(rule.name)` is used by \(lines.count) rules (lines \(lines.map(String.init).joined(separator: ", "))); their ids are \(renamed.joined(separator: ", "))")
        }

        let anchored = parsed.filter { $0.pattern.hasPrefix("^") }
        if let first = anchored.first {
            // Found by running the real ruleset on raw Actions logs: most rules never matched.
            note(first.patternLine, "\(anchored.count) of \(parsed.count) rules start with `^`; PyTorch's classifier removes the GitHub Actions timestamp (`2024-01-01T00:00:00.0000000Z `) from each line before matching, so this set does too (--no-strip-timestamps keeps them)")
        }

        var definitions: [PatternDefinition] = []
        for (index, (rule, id)) in zip(parsed, ids).enumerated() {
            let location = SourceLocation(file: fileName, line: rule.patternLine)
            for difference in ParsedRegex(rule.pattern).rustDifferences {
                notes.append(PatternFileNote(location: location, message: "rule `\(id)`: \(difference)"))
            }
            definitions.append(PatternDefinition(id: id, regex: rule.pattern, priority: index + 1, location: location))
        }
        return PatternFile(path: fileName, format: .pytorchTOML, definitions: definitions,
                           notes: notes.sorted { $0.location.line < $1.location.line },
                           linePreparation: LinePreparation(stripTimestamps: true))
    }

    /// The first use of a name keeps it; later ones get ` #n` with n the smallest number from 2
    /// up that no other rule name or earlier id already uses. Deterministic: depends on file order only.
    static func uniqueIDs(_ names: [String]) -> [String] {
        let allNames = Set(names)
        var used: Set<String> = []
        var ids: [String] = []
        for name in names {
            var id = name
            var suffix = 2
            while used.contains(id) || (id != name && allNames.contains(id)) {
                id = "\(name) #\(suffix)"
                suffix += 1
            }
            used.insert(id)
            ids.append(id)
        }
        return ids
    }
}
