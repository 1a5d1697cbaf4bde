public import Foundation

/// Where a direct-debit run writes its pain.008 collection files: a directory, by convention
/// `collections/` in the ledger directory. The files are also the record of what was handed to
/// the bank: after a crash, an attempt whose end-to-end identification is in a file was
/// collected, one that is in none was not.
public struct DirectDebitCollections: Sendable {
    /// The directory.
    public let directory: URL

    /// Creates the store.
    ///
    /// - Parameter directory: The directory; created when the first file is written.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The collections directory of a ledger directory: `collections/` inside it.
    public static func ofLedger(_ directory: URL) -> DirectDebitCollections {
        DirectDebitCollections(directory: directory.appendingPathComponent("collections"))
    }

    /// Writes a validated file atomically and durably: a temporary file is written and synced,
    /// then renamed to `MSGID.xml`, and the directory is synced.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - messageId: The file's message identification, its name.
    /// - Returns: The file's URL.
    /// - Throws: ``AutopayError`` with code `collection-file-invalid` when it cannot be written.
    func write(_ data: Data, messageId: String) throws(AutopayError) -> URL {
        let url = directory.appendingPathComponent(messageId + ".xml")
        let temporary = directory.appendingPathComponent("." + messageId + ".tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw AutopayError(code: .collectionFileInvalid, message: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
            let directoryHandle = try FileHandle(forReadingFrom: directory)
            try? directoryHandle.synchronize()
            try directoryHandle.close()
        } catch let error as AutopayError {
            throw error
        } catch {
            throw AutopayError(
                code: .collectionFileInvalid, message: "cannot write \(url.path): \(error.localizedDescription)")
        }
        return url
    }

    /// Whether an end-to-end identification is in a file written before.
    ///
    /// - Parameter endToEndId: The identification.
    /// - Returns: `true` when a collection file holds it.
    /// - Throws: When the directory cannot be read.
    func contains(_ endToEndId: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: directory.path) else { return false }
        let needle = Data("<EndToEndId>\(endToEndId)</EndToEndId>".utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".xml") {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            if data.range(of: needle) != nil { return true }
        }
        return false
    }
}
