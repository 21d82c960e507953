import Engine
import PatternSets

/// Up to four regexes compiled as `--engine auto` plans them (Vectorscan exact, prefilter and
/// literal-factor routes, buffer search) and as `--engine pcre2` (one PCRE2 pass per pattern,
/// the reference), over the same lines. Promised (README, `--engine`): the same lines matched.
/// A pattern on which PCRE2 gave up on some line in either run is not compared: limit hits are
/// reported, and where they fall depends on the route.
final class RouteAgreementTarget: FuzzTarget, CostlyPrefix {
    static let name = "routes"
    static let maxRegexes = 4

    /// Both sets compiled, with a matcher each, reused from input to input as a worker reuses its
    /// matcher from chunk to chunk.
    private struct Compiled {
        let reference: PatternSet
        let planned: PatternSet
        let referenceMatcher: ChunkMatcher
        let plannedMatcher: ChunkMatcher
    }

    /// Compiled pairs by their regexes, enough for every regex set in a grown corpus: most
    /// mutations change only the lines (`costlyPrefixLength`), and a Vectorscan compile costs a
    /// hundred times a scan. Nil when PCRE2 refuses the regexes.
    private var compiled: [[String]: Compiled?] = [:]

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        let split = RegexesAndText(input, maxRegexes: Self.maxRegexes)
        guard !split.regexes.isEmpty else { return }
        let sets: Compiled?
        if let known = compiled[split.regexes] {
            sets = known
        } else {
            sets = compile(split.definitions())
            if compiled.count >= 4096 { compiled.removeAll(keepingCapacity: true) }
            compiled[split.regexes] = sets
        }
        guard let sets else { return }
        let planned = sets.planned
        let expected = LineRecorder.run(sets.referenceMatcher, patternCount: sets.reference.count, over: split.text)
        let got = LineRecorder.run(sets.plannedMatcher, patternCount: planned.count, over: split.text)
        for index in split.regexes.indices where !expected.gaveUp.contains(index) && !got.gaveUp.contains(index) {
            if expected.matches[index] != got.matches[index] {
                violated("routes disagree with PCRE2",
                         "regex \(split.regexes[index]) (\(planned.patterns[index].strategy)): pcre2 lines \(expected.matches[index]), auto lines \(got.matches[index])")
            }
        }
    }

    func costlyPrefixLength(_ input: UnsafeRawBufferPointer) -> Int {
        RegexesAndText.textStart(input, maxRegexes: Self.maxRegexes)
    }

    private func compile(_ definitions: [PatternDefinition]) -> Compiled? {
        guard let reference = try? PatternSet(definitions: definitions, sources: ["fuzz"], allowBufferSearch: false, engine: .pcre2)
        else { return nil }
        do {
            let planned = try PatternSet(definitions: definitions, sources: ["fuzz"], engine: .auto)
            return Compiled(reference: reference, planned: planned, referenceMatcher: LineRecorder.matcher(for: reference),
                            plannedMatcher: LineRecorder.matcher(for: planned))
        } catch {
            violated("--engine auto refused a set --engine pcre2 compiled", error.description)
        }
    }
}
