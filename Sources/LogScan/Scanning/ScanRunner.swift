import Dispatch
import Engine
import Glibc
import Input
import Synchronization

/// Fans documents out over a Dispatch concurrent queue and hands results back in input order.
///
/// Each worker owns a `DocumentScanner` (buffer + PCRE2 match data + JIT stack) and takes the next
/// unclaimed document. Results wait in a reorder table until every earlier one is in, so the
/// output is the same for any `--jobs`. A worker claims a document only while fewer than
/// `reorderWindow` are claimed and unwritten, so one slow file ahead of a million small ones holds
/// a bounded table, not a million results. Work stops early when `control` says so (signal or
/// closed output); the documents already claimed finish with an `interrupted` error and are reported.
package final class ScanRunner: Sendable {
    private let patterns: PatternSet
    private let options: ScanOptions
    package let control: ScanControl

    package init(patterns: PatternSet, options: ScanOptions, control: ScanControl = ScanControl()) {
        self.patterns = patterns
        self.options = options
        self.control = control
    }

    /// Scans `items`, calling `emit` for each result in input order (serialised, never concurrent).
    /// A `planner` decides what each input is scanned with, and completes its results.
    package func run(_ items: [InputItem], planner: (any ScanPlanner)? = nil,
                     emit: @escaping @Sendable (DocumentResult) -> Void) -> ScanSummary {
        let start = monotonicSeconds()
        let next = Atomic<Int>(0)
        let reorder = Locked(ReorderState(patternCount: patterns.count))
        let workers = min(options.jobs, max(1, items.count))
        let workersWanted = options.jobs
        let queue = DispatchQueue(label: "logscan.scan", attributes: .concurrent)
        let group = DispatchGroup()
        let patterns = self.patterns
        let options = self.options
        let control = self.control
        let shared = SharedItems(items)
        // One permit per claimed, unwritten input. No deadlock: the claimed inputs are always a
        // prefix of the list, so when every permit is out the earliest is being scanned.
        let permits = DispatchSemaphore(value: options.reorderWindow.map { max(workers, $0) }
            ?? Self.reorderWindow(jobs: workers, patternCount: patterns.count, examples: options.exampleLimit))
        for _ in 0..<workers {
            queue.async(group: group) {
                let scanner = DocumentScanner(patterns: patterns, options: options, control: control)
                // Scanners for the parts of the set a planner asks for, made on first use.
                var partScanners: [ObjectIdentifier: DocumentScanner] = [:]
                while !control.shouldStop {
                    permits.wait()
                    // Checked again after the wait: a document not yet claimed is never started
                    // once the run is stopping (every claimed one is scanned and written).
                    guard !control.shouldStop else {
                        permits.signal()
                        break
                    }
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < shared.items.count else {
                        permits.signal()
                        break
                    }
                    // With fewer documents left than workers, matching a document's chunks on
                    // threads of their own while its worker reads (and inflates) it puts otherwise
                    // idle cores to work: one big file uses every core. Each of the last documents
                    // takes the cores the workers after it leave, so threads stay near the job count.
                    let remaining = shared.items.count - index - 1
                    let pipelined = options.pipelineInflate && workersWanted > 1 && remaining < workersWanted - 1
                    let threads = workersWanted - remaining
                    var results: [DocumentResult] = []
                    if let planner {
                        if let set = planner.patterns(for: index) {
                            let part = set === patterns ? scanner : partScanners[ObjectIdentifier(set)] ?? {
                                let made = DocumentScanner(patterns: set, options: options, control: control)
                                partScanners[ObjectIdentifier(set)] = made
                                return made
                            }()
                            results = part.scanDocuments(shared.items[index], pipelined: pipelined, threads: threads)
                        }
                    } else {
                        results = scanner.scanDocuments(shared.items[index], pipelined: pipelined, threads: threads)
                    }
                    reorder.withLock { state in
                        state.waiting[index] = results
                        while let scanned = state.waiting.removeValue(forKey: state.nextToEmit) {
                            var ready = planner?.complete(state.nextToEmit, scanned: scanned) ?? scanned
                            if let sequence = shared.items[state.nextToEmit].sequence {
                                for slot in ready.indices { ready[slot].sequence = sequence }
                            }
                            for result in ready {
                                state.summary.add(result)
                                emit(result)
                            }
                            state.nextToEmit += 1
                            permits.signal()
                        }
                    }
                }
            }
        }
        group.wait()
        var summary = reorder.withLock { $0.summary }
        summary.elapsedSeconds = monotonicSeconds() - start
        summary.stopReason = control.stopReason
        return summary
    }

    /// Inputs that may be claimed ahead of the first unwritten one: enough that a big file does
    /// not idle the other workers for long, few enough that the waiting results (a count per
    /// pattern, and quoted lines with `--examples`) stay within about 64 MiB.
    static func reorderWindow(jobs: Int, patternCount: Int, examples: Int) -> Int {
        let bytesPerResult = 256 + patternCount * 16 + patternCount * min(examples, 4) * 256
        return max(4 * jobs, min(4096, (64 << 20) / bytesPerResult))
    }
}

private struct ReorderState: Sendable {
    var waiting: [Int: [DocumentResult]] = [:]
    var nextToEmit = 0
    var summary: ScanSummary

    init(patternCount: Int) { summary = ScanSummary(patternCount: patternCount) }
}

/// Immutable after creation, so sharing it across workers is safe.
private final class SharedItems: Sendable {
    let items: [InputItem]
    init(_ items: [InputItem]) { self.items = items }
}
