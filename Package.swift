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
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Pure domain: types, validation, money, calendar dates, stage machine, statistics. No I/O.
        .target(name: "WagecaseCore"),

        // The store interface: the use-cases as an async protocol with their request, filter and result types.
        // Nothing here knows how or where records are kept.
        .target(name: "WagecaseStore", dependencies: [
            "WagecaseCore", .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Process-wide SQLite settings made before SQLite's first use (a C call Swift cannot make itself).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),

        // The SQLite store (today's embedded default): the only module that imports GRDB.
        .target(
            name: "WagecaseSQLite",
            dependencies: [
                "WagecaseStore",
                "WagecaseCore",
                "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedSchema"]
        ),

        // The PostgreSQL store, for deployments that share one database server: the only module that imports
        // PostgresNIO. Its schema is schema.postgres.sql beside schema.sql, embedded the same way.
        .target(
            name: "WagecasePostgres",
            dependencies: [
                "WagecaseStore",
                "WagecaseCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedSchema"]
        ),

        // The HTTP service: the same use-cases behind /api/v1, token auth and roles.
        .target(
            name: "WagecaseServer",
            dependencies: [
                "WagecaseCore", "WagecaseStore", "WagecaseReports", "WagecaseImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedSchema"]
        ),

        // Digest rendering (text, Markdown, HTML+SVG, CSV, JSON), delivery (atomic file, chat-robot webhook,
        // sendmail), and case documents as DOCX and print-ready HTML from templates.
        .target(
            name: "WagecaseReports",
            dependencies: [
                "WagecaseCore", "WagecaseImport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Reading partner agencies' spreadsheets: CSV (UTF-8 or GB18030 through iconv), XLSX (ZIPFoundation +
        // XMLCoder), as rows of text, and preparing a file for the store's import use-case.
        .target(
            name: "WagecaseImport",
            dependencies: [
                "WagecaseCore", "WagecaseStore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The command-line tool: parses, calls the use-cases, prints.
        .executableTarget(
            name: "wagecase",
            dependencies: [
                "WagecaseCore",
                "WagecaseStore",
                "WagecaseSQLite",
                "WagecasePostgres",
                "WagecaseServer",
                "WagecaseReports",
                "WagecaseImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Build-time helper that turns the root schema.sql into a Swift string constant.
        .executableTarget(name: "EmbedText", path: "Tools/EmbedText"),
        .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["EmbedText"]),

        // Fuzz targets for the parsers that read outside bytes: libFuzzer with scripts/fuzz.sh (-DFUZZING), else a
        // replay of the committed corpus (Fuzz/Corpus), which the tests run.
        .executableTarget(
            name: "wagecase-fuzz",
            dependencies: ["WagecaseCore", "WagecaseImport", "WagecaseReports"],
            path: "Fuzz",
            exclude: ["Corpus"]
        ),

        // Release-mode figures; run with `swift run -c release wagecase-bench`.
        .executableTarget(
            name: "wagecase-bench",
            dependencies: ["WagecaseCore", "WagecaseStore", "WagecaseSQLite"],
            path: "Benchmarks/CoreBenchmark"
        ),

        // What the test targets share: the refusal matcher.
        .target(name: "WagecaseTestSupport", dependencies: ["WagecaseCore"], path: "Tests/Support"),

        .testTarget(
            name: "WagecaseCoreTests",
            dependencies: ["WagecaseCore", "WagecaseTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WagecaseReportsTests", dependencies: [
            "WagecaseCore", "WagecaseReports", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(
            name: "WagecaseImportTests",
            dependencies: [
                "WagecaseCore", "WagecaseImport", "WagecaseStore", "WagecaseSQLite", "WagecaseReports",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "WagecaseStoreTests",
            dependencies: [
                "WagecaseCore", "WagecaseStore", "WagecaseSQLite", "WagecaseTestSupport", "WagecaseReports", "WagecaseImport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WagecasePostgresTests",
            dependencies: [
                "WagecaseCore", "WagecaseStore", "WagecaseSQLite", "WagecasePostgres", "WagecaseTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "WagecaseServerTests",
            dependencies: [
                "WagecaseCore", "WagecaseStore", "WagecaseSQLite", "WagecaseServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "WagecaseCLITests",
            dependencies: [
                "wagecase", "wagecase-fuzz", "WagecaseCore", "WagecaseStore", "WagecaseSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
