import Glibc

/// A growable byte buffer for the templating loop, a value used as a local `inout` in the hot
/// path: an append is a capacity check and a store or a memcpy, with no uniqueness or exclusivity
/// check per call (Array appends and class properties pay those per byte). Its owner frees it
/// (`deallocate`) once, as `LineTemplater.deinit` does.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(count + bytes.count) }
        memcpy(base + count, source, bytes.count)
        count += bytes.count
    }

    @inline(__always) mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func removeAll() { count = 0 }

    mutating func removeLast() { count -= 1 }

    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    var array: [UInt8] { Array(bytes) }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        memcpy(newBase, base, count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
