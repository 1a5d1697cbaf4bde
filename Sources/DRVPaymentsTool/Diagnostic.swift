import StringPayments
import XMLCoding

/// The one-line form in which the tool reports what is wrong with an input:
/// `FILE:LINE:COLUMN: PATH: CODE: message`.
///
/// LINE and COLUMN are 0 when unknown, PATH is `/` when unknown, FILE is `-` for standard input.
/// An error that carries several schema violations gives one line per violation, each with its
/// own location and the error's code (`schema-violation`). Line breaks inside a message become
/// spaces, so every violation is exactly one line and `grep`, `cut -d:` and editors' error
/// parsers work on the output. Messages never contain a card number or security code:
/// `StringPaymentsError` withholds them.
enum Diagnostic {
    /// The lines for one error of one input, each ending in a line feed.
    ///
    /// - Parameters:
    ///   - error: The error.
    ///   - file: The input's name as diagnostics show it.
    /// - Returns: One line, or one per schema violation the error carries.
    static func lines(for error: StringPaymentsError, file: String) -> String {
        let code = error.code.rawValue
        guard !error.violations.isEmpty else {
            return line(
                file: file, line: error.line ?? 0, column: error.column ?? 0, path: error.elementPath, code: code,
                message: error.message)
        }
        return error.violations.map { violation in
            line(
                file: file, line: violation.line, column: violation.column, path: violation.elementPath,
                code: code, message: (violation.severity == .warning ? "warning: " : "") + violation.message)
        }.joined()
    }

    /// One line: `FILE:LINE:COLUMN: PATH: CODE: message` and a line feed.
    ///
    /// - Parameters:
    ///   - file: The input's name.
    ///   - line: The 1-based line, or 0.
    ///   - column: The 1-based column, or 0.
    ///   - path: The element path; `nil` or empty shows as `/`.
    ///   - code: The stable error code.
    ///   - message: The explanation.
    /// - Returns: The line.
    static func line(file: String, line: Int, column: Int, path: String?, code: String, message: String) -> String {
        let shownPath = path.flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        return "\(file):\(line):\(column): \(shownPath): \(code): \(singleLine(message))\n"
    }

    /// The text with every line break (CR, LF, CR LF) replaced by one space and trailing white
    /// space removed.
    private static func singleLine(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasBreak = false
        for character in text {
            if character.isNewline {
                if !previousWasBreak { result.append(" ") }
                previousWasBreak = true
            } else {
                result.append(character)
                previousWasBreak = false
            }
        }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}
