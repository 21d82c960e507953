import Glibc
import Input

/// The templates known from passing logs: their 64-bit hashes, sorted (8 bytes per template on
/// disk: a million templates, 8 MiB), and an open-addressing table at most half full for lookups,
/// one per line of every target (24 bytes per template in memory in all). The hashes are already
/// well mixed, so their low bits index the table directly. Saved files start with a magic line, so
/// `--baseline` tells them from logs by content.
package struct TemplateBaseline: Sendable {
    package private(set) var hashes: [UInt64] = [] {
        didSet { rebuildTable() }
    }
    /// Slots hold hashes; 0 marks an empty slot (a template whose hash is 0 is `containsZero`).
    private var table: [UInt64] = [0]
    private var containsZero = false

    package static let magic = Array("logscan-baseline 1\n".utf8)

    package init() {}

    package init(unsorted: [UInt64]) {
        hashes = Array(Set(unsorted)).sorted()
        rebuildTable()
    }

    private mutating func rebuildTable() {
        var size = 16
        while size < hashes.count * 2 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        containsZero = false
        for hash in hashes {
            if hash == 0 { containsZero = true; continue }
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = hash
        }
        table = slots
    }

    package var count: Int { hashes.count }

    @inline(__always) package func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return containsZero }
        return table.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let value = slots[slot]
                if value == hash { return true }
                if value == 0 { return false }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Both sets' templates (a saved baseline updated with new passing logs): `other` sorted and
    /// merged into the sorted hashes, without a hash set's memory.
    package mutating func formUnion(_ other: [UInt64]) {
        var incoming = other
        formUnion(consuming: &incoming)
    }

    /// `formUnion`, sorting `other` in place and emptying it: one array less at the peak.
    package mutating func formUnion(consuming other: inout [UInt64]) {
        guard !other.isEmpty else { return }
        other.sort()
        if hashes.isEmpty {
            var write = 0
            for read in other.indices where write == 0 || other[write - 1] != other[read] {
                other[write] = other[read]
                write += 1
            }
            other.removeLast(other.count - write)
            hashes = other
            other = []
            return
        }
        let incoming = other
        other = []
        var merged: [UInt64] = []
        merged.reserveCapacity(hashes.count + incoming.count)
        var i = 0, j = 0
        while i < hashes.count || j < incoming.count {
            let next: UInt64
            if j == incoming.count || (i < hashes.count && hashes[i] <= incoming[j]) {
                next = hashes[i]
                i += 1
            } else {
                next = incoming[j]
                j += 1
            }
            if merged.last != next { merged.append(next) }
        }
        hashes = merged
    }

    /// `logscan-baseline 1\n`, the count as 8 bytes little-endian, then the sorted hashes, each 8 bytes little-endian.
    package func bytes() -> [UInt8] {
        var result = Self.magic
        result.reserveCapacity(Self.magic.count + 8 * (hashes.count + 1))
        func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { result.append(contentsOf: $0) } }
        append(UInt64(hashes.count))
        for hash in hashes { append(hash) }
        return result
    }

    package static func isBaselineFile(_ prefix: [UInt8]) -> Bool { prefix.starts(with: magic) }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func read(_ bytes: [UInt8], path: String) throws(Failure) -> TemplateBaseline {
        guard bytes.starts(with: magic), bytes.count >= magic.count + 8 else {
            throw Failure(description: "\(path): not a logscan baseline (it does not start with \"logscan-baseline 1\")")
        }
        func word(at offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
            return value
        }
        let count = Int(clamping: word(at: magic.count))
        // Compared by division: a damaged count near 2^63 would overflow `8 * count`.
        guard (bytes.count - magic.count - 8) % 8 == 0, count == (bytes.count - magic.count - 8) / 8 else {
            throw Failure(description: "\(path): the baseline says \(count) templates but holds \((bytes.count - magic.count - 8) / 8) (\(bytes.count) bytes): cut short or damaged")
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        for index in 0..<count { hashes.append(word(at: magic.count + 8 + 8 * index)) }
        var baseline = TemplateBaseline()
        baseline.hashes = hashes
        guard zip(baseline.hashes, baseline.hashes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Failure(description: "\(path): the baseline's templates are not in order: damaged")
        }
        return baseline
    }
}
