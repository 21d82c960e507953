/// What `RoutePlanner` built for a set: a Vectorscan database holding every Vectorscan-routed
/// pattern (ids are pattern indices) and the literals of literal-routed ones (ids from
/// `literals.firstID` on), so one scan of a buffer reports candidate lines for all of them; and,
/// when `DatabaseSplit` found the set faster so, a second database holding one of its regexes.
package final class PrefilterDatabase: Sendable {
    /// The databases each buffer is scanned with, in turn; the first holds the literals.
    let databases: [VectorscanDatabase]
    /// The literals searched for patterns routed by their literal factors.
    let literals: LiteralFactorTable
    /// Seconds spent compiling the database (or loading it from the cache), for `check -v`.
    let compileSeconds: Double
    /// True when the database came from `VectorscanDatabaseCache` instead of a compile.
    package let fromCache: Bool
    /// Why the compiled database could not be saved to the cache (read-only or full directory).
    package let cacheProblem: String?
    /// The pattern given a database of its own, and the trial that chose it.
    package let split: (pattern: Int, reason: String)?

    init(databases: [VectorscanDatabase], literals: LiteralFactorTable, compileSeconds: Double, fromCache: Bool,
         cacheProblem: String? = nil, split: (pattern: Int, reason: String)? = nil) {
        self.databases = databases
        self.literals = literals
        self.compileSeconds = compileSeconds
        self.fromCache = fromCache
        self.cacheProblem = cacheProblem
        self.split = split
    }
}
