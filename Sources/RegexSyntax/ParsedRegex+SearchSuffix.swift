/// The part of a confirmed pattern Vectorscan needs to search: the regex from the first literal
/// of `minimumLiteralLength` bytes, when a repeat without bound comes before it and all before
/// it is simple (shorter literals, classes, escapes, quantifiers).
///
/// Such a head is what makes Vectorscan's automata slow, and for a pattern PCRE2 confirms anyway
/// it buys nothing: a line matching `H S` holds a match of `S`, so searching `S` names a superset
/// of the lines. The 33 generated klog patterns (`^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\]
/// .*\blease\b`) scanned 67 MB in 0.17 s whole and 0.08 s from `.go:` on, with 11 % more reports.
///
/// Only what is fully understood is cut: leading option settings are kept, the head must hold
/// nothing but literals, classes, escapes and quantifiers (no group, no alternation, nothing
/// that could change how the rest matches), and a regex with a top-level `|` is left whole.
package struct RegexSearchSuffix: Sendable, Equatable {
    /// The leading option settings followed by the regex from `literal` on.
    package var expression: String
    package var literal: String

    package init(expression: String, literal: String) {
        self.expression = expression
        self.literal = literal
    }

    /// A literal run at least this long starts the suffix.
    package static let minimumLiteralLength = 4
}

extension ParsedRegex {
    /// The suffix to search instead of the regex; nil when the regex is better searched whole.
    package var searchSuffix: RegexSearchSuffix? {
        guard isValid, nodes.count > 1 else { return nil }
        let branches = Array(children(of: 0))
        guard branches.count == 1 else { return nil }
        let items = Array(children(of: branches[0]))
        var position = 0
        // Leading option settings apply to the rest: keep them.
        while position < items.count, nodes[items[position]].kind == .optionSetting, isSimpleOptionSetting(nodes[items[position]]) {
            position += 1
        }
        let options = position == 0 ? 0 : Int(nodes[items[position - 1]].end)
        var runStart = -1
        var runLength = 0
        var runEnd = 0
        var best: (start: Int, end: Int)?
        var unboundedBefore = false
        var literalFirst = false
        func endRun() {
            if best == nil, runStart >= 0, runLength >= RegexSearchSuffix.minimumLiteralLength {
                // A literal before any unbounded repeat anchors the search already: keep it.
                if unboundedBefore { best = (runStart, runEnd) } else { literalFirst = true }
            }
            runStart = -1
            runLength = 0
        }
        scan: while position < items.count, best == nil, !literalFirst {
            let node = nodes[items[position]]
            position += 1
            var literalLength = 0
            switch node.kind {
            case .escape:
                let letter = node.letter
                if letter >= 0x80 { return nil }
                if ASCII.isAlphanumeric(letter) {
                    guard Self.suffixHeadEscapes.contains(letter) else { return nil }  // \x \p \Q \K \1 \A …
                } else {
                    literalLength = 1
                }
            case .characterClass, .dot, .startAnchor:
                break
            case .literal:
                if node.value == UInt32(UInt8(ascii: "{")) { return nil }
                literalLength = Int(node.end - node.start)
            case .group, .optionSetting, .verb, .comment, .callout, .recursion, .namedBackreference:
                break scan
            default:
                return nil
            }
            if literalLength > 0, node.quantifier == nil {
                if runStart < 0 { runStart = Int(node.start) }
                runLength += literalLength
                runEnd = Int(node.end)
            } else {
                endRun()
                if node.quantifier?.isUnbounded == true { unboundedBefore = true }
            }
        }
        endRun()
        guard let best, best.start > options else { return nil }
        let expression = String(decoding: bytes[0..<options] + bytes[best.start...], as: UTF8.self)
        return RegexSearchSuffix(expression: expression, literal: String(decoding: bytes[best.start..<best.end], as: UTF8.self))
    }

    private static let suffixHeadEscapes: Set<UInt8> = Set("dDwWsShHvVbB".utf8)

    /// `(?i)`, `(?ms)`: options that only switch `imsU` on.
    private func isSimpleOptionSetting(_ node: RegexNode) -> Bool {
        let letters = bytes[Int(node.contentStart)..<Int(node.end - 1)]
        return !letters.isEmpty && letters.allSatisfy { Self.simpleOptionLetters.contains($0) }
    }

    private static let simpleOptionLetters: Set<UInt8> = Set("imsU".utf8)
}
