/// One way of finding, in a chunk of whole lines, the lines a group of patterns may match.
///
/// A route reports each line to the matcher as confirmed (its report is the answer: an exact
/// Vectorscan report) or as a candidate (the pattern's per-line PCRE2 regex decides). Routes
/// share nothing but the matcher; `--engine pcre2` is the same matcher without the Vectorscan route.
package protocol MatchRoute: AnyObject {
    /// Reports the lines of `matcher`'s current chunk, each pattern's in line order.
    func scan(_ matcher: ChunkMatcher)
}
