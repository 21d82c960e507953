import Engine
import PatternSets

/// The lines each pattern matched, and the lines PCRE2 gave up on, from one chunk.
final class LineRecorder: LineSink {
    private(set) var matches: [[Int]]
    private(set) var gaveUp: Set<Int> = []

    init(patternCount: Int) { matches = Array(repeating: [], count: patternCount) }

    func matched(_ pattern: Int, _ line: MatchedLine) { matches[pattern].append(line.number) }
    func gaveUp(_ pattern: Int, _ line: MatchedLine) { gaveUp.insert(pattern) }

    /// Matches `text` (whole lines, `\n`-terminated) with `set`, as a worker does.
    static func run(_ set: PatternSet, over text: [UInt8]) -> LineRecorder {
        run(matcher(for: set), patternCount: set.count, over: text)
    }

    /// A worker's matcher for `set`, which `run` can reuse as a worker does from chunk to chunk.
    /// Low limits: a catastrophic regex is a limit hit here, not a slow execution.
    static func matcher(for set: PatternSet) -> ChunkMatcher {
        ChunkMatcher(patterns: set, limits: MatchLimits(matchLimit: 100_000, depthLimit: 10_000, jitStackBytes: 1 << 20))
    }

    static func run(_ matcher: ChunkMatcher, patternCount: Int, over text: [UInt8]) -> LineRecorder {
        let recorder = LineRecorder(patternCount: patternCount)
        text.withUnsafeBufferPointer { bytes in
            _ = matcher.match(bytes.baseAddress!, length: bytes.count, firstLine: 1, sink: recorder)
        }
        return recorder
    }
}

/// Fuzz input split into regexes and the text they run over: lines up to the first empty line
/// are regexes (at most `maxRegexes`), the rest is the text, ending with `\n`.
struct RegexesAndText {
    var regexes: [String]
    var text: [UInt8]
    /// The text's lines, without their `\n`.
    var lines: [ArraySlice<UInt8>]

    init(_ input: UnsafeRawBufferPointer, maxRegexes: Int) {
        var regexes: [String] = []
        let bytes = Array(input)
        let offset = Self.textStart(input, maxRegexes: maxRegexes) { regexes.append(String(decoding: bytes[$0], as: UTF8.self)) }
        var text = Array(bytes[offset...])
        if text.last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
        self.regexes = regexes
        self.text = text
        lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
    }

    /// Where the text begins: after `maxRegexes` lines, or after the first empty line before them.
    /// `regex` is given each regex line's range.
    static func textStart(_ input: UnsafeRawBufferPointer, maxRegexes: Int, regex: (Range<Int>) -> Void = { _ in }) -> Int {
        var offset = 0
        var found = 0
        while offset < input.count, found < maxRegexes {
            let end = input[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? input.count
            if end == offset { return offset + 1 }
            regex(offset..<end)
            found += 1
            offset = min(input.count, end + 1)
        }
        return offset
    }

    func definitions() -> [PatternDefinition] {
        regexes.enumerated().map { index, regex in
            PatternDefinition(id: "f\(index)", regex: regex, location: SourceLocation(file: "fuzz", line: index + 1))
        }
    }
}
