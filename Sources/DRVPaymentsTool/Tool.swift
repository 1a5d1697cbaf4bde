import Foundation
import PaymentLedger
import XMLCoding

/// The `drv-payments` tool: parses the command line and runs the subcommand.
///
/// ``run(_:context:)`` is all of it; `main.swift` only hands it the process's arguments and
/// context and exits with the status it returns. It is `async` because the ledger's message
/// handler asks the payment gateway asynchronously. Tests call
/// ``run(_:standardInput:today:standardErrorIsTerminal:)`` and get a ``CommandResult``.
enum Tool {
    /// The tool's name, as diagnostics and help texts show it.
    static let name = "drv-payments"

    /// The tool's version, printed by `--version`.
    static let version = "0.1.0-dev"

    /// The first line of the tool's usage.
    static let usageLine = "\(name) <subcommand> [options] [arguments]"

    /// Runs the tool.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments without the program name.
    ///   - context: Where to write, standard input and today's date.
    /// - Returns: The exit status. ``ExitCode/failure`` for a usage error (its diagnostic on
    ///   standard error, nothing on standard output) and when standard output could not be written.
    static func run(_ arguments: [String], context: ToolContext) async -> ExitCode {
        let output = context.output
        let invocation: CommandLineArguments.Invocation
        do {
            invocation = try CommandLineArguments.parse(arguments)
        } catch {
            output.writeError(error.diagnostic)
            return .failure
        }
        // Changes made from the shell are stamped `user:` and the login (`DRV_PAYMENTS_ACTOR`
        // overrides it); `handle` stamps each request's agency instead.
        if case .handle = invocation {
            return await run(invocation, context: context)
        }
        let environment = ProcessInfo.processInfo.environment
        let actor =
            environment["DRV_PAYMENTS_ACTOR"].map { LedgerActor(rawValue: $0) }
            ?? .user(environment["USER"] ?? environment["LOGNAME"] ?? "cli")
        return await Ledger.$actor.withValue(actor) { await run(invocation, context: context) }
    }

    /// Runs a parsed invocation.
    private static func run(_ invocation: CommandLineArguments.Invocation, context: ToolContext) async -> ExitCode {
        let output = context.output
        let exitCode: ExitCode
        switch invocation {
        case .help(nil):
            output.write(HelpText.tool)
            exitCode = .success
        case .help(let subcommand?):
            output.write(HelpText.help(for: subcommand))
            exitCode = .success
        case .version:
            output.write("\(name) \(version)\n")
            exitCode = .success
        case .validate(let command): exitCode = command.run(in: context)
        case .decode(let command): exitCode = command.run(in: context)
        case .format(let command): exitCode = command.run(in: context)
        case .handle(let command): exitCode = await command.run(in: context)
        case .book(let command): exitCode = command.run(in: context)
        case .pay(let command): exitCode = await command.run(in: context)
        case .changeStatus(let command): exitCode = command.run(in: context)
        case .show(let command): exitCode = command.run(in: context)
        case .reconcile(let command): exitCode = await command.run(in: context)
        case .journal(let command): exitCode = command.run(in: context)
        case .history(let command): exitCode = command.run(in: context)
        case .bank(let command): exitCode = command.run(in: context)
        case .unregistered(let command): exitCode = command.run(in: context)
        case .settlements(let command): exitCode = command.run(in: context)
        case .unpaid(let command): exitCode = command.run(in: context)
        case .payments(let command): exitCode = command.run(in: context)
        case .protected(let command): exitCode = command.run(in: context)
        case .export(let command): exitCode = await command.run(in: context)
        case .find(let command): exitCode = command.run(in: context)
        case .release(let command): exitCode = command.run(in: context)
        case .comment(let command): exitCode = command.run(in: context)
        case .negativeBalances(let command): exitCode = command.run(in: context)
        case .refund(let command): exitCode = await command.run(in: context)
        case .refunds(let command): exitCode = command.run(in: context)
        case .demo(let command): exitCode = await command.run(in: context)
        case .autopay(let command): exitCode = await command.run(in: context)
        case .gds(let command): exitCode = command.run(in: context)
        case .portalLink(let command): exitCode = command.run(in: context)
        }
        if output.standardOutputFailed {
            output.writeError("\(name): cannot write to standard output\n")
            return .failure
        }
        return exitCode
    }

    /// Runs the tool in memory.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments without the program name.
    ///   - standardInput: What standard input yields. The default is nothing.
    ///   - today: Today's date. The default is 2026-11-23, the date the corpus is written for.
    ///   - standardErrorIsTerminal: Whether to behave as if standard error were a terminal. The
    ///     default is `false`.
    /// - Returns: The exit status and everything written.
    static func run(
        _ arguments: [String],
        standardInput: Data = Data(),
        today: XMLDate? = nil,
        standardErrorIsTerminal: Bool = false
    ) async -> CommandResult {
        let context =
            today.map {
                ToolContext.inMemory(
                    standardInput: standardInput, today: $0, standardErrorIsTerminal: standardErrorIsTerminal)
            }
            ?? ToolContext.inMemory(standardInput: standardInput, standardErrorIsTerminal: standardErrorIsTerminal)
        let exitCode = await run(arguments, context: context)
        return CommandResult(
            exitCode: exitCode,
            standardOutputData: context.output.capturedStandardOutput,
            standardErrorData: context.output.capturedStandardError)
    }
}
