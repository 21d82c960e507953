/// Character classes: members, ranges and POSIX classes, as PCRE2 10.42 reads them.
extension RegexParser {
    mutating func parseClass(flags: RegexNode.Flags) -> Int? {
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
    mutating func parseClassMember(flags: RegexNode.Flags) -> Int? {
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

    static let posixNames: [[UInt8]] = [
        "alpha", "lower", "upper", "alnum", "ascii", "blank", "cntrl", "digit", "graph", "print", "punct", "space", "word", "xdigit",
    ].map { Array($0.utf8) }

    /// PCRE2's test for `[:name:]` syntax: at `terminatorAt` (the `:` `.` or `=` after `[`), the
    /// offset of the closing terminator when one is followed by `]` before any `]` or `[` plus terminator.
    func posixEnd(from terminatorAt: Int) -> Int? {
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
}
