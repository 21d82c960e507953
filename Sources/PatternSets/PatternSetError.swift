/// Why a pattern set cannot be used. Every case names the file and line to fix, in one line.
package struct PatternSetError: Error, Sendable, CustomStringConvertible {
    package var location: SourceLocation?
    package var patternID: String?
    package var message: String

    package init(location: SourceLocation?, patternID: String? = nil, message: String) {
        self.location = location
        self.patternID = patternID
        self.message = message
    }

    package var description: String {
        var text = ""
        if let location { text += "\(location)" }
        if let patternID { text += text.isEmpty ? "(id \(patternID))" : " (id \(patternID))" }
        return OneLineText.escape(text.isEmpty ? message : "\(text): \(message)")
    }
}
