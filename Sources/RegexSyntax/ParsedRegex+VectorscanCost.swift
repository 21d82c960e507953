extension ParsedRegex {
    /// True when the regex repeats `.` or a broad class (`\w \S \D \W \N [...]`) with `*` or `+`
    /// and something follows: the shape that makes Vectorscan's automata large and slow.
    package var isExpensiveForVectorscan: Bool {
        for node in nodes {
            guard let quantifier = node.quantifier, !quantifier.braced, quantifier.isUnbounded else { continue }
            switch node.kind {
            case .dot, .characterClass:
                break
            case .escape where node.escapeRole == .characterType && Self.broadClassEscapes.contains(node.letter):
                break
            default:
                continue
            }
            if somethingMustFollow(Int(quantifier.end)) { return true }
        }
        return false
    }

    private static let broadClassEscapes: Set<UInt8> = Set("wSDWN".utf8)

    /// Whether the text from `offset` on holds more than group ends, `$` and one final `\b`: a
    /// repeat at the end of the pattern (or of a group there) is cheap, one in the middle is not.
    private func somethingMustFollow(_ offset: Int) -> Bool {
        var rest: [UInt8] = []
        for byte in bytes[offset...] where byte != UInt8(ascii: ")") && byte != UInt8(ascii: "$") {
            rest.append(byte)
            if rest.count > 2 { return true }
        }
        return !rest.isEmpty && rest != [UInt8(ascii: "\\"), UInt8(ascii: "b")]
    }
}
