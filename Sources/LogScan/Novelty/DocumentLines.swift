import Glibc
import Input

/// Reads a document (plain or gzip'd, as `scan` opens it) line by line into one reused buffer:
/// `\n` ends a line, the last line may lack it, and a line longer than `maxLineBytes` is given
/// by its first `maxLineBytes` bytes (the rest is read past), so memory stays bounded.
package enum DocumentLines {
    package struct Totals {
        package var lines = 0
        package var bytes = 0
        package var longLines = 0
    }

    package static func read(_ location: InputLocation, inflater: Inflater, maxLineBytes: Int,
                             _ body: (Int, UnsafeRawBufferPointer) -> Void) throws(InputError) -> Totals {
        try read(InputOpener.open(location, inflater: inflater), maxLineBytes: maxLineBytes, body)
    }

    /// The lines of an input already opened (and perhaps peeked at).
    package static func read(_ opened: OpenedInput, maxLineBytes: Int,
                             _ body: (Int, UnsafeRawBufferPointer) -> Void) throws(InputError) -> Totals {
        let capacity = max(256 * 1024, maxLineBytes + 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var totals = Totals()
        var filled = 0
        var skipping = false
        while true {
            let count = try opened.source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            totals.bytes += count
            let end = filled + count
            var start = 0
            while start < end {
                guard let newline = memchr(buffer.baseAddress! + start, 0x0A, end - start) else { break }
                let lineEnd = buffer.baseAddress!.distance(to: newline)
                if skipping {
                    skipping = false
                } else {
                    totals.lines += 1
                    body(totals.lines, UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd]))
                }
                start = lineEnd + 1
            }
            if count == 0 {
                if start < end, !skipping {
                    totals.lines += 1
                    body(totals.lines, UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                }
                return totals
            }
            // Keep the unfinished line at the front; one longer than the bound is given now, cut.
            let rest = end - start
            if rest >= maxLineBytes, !skipping {
                totals.lines += 1
                totals.longLines += 1
                body(totals.lines, UnsafeRawBufferPointer(rebasing: buffer[start..<(start + maxLineBytes)]))
                skipping = true
                filled = 0
            } else if skipping {
                filled = 0
            } else {
                if start > 0, rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, rest) }
                filled = rest
            }
        }
    }
}
