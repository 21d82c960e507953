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
        if (try? JSONSerialization.jsonObject(with: Data(bytes))) is [Any], !Self.hasTrailingComma(bytes) {
            for (name, format) in detected where format == .lines {
                violated("a JSON array is read as one regex per line", "\(name): \(bytes.shown)")
            }
        }
    }

    /// A `,` before a closing bracket, outside strings: Foundation's parser accepts it, JSON
    /// (RFC 8259) does not, and logscan reads such a file as what it is: not JSON.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, pendingComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; pendingComma = false
            case UInt8(ascii: ","): pendingComma = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"): if pendingComma { return true }
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: pendingComma = false
            }
        }
        return false
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
