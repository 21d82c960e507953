import Engine
import PatternSets

/// Up to four regexes compiled as `--engine auto` plans them (Vectorscan exact, prefilter and
/// literal-factor routes, buffer search) and as `--engine pcre2` (one PCRE2 pass per pattern,
/// the reference), over the same lines. Promised (README, `--engine`): the same lines matched.
/// A pattern on which PCRE2 gave up on some line in either run is not compared: limit hits are
/// reported, and where they fall depends on the route.
final class RouteAgreementTarget: FuzzTarget {
    static let name = "routes"

    /// Compiled pairs by their regexes: most mutations change only the lines, and a Vectorscan
    /// compile costs a hundred times a scan. Nil when PCRE2 refuses the regexes.
    private var compiled: [[String]: (reference: PatternSet, planned: PatternSet)?] = [:]

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        let split = RegexesAndText(input, maxRegexes: 4)
        guard !split.regexes.isEmpty else { return }
        let sets: (reference: PatternSet, planned: PatternSet)?
        if let known = compiled[split.regexes] {
            sets = known
        } else {
            sets = compile(split.definitions())
            if compiled.count >= 256 { compiled.removeAll(keepingCapacity: true) }
            compiled[split.regexes] = sets
        }
        guard let (reference, planned) = sets else { return }
        let definitions = split.definitions()
        let expected = LineRecorder.run(reference, over: split.text)
        let got = LineRecorder.run(planned, over: split.text)
        for index in definitions.indices where !expected.gaveUp.contains(index) && !got.gaveUp.contains(index) {
            if expected.matches[index] != got.matches[index] {
                violated("routes disagree with PCRE2",
                         "regex \(split.regexes[index]) (\(planned.patterns[index].strategy)): pcre2 lines \(expected.matches[index]), auto lines \(got.matches[index])")
            }
        }
    }

    private func compile(_ definitions: [PatternDefinition]) -> (reference: PatternSet, planned: PatternSet)? {
        guard let reference = try? PatternSet(definitions: definitions, sources: ["fuzz"], allowBufferSearch: false, engine: .pcre2)
        else { return nil }
        do {
            return (reference, try PatternSet(definitions: definitions, sources: ["fuzz"], engine: .auto))
        } catch {
            violated("--engine auto refused a set --engine pcre2 compiled", error.description)
        }
    }
}
