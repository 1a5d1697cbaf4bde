/// The page layout every web page is rendered into (Mustache, HTML-escaped by default).
///
/// No script and no inline style (the Content-Security-Policy allows neither): the colours come
/// from `/static/site.css`, which the server generates from the branding. A skip link, one `h1`
/// per page, labelled forms and an `aria-live` region for messages keep it usable with a
/// keyboard and a screen reader; the viewport meta and a single column keep it usable on a phone.
enum LayoutTemplate {
    static let name = "layout"
    static let text = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{operatorName}}</title>
        <link rel="stylesheet" href="/static/site.css">
        </head>
        <body>
        <a class="skip" href="#main">{{skipLabel}}</a>
        <header class="site">
        <div class="brand">{{#logoURL}}<img src="{{logoURL}}" alt="{{operatorName}}" class="logo">{{/logoURL}}\
        {{^logoURL}}<span class="name">{{operatorName}}</span>{{/logoURL}}</div>
        <nav aria-label="{{languageLabel}}" class="languages">{{#languageLinks}}\
        <a href="{{href}}" lang="{{code}}" hreflang="{{code}}"{{#isCurrent}} aria-current="true"{{/isCurrent}}>{{label}}</a> \
        {{/languageLinks}}</nav>
        {{#logoutAction}}<form method="post" action="{{logoutAction}}" class="logout">\
        <input type="hidden" name="csrf" value="{{csrfToken}}">\
        <button type="submit" class="secondary">{{logoutLabel}}</button></form>{{/logoutAction}}
        </header>
        <main id="main">
        <div aria-live="polite">{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}\
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}</div>
        {{{body}}}
        </main>
        <footer class="site"><p>{{operatorName}}</p></footer>
        </body>
        </html>

        """
}
