public import PostgresNIO

extension PostgresSettings {
    /// PostgresNIO's configuration: TCP or a Unix socket (a host starting with `/`), no TLS (the
    /// database is reached on 127.0.0.1 or a private network), and `synchronous_commit` on, so
    /// that a committed append is on the database's disk whatever the server's default.
    ///
    /// - Returns: The configuration for `PostgresConnection.connect`.
    public func connectionConfiguration() -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: host + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: .disable)
        }
        configuration.options.additionalStartupParameters = [
            ("synchronous_commit", "on"), ("application_name", "drv-payments-server"),
        ]
        return configuration
    }
}
