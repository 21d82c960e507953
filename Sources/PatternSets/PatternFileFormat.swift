/// The pattern file formats logscan reads. Raw values are the names `--pattern-format` takes.
package enum PatternFileFormat: String, Sendable, CaseIterable {
    /// logscan's own YAML set: `patterns:` entries with id, regex, description, tags, examples, priority.
    case yaml
    /// PyTorch log-classifier `ruleset.toml`: `[[rule]]` tables with `name` and `pattern`; file order is priority.
    case pytorchTOML = "pytorch-toml"
    /// A JSON array of regex strings (Prow's build-log highlight regexes).
    case jsonList = "json-list"
    /// A YAML sequence of regex strings.
    case yamlList = "yaml-list"
    /// One regex per line, as `grep -f` reads them, but blank and `#` lines are skipped.
    case lines

    /// Decides by content, so a file is read the same whatever it is called. In order: a line
    /// starting with `[[rule]]` is TOML; an array (or, unless named `.yaml`/`.yml`, an object)
    /// that reads as JSON, or a `[` list shaped like one, is a JSON list; a `.yaml`/`.yml` name
    /// or a top-level `patterns:` line is a YAML set, unless its first entry is a list item; a
    /// first line starting with `- ` is a YAML list; anything else is a list of lines. Ambiguous
    /// starts lean towards the stricter format, whose parser then reports what does not fit
    /// (with file and line) rather than reading it as something else.
    package static func detect(path: String, bytes: [UInt8]) -> PatternFileFormat {
        let text = UTF8ByteOrderMark.text(bytes)
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        if lines.contains(where: { startsWithRuleHeader($0) }) { return .pytorchTOML }
        let lower = path.lowercased()
        let yamlByName = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        if looksLikeJSONList(bytes, objectsToo: !yamlByName) { return .jsonList }
        let firstEntry = lines.first { line in
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            return !trimmed.isEmpty && trimmed.first != UInt8(ascii: "#") && !trimmed.starts(with: "---".utf8)
                && !trimmed.starts(with: "%".utf8)
        }
        let startsAsList = firstEntry.map { $0.starts(with: "- ".utf8) || $0.elementsEqual("-".utf8) } ?? false
        if yamlByName && (startsAsList || firstEntry?.first == UInt8(ascii: "[")) { return .yamlList }
        if yamlByName || lines.contains(where: { $0.starts(with: "patterns:".utf8) }) { return .yaml }
        if startsAsList { return .yamlList }
        return .lines
    }

    private static func startsWithRuleHeader(_ line: ArraySlice<UInt8>) -> Bool {
        line.drop { $0 == 0x20 || $0 == 0x09 }.starts(with: "[[rule]]".utf8)
    }

    /// An array (or with `objectsToo` an object) that parses as JSON, `[1,2]` and `{"a":1}` too,
    /// so that the JSON list reader says what is wrong with them; a YAML set may be written as a
    /// JSON object, which is why a `.yaml` name keeps objects for the YAML reader. Or a `[` shaped
    /// like a list of strings (`[` then `"` or `]`, closing `]` last) so that its parse error is
    /// worth reporting. A `grep -f` list whose first regex starts with `[` is neither and stays a
    /// list. A lone JSON scalar (`123`, `"quoted"`) is a plausible one-regex file: not JSON here.
    private static func looksLikeJSONList(_ bytes: [UInt8], objectsToo: Bool) -> Bool {
        let significant = UTF8ByteOrderMark.text(bytes)
            .filter { !JSONStringListParser.isWhitespace($0) }
        guard let first = significant.first, first == UInt8(ascii: "[") || (objectsToo && first == UInt8(ascii: "{")) else { return false }
        if JSONSyntaxCheck.isJSON(bytes) { return true }
        guard first == UInt8(ascii: "["), significant.count >= 2 else { return false }
        let second = significant[significant.index(after: significant.startIndex)]
        return (second == UInt8(ascii: "\"") || second == UInt8(ascii: "]")) && significant.last == UInt8(ascii: "]")
    }
}
