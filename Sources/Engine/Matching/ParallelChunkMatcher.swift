import Dispatch
import Glibc
import Synchronization

/// Matches one document's chunks on several threads while its reader goes on reading: for the
/// last documents of a run, which would otherwise leave cores idle, so one big file uses every core.
///
/// The reader hands over a filled buffer and gets a free one back at once. Chunk n goes to lane
/// n mod lanes (a thread with a matcher of its own) and is matched into a recording; recordings are replayed
/// to the sink on the reader's thread in chunk order, with the line numbers the chunks would have
/// had read one by one. A chunk is whole lines, as always, so each is matched exactly as it would
/// be on one thread, and the sink sees the same lines in the same order.
///
/// Memory: `depth + 1` buffers of the chunk capacity, fixed, circulate between the reader and the
/// lanes; nothing grows per line beyond the recordings' reused arrays.
package final class ParallelChunkMatcher {
    private let lanes: [Lane]
    /// For chunks when no lane thread could be started: matched by the reader, in place.
    private lazy var inPlace = ChunkMatcher(patterns: patterns, limits: limits)
    private let patterns: PatternSet
    private let limits: MatchLimits
    /// How many lanes the current document uses (their threads start on first use): the cores
    /// other workers leave free.
    private var activeLanes: Int
    private let slots: [Slot]
    private var free: [UnsafeMutableRawBufferPointer] = []
    package let chunkCapacity: Int
    private var submitted = 0
    private var replayed = 0
    private var nextLine = 1
    private var linesSinceBegin = 0
    private let replayIndex = LineIndex()

    /// `lanes`: how many threads may match; the reader only reads, cleans and replays.
    package init(patterns: PatternSet, limits: MatchLimits, lanes laneCount: Int, chunkCapacity: Int) {
        lanes = (0..<max(1, laneCount)).map { _ in Lane(matcher: ChunkMatcher(patterns: patterns, limits: limits)) }
        activeLanes = lanes.count
        self.patterns = patterns
        self.limits = limits
        // Two chunks per lane: one matched while the next waits. Few buffers, so they stay in cache
        // (copying into a cold buffer costs more than the wait it would spare).
        let depth = 2 * lanes.count
        slots = (0..<depth).map { _ in Slot() }
        self.chunkCapacity = chunkCapacity
        free = (0..<depth).map { _ in .allocate(byteCount: chunkCapacity, alignment: 64) }
    }

    deinit {
        precondition(submitted == replayed, "logscan bug: chunks still being matched")
        for lane in lanes { lane.stop() }
        for buffer in free { buffer.deallocate() }
    }

    /// Starts numbering the next chunk's lines at `firstLine`, counting lines anew for `finish`;
    /// `lanes` (at most the count given at `init`) changes how many lanes take chunks.
    package func begin(firstLine: Int, lanes laneCount: Int? = nil) {
        precondition(submitted == replayed, "logscan bug: begin with chunks being matched")
        nextLine = firstLine
        linesSinceBegin = 0
        if let laneCount { activeLanes = min(max(1, laneCount), lanes.count) }
    }

    /// Hands `buffer[0..<length]` (whole, prepared lines; `chunkCapacity` bytes) to be matched for
    /// `sink`, and returns a free buffer of the same capacity. Earlier chunks may be replayed to
    /// their sinks meanwhile. `buffer[length...]` is not touched: the caller may still copy from it
    /// until its next call.
    package func submit(_ buffer: UnsafeMutableRawBufferPointer, length: Int, sink: any LineSink) -> UnsafeMutableRawBufferPointer {
        precondition(buffer.count == chunkCapacity, "logscan bug: a chunk buffer of another size")
        if submitted - replayed == slots.count { replayOldest() }
        let slot = slots[submitted % slots.count]
        slot.buffer = buffer
        slot.length = length
        slot.sink = sink
        slot.recording.reset(wantsCandidates: sink.wantsCandidates)
        submitted += 1
        if !lanes[(submitted - 1) % activeLanes].take(slot) { slot.match(with: inPlace) }
        // `depth + 1` buffers in all and at most `depth` in slots: one is always free.
        return free.removeLast()
    }

    /// Waits for every chunk handed over and replays it; returns the lines matched since `begin`.
    package func finish() -> Int {
        while replayed < submitted { replayOldest() }
        let lines = linesSinceBegin
        linesSinceBegin = 0
        return lines
    }

    /// Replays the oldest chunk not yet replayed, once it is matched.
    private func replayOldest() {
        let slot = slots[replayed % slots.count]
        slot.done.wait()
        let buffer = slot.buffer!
        let sink = slot.sink!
        replayIndex.reset(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), length: slot.length, firstLine: nextLine)
        for event in slot.recording.events {
            let line = MatchedLine(index: replayIndex, start: event.start, end: event.end)
            switch event.kind {
            case .matched: sink.matched(event.pattern, line)
            case .gaveUp: sink.gaveUp(event.pattern, line)
            case .candidate: sink.candidate(event.pattern)
            }
        }
        sink.chunkEnded()
        nextLine += slot.lines
        linesSinceBegin += slot.lines
        slot.buffer = nil
        slot.sink = nil
        free.append(buffer)
        replayed += 1
    }
}

