import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("Command-line parsing")
struct CommandLineArgumentsTests {
    /// The end of the messages about a missing or unknown subcommand.
    private static let expected =
        "expected one of validate, decode, format, handle, book, pay, settle, fail, confirm, reopen, show, reconcile, journal, history, bank, unregistered, settlements, unpaid, payments, protected, export, find, release, comment, negative-balances, refund, refunds, demo, autopay, card, approve, memo, channel, term-set, reservation, mandate, gds, portal-link"

    private func parse(_ arguments: [String]) throws(UsageError) -> CommandLineArguments.Invocation {
        try CommandLineArguments.parse(arguments)
    }

    private func usageError(_ arguments: [String]) -> UsageError? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Help and version

    @Test("--help, -h and help ask for the tool's help")
    func toolHelp() throws {
        #expect(try parse(["--help"]) == .help(nil))
        #expect(try parse(["-h"]) == .help(nil))
        #expect(try parse(["help"]) == .help(nil))
    }

    @Test("help SUBCOMMAND and SUBCOMMAND --help ask for the subcommand's help")
    func subcommandHelp() throws {
        for subcommand in Subcommand.allCases {
            #expect(try parse(["help", subcommand.rawValue]) == .help(subcommand))
            #expect(try parse([subcommand.rawValue, "--help"]) == .help(subcommand))
            #expect(try parse([subcommand.rawValue, "-h"]) == .help(subcommand))
        }
    }

    @Test("--help wins over other arguments, even wrong ones, but not after --")
    func helpWins() throws {
        #expect(try parse(["validate", "--fast", "x.xml", "--help"]) == .help(.validate))
        #expect(try parse(["validate", "--", "--help"]) == .validate(ValidateCommand(inputs: ["--help"])))
    }

    @Test("--version")
    func version() throws {
        #expect(try parse(["--version"]) == .version)
        #expect(usageError(["--version", "validate"])?.message == "unexpected argument 'validate' after '--version'")
    }

