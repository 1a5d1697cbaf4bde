import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The autopay subcommands of `drv-payments`: `autopay`, `card`, `approve`, `memo`, `channel`,
/// `term-set` and `reservation`, parsed and run as one invocation.
enum AutopayToolCommand: Equatable {
    /// `autopay run|config`.
    case autopay(AutopayCommand)
    /// `card store|list|remove`.
    case card(CardCommand)
    /// `approve`.
    case approve(ApproveCommand)
    /// `memo`.
    case memo(MemoCommand)
    /// `channel` or `term-set`.
    case configuration(ChannelCommand)
    /// `reservation`.
    case reservation(ReservationCommand)
    /// `mandate`.
    case mandate(MandateCommand)

    /// Parses the arguments of one of the autopay subcommands.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        switch parsed.subcommand {
        case .card: self = .card(try CardCommand(parsing: parsed))
        case .approve: self = .approve(try ApproveCommand(parsing: parsed))
        case .memo: self = .memo(try MemoCommand(parsing: parsed))
        case .channel, .termSet: self = .configuration(try ChannelCommand(parsing: parsed))
        case .reservation: self = .reservation(try ReservationCommand(parsing: parsed))
        case .mandate: self = .mandate(try MandateCommand(parsing: parsed))
        default: self = .autopay(try AutopayCommand(parsing: parsed))
        }
    }

    /// Runs the subcommand.
    ///
    /// - Parameter context: Output, input and today's date.
    /// - Returns: The exit status.
    func run(in context: ToolContext) async -> ExitCode {
        switch self {
        case .autopay(let command): await command.run(in: context)
        case .card(let command): await command.run(in: context)
        case .approve(let command): command.run(in: context)
        case .memo(let command): command.run(in: context)
        case .configuration(let command): command.run(in: context)
        case .reservation(let command): command.run(in: context)
        case .mandate(let command): command.run(in: context)
        }
    }
}

/// How the autopay subcommands report an ``AutopayError``: `drv-payments: CODE: message`, exit
/// 2 for a configuration file that cannot be read or written, else 1.
extension AutopayError {
    func report(to output: Output) -> ExitCode {
        if let ledgerError { return LedgerCommandFailure.refused(ledgerError).report(to: output) }
        output.writeError(LedgerCommandFailure.line(code: code.rawValue, text: message))
        return code == .configurationUnreadable ? .failure : .rejected
    }
}

extension LedgerLocation {
    /// The autopay settings of this ledger (`autopay.json`), or a report of why they cannot be read.
    func autopaySettings() throws(AutopayError) -> AutopaySettings {
        try AutopaySettings.load(fromLedger: URL(fileURLWithPath: directory))
    }
}
