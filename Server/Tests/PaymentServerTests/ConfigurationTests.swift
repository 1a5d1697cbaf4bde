import Foundation
import HTTPTypes
import NIOCore
import PaymentServer
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsAreSafe() throws {
        let configuration = try ServerConfiguration.load(file: nil, environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.agencies.isEmpty)
        #expect(configuration.maxBodyBytes == 1 << 20)
        #expect(!configuration.secureCookies)
    }

    @Test func fileThenEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("drv-server-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let hash = SecretHash.sha256Hex("k")
        try Data(
            """
            {"port": 9000, "operatorName": "Sonnenreisen", "agencies": [{"agency": "1", "keySHA256": "\(hash)"}]}
            """.utf8
        ).write(to: file)
        let configuration = try ServerConfiguration.load(
            file: nil,
            environment: [
                "DRV_SERVER_CONFIG": file.path, "DRV_SERVER_PORT": "9100",
                "DRV_SERVER_AGENCY_KEYS": "2=\(hash)", "DRV_SERVER_SECURE_COOKIES": "1",
            ])
        #expect(configuration.port == 9100)
        #expect(configuration.operatorName == "Sonnenreisen")
        #expect(configuration.agencies.map(\.agency) == ["1", "2"])
        #expect(configuration.secureCookies)
    }

    @Test(arguments: [
        ["DRV_SERVER_PORT": "eighty"], ["DRV_SERVER_PORT": "70000"], ["DRV_SERVER_MAX_BODY_BYTES": "0"],
        ["DRV_SERVER_REQUEST_TIMEOUT": "-1"], ["DRV_SERVER_AGENCY_KEYS": "1=not-a-hash"],
        ["DRV_SERVER_AGENCY_KEYS": "garbage"], ["DRV_SERVER_CONFIG": "/nonexistent/drv.json"],
    ])
    func invalidValuesAreRefused(_ environment: [String: String]) {
        let error = #expect(throws: ServerError.self) {
            try ServerConfiguration.load(file: nil, environment: environment)
        }
        #expect(error?.code == .invalidConfiguration)
    }
}
