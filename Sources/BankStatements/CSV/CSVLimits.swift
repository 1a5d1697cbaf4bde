/// Bounds on what reading one CSV file may cost. The defaults are safe for untrusted input.
public struct CSVLimits: Sendable, Hashable {
    /// The most bytes a file may have. The default is 32 MiB, which protects memory: about
    /// 200,000 bank transactions, more than any daily export; checked before parsing starts.
    public var maximumInputSize: Int
    /// The most records (rows, header included) a file may have. The default is 1,000,000, which
    /// bounds the result's size for files of many tiny rows.
    public var maximumRecordCount: Int
    /// The most fields a record may have. The default is 256, which bounds a row's cost: bank
    /// exports have about 10 to 40 columns.
    public var maximumFieldCount: Int
    /// The most bytes a field may have. The default is 65,536, which stops an unterminated quote
    /// from swallowing the rest of a large file into one field.
    public var maximumFieldLength: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maximumInputSize: The most bytes. The default is 32 MiB.
    ///   - maximumRecordCount: The most records. The default is 1,000,000.
    ///   - maximumFieldCount: The most fields per record. The default is 256.
    ///   - maximumFieldLength: The most bytes per field. The default is 65,536.
    public init(
        maximumInputSize: Int = 32 * 1024 * 1024, maximumRecordCount: Int = 1_000_000, maximumFieldCount: Int = 256,
        maximumFieldLength: Int = 65_536
    ) {
        self.maximumInputSize = maximumInputSize
        self.maximumRecordCount = maximumRecordCount
        self.maximumFieldCount = maximumFieldCount
        self.maximumFieldLength = maximumFieldLength
    }

    /// The defaults.
    public static let `default` = CSVLimits()
}
