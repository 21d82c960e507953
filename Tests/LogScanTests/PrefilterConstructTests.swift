import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// Constructs Vectorscan rejects, approximates, or reads differently over a multi-line buffer.
/// Each case proves three things: the pattern takes the route we claim, and the `auto` count
/// equals the `pcre2` count, which equals GNU `grep -P -c` (the independent oracle).
@Suite struct PrefilterConstructTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var regex: String
        var route: String
        var text: String
        var testDescription: String { "\(regex) [\(route)]" }
    }

    static let lines = """
        foo foo bar
        foobar
        xbar
        abc abd ab
        error: abc
        Error: x
        ERROR: Y
        aaaa
        aaaab
        say ſuccess and SUCCESS
        \u{212A}elvin
        café café
        the end
        end
        tail
        ab\tcd
        a
        b
        value=1234 retry=2
        thread 'main' panicked at src/x.rs
        I0102 10:00:01.5 33 main.go:12] lease renewed
        x.go:1] lease without the klog head
        I0102 10:00:01.5 33 main.go:12] leaseholder
          at com.example.QueueWorker.run(QueueWorker.java:10)
        .QueueWorker.run( alone
        Error: a b FATAL ERROR
         Fatal Error alone
        AUTH-SYNC_12 step failed
        AUTH_SYNC_3 failed
        AUTH SYNC_3 failed
        AUTH.SYNC_1 failed
        """

    static let cases: [Case] = [
        Case(regex: #"(\w+) \1"#, route: "prefilter+confirm", text: lines),                 // backreference
        Case(regex: #"(?<=foo)bar"#, route: "prefilter+confirm", text: lines),              // lookbehind
        Case(regex: #"(?<!foo)bar"#, route: "prefilter+confirm", text: lines),              // negative lookbehind
        Case(regex: #"foo(?!bar)"#, route: "prefilter+confirm", text: lines),               // negative lookahead
        Case(regex: #"ab\Kc"#, route: "PCRE2 only", text: lines),                           // \K
        Case(regex: #"a++b"#, route: "prefilter+confirm", text: lines),                     // possessive
        Case(regex: #"(?>a+)b"#, route: "prefilter+confirm", text: lines),                  // atomic group
        Case(regex: #"(*UTF)caf"#, route: "PCRE2 only", text: lines),                       // start-of-pattern verb
        Case(regex: #"x*"#, route: "PCRE2 only", text: lines),                              // matches empty
        Case(regex: #"(?:end)?"#, route: "PCRE2 only", text: lines),                        // matches empty
        Case(regex: #"^"#, route: "PCRE2 only", text: lines),                               // matches empty
        Case(regex: #"\Aend"#, route: "PCRE2 only", text: lines),                           // \A: line start here
        Case(regex: #"end\z"#, route: "PCRE2 only", text: lines),                           // \z: line end here
        Case(regex: #"end\Z"#, route: "PCRE2 only", text: lines),
        Case(regex: #"(?-m)^end$"#, route: "PCRE2 only", text: lines),                      // multiline switched off
        Case(regex: #"^end$"#, route: "exact", text: lines),
        Case(regex: #"(a)?(?(1)b|c)d"#, route: "prefilter+confirm", text: lines),          // conditional, approximated
        Case(regex: #"end\s+tail"#, route: "prefilter+confirm", text: lines),               // could span lines
        Case(regex: #"a\nb"#, route: "prefilter+confirm", text: lines),                     // literal newline: never a line
        Case(regex: #"d[^x]+t"#, route: "prefilter+confirm", text: lines),                  // negated class spans lines
        Case(regex: #"(?s)end.tail"#, route: "prefilter+confirm", text: lines),             // dot matches newline
        Case(regex: #"\d{1,40}"#, route: "prefilter+confirm", text: lines),                 // widened repeat
        Case(regex: #"thread '[^']{1,200}' panicked"#, route: "prefilter+confirm", text: lines),
        Case(regex: #"(?i)success"#, route: "exact", text: lines),                          // Unicode case folding: ſ
        Case(regex: #"(?i)kelvin"#, route: "exact", text: lines),                           // Kelvin sign
        Case(regex: #"caf\w"#, route: "exact", text: lines),                                // \w is ASCII (no UCP)
        Case(regex: #"caf.\b"#, route: "exact", text: lines),
        Case(regex: #"(?i)^error: "#, route: "exact", text: lines),
        Case(regex: #"(a+)+b"#, route: "prefilter+confirm", text: lines),                   // nested repetition
        Case(regex: #"value=\d+ retry=\d+"#, route: "exact", text: lines),
        // Searched by Vectorscan from the literal after their unbounded head (`SearchSuffix`):
        // lines holding only the suffix must be rejected by the confirmation.
        Case(regex: #"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\blease\b"#, route: "prefilter+confirm", text: lines),
        Case(regex: #"^\s*at [\w.$]+\.Queue\w*\.\w+\("#, route: "prefilter+confirm", text: lines),
        Case(regex: #"(?i)^\w+: \w+ \w+ fatal error"#, route: "prefilter+confirm", text: lines),
        // A small class read as alternatives by the literal signature.
        Case(regex: #"\bAUTH[-_]SYNC_\d+.*\bfailed"#, route: "prefilter+confirm", text: lines),
    ]

    @Test(arguments: cases)
    func routeAndCountsAgree(_ testCase: Case) throws {
        let auto = try Fixture.patternSet([testCase.regex], engine: .auto)
        #expect(auto.patterns[0].route.label == testCase.route, "\(auto.patterns[0].strategy)")
        let bytes = Array(testCase.text.utf8)
        let fast = try Fixture.scan(bytes, [testCase.regex], options: ScanOptions(exampleLimit: 5))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(bytes, to: directory.appendingPathComponent("in.log"))
        let slow = Fixture.scan(url, try Fixture.patternSet([testCase.regex], engine: .pcre2), options: ScanOptions(exampleLimit: 5))
        #expect(fast.tally.counts == slow.tally.counts)
        #expect(fast.tally.examples == slow.tally.examples)
        let oracle = try Fixture.grepCount(testCase.regex, files: [url.path])
        #expect(fast.tally.counts[0] == oracle[url.path], "grep -P says \(oracle[url.path] ?? -1)")
    }

    /// Every construct again, over lines with ill-formed bytes before, after and inside them and in
    /// place of their spaces. Such lines are scanned as a copy with those bytes replaced by NUL,
    /// so this checks that no match PCRE2 finds next to an ill-formed byte (`\b`, `^`, `$`, a
    /// class, a literal) is lost, and that what the NUL adds is rejected by the confirmation.
    @Test(arguments: cases.filter { $0.route != "PCRE2 only" })
    func constructsAgreeNextToIllFormedBytes(_ testCase: Case) throws {
        var bytes: [UInt8] = []
        for line in testCase.text.split(separator: "\n", omittingEmptySubsequences: false).map({ Array($0.utf8) }) {
            bytes += line + [0x0A]
            bytes += [0xFF] + line + [0x0A]
            bytes += line + [0xC3, 0x0A]                                       // truncated sequence at the end
            bytes += line.map { $0 == 0x20 ? 0x80 : $0 } + [0x0A]              // lone continuation bytes
            if line.count > 2 {
                bytes += line[..<(line.count / 2)] + [0xED, 0xA0, 0x80] + line[(line.count / 2)...] + [0x0A]  // surrogate
                bytes += [0xE2, 0x82] + line[1...] + [0x0A]
            }
        }
        let fast = try Fixture.scan(bytes, [testCase.regex], options: ScanOptions(exampleLimit: 50))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(bytes, to: directory.appendingPathComponent("in.log"))
        let slow = Fixture.scan(url, try Fixture.patternSet([testCase.regex], engine: .pcre2), options: ScanOptions(exampleLimit: 50))
        #expect(fast.tally.counts == slow.tally.counts)
        #expect(fast.tally.examples == slow.tally.examples)
        let oracle = try Fixture.grepCount(testCase.regex, files: [url.path])
        #expect(fast.tally.counts[0] == oracle[url.path], "grep -P says \(oracle[url.path] ?? -1)")
    }

    /// Ill-formed UTF-8 anywhere in a chunk: those lines are scanned repaired, the rest as they are.
    @Test func invalidUTF8LinesAgree() throws {
        var bytes: [UInt8] = []
        for index in 0..<3000 {
            switch index % 7 {
            case 0: bytes += Array("error: caf".utf8) + [0xC3, 0x28] + Array(" timeout\n".utf8)  // invalid 2-byte
            case 1: bytes += Array("ok café timeout\n".utf8)
            case 2: bytes += [0xFF, 0xFE] + Array("error: x\n".utf8)
            case 3: bytes += Array("error: overlong ".utf8) + [0xC0, 0xAF] + Array("\n".utf8)
            case 4: bytes += Array("surrogate ".utf8) + [0xED, 0xA0, 0x80] + Array(" error: y\n".utf8)
            case 5: bytes += Array("truncated é".utf8) + [0xE2, 0x82] + Array("\n".utf8)
            default: bytes += Array("plain error: z timeout\n".utf8)
            }
            // A match touching ill-formed bytes, on a line with no other.
            switch index % 5 {
            case 0: bytes += [0xFF] + Array("timeout".utf8) + [0xFE, 0x0A]
            case 1: bytes += Array("x".utf8) + [0x80] + Array("timeout".utf8) + [0xC3, 0x0A]
            case 2: bytes += [0xE2, 0x82] + Array("TIMEOUT".utf8) + [0x0A]
            case 3: bytes += Array("timeout".utf8) + [0xED, 0xA0, 0x80] + Array("x\n".utf8)
            default: bytes += [0xF0, 0x9F] + Array("xtimeout".utf8) + [0xF4, 0x90, 0x80, 0x80, 0x0A]
            }
        }
        let regexes = [#"error: \w+"#, #"timeout$"#, #"caf."#, #"(?i)ERROR"#, #"\berror\b.*timeout"#,
                       #"\btimeout\b"#, #"\Btimeout"#, #"timeout\B"#, #"^timeout"#, #"[^a-z]timeout"#, #"\Wtimeout\W"#,
                       #"(?i)\btimeout\b"#, #"x.timeout"#, #"^.{1,3}timeout"#]
        let fast = try Fixture.scan(bytes, regexes)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(bytes, to: directory.appendingPathComponent("in.log"))
        let slow = Fixture.scan(url, try Fixture.patternSet(regexes, engine: .pcre2))
        #expect(fast.tally.counts == slow.tally.counts)
        for (index, regex) in regexes.enumerated() {
            #expect(fast.tally.counts[index] == (try Fixture.grepCount(regex, files: [url.path]))[url.path])
        }
    }

    /// Long lines are confirmed by PCRE2 even for exact patterns; counts and limit hits agree.
    @Test func longLinesAndPathologicalPatternsAgree() throws {
        let long = String(repeating: "a", count: 5000)
        let text = "\(long)\n\(long)b\nshort ab\n\(String(repeating: "x ", count: 3000))error: late\n"
        let regexes = [#"(a+)+b"#, #"a+b"#, #"error: \w+"#, #"^a{1000}"#]
        let fast = try Fixture.scan(Array(text.utf8), regexes)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(Array(text.utf8), to: directory.appendingPathComponent("in.log"))
        let slow = Fixture.scan(url, try Fixture.patternSet(regexes, engine: .pcre2))
        #expect(fast.tally.counts == slow.tally.counts)
        #expect(fast.tally.counts == [2, 2, 1, 2])
        // Under auto, PCRE2 never sees the line Vectorscan proves cannot match, so it cannot give up
        // on it: limit hits are at most the reference's.
        for index in regexes.indices { #expect(fast.tally.limitHits[index] <= slow.tally.limitHits[index]) }
    }
}

/// Vectorscan 5.4.9's AVX-512 path misses matches (`E.*T` past a 64-byte vector). logscan scans
/// with the library's AVX2 entry and checks that entry once per process before trusting it.
@Suite struct VectorscanSelfCheckTests {
    @Test func chosenScanEntryPassesTheSelfCheck() {
        #expect(VectorscanSelfCheck.run(Vectorscan.scanEntry) == nil)
        #expect(VectorscanSelfCheck.failure == nil)
    }

    @Test func selfCheckCatchesTheDispatchedAVX512Path() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard cpuinfo.contains("avx512bw") else {
            print("skipped: no AVX-512 on this CPU, so the dispatched path is not the broken one")
            return
        }
        // Documents the upstream bug this machine has: if it ever passes, the workaround can go.
        let failure = VectorscanSelfCheck.run(Vectorscan.dispatchedEntry)
        withKnownIssue("Vectorscan 5.4.9 AVX-512 false negatives", isIntermittent: true) {
            #expect(failure == nil)
        }
    }
}
