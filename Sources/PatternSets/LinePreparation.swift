/// What a pattern set says its lines look like before matching: the regexes were written for lines
/// with (or without) these parts, so the set carries the choice and scans follow it unless the
/// command line overrides it. `nil` leaves a choice to the default (ANSI removed, timestamps kept).
package struct LinePreparation: Sendable, Hashable {
    /// Remove the ISO 8601 timestamp CI runners put before each line (`2024-07-08T16:59:08.1747875Z `).
    package var stripTimestamps: Bool?
    /// Remove ANSI escape sequences (colour codes).
    package var stripANSI: Bool?

    package init(stripTimestamps: Bool? = nil, stripANSI: Bool? = nil) {
        self.stripTimestamps = stripTimestamps
        self.stripANSI = stripANSI
    }

    package var isEmpty: Bool { stripTimestamps == nil && stripANSI == nil }

    /// The keys of a YAML set's `line_preparation:` mapping.
    package static let yamlKeys = ["strip_timestamps", "strip_ansi"]

    /// What the files of one run ask for together: a file that says nothing does not constrain;
    /// two files that say different things are an error naming both, since lines are prepared once
    /// for every pattern of a run.
    package static func combined(_ files: [PatternFile]) throws(PatternSetError) -> LinePreparation {
        var result = LinePreparation()
        var strippingFile: String?, ansiFile: String?
        for file in files {
            if let wanted = file.linePreparation.stripTimestamps {
                if let current = result.stripTimestamps, current != wanted, let other = strippingFile {
                    throw conflict("strip_timestamps", other, current, file.path, wanted, flag: "--strip-timestamps or --no-strip-timestamps")
                }
                result.stripTimestamps = wanted
                strippingFile = strippingFile ?? file.path
            }
            if let wanted = file.linePreparation.stripANSI {
                if let current = result.stripANSI, current != wanted, let other = ansiFile {
                    throw conflict("strip_ansi", other, current, file.path, wanted, flag: "--keep-ansi or --no-keep-ansi")
                }
                result.stripANSI = wanted
                ansiFile = ansiFile ?? file.path
            }
        }
        return result
    }

    private static func conflict(_ key: String, _ first: String, _ firstValue: Bool, _ second: String, _ secondValue: Bool,
                                 flag: String) -> PatternSetError {
        PatternSetError(location: nil, message: "pattern files disagree on line preparation: \(first) has \(key): \(firstValue), "
                        + "\(second) has \(key): \(secondValue); lines are prepared once for all patterns, so choose with \(flag)")
    }
}
