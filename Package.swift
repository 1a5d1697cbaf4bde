// swift-tools-version:6.0
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "drv-string-payments",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "XMLCoding", targets: ["XMLCoding"]),
        .library(name: "StringPayments", targets: ["StringPayments"]),
        .library(name: "PaymentLedger", targets: ["PaymentLedger"]),
        .library(name: "BankStatements", targets: ["BankStatements"]),
        .executable(name: "drv-payments", targets: ["DRVPaymentsTool"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "XMLCoding",
            dependencies: ["CLibXML2", "XMLCodingPresentValue"],
            swiftSettings: strictSwift
        ),
        // One function XMLCoding calls by symbol name (see XMLPresentValueSink.swift); not a product.
        .target(
            name: "XMLCodingPresentValue",
            swiftSettings: strictSwift
        ),
        .target(
            name: "StringPayments",
            dependencies: ["XMLCoding"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "PaymentLedger",
            dependencies: ["StringPayments", "XMLCoding", "BankStatements"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "BankStatements",
            dependencies: ["StringPayments", "XMLCoding"],
            path: "Sources/BankStatements",
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "DRVPaymentsTool",
            dependencies: ["PaymentLedger", "BankStatements", "StringPayments", "XMLCoding"],
            swiftSettings: strictSwift
        ),
        // Example programs for the three kinds of users; built by CI, not products.
        .executableTarget(
            name: "TourOperatorExample",
            dependencies: ["PaymentLedger", "StringPayments", "XMLCoding"],
            path: "Examples/TourOperatorExample",
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "AgencyExample",
            dependencies: ["StringPayments", "XMLCoding"],
            path: "Examples/AgencyExample",
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "ValidationHarnessExample",
            dependencies: ["StringPayments", "XMLCoding"],
            path: "Examples/ValidationHarnessExample",
            swiftSettings: strictSwift
        ),
        .target(
            name: "TestSupport",
            dependencies: ["XMLCoding"],
            path: "Tests/TestSupport",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "XMLCodingTests",
            dependencies: ["XMLCoding", "TestSupport"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "StringPaymentsTests",
            dependencies: ["StringPayments", "XMLCoding", "TestSupport"],
            exclude: ["Corpus", "Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PaymentLedgerTests",
            dependencies: ["PaymentLedger", "BankStatements", "StringPayments", "XMLCoding", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "BankStatementsTests",
            dependencies: ["BankStatements", "StringPayments", "XMLCoding", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DRVPaymentsToolTests",
            dependencies: [
                "DRVPaymentsTool", "PaymentLedger", "BankStatements", "StringPayments", "XMLCoding", "TestSupport",
            ],
            swiftSettings: strictSwift
        ),
    ]
)
