/// A regex read once, as PCRE2 10.42 reads it with logscan's options, into flat `RegexNode`s.
/// Every analysis logscan makes of a regex's syntax is a property or method of this value
/// (one file each), so they all see the same reading.
package struct ParsedRegex: Sendable {
    package let source: String
    package let bytes: [UInt8]
    /// In source order; `nodes[0]` is the root group.
    package let nodes: [RegexNode]
    /// Nil when PCRE2 would accept the regex (as far as this reader checks).
    package let failure: RegexSyntaxFailure?
    /// Some part uses syntax the analyses do not reason about (`\Q…\E`, verbs, comments,
    /// conditionals, recursion, callouts, extended mode): each analysis is conservative about it.
    package let hasOpaqueSyntax: Bool

    package init(_ source: String) {
        self.source = source
        bytes = Array(source.utf8)
        var parser = RegexParser(bytes: bytes)
        parser.parse()
        nodes = parser.nodes
        failure = parser.failure
        hasOpaqueSyntax = nodes.contains { Self.isOpaque($0) }
    }

    package var isValid: Bool { failure == nil }

    /// Syntax an analysis cannot see through: what it matches depends on more than its own node.
    package static func isOpaque(_ node: RegexNode) -> Bool {
        if node.flags.contains(.extended) { return true }
        switch node.kind {
        case .quoted, .quoteEnd, .verb, .comment, .callout, .recursion, .namedBackreference, .condition: return true
        case .group: return node.groupKind == .conditional || node.groupKind == .alphabetic || node.groupKind == .nonAtomicLookaround
        case .optionSetting: return RegexOptionChange(packed: node.value).enabled & RegexOptionChange.extended != 0
        default: return false
        }
    }

    /// The direct children of node `index`, in order.
    package func children(of index: Int) -> Children {
        Children(nodes: nodes, start: index + 1, end: Int(nodes[index].subtreeEnd))
    }

    package struct Children: Sequence, IteratorProtocol {
        let nodes: [RegexNode]
        var start: Int
        let end: Int

        package mutating func next() -> Int? {
            guard start < end else { return nil }
            defer { start = Int(nodes[start].subtreeEnd) }
            return start
        }
    }

    /// The source text of a byte range.
    package func text(_ start: Int32, _ end: Int32) -> String {
        String(decoding: bytes[Int(start)..<Int(end)], as: UTF8.self)
    }

    package func text(of index: Int) -> String { text(nodes[index].start, nodes[index].end) }
}
