// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so that users of the library never resolve XMLCoder or
// build benchmark code. Run in release mode:
//   swift run -c release --scratch-path .build-bench xml-benchmarks
//   swift run -c release --scratch-path .build-bench ledger-benchmarks
let package = Package(
    name: "drv-string-payments-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "drv-string-payments", path: ".."),
        // The baseline: the most used Codable XML library. Pinned so that numbers stay comparable.
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
    ],
    targets: [
        // libxml2 for the raw SAX2 floor, kept apart from the library's own CLibXML2 (never a product).
        .systemLibrary(
            name: "CLibXML2Bench",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // What both benchmark programs share: the machine line, tables, process memory.
        .target(
            name: "BenchmarkSupport",
            dependencies: ["CLibXML2Bench"],  // malloc_trim, mallopt, mallinfo2
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        ),
        .executableTarget(
            name: "xml-benchmarks",
            dependencies: [
                "BenchmarkSupport",
                "CLibXML2Bench",
                .product(name: "XMLCoding", package: "drv-string-payments"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        ),
        // The ledger's throughput, memory and replay time (PaymentLedger); XMLCoder is not used.
        .executableTarget(
            name: "ledger-benchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "BankStatements", package: "drv-string-payments"),
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        ),
    ]
)
