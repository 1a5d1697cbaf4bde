import BankStatements
import Foundation

/// `--mapping FILE` and `--map KEY=VALUE`: the column mapping and format of a CSV input, from a
/// mapping file (``BankStatements/CSVMappingFile``) with settings of the command line on top.
struct CSVMappingOptions: Equatable {
    /// The mapping file, if any.
    var file: String?
    /// The `KEY=VALUE` settings, in order.
    var settings: [String]

    /// `--mapping FILE`.
    static let fileOption = OptionSpec(
        "mapping", valueName: "FILE", help: "CSV: the column mapping file (KEY = VALUE lines; see below).")
    /// `--map KEY=VALUE`.
    static let settingOption = OptionSpec(
        "map", valueName: "KEY=VALUE", repeatable: true,
        help: "CSV: one mapping setting, over the file's (such as --map 'currency=\"EUR\"').")

    /// The help section on mapping files, shared by the commands that read CSV.
    static let help = """
        MAPPING (CSV):
          One KEY = VALUE a line; # starts a comment. A column is its header name or
          #POSITION (1-based); for currency, payment-method-code and fee-type a value in
          double quotes is fixed text for every record. Format keys: separator (default ;),
          decimal-separator comma|point (default comma), date-format dd.MM.yyyy|yyyy-MM-dd|
          dd/MM/yyyy|yyyyMMdd (default dd.MM.yyyy), header yes|no, encoding utf-8|latin-1.
        """

    /// Reads the options.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an empty file name.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        file = parsed.values["mapping"]
        if file?.isEmpty == true { throw parsed.error("option '--mapping' needs a file name") }
        settings = parsed.lists["map"] ?? []
    }

    /// Creates the options from their settings.
    init(file: String? = nil, settings: [String] = []) {
        self.file = file
        self.settings = settings
    }

    /// Whether any mapping was given.
    var isEmpty: Bool { file == nil && settings.isEmpty }

    /// The mapping: the file's settings, then the command line's.
    ///
    /// - Returns: The mapping.
    /// - Throws: ``InputError`` when the file cannot be read; ``BankStatementsError`` with code
    ///   `csv-invalid-mapping` for a malformed setting.
    func load() throws -> CSVMappingFile {
        var mapping = CSVMappingFile()
        if let file {
            let text: String
            do {
                text = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
            } catch {
                throw InputError(name: file, reason: "cannot be read as UTF-8 text")
            }
            do throws(BankStatementsError) {
                mapping = try CSVMappingFile(parsing: text)
            } catch {
                var located = error
                located.message = "\(file): \(error.message)"
                throw located
            }
        }
        for setting in settings { try mapping.set(setting) }
        return mapping
    }

    /// Reports why a mapping, a code list or an input could not be loaded, and returns
    /// ``ExitCode/failure``: an ``InputError`` as itself, a ``BankStatements/BankStatementsError``
    /// as `drv-payments: CODE: message`.
    static func reportLoadFailure(_ error: any Error, to output: Output) -> ExitCode {
        switch error {
        case let error as InputError:
            output.writeError(error.diagnostic)
        case let error as BankStatementsError:
            output.writeError(LedgerCommandFailure.line(code: error.code.rawValue, text: error.message))
        default:
            output.writeError(LedgerCommandFailure.line(code: "mapping", text: "\(error)"))
        }
        return .failure
    }
}
