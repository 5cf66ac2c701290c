// swift-tools-version:6.1
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "newsq",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsq", targets: ["newsq"]),
        .library(name: "NewsqKit", targets: ["NewsqKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // ICU behind a header of plain C types: Swift cannot see ICU's renamed
        // symbols, and ICU headers in a Swift module clash with Foundation's ICU.
        .target(
            name: "CNewsqICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "NewsqKit",
            dependencies: [
                "CNewsqICU",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the FTS5 auxiliary ranking function GRDB has no wrapper for.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // The web front door: a thin HTTP layer over NewsqKit's search path.
        .target(
            name: "NewsqServer",
            dependencies: [
                "NewsqKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.embedInCode("Resources/openapi.json")],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "newsq",
            dependencies: [
                "NewsqKit",
                "NewsqServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "NewsqKitTests",
            dependencies: ["NewsqKit", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: upcomingFeatures
        ),
        // What the command line adds to the library: its progress display.
        .testTarget(
            name: "newsqTests",
            dependencies: ["newsq", "NewsqKit", "NewsqServer"],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
