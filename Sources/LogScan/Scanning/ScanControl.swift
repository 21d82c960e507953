import Engine
import Synchronization

/// Shared stop switch and progress counters, read by the progress line and the signal handler.
package final class ScanControl: Sendable {
    package enum StopReason: Int, Sendable {
        case none = 0
        case interrupted = 1
        case outputClosed = 2
    }

    private let stopState = Atomic<Int>(0)
    let bytesDone = Atomic<Int>(0)
    let storedBytesDone = Atomic<Int>(0)
    let documentsDone = Atomic<Int>(0)

    package init() {}

    package var stopReason: StopReason { StopReason(rawValue: stopState.load(ordering: .relaxed)) ?? .none }
    package var shouldStop: Bool { stopState.load(ordering: .relaxed) != 0 }

    /// The first reason wins: an interrupt after a closed pipe is still a closed pipe.
    package func stop(_ reason: StopReason) {
        _ = stopState.compareExchange(expected: 0, desired: reason.rawValue, ordering: .relaxed)
    }

    package var progress: (documents: Int, bytes: Int, storedBytes: Int) {
        (documentsDone.load(ordering: .relaxed), bytesDone.load(ordering: .relaxed), storedBytesDone.load(ordering: .relaxed))
    }
}
