/// The curated `patterns/ci-failures.yaml`, compiled into the binary so an installed `logscan`
/// needs no files beside it.
public enum BuiltinPatterns {
    public static let name = "builtin:ci-failures.yaml"
    public static var ciFailuresYAML: [UInt8] { PackageResources.ci_failures_yaml }
}
