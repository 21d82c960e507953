/// A pattern ready to match: its definition, the per-line regex (the authority) and, when it is
/// safe, a multiline twin used to search a whole buffer of lines in one call.
public final class CompiledPattern: Sendable {
    public let definition: PatternDefinition
    /// Matches one line at a time, exactly as `grep -P` does. Every counted line is confirmed here.
    let lineRegex: CompiledRegex
    /// Searches many lines at once; nil when the pattern could behave differently across lines.
    let bufferRegex: CompiledRegex?

    public var id: String { definition.id }
    public var isJITCompiled: Bool { lineRegex.isJITCompiled }
    public var captureCount: Int { lineRegex.captureCount }

    /// How the scanner runs this pattern, for `logscan check -v`.
    public var strategy: String {
        bufferRegex == nil ? "per-line (\(LineLocality.reason(definition.regex) ?? "forced"))" : "buffer search + line confirm"
    }

    public init(_ definition: PatternDefinition, allowBufferSearch: Bool = true) throws(PatternSetError) {
        self.definition = definition
        do {
            lineRegex = try CompiledRegex(pattern: definition.regex, multiline: false)
            bufferRegex = allowBufferSearch && LineLocality.reason(definition.regex) == nil
                ? try CompiledRegex(pattern: definition.regex, multiline: true) : nil
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
enum LineLocality {
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
