/// Where a pattern was defined, for error messages that point at the line to fix.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One labeled regex as written in a pattern set, before compilation.
public struct PatternDefinition: Sendable, Hashable {
    public var id: String
    public var regex: String
    public var description: String?
    public var tags: [String]
    public var matchExamples: [String]
    public var nomatchExamples: [String]
    /// Rank for classification, where the first matching pattern in precedence order wins:
    /// 1 is the highest, larger numbers rank lower, and patterns without one follow all that have
    /// one, in load order (see `PatternPrecedence`). From a YAML `priority:` key, or from the file
    /// order of formats whose order means priority (PyTorch's ruleset.toml). Counting ignores it.
    public var priority: Int?
    public var location: SourceLocation

    public init(
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
