import CLogScanVectorscan
import Glibc

/// The Vectorscan pass: one scan of the chunk for every pattern in the database.
///
/// A report (pattern, end offset) names the line holding the match's last byte. A within-line
/// match never ends on a `\n`, so such reports (matches spanning lines) are dropped; every other
/// line reported for a pattern is, for an exact route, counted at once (lines up to
/// `PrefilterRules.exactLineLimit`), and otherwise confirmed by the pattern's per-line PCRE2 regex.
/// Vectorscan's UTF-8 mode is undefined on ill-formed UTF-8, so lines holding any are cut out of
/// the scanned segments and scanned as a copy with those bytes replaced, every report on them
/// confirmed by PCRE2 on the line itself (see `UTF8Validation.copyReplacingIllFormed`). Before, such
/// a line went to PCRE2 once per pattern: 16 of them made one 10 MB log take 0.2 s with 10,000
/// patterns.
extension ChunkMatcher {
    func runPrefilter(_ base: UnsafePointer<UInt8>, length: Int, firstLine: Int, tally: inout DocumentTally) {
        current = base
        currentLength = length
        currentFirstLine = firstLine
        cachedLineEnd = -1
        withUnsafeMutablePointer(to: &tally) { tallyPointer in
            currentTally = tallyPointer
            var segmentStart = 0
            while segmentStart < length {
                let invalid = UTF8Validation.firstInvalid(base, from: segmentStart, to: length)
                let segmentEnd = invalid.map { Self.lineStart(base, before: $0, floor: segmentStart) } ?? length
                if segmentEnd > segmentStart { scanSegment(base, from: segmentStart, to: segmentEnd) }
                guard let invalid else { break }
                let lineEnd = Self.lineEnd(base, from: invalid, length: length)
                if !scanRepairedLine(base, lineStart: segmentEnd, lineEnd: lineEnd, firstInvalid: invalid) {
                    matchLines(prefilterPatterns, base, length: lineEnd, from: segmentEnd,
                               lineNumber: lineNumber(at: segmentEnd, base, length: length, firstLine: firstLine),
                               tally: &tallyPointer.pointee)
                }
                segmentStart = lineEnd + 1
            }
            currentTally = nil
        }
        current = nil
    }

    private func scanSegment(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        guard let prefilter, let scratch else { return }
        // hs_scan takes a 32-bit length: longer segments (one giant line) go in pieces cut at lines.
        var pieceStart = start
        while pieceStart < end {
            var pieceEnd = end
            if pieceEnd - pieceStart > Int(Int32.max) {
                pieceEnd = Self.lineEnd(base, from: pieceStart + Int(Int32.max) / 2, length: end)
                if pieceEnd - pieceStart > Int(Int32.max) {
                    // A single line over 2 GiB: PCRE2 alone.
                    matchLines(prefilterPatterns, base, length: min(end, pieceEnd), from: pieceStart,
                               lineNumber: lineNumber(at: pieceStart, base, length: currentLength, firstLine: currentFirstLine),
                               tally: &currentTally!.pointee)
                    pieceStart = pieceEnd + 1
                    continue
                }
                pieceEnd += 1
            }
            scan(prefilter, scratch, base + pieceStart, count: pieceEnd - pieceStart, at: pieceStart)
            if let literalMatcher { resolveLiterals(literalMatcher, base, from: pieceStart) }
            pieceStart = pieceEnd
        }
    }

    /// One Vectorscan scan of `data[0..<count]`, whose reports are resolved as being at `offset` of
    /// the current chunk (`data` is the chunk itself, or a repaired copy of one of its lines).
    private func scan(_ prefilter: VectorscanDatabase, _ scratch: VectorscanScratch, _ data: UnsafePointer<UInt8>, count: Int, at offset: Int) {
        segmentOffset = offset
        let context = Unmanaged.passUnretained(self).toOpaque()
        let status = VectorscanDatabase.scanEntry(prefilter.database, UnsafeRawPointer(data).assumingMemoryBound(to: CChar.self),
                             UInt32(count), 0, scratch.scratch, { id, _, to, _, context in
            // The matcher outlives the scan (it is running it), so no reference counting here.
            Unmanaged<ChunkMatcher>.fromOpaque(context!)._withUnsafeGuaranteedRef { matcher in
                if Int(id) >= matcher.literalFirstID {
                    matcher.literalMatcher!.record(id: Int(id), end: Int(to))
                } else {
                    matcher.report(Int(id), end: Int(to))
                }
            }
            return 0
        }, context)
        // hs_scan fails only on misuse (a shared scratch, a bad database, a callback asking to
        // stop), none of which this code does: a failure is a logscan bug, so stop loudly
        // rather than under-count.
        precondition(status == HS_SUCCESS, "logscan bug: Vectorscan scan failed with status \(status)")
    }

