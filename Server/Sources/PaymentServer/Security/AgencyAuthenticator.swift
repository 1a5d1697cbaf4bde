import Foundation
public import HTTPTypes

/// Finds the agency a `POST /string` caller is, from its API key or HTTP basic credentials.
///
/// Two ways to present the key:
/// - `X-API-Key: KEY` — the key alone identifies the agency;
/// - `Authorization: Basic base64(AGENCY:KEY)`.
///
/// Keys are compared as SHA-256 digests in constant time, and every configured agency is
/// compared, so the time does not tell which agency came close.
public struct AgencyAuthenticator: Sendable {
    /// The name of the header carrying an API key.
    public static let apiKeyHeaderName = "X-API-Key"

    private let credentials: [AgencyCredential]

    /// Creates an authenticator.
    ///
    /// - Parameter credentials: The configured agencies.
    public init(credentials: [AgencyCredential]) {
        self.credentials = credentials
    }

    /// The agency number of the caller, or `nil` when the headers carry no valid key.
    ///
    /// - Parameter headers: The request's headers.
    /// - Returns: The agency number.
    public func agency(for headers: HTTPFields) -> String? {
        if let key = headers.first(where: { $0.name.canonicalName == "x-api-key" })?.value {
            return agency(forKey: key, claimed: nil)
        }
        guard let authorization = headers[.authorization] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1])).flatMap({ String(data: $0, encoding: .utf8) })
        else { return nil }
        let pair = decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard pair.count == 2 else { return nil }
        return agency(forKey: pair[1], claimed: pair[0])
    }

    private func agency(forKey key: String, claimed: String?) -> String? {
        let digest = SecretHash.sha256Hex(key)
        var found: String?
        for credential in credentials {
            let keyMatches = SecretHash.constantTimeEquals(digest, credential.keySHA256)
            let nameMatches = claimed.map { SecretHash.constantTimeEquals($0, credential.agency) } ?? true
            if keyMatches && nameMatches && found == nil { found = credential.agency }
        }
        return found
    }
}
