/// The Vectorscan pass: one scan of the chunk for every pattern in the set's database (two scans
/// when the planner split the set, `DatabaseSplit`; each pattern is in one of them).
///
/// A report (pattern, end offset) names the line holding the match's last byte. A within-line
/// match never ends on a `\n`, so such reports (matches spanning lines) are dropped; every other
/// line reported for a pattern is, for an exact route, confirmed at once (lines up to
/// `exactLineLimit`), and otherwise a candidate for the pattern's per-line PCRE2 regex.
/// Literal reports go through `LiteralFactorMatcher`, which names a line only when all of a
/// pattern's factors are on it. Vectorscan's UTF-8 mode is undefined on ill-formed UTF-8, so lines
/// holding any are cut out of the scanned segments and scanned as a copy with those bytes replaced,
/// every report on them a candidate (see `UTF8Validation.copyReplacingIllFormed`).
///
/// Every scan ends on a `\n`. Vectorscan (5.4.9, measured) can miss a match that ends exactly at
/// the end of the data it scans: `connection\S+as refu|ed` misses the `ed` ending a buffer of 18 to
/// 32 bytes (`avx2_hs_scan`), and finds it with any byte after it. So a chunk's last line without a `\n` (a file's
/// unterminated last line, a piece of a long line) is scanned as a copy with one appended, like a
/// repaired line.
package final class VectorscanRoute: MatchRoute {
    /// Longer lines are confirmed by PCRE2 even for exact patterns: PCRE2's match limit, which the
    /// reference path applies, can only bite on long lines.
    static let exactLineLimit = 1024

    private let prefilter: PrefilterDatabase
    /// One scratch per database, in `prefilter.databases`' order.
    private let scratches: [VectorscanScratch]
    /// Patterns in the database, for lines Vectorscan cannot take (over 2 GiB).
    private let patterns: [Int]
    private let literalMatcher: LiteralFactorMatcher?
    /// Vectorscan ids from here on are literals (`Int.max` without any).
    private let literalFirstID: Int
    /// Per pattern: whether its report settles a line.
    private let isExact: UnsafeMutablePointer<Bool>
    /// Per pattern: where (in stream offsets) its last reported line ends, so further reports on
    /// that line are skipped. Offsets only grow, so this is never reset.
    private let reportedLineEnd: UnsafeMutablePointer<Int>

    // The scan in progress, for the callback. Unowned and unchecked: set only for the duration of
    // `scan(_:)`, whose caller holds the matcher. This state is read on every report, so it is
    // exempt from dynamic exclusivity checks: a route belongs to one worker's matcher, and nothing
    // passes it inout.
    @exclusivity(unchecked) private unowned(unsafe) var matcher: ChunkMatcher!
    @exclusivity(unchecked) private var segmentOffset = 0
    /// The line of the previous report (any pattern): reports come in offset order, mostly many per line.
    @exclusivity(unchecked) private var cachedLineStart = 0
    @exclusivity(unchecked) private var cachedLineEnd = -1
    /// Set while scanning a copied line: even exact reports are candidates there.
    @exclusivity(unchecked) private var everyReportIsCandidate = false
    /// A line copied for Vectorscan, repaired and ending with a `\n` (reused; see `scanCopiedLine`).
    private var repairBuffer: UnsafeMutablePointer<UInt8>?
    private var repairCapacity = 0

    /// Nil when no scratch region could be allocated.
    init?(_ prefilter: PrefilterDatabase, patterns: [Int], routes: [PatternRoute]) {
        var scratches: [VectorscanScratch] = []
        for database in prefilter.databases {
            guard let scratch = database.makeScratch() else { return nil }
            scratches.append(scratch)
        }
        self.prefilter = prefilter
        self.scratches = scratches
        self.patterns = patterns
        if prefilter.literals.literalCount > 0 {
            literalMatcher = LiteralFactorMatcher(prefilter.literals)
            literalFirstID = prefilter.literals.firstID
        } else {
            literalMatcher = nil
            literalFirstID = Int.max
        }
        isExact = .allocate(capacity: max(1, routes.count))
        reportedLineEnd = .allocate(capacity: max(1, routes.count))
        for index in routes.indices {
            isExact[index] = routes[index] == .exact
            reportedLineEnd[index] = -1
        }
    }

    deinit {
        repairBuffer?.deallocate()
        isExact.deallocate()
        reportedLineEnd.deallocate()
    }

    package func scan(_ matcher: ChunkMatcher) {
        self.matcher = matcher
        defer { self.matcher = nil }
        let base = matcher.base
        let length = matcher.length
        cachedLineEnd = -1
        // Segments end on a `\n`: an unterminated last line is scanned as a copy, after them.
        let terminated = length > 0 && base[length - 1] != LineIndex.newline
            ? LineIndex.lineStart(base, before: length - 1, floor: 0) : length
        var segmentStart = 0
        // The matcher's survey found the first ill-formed byte; after it, each is looked for anew.
        var invalid = matcher.firstInvalid
        while segmentStart < terminated {
            if segmentStart > 0 { invalid = UTF8Validation.firstInvalid(base, from: segmentStart, to: length) }
            let segmentEnd = min(terminated, invalid.map { LineIndex.lineStart(base, before: $0, floor: segmentStart) } ?? length)
            if segmentEnd > segmentStart { scanSegment(from: segmentStart, to: segmentEnd) }
            guard let invalid, invalid < terminated else { break }
            let lineEnd = LineIndex.lineEnd(base, from: invalid, length: length)
            if !scanCopiedLine(lineStart: segmentEnd, lineEnd: lineEnd, firstInvalid: invalid) {
                matcher.everyLine(patterns, from: segmentEnd, to: lineEnd)
            }
            segmentStart = lineEnd + 1
        }
        if terminated < length {
            let firstInvalid = UTF8Validation.firstInvalid(base, from: terminated, to: length)
            if !scanCopiedLine(lineStart: terminated, lineEnd: length, firstInvalid: firstInvalid) {
                matcher.everyLine(patterns, from: terminated, to: length)
            }
        }
    }

    private func scanSegment(from start: Int, to end: Int) {
        let base = matcher.base
        // A scan takes a 32-bit length: longer segments (one giant line) go in pieces cut at lines.
        var pieceStart = start
        while pieceStart < end {
            var pieceEnd = end
            if pieceEnd - pieceStart > Int(Int32.max) {
                pieceEnd = LineIndex.lineEnd(base, from: pieceStart + Int(Int32.max) / 2, length: end)
                if pieceEnd - pieceStart > Int(Int32.max) {
                    // A single line over 2 GiB: PCRE2 alone.
                    matcher.everyLine(patterns, from: pieceStart, to: min(end, pieceEnd))
                    pieceStart = pieceEnd + 1
                    continue
                }
                pieceEnd += 1
            }
            scan(base + pieceStart, count: pieceEnd - pieceStart, at: pieceStart)
            if let literalMatcher { resolveLiterals(literalMatcher, from: pieceStart) }
            pieceStart = pieceEnd
        }
    }

    /// The Vectorscan scans of `data[0..<count]`, whose reports are resolved as being at `offset` of
    /// the chunk (`data` is the chunk itself, or a repaired copy of one of its lines).
    private func scan(_ data: UnsafePointer<UInt8>, count: Int, at offset: Int) {
        segmentOffset = offset
        let lineEnd = cachedLineEnd
        for index in prefilter.databases.indices {
            // Each database's reports start over from the segment's start.
            if index > 0 { cachedLineEnd = lineEnd }
            scan(prefilter.databases[index], scratches[index], data, count: count)
        }
    }

    private func scan(_ database: VectorscanDatabase, _ scratch: VectorscanScratch, _ data: UnsafePointer<UInt8>, count: Int) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let scanned = database.scan(data, count: count, scratch: scratch, context: context) { id, _, to, _, context in
            // The route outlives the scan (it is running it), so no reference counting here.
            Unmanaged<VectorscanRoute>.fromOpaque(context!)._withUnsafeGuaranteedRef { route in
                if Int(id) >= route.literalFirstID {
                    route.literalMatcher!.record(id: Int(id), end: Int(to))
                } else {
                    route.report(Int(id), end: Int(to))
                }
            }
            return 0
        }
        // A scan fails only on misuse (a shared scratch, a bad database, a callback asking to
        // stop), none of which this code does: a failure is a logscan bug, so stop loudly
        // rather than under-count.
        precondition(scanned, "logscan bug: Vectorscan scan failed")
    }

    /// Scans a copy of the line `base[lineStart..<lineEnd]` ending with a `\n`, with every
    /// ill-formed byte replaced (the first at `firstInvalid`, if any), and has PCRE2 decide every
    /// pattern reported on it. False for a line of 2 GiB or more: the caller then runs PCRE2 for
    /// every pattern.
    private func scanCopiedLine(lineStart: Int, lineEnd: Int, firstInvalid: Int?) -> Bool {
        let base = matcher.base
        let count = lineEnd - lineStart
        guard count > 0, count < Int(Int32.max) else { return false }
        if repairCapacity < count + 1 {
            repairBuffer?.deallocate()
            repairCapacity = max(count + 1, 4096)
            repairBuffer = .allocate(capacity: repairCapacity)
        }
        let copy = repairBuffer!
        if let firstInvalid {
            UTF8Validation.copyReplacingIllFormed(base + lineStart, count: count, firstInvalid: firstInvalid - lineStart, into: copy)
        } else {
            copy.update(from: base + lineStart, count: count)
        }
        copy[count] = LineIndex.newline
        everyReportIsCandidate = true
        scan(copy, count: count + 1, at: lineStart)
        everyReportIsCandidate = false
        // Reports are resolved against the chunk: the copy has the same bytes wherever a match can be.
        if let literalMatcher { resolveLiterals(literalMatcher, from: lineStart) }
        if repairCapacity > 1 << 22 {
            // A rare giant line: do not hold its copy for the rest of the run.
            repairBuffer!.deallocate()
            repairBuffer = nil
            repairCapacity = 0
        }
        return true
    }

    /// Names, as candidates, the lines where a literal-routed pattern has all its factors.
    private func resolveLiterals(_ literalMatcher: LiteralFactorMatcher, from start: Int) {
        let matcher = self.matcher!
        literalMatcher.resolve(matcher.base, segmentStart: start, length: matcher.length, origin: matcher.origin) { index, lineStart, lineEnd in
            matcher.named(index)
            matcher.candidate(index, lineStart: lineStart, lineEnd: lineEnd)
        }
    }

    /// One Vectorscan report: pattern `index` has a match ending at `end` (relative to the segment).
    @inline(__always)
    private func report(_ index: Int, end: Int) {
        guard end > 0 else { return }
        let matcher = self.matcher!
        let base = matcher.base
        let last = segmentOffset + end - 1
        // On a `\n` (the chunk's, or the one a copied last line ends with): spans lines, not a per-line match.
        if last >= matcher.length || base[last] == LineIndex.newline { return }
        if matcher.origin + last < reportedLineEnd[index] { return }  // this line is already settled
        if last >= cachedLineEnd {
            cachedLineStart = LineIndex.lineStart(base, before: last, floor: max(0, cachedLineEnd + 1))
            cachedLineEnd = LineIndex.lineEnd(base, from: last, length: matcher.length)
        }
        reportedLineEnd[index] = matcher.origin + cachedLineEnd
        matcher.named(index)
        if isExact[index], !everyReportIsCandidate, cachedLineEnd - cachedLineStart <= Self.exactLineLimit {
            matcher.confirmed(index, lineStart: cachedLineStart, lineEnd: cachedLineEnd)
        } else {
            matcher.candidate(index, lineStart: cachedLineStart, lineEnd: cachedLineEnd)
        }
    }
}
