/// Backslash sequences, in and out of classes, with the character they stand for when they stand for one.
extension RegexParser {
    mutating func parseEscape(flags: RegexNode.Flags, inClass: Bool) -> Int? {
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

    static let singleLetterCategories: Set<UInt8> = Set("CLMNPSZ".utf8)

    /// After `\g<` or `\g'`: a group name, or a group number with an optional sign.
    mutating func readReference(terminator: UInt8) -> Bool {
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
    mutating func readNumericEscape(letter: UInt8, inClass: Bool, role: inout RegexNode.EscapeRole, value: inout UInt32) {
        let digitsStart = index - 1
        if letter == UInt8(ascii: "0") {
            value = readOctal(upTo: 2)
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
        value = readOctal(upTo: 3)
    }

    /// Up to `count` octal digits at `index`, consumed.
    private mutating func readOctal(upTo count: Int) -> UInt32 {
        var value: UInt32 = 0
        var read = 0
        while read < count, let digit = byte(index), digit >= 0x30, digit <= 0x37 {
            value = value * 8 + UInt32(digit - 0x30)
            index += 1
            read += 1
        }
        return value
    }

    /// Hex digits from `from` up to `closing`, leaving `index` past it; nil when malformed.
    mutating func readHex(from: Int, closing: UInt8) -> UInt32? {
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

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}
