/// Reads a regex byte by byte as PCRE2 10.42 does with logscan's options (UTF, no extended
/// mode unless set inline), into `RegexNode`s. Stops at the first error PCRE2 would report,
/// keeping the nodes read so far, so a malformed regex never traps and analyses can see it failed.
struct RegexParser {
    let bytes: [UInt8]
    var nodes: [RegexNode] = []
    var failure: RegexSyntaxFailure?
    var index = 0
    var captureCount = 0
    var depth = 0

    /// PCRE2's default limit on group nesting; also bounds this parser's recursion.
    static let maximumDepth = 250
    /// PCRE2's largest repeat count.
    static let maximumRepeat = 65_535

    init(bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count + 4)
    }

    mutating func parse() {
        let root = append(RegexNode(kind: .group, start: 0, end: 0, contentStart: 0, subtreeEnd: 0))
        var flags: RegexNode.Flags = []
        parseBranches(flags: &flags)
        if failure == nil, index < bytes.count { fail("unmatched closing parenthesis") }
        nodes[root].end = Int32(bytes.count)
        nodes[root].subtreeEnd = Int32(nodes.count)
        // Groups and classes left open by a failure hold everything read after them.
        if failure != nil {
            for position in nodes.indices where nodes[position].subtreeEnd <= Int32(position) {
                nodes[position].subtreeEnd = Int32(nodes.count)
                nodes[position].end = Int32(bytes.count)
            }
        }
    }

    // MARK: structure

    mutating func append(_ node: RegexNode) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func fail(_ message: String, at offset: Int? = nil) {
        if failure == nil { failure = RegexSyntaxFailure(offset: offset ?? index, message: message) }
        index = bytes.count
    }

    func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

    /// Branches until the `)` closing the current group (left unread) or the end. `flags` are the
    /// options in force; settings inside change them up to the end of the group.
    mutating func parseBranches(flags: inout RegexNode.Flags) {
        while true {
            let branch = append(RegexNode(kind: .branch, start: Int32(index), end: 0, contentStart: Int32(index), subtreeEnd: 0))
            parseItems(flags: &flags)
            nodes[branch].end = Int32(index)
            nodes[branch].subtreeEnd = Int32(nodes.count)
            guard failure == nil, index < bytes.count, bytes[index] == UInt8(ascii: "|") else { return }
            index += 1
        }
    }

    mutating func parseItems(flags: inout RegexNode.Flags) {
        // The item a quantifier would repeat: the last repeatable one, if nothing but comments followed it.
        var repeatable: Int?
        // The item just quantified, if nothing but comments followed its quantifier.
        var lastQuantified: Int?
        while failure == nil, index < bytes.count {
            let current = bytes[index]
            if flags.contains(.extended) {
                if Self.isExtendedSpace(current) {
                    index += 1
                    continue
                }
                if current == UInt8(ascii: "#") {
                    let start = index
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                    _ = append(RegexNode(kind: .comment, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(start + 1), subtreeEnd: Int32(nodes.count + 1)))
                    continue
                }
            }
            if current == UInt8(ascii: "?") || current == UInt8(ascii: "+"), repeatable == nil,
               let quantified = lastQuantified, nodes[quantified].quantifier?.mode == .greedy {
                // `a?\Q\E?`: a lazy or possessive suffix after transparent items.
                nodes[quantified].quantifier!.mode = current == UInt8(ascii: "?") ? .lazy : .possessive
                lastQuantified = nil
                index += 1
                continue
            }
            switch current {
            case UInt8(ascii: "|"), UInt8(ascii: ")"):
                return
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                quantify(repeatable, flags: flags)
                lastQuantified = repeatable
                repeatable = nil
                continue
            case UInt8(ascii: "{") where repeatCounts(at: index) != nil:
                quantify(repeatable, flags: flags)
                lastQuantified = repeatable
                repeatable = nil
                continue
            default:
                break
            }
            let node = parseItem(flags: &flags)
            guard let node else { continue }
            switch nodes[node].kind {
            case .comment, .quoteEnd:
                break  // transparent: a quantifier after them repeats the item before them
            case .quoted where nodes[node].end - nodes[node].start == 4 && byte(Int(nodes[node].end) - 1) == UInt8(ascii: "E"):
                break  // `\Q\E`: empty, transparent too
            default:
                repeatable = Self.isRepeatable(nodes[node]) ? node : nil
                lastQuantified = nil
            }
        }
    }

    static func isRepeatable(_ node: RegexNode) -> Bool {
        switch node.kind {
        case .literal, .characterClass, .dot, .group, .recursion, .namedBackreference, .quoted: return true
        case .escape: return node.escapeRole != .assertion
        default: return false
        }
    }

    static func isExtendedSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Reads the quantifier at `index` onto `target`, or fails when there is nothing to repeat.
    mutating func quantify(_ target: Int?, flags: RegexNode.Flags) {
        guard let target, nodes[target].quantifier == nil else {
            fail("quantifier does not follow a repeatable item")
            return
        }
        let start = index
        var quantifier: RegexQuantifier
        switch bytes[index] {
        case UInt8(ascii: "*"): quantifier = RegexQuantifier(minimum: 0, maximum: -1, mode: .greedy, braced: false, start: 0, end: 0)
        case UInt8(ascii: "+"): quantifier = RegexQuantifier(minimum: 1, maximum: -1, mode: .greedy, braced: false, start: 0, end: 0)
        case UInt8(ascii: "?"): quantifier = RegexQuantifier(minimum: 0, maximum: 1, mode: .greedy, braced: false, start: 0, end: 0)
        default:
            guard let counts = repeatCounts(at: index) else { return }
            if counts.minimum > Self.maximumRepeat || counts.maximum > Self.maximumRepeat {
                fail("number too big in {} quantifier")
                return
            }
            if counts.maximum >= 0, counts.maximum < counts.minimum {
                fail("numbers out of order in {} quantifier")
                return
            }
            quantifier = RegexQuantifier(minimum: Int32(counts.minimum), maximum: Int32(counts.maximum), mode: .greedy,
                                         braced: true, start: 0, end: 0)
            index = counts.end - 1
        }
        index += 1
        if index < bytes.count {
            if bytes[index] == UInt8(ascii: "?") {
                quantifier.mode = .lazy
                index += 1
            } else if bytes[index] == UInt8(ascii: "+") {
                quantifier.mode = .possessive
                index += 1
            }
        }
        quantifier.start = Int32(start)
        quantifier.end = Int32(index)
        nodes[target].quantifier = quantifier
    }

    /// `{n}`, `{n,}`, `{n,m}` at `at` as PCRE2 10.42 reads them (`{,m}` and spaces make the brace
    /// a literal); counts are clamped so overflow cannot trap, and checked by the caller.
    func repeatCounts(at start: Int) -> (minimum: Int, maximum: Int, end: Int)? {
        var cursor = start + 1
        func number() -> Int? {
            let first = cursor
            var value = 0
            while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
                value = min(value * 10 + Int(bytes[cursor] - 0x30), 1_000_000)
                cursor += 1
            }
            return cursor > first ? value : nil
        }
        guard let minimum = number(), cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "}") { return (minimum, minimum, cursor + 1) }
        guard bytes[cursor] == UInt8(ascii: ",") else { return nil }
        cursor += 1
        let maximum = number() ?? -1
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") else { return nil }
        return (minimum, maximum, cursor + 1)
    }

    /// One item at `index`; nil when it added no node (`\E`... read as nothing is still a node).
    mutating func parseItem(flags: inout RegexNode.Flags) -> Int? {
        let start = index
        let current = bytes[index]
        switch current {
        case UInt8(ascii: "("):
            return parseGroup(flags: &flags)
        case UInt8(ascii: "["):
            return parseClass(flags: flags)
        case UInt8(ascii: "\\"):
            return parseEscape(flags: flags, inClass: false)
        case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
            index += 1
            let kind: RegexNode.Kind = current == UInt8(ascii: ".") ? .dot : current == UInt8(ascii: "^") ? .startAnchor : .endAnchor
            return append(RegexNode(kind: kind, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(index),
                                    subtreeEnd: Int32(nodes.count + 1)))
        default:
            return parseLiteral(flags: flags)
        }
    }

    /// One character written as itself: a UTF-8 lead byte and its continuation bytes.
    mutating func parseLiteral(flags: RegexNode.Flags) -> Int {
        let start = index
        let scalar = decodeScalar()
        return append(RegexNode(kind: .literal, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(index),
                                subtreeEnd: Int32(nodes.count + 1), value: scalar))
    }

    /// Decodes the UTF-8 sequence at `index` (a Swift string's bytes are valid UTF-8) and moves past it.
    mutating func decodeScalar() -> UInt32 {
        let lead = bytes[index]
        index += 1
        guard lead >= 0xC0 else { return UInt32(lead) }
        var scalar = UInt32(lead) & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 {
            scalar = scalar << 6 | UInt32(bytes[index] & 0x3F)
            index += 1
        }
        return scalar
    }
}
