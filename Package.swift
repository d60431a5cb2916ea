// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "wagecase",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wagecase", targets: ["wagecase"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Pure domain: types, validation, money, calendar dates, stage machine, statistics. No I/O.
        .target(name: "WagecaseCore"),

        // Persistence and use-cases: the only module that imports GRDB.
        .target(
            name: "WagecaseStore",
            dependencies: [
                "WagecaseCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            plugins: ["EmbedSchema"]
        ),

        // The command-line tool: parses, calls the use-cases, prints.
        .executableTarget(
            name: "wagecase",
            dependencies: [
                "WagecaseCore",
                "WagecaseStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Build-time helper that turns the root schema.sql into a Swift string constant.
        .executableTarget(name: "EmbedText", path: "Tools/EmbedText"),
        .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["EmbedText"]),

        // Release-mode figures; run with `swift run -c release wagecase-bench`.
        .executableTarget(
            name: "wagecase-bench",
            dependencies: ["WagecaseCore", "WagecaseStore"],
            path: "Benchmarks/CoreBenchmark"
        ),

        .testTarget(name: "WagecaseCoreTests", dependencies: ["WagecaseCore"]),
        .testTarget(
            name: "WagecaseStoreTests",
            dependencies: [
                "WagecaseCore", "WagecaseStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "WagecaseCLITests",
            dependencies: [
                "wagecase", "WagecaseCore", "WagecaseStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
