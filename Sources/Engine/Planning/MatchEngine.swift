/// Which machinery counts the matches. Both give the same counts; `pcre2` is the reference.
package enum MatchEngine: String, Sendable, CaseIterable {
    /// One Vectorscan pass over each buffer finds candidate lines for every pattern it can take;
    /// PCRE2 confirms where Vectorscan is not exact, and runs alone the patterns Vectorscan refuses.
    case auto
    /// One PCRE2 pass per pattern (the reference path).
    case pcre2
}

/// How one pattern is counted under `MatchEngine.auto`.
package enum PatternRoute: Sendable, Hashable {
    /// Vectorscan's report on a line is the answer (PCRE2 still checks lines over
    /// `VectorscanRoute.exactLineLimit` bytes, where its match limit could matter).
    case exact
    /// Vectorscan names candidate lines; PCRE2 decides each one. The string says why.
    case prefilter(String)
    /// Not in the Vectorscan database; PCRE2 searches for it on its own. The string says why.
    case pcre2Only(String)

    package var label: String {
        switch self {
        case .exact: return "exact"
        case .prefilter: return "prefilter+confirm"
        case .pcre2Only: return "PCRE2 only"
        }
    }

    package var reason: String? {
        switch self {
        case .exact: return nil
        case .prefilter(let why), .pcre2Only(let why): return why
        }
    }
}
