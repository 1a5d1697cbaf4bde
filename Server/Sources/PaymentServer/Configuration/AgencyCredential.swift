/// An agency allowed to call `POST /string`: its agency number and the SHA-256 of its API key.
///
/// The key itself is never stored: `drv-payments-server agency-key AGENCY` makes one and prints
/// the line to put in the configuration.
public struct AgencyCredential: Codable, Hashable, Sendable {
    /// The agency number, as in the messages' `AgencyInformation/Agency`.
    public var agency: String
    /// SHA-256 of the API key, 64 hex digits (``SecretHash/sha256Hex(_:)``).
    public var keySHA256: String

    /// Creates a credential.
    ///
    /// - Parameters:
    ///   - agency: The agency number.
    ///   - keySHA256: The key's digest.
    public init(agency: String, keySHA256: String) {
        self.agency = agency
        self.keySHA256 = keySHA256.lowercased()
    }
}
