import Foundation

/// One line describing where the numbers were measured.
enum MachineInfo {
    /// - Parameter loadAtStart: The load average when the run started, shown next to the current one.
    static func summary(loadAtStart: String?) -> String {
        let processInfo = ProcessInfo.processInfo
        var parts = ["nproc \(processInfo.activeProcessorCount)"]
        if let model = cpuModel { parts.append(model) }
        parts.append(String(format: "%.1f GB RAM", Double(processInfo.physicalMemory) / 1e9))
        parts.append(processInfo.operatingSystemVersionString)
        parts.append("libxml2 \(LibXML2SAXFloor.version)")
        if let loadAverage {
            parts.append("load average " + (loadAtStart.map { "\($0) at start, " } ?? "") + "\(loadAverage) at end")
        }
        parts.append(timestamp)
        return parts.joined(separator: ", ")
    }

    /// The current time in UTC, as `2025-01-31 14:05 UTC`.
    static var timestamp: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date())
    }

    /// The 1-minute load average from `/proc/loadavg`: other work on the machine skews timings
    /// (not callgrind's instruction counts).
    static var loadAverage: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/loadavg") else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    /// The first `model name` of `/proc/cpuinfo`.
    private static var cpuModel: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/cpuinfo") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
