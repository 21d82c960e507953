/// Why a pattern set cannot be used. Every case names the file and line to fix.
public struct PatternSetError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var patternID: String?
    public var message: String

    public init(location: SourceLocation?, patternID: String? = nil, message: String) {
        self.location = location
        self.patternID = patternID
        self.message = message
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location)" }
        if let patternID { text += text.isEmpty ? "(id \(patternID))" : " (id \(patternID))" }
        return text.isEmpty ? message : "\(text): \(message)"
    }
}
