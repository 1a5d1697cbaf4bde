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

/// An executable of this package using products of the library (and, for a fuzz target, the
/// libFuzzer driver in FuzzSupport).
func fuzzTarget(_ name: String, uses products: [String], support: Bool = true) -> Target {
    .executableTarget(
        name: name,
        dependencies: (support ? ["FuzzSupport"] : [])
            + products.map { .product(name: $0, package: "drv-string-payments") },
        swiftSettings: strictSwift
    )
}

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
        fuzzTarget("fuzz-validator", uses: ["StringPayments", "XMLCoding"]),
        // Decoding without the schema, and decode → encode → decode round trips.
        fuzzTarget("fuzz-decoder", uses: ["StringPayments", "XMLCoding"]),
        // Request bytes through the message handler against an in-memory ledger with one booking.
        fuzzTarget("fuzz-handler", uses: ["PaymentLedger", "StringPayments", "XMLCoding"]),
        // Arbitrary bytes as a ledger's journal file, replayed by `Ledger.open(directory:)`.
        fuzzTarget("fuzz-journal", uses: ["PaymentLedger", "StringPayments", "XMLCoding"]),
        // Writes small real journals into Corpus/fuzz-journal; not fuzzed.
        fuzzTarget("make-journal-seeds", uses: ["PaymentLedger", "StringPayments", "XMLCoding"], support: false),
        // The smallest correct Mutex program, to see whether ThreadSanitizer reports it.
        .executableTarget(
            name: "tsan-mutex-probe",
            swiftSettings: strictSwift
        ),
    ]
)
