public import Foundation
import Synchronization

/// The kept reports of scheduled runs: one JSON file per run in a directory (by default
/// `run-reports` in the data directory), written atomically (a temporary file renamed over the
/// name), the oldest removed beyond a retention count.
public final class RunReportStore: Sendable {
    /// The directory of the files.
    public let directory: URL
    /// How many reports are kept; older ones are removed when a new one is saved.
    public let retention: Int
    private let lock = Mutex(())

    /// The largest report file read back; a bigger file is skipped as damaged.
    static let maximumFileSize = 4 << 20

    /// Creates a store.
    ///
    /// - Parameters:
    ///   - directory: The directory; created on the first save.
    ///   - retention: How many reports to keep, at least 1.
    public init(directory: URL, retention: Int) {
        self.directory = directory
        self.retention = max(1, retention)
    }

    /// Saves a report and removes the oldest beyond the retention.
    ///
    /// - Parameter report: The report; its ``ScheduledRunReport/id`` names the file.
    /// - Throws: ``ServerError`` with code `report-unwritable` when the directory or the file
    ///   cannot be written.
    public func save(_ report: ScheduledRunReport) throws(ServerError) {
        guard Self.isValidIdentifier(report.id) else {
            throw ServerError(code: .reportUnwritable, message: "report id '\(report.id)' is not a safe file name")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try lock.withLock { _ throws(ServerError) in
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let data = try encoder.encode(report)
                try data.write(to: directory.appendingPathComponent(report.id + ".json"), options: .atomic)
            } catch {
                throw ServerError(
                    code: .reportUnwritable, message: "cannot write report \(report.id) in \(directory.path): \(error)")
            }
            let names = fileNames()
            for name in names.dropLast(retention) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// The kept reports, newest first; damaged files are skipped.
    ///
    /// - Parameter job: Only this job's reports, or every job's.
    /// - Returns: The reports.
    public func list(job: ScheduledJob? = nil) -> [ScheduledRunReport] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let names = lock.withLock { _ in fileNames() }
        return names.reversed().compactMap { name -> ScheduledRunReport? in
            let url = directory.appendingPathComponent(name)
            guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
                size <= Self.maximumFileSize, let data = try? Data(contentsOf: url),
                let report = try? decoder.decode(ScheduledRunReport.self, from: data)
            else { return nil }
            return job == nil || report.job == job ? report : nil
        }
    }

    /// The report with an identifier.
    ///
    /// - Parameter id: The identifier.
    /// - Returns: The report, or `nil` when there is none (or the id is not a valid one).
    public func report(id: String) -> ScheduledRunReport? {
        guard Self.isValidIdentifier(id) else { return nil }
        return list().first { $0.id == id }
    }

    /// The report files' names, oldest first (the names sort by time).
    private func fileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// Whether an identifier is made of letters, digits and hyphens only (a safe file name).
    static func isValidIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-"
            }
    }
}
