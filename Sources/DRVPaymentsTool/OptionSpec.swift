/// One option a subcommand accepts: its names, whether it takes a value, and its help line.
struct OptionSpec: Sendable, Equatable {
    /// The long name without the leading `--`, such as `today`.
    let name: String
    /// The one-letter name without the leading `-`, such as `q`, if the option has one.
    let shortName: Character?
    /// The placeholder for the option's value in help texts (`YYYY-MM-DD`), or `nil` for a flag.
    let valueName: String?
    /// The one-line explanation shown in the help text.
    let help: String

    /// Creates an option.
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - shortName: The one-letter name without `-`. Default none.
    ///   - valueName: The value's placeholder, or `nil` for a flag. Default `nil`.
    ///   - help: The help line.
    init(_ name: String, shortName: Character? = nil, valueName: String? = nil, help: String) {
        self.name = name
        self.shortName = shortName
        self.valueName = valueName
        self.help = help
    }

    /// Whether the option takes a value.
    var takesValue: Bool { valueName != nil }

    /// `    --today YYYY-MM-DD` or `-q, --quiet`, as the option column of a help text shows it.
    var synopsis: String {
        let long = "--" + name + (valueName.map { " " + $0 } ?? "")
        guard let shortName else { return "    " + long }
        return "-\(shortName), " + long
    }

    /// `[--today YYYY-MM-DD]` or `[-q|--quiet]`, as a usage line shows it.
    var usage: String {
        let long = "--" + name + (valueName.map { " " + $0 } ?? "")
        guard let shortName else { return "[\(long)]" }
        return "[-\(shortName)|\(long)]"
    }

    /// `-h, --help`, which every subcommand accepts.
    static let help = OptionSpec("help", shortName: "h", help: "Show this help and exit.")
}
