/// Asks PCRE2 whether single lines match, the way the scanner confirms a line: for `check`'s
/// examples and the lint rules' questions (including "what if it were caseless"). Not for scanning.
package final class LineTester {
    package struct LimitError: Error, Sendable { package var message: String }

    private let workspace: MatchWorkspace

    package init(limits: MatchLimits = MatchLimits(), captureCount: Int = 0) {
        workspace = MatchWorkspace(captureCount: captureCount, limits: limits)
    }

    /// Whether `line` (a trailing line break is not part of it) has a match of `regex`.
    package func matches(_ regex: PCRE2Regex, line: String) -> Result<Bool, LimitError> {
        var text = line
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        // A terminating byte keeps the pointer valid for an empty line; it is not part of the subject.
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            switch workspace.firstMatch(regex, buffer.baseAddress!, length: buffer.count - 1, from: 0) {
            case .match: return .success(true)
            case .noMatch: return .success(false)
            case .failure(let code): return .failure(LimitError(message: PCRE2.errorMessage(code)))
            }
        }
    }
}
