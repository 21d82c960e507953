/// Reads a regex byte by byte as PCRE2 10.42 does with logscan's options (UTF, no extended
/// mode unless set inline), into `RegexNode`s. Stops at the first error PCRE2 would report,
/// keeping the nodes read so far, so a malformed regex never traps and analyses can see it failed.
struct RegexParser {
    private let bytes: [UInt8]
    private(set) var nodes: [RegexNode] = []
    private(set) var failure: RegexSyntaxFailure?
    private var index = 0
    private var captureCount = 0
    private var depth = 0

    /// PCRE2's default limit on group nesting; also bounds this parser's recursion.
    private static let maximumDepth = 250
    /// PCRE2's largest repeat count.
    private static let maximumRepeat = 65_535

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

    private mutating func append(_ node: RegexNode) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func fail(_ message: String, at offset: Int? = nil) {
        if failure == nil { failure = RegexSyntaxFailure(offset: offset ?? index, message: message) }
        index = bytes.count
    }

    private func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

    /// Branches until the `)` closing the current group (left unread) or the end. `flags` are the
    /// options in force; settings inside change them up to the end of the group.
    private mutating func parseBranches(flags: inout RegexNode.Flags) {
        while true {
            let branch = append(RegexNode(kind: .branch, start: Int32(index), end: 0, contentStart: Int32(index), subtreeEnd: 0))
            parseItems(flags: &flags)
            nodes[branch].end = Int32(index)
            nodes[branch].subtreeEnd = Int32(nodes.count)
            guard failure == nil, index < bytes.count, bytes[index] == UInt8(ascii: "|") else { return }
            index += 1
        }
    }

