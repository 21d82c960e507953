@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// The TOML subset PyTorch rulesets are read with: every string form, comments, and a file:line
/// error for everything outside the subset.
@Suite struct TOMLSubsetParserTests {
    func parse(_ text: String) throws(PatternSetError) -> TOMLSubsetDocument {
        try TOMLSubsetParser.parse(Array(text.utf8), fileName: "rules.toml")
    }

    /// The single value of a one-key rule.
    func value(_ toml: String) throws -> TOMLSubsetDocument.Value {
        let document = try parse("[[rule]]\nkey = \(toml)\n")
        return try #require(document.tables.first?.entries.first?.value)
    }

    func error(_ text: String) -> PatternSetError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func tablesKeysLinesAndComments() throws {
        let document = try parse("""
            # header comment
            top = 1

            [[rule]]   # trailing comment
            name = 'a'  # comment after a value
            "quoted key" = true
            'literal key' = -12_000
            [[ rule ]]
            name = "b"
            [[other]]
            x = false
            """)
        #expect(document.rootEntries == [.init(key: "top", value: .integer(1), line: 2)])
        #expect(document.tables.map(\.name) == ["rule", "rule", "other"])
        #expect(document.tables.map(\.line) == [4, 8, 10])
        #expect(document.tables[0].entries == [
            .init(key: "name", value: .string("a"), line: 5),
            .init(key: "quoted key", value: .boolean(true), line: 6),
            .init(key: "literal key", value: .integer(-12_000), line: 7),
        ])
        #expect(document.tables[1].value("name")?.value == .string("b"))
    }

    @Test func basicStringEscapes() throws {
        #expect(try value(#""tab\there \"q\" back\\slash \u00e9 \U0001F600 \b\f\r\n""#)
                == .string("tab\there \"q\" back\\slash é 😀 \u{08}\u{0C}\r\n"))
        #expect(try value(##""# not a comment""##) == .string("# not a comment"))
        #expect(try value(#""""#) == .string(""))
    }

    @Test func literalStringsKeepBackslashes() throws {
        #expect(try value(#"'^\s*Error \((\w+)\) Linter failed$'"#) == .string(#"^\s*Error \((\w+)\) Linter failed$"#))
        #expect(try value("'a \"quoted\" # word'") == .string("a \"quoted\" # word"))
        #expect(try value("''") == .string(""))
    }

    @Test func multilineLiteralStrings() throws {
        #expect(try value("'''^Makefile:\\d+: recipe for target '.+' failed'''") == .string("^Makefile:\\d+: recipe for target '.+' failed"))
        // A line break right after the opening quotes is dropped; later ones are kept.
        #expect(try value("'''\nfirst\nsecond\n'''") == .string("first\nsecond\n"))
        // One or two quotes just before the closing three belong to the string.
        #expect(try value("''''quoted''''") == .string("'quoted'"))
        #expect(try value("'''x'''''") == .string("x''"))
        #expect(try value("'''a\r\nb'''") == .string("a\nb"))
    }

    @Test func multilineBasicStrings() throws {
        #expect(try value("\"\"\"\nline one\\tA\nline two\"\"\"") == .string("line one\tA\nline two"))
        // A backslash at the end of a line joins it to the next non-blank text.
        #expect(try value("\"\"\"joined \\\n      \n   here\"\"\"") == .string("joined here"))
        #expect(try value("\"\"\"say \"hi\" and \"\"ok\"\"\"\"\"") == .string("say \"hi\" and \"\"ok\"\""))
    }

    @Test func linesAreCountedThroughMultilineStrings() throws {
        let document = try parse("[[rule]]\nname = '''\none\ntwo'''\npattern = 'x'\n")
        #expect(document.tables[0].value("pattern")?.line == 5)
        let failure = error("[[rule]]\nname = '''\none\ntwo'''\npattern = [1]\n")
        #expect(failure?.location?.line == 5)
    }

    @Test func valuesOutsideTheSubsetAreRefusedWithTheirLine() {
        let cases: [(String, Int, String)] = [
            ("[[rule]]\nname = 'a'\n[table]\n", 3, "standard tables"),
            ("[[rule]]\n\nname.x = 'a'\n", 3, "dotted keys"),
            ("[[rule]]\ntags = ['a']\n", 2, "arrays"),
            ("[[rule]]\nt = { a = 1 }\n", 2, "inline tables"),
            ("[[rule]]\nf = 1.5\n", 2, "floats"),
            ("[[rule]]\nd = 1979-05-27\n", 2, "dates"),
            ("[[rule]]\nh = 0x1F\n", 2, "hex"),
            ("[[rule]]\nn = 012\n", 2, "not a value"),
            ("[[rule]]\np = \"^\\s+x\"\n", 2, "invalid escape `\\s`"),
            ("[[rule]]\np = 'unterminated\n", 2, "unterminated string"),
            ("[[rule]]\np = \"also\nunterminated\"\n", 2, "unterminated string"),
            ("[[rule]]\np = '''never closed\n\n", 2, "no closing ''' before the end"),
            ("[[rule]]\np = 'a' 'b'\n", 2, "unexpected `'b'`"),
            ("[[rule]]\np = 'a'\np = 'b'\n", 3, "defined twice in the same table (first on line 2)"),
            ("[[rule]]\np = \n", 2, "missing value"),
            ("[[rule]]\n= 'x'\n", 2, "expected a key"),
            ("[[rule\n", 1, "expected `]]`"),
            ("[[rule]]\np = 'tab\u{01}'\n", 2, "control character"),
            ("[[rule]]\np = \"\\uD800\"\n", 2, "not a Unicode scalar"),
            ("[[rule]]\np = \"\\u12\"\n", 2, "4 hex digits"),
            ("rule = 'x'\n[[rule]]\n", 2, "both a key"),
            ("[[rule]]\np = '''x''''''\n", 2, "too many quotes"),
        ]
        for (text, line, message) in cases {
            guard let failure = error(text) else {
                Issue.record("accepted: \(text.debugDescription)")
                continue
            }
            #expect(failure.location?.file == "rules.toml")
            #expect(failure.location?.line == line, "\(text.debugDescription): \(failure)")
            #expect(failure.message.hasPrefix("TOML: "))
            #expect(failure.message.contains(message), "\(text.debugDescription): \(failure)")
        }
    }

    @Test func invalidUTF8IsRefusedWithItsLine() {
        var bytes = Array("[[rule]]\nname = 'a'\npattern = '".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("'\n".utf8)
        let failure = #expect(throws: PatternSetError.self) { try TOMLSubsetParser.parse(bytes, fileName: "x.toml") }
        #expect(failure?.location?.line == 3)
        #expect(failure?.message.contains("UTF-8") == true)
    }

    @Test func crlfLineEndingsAndBOM() throws {
        let document = try TOMLSubsetParser.parse([0xEF, 0xBB, 0xBF] + Array("[[rule]]\r\nname = 'a' # c\r\npattern = \"b\"\r\n".utf8), fileName: "x")
        #expect(document.tables[0].entries.map(\.value) == [.string("a"), .string("b")])
        #expect(document.tables[0].entries.map(\.line) == [2, 3])
    }
}
