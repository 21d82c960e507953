import RegexSyntax
import Testing

/// The reader's parsed form: one node per construct, with its byte range, as PCRE2 10.42 reads
/// the regex with logscan's options. Malformed input gives a failure, never a trap.
@Suite struct ParserTests {
    /// The kinds of the root's items (first branch), in order.
    static func itemKinds(_ regex: String) -> [RegexNode.Kind] {
        let parsed = ParsedRegex(regex)
        return parsed.children(of: 1).map { parsed.nodes[$0].kind }
    }

    static func firstItem(_ regex: String) -> (ParsedRegex, RegexNode) {
        let parsed = ParsedRegex(regex)
        return (parsed, parsed.nodes[2])
    }

    @Test func literalsAreWholeUTF8Characters() {
        let parsed = ParsedRegex("aé日")
        #expect(parsed.isValid)
        let items = parsed.children(of: 1).map { parsed.nodes[$0] }
        #expect(items.map(\.kind) == [.literal, .literal, .literal])
        #expect(items.map(\.value) == [0x61, 0xE9, 0x65E5])
        #expect(items.map { $0.end - $0.start } == [1, 2, 3])
    }

    @Test func alternationMakesBranches() {
        let parsed = ParsedRegex("ab|c|")
        #expect(Array(parsed.children(of: 0)).count == 3)
        #expect(parsed.nodes[0].kind == .group && parsed.nodes[0].groupKind == .root)
    }

