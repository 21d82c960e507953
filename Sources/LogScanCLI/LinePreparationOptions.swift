import ArgumentParser
import PatternSets

/// `--keep-ansi` and `--strip-timestamps` (each with its `--no-` form), shared by the commands that
/// read logs. Unset, a flag leaves the choice to the pattern set (`line_preparation:`), then to the
/// default: ANSI escape sequences removed, timestamps kept.
struct LinePreparationOptions: ParsableArguments {
    @Flag(name: .customLong("keep-ansi"), inversion: .prefixedNo,
          help: "Match lines with ANSI escape sequences left in (--no-keep-ansi: removed, the default).")
    var keepANSI: Bool?

    @Flag(name: .customLong("strip-timestamps"), inversion: .prefixedNo,
          help: "Remove ISO 8601 timestamp prefixes (GitHub Actions' `2024-07-08T16:59:08.1747875Z `) from lines before matching, so ^-anchored patterns match the text after them. Default: as the pattern set says (a PyTorch ruleset.toml strips them), else kept.")
    var stripTimestamps: Bool?

    /// The preparation in effect: the command line over the set, the set over the defaults.
    func resolve(_ set: LinePreparation) -> (keepANSI: Bool, stripTimestamps: Bool) {
        (keepANSI ?? set.stripANSI.map { !$0 } ?? false, stripTimestamps ?? set.stripTimestamps ?? false)
    }
}
