import Foundation
@testable import LogScan
import RegexSyntax
import Testing

/// Old textual walkers against the one parsed form (`RegexSyntax`), on every regex at hand: the
/// curated set, the real-data sets, a generated 10,000-pattern set, the regexes written in the
/// tests, and generated regexes built from syntax fragments. Only regexes PCRE2 compiles are
/// compared (the analyses run after compilation); every regex is parsed, so none may trap.
/// Writes every difference to `/tmp/regex-syntax-differential.txt`.
@Suite struct RegexSyntaxDifferentialTests {
    static func inputs() throws -> [(source: String, regexes: [String])] {
        var sets: [(String, [String])] = []
        sets.append(("ci-failures.yaml", try PatternFileParser.read(path: Fixture.ciFailures.path).definitions.map(\.regex)))
        let realdata = Fixture.realdata.appendingPathComponent("patterns")
        let prow = realdata.appendingPathComponent("kubernetes-prow-buildlog-highlight-regexes.txt")
        if let text = try? String(contentsOf: prow, encoding: .utf8) {
            sets.append(("prow .txt", text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }))
        }
        let pytorch = realdata.appendingPathComponent("pytorch-log-classifier.ruleset.toml")
        if FileManager.default.fileExists(atPath: pytorch.path) {
            sets.append(("pytorch .toml", try PatternFileParser.read(path: pytorch.path).definitions.map(\.regex)))
        }
        for (name, path) in [("loghub", "/tmp/loghub.yaml"), ("generated 10k", "/tmp/gen10k.yaml")]
        where FileManager.default.fileExists(atPath: path) {
            sets.append((name, try PatternFileParser.read(path: path).definitions.map(\.regex)))
        }
        sets.append(("test literals", testLiterals()))
        sets.append(("fixed disagreements", fixedDisagreements))
        sets.append(("fragments", RegexFragmentGenerator.regexes(count: 6000, seed: 42)))
        sets.append(("syntax noise", RegexFragmentGenerator.noise(count: 4000, seed: 7)))
        return sets
    }

    /// The cases of `RegexSyntaxTests.FixedDisagreementTests`, each of which the old walkers read otherwise.
    static let fixedDisagreements = [
        #"[[:alpha:]]+ failed"#, #"\\A"#, #"\(*x"#, #"[(*]x"#, #"\Q\A\E"#, #"(?^m)^x"#, #"\)+a+b+"#, #"\*+a+b+"#, #"(a{,5})+"#,
        #"(\x{41})+"#, #"a+b+\N{U+41}"#, #"(?-s)a"#, #"(?^s)a"#, #"[\x00-\x7f]"#, "a\nb", #"(?<n>a)(?P=n)"#, #"\N{U+000A}"#,
        #"[[:digit:].+-]+a+b"#, #"a{,30}"#, #"\x{2014}"#, #"\*+"#, #"\p{L}+"#, #"a{,5}+"#, #"[(?!]"#, #"(a)(?-1)"#,
        #"\Q(?>\E"#, #"(?-i)abcdef"#, #"(?R)(?:a){1,}"#, #"\N{1,}"#, #"[a[b]\>"#, #"\w+abcd.\Q|\E"#,
    ]

    /// String literals in the tests of the old walkers: raw `#"…"#` as written, plain `"…"` unescaped.
    static func testLiterals() -> [String] {
        var found: [String] = []
        let directory = Fixture.projectRoot.appendingPathComponent("Tests/LogScanTests")
        for name in ["LiteralSignatureTests", "LiteralFactorTests", "PatternLintTests", "PatternImportTests", "PrefilterConstructTests"] {
            guard let text = try? String(contentsOf: directory.appendingPathComponent("\(name).swift"), encoding: .utf8) else { continue }
            let raw = try! NSRegularExpression(pattern: ##"#"(.*?)"#"##)
            let plain = try! NSRegularExpression(pattern: #"(?<![#\\])"((?:[^"\\\n]|\\.)*)""#)
            let range = NSRange(text.startIndex..., in: text)
            for match in raw.matches(in: text, range: range) { found.append(String(text[Range(match.range(at: 1), in: text)!])) }
            for match in plain.matches(in: text, range: range) {
                let body = String(text[Range(match.range(at: 1), in: text)!])
                found.append(unescapeSwift(body))
            }
        }
        return found
    }

    static func unescapeSwift(_ body: String) -> String {
        var result = ""
        var iterator = body.makeIterator()
        while let character = iterator.next() {
            guard character == "\\", let next = iterator.next() else { result.append(character); continue }
            switch next {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0": result.append("\0")
            case "u":
                var hex = ""
                _ = iterator.next()
                while let digit = iterator.next(), digit != "}" { hex.append(digit) }
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { result.unicodeScalars.append(scalar) }
            default: result.append(next)
            }
        }
        return result
    }

    static func shown(_ literals: [[UInt8]]) -> String {
        literals.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: ",")
    }

    static func oldTokens(_ regex: String) -> String {
        guard let tokens = RegexTokenizer.tokens(regex) else { return "nil" }
        return tokens.map { "\($0.kind):\($0.text)" }.joined(separator: " ")
    }

    static func newTokens(_ parsed: ParsedRegex) -> String {
        guard let tokens = parsed.lintTokens else { return "nil" }
        return tokens.map { "\($0.kind):\($0.text)" }.joined(separator: " ")
    }

    /// `PatternLinter.leadingWildcard`'s reading of the old tokens (the linter's method is private).
    static func oldLeadingWildcard(_ regex: String) -> String {
        guard let tokens = RegexTokenizer.tokens(regex) else { return "nil" }
        var index = 0
        while index < tokens.count, tokens[index].kind == .optionSetting { index += 1 }
        let anchored = index < tokens.count && tokens[index].text == "^"
        if anchored { index += 1 }
        guard index + 2 < tokens.count, tokens[index].kind == .dot, tokens[index + 1].kind == .quantifier,
              tokens[index + 2].kind != .alternation, tokens[index + 2].kind != .groupClose else { return "nil" }
        let quantifier = tokens[index + 1].text
        let lazy = quantifier.count > 1 && quantifier.hasSuffix("?")
        let body = lazy ? String(quantifier.dropLast()) : quantifier
        let prefix = (anchored ? "^." : ".") + quantifier
        switch body {
        case "*", "{0,}": return "\(prefix) none"
        case "+", "{1,}": return "\(prefix) requiresACharacter"
        default: return "nil"
        }
    }

    static func newLeadingWildcard(_ parsed: ParsedRegex) -> String {
        guard let found = parsed.leadingWildcard else { return "nil" }
        return "\(found.prefix) \(found.effect)"
    }

    /// Each analysis, old and new, as comparable text.
    static func comparisons(_ regex: String, _ parsed: ParsedRegex) -> [(String, String, String)] {
        let old = LiteralSignature.extract(regex)
        let new = parsed.literalSignature
        let oldForm = PrefilterRules.vectorscanForm(regex)
        let newForm = parsed.vectorscanForm
        let oldSuffix = SearchSuffix.of(regex)
        let newSuffix = parsed.searchSuffix
        return [
            ("literalSignature", old.map { "\(shown($0.literals)) caseless:\($0.caseless) factors:\($0.factors.map(shown))" } ?? "nil",
             new.map { "\(shown($0.literals)) caseless:\($0.caseless) factors:\($0.factors.map(shown))" } ?? "nil"),
            ("isExpensiveForVectorscan", "\(LiteralSignature.isExpensiveForVectorscan(regex))", "\(parsed.isExpensiveForVectorscan)"),
            ("exclusionReason", PrefilterRules.exclusionReason(regex) ?? "nil", parsed.vectorscanExclusionReason ?? "nil"),
            ("unsetsMultiline", "\(PrefilterRules.unsetsMultiline(regex))", "\(parsed.unsetsMultiline)"),
            ("confirmationReason", PrefilterRules.confirmationReason(regex) ?? "nil", parsed.confirmationReason ?? "nil"),
            ("vectorscanForm", "\(oldForm.expression) \(oldForm.widened)", "\(newForm.expression) \(newForm.widened)"),
            ("searchSuffix", oldSuffix.map { "\($0.expression) from \($0.literal)" } ?? "nil",
             newSuffix.map { "\($0.expression) from \($0.literal)" } ?? "nil"),
            ("lineLocality", LineLocality.reason(regex) ?? "nil", parsed.lineLocalityReason ?? "nil"),
            ("rustDifferences", "\(RustRegexDifferences.find(in: regex))", "\(parsed.rustDifferences)"),
            ("lintTokens", oldTokens(regex), newTokens(parsed)),
            ("canonicalForm", RegexCanonicalizer.canonical(regex), parsed.canonicalForm),
            ("leadingWildcard", oldLeadingWildcard(regex), newLeadingWildcard(parsed)),
            ("withoutLeadingIgnoreCase", PatternLinter.withoutLeadingIgnoreCase(regex) ?? "nil", parsed.withoutLeadingIgnoreCase ?? "nil"),
        ]
    }

    static let semanticErrors: Set<String> = [
        "reference to non-existent subpattern", "lookbehind assertion is not fixed length",
        "(*VERB) not recognized or malformed", "recursive call could loop indefinitely",
        "a relative value of zero is not allowed", "group name must start with a non-digit",
        "DEFINE subpattern contains more than one branch", "malformed number or name after (?(",
        "conditional subpattern contains more than two branches", "assertion expected after (?( or (?(?C)",
        "\\K is not allowed in lookarounds (but see PCRE2_EXTRA_ALLOW_LOOKAROUND_BSK)",
        "two named subpatterns have the same name (PCRE2_DUPNAMES not set)", "setting UTF is disabled by the application", "using UTF is disabled by the application",
    ]

    @Test func oldAndNewAnalysesAgree() throws {
        var report = ""
        var differences: [String: Int] = [:]
        var compared = 0
        var validityDisagreements = 0
        var semanticOnly: [String: Int] = [:]
        for (name, regexes) in try Self.inputs() {
            var accepted = 0
            for regex in regexes {
                let parsed = ParsedRegex(regex)
                var pcre2Error: PCRE2CompileError?
                do { _ = try CompiledRegex(pattern: regex, multiline: false) } catch { pcre2Error = error }
                let compiles = pcre2Error == nil
                // The reader checks syntax, not what PCRE2 checks once the whole pattern is read
                // (references to groups that do not exist, lookbehinds that are not fixed-length).
                let semantic = pcre2Error.map { Self.semanticErrors.contains($0.message) } ?? false
                if compiles != parsed.isValid, !semantic {
                    validityDisagreements += 1
                    report += "[validity] \(name): \(regex.debugDescription) PCRE2 \(pcre2Error.map { "rejects: \($0.message) at \($0.offset)" } ?? "accepts"), parser says \(parsed.failure.map { "\($0.message) at \($0.offset)" } ?? "valid")\n"
                } else if semantic, parsed.isValid {
                    semanticOnly[pcre2Error!.message, default: 0] += 1
                }
                guard compiles else { continue }
                accepted += 1
                for (analysis, old, new) in Self.comparisons(regex, parsed) where old != new {
                    differences[analysis, default: 0] += 1
                    report += "[\(analysis)] \(name): \(regex.debugDescription)\n    old: \(old)\n    new: \(new)\n"
                }
            }
            compared += accepted
            report = "\(name): \(regexes.count) regexes, \(accepted) accepted by PCRE2\n" + report
        }
        let summary = "compared \(compared) regexes; validity disagreements \(validityDisagreements); rejected by PCRE2 after reading only \(semanticOnly.sorted { $0.key < $1.key }); differences \(differences.sorted { $0.key < $1.key })\n"
        try (summary + report).write(toFile: "/tmp/regex-syntax-differential.txt", atomically: true, encoding: .utf8)
        print(summary)
    }
}