/// A thread and the matcher only it uses, matching the chunks queued to it in order.
///
/// A thread of its own, not a Dispatch queue: the reader waits on semaphores, which Dispatch's
/// pool cannot see on Linux, so a queued lane could wait for a thread while a core idles.
// Safe to send: the matcher is used only by the lane's thread; the queue is behind a mutex.
private final class Lane: @unchecked Sendable {
    private let matcher: ChunkMatcher
    private let queue = Locked<[Slot]>([])
    private let pending = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private var thread = pthread_t()
    private var state = State.notStarted
    private enum State { case notStarted, running, unavailable }

    init(matcher: ChunkMatcher) { self.matcher = matcher }

    /// Queues `slot` to be matched on the lane's thread; false when the lane has no thread.
    /// Called by the reader only.
    func take(_ slot: Slot) -> Bool {
        if state == .notStarted { startThread() }
        guard state == .running else { return false }
        queue.withLock { $0.append(slot) }
        pending.signal()
        return true
    }

    private func startThread() {
        let context = Unmanaged.passRetained(self).toOpaque()
        let made = pthread_create(&thread, nil, { context in
            let lane = Unmanaged<Lane>.fromOpaque(context!).takeRetainedValue()
            lane.loop()
            return nil
        }, context) == 0
        if !made { Unmanaged<Lane>.fromOpaque(context).release() }
        state = made ? .running : .unavailable
    }

    func stop() {
        guard state == .running else { return }
        stopping.store(true, ordering: .releasing)
        pending.signal()
        pthread_join(thread, nil)
        state = .unavailable
    }

    private func loop() {
        while true {
            pending.wait()
            if stopping.load(ordering: .acquiring) { return }
            let slot = queue.withLock { $0.removeFirst() }
            slot.match(with: matcher)
        }
    }
}

/// One chunk between hand-over and replay.
// Safe to send: the reader fills it before handing it to a lane (the lane's semaphore orders that), the
// lane writes `lines` and the recording before signalling `done`, and the reader reads them only
// after waiting on `done`.
private final class Slot: @unchecked Sendable {
    var buffer: UnsafeMutableRawBufferPointer?
    var length = 0
    var lines = 0
    var sink: (any LineSink)?
    let recording = RecordingSink()
    let done = DispatchSemaphore(value: 0)

    func match(with matcher: ChunkMatcher) {
        let base = buffer!.baseAddress!.assumingMemoryBound(to: UInt8.self)
        lines = matcher.match(base, length: length, firstLine: 1, sink: recording)
        done.signal()
    }
}

/// What a matcher reported about one chunk, kept to be replayed in order. The events array is
/// reused: no allocation per line once it has grown.
private final class RecordingSink: LineSink {
    enum Kind { case matched, gaveUp, candidate }
    struct Event {
        var kind: Kind
        var pattern: Int
        var start: Int
        var end: Int
    }

    private(set) var events: [Event] = []
    private(set) var wantsCandidates = false

    func reset(wantsCandidates: Bool) {
        events.removeAll(keepingCapacity: true)
        self.wantsCandidates = wantsCandidates
    }

    func matched(_ pattern: Int, _ line: MatchedLine) { events.append(Event(kind: .matched, pattern: pattern, start: line.start, end: line.end)) }
    func gaveUp(_ pattern: Int, _ line: MatchedLine) { events.append(Event(kind: .gaveUp, pattern: pattern, start: line.start, end: line.end)) }
    func candidate(_ pattern: Int) { events.append(Event(kind: .candidate, pattern: pattern, start: 0, end: 0)) }
}
