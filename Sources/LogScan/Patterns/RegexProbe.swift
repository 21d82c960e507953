import CLogScanPCRE2

/// A variant of a pattern compiled on its own (as logscan would, optionally caseless) to ask
/// how single lines would fare with it: the lint rules' "what if" questions. Not for scanning.
final class RegexProbe {
    private let regex: CompiledRegex
    private let matchData: OpaquePointer

    init?(pattern: String, caseless: Bool = false) {
        guard let regex = try? CompiledRegex(pattern: pattern, multiline: false, caseless: caseless),
              let matchData = pcre2_match_data_create_from_pattern_8(regex.code, nil) else { return nil }
        self.regex = regex
        self.matchData = matchData
    }

    deinit { pcre2_match_data_free_8(matchData) }

    /// Whether `line` has a match; nil when PCRE2 gave up (a limit), which no rule reads as an answer.
    func matches(_ line: String) -> Bool? {
        let bytes = Array(line.utf8) + [0]
        let status = bytes.withUnsafeBufferPointer { buffer in
            pcre2_match_8(regex.code, buffer.baseAddress, buffer.count - 1, 0, 0, matchData, nil)
        }
        if status >= 0 { return true }
        if status == PCRE2_ERROR_NOMATCH { return false }
        return nil
    }
}