/// Regexes from syntax fragments: classes, escapes, groups of each kind, quantifiers, options,
/// literal braces, `\Q…\E`, UTF-8 letters; nested, so most of them compile.
enum RegexFragmentGenerator {
    static let atoms = [
        "a", "b", "x", "error", "timeout", "é", "日本", "ß", "k", "{", "}", ",", "-", "_", "=", ":", " ", "/", "#", "0", "7",
        ".", "^", "$", "\\d", "\\w", "\\s", "\\S", "\\W", "\\D", "\\h", "\\N", "\\R", "\\X", "\\b", "\\B", "\\A", "\\z", "\\Z", "\\G", "\\K",
        "\\.", "\\*", "\\+", "\\?", "\\\\", "\\(", "\\)", "\\[", "\\]", "\\{", "\\}", "\\|", "\\$", "\\^", "\\-", "\\<", "\\>", "\\/",
        "\\x41", "\\x4", "\\x{0a}", "\\x0A", "\\x{2014}", "\\n", "\\t", "\\r", "\\e", "\\f", "\\a", "\\0", "\\012", "\\cJ", "\\o{12}",
        "\\p{L}", "\\pL", "\\P{Lu}", "\\N{U+41}", "\\1", "\\g1", "\\g{1}", "\\g{-1}", "\\k<n>", "\\g<n>",
        "\\Qa.b\\E", "\\Q|(\\E", "\\Q*+\\E", "\\E", "\\Q\\E",
        "[abc]", "[^x]", "[-_]", "[=: ]", "[.,]", "[[:alpha:]]", "[[:space:]]", "[[:^digit:]]", "[[:alpha:]_-]", "[a-z0-9]",
        "[\\d.-]", "[]x]", "[^]x]", "[\\]]", "[&&]", "[a&&b]", "[~~]", "[a--b]", "[a[b]", "[\\n]", "[\\x00-\\x7f]", "[\\Q]\\E]",
        "[0-9]", "[^0-9]", "[\\w]", "[\\s]", "[{]", "[(*]", "[(?!]", "[*+]", "[\\A]", "[é-ü]", "[[:alpha:]*]", "[+--]",
        "(?#c)", "(?#a*b)", "(*UTF)", "(*FAIL)", "(?R)", "(?1)", "(?-1)", "(?&n)", "(?P>n)", "(?P=n)", "(?C)", "(?C1)", "(?C\"x\")",
        "(?i)", "(?-i)", "(?m)", "(?-m)", "(?^)", "(?^m)", "(?s)", "(?-s)", "(?^s)", "(?x)", "(?i-m)", "(?U)", "(?J)", "(?n)",
        "\\b{start}", "(?Rm)", "{2}", "{,3}", "{1,30}", "{2,}",
    ]
    static let quantifiers = ["*", "+", "?", "*?", "+?", "??", "*+", "++", "?+", "{2}", "{0,1}", "{1,}", "{0,}", "{2,5}", "{1,30}",
                              "{25}", "{,4}", "{3,}+", "{1,2}?", "{030}", "{05,40}"]
    static let groupOpeners = ["(", "(?:", "(?i:", "(?-i:", "(?s:", "(?x:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?|", "(?<n>",
                               "(?P<n>", "(?'n'", "(*pla:", "(*atomic:", "(?*", "(?(1)", "(?(?=a)", "(?(<n>)"]

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func regexes(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix(state: seed)
        return (0..<count).map { _ in alternation(depth: 0, &generator) }
    }

