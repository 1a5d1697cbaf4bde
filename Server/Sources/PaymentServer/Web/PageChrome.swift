/// What the layout shows around a page: title, language, messages and the logged-in controls.
public struct PageChrome: Sendable, Hashable {
    /// A link of the language switch.
    public struct LanguageLink: Sendable, Hashable {
        /// Where it goes, such as `?lang=de`.
        public let href: String
        /// The language's name.
        public let label: String
        /// The `lang` attribute of the link.
        public let code: String
        /// Whether it is the page's language.
        public let isCurrent: Bool
    }

    /// The page's title (after the operator's name in the window title).
    public var title: String
    /// The page's language.
    public var language: WebLanguage
    /// The path the language links point at (the page itself).
    public var path: String
    /// A confirmation to show above the page, such as "Payment received".
    public var notice: String?
    /// An error to show above the page (announced to screen readers).
    public var error: String?
    /// The logout form's target; `nil` hides the logout button.
    public var logoutAction: String?
    /// The logout button's label.
    public var logoutLabel: String
    /// The session's CSRF token, for the logout form.
    public var csrfToken: String?
    /// Whether to show the language switch (off on pages whose address carries a one-time token).
    public var showsLanguageSwitch: Bool

    /// Creates the chrome.
    public init(
        title: String, language: WebLanguage = .en, path: String, notice: String? = nil, error: String? = nil,
        logoutAction: String? = nil, logoutLabel: String = "Log out", csrfToken: String? = nil,
        showsLanguageSwitch: Bool = true
    ) {
        self.title = title
        self.language = language
        self.path = path
        self.notice = notice
        self.error = error
        self.logoutAction = logoutAction
        self.logoutLabel = logoutLabel
        self.csrfToken = csrfToken
        self.showsLanguageSwitch = showsLanguageSwitch
    }

    /// The language switch: one link per language.
    public var languageLinks: [LanguageLink] {
        guard showsLanguageSwitch else { return [] }
        return WebLanguage.allCases.map {
            LanguageLink(
                href: "\(path)?lang=\($0.rawValue)", label: $0.nativeName, code: $0.rawValue, isCurrent: $0 == language)
        }
    }
}
