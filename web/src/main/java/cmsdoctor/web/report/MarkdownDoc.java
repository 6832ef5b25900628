package cmsdoctor.web.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report as Markdown (CommonMark): text escaped so a log line can never become a link, markup or HTML. */
final class MarkdownDoc implements Doc {

    /** What CommonMark gives a meaning to inside a line ({@code (} only after {@code ]}, escaped itself). */
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|~&]");
    /** What it gives a meaning to at the start of a line: headings, lists, quotes. */
    private static final Pattern LINE_START = Pattern.compile("^(?=[#>+=-]|\\d+[.)])");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private final StringBuilder out = new StringBuilder();

    @Override
    public void title(String text) {
        out.append("# ").append(inline(text)).append("\n\n");
    }

    @Override
    public void heading(String text) {
        out.append("## ").append(inline(text)).append("\n\n");
    }

    @Override
    public void subheading(String text) {
        out.append("### ").append(inline(text)).append("\n\n");
    }

    @Override
    public void paragraph(String text) {
        out.append(inline(text)).append("\n\n");
    }

    @Override
    public void field(String label, String value) {
        out.append("**").append(inline(label)).append(":** ").append(inline(value)).append("\n\n");
    }

    @Override
    public void bullets(List<String> items) {
        for (String item : items) {
            out.append("- ").append(inline(item)).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void table(List<String> headers, List<List<String>> rows) {
        row(headers);
        out.append('|').append("---|".repeat(headers.size())).append('\n');
        rows.forEach(this::row);
        out.append('\n');
    }

    private void row(List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(inline(c)).append(" |");
        }
        out.append('\n');
    }

    @Override
    public void lines(List<String> lines) {
        // a fence longer than any run of backticks in the text, so no line can close it
        int longest = 2;
        for (String l : lines) {
            Matcher m = BACKTICKS.matcher(l);
            while (m.find()) {
                longest = Math.max(longest, m.group().length());
            }
        }
        String fence = "`".repeat(longest + 1);
        out.append(fence).append('\n');
        for (String l : lines) {
            out.append(l.replace('\r', ' ').replace('\n', ' ')).append('\n');
        }
        out.append(fence).append("\n\n");
    }

    @Override
    public String finish() {
        return out.toString();
    }

    /** One line of text with every character Markdown gives a meaning to escaped. */
    static String inline(String s) {
        String flat = s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
        String escaped = SPECIAL.matcher(flat).replaceAll(m -> "\\\\" + Matcher.quoteReplacement(m.group()));
        return LINE_START.matcher(escaped).replaceFirst("\\\\");
    }
}
