import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// `logscan patterns convert`: whatever was read comes back the same from the YAML it writes.
@Suite struct PatternConvertTests {
    /// What must survive `patterns convert` and a reload.
    struct Essentials: Equatable {
        var id: String, regex: String, description: String?, tags: [String], match: [String], nomatch: [String], priority: Int?
        init(_ definition: PatternDefinition) {
            id = definition.id
            regex = definition.regex
            description = definition.description
            tags = definition.tags
            match = definition.matchExamples
            nomatch = definition.nomatchExamples
            priority = definition.priority
        }
    }

    func roundTrip(_ file: PatternFile) throws -> PatternFile {
        let yaml = PatternSetYAMLWriter.yaml(for: file)
        let reread = try PatternFileParser.read(bytes: Array(yaml.utf8), fileName: "converted.yaml")
        #expect(reread.format == .yaml)
        #expect(reread.definitions.map(Essentials.init) == file.definitions.map(Essentials.init))
        #expect(reread.linePreparation == file.linePreparation)
        return reread
    }

    @Test func awkwardTextSurvivesConversion() throws {
        let awkward = [
            "it's", "''", "\"", "\\d+\\\\", "# not a comment", "a #b", "key: value", "- dash", "[a-z]+", "{1,}", "*star", "&anchor",
            "!tag", "%pct", "@at", "`tick", "|pipe", ">gt", "?q", "trailing space ", " leading space", "tab\there", "\u{1B}\\[31m",
            "line\nbreak", "cr\r", "nel\u{85}x", "ls\u{2028}ps\u{2029}", "bom\u{FEFF}", "del\u{7F}", "c1\u{9B}", "😀 • é", "", "null",
            "~", "true", "123", "0x1F", "\u{0}nul",
        ]
        let definitions = awkward.enumerated().map { index, text in
            PatternDefinition(id: "p \(index) '\"#", regex: text, description: text.isEmpty ? nil : "about \(text)", tags: [text, "t"],
                              matchExamples: [text], nomatchExamples: [text + "x"], priority: index - 3,
                              location: SourceLocation(file: "x", line: index + 1))
        }
        let file = PatternFile(path: "weird\nname.yaml", format: .yaml, name: "n: 'x'", description: "d\n2", definitions: definitions,
                               notes: [PatternFileNote(location: SourceLocation(file: "x", line: 1), message: "multi\nline\u{2028}note")])
        let reread = try roundTrip(file)
        #expect(reread.name == "n: 'x'")
        #expect(reread.description == "d\n2")
        #expect(YAMLQuoting.quoted(#"^\[(0;)?31m it's"#) == #"'^\[(0;)?31m it''s'"#)
        #expect(YAMLQuoting.quoted("a\tb\u{1B}") == #""a\tb\x1B""#)
    }

    @Test func realFilesRoundTrip() throws {
        for url in [PatternImportTests.pytorchRuleset, PatternImportTests.prowJSON, PatternImportTests.prowLines] {
            guard let path = PatternImportTests.realFile(url)?.path else { return }
            let file = try PatternFileParser.read(path: path)
            let reread = try roundTrip(file)
            #expect(reread.linePreparation.stripTimestamps == (file.format == .pytorchTOML ? true : nil))
            #expect(reread.description == "Imported from \(url.lastPathComponent) (\(file.format.rawValue)).")
            for engine in MatchEngine.allCases {
                #expect(try PatternSet(files: [reread], engine: engine).count == file.definitions.count)
            }
        }
    }
}
