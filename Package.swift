// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "logscan",
    products: [
        .executable(name: "logscan", targets: ["LogScanCLI"]),
        // For the package-benchmark suite in Benchmarks/ only: its entry points are `@_spi(Benchmarks)`.
        .library(name: "LogScan", targets: ["LogScan"]),
        // The fuzz targets (`make fuzz`, Fuzz/README.md): a libFuzzer binary when built with
        // `-sanitize=fuzzer,address -DFUZZING`, otherwise a replayer of saved inputs for `make test`.
        .executable(name: "logscan-fuzz", targets: ["LogScanFuzz"]),
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
        // libFuzzer's driver entry point, for the fuzz targets only.
        .systemLibrary(name: "CLogScanFuzzer", path: "Sources/CLogScanFuzzer"),
        .systemLibrary(
            name: "CLogScanSQLite",
            path: "Sources/CLogScanSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // PCRE2 syntax read once into one parsed form, and every analysis logscan makes of it. No C.
        .target(name: "RegexSyntax"),
        // Pattern files: formats, readers, the YAML writer. No C, no matching.
        .target(
            name: "PatternSets",
            dependencies: ["RegexSyntax", .product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Resources/ci-failures.yaml")]
        ),
        // Compiling and matching pattern sets: the PCRE2 and Vectorscan wrappers, route planning,
        // the chunk matcher and its line sinks, lint.
        .target(
            name: "Engine",
            dependencies: ["RegexSyntax", "PatternSets", "CLogScanPCRE2", "CLogScanVectorscan"]
        ),
        // Byte sources: files, stdin, gzip (zlib and ISA-L), the pipelined inflater; path walking.
        .target(
            name: "Input",
            dependencies: ["CLogScanZlib", "CLogScanISAL"]
        ),
        // Documents: the scanner, line preparation, the Dispatch runner, TestGrid, output, bench entry points.
        .target(
            name: "LogScan",
            dependencies: ["PatternSets", "Engine", "Input"]
        ),
        // The scan state store (`scan --state`): SQLite, through its C library; a planner and the
        // documents it remembers.
        .target(
            name: "StateStore",
            dependencies: ["LogScan", "PatternSets", "Engine", "Input", "CLogScanSQLite"]
        ),
        .executableTarget(
            name: "LogScanCLI",
            dependencies: [
                "LogScan", "PatternSets", "Engine", "Input", "StateStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LogScanFuzz",
            dependencies: ["LogScan", "PatternSets", "Engine", "Input", "RegexSyntax", "CLogScanFuzzer"]
        ),
        .testTarget(
            name: "LogScanTests",
            dependencies: ["LogScan", "PatternSets", "Engine", "Input", "RegexSyntax", "StateStore"]
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
