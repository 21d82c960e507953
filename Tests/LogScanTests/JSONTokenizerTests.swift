import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// The streaming JSON tokenizer against Python's `json` module: what one accepts the other
/// accepts, with the same strings; what one rejects the other rejects.
@Suite struct JSONTokenizerTests {
    /// Every string value and key, decoded, in document order; or the error.
    static func strings(_ json: String, bufferSize: Int = 7, maxStringBytes: Int = 1 << 20) -> Result<[String], InputError> {
        let tokenizer = JSONTokenizer(source: MemorySource(Array(json.utf8)), bufferSize: bufferSize, maxStringBytes: maxStringBytes)
        var found: [String] = []
        do throws(InputError) {
            while true {
                let token = try tokenizer.next()
                if token == .end { return .success(found) }
                if token == .string || token == .key { found.append(tokenizer.textString) }
            }
        } catch {
            return .failure(error)
        }
    }

    @Test func decodesEscapesAcrossBufferBoundaries() {
        // A 7-byte buffer puts every escape and surrogate pair across a refill somewhere.
        let json = #"{"k\"ey": ["tab\there", "nl\n", "\u00e9\u65e5", "\ud83d\ude00", "\/\\\b\f\r", "lone \ud800 x", "\udc00"], "n": [0, -1.5e3, 12]}"#
        let expected = ["k\"ey", "tab\there", "nl\n", "é日", "😀", "/\\\u{08}\u{0C}\r", "lone \u{FFFD} x", "\u{FFFD}", "n"]
        #expect((try? Self.strings(json).get()) == expected)
        for size in [4, 5, 6, 64] {
            #expect((try? Self.strings(json, bufferSize: size).get()) == expected, "buffer \(size)")
        }
    }

    @Test(arguments: [
        #"{"a": 1,}"#, #"[1 2]"#, #"{"a" 1}"#, #"{1: 2}"#, #"[01]"#, #"[1.]"#, #"[-]"#, #"[.5]"#, #"["a\x"]"#,
        #"["\u12G4"]"#, "[\"raw\ttab\"]", #"[tru]"#, #"{"a": [}"#, #"[1]]"#, #"{} {}"#, #"["unterminated"#, "",
        #"[nul]"#, #"[1e]"#, #"{"a":1"#,
    ])
    func rejectsWhatPythonRejects(_ json: String) throws {
        if case .success = Self.strings(json) { Issue.record("accepted invalid JSON: \(json)") }
        let python = try Fixture.run("/usr/bin/env", ["python3", "-c", "import json,sys; json.loads(sys.stdin.read())"],
                                     stdin: Array(json.utf8))
        #expect(python.status != 0, "Python accepts \(json), so should logscan")
    }

    @Test func acceptsWhatPythonAccepts() throws {
        for json in [#"  {"a": [true, false, null, 1e5, -0, 0.25E-2, "", {}], "b": {"c": []}}  "#, "[]", "\"s\"", "3"] {
            #expect(throws: Never.self) { try Self.strings(json).get() }
        }
    }

    @Test func boundsNestingAndStringLength() {
        let deep = String(repeating: "[", count: JSONTokenizer.maxDepth + 1) + String(repeating: "]", count: JSONTokenizer.maxDepth + 1)
        guard case .failure(let error) = Self.strings(deep) else { Issue.record("deep nesting accepted"); return }
        #expect(error.kind == .malformedJSON && error.message.contains("nesting deeper than"))
        let ok = String(repeating: "[", count: JSONTokenizer.maxDepth) + String(repeating: "]", count: JSONTokenizer.maxDepth)
        #expect(throws: Never.self) { try Self.strings(ok).get() }

        let long = "[\"" + String(repeating: "x", count: 5000) + "\"]"
        guard case .failure(let tooLong) = Self.strings(long, maxStringBytes: 4096) else { Issue.record("long string accepted"); return }
        #expect(tooLong.message.contains("a string longer than"))
    }

    @Test func skipsUncapturedStringsWithoutALimit() throws {
        let json = "{\"skip\": \"" + String(repeating: "y", count: 100_000) + "\", \"keep\": \"z\"}"
        let tokenizer = JSONTokenizer(source: MemorySource(Array(json.utf8)), bufferSize: 1024, maxStringBytes: 16)
        #expect(try tokenizer.next() == .beginObject)
        #expect(try tokenizer.next() == .key)
        #expect(try tokenizer.next(captureStrings: false) == .string)
        #expect(try tokenizer.next() == .key && tokenizer.textString == "keep")
        #expect(try tokenizer.next() == .string && tokenizer.textString == "z")
        #expect(try tokenizer.next() == .endObject)
        #expect(try tokenizer.next() == .end)
    }

    @Test func readsIntegers() throws {
        let tokenizer = JSONTokenizer(source: MemorySource(Array("[1585369505000, -3, 2.9e3, 99999999999999999999]".utf8)))
        #expect(try tokenizer.next() == .beginArray)
        var values: [Int?] = []
        while try tokenizer.next() == .number { values.append(tokenizer.integerValue) }
        #expect(values == [1_585_369_505_000, -3, 2900, nil])
    }
}
