/// The operator's look in mails: name, logo and colours, from ``ServerConfiguration``.
public struct MailBranding: Hashable, Sendable {
    /// The operator's name, in the greeting, the signature and the sender's name.
    public var operatorName: String
    /// The logo shown at the top of HTML mails.
    public var logoURL: String?
    /// The colour of the header band and the button, `#RRGGBB`.
    public var brandColour: String
    /// The colour of text on the brand colour, `#RRGGBB`.
    public var brandTextColour: String

    /// Creates a branding.
    ///
    /// - Parameters:
    ///   - operatorName: The operator's name.
    ///   - logoURL: The logo's address.
    ///   - brandColour: `#RRGGBB`.
    ///   - brandTextColour: `#RRGGBB`.
    public init(
        operatorName: String, logoURL: String? = nil, brandColour: String = "#1F4E79",
        brandTextColour: String = "#FFFFFF"
    ) {
        self.operatorName = operatorName
        self.logoURL = logoURL
        self.brandColour = brandColour
        self.brandTextColour = brandTextColour
    }

    /// The branding a server configuration names.
    ///
    /// - Parameter configuration: The configuration.
    public init(configuration: ServerConfiguration) {
        self.init(
            operatorName: configuration.operatorName, logoURL: configuration.mail.logoURL,
            brandColour: configuration.mail.brandColour, brandTextColour: configuration.mail.brandTextColour)
    }
}
