/// Writes a pattern file as a logscan YAML set that `PatternFileParser` reads back into the same
/// ids, regexes, descriptions, tags, examples and priorities (`logscan patterns convert`).
package enum PatternSetYAMLWriter {
    /// `file` as YAML. The header comment says where it came from and carries the reader's notes;
    /// the set is named after the source (its own `name` for YAML sets, else the file's stem).
    package static func yaml(for file: PatternFile) -> String {
        let sourceName = file.path.split(separator: "/").last.map(String.init) ?? file.path
        var out = ""
        out += "# Converted by `logscan patterns convert` from \(oneLine(file.path))\n"
        out += "# (\(file.format.rawValue), \(file.definitions.count) pattern\(file.definitions.count == 1 ? "" : "s")).\n"
        if file.definitions.contains(where: { $0.priority != nil }) {
            if file.format == .pytorchTOML {
                out += "# priority keeps the source's rule order: 1 is its first rule, which wins over later ones.\n"
            } else {
                out += "# priority: 1 is the highest; patterns without one rank after those with one, in file order.\n"
            }
        }
        if !file.notes.isEmpty {
            out += "# Notes from the import:\n"
            for note in file.notes { out += "#   line \(note.location.line): \(oneLine(note.message))\n" }
        }
        out += "name: \(YAMLQuoting.quoted(file.name ?? RegexListReader.fileStem(file.path)))\n"
        let description = file.description ?? "Imported from \(sourceName) (\(file.format.rawValue))."
        out += "description: \(YAMLQuoting.quoted(description))\n"
        if !file.linePreparation.isEmpty {
            out += "line_preparation:\n"
            if let strip = file.linePreparation.stripTimestamps { out += "  strip_timestamps: \(strip)\n" }
            if let strip = file.linePreparation.stripANSI { out += "  strip_ansi: \(strip)\n" }
        }
        out += file.definitions.isEmpty ? "patterns: []\n" : "patterns:\n"
        for definition in file.definitions {
            out += "  - id: \(YAMLQuoting.quoted(definition.id))\n"
            out += "    regex: \(YAMLQuoting.quoted(definition.regex))\n"
            if let text = definition.description { out += "    description: \(YAMLQuoting.quoted(text))\n" }
            if !definition.tags.isEmpty {
                out += "    tags: [\(definition.tags.map(YAMLQuoting.quoted).joined(separator: ", "))]\n"
            }
            if let priority = definition.priority { out += "    priority: \(priority)\n" }
            if !definition.matchExamples.isEmpty || !definition.nomatchExamples.isEmpty {
                out += "    examples:\n"
                for (key, examples) in [("match", definition.matchExamples), ("nomatch", definition.nomatchExamples)] where !examples.isEmpty {
                    out += "      \(key):\n"
                    for example in examples { out += "        - \(YAMLQuoting.quoted(example))\n" }
                }
            }
        }
        return out
    }

    /// Comments end at a line break, so one in a path or note must not start a line of YAML
    /// (nor a character YAML might take for one).
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { YAMLQuoting.fitsSingleQuotes($0) ? Character($0) : "?" })
    }
}
