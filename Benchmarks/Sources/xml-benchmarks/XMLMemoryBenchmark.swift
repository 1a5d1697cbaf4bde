import BenchmarkSupport
import Foundation
import XMLCoding

/// Peak memory of decoding one large document, as a multiple of the document's size, and what
/// XMLCoder does with a document over Foundation's 10 MB limit on Linux.
struct XMLMemoryBenchmark {
    /// The target: the decoder's peak extra memory is at most this many times the document size.
    static let targetMultiple = 2.0
    /// Foundation's `XMLParser` on Linux refuses documents over 10,000,000 bytes.
    static let xmlCoderProbeBytes = 12_000_000
    /// A size XMLCoder can read, to put its memory use next to ours.
    static let xmlCoderComparisonBytes = 5_000_000

    /// The document size in MB (10^6 bytes).
    let megabytes: Int

    func run(progress: (String) -> Void) throws -> String {
        var lines: [String] = []
        let peakCanBeReset = ProcessMemory.resetPeak()
        lines += try measureXMLCoding(peakCanBeReset: peakCanBeReset, progress: progress)
        lines.append("")
        lines += probeXMLCoderLimit(progress: progress)
        if peakCanBeReset {
            lines += measureXMLCoder(progress: progress)
        }
        return lines.joined(separator: "\n")
    }

    /// Decodes a `megabytes` document with the library and reports the peak above the baseline.
    private func measureXMLCoding(peakCanBeReset: Bool, progress: (String) -> Void) throws -> [String] {
        progress("generating a \(megabytes) MB document")
        let (document, paymentCount) = PaymentListGenerator.document(minimumSize: megabytes * 1_000_000)
        // The library's default cap (64 MiB) protects services from oversize input; a batch
        // file this large is an explicit opt-in.
        let options = XMLDecodingOptions(reading: XMLReadingOptions(maximumInputSize: document.count))
        let decoder = XMLDecoder(options: options)

        _ = ProcessMemory.resetPeak()
        guard let baseline = ProcessMemory.peakResidentBytes else {
            return ["Memory: /proc/self/status is not available on this system; nothing measured."]
        }
        progress("decoding \(document.count) bytes with XMLCoding")
        let clock = ContinuousClock()
        let start = clock.now
        let list = try decoder.decode(PaymentList.self, from: document)
        let elapsed = clock.now - start
        let peak = ProcessMemory.peakResidentBytes ?? baseline
        let retained = (ProcessMemory.residentBytes ?? baseline) - baseline
        let decodedCount = withExtendedLifetime(list) { list.payments.count }
        guard decodedCount == paymentCount else {
            throw XMLThroughputBenchmark.CheckFailure(
                description: "decoded \(decodedCount) payments, the document has \(paymentCount)")
        }

        let extra = peak - baseline
        let multiple = Double(extra) / Double(document.count)
        let verdict = multiple <= Self.targetMultiple ? "PASS" : "MISS"
        let size = XMLThroughputReport.megabytes(document.count)
        var table = TextTable(header: [
            "XMLCoding decode, \(size) (\(XMLThroughputReport.grouped(paymentCount)) payments)", "value",
        ])
        table.append([
            "baseline VmHWM (document generated" + (peakCanBeReset ? ", peak reset)" : "; peak NOT resettable)"),
            XMLThroughputReport.megabytes(baseline),
        ])
        table.append(["peak VmHWM after decoding", XMLThroughputReport.megabytes(peak)])
        table.append([
            "peak minus baseline",
            String(format: "%@ = %.2f× the document", XMLThroughputReport.megabytes(extra), multiple),
        ])
        table.append([
            "still resident with the decoded value alive", XMLThroughputReport.megabytes(max(0, retained)),
        ])
        table.append([
            "decode time",
            String(format: "%.2f s (%.1f MB/s)", elapsed.seconds, Double(document.count) / 1e6 / elapsed.seconds),
        ])
        table.append([
            "target: peak minus baseline ≤ \(Int(Self.targetMultiple))× the document",
            String(format: "%.2f×  %@", multiple, verdict),
        ])
        withExtendedLifetime(list) {}
        // What reading alone holds at its peak, beside libxml2's own copy of the input (the floor
        // parses through `xmlCreateMemoryParserCtxt`, which copies; the library pushes the
        // caller's bytes in chunks).
        let readingOptions = XMLReadingOptions(maximumInputSize: document.count)
        let schema = try XMLSchema(
            main: PaymentListSchema.fileName, documents: [PaymentListSchema.fileName: Data(PaymentListSchema.text.utf8)]
        )
        let reads: [(String, () throws -> Void)] = [
            ("libxml2 SAX2 floor (copies the input)", { Measure.consume(LibXML2SAXFloor.parse(document)) }),
            (
                "XMLDocument.parse (the arena)",
                { Measure.consume(try XMLDocument.parse(document, options: readingOptions)) }
            ),
            (
                "XMLSchema.validate, streaming",
                { Measure.consume(try schema.validate(document, options: readingOptions)) }
            ),
        ]
        for (label, body) in reads {
            progress("measuring the peak of \(label)")
            _ = ProcessMemory.resetPeak()
            let before = ProcessMemory.peakResidentBytes ?? 0
            try body()
            let extra = (ProcessMemory.peakResidentBytes ?? before) - before
            table.append([
                "\(label): peak minus baseline",
                String(
                    format: "%@ = %.2f× the document", XMLThroughputReport.megabytes(extra),
                    Double(extra) / Double(document.count)),
            ])
        }
        return [table.rendered]
    }

