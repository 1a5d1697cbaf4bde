import Foundation
public import HTTPTypes

/// The languages the pages speak: German and English.
public enum WebLanguage: String, CaseIterable, Sendable, Hashable {
    /// English (the default).
    case en
    /// German.
    case de

    /// The name of the language in itself, for the switch.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .de: "Deutsch"
        }
    }

    /// The language the client prefers among ours, from `Accept-Language` (quality values
    /// honoured); English when it names neither.
    ///
    /// - Parameter header: The header's value, if sent.
    /// - Returns: The language.
    public static func preferred(acceptLanguage header: String?) -> WebLanguage {
        guard let header else { return .en }
        var best: (language: WebLanguage, quality: Double)?
        for item in header.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = WebLanguage(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == "q", let value = Double(pair[1]) { quality = value }
            }
            if quality > 0, quality > (best?.quality ?? -1) { best = (language, quality) }
        }
        return best?.language ?? .en
    }

    /// The language of a request: a `lang` query value first, then a remembered choice, then
    /// `Accept-Language`.
    ///
    /// - Parameters:
    ///   - query: The `lang` query value, if any.
    ///   - remembered: The session's chosen language, if any.
    ///   - headers: The request's headers.
    /// - Returns: The language.
    public static func of(query: String?, remembered: String?, headers: HTTPFields) -> WebLanguage {
        if let query, let language = WebLanguage(rawValue: query) { return language }
        if let remembered, let language = WebLanguage(rawValue: remembered) { return language }
        return preferred(acceptLanguage: headers[.acceptLanguage])
    }
}
