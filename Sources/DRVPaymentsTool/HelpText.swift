/// The help texts of `drv-payments`, written to standard output by `--help` and `help`.
///
/// A subcommand's help is built from its ``CommandSpec``, so it always lists exactly the options
/// the parser accepts.
enum HelpText {
    /// The tool's overview: usage, subcommands, global options, exit statuses.
    static var tool: String {
        let subcommands = table(Subcommand.allCases.map { ($0.rawValue, $0.spec.abstract) })
        let options = table([
            ("-h, --help", "Show this help and exit."), ("    --version", "Print the version and exit."),
        ])
        return """
            OVERVIEW: Validate, decode and format DRV STRING payment messages, and keep a tour
            operator's payment ledger.

            USAGE: \(Tool.usageLine)
                   \(Tool.name) help [<subcommand>]
                   \(Tool.name) --version

            SUBCOMMANDS:
            \(subcommands)
            OPTIONS:
            \(options)
            EXIT STATUS:
              0  success (for validate: every file is valid)
              1  the input was rejected: a message is invalid or does not decode, or the ledger
                 refused a request or change (drv-payments: CODE: message)
              2  usage error, a file could not be read or written, or the ledger could not be
                 opened

            Data goes to standard output, errors to standard error.
            Run '\(Tool.name) help <subcommand>' for a subcommand's arguments and options.

            """
    }

    /// A subcommand's help: overview, usage, arguments, options and its discussion.
    ///
    /// - Parameter subcommand: The subcommand.
    /// - Returns: The text, ending in a line feed.
    static func help(for subcommand: Subcommand) -> String {
        let spec = subcommand.spec
        let arguments =
            spec.operandHelp.isEmpty
            ? "" : "ARGUMENTS:\n" + table(spec.operandHelp.map { ($0.placeholder, $0.help) }) + "\n"
        let options = table(spec.allOptions.map { ($0.synopsis, $0.help) })
        return """
            OVERVIEW: \(spec.abstract)

            USAGE: \(spec.usageLine)

            \(arguments)OPTIONS:
            \(options)
            \(spec.discussion)

            """
    }

    /// Rows of two aligned columns, each row indented by two spaces and ending in a line feed.
    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { left, right in
            "  " + left + String(repeating: " ", count: width - left.count + 3) + right + "\n"
        }.joined()
    }
}
