import Engine
import Glibc
import Input

/// Reads one document at a time through a reusable buffer and feeds whole lines to the matcher.
/// Memory is bounded by the buffer, which grows only as far as the longest line needs.
/// One per worker: not thread-safe.
package final class DocumentScanner {
    private let patterns: PatternSet
    private let options: ScanOptions
    private let control: ScanControl
    private let matcher: ChunkMatcher
    private var buffer: UnsafeMutableRawBufferPointer
    // The line sinks of a log document; `sink` feeds them all.
    private let counting: CountingSink
    private let examples: ExampleSink?
    private let classifier: ClassificationSink?
    private let sink: any LineSink
    /// For a document read while other workers would idle: its chunks matched on `jobs` threads.
    private lazy var parallel = ParallelChunkMatcher(patterns: patterns, limits: options.limits, lanes: options.jobs,
                                                     chunkCapacity: options.bufferCapacity)
    /// Set while such a document is read.
    private var activeParallel: ParallelChunkMatcher?
    /// Threads that may match the current document's chunks (`scanDocuments`).
    private var matchingThreads = 1
    private lazy var testGridScanner = TestGridScanner(
        matcher: matcher, patternCount: patterns.count, options: options, control: control)

    package init(patterns: PatternSet, options: ScanOptions, control: ScanControl = ScanControl()) {
        self.patterns = patterns
        self.options = options
        self.control = control
        let matcher = ChunkMatcher(patterns: patterns, limits: options.limits)
        self.matcher = matcher
        counting = CountingSink(patternCount: patterns.count)
        examples = options.exampleLimit > 0 ? ExampleSink(patternCount: patterns.count, limit: options.exampleLimit) : nil
        classifier = options.classification.map { ClassificationSink(rules: $0, workspace: matcher.workspace) }
        var sinks: [any LineSink] = [counting]
        if let examples { sinks.append(examples) }
        if let classifier { sinks.append(classifier) }
        sink = sinks.count == 1 ? counting : FanOutSink(sinks)
        buffer = .allocate(byteCount: options.bufferCapacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Sees the lines of TestGrid tabs as they are matched (see `TestGridScanner.lineTap`).
    package var testGridLineTap: ((_ document: String?, _ lines: UnsafeRawBufferPointer, _ firstLine: Int) -> Void)? {
        get { testGridScanner.lineTap }
        set { testGridScanner.lineTap = newValue }
    }

    /// Scans one input: one result for a log, one per tab for TestGrid JSON. `pipelined`: use
    /// `threads` threads (default: `jobs`) for it, matching a log's chunks on lane threads (or
    /// inflating TestGrid JSON on a second thread), for a worker that would otherwise leave cores idle.
    package func scanDocuments(_ item: InputItem, pipelined: Bool = false, threads: Int? = nil) -> [DocumentResult] {
        matchingThreads = min(options.jobs, max(1, threads ?? options.jobs))
        var results = scan(item, inflater: options.inflater, pipelined: pipelined)
        if options.inflater != .zlib, let error = results.last?.error,
           error.kind == .corruptGzip || error.kind == .truncatedGzip,
           InputOpener.canReopen(item.location), !control.shouldStop {
            // Inflaters may stop at different bytes of a damaged stream: zlib's reading is the
            // reference, so a damaged file is read again with it and reported the same either way.
            results = scan(item, inflater: .zlib, pipelined: pipelined)
        }
        control.documentsDone.add(1, ordering: .relaxed)
        return results
    }

    /// Scans an input known to be one document (a log); for TestGrid JSON, the first tab's result.
    package func scan(_ item: InputItem, pipelined: Bool = false) -> DocumentResult {
        scanDocuments(item, pipelined: pipelined)[0]
    }

    private func scan(_ item: InputItem, inflater: Inflater, pipelined: Bool) -> [DocumentResult] {
        let tally = DocumentTally(patternCount: patterns.count)
        if let error = item.openError { return [DocumentResult(location: item.location, tally: tally, error: error)] }
        let opened: OpenedInput
        do {
            opened = try InputOpener.open(item.location, inflater: inflater)
        } catch {
            return [DocumentResult(location: item.location, tally: tally, error: error)]
        }
        return scan(opened, location: item.location, pipelined: pipelined)
    }

    /// Scans an opened input to its end (or first error), then checks that a regular file is
    /// still the file that was opened. Only a document read to its end is checked: an earlier
    /// error already says the counts are partial.
    func scan(_ opened: OpenedInput, location: InputLocation, pipelined: Bool) -> [DocumentResult] {
        var results = documents(in: opened, location: location, pipelined: pipelined)
        if results.last?.error == nil, let change = opened.raw.changeSinceOpen() {
            results[results.count - 1].error = change
        }
        return results
    }

    private func documents(in opened: OpenedInput, location: InputLocation, pipelined: Bool) -> [DocumentResult] {
        var tally = DocumentTally(patternCount: patterns.count)
        tally.gzipLayers = opened.gzipLayers
        let shape: TestGridDetector.Shape?
        do {
            shape = options.testGrid ? try Self.testGridShape(opened.source) : nil
        } catch {
            tally.storedBytes = opened.raw.bytesRead
            return [DocumentResult(location: location, tally: tally, error: error)]
        }
        // A log's chunks are matched on other threads (`ParallelChunkMatcher`) while this one reads
        // and cleans them: a plain log's on every thread given (reading is cheap), a gzip'd one's
        // on one fewer, since this thread inflates (sequential, and as costly as matching: more
        // threads than cores would only slow the inflater down). TestGrid JSON inflates on a
        // thread of its own while this one parses and matches.
        let lanes = !pipelined || shape != nil ? 0
            : opened.gzipLayers == 0 ? (matchingThreads > 1 ? matchingThreads : 0)
            : InputOpener.canReopen(location) ? matchingThreads - 1 : 0
        let matchesInParallel = lanes > 0
        let pipeline = pipelined && shape != nil && opened.gzipLayers > 0 && InputOpener.canReopen(location)
            ? PipelinedSource(inner: opened.source) : nil
        defer { pipeline?.close() }
        let source: ByteSource = pipeline ?? opened.source
        if let shape {
            return testGridScanner.scan(source, shape: shape, location: location, raw: opened.raw,
                                        gzipLayers: opened.gzipLayers)
        }
        counting.reset()
        examples?.reset()
        classifier?.reset()
        if matchesInParallel {
            activeParallel = parallel
            parallel.begin(firstLine: 1, lanes: lanes)
            if buffer.count != options.bufferCapacity { resize(to: options.bufferCapacity) }
        }
        let error = read(source, raw: opened.raw, into: &tally)
        activeParallel = nil
        tally.counts = counting.counts
        tally.limitHits = counting.limitHits
        if let examples { tally.examples = examples.examples }
        tally.classification = classifier?.finish(patterns: patterns)
        tally.storedBytes = opened.raw.bytesRead
        if buffer.count > options.bufferCapacity * 4 { resize(to: options.bufferCapacity) }
        return [DocumentResult(location: location, tally: tally, error: error)]
    }

    /// Sniffs the start of the document: only a `{` start costs more than a small peek.
    package static func testGridShape(_ source: PeekableSource) throws(InputError) -> TestGridDetector.Shape? {
        let head = try source.peek(64)
        guard let first = head.drop(while: { [0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }).first,
              first == UInt8(ascii: "{") else { return nil }
        return TestGridDetector.detect(try source.peek(TestGridDetector.prefixBytes))
    }

    private func read(_ source: ByteSource, raw: FileDescriptorSource, into tally: inout DocumentTally) -> InputError? {
        var filled = 0
        var searchedUpTo = 0  // no `\n` in buffer[0..<searchedUpTo] beyond what was already processed
        var nextLine = 1
        var storedReported = 0
        var failure: InputError?
        // Set while the rest of a line longer than `maxLineBytes` is read past.
        var skippingLongLine = false
        activeParallel?.begin(firstLine: nextLine)
        while true {
            if control.shouldStop {
                failure = InputError(.interrupted, "scan stopped before the end of this document")
                break
            }
            if filled == buffer.count {
                if buffer.count < options.maxLineBytes {
                    resize(to: min(buffer.count * 2, options.maxLineBytes))
                } else {
                    // A line longer than the limit: its first `maxLineBytes` bytes are matched as
                    // the line, the rest is read past; the record counts it under `long_lines`.
                    _ = processKeepingRest(complete: filled, filled: filled, firstLine: &nextLine, tally: &tally)
                    tally.longLines += 1
                    filled = 0
                    searchedUpTo = 0
                    skippingLongLine = true
                }
            }
            let got: Int
            do {
                got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            } catch {
                failure = error
                break
            }
            if got == 0 { break }
            tally.bytes += got
            control.bytesDone.add(got, ordering: .relaxed)
            let stored = raw.bytesRead
            control.storedBytesDone.add(stored - storedReported, ordering: .relaxed)
            storedReported = stored
            if skippingLongLine {
                let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                guard let end = memchr(base + filled, Int32(LineIndex.newline), got) else { continue }
                let next = base.distance(to: end.assumingMemoryBound(to: UInt8.self)) + 1
                let rest = filled + got - next
                if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + next, rest) }
                filled = rest
                searchedUpTo = 0
                skippingLongLine = false
            } else {
                filled += got
            }
            if filled < buffer.count { continue }
            guard let lastNewline = Self.lastNewline(buffer, from: searchedUpTo, to: filled) else {
                searchedUpTo = filled
                continue
            }
            let complete = lastNewline + 1
            filled = processKeepingRest(complete: complete, filled: filled, firstLine: &nextLine, tally: &tally)
            searchedUpTo = filled
        }
        // Whatever was read counts, even when the document ended in an error.
        if filled > 0 { _ = processKeepingRest(complete: filled, filled: filled, firstLine: &nextLine, tally: &tally) }
        if let activeParallel { collect(activeParallel, firstLine: &nextLine, tally: &tally) }
        return failure
    }

    /// Matches `buffer[0..<complete]` (whole lines) and leaves `buffer[complete..<filled]` at the
    /// start of the buffer; returns its length. With chunks matched in parallel, the buffer is
    /// handed over and the rest copied to a fresh one; a grown buffer (a long line) is matched
    /// here, after every chunk before it.
    private func processKeepingRest(complete: Int, filled: Int, firstLine: inout Int, tally: inout DocumentTally) -> Int {
        let rest = filled - complete
        if let activeParallel, buffer.count == activeParallel.chunkCapacity {
            let cleaned = prepare(count: complete)
            let handedOver = buffer
            buffer = activeParallel.submit(handedOver, length: cleaned, sink: sink)
            if rest > 0 { buffer.baseAddress!.copyMemory(from: handedOver.baseAddress! + complete, byteCount: rest) }
            return rest
        }
        if let activeParallel { collect(activeParallel, firstLine: &firstLine, tally: &tally) }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let lines = matcher.match(UnsafePointer(base), length: prepare(count: complete), firstLine: firstLine, sink: sink)
        tally.lines += lines
        firstLine += lines
        if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + complete, rest) }
        if let activeParallel {
            activeParallel.begin(firstLine: firstLine)
            // Back to chunks of the usual size once the long line is behind.
            if buffer.count != activeParallel.chunkCapacity, rest < activeParallel.chunkCapacity / 2 {
                resize(to: activeParallel.chunkCapacity)
            }
        }
        return rest
    }

    /// Cleans `buffer[0..<count]` in place for matching; returns its new length.
    private func prepare(count: Int) -> Int {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let cleaned = TextCleaner.clean(base, count: count, stripANSI: !options.keepANSI)
        return options.stripTimestamps ? TimestampPrefix.strip(base, count: cleaned) : cleaned
    }

    /// Replays every chunk handed over so far and counts its lines.
    private func collect(_ parallel: ParallelChunkMatcher, firstLine: inout Int, tally: inout DocumentTally) {
        let lines = parallel.finish()
        tally.lines += lines
        firstLine += lines
        parallel.begin(firstLine: firstLine)
    }

    private static func lastNewline(_ buffer: UnsafeMutableRawBufferPointer, from: Int, to end: Int) -> Int? {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var cursor = end
        while cursor > from {
            cursor -= 1
            if base[cursor] == TextCleaner.newline { return cursor }
        }
        return nil
    }

    private func resize(to capacity: Int) {
        let fresh = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        fresh.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: min(buffer.count, capacity))
        buffer.deallocate()
        buffer = fresh
    }
}
