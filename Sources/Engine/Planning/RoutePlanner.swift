import RegexSyntax

/// Decides how each pattern of a set runs under `--engine auto` (its `PatternRoute`) and builds
/// the one Vectorscan database for those it takes: full regexes (exact or approximated) and the
/// literals searched for literal-routed patterns (`LiteralFactorTable`).
///
/// The policy only ever moves a pattern to a slower route when in doubt; PCRE2 decides every line
/// that is not an exact report, so a route changes speed, never counts.
package enum RoutePlanner {
    static let baseFlags = Vectorscan.baseFlags

    /// Routes every regex and compiles those Vectorscan takes into one database. With a `sample`
    /// of the inputs (read only for a large set), its literal routes search each pattern's rarest
    /// factor in it.
    static func plan(regexes: [String], sample: (() -> CalibrationSample)? = nil, inputBytes: Int? = nil,
                     split policy: DatabaseSplit.Policy = .trial)
        -> (prefilter: PrefilterDatabase?, routes: [PatternRoute]) {
        guard Vectorscan.isPlatformValid else {
            return (nil, regexes.map { _ in .pcre2Only("this CPU lacks the instructions Vectorscan needs") })
        }
        if let failure = VectorscanSelfCheck.failure {
            return (nil, regexes.map { _ in .pcre2Only("Vectorscan failed its self-check on this machine (\(failure))") })
        }
        let large = regexes.count >= largeSetSize
        var decided = regexes.map { route(for: $0, largeSet: large) }
        // A sample is read at most once: for a large set's literals here, or for a smaller set's
        // split trial, never both.
        if large, let text = sample?(), text.text.count >= LiteralCalibration.minimumSampleBytes {
            LiteralCalibration.apply(to: &decided, sample: text)
        }
        var routes = decided.map(\.route)
        var requests: [Int: LiteralFactorTable.Request] = [:]
        for (index, decision) in decided.enumerated() { requests[index] = decision.request }
        while true {
            let members = routes.indices.filter {
                if case .pcre2Only = routes[$0] { return false }
                return requests[$0] == nil
            }
            let table = LiteralFactorTable(patternCount: regexes.count, requests: requests)
            if members.isEmpty && table.literalCount == 0 { return (nil, routes) }
            let expressions = members.map { decided[$0].expression } + table.expressions
            let flags = members.map { decided[$0].flags } + table.flags
            let ids = members.map { UInt32($0) } + (0..<table.literalCount).map { UInt32(table.firstID + $0) }
            let start = monotonicSeconds()
            switch VectorscanDatabaseCache.database(expressions, flags: flags, ids: ids) {
            case (.success(let database), let cached, let cacheProblem):
                let layout = DatabaseSplit.layout(whole: database, expressions: expressions, flags: flags, ids: ids,
                                                  members: large ? 0 : members.count, policy: policy, sample: sample,
                                                  inputBytes: inputBytes)
                return (PrefilterDatabase(databases: layout.databases, literals: table, compileSeconds: monotonicSeconds() - start,
                                          fromCache: cached && layout.fromCache, cacheProblem: cacheProblem ?? layout.cacheProblem,
                                          split: layout.split.map { (members[$0.position], $0.reason) }), routes)
            case (.failure(let expression, let message), _, _):
                // One expression the set compile refused (too large, say): leave its patterns to
                // PCRE2 and retry.
                guard let expression, expressions.indices.contains(expression) else {
                    return (nil, regexes.map { _ in .pcre2Only("Vectorscan could not build the set: \(message)") })
                }
                let refused = expression < members.count ? [members[expression]]
                    : table.patterns(using: expression - members.count)
                for pattern in refused {
                    routes[pattern] = .pcre2Only("Vectorscan: \(message)")
                    requests[pattern] = nil
                }
            }
        }
    }

    /// From this many patterns on, every pattern with a literal signature is searched by it:
    /// Vectorscan's compile time grows faster than the pattern count (10,000 generated CI patterns:
    /// 31 s as full regexes, 3.5 s with signatures, scanning as fast).
    static let largeSetSize = 1000

    /// How one pattern runs.
    struct Decision {
        var route: PatternRoute
        /// The Vectorscan expression and flags for a full-regex route.
        var flags: UInt32
        var expression: String
        /// For a literal route: the literals Vectorscan searches instead of the regex.
        var request: LiteralFactorTable.Request?
        /// For a literal route: every factor long enough to search, the primary first, from which
        /// `LiteralCalibration` may pick another primary; and whether the full regex is expensive.
        var factors: [[[UInt8]]] = []
        var expensive = false
        /// For a full-regex route in a large set: factors too short for a literal route by length
        /// alone, which `LiteralCalibration` takes instead when a sample shows one to be rare.
        var shortFactors: [[[UInt8]]] = []
        var shortFactorsCaseless = false
    }

    /// A literal route needs a primary factor of `RegexLiteralSignature.minimumLength` bytes, or
    /// factors of `minimumFactorLength`+ bytes adding up to this many (`queue` + `status`/`code`
    /// + `503`): every factor must be on a line before PCRE2 looks at it.
    static let minimumCombinedLength = 10
    static let minimumFactorLength = 3

    /// How one pattern should run, asking Vectorscan's parser (`hs_expression_info`) without
    /// building a database: the route, and the Vectorscan expression or literals.
    ///
    /// The literal route is tried first: it does not depend on how Vectorscan reads the regex
    /// (the literal signature reads only what it fully understands), and it spares the parser call
    /// (`hs_expression_info`, 80 µs a regex: 0.8 s of start-up for 10,000 patterns).
    static func route(for regex: String, largeSet: Bool = false) -> Decision {
        let parsed = ParsedRegex(regex)
        if let why = parsed.vectorscanExclusionReason {
            return Decision(route: .pcre2Only(why), flags: baseFlags, expression: regex)
        }
        // A `.*` or broad class repeated between the parts of a regex makes Vectorscan's automata
        // slow to build and to run; literals every match holds are cheap for both.
        let expensive = parsed.isExpensiveForVectorscan
        guard largeSet || expensive, let signature = parsed.literalSignature else { return fullRegexRoute(for: parsed) }
        if let literal = literalRoute(for: regex, signature: signature, expensive: expensive) { return literal }
        var full = fullRegexRoute(for: parsed)
        if largeSet {
            full.shortFactors = signature.factors.filter { factor in factor.allSatisfy { $0.count >= minimumFactorLength } }
            full.shortFactorsCaseless = signature.caseless
        }
        return full
    }

    /// The route by literals every match holds, when they are selective enough.
    private static func literalRoute(for regex: String, signature: RegexLiteralSignature, expensive: Bool) -> Decision? {
        func shortest(_ factor: [[UInt8]]) -> Int { factor.map(\.count).min() ?? 0 }
        let others = signature.factors
            .filter { $0 != signature.literals && shortest($0) >= minimumFactorLength }
            .sorted { shortest($0) > shortest($1) }
        let secondary = others.prefix(LiteralFactorTable.maximumSecondaryFactors)
        let combined = signature.shortest + secondary.map(shortest).reduce(0, +)
        guard signature.shortest >= RegexLiteralSignature.minimumLength
            || (signature.shortest >= minimumFactorLength && !secondary.isEmpty && combined >= minimumCombinedLength)
        else { return nil }
        return literalDecision(regex, primary: signature.literals, others: others, caseless: signature.caseless,
                               expensive: expensive, calibration: nil)
    }

    /// A literal route searching `primary`, with the first `maximumSecondaryFactors` of `others`
    /// checked on the line too; `calibration` says how the primary was chosen, when by a sample.
    static func literalDecision(_ regex: String, primary: [[UInt8]], others: [[[UInt8]]], caseless: Bool, expensive: Bool,
                                calibration: String?) -> Decision {
        let secondary = Array(others.prefix(LiteralFactorTable.maximumSecondaryFactors))
        func shown(_ factor: [[UInt8]]) -> String {
            factor.map { "'" + String(decoding: $0, as: UTF8.self) + "'" }.joined(separator: " or ")
        }
        let also = secondary.isEmpty ? "" : ", on a line that also holds " + secondary.map(shown).joined(separator: ", and ")
        let reason = expensive ? "as the full regex repeats a broad class between its parts"
            : "as the set has over \(largeSetSize) patterns, too many full regexes to compile quickly"
        let chosen = calibration.map { "; \($0)" } ?? ""
        let why = "Vectorscan looks only for \(shown(primary))\(also)\(caseless ? " (caseless)" : ""), \(reason)\(chosen)"
        // No full-regex expression: the literals stand in for it.
        return Decision(route: .prefilter(why), flags: baseFlags, expression: regex,
                        request: .init(primary: primary, secondary: secondary, caseless: caseless),
                        factors: [primary] + others, expensive: expensive)
    }

    /// The route for the regex itself: exact, approximated (`HS_FLAG_PREFILTER`, a superset), or
    /// not for Vectorscan.
    private static func fullRegexRoute(for parsed: ParsedRegex) -> Decision {
        let empty = "matches the empty string, which Vectorscan does not report"
        let (expression, widened) = parsed.vectorscanForm
        let widenedNote = widened.isEmpty ? nil
            : "bounded repeats \(widened.joined(separator: " ")) widened for Vectorscan, which compiles large ones slowly"
        switch Vectorscan.expressionInfo(expression, flags: baseFlags) {
        case .minWidth(let minWidth):
            if minWidth == 0 { return Decision(route: .pcre2Only(empty), flags: baseFlags, expression: expression) }
            if let why = widenedNote ?? parsed.confirmationReason {
                // Confirmed anyway: Vectorscan may search a superset that is cheaper for it.
                let searched = widened.isEmpty ? parsed : ParsedRegex(expression)
                if let suffix = searched.searchSuffix, case .minWidth(let width) = Vectorscan.expressionInfo(suffix.expression, flags: baseFlags),
                   width > 0 {
                    return Decision(route: .prefilter(why + "; Vectorscan searches it from `\(suffix.literal)` on"), flags: baseFlags,
                                    expression: suffix.expression)
                }
                return Decision(route: .prefilter(why), flags: baseFlags, expression: expression)
            }
            return Decision(route: .exact, flags: baseFlags, expression: expression)
        case .failure(let exactMessage):
            let approximate = baseFlags | Vectorscan.prefilterFlag
            switch Vectorscan.expressionInfo(expression, flags: approximate) {
            case .minWidth(let minWidth):
                if minWidth == 0 { return Decision(route: .pcre2Only(empty), flags: baseFlags, expression: expression) }
                return Decision(route: .prefilter("Vectorscan approximates it (\(exactMessage))"), flags: approximate, expression: expression)
            case .failure(let message):
                return Decision(route: .pcre2Only("Vectorscan: \(message)"), flags: baseFlags, expression: expression)
            }
        }
    }
}
