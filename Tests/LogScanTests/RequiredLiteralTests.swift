import LogScan
import Testing

/// The literal `bench` uses to flag patterns a prefilter cannot anchor on.
@Suite struct RequiredLiteralTests {
    @Test(arguments: [
        (#"\bOOMKill(?:ed|ing)\b"#, "OOMKill"),
        (#"(\w+) \1"#, " "),
        (#"\b\w+(?:Error|Exception): "#, "Error"),
        (#"foo|barbaz"#, "foo"),
        (#"colou?r mismatch"#, "r mismatch"),
        (#"(?i)connection reset by peer"#, "connection reset by peer"),
        (#"(?=.*error)(?=.*timeout).*$"#, ""),
        (#"a{0,3}bc\.d"#, "bc.d"),
        (#"(?<name>exit code) \d+"#, "exit code"),  // a group ends a run: conservative
        (#"(?:maybe)?sure"#, "sure"),
        (#"[A-Z]+Error"#, "Error"),
        (#"\x41\x42\x43x"#, "x"),
        (#"(*UTF)abc"#, "abc"),
    ])
    func longestLiteral(_ regex: String, _ expected: String) {
        #expect(RequiredLiteral.longest(in: regex) == expected, "\(regex)")
    }
}
