import Engine
import PatternSets

/// `logscan novel --suggest`: the most widespread novel templates as candidate patterns. The regex
/// keeps a template's fixed text (escaped) and puts a class where a mask stood; `examples.match`
/// are real novel lines, `examples.nomatch` lines the baseline knows, both checked with PCRE2 so
/// that `logscan check` accepts the file as written.
package enum PatternSuggester {
    /// What each mask's placeholder stands for in a regex.
    static let placeholders: [String: String] = [
        "<n>": #"\d+(?:\.\d+)?"#, "<hex>": #"(?:0x)?[0-9a-fA-F]+"#, "<id>": #"\w+"#, "<uuid>": #"[0-9a-fA-F-]{36}"#,
        "<ts>": #"\d{4}-\d\d-\d\d[T ][\d:.,]+(?:Z|[+-][\d:]+)?"#, "<date>": #"\d{4}-\d\d-\d\d"#,
        "<time>": #"\d\d:\d\d:\d\d(?:[.,]\d+)?"#, "<ip>": #"\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?"#, "<url>": #"\S+"#, "<tmp>": #"\S+"#,
    ]

    /// The regex for `template`; `custom`: the names of `--mask` placeholders (matched by `.+?`).
    package static func regex(for template: String, custom: [String] = []) -> String {
        var table = placeholders
        for name in custom { table["<\(name)>"] = ".+?" }
        var regex = ""
        var rest = Substring(template)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">"), let replacement = table[String(rest[...close])] {
                regex += replacement
                rest = rest[rest.index(after: close)...]
                continue
            }
            if first == " " {
                regex += #"\s+"#
                rest = rest.drop { $0 == " " }
                continue
            }
            // A punctuation run was shortened to three: any longer run matches too.
            if !first.isLetter, !first.isNumber, rest.hasPrefix(String(repeating: first, count: 3)) {
                regex += escape(first) + "{3,}"
                rest = rest.drop { $0 == first }
                continue
            }
            regex += escape(first)
            rest = rest.dropFirst()
        }
        return regex
    }

    private static func escape(_ character: Character) -> String {
        #"\^$.|?*+()[]{}/#"#.contains(character) ? "\\\(character)" : String(character)
    }

    /// Letters and digits the template fixes (its text outside placeholders): too few make a pattern
    /// that matches anything.
    static func fixedCharacters(_ template: String) -> Int {
        var count = 0
        var inPlaceholder = false
        for character in template {
            if character == "<" { inPlaceholder = true } else if character == ">" { inPlaceholder = false } else if !inPlaceholder, character.isLetter { count += 1 }
        }
        return count
    }

    /// Up to `limit` candidates from `templates` (most widespread first), as a logscan YAML set.
    package static func suggest(_ templates: [TemplateSummary], documents: [NovelDocument], limit: Int, custom: [String]) -> (yaml: String, count: Int) {
        let known = Array(Set(documents.flatMap(\.knownNeighbours))).sorted()
        let tester = LineTester()
        var definitions: [PatternDefinition] = []
        let ranked = templates.filter { fixedCharacters($0.template) >= 12 }
            .sorted { a, b in a.files != b.files ? a.files > b.files : (a.looksLikeError != b.looksLikeError ? a.looksLikeError : a.lines > b.lines) }
        for summary in ranked where definitions.count < limit {
            let source = regex(for: summary.template, custom: custom)
            guard let compiled = try? PCRE2Regex(pattern: source, multiline: false) else { continue }
            let matches = summary.samples.filter { (try? tester.matches(compiled, line: $0).get()) == true }
            guard !matches.isEmpty else { continue }
            let nomatches = known.filter { (try? tester.matches(compiled, line: $0).get()) == false }.prefix(3)
            let id = "novel-" + TemplateHash.id(summary.hash).prefix(10)
            definitions.append(PatternDefinition(
                id: String(id), regex: source,
                description: "Suggested by logscan novel: in \(summary.files) documents (\(summary.lines) lines) and in no baseline log. Template: \(summary.template)",
                tags: ["novel"] + (summary.looksLikeError ? ["error"] : []),
                matchExamples: matches, nomatchExamples: Array(nomatches),
                location: SourceLocation(file: "novel-suggestions.yaml", line: 0)))
        }
        let file = PatternFile(path: "novel-suggestions.yaml", format: .yaml, name: "novel-suggestions",
                               description: "Candidate patterns from logscan novel --suggest: review, rename and keep the useful ones.",
                               definitions: definitions)
        return (PatternSetYAMLWriter.yaml(for: file), definitions.count)
    }
}
