import Engine
import Glibc

/// Removes the ISO 8601 UTC timestamp CI runners put before every line
/// (`2024-07-08T16:59:08.1747875Z `, GitHub Actions' format), so `^`-anchored patterns written for
/// the bare text (PyTorch's classifier rules, for one) match. Opt-in (`--strip-timestamps`): it
/// changes what `^` means, and other patterns are written with the prefix in mind.
enum TimestampPrefix {
    /// Cleans `base[0..<count]` (whole lines) in place; returns the new length.
    static func strip(_ base: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var read = 0
        var write = 0
        while read < count {
            let skip = length(base, at: read, count: count)
            read += skip
            let end = memchr(base + read, Int32(TextCleaner.newline), count - read)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? count
            if write != read { memmove(base + write, base + read, end - read) }
            write += end - read
            read = end
        }
        return write
    }

    /// Bytes of `\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z ` at `start`, or 0.
    static func length(_ base: UnsafeMutablePointer<UInt8>, at start: Int, count: Int) -> Int {
        // Fixed part: 19 bytes, "YYYY-MM-DDTHH:MM:SS".
        let shape: StaticString = "dddd-dd-ddTdd:dd:dd"
        guard count - start > 21 else { return 0 }
        for offset in 0..<19 {
            let expected = shape.utf8Start[offset]
            let byte = base[start + offset]
            if expected == UInt8(ascii: "d") {
                guard byte >= 0x30, byte <= 0x39 else { return 0 }
            } else if byte != expected {
                return 0
            }
        }
        var index = start + 19
        if base[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < count, base[index] >= 0x30, base[index] <= 0x39 { index += 1 }
            guard index > digits else { return 0 }
        }
        guard index + 1 < count, base[index] == UInt8(ascii: "Z"), base[index + 1] == UInt8(ascii: " ") else { return 0 }
        return index + 2 - start
    }
}
