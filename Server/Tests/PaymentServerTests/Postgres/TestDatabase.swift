import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Testing

@testable import PaymentServer

/// A fresh database per test in the cluster `DRV_TEST_POSTGRES_URL` names (started by
/// `scripts/with-postgres`, which `scripts/test-all.sh` uses).
///
/// Without the variable the PostgreSQL tests are skipped, so that `swift test` by hand works
/// without a database; `scripts/test-all.sh` sets `DRV_TEST_REQUIRE_POSTGRES=1`, under which a
/// missing database fails the run instead.
enum TestDatabase {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether the tests that need PostgreSQL run.
    static var isAvailable: Bool {
        environment["DRV_TEST_POSTGRES_URL"] != nil || environment["DRV_TEST_REQUIRE_POSTGRES"] == "1"
    }

    /// The cluster's settings.
    static func cluster() throws -> PostgresSettings {
        guard let url = environment["DRV_TEST_POSTGRES_URL"] else {
            throw TestDatabaseError(
                message: "DRV_TEST_POSTGRES_URL is not set; run the tests through Server/scripts/with-postgres")
        }
        return try PostgresSettings(url: url)
    }

    /// Creates an empty database and returns its settings.
    static func make() throws -> PostgresSettings {
        let cluster = try cluster()
        let name = "drv_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try execute(["CREATE DATABASE \(name)"], on: cluster)
        var settings = cluster
        settings.database = name
        return settings
    }

    /// Runs statements, without results, on a connection of their own.
    static func execute(_ statements: [String], on settings: PostgresSettings) throws {
        _ = try query(statements, on: settings)
    }

    /// Runs a query and returns the first column of every row as text.
    static func texts(_ sql: String, on settings: PostgresSettings) throws -> [String] {
        try query([sql], on: settings).map { try $0.decode(String.self) }
    }

    /// Runs statements on a connection of their own and returns the last one's rows.
    private static func query(_ statements: [String], on settings: PostgresSettings) throws -> [PostgresRow] {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let logger = Logger(label: "drv-test-database")
        let connection = try PostgresConnection.connect(
            on: group.next(), configuration: settings.connectionConfiguration(), id: 9, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        var rows: [PostgresRow] = []
        for statement in statements {
            rows = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait().rows
        }
        return rows
    }
}

struct TestDatabaseError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
