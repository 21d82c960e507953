import Glibc

/// Counts pattern matches over a chunk of whole, cleaned lines.
///
/// Under the `auto` engine one Vectorscan scan of the chunk reports, for every pattern in its
/// database, the lines that may match (see `ChunkMatcher+Prefilter.swift`). The other patterns
/// have a PCRE2 buffer regex that searches the chunk in one call per hit: each hit names a
/// candidate line, which the per-line regex confirms, and the search resumes at the next line.
/// Patterns unsafe for a buffer search (see `LineLocality`) and buffer searches that hit a PCRE2
/// limit run line by line. The per-line regex decides wherever Vectorscan is not exact, so counts
/// are those of `grep -P -c`.
final class ChunkMatcher {
    let patterns: [CompiledPattern]
    private let bufferPatterns: [Int]
    private let linewisePatterns: [Int]
    let workspace: MatchWorkspace
    /// Examples to take per pattern; a caller that builds its own (TestGrid) sets it to 0.
    var exampleLimit: Int
    /// Offsets of `\n` in the current chunk, built only when an example needs a line number.
    private var newlineOffsets: [Int] = []
    private var newlineOffsetsReady = false

    // Vectorscan state (nil/empty without a prefilter database).
    let prefilter: VectorscanDatabase?
    let scratch: VectorscanScratch?
    /// Patterns in the Vectorscan database, and whether each pattern's report is final.
    let prefilterPatterns: [Int]
    /// Resolves reports of the literals searched for signature-routed patterns.
    let literalMatcher: LiteralFactorMatcher?
    /// Vectorscan ids from here on are literals (`Int.max` without any).
    let literalFirstID: Int
    let isExact: UnsafeMutablePointer<Bool>
    /// Per pattern: where (in document-independent stream offsets) its last reported line ends, so
    /// further reports on that line are skipped. Offsets only grow, so this is never reset.
    let reportedLineEnd: UnsafeMutablePointer<Int>
    /// Stream offset of the current chunk's first byte.
    var chunkOrigin = 0
    // The chunk being scanned, for the Vectorscan callback.
    var current: UnsafePointer<UInt8>?
    var currentLength = 0
    var currentFirstLine = 0
    var currentTally: UnsafeMutablePointer<DocumentTally>?
    var segmentOffset = 0
    /// The line of the previous report (any pattern): reports come in offset order, mostly many per line.
    var cachedLineStart = 0
    var cachedLineEnd = -1
    /// When set, every counted line is also appended here: for callers that attribute lines to
    /// something of their own (TestGrid cells, classification).
    var lineMatches: [LineMatch]?
    /// When set (by `logscan bench`), per pattern: lines Vectorscan reported as candidates.
    var candidateCounts: UnsafeMutablePointer<Int>?
    /// A line holding ill-formed UTF-8, repaired for Vectorscan (reused; see `scanRepairedLine`).
    var repairBuffer: UnsafeMutablePointer<UInt8>?
    var repairCapacity = 0
    /// Set while scanning a repaired line: even exact reports go to PCRE2 there.
    var confirmEveryReport = false

    init(patterns: PatternSet, workspace: MatchWorkspace, exampleLimit: Int) {
        self.patterns = patterns.patterns
        bufferPatterns = patterns.patterns.indices.filter { patterns.patterns[$0].bufferRegex != nil }
        linewisePatterns = patterns.patterns.indices.filter {
            patterns.patterns[$0].bufferRegex == nil && !patterns.patterns[$0].usesVectorscan
        }
        self.workspace = workspace
        self.exampleLimit = exampleLimit
        scratch = patterns.prefilter?.makeScratch()
        prefilter = scratch == nil ? nil : patterns.prefilter
        if let prefilter, prefilter.literals.literalCount > 0 {
            literalMatcher = LiteralFactorMatcher(prefilter.literals)
            literalFirstID = prefilter.literals.firstID
        } else {
            literalMatcher = nil
            literalFirstID = Int.max
        }
        // Without scratch (out of memory) the Vectorscan patterns still count, line by line with PCRE2.
        prefilterPatterns = patterns.patterns.indices.filter { patterns.patterns[$0].usesVectorscan }
        isExact = .allocate(capacity: max(1, patterns.count))
        reportedLineEnd = .allocate(capacity: max(1, patterns.count))
        for index in patterns.patterns.indices {
            isExact[index] = patterns.patterns[index].route == .exact
            reportedLineEnd[index] = -1
        }
    }

    deinit {
        repairBuffer?.deallocate()
        isExact.deallocate()
        reportedLineEnd.deallocate()
    }

    /// Matches `base[0..<length]`, whose first line is `firstLine` (1-based). Returns the number of
    /// lines in the chunk: its `\n`s, plus one for a final line without `\n`.
    func match(_ base: UnsafePointer<UInt8>, length: Int, firstLine: Int, into tally: inout DocumentTally) -> Int {
        newlineOffsetsReady = false
        if prefilter != nil {
            runPrefilter(base, length: length, firstLine: firstLine, tally: &tally)
        } else if !prefilterPatterns.isEmpty {
            matchLines(prefilterPatterns, base, length: length, from: 0, lineNumber: firstLine, tally: &tally)
        }
        for index in bufferPatterns {
            searchBuffer(index, patterns[index].bufferRegex!, base, length: length, firstLine: firstLine, tally: &tally)
        }
        if !linewisePatterns.isEmpty {
            matchLines(linewisePatterns, base, length: length, from: 0, lineNumber: firstLine, tally: &tally)
        }
        chunkOrigin += length + 1
        return Self.countLines(base, length: length)
    }

