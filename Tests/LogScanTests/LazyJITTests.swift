import Dispatch
import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// PCRE2 JIT compilation waits for a pattern's first match (see `PCRE2Regex`): patterns that
/// never reach PCRE2 cost no JIT time or memory, and the ones that do still count as grep does.
@Suite struct LazyJITTests {
    @Test func onlyPatternsThatReachPCRE2AreJITCompiled() throws {
        // exact on Vectorscan / literal-routed, never a candidate here / PCRE2 only (lookbehind).
        let regexes = ["OOMKilled", #"\bsegfault at [0-9a-f]+ ip\b"#, #"(?<=exit code )\d+"#]
        let patterns = try Fixture.patternSet(regexes)
        #expect(patterns.patterns.allSatisfy { $0.lineRegex.isJITPending && $0.bufferRegex?.isJITPending != false })

        let log = Array("pod OOMKilled\nprocess exited with exit code 137\nall good\nOOMKilled again\n".utf8)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(log, to: directory.appendingPathComponent("input.log"))
        let result = Fixture.scan(url, patterns)
        #expect(result.tally.counts == [2, 0, 1])

        // Without a usable Vectorscan (its start-up self-check failed) every pattern runs on PCRE2.
        if patterns.prefilter != nil {
            #expect(patterns.patterns[0].route == .exact)
            #expect(patterns.patterns[0].lineRegex.isJITPending, "an exact Vectorscan route never asks PCRE2")
            #expect(patterns.patterns[1].lineRegex.isJITPending, "no candidate line, no PCRE2 match")
        }
        let used = patterns.patterns[2]
        #expect(!used.lineRegex.isJITPending || !(used.bufferRegex?.isJITPending ?? true), "the PCRE2-only pattern was matched")
    }

    @Test func firstMatchesFromManyThreadsCompileOnceAndAgree() throws {
        let patterns = try Fixture.patternSet([#"(?i)connection (?:reset|refused) by \w+"#])
        let regex = patterns.patterns[0].lineRegex
        #expect(regex.isJITPending)
        let lines = (0..<64).map { index in
            Array((index % 3 == 0 ? "read: Connection reset by peer \(index)" : "connection ok \(index)").utf8)
        }
        let workers = 8
        let results = UnsafeMutableBufferPointer<Int>.allocate(capacity: workers)
        results.initialize(repeating: -1)
        defer { results.deallocate() }
        let slots = UncheckedSendable(results)
        // Every worker starts on the shared, not yet JIT-compiled code object at the same time.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = MatchWorkspace(patterns: patterns, limits: MatchLimits())
            var matched = 0
            for _ in 0..<50 {
                for line in lines {
                    let outcome = line.withUnsafeBufferPointer { workspace.firstMatch(regex, $0.baseAddress!, length: $0.count, from: 0) }
                    if case .match = outcome { matched += 1 }
                }
            }
            slots.value[worker] = matched
        }
        let expected = 50 * lines.indices.filter { $0 % 3 == 0 }.count
        #expect(Array(results) == Array(repeating: expected, count: workers))
        #expect(!regex.isJITPending)
    }
}

/// Hands a buffer to `concurrentPerform`'s closure; each worker writes only its own slot.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    // Safe here: the workers write disjoint elements and the test reads them after all have joined.
    let value: Value
    init(_ value: Value) { self.value = value }
}
