import Foundation
import StringPayments
import XMLCoding

/// `drv-payments validate FILE|DIR|- ...`: checks messages the way a receiving system must
/// before it acts on them.
///
/// Each file goes through `StringMessageValidator`: secure parse, XSD validation, decoding and the
/// STRING rules the schema cannot express. Every issue is printed as one ``Diagnostic`` line on
/// standard output as soon as its file is done, then the summary `N valid, M invalid`.
struct ValidateCommand: Equatable {
    /// The operands: files, directories (their `*.xml` files) and `-` for standard input.
    var inputs: [String]
    /// Whether only the summary line is printed.
    var quiet = false
    /// Whether unknown elements are errors (`StringDecodingOptions.unknownElements` `.reject`).
    var strict = false
    /// The date the card-expiry rule compares with; `nil` means today in the local time zone.
    var today: XMLDate?

    /// The number of files above which progress is shown on a terminal.
    static let progressThreshold = 50

    /// The command line and help of `validate`.
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check messages: secure parse, XSD validation, decoding and the STRING rules.",
        operandsUsage: "FILE|DIR|- ...",
        operandHelp: [
            ("FILE", "A message file."),
            ("DIR", "A directory: its *.xml files, sorted by name, not recursing."),
            ("-", "Standard input (at most once)."),
        ],
        options: [
            OptionSpec("quiet", shortName: "q", help: "Print only the summary line."),
            OptionSpec("strict", help: "Report elements the model does not declare as errors."),
            OptionSpec(
                "today", valueName: "YYYY-MM-DD",
                help: "The date for the card-expiry rule (default: today, local time)."),
        ],
        discussion: """
            OUTPUT:
              One line per violation on standard output,
                FILE:LINE:COLUMN: PATH: CODE: message
              (LINE and COLUMN 0 when unknown, PATH / when unknown, FILE - for standard input),
              then the summary "N valid, M invalid". Files that cannot be read are reported on
              standard error and counted as ", K unreadable" in the summary. With more than 50
              files, progress is shown on standard error when it is a terminal.

            EXIT STATUS:
              0  every file is valid
              1  at least one file is invalid
              2  usage error, or a file could not be read

            EXAMPLES:
              drv-payments validate Examples/messages Examples/lifecycle
              drv-payments validate --quiet --today 2026-11-23 inbox/*.xml
              some-producer | drv-payments validate -
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without operands, with `-` twice, or with a `--today` value that is
    ///   not a date `YYYY-MM-DD`.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        guard !parsed.operands.isEmpty else {
            throw parsed.error("missing FILE, DIR or - to validate")
        }
        guard parsed.operands.filter({ $0 == "-" }).count <= 1 else {
            throw parsed.error("standard input (-) can be given only once")
        }
        inputs = parsed.operands
        quiet = parsed.flag("quiet")
        strict = parsed.flag("strict")
        today = try parsed.date("today")
    }

    /// Creates the command from its settings.
    ///
    /// - Parameters:
    ///   - inputs: Files, directories and `-`.
    ///   - quiet: Whether only the summary is printed. Default `false`.
    ///   - strict: Whether unknown elements are errors. Default `false`.
    ///   - today: The date for the card-expiry rule; `nil` (the default) means today.
    init(inputs: [String], quiet: Bool = false, strict: Bool = false, today: XMLDate? = nil) {
        self.inputs = inputs
        self.quiet = quiet
        self.strict = strict
        self.today = today
    }

    /// Validates every input and prints the violations and the summary.
    ///
    /// - Parameter context: Output, standard input and today's date.
    /// - Returns: ``ExitCode/failure`` when an input could not be read (or validation could not be
    ///   set up), else ``ExitCode/rejected`` when a file is invalid, else ``ExitCode/success``.
    func run(in context: ToolContext) -> ExitCode {
        let output = context.output
        let options = StringDecodingOptions(unknownElements: strict ? .reject : .ignore)
        let validator: StringMessageValidator
        do {
            validator = try StringMessageValidator(today: today ?? context.today(), options: options)
        } catch {
            output.writeError("\(Tool.name): cannot set up validation: \(error.description)\n")
            return .failure
        }
        let (files, expansionErrors) = InputFile.expand(inputs)
        for error in expansionErrors {
            output.writeError(error.diagnostic)
        }
        var valid = 0
        var invalid = 0
        var unreadable = expansionErrors.count
        let showsProgress = files.count > Self.progressThreshold
        // About a hundred updates in all: enough to see it move, few enough to cost nothing.
        let progressStep = max(1, files.count / 100)
        for (index, file) in files.enumerated() {
            if showsProgress, index % progressStep == 0 {
                output.showProgress("validated \(index)/\(files.count)")
            }
            let data: Data
            do {
                data = try file.read(limit: options.reading.maximumInputSize, in: context)
            } catch {
                output.writeError(error.diagnostic)
                unreadable += 1
                continue
            }
            let report = validator.validate(data)
            if report.isValid { valid += 1 } else { invalid += 1 }
            if !quiet, !report.issues.isEmpty {
                output.write(report.issues.map { Diagnostic.lines(for: $0, file: file.name) }.joined())
            }
        }
        if showsProgress {
            output.showProgress("validated \(files.count)/\(files.count)")
            output.clearProgress()
        }
        var summary = "\(valid) valid, \(invalid) invalid"
        if unreadable > 0 { summary += ", \(unreadable) unreadable" }
        output.write(summary + "\n")
        if unreadable > 0 { return .failure }
        return invalid > 0 ? .rejected : .success
    }
}
