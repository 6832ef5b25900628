package cmsdoctor.web.report;

import java.util.List;

/**
 * The few shapes a report is made of, written once by {@link ReportBody} and rendered by
 * {@link MarkdownDoc} or {@link HtmlDoc}, each of which escapes every string it is given:
 * log text is data, never markup, in either format.
 */
interface Doc {

    void title(String text);

    void heading(String text);

    void subheading(String text);

    void paragraph(String text);

    /** A label and its value on one line: {@code Fix: ...}. */
    void field(String label, String value);

    void bullets(List<String> items);

    void table(List<String> headers, List<List<String>> rows);

    /** Lines shown exactly as they are (evidence). */
    void lines(List<String> lines);

    String finish();
}
