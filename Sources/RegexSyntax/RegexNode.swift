/// One node of a parsed regex. Nodes live in one flat array in source order (a parent before its
/// children); `subtreeEnd` is the index past a node's last descendant, so a walk can step over a
/// whole subtree without recursion or per-node allocations.
///
/// Byte offsets (`start`, `end`, `contentStart`) are UTF-8 offsets into the regex, so analyses
/// that cut or rewrite the regex copy its text byte for byte.
package struct RegexNode: Sendable, Equatable {
    package enum Kind: UInt8, Sendable {
        /// A group of any kind (`groupKind`); its children are branches. The root is a group too.
        case group
        /// One alternative of a group; its children are the items in order.
        case branch
        /// One character written as itself (a whole UTF-8 sequence); `value` is its scalar.
        case literal
        /// A backslash sequence outside `\Q…\E`; `letter` is the byte after the backslash and
        /// `escapeRole` what it stands for.
        case escape
        /// `[...]`; `negated` flag for `[^...]`; children are its members.
        case characterClass
        /// `a-z` inside a class; its two children are the ends.
        case classRange
        /// `[:alpha:]` inside a class (`negated` for `[:^alpha:]`); the name is `contentStart..<end - 2`.
        case posixClass
        case dot
        /// `^`
        case startAnchor
        /// `$`
        case endAnchor
        /// `(?i)`, `(?-m)`, `(?^)`: changes options up to the end of the enclosing group; `value`
        /// holds the options (`RegexOptionChange`).
        case optionSetting
        /// `\Q…\E` (or `\Q…` to the end): literal text the analyses do not read.
        case quoted
        /// A `\E` with no `\Q` before it, which PCRE2 ignores.
        case quoteEnd
        /// `(*VERB)`, `(*VERB:arg)` and start-of-pattern options such as `(*UTF)`.
        case verb
        /// `(?#…)`, or `#…` to the end of the line in extended mode.
        case comment
        /// `(?C)`, `(?C1)`, `(?C"text")`.
        case callout
        /// `(?R)`, `(?1)`, `(?-1)`, `(?&name)`, `(?P>name)`: a call of a group.
        case recursion
        /// `(?P=name)`: a backreference by name in group syntax.
        case namedBackreference
        /// The condition of a conditional group `(?(1)…)`, `(?(<name>)…)`, `(?(R)…)`, `(?(DEFINE)…)`.
        case condition
    }

    package enum GroupKind: UInt8, Sendable {
        case root, capturing, named, nonCapturing, atomic
        case lookahead, negativeLookahead, lookbehind, negativeLookbehind
        /// `(?*…)`, `(?<*…)`: non-atomic positive lookaround.
        case nonAtomicLookaround
        /// `(?i:…)`: non-capturing with options; `value` holds the options (`RegexOptionChange`).
        case options
        /// `(?|…)`
        case branchReset
        /// `(?(condition)yes|no)`: the first child is the condition (a `condition` node or a lookaround group).
        case conditional
        /// `(*pla:…)`, `(*atomic:…)` and the other alphabetic assertion and group names.
        case alphabetic

        package var isLookaround: Bool {
            switch self {
            case .lookahead, .negativeLookahead, .lookbehind, .negativeLookbehind, .nonAtomicLookaround: return true
            default: return false
            }
        }
    }

    package enum EscapeRole: UInt8, Sendable {
        case none
        /// One character: `\t`, `\x41`, `\.`, `\101`; `value` is the scalar.
        case character
        /// A set of characters: `\d \w \s \h \v \D \W \S \H \V \N \R \X \C`.
        case characterType
        /// `\p{…}`, `\P{…}`, `\pL`.
        case property
        /// Zero-width: `\b \B \A \z \Z \G \K`.
        case assertion
        /// `\1`, `\g{1}`, `\g-1`, `\k<name>`.
        case backreference
        /// `\g<name>`, `\g'1'`: a call of a group.
        case subroutineCall
    }

    package struct Flags: OptionSet, Sendable, Equatable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Caseless matching is in force here.
        package static let caseless = Flags(rawValue: 1)
        /// Extended mode (`x`) is in force here: unescaped whitespace and `#` comments are ignored.
        package static let extended = Flags(rawValue: 2)
        /// `[^...]`, `[:^alpha:]`.
        package static let negated = Flags(rawValue: 4)
    }

    package var kind: Kind
    package var groupKind: GroupKind = .root
    package var escapeRole: EscapeRole = .none
    package var letter: UInt8 = 0
    package var flags: Flags = []
    /// Offset of the node's first byte.
    package var start: Int32
    /// Offset past the node's own syntax (past `)` for a group, past `]` for a class), before any quantifier.
    package var end: Int32
    /// Groups: offset past the opening syntax (`(`, `(?:`, `(?<name>`). Classes: past `[` or `[^`.
    package var contentStart: Int32
    /// Index past the last node of this node's subtree.
    package var subtreeEnd: Int32
    /// The scalar of a character (literal or escape), or the options of an option node.
    package var value: UInt32 = 0
    package var quantifier: RegexQuantifier?

    /// Offset past the node and its quantifier.
    package var endIncludingQuantifier: Int32 { quantifier?.end ?? end }
    package var isCaseless: Bool { flags.contains(.caseless) }
    package var isNegated: Bool { flags.contains(.negated) }
}

/// `? * + {n} {n,} {n,m}` with an optional lazy (`?`) or possessive (`+`) suffix.
package struct RegexQuantifier: Sendable, Equatable {
    package enum Mode: UInt8, Sendable { case greedy, lazy, possessive }
    package var minimum: Int32
    /// -1: no upper bound.
    package var maximum: Int32
    package var mode: Mode
    /// Written with braces.
    package var braced: Bool
    package var start: Int32
    package var end: Int32

    package var isUnbounded: Bool { maximum < 0 }
    package var isOptional: Bool { minimum == 0 }
}

/// The options an option setting or option group turns on and off, packed in `RegexNode.value`.
package struct RegexOptionChange: Sendable, Equatable {
    package static let caseless: UInt32 = 1 << 0
    package static let multiline: UInt32 = 1 << 1
    package static let noAutoCapture: UInt32 = 1 << 2
    package static let dotAll: UInt32 = 1 << 3
    package static let extended: UInt32 = 1 << 4
    package static let extendedMore: UInt32 = 1 << 5
    package static let ungreedy: UInt32 = 1 << 6
    package static let duplicateNames: UInt32 = 1 << 7
    /// `^`: unsets `imnsx` before applying the letters after it.
    package static let resetsFirst: UInt32 = 1 << 16

    package var enabled: UInt32
    package var disabled: UInt32
    package var resets: Bool

    package init(enabled: UInt32, disabled: UInt32, resets: Bool) {
        self.enabled = enabled
        self.disabled = disabled
        self.resets = resets
    }

    package init(packed: UInt32) {
        enabled = packed & 0xFF
        disabled = (packed >> 8) & 0xFF
        resets = packed & Self.resetsFirst != 0
    }

    package var packed: UInt32 { enabled | disabled << 8 | (resets ? Self.resetsFirst : 0) }

    /// Options switched off, `^` included (it unsets `imnsx`).
    package var turnedOff: UInt32 {
        let reset = resets ? (Self.caseless | Self.multiline | Self.noAutoCapture | Self.dotAll | Self.extended | Self.extendedMore) : 0
        return (disabled | reset) & ~enabled
    }
}
