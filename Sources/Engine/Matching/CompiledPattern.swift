import PatternSets

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
            ? "PCRE2 line by line (\(LineLocality.reason(definition.regex) ?? "forced"))"
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
        if case .pcre2Only = route { wantsBuffer = allowBufferSearch && LineLocality.reason(definition.regex) == nil } else { wantsBuffer = false }
        do {
            bufferRegex = wantsBuffer ? try PCRE2Regex(pattern: definition.regex, multiline: true) : nil
        } catch {
            throw PatternSetError(
                location: definition.location, patternID: definition.id,
                message: "\(error.message) at offset \(error.offset)")
        }
    }
}

/// Decides whether a buffer-wide multiline search can stand in for per-line matching.
///
/// The buffer search finds candidate lines, each confirmed by the per-line regex, and restarts at
/// the next line. That is exact when "matches line L alone at offset q" implies "matches the buffer
/// at q", which holds for monotone constructs (literals, classes, greedy and lazy quantifiers,
/// positive lookaround, backreferences, `^`/`$` in multiline mode). It can fail for constructs that
/// see the absence of text or forbid backtracking, so those patterns are matched line by line.
/// The check is textual and deliberately over-cautious: a false alarm only costs speed.
package enum LineLocality {
    private static let triggers: [(String, String)] = [
        ("(?!", "negative lookahead"), ("(?<!", "negative lookbehind"),
        ("(*", "verb or option setting"), ("(?>", "atomic group"), ("(?(", "conditional"),
        ("\\A", "\\A anchor"), ("\\z", "\\z anchor"), ("\\Z", "\\Z anchor"), ("\\G", "\\G anchor"),
        ("\\K", "\\K"), ("*+", "possessive quantifier"), ("++", "possessive quantifier"),
        ("?+", "possessive quantifier"), ("}+", "possessive quantifier"),
    ]

    /// Nil when buffer search is exact for `regex`, else why it is not.
    static func reason(_ regex: String) -> String? {
        for (needle, why) in triggers where regex.contains(needle) { return why }
        if unsetsOptions(regex) { return "inline option change" }
        return nil
    }

    /// `(?-m)`, `(?^)` and similar could switch multiline mode off inside the buffer search.
    private static func unsetsOptions(_ regex: String) -> Bool {
        let bytes = Array(regex.utf8)
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") {
                var cursor = index + 2
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "^") { return true }
                    let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                    if !isLetter { break }
                    cursor += 1
                }
            }
            index += 1
        }
        return false
    }
}
