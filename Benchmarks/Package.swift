// swift-tools-version: 6.1
// The package-benchmark suite for logscan's hot paths: `cd Benchmarks && swift package benchmark`.
// Its own package, so the main package and its tests never build package-benchmark.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its directory, which is wherever the project was cloned.
let logscanPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "logscan-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        // Wall-clock and allocation statistics with percentiles (README: Dependencies).
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "LogScan", package: logscanPackage),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
