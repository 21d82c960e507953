import Glibc
import Input

/// Gives each record its labels and time just before it is written, from its path (and for TestGrid
/// its dashboard and tab), so records read from a state store get them exactly as scanned ones do.
/// Called only from the ordered emitter, one record at a time.
package final class DocumentAnnotator {
    private let labeler: PathLabeler?
    private let timeSource: TimeSource
    /// Told why a document's time fell back to its modification time.
    private let note: (String) -> Void

    package init(labeler: PathLabeler?, timeSource: TimeSource, note: @escaping (String) -> Void) {
        self.labeler = labeler
        self.timeSource = timeSource
        self.note = note
    }

    package func annotate(_ result: inout DocumentResult) {
        let path = Self.pathBytes(result.location)
        // Matched against the path as records show it (U+FFFD for bytes that are not UTF-8), so that
        // such a directory still gives its labels; PCRE2 matches no character on invalid UTF-8.
        var labels = path == nil ? [] : labeler?.labels(path: Array(result.location.displayPath.utf8)) ?? []
        if let tab = result.testGridTab ?? Self.tab(of: result) {
            labels.removeAll { $0.name == "dashboard" || $0.name == "tab" }
            labels.append(DocumentLabel(name: "dashboard", value: tab.dashboard))
            labels.append(DocumentLabel(name: "tab", value: tab.tab))
        }
        result.labels = labels
        guard let path else { return }
        switch timeSource {
        case .mtime:
            result.time = Self.modificationTime(path)
        case .label(let name):
            if let value = labels.first(where: { $0.name == name })?.value, let time = EpochTime.parse(value) {
                result.time = time
            } else {
                result.time = Self.modificationTime(path)
                let reason = labels.contains { $0.name == name } ? "label \(name) is not a time" : "no label \(name)"
                note("\(result.location.displayPath): \(reason); time from the file's modification time")
            }
        case .prow:
            switch Self.prowTime(besides: path) {
            case .success(let time): result.time = time
            case .failure(let problem):
                result.time = Self.modificationTime(path)
                note("\(result.location.displayPath): \(problem.reason); time from the file's modification time")
            }
        }
    }

    /// A record read back from a state store keeps only `<dashboard>/<tab>`: split at its first `/`.
    private static func tab(of result: DocumentResult) -> TestGridTab? {
        guard result.testGrid != nil, let document = result.document, let slash = document.firstIndex(of: "/") else { return nil }
        return TestGridTab(dashboard: String(document[..<slash]), tab: String(document[document.index(after: slash)...]))
    }

    private static func pathBytes(_ location: InputLocation) -> [UInt8]? {
        switch location {
        case .file(let path): return Array(path.utf8)
        case .rawFile(let bytes): return bytes
        case .standardInput: return nil
        }
    }

    private static func modificationTime(_ path: [UInt8]) -> Int? {
        var status = stat()
        guard withCPath(path, { stat($0, &status) }) == 0 else { return nil }
        return Int(status.st_mtim.tv_sec)
    }

    struct ProwProblem: Error { var reason: String }

    /// `timestamp` of `finished.json`, else of `started.json`, in the directory holding `path`.
    static func prowTime(besides path: [UInt8]) -> Result<Int, ProwProblem> {
        let directory = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[...$0]) } ?? []
        var problems: [String] = []
        for name in ["finished.json", "started.json"] {
            let file = directory + Array(name.utf8)
            let bytes: [UInt8]
            do {
                bytes = try InputFiles.readAll(.file(bytes: file))
            } catch {
                problems.append("\(name): \(error.kind == .notFound ? "missing" : error.message)")
                continue
            }
            switch timestamp(in: bytes) {
            case .success(let time): return .success(time)
            case .failure(let problem): problems.append("\(name): \(problem.reason)")
            }
        }
        return .failure(ProwProblem(reason: "no Prow time (" + problems.joined(separator: "; ") + ")"))
    }

    /// The top-level `timestamp` of a Prow `started.json`/`finished.json`: epoch seconds (or a time string).
    static func timestamp(in bytes: [UInt8]) -> Result<Int, ProwProblem> {
        let tokenizer = JSONTokenizer(source: MemorySource(bytes), bufferSize: 64 * 1024)
        do throws(InputError) {
            guard try tokenizer.next() == .beginObject else { return .failure(ProwProblem(reason: "not a JSON object")) }
            while true {
                let token = try tokenizer.next()
                if token == .endObject { break }
                guard token == .key else { return .failure(ProwProblem(reason: "malformed JSON")) }
                guard tokenizer.textString == "timestamp" else {
                    try tokenizer.skipValue(startingWith: try tokenizer.next(captureStrings: false))
                    continue
                }
                let value = try tokenizer.next()
                if value == .number || value == .string, let time = EpochTime.parse(tokenizer.textString) {
                    return .success(time)
                }
                return .failure(ProwProblem(reason: "timestamp \(tokenizer.textString) is not a time"))
            }
            return .failure(ProwProblem(reason: "no timestamp"))
        } catch {
            return .failure(ProwProblem(reason: "malformed JSON: \(error.message)"))
        }
    }
}
