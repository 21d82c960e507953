extension ParsedRegex {
    /// More unbounded quantifiers than this could let PCRE2 hit its match limit on a short line.
    package static let exactUnboundedQuantifiers = 2

    /// Why a report from Vectorscan's exact compile of the regex may not be a PCRE2 match of that
    /// very line (nil when it is): a construct that can match a newline (a match could span
    /// lines), a backreference, or nested or many unbounded quantifiers (PCRE2 might give up
    /// where Vectorscan does not). Deliberately over-cautious: a false alarm only costs speed.
    package var confirmationReason: String? {
        guard isValid else { return "PCRE2 rejects it: \(failure!.message)" }
        var walk = ConfirmationWalk(regex: self)
        _ = walk.holdsQuantifier(0)
        if let why = walk.reason { return why }
        if walk.unbounded > Self.exactUnboundedQuantifiers {
            return "\(walk.unbounded) unbounded quantifiers (PCRE2 could hit its match limit)"
        }
        return nil
    }
}

/// Visits the nodes in source order, stopping at the first reason.
private struct ConfirmationWalk {
    let regex: ParsedRegex
    var reason: String?
    var unbounded = 0

    init(regex: ParsedRegex) { self.regex = regex }

    /// Whether node `index` holds or is a quantified item, after checking what it holds.
    mutating func holdsQuantifier(_ index: Int) -> Bool {
        let node = regex.nodes[index]
        var holds = false
        switch node.kind {
        case .group:
            if node.groupKind == .options, let why = optionReason(node) { reason = why; return false }
            // A group written `(?…` counts as holding a quantifier, as the textual reading this
            // replaces counted the `?` after `(`: which `(?:…)+` groups become exact is the
            // integrator's call, not a side effect of the parser change.
            holds = node.groupKind != .root && node.groupKind != .capturing
            for child in regex.children(of: index) {
                if holdsQuantifier(child) { holds = true }
                if reason != nil { return false }
            }
            guard let quantifier = node.quantifier else { return holds }
            if holds, quantifier.isUnbounded { reason = "a repeated group holds a quantifier (nested repetition)"; return false }
            if quantifier.isUnbounded { unbounded += 1 }
            return true
        case .branch:
            for child in regex.children(of: index) {
                if holdsQuantifier(child) { holds = true }
                if reason != nil { return false }
            }
            return holds
        case .optionSetting:
            if let why = optionReason(node) { reason = why; return false }
            return true
        case .recursion, .namedBackreference, .callout, .comment, .condition:
            if node.kind == .namedBackreference { reason = "backreference"; return false }
            holds = true
        case .escape:
            if let why = escapeReason(node) { reason = why; return false }
        case .characterClass:
            if node.isNegated { reason = "a negated class can match a newline"; return false }
            if let why = classReason(index) { reason = why; return false }
        case .literal:
            if node.value == 0x0A { reason = "a newline written as itself"; return false }
        default:
            break
        }
        guard let quantifier = node.quantifier else { return holds }
        if quantifier.isUnbounded { unbounded += 1 }
        return true
    }

    /// `(?s)` lets `.` match a newline; `(?x)` changes what whitespace means.
    func optionReason(_ node: RegexNode) -> String? {
        var cursor = Int(node.start) + 2
        let bytes = regex.bytes
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ")"), bytes[cursor] != UInt8(ascii: ":"), bytes[cursor] != UInt8(ascii: "-") {
            if bytes[cursor] == UInt8(ascii: "s") { return "(?s) lets . match a newline" }
            if bytes[cursor] == UInt8(ascii: "x") { return "(?x) extended syntax" }
            cursor += 1
        }
        return nil
    }

    /// Escapes that can match a newline, or need PCRE2 (backreferences).
    func escapeReason(_ node: RegexNode) -> String? {
        let letter = node.letter
        switch letter {
        case UInt8(ascii: "s"), UInt8(ascii: "v"), UInt8(ascii: "R"), UInt8(ascii: "W"), UInt8(ascii: "D"),
             UInt8(ascii: "H"), UInt8(ascii: "X"), UInt8(ascii: "C"), UInt8(ascii: "p"), UInt8(ascii: "P"),
             UInt8(ascii: "n"), UInt8(ascii: "c"), UInt8(ascii: "o"), UInt8(ascii: "0"):
            return "\\\(Character(UnicodeScalar(letter))) can match a newline"
        case UInt8(ascii: "x"):
            return node.value == 0x0A ? "\\x0a is a newline" : nil
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "g"), UInt8(ascii: "k"):
            return "backreference"
        default:
            return node.escapeRole == .character && node.value == 0x0A ? "\(regex.text(node.start, node.end)) is a newline" : nil
        }
    }

    /// Members of a class that can match a newline.
    func classReason(_ index: Int) -> String? {
        for member in regex.children(of: index) {
            let node = regex.nodes[member]
            switch node.kind {
            case .escape:
                if let why = escapeReason(node) { return why }
            case .literal:
                if node.value == 0x0A { return "a newline written as itself" }
            case .classRange:
                let low = regex.nodes[member + 1]
                let high = regex.nodes[member + 2]
                if let why = escapeReason(low) ?? escapeReason(high) { return why }
                if low.value <= 0x0A, high.value >= 0x0A { return "class range \(regex.text(node.start, node.end)) holds a newline" }
            case .posixClass:
                let name = regex.text(node.contentStart, node.end - 2)
                if node.isNegated || !Self.newlineFreePOSIXClasses.contains(name) {
                    return "POSIX class [:\(node.isNegated ? "^" : "")\(name):] can match a newline"
                }
            default:
                break
            }
        }
        return nil
    }

    static let newlineFreePOSIXClasses: Set<String> = ["alpha", "digit", "alnum", "upper", "lower", "punct", "xdigit", "word", "blank", "graph", "print"]
}
