import Dispatch
import Engine
import Glibc
import Input
import LogScan
import PatternSets
import Synchronization

/// Turns the first SIGINT/SIGTERM into an orderly stop (records so far, then the summary);
/// a second one ends the process at once.
// Dispatch sources are thread-safe objects (libdispatch synchronises cancel and handlers internally).
final class SignalWatcher: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let received: SignalFlag

    init(control: ScanControl) {
        var sources: [DispatchSourceSignal] = []
        let queue = DispatchQueue(label: "logscan.signals")
        let received = SignalFlag()
        self.received = received
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.value.exchange(number, ordering: .relaxed) != 0 { _exit(128 + number) }
                control.stop(.interrupted)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    var lastSignal: Int32 { received.value.load(ordering: .relaxed) }

    func cancel() { sources.forEach { $0.cancel() } }
}

/// Which signal arrived first (0: none); a class so the handler closure can share it.
final class SignalFlag: Sendable {
    let value = Atomic<Int32>(0)
}
