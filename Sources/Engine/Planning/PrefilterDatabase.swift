/// What `RoutePlanner` built for a set: one Vectorscan database holding every Vectorscan-routed
/// pattern (ids are pattern indices) and the literals of literal-routed ones (ids from
/// `literals.firstID` on), so one scan of a buffer reports candidate lines for all of them.
package final class PrefilterDatabase: Sendable {
    let database: VectorscanDatabase
    /// The literals searched for patterns routed by their literal factors.
    let literals: LiteralFactorTable
    /// Seconds spent compiling the database (or loading it from the cache), for `check -v`.
    let compileSeconds: Double
    /// True when the database came from `VectorscanDatabaseCache` instead of a compile.
    package let fromCache: Bool
    /// Why the compiled database could not be saved to the cache (read-only or full directory).
    package let cacheProblem: String?

    init(database: VectorscanDatabase, literals: LiteralFactorTable, compileSeconds: Double, fromCache: Bool,
         cacheProblem: String? = nil) {
        self.database = database
        self.literals = literals
        self.compileSeconds = compileSeconds
        self.fromCache = fromCache
        self.cacheProblem = cacheProblem
    }
}
