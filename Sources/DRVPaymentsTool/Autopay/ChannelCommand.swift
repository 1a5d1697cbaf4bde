import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments channel|term-set set|list|remove --ledger DIR ...`: the distribution channels
/// and payment term sets of the autopay settings (`autopay.json` in the ledger directory).
struct ChannelCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Add or change one.
        case set(id: Identifier, autopay: Bool, payer: String?)
        /// List them.
        case list
        /// Remove one.
        case remove(id: Identifier)
    }

    /// Channels or term sets.
    var isTermSet: Bool
    /// The ledger.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action

    /// The command line and help of `channel`.
    static let channelSpec = CommandSpec(
        name: "channel",
        abstract: "Configure distribution channels for autopay: switch, payer; list or remove them.",
        operandsUsage: "set CHANNEL | list | remove CHANNEL",
        operandHelp: [
            ("set", "Add or change CHANNEL (needs --autopay)."), ("list", "List the channels."),
            ("remove", "Remove CHANNEL."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("autopay", valueName: "on|off", help: "set: the channel's autopay switch."),
            OptionSpec("payer", valueName: "NAME", help: "set: the autopay payer, in whose name charges are entered."),
        ],
        discussion: """
            Channels live in autopay.json in the ledger directory, with the term sets, retry
            count, windows and production flag ('autopay config'). Autopay charges a booking's
            instalments only when its channel has autopay on and a payer, and its term set has
            autopay on (or the customer approved them).

            EXIT STATUS:
              0  set, listed or removed
              1  refused: configuration-invalid (a hand-edited file), an unknown CHANNEL to remove
              2  usage error, or the ledger or autopay.json could not be opened or written

            EXAMPLES:
              drv-payments channel set --ledger ledger WEB --autopay on --payer "Guest"
              drv-payments channel list --ledger ledger
            """)

    /// The command line and help of `term-set`.
    static let termSetSpec = CommandSpec(
        name: "term-set",
        abstract: "Configure payment term sets for autopay: switch; list or remove them.",
        operandsUsage: "set TERM-SET | list | remove TERM-SET",
        operandHelp: [
            ("set", "Add or change TERM-SET (needs --autopay)."), ("list", "List the term sets."),
            ("remove", "Remove TERM-SET."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("autopay", valueName: "on|off", help: "set: the term set's autopay switch."),
        ],
        discussion: """
            Term sets live in autopay.json in the ledger directory, beside the channels.

            EXIT STATUS:
              0  set, listed or removed
              1  refused: configuration-invalid, an unknown TERM-SET to remove
              2  usage error, or the ledger or autopay.json could not be opened or written

            EXAMPLES:
              drv-payments term-set set --ledger ledger STANDARD --autopay on
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        isTermSet = parsed.subcommand == .termSet
        ledger = try LedgerLocation(parsing: parsed)
        let name = isTermSet ? "term-set" : "channel"
        let operands = parsed.operands
        switch operands.first {
        case "set" where operands.count == 2:
            guard let autopay = try parsed.choice("autopay", from: [("on", true), ("off", false)]) else {
                throw parsed.error("'\(name) set' needs --autopay on|off")
            }
            let payer = parsed.values["payer"]
            if let payer, payer.isEmpty || payer.utf8.count > 200 {
                throw parsed.error("'--payer' needs 1 to 200 bytes")
            }
            action = .set(
                id: try parsed.identifier(operands[1], for: name.uppercased()), autopay: autopay, payer: payer)
        case "list" where operands.count == 1:
            action = .list
        case "remove" where operands.count == 2:
            action = .remove(id: try parsed.identifier(operands[1], for: name.uppercased()))
        default:
            throw parsed.error(
                "'\(name)' takes an action: set \(name.uppercased()), list or remove \(name.uppercased())")
        }
    }

    /// Sets, lists or removes.
    ///
    /// - Parameter context: Output.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(AutopayError) {
            var settings = try ledger.autopaySettings()
            if action != .list {
                let held: Ledger
                do {
                    held = try ledger.open(.mustExist, in: context)
                } catch {
                    return error.report(to: context.output)
                }
                defer { held.close() }
                switch action {
                case .set(let id, let autopay, let payer):
                    if isTermSet {
                        settings.setTermSet(.init(id: id, autopay: autopay))
                    } else {
                        settings.setChannel(
                            .init(id: id, autopay: autopay, payer: payer ?? settings.channel(id)?.payer))
                    }
                case .remove(let id):
                    let before = settings
                    if isTermSet {
                        settings.termSets.removeAll { $0.id == id }
                    } else {
                        settings.channels.removeAll { $0.id == id }
                    }
                    guard settings != before else {
                        throw AutopayError(
                            code: .configurationInvalid,
                            message: "there is no \(isTermSet ? "term set" : "channel") \(id)")
                    }
                case .list:
                    break
                }
                try settings.save(toLedger: URL(fileURLWithPath: ledger.directory))
            }
            var text = ""
            if isTermSet {
                for termSet in settings.termSets {
                    text += "\(termSet.id): autopay \(termSet.autopay ? "on" : "off")\n"
                }
            } else {
                for channel in settings.channels {
                    text +=
                        "\(channel.id): autopay \(channel.autopay ? "on" : "off"), payer \(channel.payer ?? "none")\n"
                }
            }
            context.output.write(text)
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }
}
