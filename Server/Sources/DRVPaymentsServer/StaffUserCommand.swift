import ArgumentParser
import Foundation
import PaymentServer

/// Makes a back-office user's configuration entry.
struct StaffUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff-user",
        abstract: "Make a back-office user: print the configuration entry with the password's scrypt hash.",
        discussion: """
            The password is read from standard input with --password-stdin; without it a new
            random password is made and shown once. Add the printed entry to the configuration
            file's "staff" list. Roles: administrator (everything, including starting the
            balances export by hand), financial (every back-office page and booking change).
            """)

    @Argument(help: "The login name (letters, digits, '.', '_', '-').")
    var name: String

    @Option(help: "administrator or financial.")
    var role: String

    @Flag(help: "Read the password from the first line of standard input.")
    var passwordStdin = false

    func run() throws {
        guard StaffUser.isValidName(name) else {
            throw ValidationError("'\(name)' is not 1-64 letters, digits, '.', '_' or '-'")
        }
        guard let role = StaffRole(rawValue: role) else {
            throw ValidationError("role '\(role)' is neither administrator nor financial")
        }
        let password: String
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), line.count >= 12 else {
                throw ValidationError("the password on standard input must have at least 12 characters")
            }
            password = line
        } else {
            password = SecretHash.newToken()
            print("password: \(password)")
        }
        let user = StaffUser(name: name, role: role, passwordHash: try StaffPasswordHash.make(password))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print("config:   " + String(decoding: try encoder.encode(user), as: UTF8.self))
    }
}
