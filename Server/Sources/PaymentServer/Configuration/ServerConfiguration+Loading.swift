public import Foundation

extension ServerConfiguration {
    /// The environment variables the server reads, each overriding the file's value.
    public enum EnvironmentKey {
        /// A configuration file to read first.
        public static let file = "DRV_SERVER_CONFIG"
        /// ``ServerConfiguration/host``.
        public static let host = "DRV_SERVER_HOST"
        /// ``ServerConfiguration/port``.
        public static let port = "DRV_SERVER_PORT"
        /// ``ServerConfiguration/dataDirectory``.
        public static let dataDirectory = "DRV_SERVER_DATA"
        /// ``ServerConfiguration/maxBodyBytes``.
        public static let maxBodyBytes = "DRV_SERVER_MAX_BODY_BYTES"
        /// ``ServerConfiguration/requestTimeoutSeconds``.
        public static let requestTimeout = "DRV_SERVER_REQUEST_TIMEOUT"
        /// Agencies as `AGENCY=SHA256HEX` pairs separated by commas, added to the file's.
        public static let agencyKeys = "DRV_SERVER_AGENCY_KEYS"
        /// ``ServerConfiguration/secureCookies`` (`1` or `true`).
        public static let secureCookies = "DRV_SERVER_SECURE_COOKIES"
        /// ``ServerConfiguration/publicBaseURL``.
        public static let publicBaseURL = "DRV_SERVER_PUBLIC_URL"
        /// ``SchedulerConfiguration/enabled`` (`1`/`true` or `0`/`false`).
        public static let scheduler = "DRV_SERVER_SCHEDULER"
        /// ``SchedulerConfiguration/balancesUploadURL``.
        public static let balancesUploadURL = "DRV_SERVER_BALANCES_UPLOAD_URL"
        /// ``SchedulerConfiguration/remindersHourUTC`` (an hour 0…23, or `off`).
        public static let remindersHour = "DRV_SERVER_REMINDERS_HOUR"
        /// ``SchedulerConfiguration/balancesUploadAuthorization``.
        public static let balancesUploadAuthorization = "DRV_SERVER_BALANCES_UPLOAD_AUTH"
    }

    /// Reads the configuration: defaults, then the JSON file (the one given, else the one
    /// `DRV_SERVER_CONFIG` names, else none), then the environment.
    ///
    /// - Parameters:
    ///   - file: A JSON file with any of the properties; missing ones keep their defaults.
    ///   - environment: The environment. Default the process's.
    /// - Returns: The validated configuration.
    /// - Throws: ``ServerError`` with code `invalid-configuration`.
    public static func load(
        file: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServerError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let path = file ?? environment[EnvironmentKey.file] {
            configuration = try decodeFile(path)
        }
        try configuration.apply(environment: environment)
        try configuration.validate()
        return configuration
    }

    private static func decodeFile(_ path: String) throws(ServerError) -> ServerConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ServerError(
                code: .invalidConfiguration, message: "cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(FileForm.self, from: data).configuration
        } catch {
            throw ServerError(code: .invalidConfiguration, message: "\(path) is not a valid configuration: \(error)")
        }
    }

    /// Applies the environment's values.
    mutating func apply(environment: [String: String]) throws(ServerError) {
        func number<T: LosslessStringConvertible>(_ key: String, _: T.Type) throws(ServerError) -> T? {
            guard let text = environment[key] else { return nil }
            guard let value = T(text) else {
                throw ServerError(code: .invalidConfiguration, message: "\(key)=\(text) is not a number")
            }
            return value
        }
        if let value = environment[EnvironmentKey.host] { host = value }
        if let value = try number(EnvironmentKey.port, Int.self) { port = value }
        if let value = environment[EnvironmentKey.dataDirectory] { dataDirectory = value }
        if let value = try number(EnvironmentKey.maxBodyBytes, Int.self) { maxBodyBytes = value }
        if let value = try number(EnvironmentKey.requestTimeout, Double.self) { requestTimeoutSeconds = value }
        if let value = environment[EnvironmentKey.secureCookies] { secureCookies = value == "1" || value == "true" }
        if let value = environment[EnvironmentKey.publicBaseURL] { publicBaseURL = value }
        if let value = environment[EnvironmentKey.scheduler] { scheduler.enabled = value == "1" || value == "true" }
        if let value = environment[EnvironmentKey.balancesUploadURL] { scheduler.balancesUploadURL = value }
        if environment[EnvironmentKey.remindersHour] == "off" {
            scheduler.remindersHourUTC = nil
        } else if let value = try number(EnvironmentKey.remindersHour, Int.self) {
            scheduler.remindersHourUTC = value
        }
        if let value = environment[EnvironmentKey.balancesUploadAuthorization] {
            scheduler.balancesUploadAuthorization = value
        }
        try mail.apply(environment: environment)
        if let value = environment[EnvironmentKey.agencyKeys] {
            for pair in value.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ServerError(
                        code: .invalidConfiguration,
                        message: "\(EnvironmentKey.agencyKeys) holds an entry that is not AGENCY=SHA256HEX")
                }
                agencies.append(AgencyCredential(agency: parts[0], keySHA256: parts[1]))
            }
        }
    }
}

/// The file's form: every property optional, so a file names only what it changes.
private struct FileForm: Decodable {
    var host: String?
    var port: Int?
    var dataDirectory: String?
    var maxBodyBytes: Int?
    var requestTimeoutSeconds: Double?
    var idleTimeoutSeconds: Double?
    var agencies: [AgencyCredential]?
    var operatorName: String?
    var secureCookies: Bool?
    var publicBaseURL: String?
    var sessionLifetimeSeconds: Double?
    var linkLifetimeSeconds: Double?
    var loginAttemptsPerWindow: Int?
    var loginWindowSeconds: Double?
    var scheduler: SchedulerConfiguration?
    var staff: [StaffUser]?
    var sessionAbsoluteLifetimeSeconds: Double?
    var branding: Branding?
    var mail: MailConfiguration?

    var configuration: ServerConfiguration {
        let base = ServerConfiguration()
        var configuration = ServerConfiguration(
            host: host ?? base.host, port: port ?? base.port, dataDirectory: dataDirectory ?? base.dataDirectory,
            maxBodyBytes: maxBodyBytes ?? base.maxBodyBytes,
            requestTimeoutSeconds: requestTimeoutSeconds ?? base.requestTimeoutSeconds,
            idleTimeoutSeconds: idleTimeoutSeconds ?? base.idleTimeoutSeconds, agencies: agencies ?? [],
            operatorName: operatorName ?? base.operatorName, secureCookies: secureCookies ?? base.secureCookies,
            publicBaseURL: publicBaseURL,
            sessionLifetimeSeconds: sessionLifetimeSeconds ?? base.sessionLifetimeSeconds,
            linkLifetimeSeconds: linkLifetimeSeconds ?? base.linkLifetimeSeconds,
            loginAttemptsPerWindow: loginAttemptsPerWindow ?? base.loginAttemptsPerWindow,
            loginWindowSeconds: loginWindowSeconds ?? base.loginWindowSeconds,
            sessionAbsoluteLifetimeSeconds: sessionAbsoluteLifetimeSeconds ?? base.sessionAbsoluteLifetimeSeconds,
            branding: branding ?? base.branding)
        configuration.scheduler = scheduler ?? base.scheduler
        configuration.staff = staff ?? []
        configuration.mail = mail ?? base.mail
        return configuration
    }
}
