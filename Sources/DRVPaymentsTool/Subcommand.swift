/// The subcommands of `drv-payments`, by the name typed on the command line.
enum Subcommand: String, CaseIterable, Sendable, Equatable {
    /// `validate FILE|DIR|- ...`: see ``ValidateCommand``.
    case validate
    /// `decode FILE|-`: see ``DecodeCommand``.
    case decode
    /// `format FILE|-`: see ``FormatCommand``.
    case format

    /// The description of the subcommand's command line and help.
    var spec: CommandSpec {
        switch self {
        case .validate: return ValidateCommand.spec
        case .decode: return DecodeCommand.spec
        case .format: return FormatCommand.spec
        }
    }
}
