extension String {
    /// The text with each Unicode scalar for which `replacement` gives a string written as that
    /// string, and every other scalar as it is: the one loop behind the escapes of each output format.
    package func escapingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
