/// Which documents "fail", for the share of failures a pattern explains: a document in which any
/// pattern matched, or, when the set tags some patterns `failure`, one in which such a pattern matched.
package struct FailureRule {
    package static let tag = "failure"
    private let failurePatterns: Set<Int>?

    package init(patternTags: [[String]]) {
        let tagged = Set(patternTags.indices.filter { patternTags[$0].contains(Self.tag) })
        failurePatterns = tagged.isEmpty ? nil : tagged
    }

    package var usesTags: Bool { failurePatterns != nil }

    package func fails(_ document: ReportCorpus.Document) -> Bool {
        guard let failurePatterns else { return !document.counts.isEmpty }
        return document.counts.contains { failurePatterns.contains($0.pattern) }
    }
}
