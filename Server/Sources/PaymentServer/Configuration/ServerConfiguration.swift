/// How the server runs: address, ledger directory, limits, agencies and portal settings.
///
/// Read from a JSON file and the environment (``load(file:environment:)``); every value has a
/// default that is safe on its own. Command-line options override both.
public struct ServerConfiguration: Codable, Hashable, Sendable {
    /// The address to listen on. Default `127.0.0.1`, which keeps the server off the network
    /// until it is put behind a TLS proxy on purpose.
    public var host: String
    /// The port. Default 8080.
    public var port: Int
    /// The ledger's journal directory. Default `drv-payments-data` in the working directory.
    public var dataDirectory: String
    /// The largest request body read, in bytes. Default 1 MiB, which protects memory from
    /// oversized uploads; STRING messages are a few kilobytes.
    public var maxBodyBytes: Int
    /// How long a STRING request may take before the caller gets 503. Default 10 seconds,
    /// which protects the server's capacity from a hanging gateway.
    public var requestTimeoutSeconds: Double
    /// How long an idle connection stays open. Default 30 seconds, which protects against
    /// clients that open connections and send nothing.
    public var idleTimeoutSeconds: Double
    /// The agencies allowed to call `POST /string`. Default none: every call is refused.
    public var agencies: [AgencyCredential]
    /// The tour operator's name on the portal's pages. Default "DRV Tours".
    public var operatorName: String
    /// Whether session cookies carry `Secure`. Default `false`; set it behind a TLS proxy.
    public var secureCookies: Bool
    /// The address customers reach the server at, for magic links. Default
    /// `http://127.0.0.1:PORT`.
    public var publicBaseURL: String?
    /// How long a portal session lasts without use, in seconds. Default 900 (15 minutes).
    public var sessionLifetimeSeconds: Double
    /// How long a magic link is valid, in seconds. Default 86,400 (one day).
    public var linkLifetimeSeconds: Double
    /// Login attempts allowed per client address and per booking in ``loginWindowSeconds``.
    /// Default 5, which makes guessing a booking's email impractical.
    public var loginAttemptsPerWindow: Int
    /// The window of ``loginAttemptsPerWindow``, in seconds. Default 900.
    public var loginWindowSeconds: Double
    /// The scheduler: autopay runs and the balances-owing export (``SchedulerConfiguration``).
    public var scheduler = SchedulerConfiguration()
    /// The back office's users (``StaffUser``): name, role, scrypt hash. Default none: nobody
    /// can log in to `/admin`.
    public var staff: [StaffUser] = []
    /// How long a web session lasts at most, however busy, in seconds. Default 28,800 (8 hours),
    /// which bounds the use of a stolen cookie.
    public var sessionAbsoluteLifetimeSeconds: Double
    /// The web pages' logo and colours. Default the name alone, dark blue.
    public var branding: Branding
    /// Receipts and reminders: the relay, the sender and the branding. Default: no relay, mail
    /// kept in memory.
    public var mail = MailConfiguration()

    /// Creates a configuration; every parameter has the documented default.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "drv-payments-data",
        maxBodyBytes: Int = 1 << 20, requestTimeoutSeconds: Double = 10, idleTimeoutSeconds: Double = 30,
        agencies: [AgencyCredential] = [], operatorName: String = "DRV Tours", secureCookies: Bool = false,
        publicBaseURL: String? = nil, sessionLifetimeSeconds: Double = 900, linkLifetimeSeconds: Double = 86_400,
        loginAttemptsPerWindow: Int = 5, loginWindowSeconds: Double = 900,
        sessionAbsoluteLifetimeSeconds: Double = 28_800, branding: Branding = Branding()
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.agencies = agencies
        self.operatorName = operatorName
        self.secureCookies = secureCookies
        self.publicBaseURL = publicBaseURL
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.linkLifetimeSeconds = linkLifetimeSeconds
        self.loginAttemptsPerWindow = loginAttemptsPerWindow
        self.loginWindowSeconds = loginWindowSeconds
        self.sessionAbsoluteLifetimeSeconds = sessionAbsoluteLifetimeSeconds
        self.branding = branding
    }

    /// The base of links the server prints and sends.
    public var baseURL: String { publicBaseURL ?? "http://\(host):\(port)" }

    /// Checks the ranges.
    ///
    /// - Throws: ``ServerError`` with code `invalid-configuration` naming the first bad value.
    public func validate() throws(ServerError) {
        func bad(_ text: String) -> ServerError { ServerError(code: .invalidConfiguration, message: text) }
        guard (0...65_535).contains(port) else { throw bad("port \(port) is not between 0 and 65535") }
        guard maxBodyBytes > 0, maxBodyBytes <= 64 << 20 else {
            throw bad("maxBodyBytes \(maxBodyBytes) is not between 1 and 64 MiB")
        }
        for (name, value) in [
            ("requestTimeoutSeconds", requestTimeoutSeconds), ("idleTimeoutSeconds", idleTimeoutSeconds),
            ("sessionLifetimeSeconds", sessionLifetimeSeconds), ("linkLifetimeSeconds", linkLifetimeSeconds),
            ("loginWindowSeconds", loginWindowSeconds),
            ("sessionAbsoluteLifetimeSeconds", sessionAbsoluteLifetimeSeconds),
        ] where !(value > 0 && value <= 31_536_000) {
            throw bad("\(name) \(value) is not a positive number of seconds up to a year")
        }
        for (name, colour) in [("primaryColour", branding.primaryColour), ("accentColour", branding.accentColour)]
        where !Branding.isHexColour(colour) {
            throw bad("branding \(name) \(colour) is not a colour #RGB or #RRGGBB")
        }
        if let logo = branding.logoURL, !logo.isEmpty, !branding.hasUsableLogo {
            throw bad("branding logoURL must start with https:// or / (a path on this server)")
        }
        guard loginAttemptsPerWindow > 0 else { throw bad("loginAttemptsPerWindow must be positive") }
        try scheduler.validate()
        for user in staff {
            guard StaffUser.isValidName(user.name) else {
                throw bad("staff user name '\(user.name)' is not 1-64 letters, digits, '.', '_' or '-'")
            }
            guard user.passwordHash.hasPrefix("scrypt$") else {
                throw bad("the password hash of staff user \(user.name) is not an scrypt hash from 'staff-user'")
            }
        }
        try mail.validate()
        for credential in agencies {
            let digest = credential.keySHA256
            guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit }) else {
                throw bad("the key hash of agency \(credential.agency) is not 64 hex digits")
            }
        }
    }
}
