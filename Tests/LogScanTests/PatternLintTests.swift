import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import RegexSyntax
import Testing

/// `logscan check`'s lint rules: each fires on a pattern that has the problem and stays quiet on
/// one that does not; the canonical form behind `equivalent-regex` never changes what matches.
@Suite struct PatternLintTests {
    struct Entry {
        var id: String
        var regex: String
        var match: [String] = []
        var nomatch: [String] = []
        var priority: Int? = nil
    }

    func warnings(_ entries: [Entry]) throws -> [LintWarning] {
        let definitions = entries.enumerated().map { index, entry in
            PatternDefinition(id: entry.id, regex: entry.regex, matchExamples: entry.match, nomatchExamples: entry.nomatch,
                              priority: entry.priority, location: SourceLocation(file: "set.yaml", line: index + 1))
        }
        return PatternLinter(patterns: try PatternSet(definitions: definitions, sources: ["set.yaml"])).warnings()
    }

    /// `id [rule]` of every warning, for compact expectations.
    func findings(_ entries: [Entry]) throws -> [String] {
        try warnings(entries).map { "\($0.patternID) [\($0.rule.rawValue)]" }
    }

    @Test func warningsReadLikeCompilerWarnings() throws {
        let found = try warnings([Entry(id: "a", regex: "x"), Entry(id: "b", regex: "x")])
        #expect(found.map(\.description) == ["set.yaml:2: warning: b: same regex as `a` (set.yaml:1) [duplicate-regex]"])
    }

    @Test func duplicateRegex() throws {
        #expect(try findings([Entry(id: "a", regex: "OOMKilled"), Entry(id: "b", regex: "OOMKilled")]) == ["b [duplicate-regex]"])
        #expect(try findings([Entry(id: "a", regex: "OOMKilled"), Entry(id: "b", regex: "OOMKilled ")]).isEmpty)
    }

    @Test func equivalentRegex() throws {
        let found = try warnings([Entry(id: "a", regex: "(?:E\\d{1,}: [0-9]{0,1})"), Entry(id: "b", regex: "E(?:\\d)+: \\d?")])
        #expect(found.map(\.rule) == [.equivalentRegex])
        #expect(found.first?.message == "matches the same lines as `a` (set.yaml:1): both read as \"E\\\\d+: \\\\d?\"")
        #expect(try findings([Entry(id: "a", regex: "E\\d+"), Entry(id: "b", regex: "E\\d*")]).isEmpty)
    }

    @Test func matchesEmpty() throws {
        #expect(try findings([Entry(id: "a", regex: "FAIL|"), Entry(id: "b", regex: "(?:error)?")]) == ["a [matches-empty]", "b [matches-empty]"])
        #expect(try findings([Entry(id: "a", regex: "FAIL|ERROR"), Entry(id: "b", regex: "^$x")]).isEmpty)
    }