    private mutating func parseItems(flags: inout RegexNode.Flags) {
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

    private static func isRepeatable(_ node: RegexNode) -> Bool {
        switch node.kind {
        case .literal, .characterClass, .dot, .group, .recursion, .namedBackreference, .quoted: return true
        case .escape: return node.escapeRole != .assertion
        default: return false
        }
    }

    private static func isExtendedSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Reads the quantifier at `index` onto `target`, or fails when there is nothing to repeat.
    private mutating func quantify(_ target: Int?, flags: RegexNode.Flags) {
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
    private func repeatCounts(at start: Int) -> (minimum: Int, maximum: Int, end: Int)? {
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
    private mutating func parseItem(flags: inout RegexNode.Flags) -> Int? {
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
    private mutating func parseLiteral(flags: RegexNode.Flags) -> Int {
        let start = index
        let scalar = decodeScalar()
        return append(RegexNode(kind: .literal, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(index),
                                subtreeEnd: Int32(nodes.count + 1), value: scalar))
    }

    /// Decodes the UTF-8 sequence at `index` (a Swift string's bytes are valid UTF-8) and moves past it.
    private mutating func decodeScalar() -> UInt32 {
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

    // MARK: groups

    private mutating func parseGroup(flags: inout RegexNode.Flags) -> Int? {
        let start = index
        guard depth < Self.maximumDepth else {
            fail("parentheses are too deeply nested")
            return nil
        }
        index += 1
        guard index < bytes.count else {
            fail("missing closing parenthesis")
            return nil
        }
        if bytes[index] == UInt8(ascii: "*") { return parseVerbOrAlphabeticGroup(start: start, flags: flags) }
        guard bytes[index] == UInt8(ascii: "?") else {
            captureCount += 1
            return parseGroupBody(start: start, kind: .capturing, flags: flags)
        }
        index += 1
        guard let marker = byte(index) else {
            fail("missing closing parenthesis")
            return nil
        }
        switch marker {
        case UInt8(ascii: "#"):
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") { index += 1 }
            guard index < bytes.count else {
                fail("missing ) after (?# comment")
                return nil
            }
            index += 1
            return leaf(.comment, start: start, contentStart: start + 3, flags: flags)
        case UInt8(ascii: ":"): index += 1; return parseGroupBody(start: start, kind: .nonCapturing, flags: flags)
        case UInt8(ascii: "|"): index += 1; return parseGroupBody(start: start, kind: .branchReset, flags: flags)
        case UInt8(ascii: ">"): index += 1; return parseGroupBody(start: start, kind: .atomic, flags: flags)
        case UInt8(ascii: "="): index += 1; return parseGroupBody(start: start, kind: .lookahead, flags: flags)
        case UInt8(ascii: "!"): index += 1; return parseGroupBody(start: start, kind: .negativeLookahead, flags: flags)
        case UInt8(ascii: "*"): index += 1; return parseGroupBody(start: start, kind: .nonAtomicLookaround, flags: flags)
        case UInt8(ascii: "<"):
            switch byte(index + 1) {
            case UInt8(ascii: "="): index += 2; return parseGroupBody(start: start, kind: .lookbehind, flags: flags)
            case UInt8(ascii: "!"): index += 2; return parseGroupBody(start: start, kind: .negativeLookbehind, flags: flags)
            case UInt8(ascii: "*"): index += 2; return parseGroupBody(start: start, kind: .nonAtomicLookaround, flags: flags)
            default:
                index += 1
                guard readName(terminator: UInt8(ascii: ">")) else { return nil }
                captureCount += 1
                return parseGroupBody(start: start, kind: .named, flags: flags)
            }
        case UInt8(ascii: "'"):
            index += 1
            guard readName(terminator: UInt8(ascii: "'")) else { return nil }
            captureCount += 1
            return parseGroupBody(start: start, kind: .named, flags: flags)
        case UInt8(ascii: "P"):
            index += 1
            switch byte(index) {
            case UInt8(ascii: "<"):
                index += 1
                guard readName(terminator: UInt8(ascii: ">")) else { return nil }
                captureCount += 1
                return parseGroupBody(start: start, kind: .named, flags: flags)
            case UInt8(ascii: "="), UInt8(ascii: ">"):
                let kind: RegexNode.Kind = bytes[index] == UInt8(ascii: "=") ? .namedBackreference : .recursion
                index += 1
                guard readName(terminator: UInt8(ascii: ")")) else { return nil }
                return leaf(kind, start: start, contentStart: start + 4, flags: flags)
            default:
                fail("unrecognized character after (?P")
                return nil
            }
        case UInt8(ascii: "&"):
            index += 1
            guard readName(terminator: UInt8(ascii: ")")) else { return nil }
            return leaf(.recursion, start: start, contentStart: start + 3, flags: flags)
        case UInt8(ascii: "R") where byte(index + 1) == UInt8(ascii: ")"):
            index += 2
            return leaf(.recursion, start: start, contentStart: start + 2, flags: flags)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if marker == UInt8(ascii: "-"), let next = byte(index + 1), !(next >= 0x30 && next <= 0x39) { break }
            index += 1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
                fail("(?R (recursive pattern call) must be followed by a closing parenthesis")
                return nil
            }
            index += 1
            return leaf(.recursion, start: start, contentStart: start + 2, flags: flags)
        case UInt8(ascii: "("):
            return parseConditional(start: start, flags: flags)
        case UInt8(ascii: "C"):
            return parseCallout(start: start, flags: flags)
        default:
            break
        }
        return parseOptions(start: start, flags: &flags)
    }

    private mutating func leaf(_ kind: RegexNode.Kind, start: Int, contentStart: Int, flags: RegexNode.Flags) -> Int {
        append(RegexNode(kind: kind, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(contentStart),
                         subtreeEnd: Int32(nodes.count + 1)))
    }

    /// A group name (a non-digit, then word characters) ending at `terminator`, read past it.
    private mutating func readName(terminator: UInt8) -> Bool {
        let first = index
        while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
        guard index > first, !(bytes[first] >= 0x30 && bytes[first] <= 0x39), index - first <= 32 else {
            fail("subpattern name expected")
            return false
        }
        guard index < bytes.count, bytes[index] == terminator else {
            fail("syntax error in subpattern name (missing terminator?)")
            return false
        }
        index += 1
        return true
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }

    /// A group's branches and its `)`; `index` is past the opening syntax.
    private mutating func parseGroupBody(start: Int, kind: RegexNode.GroupKind, flags: RegexNode.Flags, value: UInt32 = 0,
                                         innerFlags: RegexNode.Flags? = nil) -> Int? {
        let group = append(RegexNode(kind: .group, groupKind: kind, flags: flags, start: Int32(start), end: 0,
                                     contentStart: Int32(index), subtreeEnd: 0, value: value))
        var inner = innerFlags ?? flags
        depth += 1
        parseBranches(flags: &inner)
        depth -= 1
        guard failure == nil else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            fail("missing closing parenthesis")
            return nil
        }
        index += 1
        nodes[group].end = Int32(index)
        nodes[group].subtreeEnd = Int32(nodes.count)
        return group
    }

    /// `(?(condition)yes|no)`: the condition is a lookaround group, or a reference read as a leaf.
    private mutating func parseConditional(start: Int, flags: RegexNode.Flags) -> Int? {
        let group = append(RegexNode(kind: .group, groupKind: .conditional, flags: flags, start: Int32(start), end: 0,
                                     contentStart: 0, subtreeEnd: 0))
        var inner = flags
        if byte(index + 1) == UInt8(ascii: "?") || byte(index + 1) == UInt8(ascii: "*") {
            guard parseGroup(flags: &inner) != nil else { return nil }
        } else {
            let conditionStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") { index += 1 }
            guard index < bytes.count, index > conditionStart + 1 else {
                fail("malformed number or name after (?(")
                return nil
            }
            index += 1
            _ = leaf(.condition, start: conditionStart, contentStart: conditionStart + 1, flags: flags)
        }
        nodes[group].contentStart = Int32(index)
        depth += 1
        parseBranches(flags: &inner)
        depth -= 1
        guard failure == nil else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            fail("missing closing parenthesis")
            return nil
        }
        index += 1
        nodes[group].end = Int32(index)
        nodes[group].subtreeEnd = Int32(nodes.count)
        return group
    }

    /// `(?C)`, `(?C12)`, or `(?C` with a delimited string (a doubled delimiter stands for itself).
    private mutating func parseCallout(start: Int, flags: RegexNode.Flags) -> Int? {
        index += 1
        if let open = byte(index), let close = Self.calloutDelimiters[open] {
            index += 1
            while true {
                guard index < bytes.count else {
                    fail("missing terminating delimiter for callout with string argument")
                    return nil
                }
                if bytes[index] == close {
                    if byte(index + 1) == close { index += 2; continue }
                    index += 1
                    break
                }
                index += 1
            }
        } else {
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            fail("closing parenthesis for (?C expected")
            return nil
        }
        index += 1
        return leaf(.callout, start: start, contentStart: start + 3, flags: flags)
    }

    private static let calloutDelimiters: [UInt8: UInt8] = [
        UInt8(ascii: "`"): UInt8(ascii: "`"), UInt8(ascii: "'"): UInt8(ascii: "'"), UInt8(ascii: "\""): UInt8(ascii: "\""),
        UInt8(ascii: "^"): UInt8(ascii: "^"), UInt8(ascii: "%"): UInt8(ascii: "%"), UInt8(ascii: "#"): UInt8(ascii: "#"),
        UInt8(ascii: "$"): UInt8(ascii: "$"), UInt8(ascii: "{"): UInt8(ascii: "}"),
    ]

    /// Option letters after `(?`, then `)` (a setting for the rest of the group) or `:` (a group).
    private mutating func parseOptions(start: Int, flags: inout RegexNode.Flags) -> Int? {
        var set: UInt32 = 0
        var unset: UInt32 = 0
        var resets = false
        var negating = false
        if byte(index) == UInt8(ascii: "^") {
            resets = true
            index += 1
        }
        // An unknown letter is reported after the node is built, so the letters can still be
        // read (a Rust flag such as `R` in `(?Rm)` is worth naming).
        var unknownLetterAt: Int?
        while index < bytes.count, bytes[index] != UInt8(ascii: ")"), bytes[index] != UInt8(ascii: ":") {
            let letter = bytes[index]
            var option: UInt32
            switch letter {
            case UInt8(ascii: "-") where !negating && !resets:
                negating = true
                index += 1
                continue
            case UInt8(ascii: "i"): option = RegexOptionChange.caseless
            case UInt8(ascii: "m"): option = RegexOptionChange.multiline
            case UInt8(ascii: "n"): option = RegexOptionChange.noAutoCapture
            case UInt8(ascii: "s"): option = RegexOptionChange.dotAll
            case UInt8(ascii: "x"):
                option = RegexOptionChange.extended
                if byte(index + 1) == UInt8(ascii: "x") {
                    option |= RegexOptionChange.extendedMore
                    index += 1
                }
            case UInt8(ascii: "U"): option = RegexOptionChange.ungreedy
            case UInt8(ascii: "J"): option = RegexOptionChange.duplicateNames
            default:
                guard letter | 0x20 >= 0x61, letter | 0x20 <= 0x7A || letter == UInt8(ascii: "-") else {
                    fail("unrecognized character after (? or (?-")
                    return nil
                }
                if unknownLetterAt == nil { unknownLetterAt = index }
                option = 0
            }
            if negating { unset |= option } else { set |= option }
            index += 1
        }
        guard index < bytes.count else {
            fail("missing closing parenthesis")
            return nil
        }
        let change = RegexOptionChange(enabled: set, disabled: unset, resets: resets)
        var changed = flags
        let off = change.turnedOff
        if off & RegexOptionChange.caseless != 0 { changed.remove(.caseless) }
        if off & RegexOptionChange.extended != 0 { changed.remove(.extended) }
        if change.enabled & RegexOptionChange.caseless != 0 { changed.insert(.caseless) }
        if change.enabled & RegexOptionChange.extended != 0 { changed.insert(.extended) }
        if let unknownLetterAt {
            index += 1
            _ = append(RegexNode(kind: .optionSetting, flags: flags, start: Int32(start), end: Int32(index),
                                 contentStart: Int32(start + 2), subtreeEnd: Int32(nodes.count + 1), value: change.packed))
            fail("unrecognized character after (? or (?-", at: unknownLetterAt)
            return nil
        }
        if bytes[index] == UInt8(ascii: ")") {
            index += 1
            let node = append(RegexNode(kind: .optionSetting, flags: flags, start: Int32(start), end: Int32(index),
                                        contentStart: Int32(start + 2), subtreeEnd: Int32(nodes.count + 1), value: change.packed))
            flags = changed
            return node
        }
        index += 1
        return parseGroupBody(start: start, kind: .options, flags: flags, value: change.packed, innerFlags: changed)
    }

    /// `(*VERB)`, `(*VERB:argument)`, start-of-pattern options, or `(*pla:…)`-style groups.
    private mutating func parseVerbOrAlphabeticGroup(start: Int, flags: RegexNode.Flags) -> Int? {
        index += 1
        let nameStart = index
        while index < bytes.count, Self.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "=") { index += 1 }
        let name = bytes[nameStart..<index]
        if byte(index) == UInt8(ascii: ":"), !name.isEmpty, name.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == UInt8(ascii: "_") }) {
            index += 1
            return parseGroupBody(start: start, kind: .alphabetic, flags: flags)
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: ")") {
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        guard index < bytes.count else {
            fail("(*VERB) not terminated")
            return nil
        }
        index += 1
        return leaf(.verb, start: start, contentStart: start + 2, flags: flags)
    }

