public import Foundation

/// Where the PostgreSQL ledger store lives: host or socket directory, port, user, password and
/// database, read from a `postgres://` URL or from libpq's environment variables.
///
/// The server uses the database instead of the file journal when `--database URL`,
/// `DRV_SERVER_DATABASE_URL`, or `DRV_SERVER_STORE=postgres` with libpq's `PGHOST`, `PGPORT`,
/// `PGUSER`, `PGPASSWORD` and `PGDATABASE` are given.
public struct PostgresSettings: Hashable, Sendable, CustomStringConvertible {
    /// The host name or address; a path starting with `/` is the directory of a Unix socket.
    /// Default `127.0.0.1`.
    public var host: String
    /// The port. Default 5432.
    public var port: Int
    /// The user. Default `postgres`.
    public var user: String
    /// The password, if the server asks for one. Never printed.
    public var password: String?
    /// The database. Default the user's name, as libpq does.
    public var database: String

    /// The environment variables read, beside libpq's own.
    public enum EnvironmentKey {
        /// A `postgres://user:password@host:port/database` URL.
        public static let url = "DRV_SERVER_DATABASE_URL"
        /// `postgres` to use libpq's `PG*` variables without a URL.
        public static let store = "DRV_SERVER_STORE"
    }

    /// Creates settings; every parameter has the documented default.
    public init(
        host: String = "127.0.0.1", port: Int = 5432, user: String = "postgres", password: String? = nil,
        database: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database ?? user
    }

    /// Reads a `postgres://` (or `postgresql://`) URL. A `host` query item (libpq's form for a
    /// socket directory) overrides the URL's host.
    ///
    /// - Parameter text: The URL.
    /// - Throws: ``ServerError`` with code `invalid-configuration` for another scheme, a bad
    ///   port or a URL that does not parse; the message never quotes the password.
    public init(url text: String) throws(ServerError) {
        func bad(_ reason: String) -> ServerError {
            ServerError(code: .invalidConfiguration, message: "the database URL \(reason)")
        }
        guard let components = URLComponents(string: text) else { throw bad("does not parse") }
        guard components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw bad("must start with postgres://")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        var host = components.host.flatMap { $0.removingPercentEncoding } ?? "127.0.0.1"
        if let socket = components.queryItems?.first(where: { $0.name == "host" })?.value { host = socket }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw bad("has port \(port), not between 1 and 65535") }
        self.init(
            host: host.isEmpty ? "127.0.0.1" : host, port: port, user: user,
            password: components.password.flatMap { $0.removingPercentEncoding },
            database: path.isEmpty ? nil : path)
    }

    /// The settings the environment asks for, or `nil` when it asks for none (the file journal).
    ///
    /// - Parameter environment: The environment. Default the process's.
    /// - Returns: The settings from `DRV_SERVER_DATABASE_URL`, else from libpq's variables when
    ///   `DRV_SERVER_STORE=postgres`, else `nil`.
    /// - Throws: ``ServerError`` with code `invalid-configuration`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServerError) -> PostgresSettings? {
        if let url = environment[EnvironmentKey.url], !url.isEmpty { return try PostgresSettings(url: url) }
        guard environment[EnvironmentKey.store] == "postgres" else { return nil }
        var settings = PostgresSettings(
            host: environment["PGHOST"] ?? "127.0.0.1", user: environment["PGUSER"] ?? "postgres",
            password: environment["PGPASSWORD"], database: environment["PGDATABASE"])
        if let text = environment["PGPORT"] {
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw ServerError(code: .invalidConfiguration, message: "PGPORT=\(text) is not a port")
            }
            settings.port = port
        }
        return settings
    }

    /// `postgres://USER@HOST:PORT/DATABASE`, without the password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
