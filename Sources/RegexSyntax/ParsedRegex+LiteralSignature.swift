/// A set of literals at least one of which every match of a regex contains: what Vectorscan can
/// look for instead of the whole regex when the whole regex is expensive for it (a `.*` or a
/// broad class repeated between its parts). Vectorscan then names lines holding a literal and
/// PCRE2 confirms them, which compiles in a fraction of the time and scans at literal speed.
package struct RegexLiteralSignature: Sendable, Equatable {
    /// Every match contains at least one of these byte strings: the most selective factor.
    package var literals: [[UInt8]]
    /// Some part of the regex matches caselessly: search the literals caselessly (a superset).
    package var caseless: Bool
    /// Every factor the regex requires, `literals` among them: a match holds one string of
    /// each. (`\bqueue\b.*\b(?:status|code)=503` requires 'queue', 'status' or 'code', and
    /// '=503'.) Requiring them all on a line is far more selective than any one alone.
    package var factors: [[[UInt8]]]

    package init(literals: [[UInt8]], caseless: Bool, factors: [[[UInt8]]]) {
        self.literals = literals
        self.caseless = caseless
        self.factors = factors
    }

    package var shortest: Int { literals.map(\.count).min() ?? 0 }

    /// A signature is worth using only when its literals are this long and this few: shorter
    /// ones are common words in logs, and confirming every line holding one costs more than
    /// Vectorscan's automaton for the full regex (measured on a generated 10,000-pattern set:
    /// 4 bytes scan at 24 MB/s, 8 at 52, the full regexes at 51).
    package static let minimumLength = 8
    package static let maximumLiterals = 16
}

extension ParsedRegex {
    /// The literal signature, or nil when there is none or the regex holds anything not fully
    /// understood here (`\Q…\E`, extended mode, comments, conditionals, recursion, verbs,
    /// `\x`/`\p` escapes, a literal `{`): a literal that is not really required would lose matches.
    package var literalSignature: RegexLiteralSignature? {
        guard isValid, !hasOpaqueSyntax else { return nil }
        var reader = LiteralReader(regex: self)
        let found = reader.alternatives(of: 0)
        guard reader.valid, let literals = found.required else { return nil }
        var factors: [[[UInt8]]] = []
        for factor in found.factors where !factor.contains(where: \.isEmpty) && !factors.contains(factor) {
            factors.append(factor)
        }
        if !factors.contains(literals) { factors.append(literals) }
        return RegexLiteralSignature(literals: literals, caseless: nodes.contains(where: \.isCaseless), factors: factors)
    }
}

/// Walks the parsed form collecting required literals.
private struct LiteralReader {
    let regex: ParsedRegex
    var valid = true

    init(regex: ParsedRegex) { self.regex = regex }

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

    /// The branches of group `group`.
    mutating func alternatives(of group: Int) -> Literals {
        var required: [[UInt8]]? = []
        var exact: [[UInt8]]? = []
        var branches = 0
        var firstBranchFactors: [[[UInt8]]] = []
        for branch in regex.children(of: group) {
            let found = sequence(branch)
            guard valid else { return Literals() }
            branches += 1
            if branches == 1 { firstBranchFactors = found.factors }
            if let literals = found.required, let union = required { required = union + literals } else { required = nil }
            if let literals = found.exact, let union = exact { exact = union + literals } else { exact = nil }
        }
        if let union = required, union.count > RegexLiteralSignature.maximumLiterals || union.contains(where: \.isEmpty) { required = nil }
        if let union = exact, union.count > RegexLiteralSignature.maximumLiterals { exact = nil }
        let factors = branches == 1 ? firstBranchFactors : required.map { [$0] } ?? []
        return Literals(required: required, exact: exact, factors: factors)
    }