    // MARK: classes

    private mutating func parseClass(flags: RegexNode.Flags) -> Int? {
        let start = index
        if let next = byte(index + 1), next == UInt8(ascii: ":") || next == UInt8(ascii: ".") || next == UInt8(ascii: "="),
           posixEnd(from: index + 1) != nil {
            fail("POSIX named classes are supported only within a class")
            return nil
        }
        index += 1
        var classFlags = flags
        if byte(index) == UInt8(ascii: "^") {
            classFlags.insert(.negated)
            index += 1
        }
        let node = append(RegexNode(kind: .characterClass, flags: classFlags, start: Int32(start), end: 0,
                                    contentStart: Int32(index), subtreeEnd: 0))
        let firstMember = index
        while true {
            guard index < bytes.count else {
                fail("missing terminating ] for character class", at: bytes.count)
                return nil
            }
            let current = bytes[index]
            if current == UInt8(ascii: "]"), index > firstMember { break }
            guard let member = parseClassMember(flags: flags) else {
                if failure != nil { return nil }
                continue
            }
            // A range: a character, `-`, and a character (a `-` before `]` is a literal).
            guard byte(index) == UInt8(ascii: "-"), let after = byte(index + 1), after != UInt8(ascii: "]") else { continue }
            let low = nodes[member]
            let hyphen = index
            index += 1
            let isCharacter = low.kind == .literal || (low.kind == .escape && low.escapeRole == .character)
            if !isCharacter {
                if low.kind == .quoted || low.kind == .posixClass && after == UInt8(ascii: "[") { index = hyphen; continue }
                fail("invalid range in character class")
                return nil
            }
            if after == UInt8(ascii: "[") && (byte(index + 1) == UInt8(ascii: ":") || byte(index + 1) == UInt8(ascii: ".") || byte(index + 1) == UInt8(ascii: "=")),
               posixEnd(from: index + 1) != nil {
                fail("invalid range in character class")
                return nil
            }
            if after == UInt8(ascii: "\\"), byte(index + 1) == UInt8(ascii: "Q") || byte(index + 1) == UInt8(ascii: "E") {
                index = hyphen + 1
                nodes.append(RegexNode(kind: .literal, flags: flags, start: Int32(hyphen), end: Int32(hyphen + 1),
                                       contentStart: Int32(hyphen + 1), subtreeEnd: Int32(nodes.count + 1), value: 0x2D))
                continue
            }
            guard let high = parseClassMember(flags: flags) else { return nil }
            let highNode = nodes[high]
            guard highNode.kind == .literal || (highNode.kind == .escape && highNode.escapeRole == .character) else {
                fail("invalid range in character class")
                return nil
            }
            guard low.value <= highNode.value else {
                fail("range out of order in character class")
                return nil
            }
            // The range node goes before its two ends, which are the last two nodes.
            let range = RegexNode(kind: .classRange, flags: flags, start: low.start, end: highNode.end, contentStart: low.start,
                                  subtreeEnd: Int32(nodes.count + 1))
            nodes.insert(range, at: member)
            nodes[member + 1].subtreeEnd = Int32(member + 2)
            nodes[member + 2].subtreeEnd = Int32(member + 3)
        }
        index += 1
        nodes[node].end = Int32(index)
        nodes[node].subtreeEnd = Int32(nodes.count)
        return node
    }

