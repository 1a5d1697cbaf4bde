import BenchmarkSupport
import Foundation

/// The plain-text report of an ``XMLThroughputBenchmark`` run: one table of medians side by side
/// for every size, then the targets with PASS or MISS.
struct XMLThroughputReport {
    typealias Operation = XMLThroughputBenchmark.Operation
    typealias SizeResult = XMLThroughputBenchmark.SizeResult

    /// A performance target of issue 16, evaluated per size on time ratios of paired samples.
    struct Target: Sendable {
        var label: String
        var threshold: Double
        /// Whether the ratio must be at most (a multiple of the floor's time) or at least (a
        /// speed-up over XMLCoder) the threshold.
        var isUpperBound: Bool
        var value: @Sendable (SizeResult) -> XMLThroughputBenchmark.RatioSpread?
        /// Shown when the value cannot be computed.
        var missingReason: String
    }

    static let targets: [Target] = [
        Target(
            label: "decode ≤ 3.0× floor time", threshold: 3.0, isUpperBound: true,
            value: { $0.timeRatio(.decode, to: .floor) }, missingReason: "decode failed"),
        Target(
            label: "encode ≤ 2.0× floor time", threshold: 2.0, isUpperBound: true,
            value: { $0.timeRatio(.encode, to: .floor) }, missingReason: "encode failed"),
        Target(
            label: "validate (compiled) + decode ≤ 4.0× floor time", threshold: 4.0, isUpperBound: true,
            value: { $0.timeRatio(.compiledValidateAndDecode, to: .floor) },
            missingReason: "validate (compiled) + decode failed"),
        Target(
            label: "XMLCoder decode time / ours ≥ 30×", threshold: 30, isUpperBound: false,
            value: { $0.timeRatio(.xmlCoderDecode, to: .decode) }, missingReason: "n/a: XMLCoder fails"),
        Target(
            label: "XMLCoder encode time / ours ≥ 40×", threshold: 40, isUpperBound: false,
            value: { $0.timeRatio(.xmlCoderEncode, to: .encode) }, missingReason: "n/a: XMLCoder fails"),
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
            ("validate (libxml2) + decode / floor (MB/s)", { $0.speedRelativeToFloor(.validateAndDecode) }, false),
            (
                "validate (compiled) + decode / floor (MB/s)", { $0.speedRelativeToFloor(.compiledValidateAndDecode) },
                false
            ),
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

    /// The targets: each ratio's median over the rounds, its spread (lowest–highest),
    /// and the verdict on the median. Instruction ratios, which load does not move, come from
    /// `scripts/callgrind-ratios.sh`.
    private var targetsTable: String {
        var table = TextTable(
            header: ["target (time ratios per round: median, lowest–highest)"]
                + results.map { "N=\(Self.grouped($0.paymentCount))" })
        for target in Self.targets {
            var row = [target.label]
            for result in results {
                guard let ratio = target.value(result) else {
                    row.append(target.missingReason)
                    continue
                }
                let passes = target.isUpperBound ? ratio.median <= target.threshold : ratio.median >= target.threshold
                row.append(
                    String(format: "%.2f× (%.2f–%.2f)  ", ratio.median, ratio.lowest, ratio.highest)
                        + (passes ? "PASS" : "MISS"))
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
