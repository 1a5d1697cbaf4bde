/// The configured staff users, and the check of a login.
struct StaffDirectory: Sendable {
    let users: [String: StaffUser]

    init(_ users: [StaffUser]) {
        self.users = Dictionary(users.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The user whose password matches, or `nil`. An unknown name is checked against a decoy
    /// hash, so that it takes as long as a wrong password and the answer does not tell names.
    func authenticate(name: String, password: String) -> StaffUser? {
        guard let user = users[name] else {
            _ = StaffPasswordHash.verify(password, stored: StaffPasswordHash.decoy)
            return nil
        }
        return StaffPasswordHash.verify(password, stored: user.passwordHash) ? user : nil
    }

    /// The user with a name (a session's user may have been removed from the configuration).
    func user(_ name: String) -> StaffUser? { users[name] }
}
