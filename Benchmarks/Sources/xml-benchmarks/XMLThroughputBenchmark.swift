import Foundation
import XMLCoding

/// Throughput of reading, writing and validating the payment list, measured side by side in one
/// run against the libxml2 SAX2 floor and against XMLCoder.
struct XMLThroughputBenchmark {
    /// What one run measures.
    struct Settings: Sendable {
        /// The document sizes, in payments.
        var paymentCounts: [Int]
        /// Timed iterations per size for the libxml2 floor and the library; 9 for sizes not listed.
        var iterationsByCount: [Int: Int]
        /// Timed iterations per size for XMLCoder, which is one to two orders of magnitude slower:
        /// 3 for sizes not listed.
        var xmlCoderIterationsByCount: [Int: Int]
        /// Untimed runs before each measurement.
        var warmUps: Int

        func iterations(for paymentCount: Int) -> Int {
            iterationsByCount[paymentCount] ?? 9
        }

        func xmlCoderIterations(for paymentCount: Int) -> Int {
            xmlCoderIterationsByCount[paymentCount] ?? 3
        }

        /// The report: 1,000 and 20,000 payments; XMLCoder 7 and 3 times (about 10 s per run at
        /// 20,000).
        static let standard = Settings(
            paymentCounts: [1_000, 20_000], iterationsByCount: [1_000: 15, 20_000: 9],
            xmlCoderIterationsByCount: [1_000: 7, 20_000: 3], warmUps: 1)

        /// A smoke run: 200 payments, 3 iterations.
        static let quick = Settings(
            paymentCounts: [200], iterationsByCount: [200: 3], xmlCoderIterationsByCount: [200: 3], warmUps: 1)
    }

    /// The measured operations, in report order.
    enum Operation: CaseIterable, Sendable {
        case floor, decode, encode, validate, validateAndDecode, compiledValidateAndDecode, xmlCoderDecode,
            xmlCoderEncode

        var label: String {
            switch self {
            case .floor: "libxml2 SAX2, empty callbacks (floor)"
            case .decode: "XMLCoding decode"
            case .encode: "XMLCoding encode"
            case .validate: "XMLCoding validate (bytes)"
            case .validateAndDecode: "XMLCoding validate (libxml2) + decode"
            case .compiledValidateAndDecode: "XMLCoding validate (compiled) + decode"
            case .xmlCoderDecode: "XMLCoder 0.18.2 decode"
            case .xmlCoderEncode: "XMLCoder 0.18.2 encode"
            }
        }

        var isXMLCoder: Bool { self == .xmlCoderDecode || self == .xmlCoderEncode }
    }

    /// One measured operation: its median, or why it could not run.
    struct Outcome: Sendable {
        /// The bytes read (the document) or written (the encoder's output), for MB/s.
        var bytes: Int
        var timing: Measure.Timing?
        var failure: String?

        var median: Duration? { timing?.median }

        /// Millions of bytes per second at the median.
        var megabytesPerSecond: Double? {
            guard let median, median > .zero else { return nil }
            return Double(bytes) / 1e6 / median.seconds
        }
    }

    /// Everything measured on one document size.
    struct SizeResult: Sendable {
        var paymentCount: Int
        var documentBytes: Int
        var iterations: Int
        var xmlCoderIterations: Int
        var outcomes: [Operation: Outcome]
        /// What the correctness checks found worth noting.
        var notes: [String]

        func outcome(_ operation: Operation) -> Outcome? { outcomes[operation] }

        /// An operation's MB/s divided by the floor's.
        func speedRelativeToFloor(_ operation: Operation) -> Double? {
            guard let speed = outcomes[operation]?.megabytesPerSecond,
                let floor = outcomes[.floor]?.megabytesPerSecond, floor > 0
            else { return nil }
            return speed / floor
        }

