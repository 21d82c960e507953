import Engine

/// Turns a document's path into labels with `--label-path` regexes: the first regex that matches
/// the path gives one label per named group that took part in the match; no match, no labels.
package final class PathLabeler {
    package struct Rule {
        package var source: String
        let regex: PCRE2Regex
        let groups: [(number: Int, name: String)]
    }

    package enum Failure: Error, CustomStringConvertible {
        case invalid(regex: String, message: String)
        case noNamedGroup(regex: String)

        package var description: String {
            switch self {
            case .invalid(let regex, let message): return "--label-path \(regex): \(message)"
            case .noNamedGroup(let regex):
                return "--label-path \(regex): no named group; name each label, as in 'logs/(?<job>[^/]+)/(?<build>\\d+)/'"
            }
        }
    }

    package let rules: [Rule]
    private let workspace: MatchWorkspace

    package init(regexes: [String]) throws(Failure) {
        var rules: [Rule] = []
        for source in regexes {
            let regex: PCRE2Regex
            do {
                regex = try PCRE2Regex(pattern: source, multiline: false)
            } catch {
                throw .invalid(regex: source, message: "\(error)")
            }
            let groups = regex.namedGroups
            guard !groups.isEmpty else { throw .noNamedGroup(regex: source) }
            rules.append(Rule(source: source, regex: regex, groups: groups))
        }
        self.rules = rules
        workspace = MatchWorkspace(captureCount: rules.map(\.regex.captureCount).max() ?? 0, limits: MatchLimits())
    }

    /// The labels of the first rule that matches `path`; a group that did not take part is left out.
    package func labels(path: [UInt8]) -> [DocumentLabel] {
        for rule in rules {
            let outcome = path.withUnsafeBufferPointer { bytes in
                workspace.firstMatch(rule.regex, bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, length: bytes.count, from: 0)
            }
            guard case .match = outcome else { continue }
            let ovector = workspace.ovector()
            var labels: [DocumentLabel] = []
            for group in rule.groups {
                let start = ovector[2 * group.number], end = ovector[2 * group.number + 1]
                // PCRE2_UNSET (all bits set) marks a group that did not take part.
                guard start <= end, end <= path.count else { continue }
                labels.append(DocumentLabel(name: group.name, value: String(decoding: path[start..<end], as: UTF8.self)))
            }
            return labels
        }
        return []
    }
}
