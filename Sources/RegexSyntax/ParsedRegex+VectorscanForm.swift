extension ParsedRegex {
    /// Bounded repeats with an upper bound above this are widened for Vectorscan.
    package static let widestBoundedRepeat = 20

    /// The expression given to Vectorscan: the regex with each large bounded repeat `{m,n}` (or
    /// `{n}`) widened to `{m,}`. Vectorscan compiles such repeats very slowly (seconds for
    /// `[^']{1,300}` in UTF-8 mode), and a widened repeat matches everything the original does,
    /// so the result is a superset, confirmed by PCRE2. Returns the widened repeats' text too,
    /// for `check -v`. Everything else is copied byte for byte.
    package var vectorscanForm: (expression: String, widened: [String]) {
        guard isValid else { return (source, []) }
        var repeats: [RegexQuantifier] = []
        for node in nodes {
            if let quantifier = node.quantifier, quantifier.braced, quantifier.maximum > Int32(Self.widestBoundedRepeat) {
                repeats.append(quantifier)
            }
        }
        guard !repeats.isEmpty else { return (source, []) }
        repeats.sort { $0.start < $1.start }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var widened: [String] = []
        var copied = 0
        for quantifier in repeats {
            let open = Int(quantifier.start)
            let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))!
            output += bytes[copied..<open]
            let body = bytes[(open + 1)..<close]
            let lower = body.firstIndex(of: UInt8(ascii: ",")).map { Array(bytes[(open + 1)..<$0]) } ?? Array(String(quantifier.maximum).utf8)
            output += [UInt8(ascii: "{")] + lower + [UInt8(ascii: ","), UInt8(ascii: "}")]
            widened.append(String(decoding: bytes[open...close], as: UTF8.self))
            copied = close + 1
        }
        output += bytes[copied...]
        return (String(decoding: output, as: UTF8.self), widened)
    }
}
