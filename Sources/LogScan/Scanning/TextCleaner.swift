import Engine
import Glibc

/// Normalises a run of complete lines in place before matching: drops the `\r` of CRLF endings
/// and, unless disabled, ANSI escape sequences (colour codes are everywhere in CI logs and split
/// words such as `\e[31mFAIL\e[0m`). Only ever shrinks the text, so it can work in place.
enum TextCleaner {
    static let escape: UInt8 = 0x1B
    static let carriageReturn: UInt8 = 0x0D
    static let newline: UInt8 = 0x0A

    /// Cleans `buffer[0..<count]`, which holds whole lines (the last may lack its `\n` only at the
    /// end of a document). Returns the new length.
    static func clean(_ base: UnsafeMutablePointer<UInt8>, count: Int, stripANSI: Bool) -> Int {
        var read = 0
        var write = 0
        var nextEscape = stripANSI ? find(escape, base, from: 0, to: count) : count
        var nextCR = find(carriageReturn, base, from: 0, to: count)
        while true {
            let special = min(nextEscape, nextCR)
            if special >= count { break }
            // Keep everything before the special byte.
            if write != read { memmove(base + write, base + read, special - read) }
            write += special - read
            read = special
            if special == nextCR {
                // A CR is dropped only where it ends a line (before `\n`, or at the very end).
                if read + 1 == count || base[read + 1] == newline {
                    read += 1
                } else {
                    base[write] = carriageReturn
                    write += 1
                    read += 1
                }
                nextCR = find(carriageReturn, base, from: read, to: count)
            } else {
                let length = escapeLength(base, at: read, count: count)
                if length == 0 {
                    base[write] = escape
                    write += 1
                    read += 1
                } else {
                    read += length
                }
                nextEscape = find(escape, base, from: read, to: count)
                if nextCR < read { nextCR = find(carriageReturn, base, from: read, to: count) }
            }
        }
        if write != read { memmove(base + write, base + read, count - read) }
        return write + (count - read)
    }

    static func find(_ byte: UInt8, _ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int) -> Int {
        guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Length of the escape sequence at `start` (ECMA-48: CSI, OSC/DCS strings, two-byte and
    /// charset-selection escapes), or 0 if the bytes there do not form one. Sequences never span
    /// a line, so an unterminated one is left in the text as it is.
    static func escapeLength(_ base: UnsafeMutablePointer<UInt8>, at start: Int, count: Int) -> Int {
        var index = start + 1
        guard index < count else { return 0 }
        let introducer = base[index]
        index += 1
        switch introducer {
        case UInt8(ascii: "["):
            while index < count, base[index] >= 0x30, base[index] <= 0x3F { index += 1 }
            while index < count, base[index] >= 0x20, base[index] <= 0x2F { index += 1 }
            guard index < count, base[index] >= 0x40, base[index] <= 0x7E else { return 0 }
            return index + 1 - start
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            // String sequences end at BEL or at ST (ESC \).
            while index < count {
                let byte = base[index]
                if byte == 0x07 { return index + 1 - start }
                if byte == escape, index + 1 < count, base[index + 1] == UInt8(ascii: "\\") { return index + 2 - start }
                if byte == newline { return 0 }
                index += 1
            }
            return 0
        case 0x20...0x2F:
            while index < count, base[index] >= 0x20, base[index] <= 0x2F { index += 1 }
            guard index < count, base[index] >= 0x30, base[index] <= 0x7E else { return 0 }
            return index + 1 - start
        case 0x30...0x7E:
            return 2
        default:
            return 0
        }
    }
}
