import Foundation
import StringPayments

/// Reading and decoding the single message that `decode` and `format` work on.
enum MessageInput {
    /// The result of ``decode(_:strict:in:)``.
    enum Outcome {
        /// The message.
        case decoded(StringMessage)
        /// The input could not be read or decoded; the reason is already on standard error.
        case failed(ExitCode)
    }

    /// Reads one input and decodes it with `StringMessage.decode(from:options:)`.
    ///
    /// Decoding is secure (no DTD, no external entities, bounded size and depth) but neither
    /// validates against the XSD nor applies the STRING rules; that is `validate`'s job. One rule
    /// is applied: an amount with more fraction digits than its currency allows (EUR `250.505`)
    /// is refused, because writing it again, as JSON or XML, would round it, and amounts are never
    /// rounded silently.
    ///
    /// - Parameters:
    ///   - name: A file name, or `-` for standard input.
    ///   - strict: Whether unknown elements are errors.
    ///   - context: Output and standard input.
    /// - Returns: The message, or the exit code after the reason was written to standard error:
    ///   ``ExitCode/failure`` when the input cannot be read, ``ExitCode/rejected`` when it does not
    ///   decode or has an amount that would be rounded (as ``Diagnostic`` lines).
    static func decode(_ name: String, strict: Bool, in context: ToolContext) -> Outcome {
        let options = StringDecodingOptions(unknownElements: strict ? .reject : .ignore)
        let file = InputFile(name: name)
        let data: Data
        do {
            data = try file.read(limit: options.reading.maximumInputSize, in: context)
        } catch {
            context.output.writeError(error.diagnostic)
            return .failed(.failure)
        }
        let message: StringMessage
        do {
            message = try StringMessage.decode(from: data, options: options)
        } catch {
            context.output.writeError(Diagnostic.lines(for: error, file: file.name))
            return .failed(.rejected)
        }
        let roundedAmounts = message.semanticViolations(today: context.today())
            .filter { $0.code == .tooManyFractionDigits }
        guard roundedAmounts.isEmpty else {
            context.output.writeError(roundedAmounts.map { Diagnostic.lines(for: $0, file: file.name) }.joined())
            return .failed(.rejected)
        }
        return .decoded(message)
    }
}
