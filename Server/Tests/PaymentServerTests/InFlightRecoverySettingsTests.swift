import Testing

@testable import PaymentServer

@Suite("In-flight recovery settings")
struct InFlightRecoverySettingsTests {
    @Test func defaultsAndEnvironment() throws {
        let defaults = try InFlightRecoverySettings.fromEnvironment([:])
        #expect(defaults == InFlightRecoverySettings())
        #expect(defaults.instanceId == nil)
        #expect(defaults.minimumAge == .seconds(900))
        #expect(defaults.deadInstanceGrace == .seconds(5))
        #expect(defaults.interval == .seconds(10))
        let set = try InFlightRecoverySettings.fromEnvironment([
            "DRV_SERVER_INSTANCE_ID": "web-2.eu:a_1", "DRV_SERVER_IN_FLIGHT_MINIMUM_AGE": "120",
            "DRV_SERVER_DEAD_INSTANCE_GRACE": "0.5", "DRV_SERVER_RECOVERY_INTERVAL": "0",
        ])
        #expect(set.instanceId == "web-2.eu:a_1")
        #expect(set.minimumAge == .seconds(120))
        #expect(set.deadInstanceGrace == .milliseconds(500))
        #expect(set.interval == .zero)
    }

    @Test(arguments: ["", "-1", "x", "nan", "inf", "86401"])
    func aBadNumberOfSecondsIsRefused(_ text: String) {
        do {
            _ = try InFlightRecoverySettings.fromEnvironment(["DRV_SERVER_RECOVERY_INTERVAL": text])
            Issue.record("\(text) was taken for seconds")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("DRV_SERVER_RECOVERY_INTERVAL"))
        }
    }

    @Test(arguments: ["a b", "web/1", "ü", String(repeating: "a", count: 101)])
    func aBadInstanceNameIsRefused(_ name: String) {
        #expect(throws: ServerError.self) {
            try InFlightRecoverySettings.fromEnvironment(["DRV_SERVER_INSTANCE_ID": name])
        }
        #expect((try? InFlightRecoverySettings(instanceId: name).validate()) == nil)
    }

    @Test func newInstanceNamesAreValidAndDistinct() throws {
        let names = (0..<20).map { _ in PostgresInstanceLock.newInstanceId() }
        for name in names { try InFlightRecoverySettings(instanceId: name).validate() }
        #expect(Set(names).count == names.count)
        #expect(PostgresInstanceLock.lockKey(instance: "web-1") == PostgresInstanceLock.lockKey(instance: "web-1"))
        #expect(PostgresInstanceLock.lockKey(instance: "web-1") != PostgresInstanceLock.lockKey(instance: "web-2"))
    }
}
