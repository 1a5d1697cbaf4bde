/// The back office's Mustache templates: the page frame around the views' markup (built from
/// escaped parts, see ``SafeHTML``) and the login form.
enum AdminTemplates {
    static let page = """
        {{{navigation}}}
        <h1>{{title}}</h1>
        {{#user}}<p class="who">Logged in as {{user}} ({{role}}).</p>{{/user}}
        {{{html}}}

        """

    static let login = """
        <h1>Back office login</h1>
        <form method="post" action="/admin/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div class="field"><label for="f-name">User name</label>\
        <input id="f-name" name="name" autocomplete="username" required value="{{name}}"></div>
        <div class="field"><label for="f-password">Password</label>\
        <input id="f-password" name="password" type="password" autocomplete="current-password" required></div>
        <button type="submit">Log in</button>
        </form>

        """

    static let all = ["admin-page": page, "admin-login": login]
}
