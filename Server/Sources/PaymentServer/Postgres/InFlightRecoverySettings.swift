public import Foundation

/// How an instance on the PostgreSQL store names itself and recovers the payments other
/// instances left in flight (see ``PostgresInFlightRecovery``).
///
/// Read from the environment (``fromEnvironment(_:)``); the server's options override it.
public struct InFlightRecoverySettings: Hashable, Sendable {
    /// The instance's name; `nil` makes a new one at each start
    /// (``PostgresInstanceLock/newInstanceId()``). At most 100 letters, digits, `.`, `_`, `:`
    /// and `-`. Two live processes cannot share one.
    public var instanceId: String?
    /// The age from which a payment in flight is resolved whoever left it, as a safety net
    /// (an owner that is unknown, or alive but stuck). Default 15 minutes; it must exceed the
    /// longest gateway call, or a slow live charge could be resolved under its instance's feet.
    public var minimumAge: Duration
    /// How long an instance's lock must stay free before the instance counts as dead, so that a
    /// live instance whose lock connection dropped for a moment (it takes the lock back within
    /// a second) is not taken for dead. Default 5 seconds.
    public var deadInstanceGrace: Duration
    /// How often the scheduled recovery looks for payments of dead instances. Default 10 seconds;
    /// zero turns it off (recovery then runs only at start and with `--reconcile`).
    public var interval: Duration

    /// The environment variables read.
    public enum EnvironmentKey {
        /// The instance's name.
        public static let instanceId = "DRV_SERVER_INSTANCE_ID"
        /// ``minimumAge`` in seconds.
        public static let minimumAge = "DRV_SERVER_IN_FLIGHT_MINIMUM_AGE"
        /// ``deadInstanceGrace`` in seconds.
        public static let deadInstanceGrace = "DRV_SERVER_DEAD_INSTANCE_GRACE"
        /// ``interval`` in seconds.
        public static let interval = "DRV_SERVER_RECOVERY_INTERVAL"
    }

    /// Creates settings; every parameter has the documented default.
    public init(
        instanceId: String? = nil, minimumAge: Duration = .seconds(900), deadInstanceGrace: Duration = .seconds(5),
        interval: Duration = .seconds(10)
    ) {
        self.instanceId = instanceId
        self.minimumAge = minimumAge
        self.deadInstanceGrace = deadInstanceGrace
        self.interval = interval
    }

    /// The settings the environment gives, the defaults for the rest.
    ///
    /// - Parameter environment: The environment. Default the process's.
    /// - Returns: The settings, checked by ``validate()``.
    /// - Throws: ``ServerError`` with code `invalid-configuration` naming the variable.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServerError) -> InFlightRecoverySettings {
        var settings = InFlightRecoverySettings()
        if let name = environment[EnvironmentKey.instanceId], !name.isEmpty { settings.instanceId = name }
        if let text = environment[EnvironmentKey.minimumAge] {
            settings.minimumAge = try seconds(text, EnvironmentKey.minimumAge)
        }
        if let text = environment[EnvironmentKey.deadInstanceGrace] {
            settings.deadInstanceGrace = try seconds(text, EnvironmentKey.deadInstanceGrace)
        }
        if let text = environment[EnvironmentKey.interval] {
            settings.interval = try seconds(text, EnvironmentKey.interval)
        }
        try settings.validate()
        return settings
    }

    /// A duration from a number of seconds (a decimal fraction allowed), 0 up to a day.
    ///
    /// - Parameters:
    ///   - text: The number.
    ///   - name: Where it comes from, for the error.
    /// - Returns: The duration.
    /// - Throws: ``ServerError`` with code `invalid-configuration`.
    public static func seconds(_ text: String, _ name: String) throws(ServerError) -> Duration {
        guard let value = Double(text), value.isFinite, value >= 0, value <= 86_400 else {
            throw ServerError(
                code: .invalidConfiguration, message: "\(name)=\(text) is not a number of seconds from 0 to 86400")
        }
        return .milliseconds(Int64((value * 1_000).rounded()))
    }

    /// Checks the instance name.
    ///
    /// - Throws: ``ServerError`` with code `invalid-configuration` for an empty or too long name
    ///   or one with other characters.
    public func validate() throws(ServerError) {
        guard let instanceId else { return }
        guard !instanceId.isEmpty, instanceId.count <= 100, instanceId.allSatisfy(Self.isNameCharacter) else {
            throw ServerError(
                code: .invalidConfiguration,
                message: "the instance name must be 1 to 100 letters, digits, '.', '_', ':' or '-'")
        }
    }

    /// Whether a character may appear in an instance name.
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".-_:".contains(character))
    }
}
