/// One pattern file as read: its patterns, and what the reader noticed on the way that the user
/// should know (renamed duplicates, ignored keys, regex syntax another tool reads differently).
public struct PatternFile: Sendable {
    public var path: String
    public var format: PatternFileFormat
    /// Set-level `name` and `description` (YAML sets); nil for formats without them.
    public var name: String?
    public var description: String?
    public var definitions: [PatternDefinition]
    public var notes: [PatternFileNote]

    public init(path: String, format: PatternFileFormat, name: String? = nil, description: String? = nil,
                definitions: [PatternDefinition], notes: [PatternFileNote] = []) {
        self.path = path
        self.format = format
        self.name = name
        self.description = description
        self.definitions = definitions
        self.notes = notes
    }
}

/// Something a reader decided for the user, with the line it is about.
public struct PatternFileNote: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): note: \(message)" }
}
