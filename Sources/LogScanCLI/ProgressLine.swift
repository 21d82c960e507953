import Dispatch
import Engine
import Glibc
import Input
import LogScan
import PatternSets
import Synchronization

/// The live status line on a terminal's stderr: documents, MB, MB/s, ETA by document count.
// The timer is a thread-safe Dispatch object; the other state is immutable or atomic.
final class ProgressLine: @unchecked Sendable {
    private let control: ScanControl
    private let totalItems: Int
    private let timer: DispatchSourceTimer
    private let started = monotonicNow()
    private let visible = Atomic<Bool>(false)

    init(control: ScanControl, totalItems: Int) {
        self.control = control
        self.totalItems = totalItems
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "logscan.progress"))
    }

    func start() {
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(250))
        timer.setEventHandler { [self] in draw() }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        clear()
    }

    func clear() {
        if visible.exchange(false, ordering: .relaxed) { Terminal.writeStderr("\r\u{1B}[K") }
    }

    private func draw() {
        let (documents, bytes, _) = control.progress
        let elapsed = max(0.001, monotonicNow() - started)
        let megabytes = Double(bytes) / 1_000_000
        let rate = megabytes / elapsed
        var line = "\r\u{1B}[Klogscan: \(documents)/\(totalItems) files, \(format(megabytes)) MB, \(format(rate)) MB/s"
        if documents > 0, documents < totalItems {
            let remaining = elapsed / Double(documents) * Double(totalItems - documents)
            line += ", ETA \(Int(remaining) / 60)m\(Int(remaining) % 60)s"
        }
        visible.store(true, ordering: .relaxed)
        Terminal.writeStderr(line)
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

func monotonicNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
