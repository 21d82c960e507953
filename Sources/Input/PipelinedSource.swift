import Dispatch
import Glibc
import Synchronization

/// Runs another source's reads (inflating, usually) on a thread of its own, up to `slotCount`
/// fixed buffers ahead of the reader, so that inflating one big file and matching it use two
/// cores. Memory stays bounded: the slots are allocated once and reused.
package final class PipelinedSource: ByteSource {
    static let slotCount = 4
    static let slotBytes = 1 << 20

    /// One buffer handed between the threads. Only one side owns a slot at a time, and ownership
    /// moves through the semaphores (which order the memory accesses), so it is safe to share.
    private final class Slot: @unchecked Sendable {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: PipelinedSource.slotBytes, alignment: 64)
        var count = 0
        var error: InputError?
        var isLast = false
        deinit { buffer.deallocate() }
    }

    /// What the producer thread needs; retained by the thread until it exits.
    private final class Producer: @unchecked Sendable {
        // Safe: `inner` is used only by the producer thread once it starts, and the consumer waits
        // for that thread to exit (`close`) before anything else touches `inner` again.
        let inner: ByteSource
        let slots: [Slot]
        let free = DispatchSemaphore(value: PipelinedSource.slotCount)
        let filled = DispatchSemaphore(value: 0)
        let stop = Atomic<Bool>(false)

        init(inner: ByteSource, slots: [Slot]) {
            self.inner = inner
            self.slots = slots
        }

        func run() {
            var index = 0
            while true {
                free.wait()
                if stop.load(ordering: .acquiring) { return }
                let slot = slots[index]
                slot.count = 0
                slot.error = nil
                slot.isLast = false
                do {
                    while slot.count < slot.buffer.count {
                        let got = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: slot.buffer[slot.count...]))
                        if got == 0 {
                            slot.isLast = true
                            break
                        }
                        slot.count += got
                    }
                } catch {
                    slot.error = error
                    slot.isLast = true
                }
                filled.signal()
                if slot.isLast { return }
                index = (index + 1) % slots.count
            }
        }
    }

    private let producer: Producer
    private var thread = pthread_t()
    private var running = false
    private var readIndex = 0
    private var readOffset = 0
    private var holdsSlot = false
    private var finished = false

    package init(inner: ByteSource) {
        producer = Producer(inner: inner, slots: (0..<Self.slotCount).map { _ in Slot() })
        let context = Unmanaged.passRetained(producer).toOpaque()
        running = pthread_create(&thread, nil, { context in
            let producer = Unmanaged<Producer>.fromOpaque(context!).takeRetainedValue()
            producer.run()
            return nil
        }, context) == 0
        if !running {
            // No thread: read in place instead (same bytes, one core).
            Unmanaged<Producer>.fromOpaque(context).release()
        }
    }

    deinit { close() }

    /// Stops the producer and waits for it; safe to call more than once.
    package func close() {
        guard running else { return }
        producer.stop.store(true, ordering: .releasing)
        producer.free.signal()  // wake it if it waits for a free slot
        pthread_join(thread, nil)
        running = false
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard running || holdsSlot || finished else { return try producer.inner.read(into: buffer) }
        while true {
            if finished { return 0 }
            if !holdsSlot {
                producer.filled.wait()
                holdsSlot = true
                readOffset = 0
            }
            let slot = producer.slots[readIndex]
            if readOffset < slot.count {
                let count = min(buffer.count, slot.count - readOffset)
                buffer.baseAddress!.copyMemory(from: slot.buffer.baseAddress! + readOffset, byteCount: count)
                readOffset += count
                return count
            }
            if slot.isLast {
                finished = true
                if let error = slot.error { throw error }
                return 0
            }
            holdsSlot = false
            producer.free.signal()
            readIndex = (readIndex + 1) % producer.slots.count
        }
    }
}
