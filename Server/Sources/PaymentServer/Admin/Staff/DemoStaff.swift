/// The back-office users of `drv-payments-server --demo`: one per role, with new random
/// passwords printed once at start.
public struct DemoStaff: Sendable {
    /// A login to print: name, role and password in clear.
    public struct Login: Sendable, Hashable {
        /// The login name.
        public let name: String
        /// The role.
        public let role: StaffRole
        /// The password.
        public let password: String
    }

    /// The logins.
    public let logins: [Login]
    /// The users to configure: the passwords' hashes only.
    public let users: [StaffUser]

    /// Makes `admin` (administrator) and `finance` (financial) with new passwords.
    ///
    /// - Throws: ``ServerError`` when hashing fails.
    public init() throws(ServerError) {
        let logins = [
            Login(name: "admin", role: .administrator, password: SecretHash.newToken()),
            Login(name: "finance", role: .financial, password: SecretHash.newToken()),
        ]
        var users: [StaffUser] = []
        for login in logins {
            users.append(
                StaffUser(name: login.name, role: login.role, passwordHash: try StaffPasswordHash.make(login.password)))
        }
        self.logins = logins
        self.users = users
    }
}