    /// One member inside a class; nil when it added no node (`\E`) or failed.
    private mutating func parseClassMember(flags: RegexNode.Flags) -> Int? {
        let start = index
        let current = bytes[index]
        if current == UInt8(ascii: "["), let terminator = byte(index + 1),
           terminator == UInt8(ascii: ":") || terminator == UInt8(ascii: ".") || terminator == UInt8(ascii: "="),
           let end = posixEnd(from: index + 1) {
            guard terminator == UInt8(ascii: ":") else {
                fail("POSIX collating elements are not supported")
                return nil
            }
            var nameStart = index + 2
            var memberFlags = flags
            if byte(nameStart) == UInt8(ascii: "^") {
                memberFlags.insert(.negated)
                nameStart += 1
            }
            guard Self.posixNames.contains(where: { $0.elementsEqual(bytes[nameStart..<end]) }) else {
                fail("unknown POSIX class name")
                return nil
            }
            index = end + 2
            return append(RegexNode(kind: .posixClass, flags: memberFlags, start: Int32(start), end: Int32(index),
                                    contentStart: Int32(nameStart), subtreeEnd: Int32(nodes.count + 1)))
        }
        if current == UInt8(ascii: "\\") { return parseEscape(flags: flags, inClass: true) }
        return parseLiteral(flags: flags)
    }

