import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import RegexSyntax
import Testing

/// Pattern sets people already have: PyTorch's ruleset.toml, Prow's JSON list, YAML lists,
/// `grep -f` lists; format detection, ids, priorities and notes.
@Suite struct PatternImportTests {
    static let pytorchRuleset = Fixture.realdata.appendingPathComponent("patterns/pytorch-log-classifier.ruleset.toml")
    static let prowJSON = Fixture.realdata.appendingPathComponent("patterns/kubernetes-prow-buildlog-highlight-regexes.json")
    static let prowLines = Fixture.realdata.appendingPathComponent("patterns/kubernetes-prow-buildlog-highlight-regexes.txt")
    static let classifyLogs = Fixture.realdata.appendingPathComponent("logs/pytorch-test-infra/classify-clean")

    /// The real files, or nil (and a message) on machines without ../shared/realdata.
    static func realFile(_ url: URL) -> URL? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: \(url.path) is absent (shared realdata not on this machine)")
            return nil
        }
        return url
    }

    func read(_ text: String, name: String, format: PatternFileFormat? = nil) throws(PatternSetError) -> PatternFile {
        try PatternFileParser.read(bytes: Array(text.utf8), fileName: name, format: format)
    }

    func readError(_ text: String, name: String, format: PatternFileFormat? = nil) -> PatternSetError? {
        do {
            _ = try read(text, name: name, format: format)
            return nil
        } catch {
            return error
        }
    }

    // MARK: detection

    @Test func formatIsDetectedFromTheContent() {
        let cases: [(String, String, PatternFileFormat)] = [
            ("rules.toml", "# comment\n[[rule]]\nname = 'a'\npattern = 'b'\n", .pytorchTOML),
            ("rules.txt", "  [[rule]]\nname = 'a'\npattern = 'b'\n", .pytorchTOML),
            ("list.json", "[\n \"a\",\n \"b\"\n]\n", .jsonList),
            ("list.txt", "  [\"a\"]", .jsonList),
            ("empty.json", "[]", .jsonList),
            ("broken.json", "[\n \"a\",\n]\n", .jsonList),          // shaped like JSON: its error is reported
            ("set.yaml", "name: x\npatterns:\n  - id: a\n    regex: b\n", .yaml),
            ("set.conf", "# c\npatterns:\n  - id: a\n    regex: b\n", .yaml),
            ("list.yaml", "# regexes\n- 'a'\n- 'b'\n", .yamlList),
            ("flow.yml", "[a, b]\n", .yamlList),
            ("list.txt", "---\n- 'a'\n- b\n", .yamlList),
            ("grep.txt", "[Tt]imed out\n(FAIL|FAILED)\n", .lines),       // `[` but not JSON
            ("grep.txt", "[\"']quoted\nx\n", .lines),
            ("grep.txt", "# comment\nOOMKilled\n-x\n", .lines),
            ("grep.lines", "", .lines),
            ("nums.json", "[1,2]", .jsonList),                            // JSON, not strings: reported
            ("null.txt", " [null]\n", .jsonList),
            ("nested.txt", "[[\"a\"]]", .jsonList),
            ("objects.txt", "[{\"a\":1}]", .jsonList),
            ("object.json", "{\"patterns\": []}", .jsonList),
            ("object.yaml", "{\"patterns\": []}", .yaml),                // YAML may be written as JSON
            ("grep.txt", "[0-9]+ errors\n", .lines),
            ("grep.txt", "[1]x\n", .lines),
            ("grep.txt", "[a]\n[b]\n", .lines),
            ("grep.txt", "123\n", .lines),                                 // a lone scalar is a regex
            ("grep.txt", "{2}\n", .lines),
        ]
        for (name, text, expected) in cases {
            #expect(PatternFileFormat.detect(path: name, bytes: Array(text.utf8)) == expected, "\(name): \(text.debugDescription)")
        }
    }

    @Test func aDetectedFormatThatFailsSaysHowItWasChosen() throws {
        let failure = readError("- \"a\\d\"\n", name: "list.txt")
        #expect(failure?.message.contains("read as yaml-list, detected from the content") == true, "\(String(describing: failure))")
        let forced = readError("- \"a\\d\"\n", name: "list.txt", format: .yamlList)
        #expect(forced?.message.contains("detected") == false)
        #expect(try read("- \"a\\d\"\n", name: "list.txt", format: .lines).definitions.map(\.regex) == ["- \"a\\d\""])
    }

    /// UTF-16 and UTF-32 files (with or without a byte-order mark) are refused with a way to
    /// convert them, in every format: read as UTF-8 lines they would be regexes full of NULs. The
    /// pattern-file fuzz target found a UTF-16 JSON array read as lines.
    @Test func wideEncodingsAreRefusedWithAWayToConvert() throws {
        let text = "[\"OOMKilled\", \"connection reset\"]\n"
        let encodings: [(String, [UInt8])] = [
            ("UTF-16LE", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-16BE", text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
            ("UTF-16LE", text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-32LE", [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }),
            ("UTF-32BE", text.unicodeScalars.flatMap { [0, 0, 0, UInt8($0.value & 0xFF)] }),
            ("UTF-16LE", [0x5B, 0x00, 0x33, 0x00, 0x5D, 0x00, 0x31]),  // the fuzz input
        ]
        for (name, bytes) in encodings {
            for format in [nil] + PatternFileFormat.allCases.map(Optional.some) {
                do {
                    let file = try PatternFileParser.read(bytes: bytes, fileName: "sets/list.json", format: format)
                    Issue.record("\(name) read as \(file.format): \(file.definitions.map(\.regex))")
                } catch {
                    #expect(error.description.contains("sets/list.json is \(name) text"), "\(error.description)")
                    #expect(error.description.contains("iconv -f \(name) -t UTF-8"))
                }
            }
        }
        // NULs elsewhere are a regex's own bytes, as before.
        #expect(try read("a\u{0}b\nc\n", name: "list.txt").definitions.map(\.regex) == ["a\u{0}b", "c"])
    }

    // MARK: PyTorch ruleset.toml

    static let sampleRuleset = """
        # Rules, first is highest priority.
        [[rule]]
        name = 'GHA timeout'
        pattern = '^##\\[error\\]The action (.*)has timed out'

        [[rule]]
        name = "pytest failure"
        pattern = '''^FAILED (\\S+) - it's broken'''
        owner = 'ci'

        [[rule]]
        name = 'pytest failure'
        pattern = \"\"\"^_{4,} (\\\\S+) _{4,}$\"\"\"

        [[rule]]
        name = 'word edge'
        pattern = '\\<fatal\\>'
        """

    @Test func pytorchRulesKeepNamesOrderAndPattern() throws {
        let file = try read(Self.sampleRuleset, name: "dir/ruleset.toml")
        #expect(file.format == .pytorchTOML)
        #expect(file.definitions.map(\.id) == ["GHA timeout", "pytest failure", "pytest failure #2", "word edge"])
        #expect(file.definitions.map(\.regex) == [
            #"^##\[error\]The action (.*)has timed out"#, #"^FAILED (\S+) - it's broken"#, #"^_{4,} (\S+) _{4,}$"#, #"\<fatal\>"#,
        ])
        #expect(file.definitions.map(\.priority) == [1, 2, 3, 4])
        #expect(file.definitions.map(\.location.line) == [4, 8, 13, 17])
        #expect(file.definitions.allSatisfy { $0.location.file == "dir/ruleset.toml" })
        let notes = file.notes.map(\.description)
        #expect(notes.contains("dir/ruleset.toml:7: note: rule name `pytest failure` is used by 2 rules (lines 7, 12); their ids are `pytest failure`, `pytest failure #2`"), "\(notes)")
        #expect(notes.contains("dir/ruleset.toml:9: note: key `owner` of rule `pytest failure` ignored (PyTorch's classifier reads only name and pattern)"), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("dir/ruleset.toml:17: note: rule `word edge`: `\\<` is a word boundary in Rust") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("dir/ruleset.toml:4: note: 3 of 4 rules start with `^`; PyTorch's classifier removes the GitHub Actions timestamp") }, "\(notes)")
        _ = try PatternSet(files: [file], engine: .pcre2)
    }

    @Test func repeatedNamesGetDeterministicSuffixes() {
        #expect(PyTorchRulesetReader.uniqueIDs(["a", "b", "a", "a"]) == ["a", "b", "a #2", "a #3"])
        // A suffix never takes a name another rule has.
        #expect(PyTorchRulesetReader.uniqueIDs(["a", "a", "a #2"]) == ["a", "a #3", "a #2"])
    }

    @Test func rulesetMistakesNameTheLine() {
        #expect(readError("[[rule]]\nname = 'a'\n", name: "r.toml")?.description == "r.toml:1: [[rule]] without `pattern` (read as pytorch-toml, detected from the content; --pattern-format chooses the format)")
        #expect(readError("[[rule]]\nname = 1\npattern = 'x'\n", name: "r.toml", format: .pytorchTOML)?.description == "r.toml:2: `name` must be a string")
        #expect(readError("[[rule]]\nname = ' a'\npattern = 'x'\n", name: "r.toml", format: .pytorchTOML)?.location?.line == 2)
        #expect(readError("top = 1\n", name: "r.toml", format: .pytorchTOML)?.message.contains("no [[rule]] tables") == true)
        #expect(readError("[[rule]]\nname = 'a'\npattern = \"\\d+\"\n", name: "r.toml")?.description.hasPrefix("r.toml:3: TOML: invalid escape `\\d`") == true)
    }

    @Test func otherTablesAndTopLevelKeysAreIgnoredWithANote() throws {
        let file = try read("version = 2\n[[rule]]\nname = 'a'\npattern = 'x'\n[[meta]]\nk = 'v'\n", name: "r.toml")
        #expect(file.definitions.map(\.id) == ["a"])
        #expect(file.notes.map(\.location.line) == [1, 5])
    }

    @Test func rulesPCRE2RefusesAreReportedWithFileLineNameAndMessage() throws {
        let file = try read("[[rule]]\nname = 'Bad rule'\npattern = '(unclosed'\n", name: "r.toml")
        let failure = #expect(throws: PatternSetError.self) { try PatternSet(files: [file]) }
        #expect(failure?.description == "r.toml:3 (id Bad rule): missing closing parenthesis at offset 9")
        #expect(PatternSet.problems(file.definitions).map(\.description) == ["r.toml:3 (id Bad rule): missing closing parenthesis at offset 9"])
    }

    // Rust-syntax notes are tested on their own in RegexSyntaxTests/RustDifferencesTests.

    // MARK: lists

    /// Windows editors start a file with a UTF-8 byte order mark: it is never part of a regex.
    @Test func aByteOrderMarkIsNotPartOfTheFirstRegex() throws {
        let cases: [(String, String)] = [
            ("list.txt", "OOMKilled\nback-off\n"),
            ("list.json", "[\"OOMKilled\", \"back-off\"]\n"),
            ("list.yaml", "- OOMKilled\n- back-off\n"),
            ("set.yaml", "patterns:\n  - id: oom\n    regex: OOMKilled\n  - id: pull\n    regex: back-off\n"),
        ]
        for (name, text) in cases {
            let file = try read("\u{FEFF}" + text, name: name)
            #expect(file.definitions.map(\.regex) == ["OOMKilled", "back-off"], "\(name)")
            let withoutMark = try read(text, name: name)
            #expect(file.format == withoutMark.format, "\(name)")
            #expect(file.definitions.map(\.location.line) == withoutMark.definitions.map(\.location.line), "\(name)")
        }
    }

    @Test func jsonListsUseStemAndPosition() throws {
        let file = try read("[\n  \"Automatic merge failed\",\n  \"^E\\\\d{4} \",\n  \"\\u2022 Failure \\\"q\\\" \\/\", \"\\ud83d\\ude00\"\n]\n", name: "p/prow.json")
        #expect(file.format == .jsonList)
        #expect(file.definitions.map(\.id) == ["prow:1", "prow:2", "prow:3", "prow:4"])
        #expect(file.definitions.map(\.regex) == ["Automatic merge failed", "^E\\d{4} ", "• Failure \"q\" /", "😀"])
        #expect(file.definitions.map(\.location.line) == [2, 3, 4, 4])
        #expect(file.definitions.allSatisfy { $0.priority == nil })
    }

    @Test func jsonListMistakesNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("[\n\"a\",\n\"b\",\n]", 4, "trailing comma"),
            ("[\n\"a\",\n2\n]", 3, "element 2 is not a string"),
            ("[\"a\" \"b\"]", 1, "expected `,` or `]`"),
            ("[\n\"\\d\"]", 2, "invalid escape `\\d`"),
            ("[\"a\"] x", 1, "unexpected text after the closing"),
            ("[\"a\",\n\"b", 2, "unterminated string"),
            ("[\"a\nb\"]", 1, "line break inside a string"),
            ("[\"\\ud800\"]", 1, "lone surrogate"),
            ("[\"\\u12g4\"]", 1, "\\u must be followed by four hex digits"),
        ]
        expectJSONListErrors(cases, format: .jsonList)
    }

    /// Each text fails at its line with a `JSON list:` message holding the expected words.
    func expectJSONListErrors(_ cases: [(String, Int, String)], format: PatternFileFormat?) {
        for (text, line, message) in cases {
            let failure = readError(text, name: "x.json", format: format)
            #expect(failure?.location?.line == line, "\(text.debugDescription): \(String(describing: failure))")
            #expect(failure?.message.contains("JSON list: \(message)") == true, "\(text.debugDescription): \(String(describing: failure))")
            #expect(failure?.message.contains("read as json-list, detected from the content") == (format == nil))
        }
    }

    /// A file that is JSON is read as JSON even when its elements are not strings, so it fails
    /// naming the file and line instead of loading as one regex per line.
    @Test func detectedJSONThatIsNotAListOfStringsIsRejected() {
        let cases: [(String, Int, String)] = [
            ("[1,2]", 1, "element 1 is not a string"),
            ("[null]", 1, "element 1 is not a string"),
            ("[[\"a\"]]", 1, "element 1 is not a string"),
            ("[\n\"a\",\n {\"a\":1}]", 3, "element 2 is not a string"),
            ("{\"a\": 1}", 1, "expected `[`"),
        ]
        expectJSONListErrors(cases, format: nil)
    }

    /// Deep nesting is checked without recursion, and only valid JSON counts as JSON.
    @Test func jsonSyntaxCheckFollowsTheGrammar() {
        let valid = ["[]", "{}", " [1, -0.5e+3, true, false, null, \"a\\u00e9\\n\"] ", "{\"a\":{\"b\":[{}]}}",
                     String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)]
        let invalid = ["", "[", "[1,]", "[01]", "[1.]", "[\"a]", "{\"a\"}", "{\"a\":1,}", "[tru]", "[1] 2", "[\"\\x\"]",
                       "[\"\t\"]", "{1:2}", "[-]", "[1e]", String(repeating: "[", count: 100_000)]
        for text in valid { #expect(JSONSyntaxCheck.isJSON(Array(text.utf8)), "\(text.prefix(40).debugDescription)") }
        for text in invalid { #expect(!JSONSyntaxCheck.isJSON(Array(text.utf8)), "\(text.prefix(40).debugDescription)") }
    }

    @Test func yamlListsUseStemAndPosition() throws {
        let file = try read("# Prow regexes\n- 'cannot use.+as.+(type|value)'\n- \"^\\\\s+\\\\^$\"\n- plain text\n", name: "regexes.yaml")
        #expect(file.format == .yamlList)
        #expect(file.definitions.map(\.id) == ["regexes:1", "regexes:2", "regexes:3"])
        #expect(file.definitions.map(\.regex) == ["cannot use.+as.+(type|value)", "^\\s+\\^$", "plain text"])
        #expect(file.definitions.map(\.location.line) == [2, 3, 4])
        let failure = readError("- 'a'\n- [b-z]\n", name: "r.yaml")
        #expect(failure?.location?.line == 2)
        #expect(failure?.message.contains("list item 2 is not a string") == true)
        #expect(readError("name: x\n", name: "r.yaml", format: .yamlList)?.message.contains("expected a YAML list") == true)
    }

    // MARK: YAML priority and precedence

    @Test func yamlPriorityAndPrecedence() throws {
        let file = try read("patterns:\n  - {id: a, regex: a}\n  - {id: b, regex: b, priority: 2}\n  - {id: c, regex: c}\n  - {id: d, regex: d, priority: 1}\n  - {id: e, regex: e, priority: 2}\n", name: "s.yaml")
        #expect(file.definitions.map(\.priority) == [nil, 2, nil, 1, 2])
        #expect(PatternPrecedence.order(file.definitions).map { file.definitions[$0].id } == ["d", "b", "e", "a", "c"])
        #expect(PatternPrecedence.ranks(file.definitions) == [3, 1, 4, 0, 2])
    }

    @Test func idsMayBeNamesButNotMultiline() throws {
        let file = try read("patterns:\n  - id: 'Python unittest failure #2'\n    regex: x\n", name: "s.yaml")
        #expect(file.definitions.map(\.id) == ["Python unittest failure #2"])
        #expect(PatternFileParser.idProblem("tab\there") != nil)
        #expect(PatternFileParser.idProblem("") != nil)
        #expect(PatternFileParser.idProblem("Forward/backward compatibility check failed") == nil)
    }

    @Test func realFilesLoad() throws {
        guard let ruleset = Self.realFile(Self.pytorchRuleset), let json = Self.realFile(Self.prowJSON),
              let lines = Self.realFile(Self.prowLines) else { return }
        let pytorch = try PatternFileParser.read(path: ruleset.path)
        #expect(pytorch.format == .pytorchTOML)
        #expect(pytorch.definitions.count == 102)
        #expect(pytorch.definitions.map(\.priority) == Array(1...102).map(Optional.some))
        #expect(Set(pytorch.definitions.map(\.id)).count == 102)
        #expect(pytorch.definitions.filter { $0.id.contains(" #") }.map(\.id) == [
            "Python unittest failure #2", "pytest failure #2", "Test file timeout #2", "Test file timeout #3",
            "Runner pod failed to come online #2",
        ])
        // The four repeated names and the timestamp caveat; no Rust-only syntax.
        #expect(pytorch.notes.count == 5, "\(pytorch.notes)")
        #expect(pytorch.notes.contains { $0.message.hasPrefix("78 of 102 rules start with `^`") }, "\(pytorch.notes)")
        #expect(PatternSet.problems(pytorch.definitions).isEmpty, "\(PatternSet.problems(pytorch.definitions))")

        let prow = try PatternFileParser.read(path: json.path)
        #expect(prow.format == .jsonList)
        #expect(prow.definitions.count == 64)
        #expect(prow.definitions.contains { $0.regex == "^diff " }, "the trailing space is part of the regex")
        let prowList = try PatternFileParser.read(path: lines.path)
        #expect(prowList.format == .lines)
        // The two Prow files are the same list: same ids and regexes.
        #expect(prowList.definitions.map(\.id) == prow.definitions.map(\.id))
        #expect(prowList.definitions.map(\.regex) == prow.definitions.map(\.regex))

        for file in [pytorch, prow, prowList] {
            for engine in MatchEngine.allCases {
                #expect(try PatternSet(files: [file], engine: engine).count == file.definitions.count)
            }
        }
    }

    // MARK: counts on real logs

    /// The logs with each line's GitHub Actions timestamp (and the file's BOM) removed, as PyTorch's
    /// classifier sees them, so that its `^`-anchored rules are exercised too.
    static func withoutTimestamps(_ files: [URL], in directory: URL) throws -> [URL] {
        let timestamp = try NSRegularExpression(pattern: "^(?:\\x{FEFF})?\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ", options: [.anchorsMatchLines])
        return try files.map { file in
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let stripped = timestamp.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
            return try Fixture.write(stripped, to: directory.appendingPathComponent(file.lastPathComponent))
        }
    }

    /// Imported sets count the same with `--engine auto` as with the PCRE2 reference, and the same
    /// as `grep -aPc` for every pattern grep accepts, on PyTorch's classifier test logs, as they
    /// are and without timestamps.
    @Test func importedSetsCountLikeTheReferenceOnRealLogs() throws {
        guard let ruleset = Self.realFile(Self.pytorchRuleset), let json = Self.realFile(Self.prowJSON),
              let logs = Self.realFile(Self.classifyLogs) else { return }
        let raw = Fixture.files(under: logs).filter { $0.pathExtension == "txt" }  // not expected_matches.tsv
        try #require(raw.count >= 20)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stripped = try Self.withoutTimestamps(raw, in: directory)
        for path in [ruleset.path, json.path] {
            let definitions = try PatternFileParser.read(path: path).definitions
            let accepted = try definitions.filter { definition in
                let probe = try Fixture.run("/usr/bin/env", ["grep", "-aP", "-e", definition.regex, "/dev/null"], environment: ["LC_ALL": "C.UTF-8"])
                if probe.status == 2 { print("grep -P refuses \(definition.id): \(probe.stderr)") }
                return probe.status != 2
            }
            #expect(accepted.count == definitions.count, "grep -P should accept every pattern of \(path)")
            var hits: [Int] = []
            for files in [raw, stripped] {
                hits.append(try EngineDifferentialTests.compareEngines(files, definitions: definitions))
                try DifferentialTests.compareWithGrep(files, try PatternSet(definitions: accepted, sources: [path]))
            }
            #expect(hits[0] > 5, "\(path): the logs should exercise the set")
            if path == ruleset.path {
                #expect(hits[1] > 3 * hits[0], "without timestamps, the anchored rules match too: \(hits)")
            }
        }
    }
}