    @Test("help for an unknown subcommand is a usage error")
    func helpUnknown() {
        #expect(
            usageError(["help", "sign"])?.message
                == "unknown subcommand 'sign'; \(Self.expected)")
        #expect(usageError(["help", "validate", "decode"])?.message == "unexpected argument 'decode' after 'validate'")
    }

    // MARK: Errors

    @Test("no arguments, an unknown subcommand or an option before the subcommand are usage errors")
    func toolLevelErrors() {
        #expect(usageError([])?.message == "missing subcommand; \(Self.expected)")
        #expect(
            usageError(["check", "a.xml"])?.message
                == "unknown subcommand 'check'; \(Self.expected)")
        let early = usageError(["--quiet", "validate", "a.xml"])
        #expect(early?.message == "unknown option '--quiet'; a subcommand's options go after its name")
        #expect(early?.subcommand == nil)
    }

    @Test("an unknown option names itself and the subcommand")
    func unknownOption() {
        let error = usageError(["validate", "--fast", "a.xml"])
        #expect(error == UsageError("unknown option '--fast' for 'validate'", subcommand: .validate))
        #expect(usageError(["validate", "-x", "a.xml"])?.message == "unknown option '-x' for 'validate'")
        #expect(usageError(["validate", "-qq", "a.xml"])?.message == "unknown option '-qq' for 'validate'")
        #expect(usageError(["decode", "--pretty", "a.xml"])?.message == "unknown option '--pretty' for 'decode'")
        #expect(usageError(["validate", "--today=2026-11-23=x", "a.xml"]) != nil)
    }

    @Test("a missing value or operand is a usage error")
    func missingArgument() {
        #expect(usageError(["validate", "a.xml", "--today"])?.message == "option '--today' needs a value (YYYY-MM-DD)")
        #expect(
            usageError(["validate", "--today", "--quiet", "a.xml"])?.message
                == "option '--today' needs a value (YYYY-MM-DD)")
        #expect(usageError(["validate"])?.message == "missing FILE, DIR or - to validate")
        #expect(usageError(["validate", "--quiet"])?.message == "missing FILE, DIR or - to validate")
        #expect(usageError(["decode"])?.message == "missing FILE or - to decode")
        #expect(usageError(["format", "--pretty"])?.message == "missing FILE or - to format")
    }

    @Test("malformed or repeated values, values for flags, two operands for decode are usage errors")
    func badValues() {
        #expect(
            usageError(["validate", "--today", "23.11.2026", "a.xml"])?.message
                == "invalid date '23.11.2026' for '--today'; expected YYYY-MM-DD, such as 2026-11-23")
        #expect(usageError(["validate", "--today", "2026-02-30", "a.xml"]) != nil)
        #expect(usageError(["validate", "--today", "2026-11-23Z", "a.xml"]) != nil)
        #expect(usageError(["validate", "--today", " 2026-11-23", "a.xml"]) != nil)
        #expect(
            usageError(["validate", "--today", "2026-11-23", "--today=2026-11-24", "a.xml"])?.message
                == "option '--today' is given more than once")
        #expect(usageError(["validate", "--quiet=yes", "a.xml"])?.message == "option '--quiet' takes no value")
        #expect(usageError(["decode", "a.xml", "b.xml"])?.message == "'decode' takes one FILE or -, but 2 were given")
        #expect(usageError(["validate", "-", "a.xml", "-"])?.message == "standard input (-) can be given only once")
    }

    // MARK: Options and operands

    @Test("options and operands in any order, long options with = or a separate value, short flags")
    func validateOptions() throws {
        let expected = ValidateCommand(
            inputs: ["a.xml", "dir", "-"], quiet: true, strict: true, today: XMLDate(year: 2026, month: 11, day: 23))
        #expect(
            try parse(["validate", "a.xml", "--quiet", "dir", "--strict", "--today", "2026-11-23", "-"])
                == .validate(expected))
        #expect(
            try parse(["validate", "-q", "--today=2026-11-23", "a.xml", "--strict", "dir", "-"]) == .validate(expected))
        #expect(try parse(["validate", "a.xml"]) == .validate(ValidateCommand(inputs: ["a.xml"])))
    }

    @Test("-- ends the options; - is an operand")
    func doubleDash() throws {
        #expect(
            try parse(["validate", "--quiet", "--", "--strict", "-q", "-"])
                == .validate(ValidateCommand(inputs: ["--strict", "-q", "-"], quiet: true)))
        #expect(try parse(["decode", "--", "-odd.xml"]) == .decode(DecodeCommand(input: "-odd.xml")))
        #expect(try parse(["decode", "-"]) == .decode(DecodeCommand(input: "-")))
        #expect(try parse(["decode", "--", "--"]) == .decode(DecodeCommand(input: "--")))
        #expect(usageError(["decode", "--", "a.xml", "b.xml"]) != nil)
    }

    @Test("format and decode options")
    func formatOptions() throws {
        #expect(
            try parse(["format", "--pretty", "--no-declaration", "--strict", "a.xml"])
                == .format(FormatCommand(input: "a.xml", pretty: true, omitsDeclaration: true, strict: true)))
        #expect(try parse(["format", "a.xml"]) == .format(FormatCommand(input: "a.xml")))
        #expect(try parse(["decode", "--strict", "a.xml"]) == .decode(DecodeCommand(input: "a.xml", strict: true)))
    }

    // MARK: Help texts and usage errors through the tool

    @Test("help texts go to standard output with exit 0 and list every option")
    func helpTexts() async {
        let tool = await Tool.run(["--help"])
        #expect(tool.exitCode == .success)
        #expect(tool.standardError.isEmpty)
        #expect(
            tool.standardOutput.hasPrefix(
                "OVERVIEW: Validate, decode and format DRV STRING payment messages, and keep a tour\n"))
        for subcommand in Subcommand.allCases {
            #expect(tool.standardOutput.contains("  \(subcommand.rawValue)   "))
            let help = await Tool.run(["help", subcommand.rawValue])
            #expect(help.exitCode == .success)
            #expect(help.standardError.isEmpty)
            #expect(await Tool.run([subcommand.rawValue, "--help"]) == help)
            #expect(help.standardOutput.contains("USAGE: \(subcommand.spec.usageLine)\n"))
            for option in subcommand.spec.allOptions {
                #expect(help.standardOutput.contains(option.synopsis + "   "), "\(option.name) missing from help")
            }
            #expect(help.standardOutput.contains("EXIT STATUS:"))
            #expect(help.standardOutput.hasSuffix("\n"))
        }
        #expect(await Tool.run(["help"]) == tool)
    }

    @Test("the usage line of validate")
    func validateUsageLine() {
        #expect(
            ValidateCommand.spec.usageLine
                == "drv-payments validate [-q|--quiet] [--strict] [--today YYYY-MM-DD] FILE|DIR|- ...")
    }

    @Test("--version prints the name and version")
    func versionOutput() async {
        let result = await Tool.run(["--version"])
        #expect(result.exitCode == .success)
        #expect(result.standardOutput == "drv-payments \(Tool.version)\n")
    }

    @Test("a usage error exits 2 with the message and the usage on standard error, nothing on standard output")
    func usageErrorOutput() async {
        let result = await Tool.run(["validate", "--fast", "a.xml"])
        #expect(result.exitCode == .failure)
        #expect(result.standardOutputData.isEmpty)
        #expect(
            result.standardError == """
                drv-payments: unknown option '--fast' for 'validate'
                Usage: drv-payments validate [-q|--quiet] [--strict] [--today YYYY-MM-DD] FILE|DIR|- ...
                Run 'drv-payments help validate' for more information.

                """)
        let bare = await Tool.run([])
        #expect(bare.exitCode == .failure)
        #expect(bare.standardOutputData.isEmpty)
        #expect(bare.standardError.contains("Run 'drv-payments --help' for more information."))
    }
}
