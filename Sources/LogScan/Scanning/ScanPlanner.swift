import Engine

/// What happens to each input around its scan, for a consumer that knows results already: whether
/// the input is read at all, with which patterns, and what its results become before they are
/// counted and written. The state store is one (`--state`); without a planner every input is
/// scanned with the run's set.
package protocol ScanPlanner: Sendable {
    /// The patterns input `index` is scanned with: the run's set, a part of it, or nil to read
    /// nothing. Called from any worker, concurrently.
    func patterns(for index: Int) -> PatternSet?
    /// The results of input `index` as they are written, counts indexed by the run's set. Called
    /// in input order, one at a time; `scanned` is empty when `patterns(for:)` was nil.
    func complete(_ index: Int, scanned: [DocumentResult]) -> [DocumentResult]
}
