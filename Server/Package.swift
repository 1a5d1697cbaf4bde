// swift-tools-version:6.0
import PackageDescription

// The HTTP service around the library (issue 14): a second package, so that users of the library
// itself still resolve no dependency. The Swift server packages come from the machine's local
// copies (see the README's "Server" section and shared/docs/SERVER-ENGINEERING.md).
let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "drv-payments-server",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PaymentServer", targets: ["PaymentServer"]),
        .executable(name: "drv-payments-server", targets: ["DRVPaymentsServer"]),
        .executable(name: "drv-payments-postgres-benchmark", targets: ["DRVPaymentsPostgresBenchmark"]),
    ],
    dependencies: [
        .package(name: "drv-string-payments", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "PaymentServer",
            dependencies: [
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
                .product(name: "BankStatements", package: "drv-string-payments"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "DRVPaymentsServer",
            dependencies: [
                "PaymentServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "DRVPaymentsPostgresBenchmark",
            dependencies: [
                "PaymentServer",
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PaymentServerTests",
            dependencies: [
                "PaymentServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The golden files are read from the source tree (#filePath), not bundled.
            exclude: ["Golden"],
            swiftSettings: strictSwift
        ),
    ]
)
