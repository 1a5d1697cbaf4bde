import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaymentServer
import Testing

@Suite struct RenderingAndHeadersTests {
    func renderer(branding: Branding = Branding()) throws -> WebRenderer {
        try WebRenderer(
            operatorName: "Sonne & Meer <Reisen>", branding: branding,
            templates: ["page": "<h1>{{heading}}</h1><p>{{{trusted}}}</p>"])
    }

    @Test func valuesAreEscapedAndThePageSitsInTheLayout() throws {
        let html = try renderer().render(
            "page", ["heading": "<script>alert(1)</script>", "trusted": "<b>ok</b>"],
            chrome: PageChrome(title: "T\"itle", language: .de, path: "/portal", error: "Falsch & <b>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("Sonne &amp; Meer &lt;Reisen&gt;"))
        #expect(html.contains("role=\"alert\">Falsch &amp; &lt;b&gt;</p>"))
        #expect(html.contains("Zum Inhalt springen"))
        #expect(html.contains("href=\"/portal?lang=en\""))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(!html.contains("style=") && !html.contains("<style"))
    }

    @Test func logoutFormCarriesTheCSRFTokenAndLogoOnlyWhenUsable() throws {
        let chrome = PageChrome(title: "T", path: "/p", logoutAction: "/portal/logout", csrfToken: "tok")
        let html = try renderer(branding: Branding(logoURL: "https://cdn.example/logo.png")).render(
            "page", [:], chrome: chrome)
        #expect(html.contains("action=\"/portal/logout\""))
        #expect(html.contains("name=\"csrf\" value=\"tok\""))
        #expect(html.contains("src=\"https://cdn.example/logo.png\""))
        let unsafe = try renderer(branding: Branding(logoURL: "javascript:alert(1)")).render(
            "page", [:], chrome: chrome)
        #expect(!unsafe.contains("javascript:"))
    }

    @Test func aBrokenTemplateIsAnInvalidTemplateError() {
        #expect(throws: ServerError.self) {
            try WebRenderer(operatorName: "x", branding: Branding(), templates: ["bad": "{{#open}}"])
        }
    }

    @Test func policyForbidsScriptFramingAndForeignForms() {
        let policy = SecurityHeadersMiddleware<BasicRequestContext>.policy(
            branding: Branding(logoURL: "https://cdn.example/x/logo.png"))
        #expect(policy.contains("default-src 'none'"))
        #expect(!policy.contains("script-src"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(policy.contains("form-action 'self'"))
        #expect(policy.contains("img-src 'self' https://cdn.example;"))
    }

    @Test func middlewareAddsTheHeaders() async throws {
        let router = Router()
        router.group("/private").add(middleware: SecurityHeadersMiddleware(branding: Branding()))
            .get("page") { _, _ in "hi" }
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/private/page", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func languageFromQueryThenSessionThenAcceptLanguage() {
        #expect(WebLanguage.preferred(acceptLanguage: "de-DE,de;q=0.9,en;q=0.8") == .de)
        #expect(WebLanguage.preferred(acceptLanguage: "fr, en;q=0.5, de;q=0.7") == .de)
        #expect(WebLanguage.preferred(acceptLanguage: "fr") == .en)
        #expect(WebLanguage.preferred(acceptLanguage: nil) == .en)
        var headers = HTTPFields()
        headers[.acceptLanguage] = "de"
        #expect(WebLanguage.of(query: nil, remembered: nil, headers: headers) == .de)
        #expect(WebLanguage.of(query: nil, remembered: "en", headers: headers) == .en)
        #expect(WebLanguage.of(query: "de", remembered: "en", headers: headers) == .de)
        #expect(WebLanguage.of(query: "xx", remembered: nil, headers: headers) == .de)
    }

    @Test func brandingColoursAreValidatedAndGoIntoTheStyleSheet() async throws {
        #expect(Branding.isHexColour("#0b4f8a") && Branding.isHexColour("#fff"))
        #expect(!Branding.isHexColour("red") && !Branding.isHexColour("#12345") && !Branding.isHexColour("#0b4f8a;x"))
        var bad = ServerConfiguration()
        bad.branding.primaryColour = "red;}body{display:none"
        #expect(throws: ServerError.self) { try bad.validate() }
        let harness = try ServerHarness { $0.branding.primaryColour = "#123abc" }
        try await harness.test { client in
            try await client.execute(uri: "/static/site.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.text.hasPrefix(":root { --primary: #123abc;"))
            }
        }
    }
}
