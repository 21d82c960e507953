import PatternSets
import RegexSyntax

/// A pattern ready to match: its definition, the per-line regex (the authority) and, when it is
/// safe, a multiline twin used to search a whole buffer of lines in one call.
package final class CompiledPattern: Sendable {
    package let definition: PatternDefinition
    /// Matches one line at a time, exactly as `grep -P` does. Every counted line is confirmed here
    /// (or, for `.exact` routes, by Vectorscan with the same meaning).
    package let lineRegex: PCRE2Regex
    /// Searches many lines at once; nil when the pattern could behave differently across lines,
    /// or when Vectorscan finds its candidate lines instead.
    let bufferRegex: PCRE2Regex?
    /// How the `auto` engine runs it; `.pcre2Only` under the `pcre2` engine.
    package let route: PatternRoute

    package var id: String { definition.id }
    package var isJITCompiled: Bool { lineRegex.isJITCompiled }
    package var captureCount: Int { lineRegex.captureCount }
    package var usesVectorscan: Bool { if case .pcre2Only = route { return false } else { return true } }

    /// How the scanner runs this pattern, for `logscan check -v`.
    package var strategy: String {
        let pcre2Path = bufferRegex == nil
            ? "PCRE2 line by line (\(ParsedRegex(definition.regex).lineLocalityReason ?? "forced"))"
            : "PCRE2 buffer search + line confirm"
        switch route {
        case .exact: return "exact (Vectorscan)"
        case .prefilter(let why): return "prefilter+confirm (Vectorscan, then PCRE2 on candidate lines: \(why))"
        case .pcre2Only(let why): return "PCRE2 only (\(why)): \(pcre2Path)"
        }
    }

    /// Compiles the per-line regex; throws PCRE2's message for an invalid pattern.
    static func compileLineRegex(_ definition: PatternDefinition) throws(PatternSetError) -> PCRE2Regex {
        do {
            return try PCRE2Regex(pattern: definition.regex, multiline: false)
        } catch {
            throw PatternSetError(
                location: definition.location, patternID: definition.id,
                message: "\(error.message) at offset \(error.offset)")
        }
    }

    init(_ definition: PatternDefinition, lineRegex: PCRE2Regex, route: PatternRoute, allowBufferSearch: Bool) throws(PatternSetError) {
        self.definition = definition
        self.lineRegex = lineRegex
        self.route = route
        let wantsBuffer: Bool
        // A buffer-wide multiline search can stand in for per-line matching only where a match
        // on a line alone is a match in a buffer of lines (see `lineLocalityReason`).
        if case .pcre2Only = route {
            wantsBuffer = allowBufferSearch && ParsedRegex(definition.regex).lineLocalityReason == nil
        } else {
            wantsBuffer = false
        }
        do {
            bufferRegex = wantsBuffer ? try PCRE2Regex(pattern: definition.regex, multiline: true) : nil
        } catch {
            throw PatternSetError(
                location: definition.location, patternID: definition.id,
                message: "\(error.message) at offset \(error.offset)")
        }
    }
}