    private func searchBuffer(
        _ index: Int, _ regex: CompiledRegex, _ base: UnsafePointer<UInt8>, length: Int, firstLine: Int,
        tally: inout DocumentTally
    ) {
        var position = 0
        while position < length {
            switch workspace.firstMatch(regex, base, length: length, from: position) {
            case .noMatch:
                return
            case .failure:
                // Too much backtracking across the whole buffer says nothing about any one line:
                // finish this chunk line by line, where the limit applies per line as in grep.
                matchLines([index], base, length: length, from: position,
                           lineNumber: lineNumber(at: position, base, length: length, firstLine: firstLine), tally: &tally)
                return
            case .match(let start):
                if start >= length, base[length - 1] == TextCleaner.newline { return }
                let lineStart = Self.lineStart(base, before: start, floor: position)
                let lineEnd = Self.lineEnd(base, from: start, length: length)
                confirm(index, base, lineStart: lineStart, lineEnd: lineEnd, tally: &tally) {
                    self.lineNumber(at: lineStart, base, length: length, firstLine: firstLine)
                }
                position = lineEnd + 1
            }
        }
    }

    func matchLines(
        _ indices: [Int], _ base: UnsafePointer<UInt8>, length: Int, from: Int, lineNumber: Int,
        tally: inout DocumentTally
    ) {
        var lineStart = from
        var number = lineNumber
        while lineStart < length {
            let lineEnd = Self.lineEnd(base, from: lineStart, length: length)
            for index in indices {
                confirm(index, base, lineStart: lineStart, lineEnd: lineEnd, tally: &tally) { number }
            }
            lineStart = lineEnd + 1
            number += 1
        }
    }

    @inline(__always)
    func confirm(
        _ index: Int, _ base: UnsafePointer<UInt8>, lineStart: Int, lineEnd: Int, tally: inout DocumentTally,
        lineNumber: () -> Int
    ) {
        switch workspace.firstMatch(patterns[index].lineRegex, base + lineStart, length: lineEnd - lineStart, from: 0) {
        case .match:
            tally.counts[index] += 1
            if lineMatches != nil {
                lineMatches!.append(LineMatch(pattern: index, line: lineNumber(), start: lineStart, end: lineEnd))
            }
            if tally.examples[index].count < exampleLimit {
                let end = min(lineEnd, lineStart + DocumentTally.exampleTextLimit)
                tally.examples[index].append(MatchExample(
                    line: lineNumber(), text: Array(UnsafeBufferPointer(start: base + lineStart, count: end - lineStart))))
            }
        case .noMatch:
            break
        case .failure:
            tally.limitHits[index] += 1
        }
    }

    func lineNumber(at offset: Int, _ base: UnsafePointer<UInt8>, length: Int, firstLine: Int) -> Int {
        if !newlineOffsetsReady {
            newlineOffsets.removeAll(keepingCapacity: true)
            var cursor = 0
            while cursor < length {
                let next = Self.lineEnd(base, from: cursor, length: length)
                if next < length { newlineOffsets.append(next) }
                cursor = next + 1
            }
            newlineOffsetsReady = true
        }
        // Lines before `offset` = newlines strictly before it.
        var low = 0
        var high = newlineOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if newlineOffsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return firstLine + low
    }

    @inline(__always)
    static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, length: Int) -> Int {
        guard from < length, let hit = memchr(base + from, Int32(TextCleaner.newline), length - from) else { return length }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    @inline(__always)
    static func lineStart(_ base: UnsafePointer<UInt8>, before offset: Int, floor: Int) -> Int {
        var cursor = offset
        while cursor > floor, base[cursor - 1] != TextCleaner.newline { cursor -= 1 }
        return cursor
    }

    static func countLines(_ base: UnsafePointer<UInt8>, length: Int) -> Int {
        guard length > 0 else { return 0 }
        // Eight bytes at a time (a byte is zero in `word ^ newlines` exactly when its high bit
        // ends up clear below): `memchr` line by line costs a call per short line, 8% of a gzip
        // scan with the curated set.
        let raw = UnsafeRawPointer(base)
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Per-byte tallies (one per lane, summed before any passes 255): the baseline x86-64
        // target has no POPCNT instruction.
        func lanesSum(_ lanes: UInt64) -> Int {
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        var count = 0
        var index = 0
        while index + 8 <= length {
            var lanes: UInt64 = 0
            var rounds = 0
            while rounds < 255, index + 8 <= length {
                let x = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ newlines
                let nonzero = ((x & low7) &+ low7) | x
                lanes &+= (~nonzero & ~low7) >> 7
                index += 8
                rounds += 1
            }
            count += lanesSum(lanes)
        }
        while index < length {
            if base[index] == TextCleaner.newline { count += 1 }
            index += 1
        }
        return count + (base[length - 1] == TextCleaner.newline ? 0 : 1)
    }


}

/// A counted line: the pattern, its 1-based line number and its bytes in the chunk.
struct LineMatch {
    var pattern: Int
    var line: Int
    var start: Int
    var end: Int
}
