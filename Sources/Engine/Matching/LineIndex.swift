import Glibc

/// Where the lines of a chunk are: line boundaries around an offset, line counts, and line numbers,
/// which need an index of the chunk's newlines built on the first question (most chunks never
/// get one: only examples, classification and TestGrid ask).
package final class LineIndex {
    private(set) var base: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private(set) var length = 0
    private(set) var firstLine = 1
    private var newlineOffsets: [Int] = []
    private var ready = false

    func reset(_ base: UnsafePointer<UInt8>, length: Int, firstLine: Int) {
        self.base = base
        self.length = length
        self.firstLine = firstLine
        ready = false
    }

    /// The 1-based number of the line holding `offset`.
    func number(at offset: Int) -> Int {
        if !ready {
            newlineOffsets.removeAll(keepingCapacity: true)
            var cursor = 0
            while cursor < length {
                let next = Self.lineEnd(base, from: cursor, length: length)
                if next < length { newlineOffsets.append(next) }
                cursor = next + 1
            }
            ready = true
        }
        // Lines before `offset` = newlines strictly before it.
        var low = 0
        var high = newlineOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if newlineOffsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return firstLine + low
    }

    /// The offset of the `\n` ending the line at `from`, or `length` for a last line without one.
    @inline(__always)
    package static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, length: Int) -> Int {
        guard from < length, let hit = memchr(base + from, Int32(newline), length - from) else { return length }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// The offset where the line holding `offset` starts, looking back no further than `floor`.
    @inline(__always)
    package static func lineStart(_ base: UnsafePointer<UInt8>, before offset: Int, floor: Int) -> Int {
        var cursor = offset
        while cursor > floor, base[cursor - 1] != newline { cursor -= 1 }
        return cursor
    }

    package static let newline: UInt8 = 0x0A
}