    /// One branch: its best required factor, where a factor is a run of adjacent literals (a
    /// set of strings, once exact groups are joined in), or a group's required literals.
    mutating func sequence(_ branch: Int) -> Literals {
        var best: [[UInt8]]?
        var factors: [[[UInt8]]] = []
        var run: [[UInt8]] = [[]]
        var exact = true
        func consider(_ candidate: [[UInt8]]) {
            guard !candidate.isEmpty, candidate.count <= RegexLiteralSignature.maximumLiterals else { return }
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
            if literals.count == 1, run.count <= RegexLiteralSignature.maximumLiterals {
                // One more character, the common step: appended in place, not copied per run.
                for slot in run.indices { run[slot] += literals[0] }
            } else if run.count * literals.count <= RegexLiteralSignature.maximumLiterals {
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
        func literal(_ character: ArraySlice<UInt8>, _ node: RegexNode) {
            if node.isCaseless, character.count > 1 || character.first! >= 0x80 {
                breakRun()
            } else if node.quantifier?.isOptional == true {
                breakRun()
            } else {
                join([Array(character)])
                if node.quantifier != nil { breakRun() }
            }
        }
        for item in regex.children(of: branch) {
            let node = regex.nodes[item]
            switch node.kind {
            case .optionSetting:
                continue
            case .group:
                guard node.groupKind != .branchReset else { valid = false; return Literals() }
                let inner = alternatives(of: item)
                guard valid else { return Literals() }
                if node.groupKind.isLookaround { continue }  // zero-width: the literals around it stay adjacent
                if node.quantifier?.isOptional == true {
                    breakRun()
                } else if let literals = inner.exact, node.quantifier == nil {
                    join(literals)
                } else {
                    breakRun()
                    if let literals = inner.required { consider(literals) }
                    // A group's other factors are required too, unless it may repeat zero times
                    // (handled above) or its branches differ (then only their union is).
                    factors += inner.factors.filter { $0 != inner.required }
                }
            case .characterClass:
                if let members = smallClassMembers(item) {
                    // `[-_]`, `[=: ]`: a few punctuation or digit bytes, alternatives like a group's.
                    if node.quantifier?.isOptional == true {
                        breakRun()
                    } else {
                        join(members.map { [$0] })
                        if node.quantifier != nil { breakRun() }
                    }
                } else {
                    breakRun()
                }
            case .escape:
                let letter = node.letter
                if letter < 0x80, !ASCII.isAlphanumeric(letter) {
                    literal([letter], node)
                } else if letter == UInt8(ascii: "t") {
                    literal([0x09], node)
                } else if node.escapeRole == .assertion {
                    // Zero-width: nothing consumed, the literals around it stay adjacent.
                    if node.quantifier != nil { breakRun() }
                } else if Self.classEscapes.contains(letter), node.escapeRole == .characterType {
                    breakRun()
                } else {
                    valid = false  // \x \p \g \k \0 \c …: not read here
                    return Literals()
                }
            case .startAnchor, .endAnchor:
                if node.quantifier != nil { breakRun() }
            case .dot:
                breakRun()
            case .literal:
                // A literal brace is where PCRE2 versions disagree (`{,n}` is a repeat from 10.43 on).
                guard node.value != UInt32(UInt8(ascii: "{")) else { valid = false; return Literals() }
                literal(regex.bytes[Int(node.start)..<Int(node.end)], node)
            default:
                valid = false
                return Literals()
            }
        }
        consider(run)
        return Literals(required: best, exact: exact ? run : nil, factors: factors)
    }

    static let classEscapes: Set<UInt8> = Set("dwsDWShHvVRN".utf8)
    static let smallClassSize = 4

    /// The members of a class of at most `smallClassSize` ASCII digits and punctuation (letters
    /// fold under `(?i)`, ranges and class escapes are not read); nil for any other class.
    func smallClassMembers(_ index: Int) -> [UInt8]? {
        guard !regex.nodes[index].isNegated else { return nil }
        var members: [UInt8] = []
        for member in regex.children(of: index) {
            let node = regex.nodes[member]
            let byte: UInt8
            switch node.kind {
            case .literal where node.end - node.start == 1 && node.value != UInt32(UInt8(ascii: "[")):
                byte = UInt8(node.value)
            case .escape where node.letter < 0x80 && !ASCII.isAlphanumeric(node.letter):
                byte = node.letter
            default:
                return nil
            }
            guard byte >= 0x20, byte < 0x7F, !ASCII.isLetter(byte) else { return nil }
            if !members.contains(byte) { members.append(byte) }
            guard members.count <= Self.smallClassSize else { return nil }
        }
        return members.isEmpty ? nil : members
    }
}
