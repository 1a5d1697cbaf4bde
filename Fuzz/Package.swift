// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the library, kept out of the root package so that its users never build
// them. Build and run through the scripts (they pass the sanitizer flags to every module):
//   Fuzz/run.sh fuzz-validator 600
//   Fuzz/smoke.sh 30
// `make-journal-seeds` and `tsan-mutex-probe` are ordinary programs, built without the fuzzer.
let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "drv-string-payments-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "drv-string-payments", path: "..")
    ],
    targets: [
        // libFuzzer's driver entry, declared for FuzzSupport; the library comes with -sanitize=fuzzer.
        .systemLibrary(name: "CLibFuzzer"),
        // What the fuzz targets share: starting libFuzzer, running async work to completion.
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer"],
            swiftSettings: strictSwift
        ),
        // Secure parse, XSD validation, decoding and the semantic rules on arbitrary bytes.
        .executableTarget(
            name: "fuzz-validator",
            dependencies: [
                "FuzzSupport",
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: strictSwift
        ),
        // Decoding without the schema, and decode → encode → decode round trips.
        .executableTarget(
            name: "fuzz-decoder",
            dependencies: [
                "FuzzSupport",
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: strictSwift
        ),
        // Request bytes through the message handler against an in-memory ledger with one booking.
        .executableTarget(
            name: "fuzz-handler",
            dependencies: [
                "FuzzSupport",
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: strictSwift
        ),
        // Arbitrary bytes as a ledger's journal file, replayed by `Ledger.open(directory:)`.
        .executableTarget(
            name: "fuzz-journal",
            dependencies: [
                "FuzzSupport",
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: strictSwift
        ),
        // Writes small real journals into Corpus/fuzz-journal; not fuzzed.
        .executableTarget(
            name: "make-journal-seeds",
            dependencies: [
                .product(name: "PaymentLedger", package: "drv-string-payments"),
                .product(name: "StringPayments", package: "drv-string-payments"),
                .product(name: "XMLCoding", package: "drv-string-payments"),
            ],
            swiftSettings: strictSwift
        ),
        // The smallest correct Mutex program, to see whether ThreadSanitizer reports it.
        .executableTarget(
            name: "tsan-mutex-probe",
            swiftSettings: strictSwift
        ),
    ]
)
