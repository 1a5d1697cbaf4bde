import Foundation
import StringPayments
import XMLCoding

/// `drv-payments format FILE|-`: prints a message as canonical XML.
///
/// The message is decoded and encoded again, so the output has the library's canonical form:
/// elements in schema order, attributes in a fixed order, the STRING namespace as the default
/// namespace, amounts with exactly their currency's minor units. Equal messages give identical
/// bytes, which makes `format` the way to compare two messages with `diff`.
struct FormatCommand: Equatable {
    /// The file to format, or `-` for standard input.
    var input: String
    /// Whether child elements are indented on their own lines.
    var pretty = false
    /// Whether the XML declaration is left out.
    var omitsDeclaration = false
    /// Whether unknown elements are errors.
    var strict = false

    /// The command line and help of `format`.
    static let spec = CommandSpec(
        name: "format",
        abstract: "Print a message as canonical XML.",
        operandsUsage: "FILE|-",
        operandHelp: [("FILE", "A message file."), ("-", "Standard input.")],
        options: [
            OptionSpec("pretty", help: "Put child elements on their own lines, indented by two spaces."),
            OptionSpec("no-declaration", help: "Leave out the <?xml ...?> declaration."),
            OptionSpec("strict", help: "Refuse elements the model does not declare instead of dropping them."),
        ],
        discussion: """
            OUTPUT:
              The message decoded and encoded again, in canonical form, on standard output.
              The message is not validated: run 'drv-payments validate' for the XSD and the
              STRING rules. Elements the model does not declare are dropped (children of the
              message root are kept) unless --strict refuses them. An amount with more fraction
              digits than its currency allows is refused, not rounded. A message that does not
              decode is reported on standard error as
                FILE:LINE:COLUMN: PATH: CODE: message

            EXIT STATUS:
              0  the message was printed
              1  the message does not decode or cannot be encoded, or an amount would be rounded
              2  usage error, or the file could not be read
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` unless there is exactly one operand.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        input = try DecodeCommand.singleOperand(parsed)
        pretty = parsed.flag("pretty")
        omitsDeclaration = parsed.flag("no-declaration")
        strict = parsed.flag("strict")
    }

    /// Creates the command from its settings.
    ///
    /// - Parameters:
    ///   - input: A file name, or `-`.
    ///   - pretty: Whether to indent. Default `false`.
    ///   - omitsDeclaration: Whether to leave out the XML declaration. Default `false`.
    ///   - strict: Whether unknown elements are errors. Default `false`.
    init(input: String, pretty: Bool = false, omitsDeclaration: Bool = false, strict: Bool = false) {
        self.input = input
        self.pretty = pretty
        self.omitsDeclaration = omitsDeclaration
        self.strict = strict
    }

    /// Decodes the input and prints it as canonical XML, ending in a line feed.
    ///
    /// - Parameter context: Output and standard input.
    /// - Returns: ``ExitCode/success``, ``ExitCode/rejected`` when the input does not decode or
    ///   cannot be encoded, ``ExitCode/failure`` when it cannot be read.
    func run(in context: ToolContext) -> ExitCode {
        let message: StringMessage
        switch MessageInput.decode(input, strict: strict, in: context) {
        case .decoded(let decoded): message = decoded
        case .failed(let exitCode): return exitCode
        }
        let options = XMLEncodingOptions(includesXMLDeclaration: !omitsDeclaration, prettyPrinted: pretty)
        do {
            var xml = try message.encoded(options: options)
            if xml.last != UInt8(ascii: "\n") {
                xml.append(UInt8(ascii: "\n"))
            }
            context.output.write(xml)
            return .success
        } catch {
            context.output.writeError(Diagnostic.lines(for: error, file: input))
            return .rejected
        }
    }
}
