/// The parser of the `drv-payments` command line.
///
/// The grammar is the one Unix users expect:
/// - `drv-payments --help`, `drv-payments help [SUBCOMMAND]`, `drv-payments --version`;
/// - `drv-payments SUBCOMMAND [OPTION | OPERAND]...`, options and operands in any order;
/// - long options as `--today 2026-11-23` or `--today=2026-11-23`, short flags as `-q`; an
///   option with two values takes both from the following arguments (`--price 3456.00 EUR`);
/// - `-h` or `--help` anywhere before `--` asks for the subcommand's help, whatever else is given;
/// - `--` ends the options, so `-- -odd-name.xml` is a file; a lone `-` is an operand (standard
///   input).
///
/// Anything else is a ``UsageError``. Parsing never touches the file system.
enum CommandLineArguments {
    /// What the command line asks for.
    enum Invocation: Equatable {
        /// Print the tool's help (`nil`) or a subcommand's help.
        case help(Subcommand?)
        /// Print the version.
        case version
        /// Run `validate`.
        case validate(ValidateCommand)
        /// Run `decode`.
        case decode(DecodeCommand)
        /// Run `format`.
        case format(FormatCommand)
        /// Run `handle`.
        case handle(HandleCommand)
        /// Run `book`.
        case book(BookCommand)
        /// Run `pay`.
        case pay(PayCommand)
        /// Run `settle`, `fail`, `confirm` or `reopen`.
        case changeStatus(PaymentStatusCommand)
        /// Run `show`.
        case show(ShowCommand)
        /// Run `reconcile`.
        case reconcile(ReconcileCommand)
        /// Run `journal`.
        case journal(JournalCommand)
        /// Run `history`.
        case history(HistoryCommand)
        /// Run `bank`.
        case bank(BankCommand)
        /// Run `unregistered`.
        case unregistered(UnregisteredCommand)
        /// Run `settlements`.
        case settlements(SettlementsCommand)
        /// Run `unpaid`.
        case unpaid(UnpaidCommand)
        /// Run `payments`.
        case payments(PaymentsCommand)
        /// Run `protected`.
        case protected(ProtectedCommand)
        /// Run `export`.
        case export(ExportCommand)
        /// Run `find`.
        case find(FindCommand)
        /// Run `release`.
        case release(ReleaseCommand)
        /// Run `comment`.
        case comment(CommentCommand)
        /// Run `negative-balances`.
        case negativeBalances(NegativeBalancesCommand)
        /// Run `refund`.
        case refund(RefundCommand)
        /// Run `refunds`.
        case refunds(RefundsCommand)
        /// Run `demo`.
        case demo(DemoCommand)
        /// Run `autopay`, `card`, `approve`, `memo`, `channel`, `term-set`, `reservation` or `mandate`.
        case autopay(AutopayToolCommand)
        /// Run `gds`.
        case gds(GDSCommand)
        /// Run `portal-link`.
        case portalLink(PortalLinkCommand)
    }

    /// A subcommand's arguments sorted into options and operands, before the subcommand
    /// interprets them.
    struct ParsedOptions: Equatable {
        /// The subcommand the arguments belong to.
        let subcommand: Subcommand
        /// The long names of the flags given.
        var flags: Set<String> = []
        /// The value of each option given with one value, by long name.
        var values: [String: String] = [:]
        /// The values of each option given with several values (`--price AMOUNT CURRENCY`), and
        /// every value of a repeatable option in the order given, by long name.
        var lists: [String: [String]] = [:]
        /// The operands, in the order given.
        var operands: [String] = []

        /// Whether a flag was given.
        ///
        /// - Parameter name: The long name without `--`.
        /// - Returns: `true` when the flag was given at least once.
        func flag(_ name: String) -> Bool { flags.contains(name) }

        /// The values of an option with several values, or every value of a repeatable option.
        ///
        /// - Parameter name: The long name without `--`.
        /// - Returns: The values; empty when the option was not given.
        func list(_ name: String) -> [String] { lists[name] ?? [] }

        /// A usage error about this subcommand's command line.
        ///
        /// - Parameter message: What is wrong.
        /// - Returns: The error, naming the subcommand for its usage line.
        func error(_ message: String) -> UsageError { UsageError(message, subcommand: subcommand) }
    }

