#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX file descriptor with the few calls the journal needs, each retried on `EINTR` and
/// turned into a ``LedgerJournalError`` with code `io-error` otherwise.
///
/// Not thread-safe on its own: ``FileJournal`` calls it only while holding its lock.
struct JournalFileDescriptor {
    let rawValue: Int32
    let path: String

    /// Opens (creating when missing) the file at `path` for reading and writing.
    static func openReadWrite(path: String) throws(LedgerJournalError) -> JournalFileDescriptor {
        let descriptor = try retryingOnInterrupt("open", path: path) {
            Int(open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644))
        }
        return JournalFileDescriptor(rawValue: Int32(descriptor), path: path)
    }

    /// Opens the existing file at `path` for reading only.
    static func openReadOnly(path: String) throws(LedgerJournalError) -> JournalFileDescriptor {
        let descriptor = try retryingOnInterrupt("open", path: path) { Int(open(path, O_RDONLY | O_CLOEXEC)) }
        return JournalFileDescriptor(rawValue: Int32(descriptor), path: path)
    }

    /// Syncs the directory at `path`, so that a newly created entry in it survives a crash.
    static func syncDirectory(path: String) throws(LedgerJournalError) {
        let descriptor = try retryingOnInterrupt("open", path: path) {
            Int(open(path, O_RDONLY | O_CLOEXEC))
        }
        let directory = JournalFileDescriptor(rawValue: Int32(descriptor), path: path)
        defer { directory.close() }
        try directory.sync()
    }

    /// Takes an exclusive advisory lock, so that two ledgers never append to one journal,
    /// waiting up to `patience` for a holder to let go: a process that
    /// has just closed the journal may still share the lock for a moment through a child it was
    /// forking (the descriptor is closed on exec, not before).
    func lockExclusively(patience: Duration = .seconds(1)) throws(LedgerJournalError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: patience)
        while true {
            guard flock(rawValue, LOCK_EX | LOCK_NB) != 0 else { return }
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK, clock.now < deadline {
                usleep(10_000)
                continue
            }
            throw LedgerJournalError(
                code: .ioError,
                message: "the journal is in use by another FileJournal or process (flock failed: "
                    + "\(String(cString: strerror(code))) (errno \(code)))",
                path: path)
        }
    }

    /// The whole file's contents.
    func readAll() throws(LedgerJournalError) -> [UInt8] {
        var status = stat()
        _ = try Self.retryingOnInterrupt("fstat", path: path) { Int(fstat(rawValue, &status)) }
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let descriptor = rawValue
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(LedgerJournalError) -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return try Self.retryingOnInterrupt("read", path: path) {
                        pread(descriptor, base + done, size - done, off_t(done))
                    }
                }
            }
            let count = try result.get()
            if count == 0 {
                bytes.removeSubrange(done...)
                break
            }
            done += count
        }
        return bytes
    }

    /// Writes all of `bytes` at `offset`, continuing after short writes.
    func write(_ bytes: [UInt8], at offset: Int) throws(LedgerJournalError) {
        var done = 0
        while done < bytes.count {
            let descriptor = rawValue
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(LedgerJournalError) -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return try Self.retryingOnInterrupt("write", path: path) {
                        pwrite(descriptor, base + done, buffer.count - done, off_t(offset + done))
                    }
                }
            }
            let count = try result.get()
            if count == 0 {
                throw LedgerJournalError(code: .ioError, message: "write made no progress", path: path)
            }
            done += count
        }
    }

    /// Flushes the file's data and size to stable storage.
    func sync() throws(LedgerJournalError) {
        _ = try Self.retryingOnInterrupt("fsync", path: path) { Int(fsync(rawValue)) }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws(LedgerJournalError) {
        _ = try Self.retryingOnInterrupt("ftruncate", path: path) { Int(ftruncate(rawValue, off_t(length))) }
    }

    /// Closes the descriptor. Not retried on `EINTR`: on Linux the descriptor is released even
    /// then, and retrying could close a descriptor another thread has just been given.
    func close() {
        #if canImport(Glibc)
            _ = Glibc.close(rawValue)
        #elseif canImport(Musl)
            _ = Musl.close(rawValue)
        #elseif canImport(Darwin)
            _ = Darwin.close(rawValue)
        #endif
    }

    private static func retryingOnInterrupt(
        _ call: String, path: String, _ body: () -> Int
    ) throws(LedgerJournalError) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw LedgerJournalError(
                code: .ioError, message: "\(call) failed: \(String(cString: strerror(code))) (errno \(code))",
                path: path)
        }
    }
}
