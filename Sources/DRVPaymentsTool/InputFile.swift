import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One input of a command: a file named on the command line or found in a named directory, or
/// standard input (`-`).
struct InputFile: Equatable, Sendable {
    /// The name diagnostics use: the path as given (a directory's files as `DIR/NAME`), or `-`.
    let name: String

    /// Whether the input is standard input.
    var isStandardInput: Bool { name == "-" }

    /// The files that `validate`'s operands stand for, in order: a file stands for itself, `-`
    /// for standard input, and a directory for its `*.xml` files sorted by name, not recursing
    /// and skipping hidden files, as the shell's `DIR/*.xml` would.
    ///
    /// - Parameter operands: The operands as given.
    /// - Returns: The files, and an error for each operand that does not exist or is a directory
    ///   that cannot be listed. Whether a file can be read is found out when it is read.
    static func expand(_ operands: [String]) -> (files: [InputFile], errors: [InputError]) {
        var files: [InputFile] = []
        var errors: [InputError] = []
        for operand in operands {
            if operand == "-" {
                files.append(InputFile(name: operand))
                continue
            }
            switch status(of: operand) {
            case .failure(let error):
                errors.append(error)
            case .success(let mode) where isDirectory(mode):
                switch xmlFiles(in: operand) {
                case .success(let found): files += found
                case .failure(let error): errors.append(error)
                }
            case .success:
                files.append(InputFile(name: operand))
            }
        }
        return (files, errors)
    }

    /// Reads the whole input, or its first `limit + 1` bytes when it is longer.
    ///
    /// - Parameters:
    ///   - limit: The largest input the reader accepts; reading stops one byte beyond it.
    ///   - context: Supplies standard input.
    /// - Returns: The bytes.
    /// - Throws: ``InputError`` when the input cannot be opened or read, or is a directory.
    func read(limit: Int, in context: ToolContext) throws(InputError) -> Data {
        if isStandardInput {
            return try context.readStandardInput(limit)
        }
        let descriptor = open(name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(name, errno) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, Self.isDirectory(info.st_mode) {
            throw Self.error(name, EISDIR)
        }
        return try Self.read(descriptor: descriptor, name: name, limit: limit)
    }

    /// Reads from an open file descriptor until its end, or until `limit + 1` bytes are read.
    ///
    /// - Parameters:
    ///   - descriptor: The descriptor, such as 0 for standard input.
    ///   - name: The input's name for the error.
    ///   - limit: The largest input the reader accepts.
    /// - Returns: The bytes.
    /// - Throws: ``InputError`` when reading fails.
    static func read(descriptor: Int32, name: String, limit: Int) throws(InputError) -> Data {
        let wanted = limit < Int.max ? limit + 1 : limit
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count < wanted {
            let count = min(chunk.count, wanted - data.count)
            let read = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, count) }
            if read < 0 {
                if errno == EINTR { continue }
                throw error(name, errno)
            }
            if read == 0 { break }
            data.append(contentsOf: chunk[0..<read])
        }
        return data
    }

    /// Whether a `stat` mode is a directory's.
    private static func isDirectory(_ mode: mode_t) -> Bool {
        mode & mode_t(S_IFMT) == mode_t(S_IFDIR)
    }

    /// The `stat` mode of a path, following symbolic links.
    private static func status(of path: String) -> Result<mode_t, InputError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(error(path, errno)) }
        return .success(info.st_mode)
    }

    /// The `*.xml` files of a directory that are not directories themselves, sorted by name.
    private static func xmlFiles(in directory: String) -> Result<[InputFile], InputError> {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            guard let handle = opendir(directory) else { return .failure(Self.error(directory, errno)) }
            closedir(handle)
            return .failure(InputError(name: directory, reason: "cannot list the directory"))
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = names.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { prefix + $0 }
            .filter { path in
                if case .success(let mode) = status(of: path) { return !isDirectory(mode) }
                return true  // a broken link: reading it reports why
            }
        return .success(paths.map(InputFile.init(name:)))
    }

    /// The error for a failed system call, in the system's words (`No such file or directory`).
    private static func error(_ name: String, _ code: Int32) -> InputError {
        InputError(name: name, reason: String(cString: strerror(code)))
    }
}

/// POSIX `read(2)`, named apart from `InputFile.read(limit:in:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
    #elseif canImport(Musl)
        return Musl.read(descriptor, buffer, count)
    #else
        return Darwin.read(descriptor, buffer, count)
    #endif
}
