package cmsdoctor.ingest.cdr;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CDR POST body ({@code <records session=... callBridge=...><record ...>...}) into a
 * {@link CdrBatch}. Hostile input never escapes as anything but a {@link CdrFormatException}
 * naming what was wrong and where: DTDs and entities are refused (XXE, entity expansion), and
 * the body size, element depth, records per body, fields per record and text length are capped.
 * A lone {@code <record>} root (as some collectors store records) reads as a batch without envelope.
 */
public final class CdrXmlReader {

    /** Largest body accepted: CMS batches are a few KiB; 4 MiB leaves room for thousands of records. */
    public static final int DEFAULT_MAX_BYTES = 4 << 20;
    static final int MAX_DEPTH = 16;
    static final int MAX_RECORDS = 10_000;
    static final int MAX_FIELDS = 1_000;
    static final int MAX_TEXT = 64 << 10;

    private static final XMLInputFactory FACTORY = CdrXml.factory();
    private static final String[] STREAMS = {"rxAudio", "txAudio", "rxVideo", "txVideo"};

    private final int maxBytes;

    public CdrXmlReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public CdrXmlReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reads a body; {@code source} is stamped on every record ({@code cdr://10.0.0.5}, a file path). */
    public CdrBatch read(byte[] body, String source) throws CdrFormatException {
        if (body.length > maxBytes) {
            throw new CdrFormatException("CDR body of " + body.length + " bytes is over the " + maxBytes + "-byte limit");
        }
        XMLStreamReader x = null;
        try {
            x = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(x, source);
        } catch (XMLStreamException e) {
            throw new CdrFormatException("not well-formed CDR XML" + where(e) + ": " + message(e));
        } catch (RuntimeException e) {
            // the JDK parser reports some malformed input (bad encodings) as unchecked exceptions
            throw new CdrFormatException("not well-formed CDR XML: " + e.getMessage());
        } finally {
            close(x);
        }
    }

    private CdrBatch readDocument(XMLStreamReader x, String source) throws XMLStreamException, CdrFormatException {
        while (x.hasNext()) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String root = x.getLocalName();
                if (root.equals("record")) {
                    CdrRecord r = readRecord(x, null, null, source);
                    finish(x);
                    return new CdrBatch(null, null, List.of(r));
                }
                if (!root.equals("records")) {
                    throw new CdrFormatException("a CDR body starts with <records>, got <" + root + ">" + at(x));
                }
                String session = attr(x, "session");
                String callBridge = attr(x, "callBridge");
                List<CdrRecord> records = new ArrayList<>();
                while (true) {
                    ev = x.next();
                    refuseDtdAndEntities(x, ev);
                    if (ev == XMLStreamConstants.END_ELEMENT) {
                        break;
                    }
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        if (x.getLocalName().equals("record")) {
                            if (records.size() >= MAX_RECORDS) {
                                throw new CdrFormatException("more than " + MAX_RECORDS + " records in one body" + at(x));
                            }
                            records.add(readRecord(x, session, callBridge, source));
                        } else {
                            skip(x, 2);
                        }
                    }
                }
                finish(x);
                return new CdrBatch(session, callBridge, records);
            }
        }
        throw new CdrFormatException("empty CDR body: no <records> element");
    }

    /** Reads from a {@code <record>} start tag to its end tag. */
    private CdrRecord readRecord(XMLStreamReader x, String session, String callBridge, String source)
            throws XMLStreamException, CdrFormatException {
        List<String> flags = new ArrayList<>();
        StringBuilder xml = new StringBuilder(512);
        startTag(x, xml);
        String type = attr(x, "type");
        Instant time = time(attr(x, "time"), flags);
        long recordIndex = number(attr(x, "recordIndex"), "bad-recordIndex", flags);
        long correlatorIndex = number(attr(x, "correlatorIndex"), "bad-correlatorIndex", flags);
        long missing = number(attr(x, "numPreceedingRecordsMissing"), "bad-numPreceedingRecordsMissing", flags);
        Map<String, String> fields = new LinkedHashMap<>();
        List<MediaAlarm> alarms = new ArrayList<>();
        List<MediaStream> streams = new ArrayList<>();
        String object = null;
        String objectId = null;
        while (true) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                xml.append("</record>");
                break;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = x.getLocalName();
                String prefix = "";
                if (object == null) {
                    object = name;
                    objectId = attr(x, "id");
                } else {
                    prefix = name + "/";
                }
                startTag(x, xml);
                readChildren(x, prefix, 3, xml, fields, alarms, streams);
                xml.append("</").append(name).append('>');
            }
        }
        if (type == null) {
            flags.add("no-type");
        }
        return new CdrRecord(session, callBridge, type, time, recordIndex, correlatorIndex,
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, missing)), object, objectId, fields, alarms, streams,
                xml.toString(), source, flags);
    }

    /** The children of the element just started, until its end tag; leaf text goes to {@code fields} by path. */
    private void readChildren(XMLStreamReader x, String prefix, int depth, StringBuilder xml, Map<String, String> fields,
                              List<MediaAlarm> alarms, List<MediaStream> streams) throws XMLStreamException, CdrFormatException {
        if (depth > MAX_DEPTH) {
            throw new CdrFormatException("CDR elements nested deeper than " + MAX_DEPTH + at(x));
        }
        while (true) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
            switch (ev) {
                case XMLStreamConstants.END_ELEMENT -> {
                    return;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!x.isWhiteSpace()) {
                        xml.append(CdrXml.escape(x.getText()));
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> readChild(x, prefix, depth, xml, fields, alarms, streams);
                default -> { }
            }
        }
    }

    private void readChild(XMLStreamReader x, String prefix, int depth, StringBuilder xml, Map<String, String> fields,
                           List<MediaAlarm> alarms, List<MediaStream> streams) throws XMLStreamException, CdrFormatException {
        String name = x.getLocalName();
        if (depth > MAX_DEPTH) {
            throw new CdrFormatException("CDR elements nested deeper than " + MAX_DEPTH + at(x));
        }
        startTag(x, xml);
        if (name.equals("alarm")) {
            alarms.add(new MediaAlarm(attr(x, "type"), decimal(attr(x, "durationPercentage"))));
        }
        String path = prefix + name;
        StringBuilder text = new StringBuilder();
        boolean hasChildren = false;
        while (true) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                hasChildren = true;
                readChild(x, path + "/", depth + 1, xml, fields, alarms, streams);
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                if (text.length() + x.getTextLength() > MAX_TEXT) {
                    throw new CdrFormatException("text of <" + name + "> longer than " + MAX_TEXT + " characters" + at(x));
                }
                text.append(x.getText());
            }
        }
        if (!hasChildren && !name.equals("alarm")) {
            String value = text.toString().trim();
            xml.append(CdrXml.escape(value));
            if (fields.size() >= MAX_FIELDS) {
                throw new CdrFormatException("more than " + MAX_FIELDS + " fields in one record" + at(x));
            }
            fields.putIfAbsent(path, value);
        }
        xml.append("</").append(name).append('>');
        if (prefix.isEmpty() && isStream(name)) {
            streams.add(stream(name, fields));
        }
    }

    private static boolean isStream(String name) {
        for (String s : STREAMS) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static MediaStream stream(String name, Map<String, String> fields) {
        String p = name + "/";
        return new MediaStream(name, emptyToNull(fields.get(p + "codec")),
                (int) Math.max(0, number(fields.get(p + "maxSizeWidth"))),
                (int) Math.max(0, number(fields.get(p + "maxSizeHeight"))),
                decimal(fields.get(p + "packetStatistics/packetLossBursts/duration")),
                decimal(fields.get(p + "packetStatistics/packetLossBursts/density")),
                decimal(fields.get(p + "packetStatistics/packetGap/duration")),
                decimal(fields.get(p + "packetStatistics/packetGap/density")));
    }

    private static void startTag(XMLStreamReader x, StringBuilder xml) {
        xml.append('<').append(x.getLocalName());
        for (int i = 0; i < x.getAttributeCount(); i++) {
            xml.append(' ').append(x.getAttributeLocalName(i)).append("=\"").append(CdrXml.escape(x.getAttributeValue(i)))
                    .append('"');
        }
        xml.append('>');
    }

    /** After the root: only comments, processing instructions and white space may follow. */
    private static void finish(XMLStreamReader x) throws XMLStreamException, CdrFormatException {
        while (x.hasNext()) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
        }
    }

    private static void skip(XMLStreamReader x, int depth) throws XMLStreamException, CdrFormatException {
        int open = 1;
        while (open > 0) {
            int ev = x.next();
            refuseDtdAndEntities(x, ev);
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (++open + depth > MAX_DEPTH) {
                    throw new CdrFormatException("CDR elements nested deeper than " + MAX_DEPTH + at(x));
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                open--;
            }
        }
    }

    private static void refuseDtdAndEntities(XMLStreamReader x, int event) throws CdrFormatException {
        if (event == XMLStreamConstants.DTD) {
            throw new CdrFormatException("a DOCTYPE is not allowed in a CDR body" + at(x));
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new CdrFormatException("entity reference &" + x.getLocalName() + "; is not allowed in a CDR body" + at(x));
        }
    }

    private static Instant time(String text, List<String> flags) {
        if (text == null) {
            flags.add("no-timestamp");
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            flags.add("bad-timestamp");
            return null;
        }
    }

    private static long number(String text, String flag, List<String> flags) {
        if (text == null) {
            return -1;
        }
        long n = number(text);
        if (n < 0) {
            flags.add(flag);
        }
        return n;
    }

    /** A non-negative integer, or -1. */
    static long number(String text) {
        if (text == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(text.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static double decimal(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String attr(XMLStreamReader x, String name) {
        return x.getAttributeValue(null, name);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String at(XMLStreamReader x) {
        var l = x.getLocation();
        return l == null ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    private static String where(XMLStreamException e) {
        var l = e.getLocation();
        return l == null ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    /** The parser's own words without the location prefix it repeats. */
    private static String message(XMLStreamException e) {
        String m = e.getMessage();
        int i = m == null ? -1 : m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + 9) : String.valueOf(m);
    }

    private static void close(XMLStreamReader x) {
        if (x != null) {
            try {
                x.close();
            } catch (XMLStreamException e) {
                // nothing held but memory
            }
        }
    }
}
