/// The compiled patterns of one run, in priority order, with a fingerprint for the output header.
public final class PatternSet: Sendable {
    public let patterns: [CompiledPattern]
    /// Human-readable names of where the patterns came from (files, or "builtin:ci-failures").
    public let sources: [String]
    /// `sha256:<hex>` over ids and regexes, so results from different sets are never mixed up.
    public let fingerprint: String
    let maxCaptureCount: Int

    public var count: Int { patterns.count }

    /// Compiles every definition; the first problem stops everything, as scanning with a partial set
    /// would silently under-count.
    public init(definitions: [PatternDefinition], sources: [String], allowBufferSearch: Bool = true) throws(PatternSetError) {
        var seen: [String: SourceLocation] = [:]
        var compiled: [CompiledPattern] = []
        compiled.reserveCapacity(definitions.count)
        for definition in definitions {
            if let first = seen[definition.id] {
                throw PatternSetError(
                    location: definition.location, patternID: definition.id,
                    message: "duplicate id (first defined at \(first))")
            }
            seen[definition.id] = definition.location
            compiled.append(try CompiledPattern(definition, allowBufferSearch: allowBufferSearch))
        }
        if compiled.isEmpty {
            throw PatternSetError(location: nil, message: "no patterns to scan with (\(sources.joined(separator: ", ")))")
        }
        patterns = compiled
        self.sources = sources
        var hasher = SHA256()
        for definition in definitions {
            hasher.update(Array(definition.id.utf8))
            hasher.update([0])
            hasher.update(Array(definition.regex.utf8))
            hasher.update([0x0A])
        }
        fingerprint = "sha256:" + SHA256.hex(hasher.finalize())
        maxCaptureCount = compiled.map(\.captureCount).max() ?? 0
    }

    /// Loads and compiles pattern files, or the built-in set when `paths` is empty.
    public static func load(paths: [String], allowBufferSearch: Bool = true) throws(PatternSetError) -> PatternSet {
        if paths.isEmpty {
            let definitions = try PatternFileParser.parse(
                bytes: BuiltinPatterns.ciFailuresYAML, fileName: BuiltinPatterns.name, format: .yaml)
            return try PatternSet(definitions: definitions, sources: [BuiltinPatterns.name], allowBufferSearch: allowBufferSearch)
        }
        var definitions: [PatternDefinition] = []
        for path in paths {
            definitions += try PatternFileParser.parse(path: path)
        }
        return try PatternSet(definitions: definitions, sources: paths, allowBufferSearch: allowBufferSearch)
    }
}
