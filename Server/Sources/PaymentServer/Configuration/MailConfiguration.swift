import NIOCore

/// Where the server's mail goes and how it looks: the relay (SMTP or a sendmail-compatible
/// command), the sender, and the operator's branding in receipts and reminders.
///
/// Part of ``ServerConfiguration`` as its `mail` key, and of the environment as the
/// `DRV_SERVER_SMTP_*`, `DRV_SERVER_SENDMAIL`, `DRV_SERVER_MAIL_FROM` and `DRV_SERVER_BRAND_*`
/// variables. With neither `smtpHost` nor `sendmailPath` set no mail is sent: the server keeps
/// the messages in memory (``MailOutbox``), which is what the demo does.
public struct MailConfiguration: Codable, Hashable, Sendable {
    /// The SMTP relay's host. Default none.
    public var smtpHost: String?
    /// The SMTP relay's port. Default 25.
    public var smtpPort: Int
    /// A sendmail-compatible command, used when no SMTP host is set. Default none.
    public var sendmailPath: String?
    /// The sender's address. Default `payments@localhost`.
    public var fromAddress: String
    /// The sender's display name. Default the operator's name.
    public var fromName: String?
    /// How long the relay may take to answer a command, in seconds. Default 30.
    public var smtpTimeoutSeconds: Double
    /// The operator's logo shown at the top of the HTML mails (an `https` URL). Default none.
    public var logoURL: String?
    /// The brand colour of headings and buttons, `#RRGGBB`. Default `#1F4E79`, dark blue, which
    /// keeps white button text above WCAG AA contrast.
    public var brandColour: String
    /// The colour of the text on the brand colour, `#RRGGBB`. Default `#FFFFFF`.
    public var brandTextColour: String
    /// The language of mails when the customer's is not known (`de` or `en`): reminders, and
    /// receipts sent outside a portal session. Default `de`. Receipts of portal actions follow
    /// the language of the customer's portal session.
    public var language: String

    /// Creates a configuration; every parameter has the documented default.
    public init(
        smtpHost: String? = nil, smtpPort: Int = 25, sendmailPath: String? = nil,
        fromAddress: String = "payments@localhost", fromName: String? = nil, smtpTimeoutSeconds: Double = 30,
        logoURL: String? = nil, brandColour: String = "#1F4E79", brandTextColour: String = "#FFFFFF",
        language: String = "de"
    ) {
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.sendmailPath = sendmailPath
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.smtpTimeoutSeconds = smtpTimeoutSeconds
        self.logoURL = logoURL
        self.brandColour = brandColour
        self.brandTextColour = brandTextColour
        self.language = language
    }

    private enum CodingKeys: String, CodingKey {
        case smtpHost, smtpPort, sendmailPath, fromAddress, fromName, smtpTimeoutSeconds, logoURL, brandColour,
            brandTextColour, language
    }

