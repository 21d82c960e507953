import Engine
import Foundation
import PatternSets

/// One pattern file read in every format, its format detected under several names, and what
/// reads compiled (PCRE2 only: Vectorscan
/// has a target of its own). Promised: every error and note is one line, and a file that is a
/// JSON array is read as a JSON list, never as lines (issue: `[1,2]` once counted `1`, `,`, `2`).
final class PatternFileTarget: FuzzTarget {
    static let name = "pattern-file"

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        // Reading by detection is reading with the detected format: each format is read once.
        for format in PatternFileFormat.allCases { read(bytes, name: "fuzz", format: format) }
        let detected = ["fuzz", "fuzz.yaml", "fuzz.toml", "fuzz.json", "fuzz.txt"].map {
            ($0, PatternFileFormat.detect(path: $0, bytes: bytes))
        }
        // Foundation also accepts trailing commas, which JSON (and so logscan) does not, and UTF-16
        // and UTF-32, which logscan refuses (JSON text in UTF-8 never holds a raw NUL).
        if (try? JSONSerialization.jsonObject(with: Data(bytes))) is [Any], !JSONOracle.hasTrailingComma(bytes), !bytes.contains(0) {
            for (name, format) in detected where format == .lines {
                violated("a JSON array is read as one regex per line", "\(name): \(bytes.shown)")
            }
        }
    }

    private func read(_ bytes: [UInt8], name: String, format: PatternFileFormat?) {
        let file: PatternFile
        do {
            file = try PatternFileParser.read(bytes: bytes, fileName: name, format: format)
        } catch {
            if !isOneLine(error.description) { violated("a pattern-file error is not one line", error.description) }
            return
        }
        for note in file.notes where !isOneLine(note.description) {
            violated("a pattern-file note is not one line", note.description)
        }
        guard !file.definitions.isEmpty, file.definitions.count <= 64 else { return }
        do {
            _ = try PatternSet(files: [file], engine: .pcre2)
        } catch {
            if !isOneLine(error.description) { violated("a compile error is not one line", error.description) }
        }
    }
}
