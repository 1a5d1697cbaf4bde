/// Why a balances export or its upload failed, with a stable code and a message.
///
/// The codes are part of the public API: new ones may be added in a minor release, existing
/// ones never change meaning.
public struct BalancesExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text.
        public let rawValue: String

        /// Creates a code from its text.
        ///
        /// - Parameter rawValue: The code's text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code's text.
        public var description: String { rawValue }

        /// The payment link template is not an `http` or `https` URL.
        public static let invalidPaymentLink = Code(rawValue: "invalid-payment-link")
        /// The upload URL is not an `http` or `https` URL.
        public static let invalidUploadURL = Code(rawValue: "invalid-upload-url")
        /// The document could not be written (a full disk, a closed pipe, an unwritable file).
        public static let writeFailed = Code(rawValue: "write-failed")
        /// Every attempt to upload the document failed, or the receiver refused it.
        public static let uploadFailed = Code(rawValue: "upload-failed")

        /// Every code, in documentation order.
        public static let all: [Code] = [.invalidPaymentLink, .invalidUploadURL, .writeFailed, .uploadFailed]
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// For ``Code/uploadFailed``: what each attempt got.
    public var uploadReport: BalancesUploadReport?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation.
    ///   - uploadReport: The upload's attempts, for an upload failure.
    public init(code: Code, message: String, uploadReport: BalancesUploadReport? = nil) {
        self.code = code
        self.message = message
        self.uploadReport = uploadReport
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
