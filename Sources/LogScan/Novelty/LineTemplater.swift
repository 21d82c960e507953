import Engine
import Glibc

/// Turns a log line into its template: what a terminal would show (ANSI sequences and Buildkite's
/// timestamp markers removed, only the text after the last carriage return of a progress line),
/// without the prefixes CI runners add (a leading ISO timestamp, `gh run view --log`'s job and step
/// columns, GitHub's `##[group]`/`##[endgroup]`/`##[command]`/`##[section]` markers, Jenkins'
/// `[Pipeline] `), with the variable parts masked by the `MaskRule`s in one pass over the bytes.
/// One per worker (a class: its buffers are its own): nothing is allocated per line.
package final class LineTemplater {
    package struct CustomMask {
        package var name: String
        package let regex: PCRE2Regex
        package var placeholder: [UInt8]

        package init(name: String, regex: PCRE2Regex) {
            self.name = name
            self.regex = regex
            placeholder = Array("<\(name)>".utf8)
        }
    }

    private let enabled: UInt16
    private let custom: [CustomMask]
    private let workspace: MatchWorkspace?
    /// The last line's template.
    private var output = ByteBuffer()
    private var scratch = ByteBuffer()
    private var masked = ByteBuffer()

    package init(disabled: Set<MaskRule> = [], custom: [CustomMask] = []) {
        enabled = MaskRule.allCases.reduce(0) { disabled.contains($1) ? $0 : $0 | $1.bit }
        self.custom = custom
        workspace = custom.isEmpty ? nil : MatchWorkspace(captureCount: custom.map(\.regex.captureCount).max() ?? 0, limits: MatchLimits())
    }

    deinit {
        output.deallocate()
        scratch.deallocate()
        masked.deallocate()
    }

    @inline(__always) private func on(_ rule: MaskRule) -> Bool {
        enabled & rule.bit != 0
    }

    /// The template of `line` (without its `\n`) into `output`; returns its hash.
    @discardableResult
    package func template(_ line: UnsafeRawBufferPointer) -> UInt64 {
        // The buffers are taken into locals for the line, so the loops below work on values
        // without an exclusivity check per byte.
        var visible = scratch
        visible.removeAll()
        Self.visibleText(line, into: &visible)
        scratch = visible
        if !custom.isEmpty { applyCustomMasks() }
        var out = output
        out.removeAll()
        let text = scratch.bytes
        var start = on(.runnerPrefix) ? Self.prefixLength(text) : 0
        while start < text.count, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        mask(UnsafeRawBufferPointer(rebasing: text[start...]), into: &out)
        while let last = out.last, last == 0x20 { out.removeLast() }
        output = out
        return TemplateHash.of(out.bytes)
    }

    /// The last template, as text.
    package var outputText: String { String(decoding: output.bytes, as: UTF8.self) }

    /// The last template's bytes (a line that is not UTF-8 keeps its bytes; `outputText` shows them as U+FFFD).
    package var outputBytes: [UInt8] { output.array }

    /// Whether the last line's template is empty (a blank line).
    package var outputIsEmpty: Bool { output.count == 0 }

    /// What a terminal shows of `line`, as an array (for context lines and tests).
    package static func visibleText(_ line: UnsafeRawBufferPointer) -> [UInt8] {
        var buffer = ByteBuffer(capacity: line.count)
        defer { buffer.deallocate() }
        visibleText(line, into: &buffer)
        return buffer.array
    }

    // MARK: what a terminal shows

    /// The bytes after the last `\r` that is followed by something other than spaces (a progress
    /// bar redraws its line), without escape sequences and Buildkite `_bk;t=…` markers.
    static func visibleText(_ line: UnsafeRawBufferPointer, into result: inout ByteBuffer) {
        guard let base = line.baseAddress, !line.isEmpty else { return }
        var end = line.count
        while end > 0, line[end - 1] == 0x0D { end -= 1 }
        var start = 0
        if memchr(base, 0x0D, end) != nil {
            var index = end - 1
            var sawText = false
            while index >= 0 {
                let byte = line[index]
                if byte == 0x0D, sawText { start = index + 1; break }
                if byte != 0x20, byte != 0x0D, byte != 0x09 { sawText = true }
                index -= 1
            }
        }
        // Most lines have none of ESC, CR, BEL or `_`: they are copied in runs, not byte by byte.
        var i = start
        var run = start
        while true {
            i = firstSpecial(line, from: i, end: end)
            guard i < end else { break }
            let byte = line[i]
            if byte == UInt8(ascii: "_") {
                guard i + 5 < end, line[i + 1] == UInt8(ascii: "b"), line[i + 2] == UInt8(ascii: "k"),
                      line[i + 3] == UInt8(ascii: ";"), line[i + 4] == UInt8(ascii: "t"), line[i + 5] == UInt8(ascii: "=") else { i += 1; continue }
                result.append(UnsafeRawBufferPointer(rebasing: line[run..<i]))
                var j = i + 6
                while j < end, ASCIIDigit.isDigit(line[j]) { j += 1 }
                if j < end, line[j] == 0x07 { j += 1 }
                i = j
            } else {
                result.append(UnsafeRawBufferPointer(rebasing: line[run..<i]))
                i = byte == 0x1B && i + 1 < end ? escapeEnd(line, from: i, end: end) : i + 1
            }
            run = i
        }
        if run < end { result.append(UnsafeRawBufferPointer(rebasing: line[run..<end])) }
    }

    /// The first ESC, CR, BEL or `_` in `line[start..<end]` (or `end`), eight bytes at a time: a
    /// byte equal to one of them makes its lane of `word ^ pattern` zero, which the classic
    /// has-zero-byte test finds (its lowest set bit is exact).
    @inline(__always) static func firstSpecial(_ line: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroLanes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        var i = start
        while i + 8 <= end {
            let word = UInt64(littleEndian: line.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let found = zeroLanes(word ^ (ones &* 0x1B)) | zeroLanes(word ^ (ones &* 0x0D))
                | zeroLanes(word ^ (ones &* 0x07)) | zeroLanes(word ^ (ones &* 0x5F))
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end {
            let byte = line[i]
            if byte == 0x1B || byte == 0x0D || byte == 0x07 || byte == UInt8(ascii: "_") { return i }
            i += 1
        }
        return end
    }

    /// Where the escape sequence starting at `start` (an ESC) ends: CSI up to its final byte, OSC
    /// and APC (Buildkite) up to BEL or ST, any other escape after one more byte.
    private static func escapeEnd(_ line: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
        let kind = line[start + 1]
        var i = start + 2
        switch kind {
        case UInt8(ascii: "["):
            while i < end, !(0x40...0x7E).contains(line[i]) { i += 1 }
            return min(end, i + 1)
        case UInt8(ascii: "]"), UInt8(ascii: "_"), UInt8(ascii: "P"):
            while i < end {
                if line[i] == 0x07 { return i + 1 }
                if line[i] == 0x1B, i + 1 < end, line[i + 1] == UInt8(ascii: "\\") { return i + 2 }
                i += 1
            }
            return end
        default:
            return min(end, start + 2)
        }
    }

    // MARK: runner prefixes

    /// Bytes of runner prefixes at the start of `text`, possibly several (`gh run view --log`
    /// columns, then a timestamp, then a `##[group]` marker).
    static func prefixLength(_ text: UnsafeRawBufferPointer) -> Int {
        var start = 0
        // gh run view --log: "<job>\t<step>\t<timestamp> ".
        let head = min(text.count, 512)
        if head > 0, let firstTab = memchr(text.baseAddress!, 0x09, head).map({ text.baseAddress!.distance(to: $0) }),
           let secondTab = memchr(text.baseAddress! + firstTab + 1, 0x09, head - firstTab - 1).map({ text.baseAddress!.distance(to: $0) }),
           isoTimestampLength(text, at: secondTab + 1) > 0 {
            start = secondTab + 1
        }
        let stamp = isoTimestampLength(text, at: start)
        if stamp > 0 {
            start += stamp
            if start < text.count, text[start] == 0x20 { start += 1 }
        }
        guard start < text.count, text[start] == UInt8(ascii: "#") || text[start] == UInt8(ascii: "[") else { return start }
        for marker in ["##[group]", "##[endgroup]", "##[command]", "##[section]", "[Pipeline] "] {
            let bytes = marker.utf8
            if text.count - start >= bytes.count, zip(text[start...], bytes).allSatisfy({ $0 == $1 }) {
                start += bytes.count
                break
            }
        }
        return start
    }

    /// Length of `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z` at `start`, or 0.
    static func isoTimestampLength(_ text: UnsafeRawBufferPointer, at start: Int) -> Int {
        let shape = Array("dddd-dd-ddTdd:dd:dd".utf8)
        guard text.count - start >= shape.count + 1 else { return 0 }
        for (offset, expected) in shape.enumerated() {
            let byte = text[start + offset]
            if expected == UInt8(ascii: "d") { guard ASCIIDigit.isDigit(byte) else { return 0 } } else if byte != expected { return 0 }
        }
        var i = start + shape.count
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            while i < text.count, ASCIIDigit.isDigit(text[i]) { i += 1 }
        }
        guard i < text.count, text[i] == UInt8(ascii: "Z") else { return 0 }
        return i + 1 - start
    }

    // MARK: masks

    private func applyCustomMasks() {
        guard let workspace else { return }
        for mask in custom {
            masked.removeAll()
            var position = 0
            var found = false
            let text = scratch.bytes
            let base = text.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? UnsafePointer(bitPattern: 1)!
            while position <= text.count {
                guard case .match(let matchStart) = workspace.firstMatch(mask.regex, base, length: text.count, from: position) else { break }
                let matchEnd = workspace.ovector()[1]
                found = true
                masked.append(UnsafeRawBufferPointer(rebasing: text[position..<matchStart]))
                mask.placeholder.withUnsafeBytes { masked.append($0) }
                // An empty match moves on by one byte so the loop ends.
                if matchEnd == matchStart {
                    if matchStart < text.count { masked.append(text[matchStart]) }
                    position = matchStart + 1
                } else {
                    position = matchEnd
                }
            }
            guard found else { continue }
            if position < text.count { masked.append(UnsafeRawBufferPointer(rebasing: text[position...])) }
            swap(&scratch, &masked)
        }
    }

    static let wordClass: UInt8 = 1, digitClass: UInt8 = 2, otherWordClass: UInt8 = 4

    /// After digits, a byte that may extend them into a date, time, address or decimal.
    @inline(__always) static func continuesNumber(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ",")
    }

    /// Per byte value: `wordClass` for the bytes of words (ASCII letters and digits, `_`, and every
    /// byte of a multi-byte UTF-8 character), `digitClass` too for digits. A table, because the word
    /// loop runs on every byte of every line. Allocated once and never freed.
    // nonisolated(unsafe): filled once by the lazy initializer (thread-safe), only read after.
    nonisolated(unsafe) static let byteClasses: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0..<256 {
            let byte = UInt8(value)
            table[value] = !isWordByte(byte) ? 0 : wordClass | (ASCIIDigit.isDigit(byte) ? digitClass : otherWordClass)
        }
        return UnsafePointer(table)
    }()

    private static func isWordByte(_ byte: UInt8) -> Bool {
        ASCIIDigit.isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        ASCIIDigit.isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }


    private func mask(_ text: UnsafeRawBufferPointer, into output: inout ByteBuffer) {
        let n = text.count
        let classes = Self.byteClasses
        var i = 0
        while i < n {
            let byte = text[i]
            if byte == 0x20 || byte == 0x09, on(.whitespace) {
                while i < n, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
                if i < n { output.append(0x20) }
                continue
            }
            if classes[Int(byte)] & Self.wordClass != 0 {
                // Always at a word's start here: words are consumed whole.
                var wordEnd = i
                var seen: UInt8 = 0
                while wordEnd < n {
                    let kind = classes[Int(text[wordEnd])]
                    if kind & Self.wordClass == 0 { break }
                    seen |= kind
                    wordEnd += 1
                }
                let hasDigit = seen & Self.digitClass != 0
                // A plain number (most words with a digit) needs none of the token rules below.
                if seen & Self.otherWordClass == 0, on(.number), wordEnd == n || !Self.continuesNumber(text[wordEnd]) {
                    output.append("<n>")
                    i = wordEnd
                    continue
                }
                // Only a word with a digit, a scheme before ://, or an all-hex first UUID group can be masked.
                let schemeFollows = wordEnd + 2 < n && text[wordEnd] == UInt8(ascii: ":") && text[wordEnd + 1] == UInt8(ascii: "/")
                let uuidStart = wordEnd - i == 8 && wordEnd < n && text[wordEnd] == UInt8(ascii: "-")
                if hasDigit || schemeFollows || uuidStart, let end = maskToken(text, at: i, into: &output) {
                    i = end
                    continue
                }
                output.append(UnsafeRawBufferPointer(rebasing: text[i..<wordEnd]))
                i = wordEnd
                continue
            }
            if byte == UInt8(ascii: "/"), let end = maskToken(text, at: i, into: &output) {
                i = end
                continue
            }
            if on(.punctuationRun), byte != 0x20, byte != 0x09 {
                var j = i + 1
                while j < n, text[j] == byte { j += 1 }
                if j - i >= 3 {
                    output.append(byte)
                    output.append(byte)
                    output.append(byte)
                    i = j
                    continue
                }
            }
            output.append(byte)
            i += 1
        }
    }

    /// Masks the token at `start` (a word start) if a rule takes it; returns where it ends.
    private func maskToken(_ text: UnsafeRawBufferPointer, at start: Int, into output: inout ByteBuffer) -> Int? {
        let n = text.count
        if text[start] == UInt8(ascii: "/") {
            guard on(.tmpPath) else { return nil }
            for prefix in ["/tmp/", "/var/folders/", "/private/var/", "/var/tmp/"] where n - start >= prefix.utf8.count
                && zip(text[start...], prefix.utf8).allSatisfy({ $0 == $1 }) {
                var j = start + prefix.utf8.count
                while j < n, ![0x20, 0x09, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: ")")].contains(text[j]) { j += 1 }
                output.append("<tmp>")
                return j
            }
            return nil
        }
        var wordEnd = start
        while wordEnd < n, Self.isWordByte(text[wordEnd]) { wordEnd += 1 }
        // scheme://
        if on(.url), wordEnd + 2 < n, text[wordEnd] == UInt8(ascii: ":"), text[wordEnd + 1] == UInt8(ascii: "/"), text[wordEnd + 2] == UInt8(ascii: "/"),
           (start..<wordEnd).allSatisfy({ Self.isLetter(text[$0]) }) {
            var j = wordEnd + 3
            while j < n, ![0x20, 0x09, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ")")].contains(text[j]) { j += 1 }
            output.append("<url>")
            return j
        }
        if on(.uuid), let end = uuidEnd(text, at: start) { output.append("<uuid>"); return end }
        if let end = dateEnd(text, at: start) {
            if let full = timeEnd(text, at: end + 1), end < n, text[end] == UInt8(ascii: "T") || text[end] == 0x20, on(.timestamp) {
                var j = full
                if j < n, text[j] == UInt8(ascii: "Z") { j += 1 } else if j + 5 <= n, text[j] == UInt8(ascii: "+") || text[j] == UInt8(ascii: "-"),
                    ASCIIDigit.isDigit(text[j + 1]), ASCIIDigit.isDigit(text[j + 2]) {
                    j += 3
                    if j < n, text[j] == UInt8(ascii: ":") { j += 1 }
                    while j < n, ASCIIDigit.isDigit(text[j]), j < full + 6 { j += 1 }
                }
                output.append("<ts>")
                return j
            }
            if on(.date) { output.append("<date>"); return end }
        }
        if on(.time), let end = timeEnd(text, at: start) { output.append("<time>"); return end }
        if on(.ip), let end = ipEnd(text, at: start) { output.append("<ip>"); return end }
        return maskWord(text, start: start, end: wordEnd, into: &output)
    }

    private func maskWord(_ text: UnsafeRawBufferPointer, start: Int, end: Int, into output: inout ByteBuffer) -> Int? {
        var digits = 0, letters = 0, hex = true, hexLetters = 0
        for index in start..<end {
            let byte = text[index]
            if ASCIIDigit.isDigit(byte) { digits += 1 } else { letters += 1 }
            if !Self.isHexDigit(byte) { hex = false } else if !ASCIIDigit.isDigit(byte) { hexLetters += 1 }
        }
        guard digits > 0 else { return nil }
        let length = end - start
        if on(.hex) {
            let prefixed = length > 2 && text[start] == UInt8(ascii: "0") && (text[start + 1] | 0x20) == UInt8(ascii: "x")
                && (start + 2..<end).allSatisfy { Self.isHexDigit(text[$0]) }
            if prefixed || (hex && hexLetters > 0 && length >= 8) { output.append("<hex>"); return end }
        }
        if letters == 0 {
            guard on(.number) else { return nil }
            var j = end
            // A decimal part.
            if j + 1 < text.count, text[j] == UInt8(ascii: "."), ASCIIDigit.isDigit(text[j + 1]) {
                j += 1
                while j < text.count, ASCIIDigit.isDigit(text[j]) { j += 1 }
            }
            output.append("<n>")
            return j
        }
        if on(.id), length >= 8 || (digits >= 2 && letters >= 2) {
            // A number with a unit (150ms, 2.5s split as 2 . 5s) is a number, not an id.
            var firstLetter = start
            while firstLetter < end, ASCIIDigit.isDigit(text[firstLetter]) { firstLetter += 1 }
            let isQuantity = firstLetter > start && (firstLetter..<end).allSatisfy { Self.isLetter(text[$0]) } && end - firstLetter <= 3
            if !isQuantity { output.append("<id>"); return end }
        }
        guard on(.number) else { return nil }
        // Digit runs inside a word become <n>; the letters stay (v<n>, <n>ms, log<n>j).
        var index = start
        while index < end {
            if ASCIIDigit.isDigit(text[index]) {
                while index < end, ASCIIDigit.isDigit(text[index]) { index += 1 }
                output.append("<n>")
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return end
    }

    private func digitsEnd(_ text: UnsafeRawBufferPointer, at start: Int, count: Int) -> Int? {
        guard text.count - start >= count else { return nil }
        for index in start..<(start + count) where !ASCIIDigit.isDigit(text[index]) { return nil }
        return start + count
    }

    /// `\d{4}-\d\d-\d\d` not followed by a digit.
    private func dateEnd(_ text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let year = digitsEnd(text, at: start, count: 4), year < text.count, text[year] == UInt8(ascii: "-"),
              let month = digitsEnd(text, at: year + 1, count: 2), month < text.count, text[month] == UInt8(ascii: "-"),
              let day = digitsEnd(text, at: month + 1, count: 2) else { return nil }
        if day < text.count, ASCIIDigit.isDigit(text[day]) { return nil }
        return day
    }

    /// `\d\d:\d\d:\d\d([.,]\d+)?`.
    private func timeEnd(_ text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard start < text.count, let hour = digitsEnd(text, at: start, count: 2), hour < text.count, text[hour] == UInt8(ascii: ":"),
              let minute = digitsEnd(text, at: hour + 1, count: 2), minute < text.count, text[minute] == UInt8(ascii: ":"),
              var end = digitsEnd(text, at: minute + 1, count: 2) else { return nil }
        if end + 1 < text.count, text[end] == UInt8(ascii: ".") || text[end] == UInt8(ascii: ","), ASCIIDigit.isDigit(text[end + 1]) {
            end += 1
            while end < text.count, ASCIIDigit.isDigit(text[end]) { end += 1 }
        }
        if end < text.count, ASCIIDigit.isDigit(text[end]) { return nil }
        return end
    }

    /// Four dot-separated groups of 1-3 digits, and an optional `:port`.
    private func ipEnd(_ text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        var i = start
        for group in 0..<4 {
            let groupStart = i
            while i < text.count, ASCIIDigit.isDigit(text[i]), i - groupStart < 4 { i += 1 }
            guard i > groupStart, i - groupStart <= 3 else { return nil }
            if group < 3 {
                guard i < text.count, text[i] == UInt8(ascii: ".") else { return nil }
                i += 1
            }
        }
        if i < text.count, Self.isWordByte(text[i]) { return nil }
        if i + 1 < text.count, text[i] == UInt8(ascii: ":"), ASCIIDigit.isDigit(text[i + 1]) {
            i += 1
            while i < text.count, ASCIIDigit.isDigit(text[i]) { i += 1 }
        }
        return i
    }

    /// 8-4-4-4-12 hex digits.
    private func uuidEnd(_ text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        var i = start
        for (index, length) in [8, 4, 4, 4, 12].enumerated() {
            guard text.count - i >= length else { return nil }
            for offset in 0..<length where !Self.isHexDigit(text[i + offset]) { return nil }
            i += length
            if index < 4 {
                guard i < text.count, text[i] == UInt8(ascii: "-") else { return nil }
                i += 1
            }
        }
        if i < text.count, Self.isWordByte(text[i]) { return nil }
        return i
    }
}
