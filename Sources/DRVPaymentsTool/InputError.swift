/// An input that could not be read: a missing file, a permission problem, a directory where a
/// file belongs. Reported on standard error as `drv-payments: NAME: reason`; the tool then exits
/// with ``ExitCode/failure``.
struct InputError: Error, Equatable, Sendable {
    /// The input as named on the command line (`-` for standard input).
    let name: String
    /// Why it could not be read, such as `No such file or directory`.
    let reason: String

    /// The line for standard error.
    var diagnostic: String { "\(Tool.name): \(name): \(reason)\n" }
}
