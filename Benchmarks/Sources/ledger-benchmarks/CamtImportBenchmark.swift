import BankStatements
import Foundation
import PaymentLedger

/// camt.053 import for the back office: a generated statement of `entries` entries (batches,
/// debits, RF references and remittance text mixed in), decoded by `CamtDecoder` with each
/// validation (`CamtValidation`: the compiled schema, the default; libxml2's XSD validator; none),
/// and the whole import: parse, validate, bind and `Ledger.importBankStatement` into an in-memory
/// ledger (a new one each round, so every entry is new), validated the default way and, for
/// comparison, with libxml2's XSD validator. The median of `rounds` runs after a warm-up, with the
/// slowest and fastest run as the spread.
enum CamtImportBenchmark {
    /// One measured configuration.
    struct Figure {
        var label: String
        var entries: Int
        var median: Duration
        var fastest: Duration
        var slowest: Duration
        /// Whether this is the figure the target is about.
        var isTarget: Bool

        var rate: Double { Double(entries) / median.seconds }
        var spread: String {
            "\(Format.rate(Double(entries) / slowest.seconds))–\(Format.rate(Double(entries) / fastest.seconds))"
        }
    }

    struct Result {
        var bytes: Int
        var figures: [Figure]
    }

    static func run(entries: Int, rounds: Int) -> Result {
        let data = _CamtSampleGenerator.statement(entryCount: entries, version: 8)
        func time(_ label: String, _ validation: CamtValidation, importing: Bool, isTarget: Bool = false) -> Figure {
            let decoder = CamtDecoder(options: CamtDecodingOptions(validation: validation))
            var samples: [Duration] = []
            var count = 0
            for round in 0...rounds {
                let (elapsed, decoded) = Stopwatch.time { () -> Int in
                    do {
                        let statements = try decoder.decode(data)
                        if importing {
                            let ledger = try Ledger()
                            var received = 0
                            for statement in statements {
                                received += try ledger.importBankStatement(statement).received.count
                            }
                            guard received == ledger.unregisteredPayments.count, received > 0 else {
                                fail("camt import received \(received) payments")
                            }
                        }
                        return statements.reduce(0) { $0 + $1.entries.count }
                    } catch {
                        fail("camt import failed: \(error)")
                    }
                }
                count = decoded
                if round > 0 { samples.append(elapsed) }
            }
            return Figure(
                label: label, entries: count, median: Stopwatch.median(samples), fastest: samples.min() ?? .zero,
                slowest: samples.max() ?? .zero, isTarget: isTarget)
        }
        return Result(
            bytes: data.count,
            figures: [
                time("decode, validated by the compiled schema (the default)", .compiledSchema, importing: false),
                time("decode, XSD-validated by libxml2 (comparison)", .xsd, importing: false),
                time("decode without validation (comparison)", .none, importing: false),
                time(
                    "import validated the default way (compiled schema) into an in-memory ledger", .compiledSchema,
                    importing: true, isTarget: true),
                time("import, XSD-validated by libxml2, into an in-memory ledger (comparison)", .xsd, importing: true),
            ])
    }
}