    @Test func leadingWildcard() throws {
        let found = try findings([
            Entry(id: "a", regex: ".*panic: "), Entry(id: "b", regex: "^.*error C\\d+"), Entry(id: "c", regex: "(?i).+?timeout"),
            Entry(id: "d", regex: "^.{0,}x"),
        ])
        #expect(found == ["a [leading-wildcard]", "b [leading-wildcard]", "c [leading-wildcard]", "d [leading-wildcard]"])
        // A wildcard that is the whole pattern, or not at the start, or escaped, or possessive, is left alone.
        #expect(try findings([
            Entry(id: "b", regex: "panic: .*"), Entry(id: "c", regex: "\\.*x"),
            Entry(id: "d", regex: "^.{3}x"), Entry(id: "e", regex: "a|.*b"), Entry(id: "f", regex: ".+"),
        ]).isEmpty)
    }

    @Test func caseMismatch() throws {
        let found = try warnings([Entry(id: "a", regex: "OOMKilled", match: ["reason: oomkilled", "OOMKilled"])])
        #expect(found.map(\.rule) == [.caseMismatch])
        #expect(found.first?.message.contains("\"reason: oomkilled\" is missed only because of letter case") == true)
        // A miss that case does not explain is the example error's business alone.
        #expect(try findings([Entry(id: "a", regex: "OOMKilled", match: ["OOM killed"])]).isEmpty)
    }

    @Test func needlessIgnoreCase() throws {
        #expect(try findings([Entry(id: "a", regex: "(?i)connection reset", match: ["read: connection reset by peer"])])
                == ["a [needless-ignore-case]"])
        #expect(try findings([Entry(id: "a", regex: "(?im)^fatal", match: ["fatal: x"])]) == ["a [needless-ignore-case]"])
        // An example that needs (?i), no examples at all, or an inner (?i) keeps quiet.
        #expect(try findings([
            Entry(id: "a", regex: "(?i)connection reset", match: ["read: connection reset", "Connection Reset by peer"]),
            Entry(id: "b", regex: "(?i)timeout"),
            Entry(id: "c", regex: "error: (?i)disk full", match: ["error: disk full"]),
        ]).isEmpty)
        #expect(ParsedRegex("(?i)x").withoutLeadingIgnoreCase == "x")
        #expect(ParsedRegex("(?mi)x").withoutLeadingIgnoreCase == "(?m)x")
        #expect(ParsedRegex("(?i:x)y").withoutLeadingIgnoreCase == nil)
        #expect(ParsedRegex("(?-i)x").withoutLeadingIgnoreCase == nil)
    }

    @Test func shadowedByFileOrder() throws {
        let found = try warnings([
            Entry(id: "any-error", regex: "error", match: ["error: x"]),
            Entry(id: "disk-error", regex: "disk error", match: ["disk error on sda"]),
        ])
        #expect(found.map(\.rule) == [.shadowed])
        #expect(found.first?.patternID == "disk-error")
        #expect(found.first?.message.contains("`any-error` (set.yaml:1), which comes earlier") == true)
        // The specific pattern first, or one example the general one misses: no shadow.
        #expect(try findings([
            Entry(id: "disk-error", regex: "disk error", match: ["disk error on sda"]),
            Entry(id: "any-error", regex: "error", match: ["error: x"]),
        ]).isEmpty)
        #expect(try findings([
            Entry(id: "any-error", regex: "error", match: ["error: x"]),
            Entry(id: "disk", regex: "disk (?:error|failure)", match: ["disk error on sda", "disk failure"]),
        ]).isEmpty)
    }

    @Test func shadowedByPriority() throws {
        let entries = [
            Entry(id: "disk-error", regex: "disk error", match: ["disk error on sda"], priority: 2),
            Entry(id: "any-error", regex: "error", match: ["error: x"], priority: 1),
        ]
        let found = try warnings(entries)
        #expect(found.map(\.patternID) == ["disk-error"])
        #expect(found.first?.message.contains("which has higher priority") == true)
        var reordered = entries
        reordered[0].priority = 1
        reordered[1].priority = 2
        #expect(try findings(reordered).isEmpty)
    }

    @Test func theCuratedSetIsClean() throws {
        let warnings = PatternLinter(patterns: try PatternSet.load(paths: [])).warnings()
        #expect(warnings.isEmpty, "\(warnings.map(\.description).joined(separator: "\n"))")
    }

    // MARK: canonical forms

    @Test func canonicalFormsOfEquivalentRegexesAgree() {
        let pairs: [(String, String)] = [
            ("a{1,}", "a+"), ("a{0,}?", "a*?"), ("a{0,1}+", "a?+"), ("[0-9]{1,}", "\\d+"), ("[^0-9]", "\\D"), ("[\\w]", "\\w"),
            ("(?:a|b)", "a|b"), ("(?:(?:x))", "x"), ("(?:\\.)+", "\\.+"), ("(?:[ab])c", "[ab]c"), ("(?:\\p{L})", "\\p{L}"),
            ("(?:.)", "."), ("x(?:y){2}", "xy{2}"), ("(?:(?:a)b)", "ab"),
        ]
        for (left, right) in pairs {
            #expect(ParsedRegex(left).canonicalForm == ParsedRegex(right).canonicalForm, "\(left) vs \(right)")
        }
    }

    @Test func canonicalFormsKeepDifferentRegexesApart() {
        let pairs: [(String, String)] = [
            ("\\1(?:0)", "\\10"), ("\\x4(?:1)", "\\x41"), ("\\x4(?:a)", "\\x4a"), ("a{2(?:,)3}", "a{2,3}"), ("\\Q[0-9]\\E", "\\Q\\d\\E"),
            ("(?x)[0-9] ", "(?x)\\d "), ("(*UCP)[0-9]", "(*UCP)\\d"), ("(?:ab)+", "ab+"),
            ("(a)", "a"), ("(?i:a)", "a"), ("[0-9a]", "\\d"), ("{1,}", "+"), ("(?:\\b)+", "\\b+"),
            ("a|(?:b|c)d", "a|b|cd"), ("(?:a|b)c", "a|bc"), ("\\N(?:{)2}", "\\N{2}"),
        ]
        for (left, right) in pairs {
            #expect(ParsedRegex(left).canonicalForm != ParsedRegex(right).canonicalForm, "\(left) vs \(right)")
        }
        #expect(ParsedRegex("\\Q(?:a)\\E").canonicalForm == "\\Q(?:a)\\E", "quoted text is left as written")
    }

    /// For every real regex at hand, the canonical form compiles and matches exactly the same
    /// example and corpus lines as the original.
    @Test func canonicalFormsMatchTheSameLines() throws {
        var regexes = try PatternSet.load(paths: []).patterns.map(\.definition.regex)
        var lines = try PatternSet.load(paths: []).patterns.flatMap { $0.definition.matchExamples + $0.definition.nomatchExamples }
        for name in ["pytorch-log-classifier.ruleset.toml", "kubernetes-prow-buildlog-highlight-regexes.json"] {
            let url = Fixture.realdata.appendingPathComponent("patterns/\(name)")
            if FileManager.default.fileExists(atPath: url.path) { regexes += try PatternFileParser.read(path: url.path).definitions.map(\.regex) }
        }
        for file in Fixture.files(under: Fixture.corpus).prefix(6) {
            let plain = try Fixture.run("/bin/sh", ["-c", "gzip -dcf -- \"$0\" | head -c 400000", file.path]).text
            lines += plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        regexes += ["(?:E\\d{1,}: [0-9]{0,1})", "x(?:[0-9]){0,}(?:\\.){1,}", "(?:(?i)fail(?:e){0,1}d)"]
        var rewritten = 0
        let tester = LineTester()
        for regex in regexes {
            let canonical = ParsedRegex(regex).canonicalForm
            guard canonical != regex else { continue }
            rewritten += 1
            let original = try PCRE2Regex(pattern: regex, multiline: false)
            let probe = try #require(try? PCRE2Regex(pattern: canonical, multiline: false), "\(canonical) (from \(regex)) does not compile")
            let differing = lines.filter { (try? tester.matches(original, line: $0).get()) != (try? tester.matches(probe, line: $0).get()) }
            #expect(differing.isEmpty, "\(regex) -> \(canonical) differs on \(differing.prefix(3))")
        }
        #expect(rewritten >= 3)
    }
}
