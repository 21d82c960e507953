import PatternSets

/// Prometheus text exposition (what node_exporter's textfile collector reads; also valid
/// OpenMetrics apart from its `# EOF`): `logscan_pattern_files` and `logscan_pattern_lines` gauges,
/// one sample per series, label values escaped as the format says (`\\`, `\"`, `\n`).
package enum PrometheusExposition {
    package struct Sample {
        package var labels: [(name: String, value: String)]
        package var files: Int
        package var lines: Int

        package init(labels: [(name: String, value: String)], files: Int, lines: Int) {
            self.labels = labels
            self.files = files
            self.lines = lines
        }
    }

    package static func text(_ samples: [Sample]) -> String {
        var output = ""
        for (metric, help, value) in [
            ("logscan_pattern_files", "Documents in which the pattern matched at least one line.", { (sample: Sample) in sample.files }),
            ("logscan_pattern_lines", "Lines the pattern matched, over all documents.", { (sample: Sample) in sample.lines }),
        ] {
            output += "# HELP \(metric) \(help)\n# TYPE \(metric) gauge\n"
            var seen = Set<String>()
            for sample in samples {
                let labels = sample.labels.filter { !$0.value.isEmpty }.map { "\(labelName($0.name))=\"\(escape($0.value))\"" }.joined(separator: ",")
                // One sample per series: a label set that repeats (two values that sanitise alike) is skipped.
                guard seen.insert(labels).inserted else { continue }
                output += "\(metric){\(labels)} \(value(sample))\n"
            }
        }
        return output
    }

    static func escape(_ value: String) -> String {
        value.escapingScalars { scalar in
            switch scalar {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case "\n": return "\\n"
            default: return nil
            }
        }
    }

    /// Label names are `[a-zA-Z_][a-zA-Z0-9_]*` and `__` starts reserved ones: others are mapped to `_`.
    static func labelName(_ name: String) -> String {
        var result = ""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            let ok = scalar == "_" || (scalar.value < 128 && (scalar.properties.isAlphabetic || (index > 0 && ("0"..."9").contains(scalar))))
            result.unicodeScalars.append(ok ? scalar : "_")
        }
        if result.hasPrefix("__") { result = "label" + result }
        return result.isEmpty ? "_" : result
    }
}