    private static let posixNames: [[UInt8]] = [
        "alpha", "lower", "upper", "alnum", "ascii", "blank", "cntrl", "digit", "graph", "print", "punct", "space", "word", "xdigit",
    ].map { Array($0.utf8) }

    /// PCRE2's test for `[:name:]` syntax: at `terminatorAt` (the `:` `.` or `=` after `[`), the
    /// offset of the closing terminator when one is followed by `]` before any `]` or `[` plus terminator.
    private func posixEnd(from terminatorAt: Int) -> Int? {
        let terminator = bytes[terminatorAt]
        var cursor = terminatorAt + 1
        while cursor < bytes.count {
            let current = bytes[cursor]
            if current == UInt8(ascii: "\\"), let next = byte(cursor + 1), next == UInt8(ascii: "]") || next == UInt8(ascii: "\\") {
                cursor += 1
            } else if (current == UInt8(ascii: "[") && byte(cursor + 1) == terminator) || current == UInt8(ascii: "]") {
                return nil
            } else if current == terminator, byte(cursor + 1) == UInt8(ascii: "]") {
                return cursor
            }
            cursor += 1
        }
        return nil
    }

    // MARK: escapes

    private mutating func parseEscape(flags: RegexNode.Flags, inClass: Bool) -> Int? {
        let start = index
        guard let letter = byte(index + 1) else {
            fail("\\ at end of pattern")
            return nil
        }
        index += 2
        var role = RegexNode.EscapeRole.character
        var value = UInt32(letter)
        func node() -> Int {
            append(RegexNode(kind: .escape, escapeRole: role, letter: letter, flags: flags, start: Int32(start), end: Int32(index),
                             contentStart: Int32(start + 2), subtreeEnd: Int32(nodes.count + 1), value: value))
        }
        if letter >= 0x80 {
            index = start + 1
            value = decodeScalar()
            return node()
        }
        let isLetterOrDigit = Self.isWordByte(letter) && letter != UInt8(ascii: "_")
        if !isLetterOrDigit { return node() }
        switch letter {
        case UInt8(ascii: "Q"):
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\"), byte(index + 1) == UInt8(ascii: "E") {
                    index += 2
                    break
                }
                index += 1
            }
            return leaf(.quoted, start: start, contentStart: start + 2, flags: flags)
        case UInt8(ascii: "E"):
            return leaf(.quoteEnd, start: start, contentStart: start + 2, flags: flags)
        case UInt8(ascii: "a"): value = 0x07
        case UInt8(ascii: "e"): value = 0x1B
        case UInt8(ascii: "f"): value = 0x0C
        case UInt8(ascii: "n"): value = 0x0A
        case UInt8(ascii: "r"): value = 0x0D
        case UInt8(ascii: "t"): value = 0x09
        case UInt8(ascii: "b") where inClass: value = 0x08
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "s"), UInt8(ascii: "S"),
             UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "v"), UInt8(ascii: "V"):
            role = .characterType
        case UInt8(ascii: "R"), UInt8(ascii: "X"), UInt8(ascii: "C"):
            if inClass { fail("escape sequence is invalid in character class"); return nil }
            role = .characterType
        case UInt8(ascii: "N"):
            if byte(index) == UInt8(ascii: "{"), repeatCounts(at: index) == nil {
                guard byte(index + 1) == UInt8(ascii: "U"), byte(index + 2) == UInt8(ascii: "+"),
                      let scalar = readHex(from: index + 3, closing: UInt8(ascii: "}")) else {
                    fail("\\N{U+dddd} is supported only in Unicode (UTF) mode")
                    return nil
                }
                value = scalar
            } else {
                if inClass { fail("escape sequence is invalid in character class"); return nil }
                role = .characterType
            }
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"),
             UInt8(ascii: "K"):
            if inClass { fail("escape sequence is invalid in character class"); return nil }
            role = .assertion
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            role = .property
            if byte(index) == UInt8(ascii: "{") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "}") { index += 1 }
                guard index < bytes.count else { fail("malformed \\P or \\p sequence"); return nil }
                index += 1
            } else {
                // One letter: a general category (`\pL`); longer names need braces.
                guard let category = byte(index) else { fail("malformed \\P or \\p sequence"); return nil }
                guard Self.singleLetterCategories.contains(category) else {
                    fail(ASCII.isLetter(category) ? "unknown property after \\P or \\p" : "malformed \\P or \\p sequence")
                    return nil
                }
                index += 1
            }
        case UInt8(ascii: "x"):
            if byte(index) == UInt8(ascii: "{") {
                guard let scalar = readHex(from: index + 1, closing: UInt8(ascii: "}")) else {
                    fail("non-hex character in \\x{} (closing brace missing?)")
                    return nil
                }
                value = scalar
            } else {
                value = 0
                var digits = 0
                while digits < 2, let digit = byte(index).flatMap(Self.hexValue) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
            }
        case UInt8(ascii: "o"):
            guard byte(index) == UInt8(ascii: "{") else { fail("missing opening brace after \\o"); return nil }
            index += 1
            value = 0
            let first = index
            while let digit = byte(index), digit >= 0x30, digit <= 0x37 {
                value = min(value * 8 + UInt32(digit - 0x30), 0x110000)
                index += 1
            }
            guard index > first, byte(index) == UInt8(ascii: "}") else { fail("non-octal character in \\o{}"); return nil }
            index += 1
        case UInt8(ascii: "c"):
            guard let control = byte(index), control >= 0x20, control < 0x7F else {
                fail(index < bytes.count ? "\\c must be followed by a printable ASCII character" : "\\c at end of pattern")
                return nil
            }
            index += 1
            let upper = control >= 0x61 && control <= 0x7A ? control - 0x20 : control
            value = UInt32(upper ^ 0x40)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            readNumericEscape(letter: letter, inClass: inClass, role: &role, value: &value)
            if failure != nil { return nil }
        case UInt8(ascii: "g"):
            if inClass { fail("escape sequence is invalid in character class"); return nil }
            let open = byte(index)
            if open == UInt8(ascii: "<") || open == UInt8(ascii: "'") {
                role = .subroutineCall
                index += 1
                let close = open == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "'")
                guard readReference(terminator: close) else { return nil }
            } else if open == UInt8(ascii: "{") {
                role = .backreference
                index += 1
                if byte(index) == UInt8(ascii: "-") || byte(index) == UInt8(ascii: "+") { index += 1 }
                let first = index
                while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
                guard index > first, byte(index) == UInt8(ascii: "}") else { fail("a numbered reference must not be zero"); return nil }
                index += 1
            } else {
                role = .backreference
                if open == UInt8(ascii: "-") || open == UInt8(ascii: "+") { index += 1 }
                let first = index
                while let digit = byte(index), digit >= 0x30, digit <= 0x39 { index += 1 }
                guard index > first else { fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number"); return nil }
            }
        case UInt8(ascii: "k"):
            if inClass { fail("escape sequence is invalid in character class"); return nil }
            role = .backreference
            let close: UInt8
            switch byte(index) {
            case UInt8(ascii: "<"): close = UInt8(ascii: ">")
            case UInt8(ascii: "'"): close = UInt8(ascii: "'")
            case UInt8(ascii: "{"): close = UInt8(ascii: "}")
            default: fail("\\k is not followed by a braced, angle-bracketed, or quoted name"); return nil
            }
            index += 1
            guard readName(terminator: close) else { return nil }
        default:
            fail("unrecognized character follows \\")
            return nil
        }
        return node()
    }

    private static let singleLetterCategories: Set<UInt8> = Set("CLMNPSZ".utf8)

    /// After `\g<` or `\g'`: a group name, or a group number with an optional sign.
    private mutating func readReference(terminator: UInt8) -> Bool {
        let first = index
        if byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while let digit = byte(index), digit >= 0x30, digit <= 0x39 { index += 1 }
        if index > digits {
            guard byte(index) == terminator else {
                fail("syntax error in subpattern name (missing terminator?)")
                return false
            }
            index += 1
            return true
        }
        index = first
        return readName(terminator: terminator)
    }

    /// `\0`: up to two more octal digits. `\1`…: a backreference, or in a class (or when the
    /// number is 10 or more and larger than the groups so far) up to three octal digits.
    private mutating func readNumericEscape(letter: UInt8, inClass: Bool, role: inout RegexNode.EscapeRole, value: inout UInt32) {
        let digitsStart = index - 1
        if letter == UInt8(ascii: "0") {
            value = 0
            var count = 0
            while count < 2, let digit = byte(index), digit >= 0x30, digit <= 0x37 {
                value = value * 8 + UInt32(digit - 0x30)
                index += 1
                count += 1
            }
            return
        }
        if !inClass {
            var number = 0
            var cursor = digitsStart
            while let digit = byte(cursor), digit >= 0x30, digit <= 0x39 {
                number = min(number * 10 + Int(digit - 0x30), 1_000_000)
                cursor += 1
            }
            if number < 10 || number <= captureCount || letter >= UInt8(ascii: "8") {
                role = .backreference
                value = UInt32(number)
                index = cursor
                return
            }
        } else if letter >= UInt8(ascii: "8") {
            // In a class `\8` and `\9` are the digits themselves.
            value = UInt32(letter)
            return
        }
        index = digitsStart
        value = 0
        var count = 0
        while count < 3, let digit = byte(index), digit >= 0x30, digit <= 0x37 {
            value = value * 8 + UInt32(digit - 0x30)
            index += 1
            count += 1
        }
    }

    /// Hex digits from `from` up to `closing`, leaving `index` past it; nil when malformed.
    private mutating func readHex(from: Int, closing: UInt8) -> UInt32? {
        var cursor = from
        var value: UInt32 = 0
        while let digit = byte(cursor).flatMap(Self.hexValue) {
            value = min(value * 16 + digit, 0x110000)
            cursor += 1
        }
        guard cursor > from, byte(cursor) == closing, value < 0x110000, !(0xD800...0xDFFF).contains(value) else { return nil }
        index = cursor + 1
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}

/// Where and why PCRE2 would reject a regex.
package struct RegexSyntaxFailure: Sendable, Equatable {
    package var offset: Int
    package var message: String
}
