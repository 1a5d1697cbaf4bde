/// The exit statuses of `drv-payments`, as its help documents them.
///
/// Scripts tell a rejected message from a broken invocation by the status alone, so the meaning
/// of each value never changes.
enum ExitCode: Int32, Sendable, Equatable {
    /// Everything succeeded; for `validate`, every file is valid.
    case success = 0
    /// The input was rejected: a message is invalid, or cannot be decoded or encoded.
    case rejected = 1
    /// The command line is wrong, a file could not be read or written, or the tool itself failed.
    case failure = 2
}
