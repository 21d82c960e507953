/// Groups of every kind, and what else starts with `(`: verbs, comments, calls, callouts,
/// conditionals and option settings.
extension RegexParser {
    mutating func parseGroup(flags: inout RegexNode.Flags) -> Int? {
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

    mutating func leaf(_ kind: RegexNode.Kind, start: Int, contentStart: Int, flags: RegexNode.Flags) -> Int {
        append(RegexNode(kind: kind, flags: flags, start: Int32(start), end: Int32(index), contentStart: Int32(contentStart),
                         subtreeEnd: Int32(nodes.count + 1)))
    }

    /// A group name (a non-digit, then word characters) ending at `terminator`, read past it.
    mutating func readName(terminator: UInt8) -> Bool {
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

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }

    /// A group's branches and its `)`; `index` is past the opening syntax.
    mutating func parseGroupBody(start: Int, kind: RegexNode.GroupKind, flags: RegexNode.Flags, value: UInt32 = 0,
                                         innerFlags: RegexNode.Flags? = nil) -> Int? {
        let group = append(RegexNode(kind: .group, groupKind: kind, flags: flags, start: Int32(start), end: 0,
                                     contentStart: Int32(index), subtreeEnd: 0, value: value))
        var inner = innerFlags ?? flags
        return closeGroup(group, flags: &inner)
    }

    /// Reads the branches of the group node `group` and its `)`, and settles its extent.
    private mutating func closeGroup(_ group: Int, flags inner: inout RegexNode.Flags) -> Int? {
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
    mutating func parseConditional(start: Int, flags: RegexNode.Flags) -> Int? {
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
        return closeGroup(group, flags: &inner)
    }

    /// `(?C)`, `(?C12)`, or `(?C` with a delimited string (a doubled delimiter stands for itself).
    mutating func parseCallout(start: Int, flags: RegexNode.Flags) -> Int? {
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

    static let calloutDelimiters: [UInt8: UInt8] = [
        UInt8(ascii: "`"): UInt8(ascii: "`"), UInt8(ascii: "'"): UInt8(ascii: "'"), UInt8(ascii: "\""): UInt8(ascii: "\""),
        UInt8(ascii: "^"): UInt8(ascii: "^"), UInt8(ascii: "%"): UInt8(ascii: "%"), UInt8(ascii: "#"): UInt8(ascii: "#"),
        UInt8(ascii: "$"): UInt8(ascii: "$"), UInt8(ascii: "{"): UInt8(ascii: "}"),
    ]

    /// Option letters after `(?`, then `)` (a setting for the rest of the group) or `:` (a group).
    mutating func parseOptions(start: Int, flags: inout RegexNode.Flags) -> Int? {
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
    mutating func parseVerbOrAlphabeticGroup(start: Int, flags: RegexNode.Flags) -> Int? {
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
}
