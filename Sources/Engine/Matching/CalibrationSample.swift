/// A few megabytes of the inputs about to be scanned, decompressed: what a large set reads before
/// it is compiled, to pick the literals Vectorscan searches by how often they occur in these logs
/// rather than by their length (see `LiteralCalibration`). It steers speed, never counts.
package struct CalibrationSample: Sendable {
    /// Whole lines, each ending with `\n`.
    package let text: [UInt8]
    package let documents: Int
    /// The inputs' size as stored (gzip'd files by their compressed size): whether a trial on the
    /// sample is worth its time (`DatabaseSplit`).
    package let inputBytes: Int

    package static let defaultBytes = 8 << 20
    package static let maximumItems = 32

    package init(text: [UInt8], documents: Int = 1, inputBytes: Int? = nil) {
        self.text = text
        self.documents = documents
        self.inputBytes = inputBytes ?? text.count
    }
}
