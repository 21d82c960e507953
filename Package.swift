// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "logscan",
    products: [
        .library(name: "LogScan", targets: ["LogScan"]),
        .executable(name: "logscan", targets: ["LogScanCLI"]),
    ],
    dependencies: [
        // CLI parsing with generated help and shell-style errors (README: Dependencies).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML pattern sets with line numbers for error messages (README: Dependencies).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLogScanPCRE2",
            path: "Sources/CLogScanPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CLogScanZlib",
            path: "Sources/CLogScanZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLogScanVectorscan",
            path: "Sources/CLogScanVectorscan",
            pkgConfig: "libhs",
            providers: [.apt(["libvectorscan-dev"])]
        ),
        .systemLibrary(
            name: "CLogScanISAL",
            path: "Sources/CLogScanISAL",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // PCRE2 syntax read once into one parsed form, and every analysis logscan makes of it.
        .target(name: "RegexSyntax"),
        .target(
            name: "LogScan",
            dependencies: [
                "RegexSyntax",
                "CLogScanPCRE2",
                "CLogScanZlib",
                "CLogScanVectorscan",
                "CLogScanISAL",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.embedInCode("Resources/ci-failures.yaml")]
        ),
        .executableTarget(
            name: "LogScanCLI",
            dependencies: [
                "LogScan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LogScanTests",
            dependencies: ["LogScan"]
        ),
        .testTarget(
            name: "RegexSyntaxTests",
            dependencies: ["RegexSyntax"]
        ),
        .testTarget(
            name: "LogScanCLITests",
            dependencies: ["LogScanCLI"]
        ),
    ]
)
