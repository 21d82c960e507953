/// PCRE2-only patterns that are safe to search across lines: one multiline PCRE2 search of the
/// whole chunk per hit, each hit naming a candidate line that the per-line regex confirms, and the
/// search resuming at the next line.
package final class BufferSearchRoute: MatchRoute {
    private let patterns: [Int]

    init(_ patterns: [Int]) { self.patterns = patterns }

    package func scan(_ matcher: ChunkMatcher) {
        for pattern in patterns { search(pattern, matcher) }
    }

    private func search(_ pattern: Int, _ matcher: ChunkMatcher) {
        let base = matcher.base
        let length = matcher.length
        let regex = matcher.patterns[pattern].bufferRegex!
        var position = 0
        while position < length {
            switch matcher.workspace.firstMatch(regex, base, length: length, from: position) {
            case .noMatch:
                return
            case .failure:
                // Too much backtracking across the whole buffer says nothing about any one line:
                // finish this chunk line by line, where the limit applies per line as in grep.
                matcher.everyLine([pattern], from: position, to: length)
                return
            case .match(let start):
                if start >= length, base[length - 1] == LineIndex.newline { return }
                let lineStart = LineIndex.lineStart(base, before: start, floor: position)
                let lineEnd = LineIndex.lineEnd(base, from: start, length: length)
                matcher.candidate(pattern, lineStart: lineStart, lineEnd: lineEnd)
                position = lineEnd + 1
            }
        }
    }
}