    /// Reads the keys a file names; the others keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let base = MailConfiguration()
        smtpHost = try container.decodeIfPresent(String.self, forKey: .smtpHost)
        smtpPort = try container.decodeIfPresent(Int.self, forKey: .smtpPort) ?? base.smtpPort
        sendmailPath = try container.decodeIfPresent(String.self, forKey: .sendmailPath)
        fromAddress = try container.decodeIfPresent(String.self, forKey: .fromAddress) ?? base.fromAddress
        fromName = try container.decodeIfPresent(String.self, forKey: .fromName)
        smtpTimeoutSeconds =
            try container.decodeIfPresent(Double.self, forKey: .smtpTimeoutSeconds) ?? base.smtpTimeoutSeconds
        logoURL = try container.decodeIfPresent(String.self, forKey: .logoURL)
        brandColour = try container.decodeIfPresent(String.self, forKey: .brandColour) ?? base.brandColour
        brandTextColour = try container.decodeIfPresent(String.self, forKey: .brandTextColour) ?? base.brandTextColour
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? base.language
    }

    /// The environment variables, each overriding the file's value.
    public enum EnvironmentKey {
        /// ``MailConfiguration/smtpHost``.
        public static let smtpHost = "DRV_SERVER_SMTP_HOST"
        /// ``MailConfiguration/smtpPort``.
        public static let smtpPort = "DRV_SERVER_SMTP_PORT"
        /// ``MailConfiguration/sendmailPath``.
        public static let sendmailPath = "DRV_SERVER_SENDMAIL"
        /// ``MailConfiguration/fromAddress``.
        public static let fromAddress = "DRV_SERVER_MAIL_FROM"
        /// ``MailConfiguration/logoURL``.
        public static let logoURL = "DRV_SERVER_BRAND_LOGO_URL"
        /// ``MailConfiguration/brandColour``.
        public static let brandColour = "DRV_SERVER_BRAND_COLOUR"
        /// ``MailConfiguration/language``.
        public static let language = "DRV_SERVER_MAIL_LANGUAGE"
    }

    /// Applies the environment's values.
    mutating func apply(environment: [String: String]) throws(ServerError) {
        if let value = environment[EnvironmentKey.smtpHost] { smtpHost = value.isEmpty ? nil : value }
        if let text = environment[EnvironmentKey.smtpPort] {
            guard let value = Int(text) else {
                throw ServerError(
                    code: .invalidConfiguration, message: "\(EnvironmentKey.smtpPort)=\(text) is not a number")
            }
            smtpPort = value
        }
        if let value = environment[EnvironmentKey.sendmailPath] { sendmailPath = value.isEmpty ? nil : value }
        if let value = environment[EnvironmentKey.fromAddress] { fromAddress = value }
        if let value = environment[EnvironmentKey.logoURL] { logoURL = value.isEmpty ? nil : value }
        if let value = environment[EnvironmentKey.brandColour] { brandColour = value }
        if let value = environment[EnvironmentKey.language] { language = value }
    }

    /// Checks the values.
    ///
    /// - Throws: ``ServerError`` with code `invalid-configuration` naming the first bad value.
    public func validate() throws(ServerError) {
        func bad(_ text: String) -> ServerError { ServerError(code: .invalidConfiguration, message: "mail: " + text) }
        guard (1...65_535).contains(smtpPort) else { throw bad("smtpPort \(smtpPort) is not between 1 and 65535") }
        guard smtpTimeoutSeconds > 0, smtpTimeoutSeconds <= 600 else {
            throw bad("smtpTimeoutSeconds \(smtpTimeoutSeconds) is not between 0 and 600")
        }
        do {
            _ = try MailAddress(fromAddress, name: fromName)
        } catch {
            throw bad("fromAddress: \(error.message)")
        }
        if let smtpHost, smtpHost.isEmpty || !smtpHost.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            throw bad("smtpHost '\(smtpHost)' is not a host name")
        }
        if let sendmailPath, !sendmailPath.hasPrefix("/") {
            throw bad("sendmailPath '\(sendmailPath)' is not an absolute path")
        }
        for (name, colour) in [("brandColour", brandColour), ("brandTextColour", brandTextColour)] {
            guard colour.utf8.count == 7, colour.hasPrefix("#"), colour.dropFirst().allSatisfy(\.isHexDigit) else {
                throw bad("\(name) '\(colour)' is not #RRGGBB")
            }
        }
        guard WebLanguage(rawValue: language) != nil else {
            throw bad("language '\(language)' is neither de nor en")
        }
        if let logoURL, !(logoURL.hasPrefix("https://") || logoURL.hasPrefix("http://")) || logoURL.contains("\"") {
            throw bad("logoURL '\(logoURL)' is not an http(s) address")
        }
    }

    /// The sender the configuration names, or the one that works with whatever is set: SMTP when
    /// a host is set, else the sendmail command, else the in-memory outbox.
    ///
    /// - Parameter outbox: The outbox to use when nothing is configured.
    /// - Returns: The sender.
    public func makeSender(outbox: MailOutbox = MailOutbox()) -> any MailSender {
        if let smtpHost {
            return SMTPClient(
                host: smtpHost, port: smtpPort, replyTimeout: .milliseconds(Int64(exactly: (smtpTimeoutSeconds * 1000).rounded()) ?? 30_000))
        }
        if let sendmailPath { return SendmailSender(path: sendmailPath) }
        return outbox
    }
}
