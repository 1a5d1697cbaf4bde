import Foundation
import XMLCoding

/// What a command takes from the process around it: where to write, standard input and today's
/// date. Tests supply their own, so commands run in memory.
struct ToolContext {
    /// Where standard output and standard error go.
    let output: Output
    /// Reads standard input to its end, or until more than the given number of bytes have been
    /// read: a longer input is refused by the reader anyway, and this bounds the memory it costs.
    let readStandardInput: (_ limit: Int) throws(InputError) -> Data
    /// Today's date, for the card-expiry rule when `--today` is not given.
    let today: () -> XMLDate

    /// The context of the running process: its streams, its standard input and the local date.
    static func process() -> ToolContext {
        ToolContext(
            output: .standardStreams(),
            readStandardInput: { limit throws(InputError) in
                try InputFile.read(descriptor: 0, name: "-", limit: limit)
            },
            today: { XMLDate.today() })
    }

    /// A context that keeps the output in memory.
    ///
    /// - Parameters:
    ///   - standardInput: The bytes standard input yields. The default is none.
    ///   - today: Today's date. The default is 2026-11-23, the date the corpus is written for.
    ///   - standardErrorIsTerminal: Whether to show progress as on a terminal. The default is
    ///     `false`.
    /// - Returns: The context; read what was written from ``output``.
    static func inMemory(
        standardInput: Data = Data(),
        today: XMLDate = XMLDate(daysSinceEpoch: 20_780),  // 2026-11-23
        standardErrorIsTerminal: Bool = false
    ) -> ToolContext {
        ToolContext(
            output: .capturing(standardErrorIsTerminal: standardErrorIsTerminal),
            readStandardInput: { limit in standardInput.prefix(limit < Int.max ? limit + 1 : limit) },
            today: { today })
    }
}
