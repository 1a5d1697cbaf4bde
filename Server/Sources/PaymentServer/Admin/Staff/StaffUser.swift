/// A back-office user in the configuration: a name, a role and the password's scrypt hash
/// (``StaffPasswordHash``), never the password. `drv-payments-server staff-user NAME --role ROLE`
/// prints an entry.
///
/// ```json
/// "staff": [{"name": "anna", "role": "financial", "passwordHash": "scrypt$32768$8$1$…$…"}]
/// ```
public struct StaffUser: Codable, Hashable, Sendable {
    /// The login name (letters, digits, `.`, `_`, `-`); also the actor `user:NAME` of changes.
    public var name: String
    /// The role.
    public var role: StaffRole
    /// The password's hash, as ``StaffPasswordHash/make(_:cost:)`` writes it.
    public var passwordHash: String

    /// Creates a user.
    public init(name: String, role: StaffRole, passwordHash: String) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
    }

    /// Whether a name is a valid login name: 1–64 of letters, digits, `.`, `_`, `-`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }
}