    /// Short strings of syntax characters in any order, mostly malformed: the reader must not
    /// trap on them and must reject what PCRE2 rejects.
    static func noise(count: Int, seed: UInt64) -> [String] {
        let symbols = ["(", ")", "[", "]", "{", "}", "\\", "|", "*", "+", "?", "^", "$", ".", "-", ":", "=", "!", "<", ">", "'",
                       "P", "#", "x", "i", "m", "1", "0", ",", "a", "Q", "E", "Q", "k", "g", "p", "c", "N", "é", " ", "\n"]
        var generator = SplitMix(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...10, using: &generator)).map { _ in symbols.randomElement(using: &generator)! }.joined()
        }
    }

    static func alternation(depth: Int, _ generator: inout SplitMix) -> String {
        let branches = Int.random(in: 0..<8, using: &generator) == 0 ? 2 : 1
        return (0..<branches).map { _ in sequence(depth: depth, &generator) }.joined(separator: "|")
    }

    static func sequence(depth: Int, _ generator: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            if depth < 3, Int.random(in: 0..<6, using: &generator) == 0 {
                text += groupOpeners.randomElement(using: &generator)! + alternation(depth: depth + 1, &generator) + ")"
            } else {
                text += atoms.randomElement(using: &generator)!
            }
            if Int.random(in: 0..<3, using: &generator) == 0 { text += quantifiers.randomElement(using: &generator)! }
        }
        return text
    }
}
