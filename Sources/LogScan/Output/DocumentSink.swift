/// Consumes a scan's results document by document, in input order: the JSONL writer today; a
/// state store or a monitoring export plugs in the same way, without touching the scanner.
package protocol DocumentSink: AnyObject {
    /// Before the first record.
    func begin(version: String, options: ScanOptions)
    /// One document's result (calls are serialised, in input order).
    func record(_ result: DocumentResult)
    /// After the last record.
    func finish(_ summary: ScanSummary)
    /// Why output stopped, if it did (a reader that went away stops the scan).
    var failure: OutputChannel.Failure? { get }
}
