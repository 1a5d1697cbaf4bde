import BankStatements
import Foundation

/// camt.053 import for the back office: a generated statement of `entries` entries (batches,
/// debits, RF references and remittance text mixed in), decoded by `CamtDecoder` with and without
/// XSD validation. The median of `rounds` decodes after a warm-up.
enum CamtImportBenchmark {
    struct Result {
        var entries: Int
        var bytes: Int
        var validated: Duration
        var unvalidated: Duration

        var validatedRate: Double { Double(entries) / validated.seconds }
        var unvalidatedRate: Double { Double(entries) / unvalidated.seconds }
    }

    static func run(entries: Int, rounds: Int) -> Result {
        let data = _CamtSampleGenerator.statement(entryCount: entries, version: 8)
        func time(validating: Bool) -> (Duration, Int) {
            var options = CamtDecodingOptions()
            options.validatesAgainstSchema = validating
            let decoder = CamtDecoder(options: options)
            var samples: [Duration] = []
            var count = 0
            for round in 0...rounds {
                let (elapsed, decoded) = Stopwatch.time { () -> Int in
                    do {
                        return try decoder.decode(data).reduce(0) { $0 + $1.entries.count }
                    } catch {
                        fail("camt decoding failed: \(error)")
                    }
                }
                count = decoded
                if round > 0 { samples.append(elapsed) }
            }
            return (Stopwatch.median(samples), count)
        }
        let (validated, count) = time(validating: true)
        let (unvalidated, _) = time(validating: false)
        return Result(entries: count, bytes: data.count, validated: validated, unvalidated: unvalidated)
    }
}
