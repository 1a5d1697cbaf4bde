import Foundation

#if os(Linux)
    import CLibXML2Bench  // malloc_trim, mallopt
#endif

/// The process's resident memory, from `/proc/self/status` (Linux only).
public enum ProcessMemory {
    /// `VmHWM`, the peak resident set size so far, in bytes; `nil` where `/proc` is unavailable.
    public static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// `VmRSS`, the current resident set size, in bytes.
    public static var residentBytes: Int? { statusField("VmRSS") }

    /// Returns freed heap memory to the kernel, then resets `VmHWM` to the current resident size
    /// by writing `5` to `/proc/self/clear_refs` (Linux 4.0 and later), so that a later peak
    /// belongs to the work in between.
    ///
    /// Trimming matters: pages freed by earlier work stay resident in malloc's free lists, and
    /// work that reuses them would look cheaper than it is.
    ///
    /// - Returns: Whether the kernel accepted the reset; without it, the peak still includes
    ///   everything the process did before.
    public static func resetPeak() -> Bool {
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

    /// Makes malloc keep freed memory in the process: blocks up to 32 MiB come from the heap
    /// rather than fresh `mmap`s, and the heap is not trimmed after each `free`.
    ///
    /// Without it, glibc's adaptive thresholds decide per run whether a large buffer (such as
    /// libxml2's copy of the input) costs fresh, zero-filled pages from the kernel; the floor was
    /// seen alternating between 4.2 and 8.2 ms from one run to the next. With it, repeated runs
    /// measure the work, not the page faults. For timing only: memory measurements need trimming.
    ///
    /// - Returns: Whether malloc accepted both settings (always `false` off glibc).
    public static func keepFreedMemory() -> Bool {
        #if os(Linux)
            return mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, Int32.max) == 1
        #else
            return false
        #endif
    }

    /// `VmRSS` in bytes after returning freed heap to the kernel, so that memory the process
    /// freed does not count; `nil` where `/proc` is unavailable.
    public static func trimmedResidentBytes() -> Int? {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
        return residentBytes
    }

    /// Bytes the allocator has handed out and not had back (`mallinfo2().uordblks`, glibc only):
    /// live heap, without the free space and fragmentation that `VmRSS` also counts.
    public static var liveHeapBytes: Int? {
        #if os(Linux)
            return Int(mallinfo2().uordblks)
        #else
            return nil
        #endif
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