    /// Tries XMLCoder once on a document just over 10 MB and reports what happens.
    private func probeXMLCoderLimit(progress: (String) -> Void) -> [String] {
        progress("trying XMLCoder on a \(Self.xmlCoderProbeBytes / 1_000_000) MB document")
        let (document, paymentCount) = PaymentListGenerator.document(minimumSize: Self.xmlCoderProbeBytes)
        let data = Data(document)
        let clock = ContinuousClock()
        let start = clock.now
        let label =
            "XMLCoder 0.18.2 decode of \(XMLThroughputReport.megabytes(data.count)) "
            + "(\(XMLThroughputReport.grouped(paymentCount)) payments)"
        do {
            let list = try XMLCoderBaseline.decode(data)
            let elapsed = clock.now - start
            return [
                "\(label): succeeded with \(list.payments.count) payments in "
                    + String(format: "%.2f s", elapsed.seconds) + " (the 10 MB limit did not apply here)"
            ]
        } catch {
            let elapsed = clock.now - start
            return [
                "\(label): fails after " + String(format: "%.2f s", elapsed.seconds) + " with "
                    + XMLThroughputBenchmark.summary(of: error)
            ]
        }
    }

    /// XMLCoder's peak extra memory on a document it can read, for comparison.
    private func measureXMLCoder(progress: (String) -> Void) -> [String] {
        progress("measuring XMLCoder's memory on a \(Self.xmlCoderComparisonBytes / 1_000_000) MB document")
        let (document, _) = PaymentListGenerator.document(minimumSize: Self.xmlCoderComparisonBytes)
        let data = Data(document)
        guard ProcessMemory.resetPeak(), let baseline = ProcessMemory.peakResidentBytes else { return [] }
        let label = "XMLCoder 0.18.2 decode of \(XMLThroughputReport.megabytes(data.count))"
        do {
            let list = try XMLCoderBaseline.decode(data)
            let peak = ProcessMemory.peakResidentBytes ?? baseline
            withExtendedLifetime(list) {}
            let extra = peak - baseline
            return [
                "\(label): peak minus baseline \(XMLThroughputReport.megabytes(extra)) = "
                    + String(format: "%.1f× the document", Double(extra) / Double(data.count))
            ]
        } catch {
            return ["\(label): fails with \(XMLThroughputBenchmark.summary(of: error))"]
        }
    }
}