        /// `numerator`'s time divided by `denominator`'s, round by round (both ran once in each
        /// round, so a burst of load on the machine touches both samples of a pair): the
        /// median and the spread of those ratios. Rounds in which either sat out are skipped.
        func timeRatio(_ numerator: Operation, to denominator: Operation) -> RatioSpread? {
            guard let top = outcomes[numerator]?.timing?.samples, let bottom = outcomes[denominator]?.timing?.samples
            else { return nil }
            let ratios = zip(top, bottom).compactMap { top, bottom in
                bottom > .zero ? top.seconds / bottom.seconds : nil
            }
            return RatioSpread(ratios)
        }

        /// How many times faster the library is than XMLCoder for the same payments (time ratio).
        func speedup(_ ours: Operation, over theirs: Operation) -> Double? {
            guard let ourTime = outcomes[ours]?.median, let theirTime = outcomes[theirs]?.median,
                ourTime > .zero
            else { return nil }
            return theirTime.seconds / ourTime.seconds
        }
    }

    /// Ratios of paired samples: their median, lowest and highest.
    struct RatioSpread: Sendable {
        var median: Double
        var lowest: Double
        var highest: Double

        init?(_ ratios: [Double]) {
            let sorted = ratios.sorted()
            guard let lowest = sorted.first, let highest = sorted.last else { return nil }
            let middle = sorted.count / 2
            median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            self.lowest = lowest
            self.highest = highest
        }
    }

    /// A benchmark-stopping problem: the library or the generator produced wrong results.
    struct CheckFailure: Error, CustomStringConvertible {
        var description: String
    }

    let settings: Settings
    let schema: XMLSchema
    let compiledSchema: XMLConstructedSchema

    init(settings: Settings) throws {
        self.settings = settings
        schema = try XMLSchema(
            main: PaymentListSchema.fileName, documents: [PaymentListSchema.fileName: Data(PaymentListSchema.text.utf8)]
        )
        compiledSchema = try PaymentListSchema.compiled()
    }

    /// Runs every size; progress goes to `progress`, results are returned for the report.
    func run(progress: (String) -> Void) throws -> [SizeResult] {
        var results: [SizeResult] = []
        for paymentCount in settings.paymentCounts {
            results.append(try run(paymentCount: paymentCount, progress: progress))
        }
        return results
    }

