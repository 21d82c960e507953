/// A set of literals at least one of which every match of a regex contains: what Vectorscan can
/// look for instead of the whole regex when the whole regex is expensive for it (a `.*` or a
/// broad class repeated between its parts). Vectorscan then names lines holding a literal and
/// PCRE2 confirms them, which compiles in a fraction of the time and scans at literal speed.
///
/// The reading is conservative: anything it does not fully understand (`\Q…\E`, extended mode,
/// comments, conditionals, recursion, verbs, `\x`/`\p` escapes, a stray `{`) gives no signature,
/// because a literal that is not really required would lose matches.
package enum LiteralSignature {
    package struct Signature: Equatable {
        /// Every match contains at least one of these byte strings: the most selective factor.
        package var literals: [[UInt8]]
        /// Some part of the regex matches caselessly: search the literals caselessly (a superset).
        package var caseless: Bool
        /// Every factor the regex requires, `literals` among them: a match holds one string of
        /// each. (`\bqueue\b.*\b(?:status|code)=503` requires 'queue', 'status' or 'code', and
        /// '=503'.) Requiring them all on a line is far more selective than any one alone.
        package var factors: [[[UInt8]]] = []

        package var shortest: Int { literals.map(\.count).min() ?? 0 }
    }

    /// A signature is worth using only when its literals are this long and this few: shorter
    /// ones are common words in logs, and confirming every line holding one costs more than
    /// Vectorscan's automaton for the full regex (measured on a generated 10,000-pattern set:
    /// 4 bytes scan at 24 MB/s, 8 at 52, the full regexes at 51).
    static let minimumLength = 8
    static let maximumLiterals = 16

    package static func extract(_ regex: String) -> Signature? {
        var parser = Parser(bytes: Array(regex.utf8))
        let found = parser.alternatives()
        guard let literals = found.required, parser.index == parser.bytes.count, parser.valid else { return nil }
        var factors: [[[UInt8]]] = []
        for factor in found.factors where !factor.contains(where: \.isEmpty) && !factors.contains(factor) {
            factors.append(factor)
        }
        if !factors.contains(literals) { factors.append(literals) }
        return Signature(literals: literals, caseless: parser.caseless, factors: factors)
    }

    /// True when the regex repeats `.` or a broad class (`\w \S \D \W [...]`) without bound and
    /// something follows: the shape that makes Vectorscan's automata large and slow.
    static func isExpensiveForVectorscan(_ regex: String) -> Bool {
        let bytes = Array(regex.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var atomEnd = -1
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if [UInt8(ascii: "w"), UInt8(ascii: "S"), UInt8(ascii: "D"), UInt8(ascii: "W"), UInt8(ascii: "N")].contains(bytes[index + 1]) {
                    atomEnd = index + 2
                } else {
                    index += 2
                    continue
                }
            } else if byte == UInt8(ascii: ".") {
                atomEnd = index + 1
            } else if byte == UInt8(ascii: "[") {
                var end = index + 1
                if end < bytes.count, bytes[end] == UInt8(ascii: "^") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "]") { end += 1 }
                while end < bytes.count, bytes[end] != UInt8(ascii: "]") {
                    if bytes[end] == UInt8(ascii: "\\") { end += 1 }
                    end += 1
                }
                atomEnd = end + 1
            }
            if atomEnd > 0, atomEnd < bytes.count, bytes[atomEnd] == UInt8(ascii: "*") || bytes[atomEnd] == UInt8(ascii: "+") {
                var after = atomEnd + 1
                if after < bytes.count, bytes[after] == UInt8(ascii: "?") || bytes[after] == UInt8(ascii: "+") { after += 1 }
                // Something that must match after the repeat (not just the end of the pattern or a group).
                let rest = bytes[after...].filter { $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: "$") }
                if !rest.isEmpty && !(rest.count == 2 && rest.first == UInt8(ascii: "\\") && rest.last == UInt8(ascii: "b")) { return true }
            }
            index = max(index + 1, atomEnd > 0 ? atomEnd : index + 1)
        }
        return false
    }

    /// The index past the `]` closing the class opened at `start`; nil when unterminated.
    static func classEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "["), index + 1 < bytes.count, Set(":.=".utf8).contains(bytes[index + 1]) {
                let terminator = bytes[index + 1]
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == terminator && bytes[index + 1] == UInt8(ascii: "]")) { index += 1 }
                index += 2
                continue
            }
            index += 1
        }
        return index < bytes.count ? index + 1 : nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var valid = true
        var caseless = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// What a branch or group yields: `required`, literals one of which every match holds
        /// (nil: none known); `exact`, when it matches nothing but these strings (so it can be
        /// joined with the literals around it: `(?:cache|proxy) crash` needs "cache crash" or
        /// "proxy crash", far rarer than "cache").
        struct Literals {
            var required: [[UInt8]]?
            var exact: [[UInt8]]?
            /// Every required factor: a single branch's own; for several, their union of literals.
            var factors: [[[UInt8]]] = []
        }

        mutating func alternatives() -> Literals {
            var required: [[UInt8]]? = []
            var exact: [[UInt8]]? = []
            var branches = 0
            var firstBranchFactors: [[[UInt8]]] = []
            while true {
                let branch = sequence()
                guard valid else { return Literals() }
                branches += 1
                if branches == 1 { firstBranchFactors = branch.factors }
                if let literals = branch.required, let union = required { required = union + literals } else { required = nil }
                if let literals = branch.exact, let union = exact { exact = union + literals } else { exact = nil }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "|") else { break }
                index += 1
            }
            if let union = required, union.count > LiteralSignature.maximumLiterals || union.contains(where: \.isEmpty) { required = nil }
            if let union = exact, union.count > LiteralSignature.maximumLiterals { exact = nil }
            let factors = branches == 1 ? firstBranchFactors : required.map { [$0] } ?? []
            return Literals(required: required, exact: exact, factors: factors)
        }

        /// One branch: its best required factor, where a factor is a run of adjacent literals (a
        /// set of strings, once exact groups are joined in), or a group's required literals.
        mutating func sequence() -> Literals {
            var best: [[UInt8]]?
            var factors: [[[UInt8]]] = []
            var run: [[UInt8]] = [[]]
            var exact = true
            func consider(_ candidate: [[UInt8]]) {
                guard !candidate.isEmpty, candidate.count <= LiteralSignature.maximumLiterals else { return }
                if !candidate.contains(where: \.isEmpty) { factors.append(candidate) }
                let score = candidate.map(\.count).min() ?? 0
                let bestScore = best?.map(\.count).min() ?? 0
                if score > bestScore || (score == bestScore && score > 0 && candidate.count < best!.count) { best = candidate }
            }
            func endRun() {
                consider(run)
                run = [[]]
            }
            func breakRun() {
                endRun()
                exact = false
            }
            func join(_ literals: [[UInt8]]) {
                if literals.count == 1, run.count <= LiteralSignature.maximumLiterals {
                    // One more character, the common step: appended in place, not copied per run.
                    for slot in run.indices { run[slot] += literals[0] }
                } else if run.count * literals.count <= LiteralSignature.maximumLiterals {
                    run = run.flatMap { head in literals.map { head + $0 } }
                } else {
                    breakRun()
                    run = literals
                }
            }
            /// Appends a literal (one character's bytes) unless a quantifier makes it optional; a
            /// repeat keeps it but ends the run. Caselessly, non-ASCII characters end the run: how
            /// they fold is where engines differ. (ASCII letters that fold with non-ASCII ones, `k`
            /// with U+212A and `s` with U+017F, fold the same in Vectorscan's UTF-8 mode: tested.)
            func literal(_ character: [UInt8]) {
                let quantifier = readQuantifier()
                if caseless, character.count > 1 || character[0] >= 0x80 {
                    breakRun()
                } else if quantifier.optional {
                    breakRun()
                } else {
                    join([character])
                    if quantifier.present { breakRun() }
                }
            }
            while valid, index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "|"), UInt8(ascii: ")"):
                    consider(run)
                    return Literals(required: best, exact: exact ? run : nil, factors: factors)
                case UInt8(ascii: "("):
                    index += 1
                    guard let kind = groupKind() else { valid = false; return Literals() }
                    if kind == .options { continue }
                    let inner = alternatives()
                    guard valid, index < bytes.count, bytes[index] == UInt8(ascii: ")") else { valid = false; return Literals() }
                    index += 1
                    let quantifier = readQuantifier()
                    guard valid else { return Literals() }
                    if kind == .lookaround { continue }  // zero-width: the literals around it stay adjacent
                    if quantifier.optional {
                        breakRun()
                    } else if let literals = inner.exact, !quantifier.present {
                        join(literals)
                    } else {
                        breakRun()
                        if let literals = inner.required { consider(literals) }
                        // A group's other factors are required too, unless it may repeat zero times
                        // (handled above) or its branches differ (then only their union is).
                        factors += inner.factors.filter { $0 != inner.required }
                    }
                case UInt8(ascii: "["):
                    if let members = smallClass() {
                        // `[-_]`, `[=: ]`: a few punctuation or digit bytes, alternatives like a group's.
                        let quantifier = readQuantifier()
                        if quantifier.optional {
                            breakRun()
                        } else {
                            join(members.map { [$0] })
                            if quantifier.present { breakRun() }
                        }
                    } else {
                        breakRun()
                        skipClass()
                        _ = readQuantifier()
                    }
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { valid = false; return Literals() }
                    let escaped = bytes[index + 1]
                    index += 2
                    if escaped < 0x80, !escaped.isASCIIAlphanumeric {
                        literal([escaped])
                    } else if escaped == UInt8(ascii: "t") {
                        literal([0x09])
                    } else if Self.assertions.contains(escaped) {
                        // Zero-width: nothing consumed, the literals around it stay adjacent.
                        if readQuantifier().present { breakRun() }
                    } else if Self.classEscapes.contains(escaped) {
                        breakRun()
                        _ = readQuantifier()
                    } else {
                        valid = false  // \x \p \Q \g \k \0 \c …: not read here
                        return Literals()
                    }
                case UInt8(ascii: "^"), UInt8(ascii: "$"):
                    index += 1
                    if readQuantifier().present { breakRun() }
                case UInt8(ascii: "."):
                    breakRun()
                    index += 1
                    _ = readQuantifier()
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                    valid = false  // a quantifier with nothing before it, or a literal brace
                    return Literals()
                default:
                    // One character: a UTF-8 lead byte and its continuation bytes.
                    var character = [byte]
                    index += 1
                    while byte >= 0xC0, index < bytes.count, bytes[index] & 0xC0 == 0x80 {
                        character.append(bytes[index])
                        index += 1
                    }
                    literal(character)
                }
            }
            consider(run)
            return Literals(required: best, exact: exact ? run : nil, factors: factors)
        }

        static let assertions: Set<UInt8> = Set("bBAzZGK".utf8)
        static let classEscapes: Set<UInt8> = Set("dwsDWShHvVRN".utf8)

        enum GroupKind { case consuming, lookaround, options }

        /// After `(`: what kind of group this is; nil for constructs not read here.
        mutating func groupKind() -> GroupKind? {
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "*") { return nil }  // verbs
            guard bytes[index] == UInt8(ascii: "?") else { return .consuming }
            index += 1
            guard index < bytes.count else { return nil }
            let first = bytes[index]
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch first {
            case UInt8(ascii: ":"), UInt8(ascii: ">"):
                index += 1
                return .consuming
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                index += 1
                return .lookaround
            case UInt8(ascii: "<") where second == UInt8(ascii: "=") || second == UInt8(ascii: "!"):
                index += 2
                return .lookaround
            case UInt8(ascii: "<"), UInt8(ascii: "'"):
                let close = first == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                index += 1
                while index < bytes.count, bytes[index] != close {
                    guard bytes[index].isASCIIAlphanumeric || bytes[index] == UInt8(ascii: "_") else { return nil }
                    index += 1
                }
                index += 1
                return .consuming
            case UInt8(ascii: "P") where second == UInt8(ascii: "<"):
                index += 1
                return groupKind(afterQuestionMarkAt: index)
            default:
                // Option letters: `(?i)` for the rest of the group, `(?i:…)` a group with them.
                var options: [UInt8] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: ")"), bytes[index] != UInt8(ascii: ":") {
                    options.append(bytes[index])
                    index += 1
                }
                guard index < bytes.count, !options.isEmpty,
                      options.allSatisfy({ Set("imnsUJ-^".utf8).contains($0) }) else { return nil }
                if options.contains(UInt8(ascii: "i")) { caseless = true }
                if bytes[index] == UInt8(ascii: ")") {
                    index += 1
                    return .options
                }
                index += 1
                return .consuming
            }
        }

        private mutating func groupKind(afterQuestionMarkAt position: Int) -> GroupKind? {
            index = position + 1
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                guard bytes[index].isASCIIAlphanumeric || bytes[index] == UInt8(ascii: "_") else { return nil }
                index += 1
            }
            index += 1
            return .consuming
        }

        /// Reads `? * + {m} {m,} {m,n}` and a lazy/possessive suffix.
        mutating func readQuantifier() -> (present: Bool, optional: Bool) {
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
                var digits: [UInt8] = []
                while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39 || bytes[end] == UInt8(ascii: ",") {
                    digits.append(bytes[end])
                    end += 1
                }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "}"), let first = digits.first, first != UInt8(ascii: ",") else {
                    valid = false
                    return (false, false)
                }
                let minimum = Int(String(decoding: digits.prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)) ?? 0
                optional = minimum == 0
                index = end + 1
            default:
                return (false, false)
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            return (true, optional)
        }

        /// At `[`: the members of a class of at most `smallClassSize` ASCII digits and punctuation
        /// (letters fold under `(?i)`, ranges and class escapes are not read), with `index` past
        /// its `]`; nil, with `index` unchanged, for any other class.
        mutating func smallClass() -> [UInt8]? {
            var position = index + 1
            var members: [UInt8] = []
            while position < bytes.count, bytes[position] != UInt8(ascii: "]") || members.isEmpty && position == index + 1 {
                var byte = bytes[position]
                if byte == UInt8(ascii: "\\") {
                    guard position + 1 < bytes.count, bytes[position + 1] < 0x80, !bytes[position + 1].isASCIIAlphanumeric else { return nil }
                    position += 1
                    byte = bytes[position]
                } else if byte == UInt8(ascii: "^") && position == index + 1 || byte == UInt8(ascii: "[") {
                    return nil  // negated, or a POSIX class
                } else if byte == UInt8(ascii: "-") && position != index + 1 && bytes.indices.contains(position + 1)
                            && bytes[position + 1] != UInt8(ascii: "]") {
                    return nil  // a range
                }
                guard byte >= 0x20, byte < 0x7F, !byte.isASCIILetter else { return nil }
                if !members.contains(byte) { members.append(byte) }
                guard members.count <= Self.smallClassSize else { return nil }
                position += 1
            }
            guard position < bytes.count, !members.isEmpty else { return nil }
            index = position + 1
            return members
        }

        static let smallClassSize = 4

        mutating func skipClass() {
            guard let end = LiteralSignature.classEnd(bytes, from: index) else { valid = false; return }
            index = end
        }
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
}
