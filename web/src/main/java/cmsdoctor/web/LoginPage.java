package cmsdoctor.web;

/** The sign-in form: static markup, no script, the only value in it HTML-escaped. */
final class LoginPage {

    private LoginPage() {}

    static String render(String next, boolean failed) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in - cmsdoctor</title>
                <link rel="stylesheet" href="/assets/app.css"></head>
                <body class="login"><form class="login-box" method="post" action="/login">
                <h1>cmsdoctor</h1>
                %s<label for="token">Access token</label>
                <input id="token" name="token" type="password" autocomplete="current-password" autofocus required>
                <input type="hidden" name="next" value="%s">
                <button type="submit">Sign in</button>
                <p class="hint">The token was given to <code>cmsdoctor serve --auth-token</code>
                or set in <code>CMSDOCTOR_AUTH_TOKEN</code>.</p>
                </form></body></html>
                """.formatted(failed ? "<p class=\"error\" id=\"login-failed\">That token is not right.</p>\n" : "",
                escape(next));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
