/// Where a pattern was defined, for error messages that point at the line to fix.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int

    package init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    package var description: String { "\(file):\(line)" }
}

/// One labeled regex as written in a pattern set, before compilation.
package struct PatternDefinition: Sendable, Hashable {
    package var id: String
    package var regex: String
    package var description: String?
    package var tags: [String]
    package var matchExamples: [String]
    package var nomatchExamples: [String]
    /// Rank for classification, where the first matching pattern in precedence order wins:
    /// 1 is the highest, larger numbers rank lower, and patterns without one follow all that have
    /// one, in load order (see `PatternPrecedence`). From a YAML `priority:` key, or from the file
    /// order of formats whose order means priority (PyTorch's ruleset.toml). Counting ignores it.
    package var priority: Int?
    package var location: SourceLocation

    package init(
        id: String, regex: String, description: String? = nil, tags: [String] = [],
        matchExamples: [String] = [], nomatchExamples: [String] = [], priority: Int? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.regex = regex
        self.description = description
        self.tags = tags
        self.matchExamples = matchExamples
        self.nomatchExamples = nomatchExamples
        self.priority = priority
        self.location = location
    }
}
