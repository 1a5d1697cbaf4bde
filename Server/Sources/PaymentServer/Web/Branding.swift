/// How the web pages look for the tour operator: name, logo and colours, from the configuration.
///
/// Colours are checked to be `#RGB` or `#RRGGBB` (``ServerConfiguration/validate()``), so they can
/// be written into the generated style sheet without escaping; the logo is shown only when its
/// address is `https:` or a path on this server.
public struct Branding: Codable, Hashable, Sendable {
    /// The address of the operator's logo: `https://…` or a path such as `/static/logo.png`.
    /// Default none (the name alone is shown).
    public var logoURL: String?
    /// The main colour (header, buttons). Default `#0b4f8a`, which keeps white text above the
    /// WCAG AA contrast ratio.
    public var primaryColour: String
    /// The colour of links and focus rings. Default `#0b4f8a`.
    public var accentColour: String

    /// Creates branding; every parameter has the documented default.
    public init(logoURL: String? = nil, primaryColour: String = "#0b4f8a", accentColour: String = "#0b4f8a") {
        self.logoURL = logoURL
        self.primaryColour = primaryColour
        self.accentColour = accentColour
    }

    /// Whether a text is a CSS hex colour `#RGB` or `#RRGGBB`.
    ///
    /// - Parameter text: The text.
    /// - Returns: `true` when it is.
    public static func isHexColour(_ text: String) -> Bool {
        guard text.first == "#" else { return false }
        let digits = text.dropFirst()
        return (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
    }

    /// Whether the logo address may be shown: `https://` or a path on this server (not `//`).
    public var hasUsableLogo: Bool {
        guard let logoURL, !logoURL.isEmpty else { return false }
        if logoURL.hasPrefix("https://") { return true }
        return logoURL.hasPrefix("/") && !logoURL.hasPrefix("//")
    }

    /// The origin of an `https:` logo, for the Content-Security-Policy's `img-src`; `nil` for a
    /// logo on this server.
    var logoOrigin: String? {
        guard let logoURL, hasUsableLogo, logoURL.hasPrefix("https://") else { return nil }
        let rest = logoURL.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" })
        else { return nil }
        return "https://" + host
    }
}
