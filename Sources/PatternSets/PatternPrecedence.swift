/// The order in which patterns compete when one line or file may be claimed by only one of them
/// (classification, and the `shadowed` lint rule).
///
/// Explicit priorities come first, ascending (1 before 2); ties, and patterns without a priority,
/// keep their load order (files in the order given, patterns in file order), and patterns without
/// a priority come after every pattern that has one. So a set with no `priority:` keys competes in
/// file order, and an imported PyTorch ruleset (priorities 1...N from its order) keeps its order.
package enum PatternPrecedence {
    /// Indices into `definitions`, highest precedence first.
    package static func order(_ definitions: [PatternDefinition]) -> [Int] {
        definitions.indices.sorted { left, right in
            switch (definitions[left].priority, definitions[right].priority) {
            case let (l?, r?) where l != r: return l < r
            case (_?, nil): return true
            case (nil, _?): return false
            default: return left < right
            }
        }
    }

    /// For each index into `definitions`, its place in `order` (0 = highest precedence).
    package static func ranks(_ definitions: [PatternDefinition]) -> [Int] {
        var ranks = [Int](repeating: 0, count: definitions.count)
        for (rank, index) in order(definitions).enumerated() { ranks[index] = rank }
        return ranks
    }
}
