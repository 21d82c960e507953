import Yams

/// Reads plain lists of regexes, which carry nothing but the regex: `grep -f` style lines, JSON
/// arrays of strings and YAML sequences of strings. Ids are `<file stem>:<n>`, where n is the
/// line number for lines (as before, so ids survive edits elsewhere in the file) and the 1-based
/// position for JSON and YAML lists. Lists have no priority: their order means nothing.
package enum RegexListReader {
    /// One regex per line, as `grep -f` reads them, except that blank lines and lines starting
    /// with `#` are skipped (grep would read an empty line as a regex matching every line, and
    /// `#` as a literal). Lines are taken whole: leading and trailing spaces are part of the regex.
    static func lines(_ bytes: [UInt8], fileName: String) -> [PatternDefinition] {
        let stem = fileStem(fileName)
        var definitions: [PatternDefinition] = []
        var lineNumber = 0
        let text = UTF8ByteOrderMark.text(bytes)
        for rawLine in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            definitions.append(PatternDefinition(
                id: "\(stem):\(lineNumber)", regex: String(decoding: line, as: UTF8.self),
                location: SourceLocation(file: fileName, line: lineNumber)))
        }
        return definitions
    }

    static func jsonList(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> [PatternDefinition] {
        let stem = fileStem(fileName)
        return try JSONStringListParser.parse(bytes, fileName: fileName).enumerated().map { index, element in
            PatternDefinition(id: "\(stem):\(index + 1)", regex: element.value,
                              location: SourceLocation(file: fileName, line: element.line))
        }
    }

    static func yamlList(_ bytes: [UInt8], fileName: String) throws(PatternSetError) -> [PatternDefinition] {
        let root = try YAMLDocument.compose(bytes, fileName: fileName)
        guard let root, let items = root.sequence else {
            throw PatternSetError(location: SourceLocation(file: fileName, line: root?.mark?.line ?? 1),
                                  message: "expected a YAML list of regex strings (`- '...'` lines)")
        }
        let stem = fileStem(fileName)
        var definitions: [PatternDefinition] = []
        for (index, item) in items.enumerated() {
            guard let regex = item.scalar?.string else {
                throw PatternSetError(location: SourceLocation(file: fileName, line: item.mark?.line ?? 1),
                                      message: "list item \(index + 1) is not a string (quote regexes: '[a-z]+' would otherwise be a YAML list)")
            }
            definitions.append(PatternDefinition(id: "\(stem):\(index + 1)", regex: regex,
                                                 location: SourceLocation(file: fileName, line: item.mark?.line ?? 1)))
        }
        return definitions
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
