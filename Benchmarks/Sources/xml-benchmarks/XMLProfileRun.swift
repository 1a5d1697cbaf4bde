import Foundation
import XMLCoding

/// Runs one operation repeatedly and nothing else, for a profiler:
///
/// ```
/// valgrind --tool=callgrind --toggle-collect=xml_benchmarks_profiled_work \
///     .build-bench/release/xml-benchmarks --profile decode 1000
/// perf record -g .build-bench/release/xml-benchmarks --profile decode 1000
/// ```
///
/// The document, the schema and (for encoding) the value are prepared first; only the repeated
/// operation runs inside `xml_benchmarks_profiled_work`, so callgrind can collect just that.
struct XMLProfileRun {
    enum Operation: String, CaseIterable, Sendable {
        case floor, decode, encode, validate
        case validateDecode = "validate-decode"
        case compiledValidateDecode = "validate-compiled-decode"
        case xmlCoderDecode = "xmlcoder-decode"
        case xmlCoderEncode = "xmlcoder-encode"
    }

    var operation: Operation
    var paymentCount: Int
    var iterations: Int

    func run() throws -> String {
        let document = PaymentListGenerator.document(count: paymentCount)
        let decoder = XMLDecoder()
        let encoder = XMLEncoder()
        let schema = try XMLSchema(
            main: PaymentListSchema.fileName, documents: [PaymentListSchema.fileName: Data(PaymentListSchema.text.utf8)]
        )
        let compiledSchema = try PaymentListSchema.compiled()
        let value = try decoder.decode(PaymentList.self, from: document)
        let documentData = Data(document)
        let xmlCoderValue = try XMLCoderModel.PaymentList(records: PaymentListGenerator.records(count: paymentCount))
        let clock = ContinuousClock()
        let start = clock.now
        try profiledWork {
            for _ in 0..<iterations {
                switch operation {
                case .floor: Measure.consume(LibXML2SAXFloor.parse(document))
                case .decode: Measure.consume(try decoder.decode(PaymentList.self, from: document))
                case .encode: Measure.consume(try encoder.encode(value))
                case .validate: Measure.consume(try schema.validate(document))
                case .validateDecode:
                    Measure.consume(try decoder.decode(PaymentList.self, from: document, validatingAgainst: schema))
                case .compiledValidateDecode:
                    Measure.consume(try PaymentListSchema.validateAndDecode(document, compiledSchema, decoder))
                case .xmlCoderDecode: Measure.consume(try XMLCoderBaseline.decode(documentData))
                case .xmlCoderEncode: Measure.consume(try XMLCoderBaseline.encode(xmlCoderValue))
                }
            }
        }
        let elapsed = clock.now - start
        return "profiled \(operation.rawValue) of \(paymentCount) payments (\(document.count) bytes) × \(iterations): "
            + String(format: "%.3f s", elapsed.seconds)
    }
}

/// The profiled region, under a fixed symbol name for `valgrind --toggle-collect`.
@inline(never)
@_silgen_name("xml_benchmarks_profiled_work")
func profiledWork(_ body: () throws -> Void) rethrows {
    try body()
}
