/// One option a subcommand accepts: its names, whether it takes values, and its help line.
struct OptionSpec: Sendable, Equatable {
    /// The long name without the leading `--`, such as `today`.
    let name: String
    /// The one-letter name without the leading `-`, such as `q`, if the option has one.
    let shortName: Character?
    /// The placeholder for the option's values in help texts (`YYYY-MM-DD`, `AMOUNT CURRENCY`),
    /// or `nil` for a flag.
    let valueName: String?
    /// How many arguments the option takes: 0 for a flag, usually 1, 2 for `--price AMOUNT
    /// CURRENCY`.
    let valueCount: Int
    /// Whether the option may be given more than once, each time adding its values.
    let isRepeatable: Bool
    /// Whether the subcommand cannot run without the option.
    let isRequired: Bool
    /// The one-line explanation shown in the help text.
    let help: String

    /// Creates an option.
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - shortName: The one-letter name without `-`. Default none.
    ///   - valueName: The values' placeholder, or `nil` for a flag. Default `nil`.
    ///   - valueCount: How many arguments follow the option when it takes values. Default 1.
    ///   - repeatable: Whether the option may be given more than once. Default `false`.
    ///   - required: Whether the option must be given. Default `false`.
    ///   - help: The help line.
    init(
        _ name: String, shortName: Character? = nil, valueName: String? = nil, valueCount: Int = 1,
        repeatable: Bool = false, required: Bool = false, help: String
    ) {
        self.name = name
        self.shortName = shortName
        self.valueName = valueName
        self.valueCount = valueName == nil ? 0 : max(1, valueCount)
        self.isRepeatable = repeatable
        self.isRequired = required
        self.help = help
    }

    /// Whether the option takes a value.
    var takesValue: Bool { valueName != nil }

    /// `    --today YYYY-MM-DD` or `-q, --quiet`, as the option column of a help text shows it.
    var synopsis: String {
        guard let shortName else { return "    " + long }
        return "-\(shortName), " + long
    }

    /// `[--today YYYY-MM-DD]`, `[-q|--quiet]`, `--ledger DIR` (required) or
    /// `[--traveller NAME]...` (repeatable), as a usage line shows it.
    var usage: String {
        let spelled = shortName.map { "-\($0)|" + long } ?? long
        let bracketed = isRequired ? spelled : "[\(spelled)]"
        return isRepeatable ? bracketed + "..." : bracketed
    }

    /// `--today YYYY-MM-DD`.
    private var long: String { "--" + name + (valueName.map { " " + $0 } ?? "") }

    /// `-h, --help`, which every subcommand accepts.
    static let help = OptionSpec("help", shortName: "h", help: "Show this help and exit.")
}
