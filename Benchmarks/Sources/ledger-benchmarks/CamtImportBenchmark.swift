import BankStatements
import Foundation
import PaymentLedger

/// camt.053 import for the back office: a generated statement of `entries` entries (batches,
/// debits, RF references and remittance text mixed in), decoded by `CamtDecoder` with and without
/// XSD validation, and the whole import: parse, validate, decode and `Ledger.importBankStatement`
/// into an in-memory ledger (a new one each round, so every entry is new). The median of `rounds`
/// runs after a warm-up.
enum CamtImportBenchmark {
    struct Result {
        var entries: Int
        var bytes: Int
        var validated: Duration
        var unvalidated: Duration
        var imported: Duration

        var validatedRate: Double { Double(entries) / validated.seconds }
        var unvalidatedRate: Double { Double(entries) / unvalidated.seconds }
        var importRate: Double { Double(entries) / imported.seconds }
    }

    static func run(entries: Int, rounds: Int) -> Result {
        let data = _CamtSampleGenerator.statement(entryCount: entries, version: 8)
        func time(validating: Bool, importing: Bool = false) -> (Duration, Int) {
            var options = CamtDecodingOptions()
            options.validatesAgainstSchema = validating
            let decoder = CamtDecoder(options: options)
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
            return (Stopwatch.median(samples), count)
        }
        let (validated, count) = time(validating: true)
        let (unvalidated, _) = time(validating: false)
        let (imported, _) = time(validating: true, importing: true)
        return Result(
            entries: count, bytes: data.count, validated: validated, unvalidated: unvalidated, imported: imported)
    }
}
