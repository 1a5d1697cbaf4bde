import Foundation
import StringPayments

/// `drv-payments decode FILE|-`: prints a message as JSON, for people, `jq` and logs.
///
/// The JSON is stable: keys sorted, two-space indentation, so equal messages print identical
/// bytes and outputs diff well. See ``JSONRendering`` for its shape; card numbers and security
/// codes are masked.
struct DecodeCommand: Equatable {
    /// The file to decode, or `-` for standard input.
    var input: String
    /// Whether unknown elements are errors.
    var strict = false

    /// The command line and help of `decode`.
    static let spec = CommandSpec(
        name: "decode",
        abstract: "Print a message as JSON, card numbers and security codes masked.",
        operandsUsage: "FILE|-",
        operandHelp: [("FILE", "A message file."), ("-", "Standard input.")],
        options: [
            OptionSpec("strict", help: "Refuse elements the model does not declare instead of dropping them.")
        ],
        discussion: """
            OUTPUT:
              The message as JSON on standard output, under its root element's name: keys
              sorted, amounts as strings, dates in their XML form, card numbers and security
              codes masked. The message is decoded, not validated: run 'drv-payments validate'
              for the XSD and the STRING rules. Elements the model does not declare are dropped
              (children of the message root are kept, under UnknownElements) unless --strict
              refuses them. An amount with more fraction digits than its currency allows is
              refused, not rounded. A message that does not decode is reported on standard error as
                FILE:LINE:COLUMN: PATH: CODE: message

            EXIT STATUS:
              0  the message was printed
              1  the message does not decode, or an amount would be rounded
              2  usage error, or the file could not be read
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` unless there is exactly one operand.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        input = try Self.singleOperand(parsed)
        strict = parsed.flag("strict")
    }

    /// Creates the command from its settings.
    ///
    /// - Parameters:
    ///   - input: A file name, or `-`.
    ///   - strict: Whether unknown elements are errors. Default `false`.
    init(input: String, strict: Bool = false) {
        self.input = input
        self.strict = strict
    }

    /// Decodes the input and prints it as JSON, ending in a line feed.
    ///
    /// - Parameter context: Output and standard input.
    /// - Returns: ``ExitCode/success``, ``ExitCode/rejected`` when the input does not decode or
    ///   cannot be rendered, ``ExitCode/failure`` when it cannot be read.
    func run(in context: ToolContext) -> ExitCode {
        let message: StringMessage
        switch MessageInput.decode(input, strict: strict, in: context) {
        case .decoded(let decoded): message = decoded
        case .failed(let exitCode): return exitCode
        }
        do {
            var json = try JSONRendering.render(message)
            json.append(UInt8(ascii: "\n"))
            context.output.write(json)
            return .success
        } catch {
            context.output.writeError(Diagnostic.lines(for: error, file: input))
            return .rejected
        }
    }

    /// The one operand of `decode` and `format`.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Returns: The operand.
    /// - Throws: ``UsageError`` when there is none or more than one.
    static func singleOperand(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> String {
        let name = parsed.subcommand.rawValue
        guard let operand = parsed.operands.first else {
            throw parsed.error("missing FILE or - to \(name)")
        }
        guard parsed.operands.count == 1 else {
            throw parsed.error("'\(name)' takes one FILE or -, but \(parsed.operands.count) were given")
        }
        return operand
    }
}
