import Glibc

/// A value reached only under a pthread mutex.
///
/// Not Synchronization's `Mutex`: on Linux it locks with futex calls that ThreadSanitizer cannot
/// see, so TSan reports every access made under it as a race, and `make test-tsan` could not tell
/// a real race from those. pthread mutexes are what TSan understands; uncontended they cost
/// about as much, and logscan takes its locks once per document, pattern or 256 KiB chunk, never per line.
package final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is read and written only between lock and unlock of `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    package init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
