/// A command line that `drv-payments` cannot run: an unknown option or subcommand, a missing
/// value or operand, a malformed value.
///
/// The tool prints ``diagnostic`` on standard error and exits with ``ExitCode/failure``; nothing
/// is written to standard output.
struct UsageError: Error, Equatable, Sendable {
    /// What is wrong, without the tool's name: `unknown option '--fast' for 'validate'`.
    let message: String
    /// The subcommand whose command line is wrong, or `nil` for the tool's own arguments.
    let subcommand: Subcommand?

    /// Creates a usage error.
    ///
    /// - Parameters:
    ///   - message: What is wrong, as a lower-case phrase.
    ///   - subcommand: The subcommand concerned, or `nil`. Default `nil`.
    init(_ message: String, subcommand: Subcommand? = nil) {
        self.message = message
        self.subcommand = subcommand
    }

    /// The text for standard error: the message, the usage line and where to find help.
    var diagnostic: String {
        var text = "\(Tool.name): \(message)\n"
        if let subcommand {
            text += "Usage: \(subcommand.spec.usageLine)\n"
            text += "Run '\(Tool.name) help \(subcommand.rawValue)' for more information.\n"
        } else {
            text += "Usage: \(Tool.usageLine)\n"
            text += "Run '\(Tool.name) --help' for more information.\n"
        }
        return text
    }
}