    /// Parses the arguments that follow the program name.
    ///
    /// - Parameter arguments: `CommandLine.arguments` without its first element.
    /// - Returns: What to do.
    /// - Throws: ``UsageError`` for anything the grammar does not allow.
    static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        guard let first = arguments.first else {
            throw UsageError("missing subcommand; expected one of \(subcommandList)")
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help":
            try expectNothing(after: first, in: rest)
            return .help(nil)
        case "--version":
            try expectNothing(after: first, in: rest)
            return .version
        case "help":
            guard let topic = rest.first else { return .help(nil) }
            guard let subcommand = Subcommand(rawValue: topic) else {
                throw UsageError("unknown subcommand '\(topic)'; expected one of \(subcommandList)")
            }
            try expectNothing(after: topic, in: Array(rest.dropFirst()))
            return .help(subcommand)
        default:
            break
        }
        if looksLikeOption(first) {
            throw UsageError("unknown option '\(first)'; a subcommand's options go after its name")
        }
        guard let subcommand = Subcommand(rawValue: first) else {
            throw UsageError("unknown subcommand '\(first)'; expected one of \(subcommandList)")
        }
        if asksForHelp(rest) {
            return .help(subcommand)
        }
        let parsed = try scan(rest, for: subcommand)
        switch subcommand {
        case .validate: return .validate(try ValidateCommand(parsing: parsed))
        case .decode: return .decode(try DecodeCommand(parsing: parsed))
        case .format: return .format(try FormatCommand(parsing: parsed))
        case .handle: return .handle(try HandleCommand(parsing: parsed))
        case .book: return .book(try BookCommand(parsing: parsed))
        case .pay: return .pay(try PayCommand(parsing: parsed))
        case .settle, .fail, .confirm, .reopen: return .changeStatus(try PaymentStatusCommand(parsing: parsed))
        case .show: return .show(try ShowCommand(parsing: parsed))
        case .reconcile: return .reconcile(try ReconcileCommand(parsing: parsed))
        case .journal: return .journal(try JournalCommand(parsing: parsed))
        case .history: return .history(try HistoryCommand(parsing: parsed))
        case .bank: return .bank(try BankCommand(parsing: parsed))
        case .unregistered: return .unregistered(try UnregisteredCommand(parsing: parsed))
        case .settlements: return .settlements(try SettlementsCommand(parsing: parsed))
        case .unpaid: return .unpaid(try UnpaidCommand(parsing: parsed))
        case .payments: return .payments(try PaymentsCommand(parsing: parsed))
        case .protected: return .protected(try ProtectedCommand(parsing: parsed))
        case .export: return .export(try ExportCommand(parsing: parsed))
        case .find: return .find(try FindCommand(parsing: parsed))
        case .release: return .release(try ReleaseCommand(parsing: parsed))
        case .comment: return .comment(try CommentCommand(parsing: parsed))
        case .negativeBalances: return .negativeBalances(try NegativeBalancesCommand(parsing: parsed))
        case .refund: return .refund(try RefundCommand(parsing: parsed))
        case .refunds: return .refunds(try RefundsCommand(parsing: parsed))
        case .demo: return .demo(try DemoCommand(parsing: parsed))
        case .autopay, .card, .approve, .memo, .channel, .termSet, .reservation, .mandate:
            return .autopay(try AutopayToolCommand(parsing: parsed))
        case .gds: return .gds(try GDSCommand(parsing: parsed))
        case .portalLink: return .portalLink(try PortalLinkCommand(parsing: parsed))
        }
    }

    /// Sorts a subcommand's arguments into flags, option values and operands.
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the subcommand's name.
    ///   - subcommand: The subcommand, whose ``CommandSpec/options`` are the allowed options.
    /// - Returns: The sorted arguments.
    /// - Throws: ``UsageError`` for an unknown option, a missing value, a value given to a flag,
    ///   an option with a value given twice (unless it is repeatable), or a missing required
    ///   option.
    static func scan(_ arguments: [String], for subcommand: Subcommand) throws(UsageError) -> ParsedOptions {
        let options = subcommand.spec.options
        var parsed = ParsedOptions(subcommand: subcommand)
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.operands += arguments[index...]
                break
            }
            guard looksLikeOption(argument) else {
                parsed.operands.append(argument)
                continue
            }
            let (spelling, attachedValue) = split(argument)
            guard let option = find(spelling, in: options) else {
                throw parsed.error("unknown option '\(spelling)' for '\(subcommand.rawValue)'")
            }
            guard option.takesValue else {
                if attachedValue != nil {
                    throw parsed.error("option '--\(option.name)' takes no value")
                }
                parsed.flags.insert(option.name)
                continue
            }
            var optionValues: [String] = []
            if let attachedValue { optionValues.append(attachedValue) }
            while optionValues.count < option.valueCount {
                guard index < arguments.endIndex, !looksLikeOption(arguments[index]) else {
                    let what = option.valueCount == 1 ? "a value" : "\(option.valueCount) values"
                    throw parsed.error("option '--\(option.name)' needs \(what) (\(option.valueName ?? "VALUE"))")
                }
                optionValues.append(arguments[index])
                index += 1
            }
            if option.isRepeatable {
                parsed.lists[option.name, default: []] += optionValues
                continue
            }
            guard parsed.values[option.name] == nil, parsed.lists[option.name] == nil else {
                throw parsed.error("option '--\(option.name)' is given more than once")
            }
            if option.valueCount == 1 {
                parsed.values[option.name] = optionValues[0]
            } else {
                parsed.lists[option.name] = optionValues
            }
        }
        for option in options where option.isRequired {
            guard parsed.values[option.name] != nil || parsed.lists[option.name] != nil else {
                let spelled = "--" + option.name + (option.valueName.map { " " + $0 } ?? "")
                throw parsed.error("missing option '\(spelled)' for '\(subcommand.rawValue)'")
            }
        }
        return parsed
    }

    /// The subcommands' names for error messages: `validate, decode, format, ...`.
    static var subcommandList: String {
        Subcommand.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Whether `-h` or `--help` comes before any `--`.
    private static func asksForHelp(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == "-h" || argument == "--help" { return true }
        }
        return false
    }

    /// Throws unless nothing follows an argument that must stand alone.
    private static func expectNothing(after argument: String, in rest: [String]) throws(UsageError) {
        if let extra = rest.first {
            throw UsageError("unexpected argument '\(extra)' after '\(argument)'")
        }
    }

    /// `--today=2026-11-23` as (`--today`, `2026-11-23`); anything else with no value.
    private static func split(_ argument: String) -> (spelling: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// The option a spelling (`--quiet` or `-q`) names.
    private static func find(_ spelling: String, in options: [OptionSpec]) -> OptionSpec? {
        if spelling.hasPrefix("--") {
            let name = spelling.dropFirst(2)
            return options.first { $0.name == name }
        }
        let letters = spelling.dropFirst()
        guard letters.count == 1, let letter = letters.first else { return nil }
        return options.first { $0.shortName == letter }
    }

    /// Whether an argument is read as an option rather than as an operand or a value: it starts
    /// with `-` and is not `-` alone.
    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-"
    }
}
