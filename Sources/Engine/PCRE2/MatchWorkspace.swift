import CLogScanPCRE2

/// One worker's private PCRE2 state: match data, match context with limits, and a JIT stack.
/// PCRE2 requires these per thread; the compiled patterns themselves are shared.
package final class MatchWorkspace {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?

    package convenience init(patterns: PatternSet, limits: MatchLimits) {
        self.init(captureCount: patterns.maxCaptureCount, limits: limits)
    }

    /// `captureCount`: the most capture groups of any regex this workspace will run.
    package init(captureCount: Int, limits: MatchLimits) {
        matchData = pcre2_match_data_create_8(UInt32(captureCount + 1), nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Runs `regex` on `subject[start..<length]`: the match start offset, `nil` for no match, or
    /// a negative PCRE2 error code (limits) in `.failure`.
    @inline(__always)
    package func firstMatch(_ regex: PCRE2Regex, _ subject: UnsafePointer<UInt8>, length: Int, from start: Int) -> MatchOutcome {
        // The JIT entry skips pcre2_match's checks of its arguments, which a confirmation per
        // candidate line would pay each time (MATCH_INVALID_UTF needs no UTF check).
        let status = regex.prepareJIT() ? pcre2_jit_match_8(regex.code, subject, length, start, 0, matchData, context)
            : pcre2_match_8(regex.code, subject, length, start, 0, matchData, context)
        if status >= 0 { return .match(pcre2_get_ovector_pointer_8(matchData)[0]) }
        if status == PCRE2_ERROR_NOMATCH || status == PCRE2_ERROR_PARTIAL { return .noMatch }
        return .failure(status)
    }

    /// Capture groups of the last successful match (for examples and classification).
    package func ovector() -> UnsafeMutablePointer<Int> { pcre2_get_ovector_pointer_8(matchData) }
}

package enum MatchOutcome {
    case match(Int)
    case noMatch
    case failure(Int32)
}