    /// Scans a copy of the line `base[lineStart..<lineEnd]`, whose first ill-formed byte is at
    /// `firstInvalid`, with every ill-formed byte replaced, and has PCRE2 decide every pattern
    /// reported on it. False when it cannot (no database or scratch, or a line over 2 GiB): the
    /// caller then runs PCRE2 for every pattern.
    private func scanRepairedLine(_ base: UnsafePointer<UInt8>, lineStart: Int, lineEnd: Int, firstInvalid: Int) -> Bool {
        guard let prefilter, let scratch else { return false }
        let count = lineEnd - lineStart
        guard count > 0, count <= Int(Int32.max) else { return false }
        if repairCapacity < count {
            repairBuffer?.deallocate()
            repairCapacity = max(count, 4096)
            repairBuffer = .allocate(capacity: repairCapacity)
        }
        let copy = repairBuffer!
        UTF8Validation.copyReplacingIllFormed(base + lineStart, count: count, firstInvalid: firstInvalid - lineStart, into: copy)
        confirmEveryReport = true
        scan(prefilter, scratch, copy, count: count, at: lineStart)
        confirmEveryReport = false
        // Reports are resolved against the chunk: the copy has the same bytes wherever a match can be.
        if let literalMatcher { resolveLiterals(literalMatcher, base, from: lineStart) }
        if repairCapacity > 1 << 22 {
            // A rare giant line: do not hold its copy for the rest of the run.
            repairBuffer!.deallocate()
            repairBuffer = nil
            repairCapacity = 0
        }
        return true
    }

    /// Confirms, with PCRE2, the lines where a signature-routed pattern has all its factors.
    private func resolveLiterals(_ literalMatcher: LiteralFactorMatcher, _ base: UnsafePointer<UInt8>, from start: Int) {
        let length = currentLength
        let firstLine = currentFirstLine
        literalMatcher.resolve(base, segmentStart: start, length: length, origin: chunkOrigin) { index, lineStart, lineEnd in
            if let candidateCounts { candidateCounts[index] += 1 }
            confirm(index, base, lineStart: lineStart, lineEnd: lineEnd, tally: &currentTally!.pointee) {
                self.lineNumber(at: lineStart, base, length: length, firstLine: firstLine)
            }
        }
    }

    /// One Vectorscan report: pattern `index` has a match ending at `end` (relative to the segment).
    @inline(__always)
    func report(_ index: Int, end: Int) {
        guard let base = current, end > 0 else { return }
        let last = segmentOffset + end - 1
        if base[last] == TextCleaner.newline { return }  // spans lines: not a per-line match
        if chunkOrigin + last < reportedLineEnd[index] { return }  // this line is already settled
        if last >= cachedLineEnd {
            cachedLineStart = Self.lineStart(base, before: last, floor: max(0, cachedLineEnd + 1))
            cachedLineEnd = Self.lineEnd(base, from: last, length: currentLength)
        }
        reportedLineEnd[index] = chunkOrigin + cachedLineEnd
        if let candidateCounts { candidateCounts[index] += 1 }
        let lineStart = cachedLineStart
        let lineEnd = cachedLineEnd
        let firstLine = currentFirstLine
        let length = currentLength
        if isExact[index], !confirmEveryReport, lineEnd - lineStart <= PrefilterRules.exactLineLimit {
            currentTally!.pointee.counts[index] += 1
            if lineMatches != nil {
                lineMatches!.append(LineMatch(pattern: index, line: lineNumber(at: lineStart, base, length: length, firstLine: firstLine),
                                              start: lineStart, end: lineEnd))
            }
            if currentTally!.pointee.examples[index].count < exampleLimit {
                let cut = min(lineEnd, lineStart + DocumentTally.exampleTextLimit)
                currentTally!.pointee.examples[index].append(MatchExample(
                    line: lineNumber(at: lineStart, base, length: length, firstLine: firstLine),
                    text: Array(UnsafeBufferPointer(start: base + lineStart, count: cut - lineStart))))
            }
        } else {
            confirm(index, base, lineStart: lineStart, lineEnd: lineEnd, tally: &currentTally!.pointee) {
                self.lineNumber(at: lineStart, base, length: length, firstLine: firstLine)
            }
        }
    }
}

