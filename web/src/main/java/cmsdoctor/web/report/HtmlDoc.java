package cmsdoctor.web.report;

import java.util.List;

/**
 * A report as one HTML file: styles inline, no script, no image, nothing fetched, so it
 * opens the same attached to a ticket as on the server. Every string is escaped.
 */
final class HtmlDoc implements Doc {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232b}
            h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccd;margin-top:2rem}h3{font-size:1rem}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            pre{background:#f4f5f7;padding:.5rem;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word}
            td,p,li{word-break:normal;overflow-wrap:break-word}
            """;

    private final StringBuilder body = new StringBuilder();
    private String title = "";

    @Override
    public void title(String text) {
        title = text;
        body.append("<h1>").append(escape(text)).append("</h1>\n");
    }

    @Override
    public void heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
    }

    @Override
    public void subheading(String text) {
        body.append("<h3>").append(escape(text)).append("</h3>\n");
    }

    @Override
    public void paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
    }

    @Override
    public void field(String label, String value) {
        body.append("<p><strong>").append(escape(label)).append(":</strong> ").append(escape(value)).append("</p>\n");
    }

    @Override
    public void bullets(List<String> items) {
        body.append("<ul>\n");
        items.forEach(i -> body.append("<li>").append(escape(i)).append("</li>\n"));
        body.append("</ul>\n");
    }

    @Override
    public void table(List<String> headers, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    @Override
    public void lines(List<String> lines) {
        body.append("<pre>");
        lines.forEach(l -> body.append(escape(l)).append('\n'));
        body.append("</pre>\n");
    }

    @Override
    public String finish() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
