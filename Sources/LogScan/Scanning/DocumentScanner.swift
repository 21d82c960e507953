import Glibc

/// The outcome for one document: what was counted, and the error that cut it short, if any.
public struct DocumentResult: Sendable {
    public var location: InputLocation
    public var tally: DocumentTally
    public var error: InputError?

    public init(location: InputLocation, tally: DocumentTally, error: InputError?) {
        self.location = location
        self.tally = tally
        self.error = error
    }
}

/// Reads one document at a time through a reusable buffer and feeds whole lines to the matcher.
/// Memory is bounded by the buffer, which grows only as far as the longest line needs.
/// One per worker: not thread-safe.
public final class DocumentScanner {
    private let patterns: PatternSet
    private let options: ScanOptions
    private let control: ScanControl
    private let matcher: ChunkMatcher
    private var buffer: UnsafeMutableRawBufferPointer

    public init(patterns: PatternSet, options: ScanOptions, control: ScanControl = ScanControl()) {
        self.patterns = patterns
        self.options = options
        self.control = control
        let workspace = MatchWorkspace(patterns: patterns, limits: options.limits)
        matcher = ChunkMatcher(patterns: patterns, workspace: workspace, exampleLimit: options.exampleLimit)
        buffer = .allocate(byteCount: options.bufferCapacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Scans one document. `pipelined`: inflate on a second thread (for a worker that would
    /// otherwise leave a core idle).
    public func scan(_ item: InputItem, pipelined: Bool = false) -> DocumentResult {
        var result = scan(item, inflater: options.inflater, pipelined: pipelined)
        if options.inflater != .zlib, let error = result.error,
           error.kind == .corruptGzip || error.kind == .truncatedGzip,
           InputOpener.canReopen(item.location), !control.shouldStop {
            // Inflaters may stop at different bytes of a damaged stream: zlib's reading is the
            // reference, so a damaged file is read again with it and reported the same either way.
            result = scan(item, inflater: .zlib, pipelined: pipelined)
        }
        control.documentsDone.add(1, ordering: .relaxed)
        return result
    }

    private func scan(_ item: InputItem, inflater: Inflater, pipelined: Bool) -> DocumentResult {
        var tally = DocumentTally(patternCount: patterns.count)
        if let error = item.openError { return DocumentResult(location: item.location, tally: tally, error: error) }
        let opened: OpenedInput
        do {
            opened = try InputOpener.open(item.location, inflater: inflater)
        } catch {
            return DocumentResult(location: item.location, tally: tally, error: error)
        }
        tally.gzipLayers = opened.gzipLayers
        let error: InputError?
        if pipelined, opened.gzipLayers > 0, InputOpener.canReopen(item.location) {
            let pipeline = PipelinedSource(inner: opened.source)
            error = read(pipeline, raw: opened.raw, into: &tally)
            pipeline.close()
        } else {
            error = read(opened.source, raw: opened.raw, into: &tally)
        }
        tally.storedBytes = opened.raw.bytesRead
        if buffer.count > options.bufferCapacity * 4 { resize(to: options.bufferCapacity) }
        return DocumentResult(location: item.location, tally: tally, error: error)
    }

    private func read(_ source: ByteSource, raw: FileDescriptorSource, into tally: inout DocumentTally) -> InputError? {
        var filled = 0
        var searchedUpTo = 0  // no `\n` in buffer[0..<searchedUpTo] beyond what was already processed
        var nextLine = 1
        var storedReported = 0
        var failure: InputError?
        while true {
            if control.shouldStop {
                failure = InputError(.interrupted, "scan stopped before the end of this document")
                break
            }
            if filled == buffer.count { resize(to: buffer.count * 2) }
            let got: Int
            do {
                got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            } catch {
                failure = error
                break
            }
            if got == 0 { break }
            filled += got
            tally.bytes += got
            control.bytesDone.add(got, ordering: .relaxed)
            let stored = raw.bytesRead
            control.storedBytesDone.add(stored - storedReported, ordering: .relaxed)
            storedReported = stored
            if filled < buffer.count { continue }
            guard let lastNewline = Self.lastNewline(buffer, from: searchedUpTo, to: filled) else {
                searchedUpTo = filled
                continue
            }
            let complete = lastNewline + 1
            process(count: complete, firstLine: &nextLine, tally: &tally)
            let rest = filled - complete
            if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + complete, rest) }
            filled = rest
            searchedUpTo = rest
        }
        // Whatever was read counts, even when the document ended in an error.
        if filled > 0 { process(count: filled, firstLine: &nextLine, tally: &tally) }
        return failure
    }

    private func process(count: Int, firstLine: inout Int, tally: inout DocumentTally) {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let cleaned = TextCleaner.clean(base, count: count, stripANSI: !options.keepANSI)
        let lines = matcher.match(UnsafePointer(base), length: cleaned, firstLine: firstLine, into: &tally)
        tally.lines += lines
        firstLine += lines
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
