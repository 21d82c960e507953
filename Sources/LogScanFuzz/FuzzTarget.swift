/// One fuzzed reader: `check` runs one input through it and stops the process (a trap, which
/// libFuzzer records as a crash with the input) when a promise does not hold. Crashes, hangs and
/// memory errors are found by libFuzzer and AddressSanitizer themselves; `check` adds the
/// promises a crash would not show: readers that agree, diagnostics that stay one line.
protocol FuzzTarget: AnyObject {
    /// What `LOGSCAN_FUZZ_TARGET` and the replay command call it; also its seed folder's name.
    static var name: String { get }
    init()
    func check(_ input: UnsafeRawBufferPointer)
}

/// A target whose inputs begin with a part that is costly to change (regexes to compile, which
/// takes a hundred times as long as a scan): the fuzzer mostly mutates what follows it, so that
/// executions are spent on many inputs per compiled prefix.
protocol CostlyPrefix {
    /// How many leading bytes of `input` are the costly part.
    func costlyPrefixLength(_ input: UnsafeRawBufferPointer) -> Int
}

enum FuzzTargets {
    static var all: [any FuzzTarget.Type] {
        [GzipReadersTarget.self, JSONTokenizerTarget.self, DocumentTarget.self, PatternFileTarget.self, RegexSyntaxTarget.self,
         RouteAgreementTarget.self, TemplateTarget.self, BaselineFileTarget.self, ReportInputTarget.self]
    }

    static func named(_ name: String) -> (any FuzzTarget.Type)? {
        all.first { $0.name == name }
    }
}

/// Stops with a message naming the broken promise: a finding, not an error to handle.
func violated(_ promise: String, _ detail: @autoclosure () -> String = "") -> Never {
    let text = detail()
    fatalError(text.isEmpty ? promise : "\(promise): \(text)")
}

extension Array where Element == UInt8 {
    /// A short readable form of bytes for a finding's message.
    var shown: String {
        let head = prefix(200).map { byte -> String in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\") ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
        }.joined()
        return count > 200 ? head + "... (\(count) bytes)" : head
    }
}

/// Whether a diagnostic is one line of printable text, as every message logscan prints must be.
func isOneLine(_ message: String) -> Bool {
    !message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }
}
