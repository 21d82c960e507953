/// One pattern file as read: its patterns, and what the reader noticed on the way that the user
/// should know (renamed duplicates, ignored keys, regex syntax another tool reads differently).
package struct PatternFile: Sendable {
    package var path: String
    package var format: PatternFileFormat
    /// Set-level `name` and `description` (YAML sets); nil for formats without them.
    package var name: String?
    package var description: String?
    package var definitions: [PatternDefinition]
    package var notes: [PatternFileNote]
    /// How the set's lines are prepared before matching (a YAML `line_preparation:`; a PyTorch
    /// ruleset strips timestamps, as PyTorch's classifier does).
    package var linePreparation: LinePreparation

    package init(path: String, format: PatternFileFormat, name: String? = nil, description: String? = nil,
                definitions: [PatternDefinition], notes: [PatternFileNote] = [], linePreparation: LinePreparation = LinePreparation()) {
        self.path = path
        self.format = format
        self.name = name
        self.description = description
        self.definitions = definitions
        self.notes = notes
        self.linePreparation = linePreparation
    }
}

/// Something a reader decided for the user, with the line it is about.
package struct PatternFileNote: Sendable, Hashable, CustomStringConvertible {
    package var location: SourceLocation
    package var message: String

    package init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    package var description: String { "\(location): note: \(message)" }
}
