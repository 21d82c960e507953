/// InfluxDB line protocol (1.x and 2.x): `measurement,tag=value field=1i timestamp`, escaped as
/// the reference says: commas, spaces and equals signs in tag keys and values take a backslash; a
/// newline cannot appear in one, so it is written as the two characters `\n` (CR as `\r`); field
/// strings quote `"` and `\`. An empty tag value is not allowed, so such a tag is left out.
package struct InfluxPoint {
    package var measurement = "logscan"
    package var tags: [(key: String, value: String)] = []
    package var integerFields: [(key: String, value: Int)] = []
    package var stringFields: [(key: String, value: String)] = []
    /// Epoch seconds, written in nanoseconds (the protocol's default precision); nil lets the
    /// server stamp the point.
    package var time: Int?

    package init(tags: [(key: String, value: String)], integerFields: [(key: String, value: Int)],
                 stringFields: [(key: String, value: String)] = [], time: Int?) {
        self.tags = tags
        self.integerFields = integerFields
        self.stringFields = stringFields
        self.time = time
    }

    /// The point's line, `\n` included.
    package var line: String {
        var text = Self.escape(measurement, special: ", ")
        // InfluxDB keeps tags sorted by key; sorting here spares it the work and makes output stable.
        for tag in tags.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) where !tag.value.isEmpty {
            text += "," + Self.escape(tag.key, special: ",= ") + "=" + Self.escape(tag.value, special: ",= ")
        }
        var fields: [String] = integerFields.map { Self.escape($0.key, special: ",= ") + "=\($0.value)i" }
        fields += stringFields.map { field in
            var value = ""
            for character in field.value.unicodeScalars {
                if character == "\"" || character == "\\" { value += "\\" }
                value.unicodeScalars.append(character)
            }
            return Self.escape(field.key, special: ",= ") + "=\"" + value + "\""
        }
        text += " " + fields.joined(separator: ",")
        if let time { text += " \(time)000000000" }
        return text + "\n"
    }

    /// A backslash that would escape what follows it (a special character, or the separator after
    /// the value) is doubled; InfluxDB keeps both, since its parser cannot hold such a value exactly.
    static func escape(_ text: String, special: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\":
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                result += special.unicodeScalars.contains(next) || next == "\n" ? "\\\\" : "\\"
            default:
                if special.unicodeScalars.contains(scalar) { result += "\\" }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
