/// Where and why PCRE2 would reject a regex.
package struct RegexSyntaxFailure: Sendable, Equatable {
    package var offset: Int
    package var message: String
}
