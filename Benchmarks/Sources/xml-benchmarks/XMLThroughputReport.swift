import BenchmarkSupport
import Foundation

/// The plain-text report of an ``XMLThroughputBenchmark`` run: one table of medians side by side
/// for every size, then the targets with PASS or MISS.
struct XMLThroughputReport {
    typealias Operation = XMLThroughputBenchmark.Operation
    typealias SizeResult = XMLThroughputBenchmark.SizeResult

    /// A performance target, evaluated per size.
    struct Target: Sendable {
        var label: String
        var threshold: Double
        var value: @Sendable (SizeResult) -> Double?
        /// How a value is shown: speed as a fraction of the floor, or a speed-up.
        var isSpeedup: Bool
        /// Shown when the value cannot be computed.
        var missingReason: String
    }

    static let targets: [Target] = [
        Target(
            label: "decode ≥ 1/3 of floor MB/s", threshold: 1.0 / 3, value: { $0.speedRelativeToFloor(.decode) },
            isSpeedup: false, missingReason: "decode failed"),
        Target(
            label: "decode ≥ 25× XMLCoder decode", threshold: 25,
            value: { $0.speedup(.decode, over: .xmlCoderDecode) }, isSpeedup: true,
            missingReason: "n/a: XMLCoder fails"),
        Target(
            label: "encode ≥ 1/2 of floor MB/s", threshold: 1.0 / 2, value: { $0.speedRelativeToFloor(.encode) },
            isSpeedup: false, missingReason: "encode failed"),
        Target(
            label: "encode ≥ 30× XMLCoder encode", threshold: 30,
            value: { $0.speedup(.encode, over: .xmlCoderEncode) }, isSpeedup: true,
            missingReason: "n/a: XMLCoder fails"),
        Target(
            label: "validate + decode ≥ 1/5 of floor MB/s", threshold: 1.0 / 5,
            value: { $0.speedRelativeToFloor(.validateAndDecode) }, isSpeedup: false,
            missingReason: "validate + decode failed"),
    ]

    let results: [SizeResult]

    var text: String {
        var sections: [String] = []
        sections.append(measurementsTable)
        sections.append(ratiosTable)
        sections.append(targetsTable)
        var footnotes: [String] = []
        for result in results {
            let prefix = "N = \(Self.grouped(result.paymentCount)):"
            for operation in Operation.allCases {
                if let failure = result.outcome(operation)?.failure {
                    footnotes.append("\(prefix) \(operation.label) \(failure)")
                }
            }
            for note in result.notes {
                footnotes.append("\(prefix) \(note)")
            }
        }
        if !footnotes.isEmpty {
            sections.append("Notes:\n" + footnotes.map { "- " + $0 }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// Medians in ms and MB/s, each size side by side.
    private var measurementsTable: String {
        var header = ["operation"]
        for result in results {
            header += ["N=\(Self.grouped(result.paymentCount)) median ms", "min ms", "MB/s"]
        }
        var table = TextTable(header: header)
        for operation in Operation.allCases {
            var row = [operation.label]
            for result in results {
                guard let outcome = result.outcome(operation) else {
                    row += ["-", "-", "-"]
                    continue
                }
                if let timing = outcome.timing, let speed = outcome.megabytesPerSecond {
                    row += [
                        Self.milliseconds(timing.median), Self.milliseconds(timing.fastest),
                        String(format: "%.1f", speed),
                    ]
                } else {
                    row += ["fails", "-", "-"]
                }
            }
            table.append(row)
        }
        var caption = "MB/s at the median (MB = 10^6 bytes; encoders: bytes written). "
        caption += results.map { result in
            "N=\(Self.grouped(result.paymentCount)): \(Self.megabytes(result.documentBytes)) document, "
                + "\(result.iterations) iterations, XMLCoder \(result.xmlCoderIterations)"
        }.joined(separator: "; ")
        return caption + ".\n" + table.rendered
    }

    /// Speed relative to the floor and to XMLCoder.
    private var ratiosTable: String {
        var table = TextTable(header: ["ratio"] + results.map { "N=\(Self.grouped($0.paymentCount))" })
        let ratios: [(String, (SizeResult) -> Double?, Bool)] = [
            ("decode / floor (MB/s)", { $0.speedRelativeToFloor(.decode) }, false),
            ("encode / floor (MB/s)", { $0.speedRelativeToFloor(.encode) }, false),
            ("validate (bytes) / floor (MB/s)", { $0.speedRelativeToFloor(.validate) }, false),
            ("validate + decode / floor (MB/s)", { $0.speedRelativeToFloor(.validateAndDecode) }, false),
            ("XMLCoder decode / floor (MB/s)", { $0.speedRelativeToFloor(.xmlCoderDecode) }, false),
            ("XMLCoder encode / floor (MB/s)", { $0.speedRelativeToFloor(.xmlCoderEncode) }, false),
            ("decode: XMLCoding vs XMLCoder (time)", { $0.speedup(.decode, over: .xmlCoderDecode) }, true),
            ("encode: XMLCoding vs XMLCoder (time)", { $0.speedup(.encode, over: .xmlCoderEncode) }, true),
        ]
        for (label, value, isSpeedup) in ratios {
            table.append([label] + results.map { value($0).map { Self.format($0, isSpeedup: isSpeedup) } ?? "n/a" })
        }
        return table.rendered
    }

    private var targetsTable: String {
        var table = TextTable(header: ["target"] + results.map { "N=\(Self.grouped($0.paymentCount))" })
        for target in Self.targets {
            var row = [target.label]
            for result in results {
                guard let value = target.value(result) else {
                    row.append(target.missingReason)
                    continue
                }
                let verdict = value >= target.threshold ? "PASS" : "MISS"
                row.append("\(Self.format(value, isSpeedup: target.isSpeedup))  \(verdict)")
            }
            table.append(row)
        }
        return table.rendered
    }

    // MARK: - Formatting

    /// A speed-up as `48.2×`; a fraction of the floor's speed as `0.41 (1/2.4)`.
    static func format(_ value: Double, isSpeedup: Bool) -> String {
        if isSpeedup { return String(format: "%.1f×", value) }
        guard value > 0 else { return "0" }
        return String(format: "%.2f (1/%.1f)", value, 1 / value)
    }

    static func milliseconds(_ duration: Duration) -> String {
        let milliseconds = duration.seconds * 1_000
        return milliseconds < 100 ? String(format: "%.2f", milliseconds) : String(format: "%.0f", milliseconds)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.2f MB", Double(bytes) / 1e6)
    }

    /// `20,000`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
