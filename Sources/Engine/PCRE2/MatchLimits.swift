/// Bounds on the work PCRE2 may do for one line, so a pathological pattern such as `(a+)+$`
/// cannot hang a scan. A line that exceeds them is reported under `limit_hits`, not dropped silently.
package struct MatchLimits: Sendable, Hashable {
    /// PCRE2's match limit (backtracking steps); PCRE2's own default is 10,000,000.
    package var matchLimit: UInt32
    /// PCRE2's depth limit (interpreter only; JIT code is bounded by the JIT stack instead).
    package var depthLimit: UInt32
    /// Largest JIT stack a worker may grow to.
    package var jitStackBytes: Int

    package init(matchLimit: UInt32 = 10_000_000, depthLimit: UInt32 = 10_000_000, jitStackBytes: Int = 8 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.jitStackBytes = jitStackBytes
    }
}
