/// Why an input could not be read in full. `kind` is the stable machine-readable name written to
/// the JSONL `error.kind`; `message` says what happened in words, for people.
package struct InputError: Error, Sendable, Equatable {
    package enum Kind: String, Sendable {
        case notFound = "not-found"
        case unreadable = "unreadable"
        case notAFile = "not-a-file"
        case corruptGzip = "corrupt-gzip"
        case truncatedGzip = "truncated-gzip"
        case interrupted = "interrupted"
        /// A regular file whose size or modification time changed between open and the last read.
        case changedWhileRead = "changed-while-read"
        /// TestGrid JSON that breaks the JSON grammar (or logscan's size and nesting bounds).
        case malformedJSON = "malformed-json"
        /// Well-formed JSON in which a field logscan reads has the wrong type.
        case invalidTestGrid = "invalid-testgrid"
    }

    package var kind: Kind
    package var message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
