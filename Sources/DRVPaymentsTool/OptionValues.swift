import Foundation
import StringPayments
import XMLCoding

/// Reading typed values (dates, amounts, identifiers, choices) from a subcommand's parsed
/// arguments. Each malformed value is a ``UsageError`` that names the option and shows what is
/// expected, so every subcommand words these errors the same way.
extension CommandLineArguments.ParsedOptions {
    /// The value of a date option: `YYYY-MM-DD` without time zone.
    ///
    /// - Parameter name: The long name without `--`.
    /// - Returns: The date, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` when the value is not such a date.
    func date(_ name: String) throws(UsageError) -> XMLDate? {
        guard let text = values[name] else { return nil }
        guard let date = ArgumentValue.date(text) else {
            throw error("invalid date '\(text)' for '--\(name)'; expected YYYY-MM-DD, such as 2026-11-23")
        }
        return date
    }

    /// The value of an identifier option: 1 to 64 characters, as STRING's `IdentifierType`.
    ///
    /// - Parameter name: The long name without `--`.
    /// - Returns: The identifier, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` when the value is not an identifier.
    func identifier(_ name: String) throws(UsageError) -> Identifier? {
        guard let text = values[name] else { return nil }
        return try identifier(text, for: "'--\(name)'")
    }

    /// An operand or option value as an identifier.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - what: What the text is, for the message: `'--id'` or `BOOKING`.
    /// - Returns: The identifier, white space collapsed.
    /// - Throws: ``UsageError`` when the text is empty or longer than 64 characters.
    func identifier(_ text: String, for what: String) throws(UsageError) -> Identifier {
        guard let identifier = Identifier(text) else {
            throw error("invalid identifier '\(text)' for \(what); expected 1 to 64 characters")
        }
        return identifier
    }

    /// The value of an amount option: a decimal number of at least zero, such as `691.20`.
    ///
    /// - Parameter name: The long name without `--`.
    /// - Returns: The exact amount, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` when the value is not such a number.
    func amount(_ name: String) throws(UsageError) -> Decimal? {
        guard let text = values[name] else { return nil }
        return try amount(text, for: name)
    }

    /// An amount as text, checked as an `AmountType` value.
    ///
    /// - Parameters:
    ///   - text: The text, such as `691.20`.
    ///   - name: The option's long name, for the message.
    /// - Returns: The exact amount.
    /// - Throws: ``UsageError`` when the text is not a decimal number of at least zero.
    func amount(_ text: String, for name: String) throws(UsageError) -> Decimal {
        // The currency only decides the fraction digits, which the caller checks once it knows it.
        guard let amount = CurrencyAmount(text, .eur) else {
            throw error("invalid amount '\(text)' for '--\(name)'; expected a decimal number such as 691.20")
        }
        return amount.amount
    }

    /// The value of an option with a fixed set of values, compared without regard to case, `-`
    /// and `_` (`tour-operator` is `TourOperator`).
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - choices: Each accepted spelling, as shown in messages, with its value.
    /// - Returns: The chosen value, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` naming the accepted values when the value is none of them.
    func choice<Value>(_ name: String, from choices: [(String, Value)]) throws(UsageError) -> Value? {
        guard let text = values[name] else { return nil }
        let wanted = ArgumentValue.normalized(text)
        guard let match = choices.first(where: { ArgumentValue.normalized($0.0) == wanted }) else {
            let accepted = choices.map(\.0).joined(separator: ", ")
            throw error("invalid value '\(text)' for '--\(name)'; expected one of \(accepted)")
        }
        return match.1
    }
}

/// Value syntax shared by the parser and the tests.
enum ArgumentValue {
    /// A date `YYYY-MM-DD` without time zone.
    ///
    /// - Parameter text: The text.
    /// - Returns: The date, or `nil` for anything else (`23.11.2026`, `2026-02-30`, `2026-11-23Z`).
    static func date(_ text: String) -> XMLDate? {
        guard text.utf8.count == 10, let date = XMLDate(xmlLexicalForm: text), date.timeZoneOffsetMinutes == nil
        else { return nil }
        return date
    }

    /// The text in lower case without `-` and `_`, for comparing choices.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// The choices of an enumeration by raw value, such as `Agency`, `TourOperator`, `Mixed`.
    ///
    /// - Parameter cases: The cases, in the order messages list them.
    /// - Returns: Each case's raw value with the case.
    static func choices<Value: RawRepresentable>(_ cases: [Value]) -> [(String, Value)] where Value.RawValue == String {
        cases.map { ($0.rawValue, $0) }
    }
}
