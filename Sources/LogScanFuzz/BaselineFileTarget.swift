import LogScan

/// Saved baselines read back. Promised: a file is either refused with a one-line message naming it,
/// or read to sorted, distinct hashes that write back to exactly its bytes, and that the lookup
/// table finds (and only them).
final class BaselineFileTarget: FuzzTarget {
    static let name = "baseline"

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        // Most inputs start as a valid file, so the header is given and the fuzzer varies the rest.
        let bytes = TemplateBaseline.magic + Array(input)
        for candidate in [Array(input), bytes] {
            do {
                let baseline = try TemplateBaseline.read(candidate, path: "fuzz.baseline")
                if baseline.bytes() != candidate { violated("a baseline does not write back to its bytes", candidate.shown) }
                for hash in baseline.hashes where !baseline.contains(hash) { violated("a baseline's template is not found", "\(hash)") }
                for probe in baseline.hashes.map({ $0 &+ 1 }) where !baseline.hashes.contains(probe) && baseline.contains(probe) {
                    violated("a baseline finds a template it lacks", "\(probe)")
                }
            } catch {
                if !isOneLine(error.description) || !error.description.hasPrefix("fuzz.baseline: ") {
                    violated("a baseline error is not one line naming the file", error.description)
                }
            }
        }
    }
}
