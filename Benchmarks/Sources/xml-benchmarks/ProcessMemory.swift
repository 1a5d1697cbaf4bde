import Foundation

#if os(Linux)
    import CLibXML2Bench  // malloc_trim
#endif

/// The process's resident memory, from `/proc/self/status` (Linux only).
enum ProcessMemory {
    /// `VmHWM`, the peak resident set size so far, in bytes; `nil` where `/proc` is unavailable.
    static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// `VmRSS`, the current resident set size, in bytes.
    static var residentBytes: Int? { statusField("VmRSS") }

    /// Returns freed heap memory to the kernel, then resets `VmHWM` to the current resident size
    /// by writing `5` to `/proc/self/clear_refs` (Linux 4.0 and later), so that a later peak
    /// belongs to the work in between.
    ///
    /// Trimming matters: pages freed by earlier work stay resident in malloc's free lists, and
    /// work that reuses them would look cheaper than it is.
    ///
    /// - Returns: Whether the kernel accepted the reset; without it, the peak still includes
    ///   everything the process did before.
    static func resetPeak() -> Bool {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// A `Vm…:   1234 kB` line of `/proc/self/status`, in bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3, let value = Int(fields[1]), fields[2] == "kB" else { return nil }
            return value * 1024
        }
        return nil
    }
}
