import Foundation

/// One line describing where the numbers were measured.
public enum MachineInfo {
    /// - Parameters:
    ///   - loadAtStart: The load average when the run started, shown next to the current one.
    ///   - details: More parts, after the operating system (such as the libxml2 version).
    public static func summary(loadAtStart: String?, details: [String] = []) -> String {
        let processInfo = ProcessInfo.processInfo
        var parts = ["nproc \(processInfo.activeProcessorCount)"]
        if let model = cpuModel { parts.append(model) }
        parts.append(String(format: "%.1f GB RAM", Double(processInfo.physicalMemory) / 1e9))
        parts.append(processInfo.operatingSystemVersionString)
        parts.append(contentsOf: details)
        if let loadAverage {
            parts.append("load average " + (loadAtStart.map { "\($0) at start, " } ?? "") + "\(loadAverage) at end")
        }
        parts.append(timestamp)
        return parts.joined(separator: ", ")
    }

    /// The current time in UTC, as `2025-01-31 14:05 UTC`.
    public static var timestamp: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date())
    }

    /// The 1-minute load average from `/proc/loadavg`: other work on the machine skews timings
    /// (not callgrind's instruction counts).
    public static var loadAverage: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/loadavg") else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    /// The device and file system a path lives on, from `/proc/mounts` (the longest mount point
    /// that is a prefix of the path), as `/dev/vda (ext4, mounted on /)`.
    public static func fileSystem(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/mounts") else { return "unknown" }
        var best: (mountPoint: String, description: String)?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 3 else { continue }
            let mountPoint = fields[1]
            let isPrefix = mountPoint == "/" || path == mountPoint || path.hasPrefix(mountPoint + "/")
            if isPrefix, mountPoint.count >= (best?.mountPoint.count ?? -1) {
                best = (mountPoint, "\(fields[0]) (\(fields[2]), mounted on \(mountPoint))")
            }
        }
        return best?.description ?? "unknown"
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
