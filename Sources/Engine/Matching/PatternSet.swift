import PatternSets

/// The compiled patterns of one run, in priority order, with a fingerprint for the output header.
package final class PatternSet: Sendable {
    package let patterns: [CompiledPattern]
    /// Human-readable names of where the patterns came from (files, or "builtin:ci-failures").
    package let sources: [String]
    /// `sha256:<hex>` over ids and regexes, so results from different sets are never mixed up.
    package let fingerprint: String
    let maxCaptureCount: Int
    /// The engine asked for; `auto` falls back to PCRE2 per pattern where Vectorscan cannot help.
    package let engine: MatchEngine
    /// All Vectorscan-routed patterns in one database; nil under `pcre2` or when none qualifies.
    package let prefilter: PrefilterDatabase?
    /// True when the Vectorscan database was loaded from the on-disk cache, not compiled.
    package var vectorscanFromCache: Bool { prefilter?.fromCache ?? false }
    /// How the set's files want lines prepared (see `LinePreparation.combined`).
    package let linePreparation: LinePreparation
    /// Seconds to compile the set (PCRE2 and Vectorscan together).
    package let compileSeconds: Double

    package var count: Int { patterns.count }

    /// The Vectorscan scan entry point this process uses, for `check -v`.
    package static var vectorscanEntryName: String { Vectorscan.scanEntryName }

    /// Compiles every definition; the first problem stops everything, as scanning with a partial set
    /// would silently under-count.
    ///
    /// `sample` gives a few megabytes of the inputs to be scanned; it is read only for a set large
    /// enough to route patterns by their literals, which it then picks (`LiteralCalibration`), or
    /// for a mid-size one, to time its Vectorscan database split in two (`DatabaseSplit`), when
    /// `inputBytes` (the inputs' size as stored; else the sample's own count) is large enough.
    package init(definitions: [PatternDefinition], sources: [String], allowBufferSearch: Bool = true,
                engine: MatchEngine = .auto, linePreparation: LinePreparation = LinePreparation(),
                sample: (() -> CalibrationSample)? = nil, inputBytes: Int? = nil,
                databaseSplit: DatabaseSplit.Policy = .trial) throws(PatternSetError) {
        let start = monotonicSeconds()
        if let duplicate = Self.duplicateIDs(definitions).first { throw duplicate }
        var lineRegexes: [PCRE2Regex] = []
        lineRegexes.reserveCapacity(definitions.count)
        for definition in definitions { lineRegexes.append(try CompiledPattern.compileLineRegex(definition)) }
        if definitions.isEmpty {
            throw PatternSetError(location: nil, message: "no patterns to scan with (\(sources.joined(separator: ", ")))")
        }
        let routes: [PatternRoute]
        switch engine {
        case .auto:
            (prefilter, routes) = RoutePlanner.plan(regexes: definitions.map(\.regex), sample: sample, inputBytes: inputBytes,
                                                    split: databaseSplit)
        case .pcre2:
            prefilter = nil
            routes = definitions.map { _ in .pcre2Only("--engine pcre2") }
        }
        var compiled: [CompiledPattern] = []
        compiled.reserveCapacity(definitions.count)
        for index in definitions.indices {
            compiled.append(try CompiledPattern(
                definitions[index], lineRegex: lineRegexes[index], route: routes[index], allowBufferSearch: allowBufferSearch))
        }
        patterns = compiled
        self.engine = engine
        self.sources = sources
        self.linePreparation = linePreparation
        var hasher = SHA256()
        for definition in definitions {
            hasher.update(Array(definition.id.utf8))
            hasher.update([0])
            hasher.update(Array(definition.regex.utf8))
            hasher.update([0x0A])
        }
        fingerprint = "sha256:" + SHA256.hex(hasher.finalize())
        maxCaptureCount = compiled.map(\.captureCount).max() ?? 0
        compileSeconds = monotonicSeconds() - start
    }

    /// Each pattern's rank for classification, 0 = highest precedence: file order (files in the
    /// order given), or with `fileOrderOnly: false` explicit `priority` values first (see
    /// `PatternPrecedence`).
    package func classificationRanks(fileOrderOnly: Bool) -> [Int] {
        fileOrderOnly ? Array(patterns.indices) : PatternPrecedence.ranks(patterns.map(\.definition))
    }

    /// Loads and compiles pattern files, or the built-in set when `paths` is empty. `format` nil
    /// detects each file's format from its content.
    package static func load(paths: [String], format: PatternFileFormat? = nil, allowBufferSearch: Bool = true,
                            engine: MatchEngine = .auto) throws(PatternSetError) -> PatternSet {
        try PatternSet(files: readFiles(paths: paths, format: format), allowBufferSearch: allowBufferSearch, engine: engine)
    }

    /// Reads pattern files without compiling them (the built-in set when `paths` is empty), so
    /// callers can show the readers' notes first.
    package static func readFiles(paths: [String], format: PatternFileFormat? = nil) throws(PatternSetError) -> [PatternFile] {
        if paths.isEmpty {
            return [try PatternFileParser.read(bytes: BuiltinPatterns.ciFailuresYAML, fileName: BuiltinPatterns.name, format: .yaml)]
        }
        var files: [PatternFile] = []
        for path in paths { files.append(try PatternFileParser.read(path: path, format: format)) }
        return files
    }

    /// Every reason `definitions` would not load (duplicate ids, regexes PCRE2 refuses), not just
    /// the first: for tools that report them all, such as `logscan patterns convert`.
    package static func problems(_ definitions: [PatternDefinition]) -> [PatternSetError] {
        var problems = duplicateIDs(definitions)
        for definition in definitions {
            do {
                _ = try CompiledPattern.compileLineRegex(definition)
            } catch {
                problems.append(error)
            }
        }
        return problems.sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
    }

    /// Every definition whose id an earlier one already has.
    static func duplicateIDs(_ definitions: [PatternDefinition]) -> [PatternSetError] {
        var seen: [String: SourceLocation] = [:]
        var duplicates: [PatternSetError] = []
        for definition in definitions {
            if let first = seen[definition.id] {
                duplicates.append(PatternSetError(location: definition.location, patternID: definition.id,
                                                  message: "duplicate id (first defined at \(first))"))
            } else {
                seen[definition.id] = definition.location
            }
        }
        return duplicates
    }

    /// Compiles the patterns of `files`, in order.
    package convenience init(files: [PatternFile], allowBufferSearch: Bool = true, engine: MatchEngine = .auto,
                            sample: (() -> CalibrationSample)? = nil, inputBytes: Int? = nil) throws(PatternSetError) {
        try self.init(definitions: files.flatMap(\.definitions), sources: files.map(\.path),
                      allowBufferSearch: allowBufferSearch, engine: engine, linePreparation: LinePreparation.combined(files),
                      sample: sample, inputBytes: inputBytes)
    }
}
