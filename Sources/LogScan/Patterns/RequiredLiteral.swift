/// The longest run of literal bytes every match of a regex must contain, read conservatively from
/// its text: what a literal prefilter (Vectorscan's first stage, or memchr-style search) can use.
/// A pattern without one (`\b\w+(?:Error|Exception): ` has only `: `) makes every engine look at
/// nearly every position. Alternations count by their weakest branch.
public enum RequiredLiteral {
    /// Literal runs shorter than this give a prefilter little to skip with.
    public static let usefulLength = 3

    public static func longest(in regex: String) -> String {
        let bytes = Array(regex.utf8)
        var index = 0
        return String(decoding: sequence(bytes, &index, depth: 0), as: UTF8.self)
    }

    /// Longest required literal of alternatives at this level, up to `)` or the end.
    private static func sequence(_ bytes: [UInt8], _ index: inout Int, depth: Int) -> [UInt8] {
        var branches: [[UInt8]] = []
        var best: [UInt8] = []
        var run: [UInt8] = []
        func endRun() {
            if run.count > best.count { best = run }
            run = []
        }
        /// A literal byte, unless a quantifier makes it optional (then the run ends before it).
        func literal(_ byte: UInt8) {
            let quantifier = skipQuantifier(bytes, &index)
            if quantifier.optional {
                endRun()
            } else {
                run.append(byte)
                if quantifier.present { endRun() }
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "|"):
                endRun()
                branches.append(best)
                best = []
                index += 1
            case UInt8(ascii: ")"):
                endRun()
                branches.append(best)
                index += 1
                return branches.min { $0.count < $1.count } ?? []
            case UInt8(ascii: "("):
                endRun()
                index += 1
                switch groupKind(bytes, &index) {
                case .optionSetting:
                    continue
                case .lookaround:
                    _ = sequence(bytes, &index, depth: depth + 1)
                    _ = skipQuantifier(bytes, &index)
                case .consuming:
                    let inner = sequence(bytes, &index, depth: depth + 1)
                    if skipQuantifier(bytes, &index).optional { continue }
                    if inner.count > best.count { best = inner }
                }
            case UInt8(ascii: "["):
                endRun()
                skipClass(bytes, &index)
                _ = skipQuantifier(bytes, &index)
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { index += 1; endRun(); continue }
                let escaped = bytes[index + 1]
                index += 2
                let isLiteral = !(escaped.isASCIILetterOrDigit)
                if isLiteral {
                    literal(escaped)
                } else {
                    endRun()
                    if escaped == UInt8(ascii: "x") || escaped == UInt8(ascii: "p") || escaped == UInt8(ascii: "P") {
                        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                            while index < bytes.count, bytes[index] != UInt8(ascii: "}") { index += 1 }
                            index += 1
                        } else if escaped == UInt8(ascii: "x") {
                            index = min(bytes.count, index + 2)
                        } else {
                            index += 1
                        }
                    }
                    _ = skipQuantifier(bytes, &index)
                }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                endRun()
                index += 1
                _ = skipQuantifier(bytes, &index)
            default:
                index += 1
                literal(byte)
            }
        }
        endRun()
        branches.append(best)
        return branches.min { $0.count < $1.count } ?? []
    }

    private enum GroupKind { case consuming, lookaround, optionSetting }

    /// Reads what follows `(` up to the group's body: `(?:` `(?<name>` `(?P<name>` `(?'name'`
    /// `(?>` `(?|` `(?i:` consume; `(?=` `(?!` `(?<=` `(?<!` look around; `(?i)` and `(*VERB)` only
    /// set options (their `)` is consumed).
    private static func groupKind(_ bytes: [UInt8], _ index: inout Int) -> GroupKind {
        guard index < bytes.count else { return .consuming }
        if bytes[index] == UInt8(ascii: "*") {
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") { index += 1 }
            index += 1
            return .optionSetting
        }
        guard bytes[index] == UInt8(ascii: "?") else { return .consuming }
        index += 1
        guard index < bytes.count else { return .consuming }
        let first = bytes[index]
        let second = index + 1 < bytes.count ? bytes[index + 1] : 0
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "!"):
            index += 1
            return .lookaround
        case UInt8(ascii: "<") where second == UInt8(ascii: "=") || second == UInt8(ascii: "!"):
            index += 2
            return .lookaround
        case UInt8(ascii: "<"), UInt8(ascii: "P"), UInt8(ascii: "\'"):
            let close = first == UInt8(ascii: "\'") ? UInt8(ascii: "\'") : UInt8(ascii: ">")
            index += 1
            while index < bytes.count, bytes[index] != close { index += 1 }
            index += 1
            return .consuming
        case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            index += 1
            return .consuming
        default:
            // Option letters: `(?i)` sets them for the rest, `(?i:` opens a group with them.
            while index < bytes.count, bytes[index] != UInt8(ascii: ")"), bytes[index] != UInt8(ascii: ":") { index += 1 }
            let isGroup = index < bytes.count && bytes[index] == UInt8(ascii: ":")
            index += 1
            return isGroup ? .consuming : .optionSetting
        }
    }

    /// Skips `? * + {m,n}` (and a lazy/possessive suffix); says whether one was there and whether
    /// it allows zero repetitions.
    private static func skipQuantifier(_ bytes: [UInt8], _ index: inout Int) -> (present: Bool, optional: Bool) {
        guard index < bytes.count else { return (false, false) }
        var optional = false
        switch bytes[index] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"):
            optional = true
            index += 1
        case UInt8(ascii: "+"):
            index += 1
        case UInt8(ascii: "{"):
            var end = index + 1
            while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39 || bytes[end] == UInt8(ascii: ",") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "}"), end > index + 1 else { return (false, false) }
            optional = bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: ",")
            index = end + 1
        default:
            return (false, false)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        return (true, optional)
    }

    private static func skipClass(_ bytes: [UInt8], _ index: inout Int) {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            if bytes[index] == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") {
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "]") && bytes[index - 1] == UInt8(ascii: ":")) { index += 1 }
            }
            index += 1
        }
        index += 1
    }
}

private extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
}
