import Input
import LogScan

/// The streaming JSON tokenizer that reads TestGrid documents, alone and fast, with a 4-byte
/// buffer so that every token, escape and surrogate pair also falls across refills. Promised: it
/// accepts exactly the documents Foundation's parser accepts (but for the differences
/// `JSONOracle` names: trailing commas, surrogates, ill-formed UTF-8, depth), and its errors are
/// one line.
final class JSONTokenizerTarget: FuzzTarget {
    static let name = "json"

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        let tokenizer = JSONTokenizer(source: MemorySource(bytes), bufferSize: 4)
        var accepted = false
        var failure = ""
        do {
            // Bounded: every token consumes input, so a document has at most a token per byte.
            for _ in 0...(bytes.count + 1) {
                if try tokenizer.next() == .end {
                    accepted = true
                    break
                }
            }
        } catch {
            failure = error.message
            if !isOneLine(error.message) { violated("a JSON error message is not one line", error.message) }
        }
        let expected = JSONOracle.accepts(bytes)
        if accepted != expected, JSONOracle.knownDifference(bytes) == nil {
            violated(accepted ? "the tokenizer accepts what JSON refuses" : "the tokenizer refuses JSON",
                     "\(bytes.shown)\(failure.isEmpty ? "" : " (\(failure))")")
        }
    }
}
