/// What a subcommand's command line looks like: its name, operands and options, and the texts of
/// its help.
///
/// The parser and the help text are both derived from this one description, so an option that
/// parses is always documented and the other way round.
struct CommandSpec: Sendable {
    /// The subcommand's name, such as `validate`.
    let name: String
    /// The one-line summary shown in the tool's overview and at the top of the help.
    let abstract: String
    /// The operands as the usage line shows them, such as `FILE|DIR|- ...`.
    let operandsUsage: String
    /// Each operand placeholder with its explanation, for the ARGUMENTS section.
    let operandHelp: [(placeholder: String, help: String)]
    /// The options the subcommand accepts, without `--help`, which every subcommand accepts.
    let options: [OptionSpec]
    /// Further sections of the help text (output, exit statuses, examples), already wrapped.
    let discussion: String

    /// The options including `--help`.
    var allOptions: [OptionSpec] { options + [.help] }

    /// `drv-payments validate [-q|--quiet] ... FILE|DIR|- ...`.
    var usageLine: String {
        ([Tool.name, name] + options.map(\.usage) + [operandsUsage]).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