    private func run(paymentCount: Int, progress: (String) -> Void) throws -> SizeResult {
        let records = PaymentListGenerator.records(count: paymentCount)
        let document = PaymentListGenerator.document(records: records)
        let documentData = Data(document)
        let decoder = XMLDecoder()
        let encoder = XMLEncoder()
        let iterations = settings.iterations(for: paymentCount)
        let xmlCoderIterations = settings.xmlCoderIterations(for: paymentCount)
        progress("N = \(paymentCount): \(document.count) bytes, checking results")

        // Correctness first: a fast wrong answer is not a result.
        var notes: [String] = []
        guard LibXML2SAXFloor.parse(document) else { throw CheckFailure(description: "libxml2 rejects the document") }
        let documentViolations = try schema.validate(document)
        guard documentViolations.isEmpty else {
            throw CheckFailure(description: "the generated document is invalid: \(documentViolations.prefix(3))")
        }
        let expected = try PaymentList(records: records)
        let decoded = try decoder.decode(PaymentList.self, from: document)
        guard decoded == expected else {
            throw CheckFailure(description: "XMLCoding decodes N = \(paymentCount) to a different value than generated")
        }
        let encoded = try encoder.encode(decoded)
        guard try decoder.decode(PaymentList.self, from: encoded) == decoded else {
            throw CheckFailure(description: "XMLCoding's encoded output does not decode to the same value")
        }
        let encodedViolations = try schema.validate(encoded)
        guard encodedViolations.isEmpty else {
            throw CheckFailure(description: "XMLCoding's encoded output is invalid: \(encodedViolations.prefix(3))")
        }
        guard try decoder.decode(PaymentList.self, from: document, validatingAgainst: schema) == decoded else {
            throw CheckFailure(description: "validate + decode gives a different value than decode")
        }
        guard try PaymentListSchema.validateAndDecode(document, compiledSchema, decoder) == decoded else {
            throw CheckFailure(description: "validate (compiled) + decode gives a different value than decode")
        }
        let damaged = Array(
            String(decoding: document, as: UTF8.self).replacingOccurrences(of: "<Currency>EUR<", with: "<Currency>eur<")
                .utf8)
        guard (try? PaymentListSchema.validateAndDecode(damaged, compiledSchema, decoder)) == nil,
            try !schema.validate(damaged).isEmpty
        else {
            throw CheckFailure(description: "a lower-case currency is not refused by both validators")
        }
        let xmlCoderValue = try XMLCoderModel.PaymentList(records: records)
        let xmlCoderEncoded = try XMLCoderBaseline.encode(xmlCoderValue)
        if let crossDecoded = try? decoder.decode(PaymentList.self, from: xmlCoderEncoded), crossDecoded == decoded {
            notes.append("XMLCoder's output decodes with XMLCoding to the same payments")
        } else {
            notes.append("XMLCoder's output does NOT decode with XMLCoding to the same payments")
        }
        do {
            let xmlCoderDecoded = try XMLCoderBaseline.decode(documentData)
            guard xmlCoderDecoded == xmlCoderValue else {
                throw CheckFailure(
                    description: "XMLCoder decodes N = \(paymentCount) to a different value than generated")
            }
        } catch let failure as CheckFailure {
            throw failure
        } catch {
            // XMLCoder's own limit, not a benchmark bug: the measurement below reports it.
        }

        // One sample of every operation per round: see Measure.interleaved.
        let bodies: [(Operation, Int, () throws -> Void)] = [
            (.floor, document.count, { Measure.consume(LibXML2SAXFloor.parse(document)) }),
            (.decode, document.count, { Measure.consume(try decoder.decode(PaymentList.self, from: document)) }),
            (.encode, encoded.count, { Measure.consume(try encoder.encode(decoded)) }),
            (.validate, document.count, { Measure.consume(try schema.validate(document)) }),
            (
                .validateAndDecode, document.count,
                {
                    Measure.consume(try decoder.decode(PaymentList.self, from: document, validatingAgainst: schema))
                }
            ),
            (
                .compiledValidateAndDecode, document.count,
                { Measure.consume(try PaymentListSchema.validateAndDecode(document, compiledSchema, decoder)) }
            ),
            (.xmlCoderDecode, document.count, { Measure.consume(try XMLCoderBaseline.decode(documentData)) }),
            (.xmlCoderEncode, xmlCoderEncoded.count, { Measure.consume(try XMLCoderBaseline.encode(xmlCoderValue)) }),
        ]
        let jobs = bodies.map { operation, _, body in
            Measure.Job(
                name: operation.label, iterations: operation.isXMLCoder ? xmlCoderIterations : iterations, body: body)
        }
        let results = Measure.interleaved(jobs, warmUps: settings.warmUps) { progress("N = \(paymentCount): \($0)") }
        var outcomes: [Operation: Outcome] = [:]
        for ((operation, bytes, _), result) in zip(bodies, results) {
            switch result {
            case .success(let timing):
                outcomes[operation] = Outcome(bytes: bytes, timing: timing)
            case .failure(let failure):
                outcomes[operation] = Outcome(
                    bytes: bytes,
                    failure: "fails after \(String(format: "%.2f", failure.elapsed.seconds)) s: "
                        + Self.summary(of: failure.error))
            }
        }

        return SizeResult(
            paymentCount: paymentCount, documentBytes: document.count, iterations: iterations,
            xmlCoderIterations: xmlCoderIterations, outcomes: outcomes, notes: notes)
    }

    /// The first line of an error's description, at most 160 characters.
    static func summary(of error: any Error) -> String {
        let text = String(describing: error)
        let firstLine = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return firstLine.count > 160 ? String(firstLine.prefix(157)) + "..." : firstLine
    }
}
