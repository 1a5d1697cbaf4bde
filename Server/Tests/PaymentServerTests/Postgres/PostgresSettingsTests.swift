import Testing

@testable import PaymentServer

@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    @Test func urlGivesEveryPart() throws {
        let settings = try PostgresSettings(url: "postgres://drv:s%40cret@db.example:6543/ledger")
        #expect(
            settings
                == PostgresSettings(host: "db.example", port: 6543, user: "drv", password: "s@cret", database: "ledger")
        )
        #expect(!settings.description.contains("cret"))
    }

    @Test func socketDirectoryAndDefaults() throws {
        let settings = try PostgresSettings(url: "postgresql://postgres@/ledger?host=/run/postgresql")
        #expect(settings.host == "/run/postgresql")
        #expect(settings.port == 5432)
        #expect(try PostgresSettings(url: "postgres://localhost").database == "postgres")
    }

    @Test func badURLsAreInvalidConfiguration() {
        for url in ["mysql://x/y", "postgres://h:99999/d", "://"] {
            #expect(throws: ServerError.self, "\(url)") { try PostgresSettings(url: url) }
        }
    }

    @Test func environmentChoosesTheStore() throws {
        #expect(try PostgresSettings.fromEnvironment([:]) == nil)
        #expect(try PostgresSettings.fromEnvironment(["PGHOST": "h"]) == nil)
        let url = try PostgresSettings.fromEnvironment(["DRV_SERVER_DATABASE_URL": "postgres://u@h:1/d"])
        #expect(url == PostgresSettings(host: "h", port: 1, user: "u", database: "d"))
        let libpq = try PostgresSettings.fromEnvironment([
            "DRV_SERVER_STORE": "postgres", "PGHOST": "h", "PGPORT": "7", "PGUSER": "u", "PGPASSWORD": "p",
        ])
        #expect(libpq == PostgresSettings(host: "h", port: 7, user: "u", password: "p", database: "u"))
        #expect(throws: ServerError.self) {
            try PostgresSettings.fromEnvironment(["DRV_SERVER_STORE": "postgres", "PGPORT": "x"])
        }
    }
}
