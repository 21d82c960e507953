import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

@Suite struct PatternSetTests {
    func load(_ yaml: String, name: String = "set.yaml") throws -> Result<PatternSet, PatternSetError> {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(yaml, to: directory.appendingPathComponent(name))
        do { return .success(try PatternSet.load(paths: [url.path])) } catch { return .failure(error) }
    }

    func loadError(_ yaml: String) throws -> PatternSetError {
        guard case .failure(let error) = try load(yaml) else {
            Issue.record("expected the set to be rejected")
            return PatternSetError(location: nil, message: "")
        }
        return error
    }

    @Test func badRegexNamesFileLineIdAndOffset() throws {
        let error = try loadError("patterns:\n  - id: fine\n    regex: 'ok'\n  - id: oom\n    regex: 'Killed (process'\n")
        #expect(error.location?.line == 5)
        #expect(error.location?.file.hasSuffix("set.yaml") == true)
        #expect(error.patternID == "oom")
        #expect(error.description.hasSuffix(":5 (id oom): missing closing parenthesis at offset 15"))
    }

    @Test func duplicateIdsAreRejected() throws {
        let error = try loadError("patterns:\n  - id: a\n    regex: x\n  - id: a\n    regex: y\n")
        #expect(error.message.contains("duplicate id"))
        #expect(error.location?.line == 5)
    }

    @Test func structuralMistakesAreReported() throws {
        #expect(try loadError("patterns:\n  - id: a\n    regexp: x\n").message.contains("unknown key `regexp`"))
        #expect(try loadError("patterns:\n  - regex: x\n").message.contains("missing `id`"))
        #expect(try loadError("patterns:\n  - id: ' padded'\n    regex: x\n").message.contains("must not start or end with spaces"))
        #expect(try loadError("patterns:\n  - id: \"two\\nlines\"\n    regex: x\n").message.contains("control characters"))
        #expect(try loadError("patterns:\n  - id: a\n    regex: x\n    priority: high\n").message.contains("`priority` must be an integer"))
        #expect(try loadError("patterns: [\n").message.contains("invalid YAML"))
        #expect(try loadError("patterns:\n  - id: a\n    regex: x\n    tags: nope\n").message.contains("tags"))
    }

    @Test func plainListsUseStemAndLineNumberIds() throws {
        guard case .success(let set) = try load("# comment\nOOMKilled\n\nno space left\r\n", name: "grep-list.txt") else {
            Issue.record("plain list should load")
            return
        }
        #expect(set.patterns.map(\.id) == ["grep-list:2", "grep-list:4"])
        #expect(set.patterns.map(\.definition.regex) == ["OOMKilled", "no space left"])
    }

    @Test func severalFilesMustNotShareIds() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Fixture.write("patterns:\n  - id: a\n    regex: x\n", to: directory.appendingPathComponent("one.yaml"))
        let second = try Fixture.write("patterns:\n  - id: a\n    regex: y\n", to: directory.appendingPathComponent("two.yaml"))
        #expect(throws: PatternSetError.self) { try PatternSet.load(paths: [first.path, second.path]) }
    }

    @Test func fingerprintFollowsContent() throws {
        let a = try Fixture.patternSet(["x", "y"])
        let b = try Fixture.patternSet(["x", "y"])
        let c = try Fixture.patternSet(["x", "z"])
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.fingerprint.count == "sha256:".count + 64)
    }

    @Test func builtinSetIsTheCommittedFileAndItsExamplesPass() throws {
        let committed = try Data(contentsOf: Fixture.ciFailures)
        #expect(Array(committed) == BuiltinPatterns.ciFailuresYAML)
        let builtin = try PatternSet.load(paths: [])
        #expect(builtin.count >= 60)
        for pattern in builtin.patterns {
            // Imported sets keep their own names as ids; the curated set sticks to slugs.
            #expect(pattern.id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._:/-".contains($0)) },
                    "\(pattern.id) is not a slug")
            #expect(pattern.definition.description?.isEmpty == false, "\(pattern.id) lacks a description")
            #expect(!pattern.definition.tags.isEmpty, "\(pattern.id) lacks tags")
            #expect(!pattern.definition.matchExamples.isEmpty && !pattern.definition.nomatchExamples.isEmpty,
                    "\(pattern.id) needs match and nomatch examples")
        }
        let (checked, failures) = ExampleChecker(patterns: builtin).check()
        #expect(checked >= 120)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func riskyConstructsAreMatchedLineByLine() throws {
        let set = try Fixture.patternSet(["FAIL", "(?<!x)FAIL", "FAIL(?!ed)", "\\AFAIL", "a++b", "(?>a|ab)c", "(?-m)^x", "(*LF)x"],
                                         engine: .pcre2)
        let strategies = set.patterns.map { $0.strategy.contains("PCRE2 buffer search") }
        #expect(strategies == [true, false, false, false, false, false, false, false])
    }

    @Test func setsCarryTheirLinePreparation() throws {
        guard case .success(let set) = try load("line_preparation:\n  strip_timestamps: true\n  strip_ansi: false\npatterns:\n  - id: a\n    regex: '^x'\n") else {
            Issue.record("did not load")
            return
        }
        #expect(set.linePreparation == LinePreparation(stripTimestamps: true, stripANSI: false))
        guard case .success(let plain) = try load("patterns:\n  - id: a\n    regex: 'x'\n") else { return }
        #expect(plain.linePreparation.isEmpty)
        #expect(try loadError("line_preparation:\n  strip_timestamps: yes please\npatterns: []\n").message.contains("must be true or false"))
        #expect(try loadError("line_preparation:\n  strip_tabs: true\npatterns: []\n").message.contains("unknown key `line_preparation.strip_tabs`"))
        #expect(try loadError("line_preparation: true\npatterns: []\n").message.contains("`line_preparation` must map"))
    }

    @Test func filesThatDisagreeOnLinePreparationAreRejected() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stripping = try Fixture.write("line_preparation:\n  strip_timestamps: true\npatterns:\n  - id: a\n    regex: 'a'\n",
                                          to: directory.appendingPathComponent("a.yaml"))
        let keeping = try Fixture.write("line_preparation:\n  strip_timestamps: false\npatterns:\n  - id: b\n    regex: 'b'\n",
                                        to: directory.appendingPathComponent("b.yaml"))
        let silent = try Fixture.write("patterns:\n  - id: c\n    regex: 'c'\n", to: directory.appendingPathComponent("c.yaml"))
        #expect(try PatternSet.load(paths: [stripping.path, silent.path]).linePreparation.stripTimestamps == true)
        #expect(throws: PatternSetError.self) { try PatternSet.load(paths: [stripping.path, keeping.path]) }
        do {
            _ = try PatternSet.load(paths: [stripping.path, silent.path, keeping.path])
        } catch {
            #expect(error.message.contains("a.yaml has strip_timestamps: true") && error.message.contains("b.yaml has strip_timestamps: false"))
        }
    }
}
