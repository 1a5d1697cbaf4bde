import Mustache

/// Renders web pages: a page template into the layout, with the operator's branding.
///
/// Templates are Mustache, HTML-escaped by default (`{{value}}`); only the rendered page itself
/// is inserted unescaped into the layout. Each area (portal, back office) makes its renderer
/// with its own page templates:
///
/// ```swift
/// let renderer = try WebRenderer(operatorName: "DRV Tours", branding: Branding(),
///                                templates: ["login": "<h1>{{heading}}</h1>…"])
/// let html = renderer.render("login", ["heading": "Log in"], chrome: PageChrome(title: "Log in", path: "/portal"))
/// ```
public struct WebRenderer: Sendable {
    /// The operator's name, shown in the header and title.
    public let operatorName: String
    /// Logo and colours.
    public let branding: Branding
    private let library: MustacheLibrary

    /// Creates a renderer.
    ///
    /// - Parameters:
    ///   - operatorName: The operator's name.
    ///   - branding: Logo and colours.
    ///   - templates: Page templates by name.
    /// - Throws: ``ServerError`` with code `invalid-template` naming a template that does not parse.
    public init(operatorName: String, branding: Branding, templates: [String: String]) throws(ServerError) {
        self.operatorName = operatorName
        self.branding = branding
        var library = MustacheLibrary()
        for (name, text) in templates.merging([LayoutTemplate.name: LayoutTemplate.text], uniquingKeysWith: { $1 }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw ServerError(code: .invalidTemplate, message: "template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// Renders a page into the layout.
    ///
    /// - Parameters:
    ///   - template: The page template's name.
    ///   - context: The page's values (dictionaries, arrays, strings, booleans).
    ///   - chrome: Title, language, messages and logout.
    /// - Returns: The HTML document.
    public func render(_ template: String, _ context: [String: Any], chrome: PageChrome) -> String {
        let body = library.render(context, withTemplate: template) ?? ""
        return library.render(layoutContext(chrome: chrome, body: body), withTemplate: LayoutTemplate.name) ?? body
    }

    /// Renders a page template alone (no layout), for tests and fragments.
    ///
    /// - Parameters:
    ///   - template: The template's name.
    ///   - context: The values.
    /// - Returns: The text, or `nil` for an unknown template.
    public func fragment(_ template: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: template)
    }

    private func layoutContext(chrome: PageChrome, body: String) -> [String: Any] {
        var context: [String: Any] = [
            "language": chrome.language.rawValue,
            "title": chrome.title,
            "operatorName": operatorName,
            "skipLabel": chrome.language == .de ? "Zum Inhalt springen" : "Skip to content",
            "languageLabel": chrome.language == .de ? "Sprache" : "Language",
            "languageLinks": chrome.languageLinks.map {
                ["href": $0.href, "label": $0.label, "code": $0.code, "isCurrent": $0.isCurrent] as [String: Any]
            },
            "logoutLabel": chrome.logoutLabel,
            "body": body,
        ]
        if branding.hasUsableLogo, let logo = branding.logoURL { context["logoURL"] = logo }
        if let notice = chrome.notice { context["notice"] = notice }
        if let error = chrome.error { context["error"] = error }
        if let action = chrome.logoutAction, let token = chrome.csrfToken {
            context["logoutAction"] = action
            context["csrfToken"] = token
        }
        return context
    }
}