    @Test(arguments: [
        ("\\t", RegexNode.EscapeRole.character, UInt32(9)), ("\\x41", .character, 0x41), ("\\x{2014}", .character, 0x2014),
        ("\\x", .character, 0), ("\\.", .character, 0x2E), ("\\é", .character, 0xE9), ("\\012", .character, 10),
        ("\\o{101}", .character, 0x41), ("\\cJ", .character, 10), ("\\N{U+41}", .character, 0x41), ("\\e", .character, 0x1B),
        ("\\d", .characterType, UInt32(UInt8(ascii: "d"))), ("\\N", .characterType, UInt32(UInt8(ascii: "N"))),
        ("\\R", .characterType, UInt32(UInt8(ascii: "R"))), ("\\p{L}", .property, UInt32(UInt8(ascii: "p"))),
        ("\\pL", .property, UInt32(UInt8(ascii: "p"))), ("\\b", .assertion, UInt32(UInt8(ascii: "b"))),
        ("\\K", .assertion, UInt32(UInt8(ascii: "K"))), ("(a)\\1", .backreference, 1), ("(a)\\g{1}", .backreference, UInt32(UInt8(ascii: "g"))),
        ("(?<n>a)\\k<n>", .backreference, UInt32(UInt8(ascii: "k"))), ("(?<n>a)\\g<n>", .subroutineCall, UInt32(UInt8(ascii: "g"))),
    ])
    func escapes(_ regex: String, _ role: RegexNode.EscapeRole, _ value: UInt32) throws {
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid, "\(regex)")
        let escape = try #require(parsed.nodes.last { $0.kind == .escape })
        #expect(escape.escapeRole == role, "\(regex)")
        #expect(escape.value == value, "\(regex)")
        #expect(Int(escape.end) == parsed.bytes.count, "\(regex): the escape's range covers its argument")
    }

    @Test(arguments: [
        ("(a)", RegexNode.GroupKind.capturing, "("), ("(?<n>a)", .named, "(?<n>"), ("(?'n'a)", .named, "(?'n'"), ("(?P<n>a)", .named, "(?P<n>"),
        ("(?:a)", .nonCapturing, "(?:"), ("(?>a)", .atomic, "(?>"), ("(?=a)", .lookahead, "(?="), ("(?!a)", .negativeLookahead, "(?!"),
        ("(?<=a)", .lookbehind, "(?<="), ("(?<!a)", .negativeLookbehind, "(?<!"), ("(?*a)", .nonAtomicLookaround, "(?*"),
        ("(?i:a)", .options, "(?i:"), ("(?|a|b)", .branchReset, "(?|"), ("(*pla:a)", .alphabetic, "(*pla:"),
        ("(?(?=a)a|b)", .conditional, "(?(?=a)"), ("(a)(?(1)a|b)", .conditional, "(?(1)"),
    ])
    func groups(_ regex: String, _ kind: RegexNode.GroupKind, _ opening: String) throws {
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid, "\(regex)")
        let group = try #require(parsed.nodes.last { $0.kind == .group && $0.groupKind == kind })
        #expect(parsed.text(group.start, group.contentStart) == opening, "\(regex)")
        #expect(Int(group.end) == parsed.bytes.count && parsed.bytes[Int(group.end) - 1] == UInt8(ascii: ")"))
    }

    @Test(arguments: [
        ("a?", Int32(0), Int32(1), RegexQuantifier.Mode.greedy), ("a*", 0, -1, .greedy), ("a+", 1, -1, .greedy),
        ("a*?", 0, -1, .lazy), ("a++", 1, -1, .possessive), ("a{3}", 3, 3, .greedy), ("a{3,}", 3, -1, .greedy),
        ("a{3,5}?", 3, 5, .lazy), ("a{0,1}+", 0, 1, .possessive), ("(?:ab){2}", 2, 2, .greedy), ("[ab]+", 1, -1, .greedy),
        ("a(?#c)*", 0, -1, .greedy), ("a?\\Q\\E?", 0, 1, .lazy),
    ])
    func quantifiers(_ regex: String, _ minimum: Int32, _ maximum: Int32, _ mode: RegexQuantifier.Mode) throws {
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid, "\(regex)")
        let quantifier = try #require(parsed.nodes[2].quantifier, "\(regex)")
        #expect(quantifier.minimum == minimum && quantifier.maximum == maximum && quantifier.mode == mode, "\(regex)")
    }

    /// PCRE2 10.42 reads a brace that does not start `{n}`, `{n,}` or `{n,m}` as a literal:
    /// `{,n}` (a repeat from 10.43 on), spaces, letters, a second comma.
    @Test(arguments: ["x{,3}", "x{ 3}", "x{3, 5}", "x{a}", "x{1,2,3}", "x{", "{", "x{}"])
    func literalBraces(_ regex: String) {
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid, "\(regex)")
        #expect(parsed.nodes.allSatisfy { $0.quantifier == nil }, "\(regex)")
        #expect(parsed.nodes.contains { $0.kind == .literal && $0.value == UInt32(UInt8(ascii: "{")) })
    }

    @Test func classes() throws {
        let parsed = ParsedRegex(#"[^]a-z\d[:alpha:][:^digit:]\]-]"#)
        #expect(parsed.isValid)
        let members = parsed.children(of: 2).map { parsed.nodes[$0] }
        #expect(parsed.nodes[2].isNegated)
        #expect(members.map(\.kind) == [.literal, .classRange, .escape, .posixClass, .posixClass, .escape, .literal])
        #expect(members[3].isNegated == false && members[4].isNegated)
        #expect(parsed.text(members[1].start, members[1].end) == "a-z")
        #expect(ParsedRegex("[]]").isValid && ParsedRegex("[^]]").isValid, "] first is a member")
        #expect(ParsedRegex(#"[\b]"#).nodes[3].value == 8, "\\b in a class is a backspace")
        #expect(ParsedRegex("[a[b]").nodes.filter { $0.kind == .literal }.count == 3, "a [ not starting a POSIX class is a member")
    }

    @Test func optionsAreTrackedPerGroup() {
        let parsed = ParsedRegex("a(?i)b(c(?-i)d)e(?i:f)g|h")
        func caseless(_ letter: Character) -> Bool {
            parsed.nodes.first { $0.kind == .literal && $0.value == letter.unicodeScalars.first!.value }!.isCaseless
        }
        #expect(!caseless("a") && caseless("b") && caseless("c") && !caseless("d") && caseless("e") && caseless("f") && caseless("g"))
        #expect(caseless("h"), "a setting carries on into later branches of its group")
        let extended = ParsedRegex("(?x) a b # comment\n c")
        #expect(extended.isValid && extended.hasOpaqueSyntax)
        #expect(extended.nodes.filter { $0.kind == .literal }.count == 3, "spaces and comments are not literals in extended mode")
    }

    @Test func optionChanges() throws {
        for (regex, on, off) in [("(?i)", RegexOptionChange.caseless, UInt32(0)), ("(?-m)", 0, RegexOptionChange.multiline),
                                 ("(?s-i)", RegexOptionChange.dotAll, RegexOptionChange.caseless)] {
            let node = ParsedRegex(regex).nodes[2]
            #expect(node.kind == .optionSetting)
            let change = RegexOptionChange(packed: node.value)
            #expect(change.enabled == on && change.disabled == off, "\(regex)")
        }
        let reset = RegexOptionChange(packed: ParsedRegex("(?^m)").nodes[2].value)
        #expect(reset.resets && reset.turnedOff & RegexOptionChange.multiline == 0 && reset.turnedOff & RegexOptionChange.caseless != 0)
    }

    @Test(arguments: [
        ("\\Qa.b\\E", RegexNode.Kind.quoted), ("\\Qa.b", .quoted), ("a\\E", .quoteEnd), ("(*UTF)a", .verb), ("a(*FAIL)", .verb),
        ("a(?#x)", .comment), ("(a)(?1)", .recursion), ("(?R)", .recursion), ("(?<n>a)(?&n)", .recursion), ("(?<n>a)(?P>n)", .recursion),
        ("(?<n>a)(?P=n)", .namedBackreference), ("(?C)a", .callout), ("(?C\"x)\")a", .callout), ("(a)(?(1)a|b)", .condition),
    ])
    func opaqueConstructs(_ regex: String, _ kind: RegexNode.Kind) {
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid, "\(regex): \(String(describing: parsed.failure))")
        #expect(parsed.nodes.contains { $0.kind == kind }, "\(regex)")
        #expect(parsed.hasOpaqueSyntax, "\(regex)")
    }

    @Test(arguments: [
        "(", ")", "a)", "(?", "[a", "[[:alpha:]", "*a", "a**", "a{2}{3}", "^*", "\\b+", "a|*", "(?i)*", "\\", "\\c", "\\x{zz}",
        "\\o", "\\k", "\\g", "\\i", "\\L", "(?<n", "(?<1a>x)", "(?P", "(?Q)", "(?Rm)", "[z-a]", "[\\d-z]", "[[:foo:]]", "[[.a.]]",
        "[:alpha:]", "a{3,2}", "a{65536}", "\\pX", "\\p{L", "(?#x", "(*UTF", "(?C\"x)", "[\\B]", "(?(1", String(repeating: "(", count: 300),
    ])
    func rejectsWhatPCRE2Rejects(_ regex: String) {
        let parsed = ParsedRegex(regex)
        #expect(!parsed.isValid, "\(regex)")
        #expect(parsed.failure!.offset <= parsed.bytes.count)
    }

    @Test func analysesAreConservativeOnMalformedRegexes() {
        for regex in ["(a", "[a", "a**", "\\"] {
            let parsed = ParsedRegex(regex)
            #expect(parsed.literalSignature == nil && parsed.searchSuffix == nil && parsed.lintTokens == nil)
            #expect(parsed.vectorscanExclusionReason != nil && parsed.confirmationReason != nil && parsed.lineLocalityReason != nil)
            #expect(parsed.vectorscanForm.expression == regex && parsed.canonicalForm == regex)
        }
    }

    @Test func nodeRangesCoverTheSourceInOrder() {
        let regex = #"^(?i)a[b-d]+(?:e|f\d){2,}?\Qg\E$"#
        let parsed = ParsedRegex(regex)
        #expect(parsed.isValid)
        var previousStart: Int32 = -1
        for node in parsed.nodes.dropFirst() {
            #expect(node.start >= previousStart && node.start < node.end)
            previousStart = node.start
        }
    }
}
