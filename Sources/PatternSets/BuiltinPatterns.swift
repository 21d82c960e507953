/// The curated `patterns/ci-failures.yaml`, compiled into the binary so an installed `logscan`
/// needs no files beside it.
package enum BuiltinPatterns {
    package static let name = "builtin:ci-failures.yaml"
    package static var ciFailuresYAML: [UInt8] { PackageResources.ci_failures_yaml }
}
