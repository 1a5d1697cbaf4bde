/// The pages' one style sheet: the branding's colours as custom properties, then fixed rules.
///
/// Served as `/static/site.css` so that the Content-Security-Policy can forbid inline style.
/// A single column up to 44 rem, 16 px text, 44 px touch targets and a visible focus ring.
enum StyleSheet {
    /// The style sheet for a branding (colours checked by the configuration's validation).
    static func css(branding: Branding) -> String {
        let primary = Branding.isHexColour(branding.primaryColour) ? branding.primaryColour : Branding().primaryColour
        let accent = Branding.isHexColour(branding.accentColour) ? branding.accentColour : Branding().accentColour
        return ":root { --primary: \(primary); --accent: \(accent); }\n" + rules
    }

    static let rules = """
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f6f7f9; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 2; }
        header.site { background: var(--primary); color: #fff; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
        header.site a { color: #fff; }
        header.site .brand { flex: 1 1 auto; font-weight: 700; font-size: 1.15rem; }
        header.site .logo { max-height: 40px; max-width: 180px; }
        header.site .languages a[aria-current] { font-weight: 700; text-decoration: none; }
        header.site form.logout { margin: 0; }
        main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
        footer.site { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #555; font-size: .875rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        section, form.card { background: #fff; border: 1px solid #d0d4da; border-radius: 6px; padding: 1rem; margin: 0 0 1rem; }
        label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
        input[type=text], input[type=email], input[type=password], input[type=number], select { width: 100%; min-height: 44px; padding: .5rem; font-size: 1rem; border: 1px solid #767676; border-radius: 4px; }
        button, .button { display: inline-block; min-height: 44px; padding: .6rem 1.1rem; font-size: 1rem; border: 0; border-radius: 4px; background: var(--primary); color: #fff; cursor: pointer; text-decoration: none; margin-top: .75rem; }
        button.secondary { background: #fff; color: #1a1a1a; border: 1px solid #767676; margin-top: 0; }
        section { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; margin: .5rem 0; }
        td form { margin: 0; }
        td button { padding: .4rem .6rem; font-size: .9rem; margin-top: .25rem; }
        th, td { text-align: left; padding: .4rem .3rem; border-bottom: 1px solid #e1e4e8; vertical-align: top; }
        td.amount, th.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        .notice { background: #e6f4ea; border: 1px solid #1e7e34; padding: .75rem; border-radius: 4px; }
        .error { background: #fdecea; border: 1px solid #b3261e; color: #8a1c15; padding: .75rem; border-radius: 4px; }
        .hint { color: #555; font-size: .9rem; }
        .total { font-size: 1.15rem; font-weight: 700; }
        @media (max-width: 30rem) { dl { grid-template-columns: 1fr; } th, td { padding: .3rem .15rem; } }

        """
}
