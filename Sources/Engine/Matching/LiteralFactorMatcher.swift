import Glibc

/// One worker's side of `LiteralFactorTable`: collects Vectorscan's reports of primary literals
/// during a scan, then, line by line, hands PCRE2 the patterns whose secondary factors are on the
/// line too.
///
/// Reports are collected rather than handled in the callback so that they can be put in offset
/// order if Vectorscan ever delivers them otherwise: each line is settled once all its reports
/// are in.
package final class LiteralFactorMatcher {
    let firstID: Int
    private let patternCount: Int
    // Copies of the table's arrays, read in the hot loop without bounds checks or reference counting.
    private let primaryStart: UnsafeMutablePointer<Int32>
    private let primaryPatterns: UnsafeMutablePointer<Int32>
    private let patternFactorStart: UnsafeMutablePointer<Int32>
    private let patternFactors: UnsafeMutablePointer<Int32>
    private let factorLiteralStart: UnsafeMutablePointer<Int32>
    private let literalByteStart: UnsafeMutablePointer<Int32>
    private let literalBytes: UnsafeMutablePointer<UInt8>
    /// Per factor: 0 test its literals as they are, 1 caselessly (ASCII), 2 always passes (a
    /// caseless `k` or `s`, which PCRE2 also folds with U+212A and U+017F).
    private let factorMode: UnsafeMutablePointer<UInt8>
    /// Per literal: the tracked factors (mode 3: Vectorscan reports their literals) it belongs to.
    private let literalFactorStart: UnsafeMutablePointer<Int32>
    private let literalFactors: UnsafeMutablePointer<Int32>
    /// Per literal: the stream offset of the end of the last line it was reported on.
    private let literalSeen: UnsafeMutablePointer<Int>
    /// Per factor: the line mark of the last line it was tested on, negated (minus 2) when absent.
    private let factorState: UnsafeMutablePointer<Int>
    /// Per pattern: the stream offset of the end of the last line it was queued for.
    private let queuedOnLine: UnsafeMutablePointer<Int>
    /// Patterns queued for the current line.
    private let queue: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var queued = 0

    /// Reports of this scan: literal index and end offset, as delivered.
    @exclusivity(unchecked) private var events: UnsafeMutablePointer<Event>
    @exclusivity(unchecked) private var eventCapacity = 4096
    @exclusivity(unchecked) private(set) var eventCount = 0
    @exclusivity(unchecked) private var inOrder = true

    struct Event {
        var literal: Int32
        var end: Int
    }

    init(_ table: LiteralFactorTable) {
        firstID = table.firstID
        patternCount = table.firstID
        func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
            _ = UnsafeMutableBufferPointer(start: pointer, count: array.count).initialize(from: array)
            return pointer
        }
        func marks(_ count: Int) -> UnsafeMutablePointer<Int> {
            let pointer = UnsafeMutablePointer<Int>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: -1, count: max(1, count))
            return pointer
        }
        primaryStart = copy(table.primaryStart)
        primaryPatterns = copy(table.primaryPatterns)
        patternFactorStart = copy(table.patternFactorStart)
        patternFactors = copy(table.patternFactors)
        factorLiteralStart = copy(table.factorLiteralStart)
        literalByteStart = copy(table.literalByteStart)
        literalBytes = copy(table.literalBytes)
        let folding = Set("kKsS".utf8)
        literalFactorStart = copy(table.literalFactorStart)
        literalFactors = copy(table.literalFactors)
        factorMode = copy(table.factorCaseless.indices.map { factor -> UInt8 in
            if table.factorTracked[factor] { return 3 }
            guard table.factorCaseless[factor] else { return 0 }
            let first = Int(table.literalByteStart[Int(table.factorLiteralStart[factor])])
            let last = Int(table.literalByteStart[Int(table.factorLiteralStart[factor + 1])])
            return table.literalBytes[first..<last].contains(where: folding.contains) ? 2 : 1
        })
        literalSeen = marks(table.literalCount)
        factorState = marks(table.factorCount)
        queuedOnLine = marks(patternCount)
        queue = .allocate(capacity: max(1, patternCount))
        events = .allocate(capacity: eventCapacity)
    }

    deinit {
        for pointer in [primaryStart, primaryPatterns, patternFactorStart, patternFactors, factorLiteralStart, literalByteStart, queue,
                        literalFactorStart, literalFactors] {
            pointer.deallocate()
        }
        for pointer in [literalSeen, factorState, queuedOnLine] { pointer.deallocate() }
        literalBytes.deallocate()
        factorMode.deallocate()
        events.deallocate()
    }

    /// Called from the Vectorscan callback: `id` is a literal's Vectorscan id.
    @inline(__always)
    func record(id: Int, end: Int) {
        if eventCount == eventCapacity { grow() }
        if eventCount > 0, events[eventCount - 1].end > end { inOrder = false }
        events[eventCount] = Event(literal: Int32(id - firstID), end: end)
        eventCount += 1
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Event>.allocate(capacity: eventCapacity * 2)
        larger.moveInitialize(from: events, count: eventCount)
        events.deallocate()
        events = larger
        eventCapacity *= 2
    }

    /// Resolves the reports of one scan of `base[segmentStart..<segmentEnd]` (which starts and ends
    /// at line boundaries): `candidate(pattern, lineStart, lineEnd)` for every pattern with all
    /// its factors on a line, in line order. `origin` makes offsets stream-wide, so that the
    /// per-literal and per-pattern line marks never need resetting.
    func resolve(_ base: UnsafePointer<UInt8>, segmentStart: Int, length: Int, origin: Int,
                 candidate: (Int, Int, Int) -> Void) {
        defer {
            eventCount = 0
            inOrder = true
        }
        guard eventCount > 0 else { return }
        if !inOrder {
            var reports = UnsafeMutableBufferPointer(start: events, count: eventCount)
            reports.sort { $0.end < $1.end }
        }
        var lineStart = 0
        var lineEnd = -1
        var lineMark = -1
        func flush() {
            for slot in 0..<queued {
                let pattern = Int(queue[slot])
                if allFactorsPresent(pattern, base + lineStart, length: lineEnd - lineStart, lineMark: lineMark) {
                    candidate(pattern, lineStart, lineEnd)
                }
            }
            queued = 0
        }
        for index in 0..<eventCount {
            let event = events[index]
            guard event.end > 0 else { continue }
            let last = segmentStart + event.end - 1
            if last >= length || base[last] == LineIndex.newline { continue }  // a literal never holds `\n`; defensive
            if last > lineEnd {
                flush()
                lineStart = LineIndex.lineStart(base, before: last, floor: max(segmentStart, lineEnd + 1))
                lineEnd = LineIndex.lineEnd(base, from: last, length: length)
                lineMark = origin + lineEnd
            }
            let literal = Int(event.literal)
            if literalSeen[literal] == lineMark { continue }  // again on this line: nothing new
            literalSeen[literal] = lineMark
            for slot in Int(literalFactorStart[literal])..<Int(literalFactorStart[literal + 1]) {
                factorState[Int(literalFactors[slot])] = lineMark
            }
            for slot in Int(primaryStart[literal])..<Int(primaryStart[literal + 1]) {
                let pattern = Int(primaryPatterns[slot])
                if queuedOnLine[pattern] == lineMark { continue }
                queuedOnLine[pattern] = lineMark
                queue[queued] = Int32(pattern)
                queued += 1
            }
        }
        flush()
    }

    @inline(__always)
    private func allFactorsPresent(_ pattern: Int, _ line: UnsafePointer<UInt8>, length: Int, lineMark: Int) -> Bool {
        for slot in Int(patternFactorStart[pattern])..<Int(patternFactorStart[pattern + 1]) {
            let factor = Int(patternFactors[slot])
            let state = factorState[factor]
            if state == lineMark { continue }
            if state == -lineMark - 2 || factorMode[factor] == 3 { return false }
            let present = factorPresent(factor, line, length: length)
            factorState[factor] = present ? lineMark : -lineMark - 2
            if !present { return false }
        }
        return true
    }

    private func factorPresent(_ factor: Int, _ line: UnsafePointer<UInt8>, length: Int) -> Bool {
        let mode = factorMode[factor]
        if mode == 2 { return true }
        for literal in Int(factorLiteralStart[factor])..<Int(factorLiteralStart[factor + 1]) {
            let start = Int(literalByteStart[literal])
            let count = Int(literalByteStart[literal + 1]) - start
            if mode == 0 {
                if LineSubstringSearch.contains(line, length: length, literalBytes + start, count: count) { return true }
            } else if LineSubstringSearch.containsCaseless(line, length: length, literalBytes + start, count: count) {
                return true
            }
        }
        return false
    }
}
