package cmsdoctor.ingest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * Reads the envelope of a CMS log line (field guide §2): the time, the syslog facility and
 * severity, the host, the tag and pid, and the level at the head of the message. Knows
 * every envelope CMS writes:
 * <ul>
 *   <li>wire: {@code <11>Jan 16 04:25:44 user.info cms20 authp: ...} (token over PRI)</li>
 *   <li>plain RFC 3164: {@code Jun  7 10:18:20 acanosrv03 host:server:  INFO : ...}</li>
 *   <li>RFC 5424: {@code <14>1 2024-03-06T09:35:42.003Z cms01 host:server - - - INFO : ...}</li>
 *   <li>local file / {@code syslog follow}: {@code Feb 23 09:02:21.768 user.info CMS host:server: ...}</li>
 *   <li>ISO (3.9+): {@code 2024-03-06T09:35:42.003 user.info cms01 host:server: ...}</li>
 *   <li>container id: {@code local7.info CMS 3b8086e0e5a0 wb3_frontend: ...}</li>
 *   <li>event-log export: {@code 2021-02-06<tab>05:19:01.118<tab>Info<tab>call 12: ...}, any spacing</li>
 * </ul>
 * Hand-written scanning, no regex: it runs on every line. One instance per input, because
 * the December to January roll-over is state of the input. Not thread-safe.
 */
public final class EnvelopeParser {

    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
        "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
    private static final String[] SEVERITIES = {
        "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    /** Aliases some senders write for the severity keyword, mapped to the canonical one. */
    private static final String[][] SEVERITY_ALIASES = {
        {"error", "err"}, {"warn", "warning"}, {"panic", "emerg"}, {"crit", "crit"}};

    private final ParseOptions options;
    private final ZoneRules rules;
    /** The zone's one offset when it has no transitions (UTC, a fixed offset), else null. */
    private final ZoneOffset fixedOffset;
    /** The date of the previous line's time, and its year, month and day as one number. */
    private LocalDate lastDate;
    private long lastDateKey;
    private final boolean zoneGiven;
    /** Reference month and year for a line without a year, when {@code --year} is not given. */
    private final int refYear;
    /** month * 100 + day of the reference date plus the slack, in {@link #refYear} */
    private final int refMonthDay;
    private final Intern hosts = new Intern();
    private final Intern tags = new Intern();

    /** Month of the previous BSD-time line, for the roll-over when {@code --year} is pinned. */
    private int lastMonth;
    private int rollover;

    private String lastToken;
    private String lastFacility;
    private String lastSeverity;

    // the clock of the time being read (hh:mm:ss.fff); fields, not objects, for speed
    private int hour;
    private int minute;
    private int second;
    private int nanos;
    private ZoneOffset lineOffset;
    /** An offset beyond +/-18:00 in seconds (the time is then read as UTC shifted by it), else 0. */
    private int lineShift;
    private String lineOffsetText;

    public EnvelopeParser(ParseOptions options) {
        this.options = options;
        this.rules = options.zone().getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
        this.zoneGiven = options.zoneGiven();
        Instant ref = options.fileDate() != null ? options.fileDate() : Instant.now();
        // two days of slack for node clocks that ran ahead of the file date
        ZonedDateTime refTime = ref.atZone(options.zone()).plusDays(2);
        this.refYear = refTime.getYear();
        this.refMonthDay = refTime.getMonthValue() * 100 + refTime.getDayOfMonth();
    }

    /**
     * Reads the envelope of {@code s} into {@code e}.
     *
     * @return {@code e.ok}: whether an envelope was recognised
     */
    boolean parse(String s, Envelope e) {
        e.reset();
        int n = s.length();
        int i = 0;
        int pri = -1;
        if (n > 0 && s.charAt(0) == '<') {
            int j = 1;
            int v = 0;
            while (j < n && j < 5 && isDigit(s.charAt(j))) {
                v = v * 10 + (s.charAt(j) - '0');
                j++;
            }
            if (j == 1 || j >= n || s.charAt(j) != '>' || v > 191) {
                return false;
            }
            pri = v;
            i = j + 1;
            int version = rfc5424Version(s, i);
            if (version > 0) {
                return rfc5424(s, version, pri, e);
            }
        }
        int after = time(s, i, e);
        if (after < 0) {
            // no time: only the container-id form (a facility token first) is still an envelope
            if (facilityToken(s, i, e) < 0) {
                return false;
            }
            e.flag = "no-timestamp";
            after = i;
        } else if (e.export) {
            return exportRest(s, after, e);
        }
        return syslogRest(s, after, pri, e);
    }

    /**
     * RFC 5424 {@code VERSION SP} at {@code i} (NONZERO-DIGIT 0*2DIGIT: go-syslog's vectors use
     * 1, 2, 3, 12, 999): the index after the space, else -1. Any version is read with the
     * version 1 header; only 1 is defined, and a sender with another still names host and time.
     */
    private static int rfc5424Version(String s, int i) {
        int n = s.length();
        if (i >= n || s.charAt(i) < '1' || s.charAt(i) > '9') {
            return -1;
        }
        int j = i + 1;
        while (j < n && j < i + 3 && isDigit(s.charAt(j))) {
            j++;
        }
        return j < n && s.charAt(j) == ' ' ? j + 1 : -1;
    }

    /** Cheap test for "this line starts a record": used to tell terminal-wrap continuations apart. */
    static boolean looksLikeEnvelope(String s) {
        int n = s.length();
        if (n < 8) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '<') {
            return isDigit(s.charAt(1));
        }
        if (isDigit(c)) {
            // yyyy-mm-dd, not the digits of a GUID cut at a terminal wrap
            return isDigit(s.charAt(1)) && isDigit(s.charAt(2)) && isDigit(s.charAt(3)) && s.charAt(4) == '-'
                    && isDigit(s.charAt(5)) && isDigit(s.charAt(6)) && s.charAt(7) == '-';
        }
        if (month(s, 0) > 0 && s.charAt(3) == ' ' && (s.charAt(4) == ' ' || isDigit(s.charAt(4)))) {
            return true;
        }
        int dot = s.indexOf('.');
        return dot > 0 && dot < 14 && facility(s, 0, dot) != null;
    }

    // ---- time -------------------------------------------------------------------------

    /** Reads a BSD, ISO or export time at {@code i}; returns the index after it, or -1. */
    private int time(String s, int i, Envelope e) {
        int n = s.length();
        if (i + 8 > n) {
            return -1;
        }
        if (isDigit(s.charAt(i))) {
            return isoOrExportTime(s, i, e);
        }
        int month = month(s, i);
        if (month == 0 || s.charAt(i + 3) != ' ') {
            return -1;
        }
        int j = i + 4;
        if (s.charAt(j) == ' ') {
            j++; // "Jun  7": day padded with a space
        }
        int day = 0;
        int k = j;
        while (k < n && k < j + 2 && isDigit(s.charAt(k))) {
            day = day * 10 + (s.charAt(k) - '0');
            k++;
        }
        if (k == j || k >= n || s.charAt(k) != ' ') {
            return -1;
        }
        int end = clock(s, k + 1);
        if (end < 0) {
            return -1;
        }
        int year;
        if (options.year() != null) {
            // autumn to winter within one input is the December -> January wrap; other steps
            // back (a file of samples, a clock set back) keep the year
            if (lastMonth >= 10 && month <= 3) {
                rollover++;
            }
            lastMonth = month;
            year = options.year() + rollover;
        } else {
            // no year given: the latest date not after the reference (file date or now); a
            // file cannot hold lines written after it was last modified, so a Dec 31 line in
            // a file dated Nov 26 is last year's, and the Jan 1 line after it this year's
            year = month * 100 + day > refMonthDay ? refYear - 1 : refYear;
        }
        setTime(e, year, month, day, options.year() == null);
        return end;
    }

    /** {@code 2024-03-06T09:35:42.003[Z|+01:00]} or {@code 2021-02-06<ws>05:19:01.118}. */
    private int isoOrExportTime(String s, int i, Envelope e) {
        int n = s.length();
        if (i + 19 > n || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-') {
            return -1;
        }
        int year = digits(s, i, 4);
        int month = digits(s, i + 5, 2);
        int day = digits(s, i + 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return -1;
        }
        int j = i + 10;
        char sep = s.charAt(j);
        boolean iso = sep == 'T';
        if (iso) {
            j++;
        } else if (sep == ' ' || sep == '\t') {
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j++;
            }
        } else {
            return -1;
        }
        int end = clock(s, j);
        if (end < 0) {
            return -1;
        }
        lineOffset = null;
        if (iso && end < n) {
            end = zoneSuffix(s, end);
            if (end < 0) {
                return -1;
            }
        }
        // a date with a space and no syslog token after the time is the event-log export
        e.export = !iso && !nextWordIsFacility(s, end);
        setTime(e, year, month, day, false);
        return end;
    }

    /** Optional {@code Z}, {@code +hh:mm} or {@code +hhmm} after an ISO clock; sets {@link #lineOffset}. */
    private int zoneSuffix(String s, int i) {
        char c = s.charAt(i);
        if (c == 'Z') {
            lineOffset = ZoneOffset.UTC;
            return i + 1;
        }
        if (c != '+' && c != '-') {
            return i;
        }
        int n = s.length();
        int hh = i + 3 <= n ? digits(s, i + 1, 2) : -1;
        if (hh < 0) {
            return -1;
        }
        int j = i + 3;
        if (j < n && s.charAt(j) == ':') {
            j++;
        }
        int mm = j + 2 <= n ? digits(s, j, 2) : -1;
        if (mm < 0) {
            return -1;
        }
        if (hh > 23 || mm > 59) {
            return -1;
        }
        int sign = c == '-' ? -1 : 1;
        int seconds = sign * (hh * 3600 + mm * 60);
        if (Math.abs(seconds) <= 18 * 3600) {
            lineOffset = ZoneOffset.ofTotalSeconds(seconds);
        } else {
            // RFC 5424 allows up to 23:59, Java up to 18:00: the time is kept in UTC and the
            // offset as written in a note
            lineOffset = ZoneOffset.UTC;
            lineShift = seconds;
            lineOffsetText = s.substring(i, j + 2);
        }
        return j + 2;
    }

    /** {@code hh:mm:ss} with an optional fraction; sets the clock fields, returns the index after. */
    private int clock(String s, int i) {
        int n = s.length();
        if (i + 8 > n || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':') {
            return -1;
        }
        hour = twoDigits(s, i);
        minute = twoDigits(s, i + 3);
        second = twoDigits(s, i + 6);
        if (hour < 0 || minute < 0 || second < 0) {
            return -1;
        }
        nanos = 0;
        int j = i + 8;
        if (j < n && s.charAt(j) == '.') {
            j++;
            int scale = 100_000_000;
            int start = j;
            while (j < n && isDigit(s.charAt(j))) {
                if (scale > 0) {
                    nanos += (s.charAt(j) - '0') * scale;
                    scale /= 10;
                }
                j++;
            }
            if (j == start) {
                return -1;
            }
        }
        return j;
    }

    /** Builds the time from the clock fields; an impossible date is flagged, never replaced. */
    private void setTime(Envelope e, int year, int month, int day, boolean yearGuessed) {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            e.flag = "bad-timestamp";
            return;
        }
        try {
            LocalDateTime local = LocalDateTime.of(date(year, month, day), LocalTime.of(hour, minute, second, nanos));
            ZoneOffset offset = lineOffset != null ? lineOffset : fixedOffset != null ? fixedOffset : rules.getOffset(local);
            if (lineShift != 0) {
                local = local.minusSeconds(lineShift);
                e.note("original-offset=" + lineOffsetText);
            }
            e.at = OffsetDateTime.of(local, offset);
            e.atInferred = yearGuessed || (lineOffset == null && !zoneGiven);
        } catch (DateTimeException ex) {
            e.flag = "bad-timestamp"; // Feb 30 and the like
        }
        lineOffset = null;
        lineShift = 0;
    }

    /**
     * The date of a line: a log's lines share one date for hours, so the last one is kept
     * rather than validated and built again for every line.
     */
    private LocalDate date(int year, int month, int day) {
        long key = ((long) year * 16 + month) * 32 + day;
        if (key != lastDateKey || lastDate == null) {
            lastDate = LocalDate.of(year, month, day);
            lastDateKey = key;
        }
        return lastDate;
    }

    // ---- the rest of the envelope -------------------------------------------------------

    /** After the time: [facility.severity] host [container-id] tag: [level :] message. */
    private boolean syslogRest(String s, int i, int pri, Envelope e) {
        int n = s.length();
        i = skipSpaces(s, i);
        int afterToken = facilityToken(s, i, e);
        if (afterToken >= 0) {
            i = skipSpaces(s, afterToken);
        } else if (pri >= 0) {
            e.facility = FACILITIES[Math.min(pri >> 3, FACILITIES.length - 1)];
            e.severity = SEVERITIES[pri & 7];
        }
        int tagEnd = tagEnd(s, i);
        if (tagEnd < 0) {
            // the first word is the host unless it is already the tag (a line without a host)
            int hostEnd = wordEnd(s, i);
            if (hostEnd == i) {
                return false;
            }
            e.host = hosts.get(s, i, hostEnd);
            i = skipSpaces(s, hostEnd);
            // Web Bridge 3: a 12-hex container id sits between host and tag
            if (i + 13 < n && s.charAt(i + 12) == ' ' && isHex(s, i, 12)) {
                i = skipSpaces(s, i + 13);
            }
            tagEnd = tagEnd(s, i);
        }
        if (tagEnd >= 0) {
            tag(s, i, tagEnd, e);
            i = tagEnd + 1;
        }
        e.ok = true;
        messageAndLevel(s, i, e);
        return true;
    }

    /** Event-log export: after the time, a level word, then the message; any spacing. */
    private boolean exportRest(String s, int i, Envelope e) {
        int n = s.length();
        i = skipBlanks(s, i);
        int end = i;
        while (end < n && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String level = exportLevel(s, i, end);
        if (level != null && (end == n || s.charAt(end) == ' ' || s.charAt(end) == '\t')) {
            e.level = level;
            i = skipBlanks(s, end);
        }
        e.ok = true;
        e.messageStart = i;
        return true;
    }

    /**
     * RFC 5424: {@code VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG}, {@code i} after the
     * version. Fields over RFC 5424's limits are kept and noted ({@code long-hostname} ...).
     */
    private boolean rfc5424(String s, int i, int pri, Envelope e) {
        int n = s.length();
        e.facility = FACILITIES[Math.min(pri >> 3, FACILITIES.length - 1)];
        e.severity = SEVERITIES[pri & 7];
        int end = wordEnd(s, i);
        if (!(end == i + 1 && s.charAt(i) == '-')) {
            int t = isoOrExportTime(s, i, e);
            e.export = false;
            if (t != end) {
                e.at = null;
                e.notes = null;
                e.flag = "bad-timestamp";
            }
        } else {
            e.flag = "no-timestamp";
        }
        i = skipSpaces(s, end);
        end = wordEnd(s, i);
        if (!isNil(s, i, end)) {
            e.host = hosts.get(s, i, end);
            noteIfLong(e, end - i, 255, "long-hostname");
        }
        i = skipSpaces(s, end);
        end = wordEnd(s, i);
        if (!isNil(s, i, end)) {
            e.tag = tags.get(s, i, end);
            noteIfLong(e, end - i, 48, "long-app-name");
        }
        i = skipSpaces(s, end);
        end = wordEnd(s, i);
        if (!isNil(s, i, end)) {
            e.pid = parsePid(s, i, end);
            noteIfLong(e, end - i, 128, "long-procid");
        }
        i = skipSpaces(s, end);
        end = wordEnd(s, i); // MSGID, not kept
        noteIfLong(e, end - i, 32, "long-msgid");
        i = skipSpaces(s, end);
        if (i < n && s.charAt(i) == '[') {
            i = structuredDataEnd(s, i);
        } else {
            i = wordEnd(s, i); // "-"
        }
        if (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i < n && s.charAt(i) == '\uFEFF') {
            i++;
        }
        e.ok = true;
        messageAndLevel(s, i, e);
        return true;
    }

    private static void noteIfLong(Envelope e, int length, int limit, String note) {
        if (length > limit) {
            e.note(note);
        }
    }

    /** {@code [id k="v"...][...]} with {@code \]} escapes; returns the index after the last {@code ]}. */
    private static int structuredDataEnd(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == '[') {
            i++;
            boolean quoted = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
                i++;
            }
            i++;
        }
        return Math.min(i, n);
    }

    /**
     * After the tag's colon: spaces, the 3.x streamer's own clock ({@code 201211.628 : }) when
     * present, then an optional level ({@code INFO :}, {@code ERROR   :}, {@code :}).
     */
    private void messageAndLevel(String s, int i, Envelope e) {
        int n = s.length();
        i = skipSpaces(s, i);
        i = afterStreamerClock(s, i);
        int j = i;
        while (j < n && s.charAt(j) >= 'A' && s.charAt(j) <= 'Z') {
            j++;
        }
        int k = skipSpaces(s, j);
        if (k < n && s.charAt(k) == ':' && (k + 1 == n || s.charAt(k + 1) == ' ')) {
            String level = j == i ? "debug" : messageLevel(s, i, j);
            if (level != null) {
                e.level = level;
                i = skipSpaces(s, k + 1);
            }
        }
        e.messageStart = i;
    }

    /**
     * {@code streamer-sip[2209]: 201211.628 : INFO : SIP trace #10<: ...}: CMS 3.x's streamer
     * writes its own {@code HHMMSS.mmm : } before the level (empty for debug). The envelope
     * already has the time; skipping the clock lets the level, and the SIP trace framing after
     * it, be read as on any other line. Returns {@code i} when there is no such clock.
     */
    private static int afterStreamerClock(String s, int i) {
        int n = s.length();
        if (i + 13 > n || s.charAt(i + 6) != '.' || !s.startsWith(" : ", i + 10)) {
            return i;
        }
        for (int k = 0; k < 10; k++) {
            if (k != 6 && !isDigit(s.charAt(i + k))) {
                return i;
            }
        }
        return i + 13;
    }

    private static String messageLevel(String s, int from, int to) {
        int len = to - from;
        if (len == 4 && s.startsWith("INFO", from)) {
            return "info";
        }
        if ((len == 7 && s.startsWith("WARNING", from)) || (len == 4 && s.startsWith("WARN", from))) {
            return "warning";
        }
        if (len == 5 && s.startsWith("ERROR", from)) {
            return "error";
        }
        if ((len == 5 && s.startsWith("DEBUG", from)) || (len == 5 && s.startsWith("TRACE", from))) {
            return "debug";
        }
        return null;
    }

    private static String exportLevel(String s, int from, int to) {
        int len = to - from;
        if (len == 4 && s.regionMatches(true, from, "info", 0, 4)) {
            return "info";
        }
        if (len == 7 && s.regionMatches(true, from, "warning", 0, 7)) {
            return "warning";
        }
        if (len == 5 && s.regionMatches(true, from, "error", 0, 5)) {
            return "error";
        }
        if (len == 5 && s.regionMatches(true, from, "debug", 0, 5)) {
            return "debug";
        }
        return null;
    }

    /** The syslog severity keyword as a message level, for lines without a level of their own. */
    static String levelOfSeverity(String severity) {
        if (severity == null) {
            return null;
        }
        return switch (severity) {
            case "emerg", "alert", "crit", "err" -> "error";
            case "warning" -> "warning";
            case "debug" -> "debug";
            default -> "info";
        };
    }

    /**
     * The end of a tag word starting at {@code i}: the first {@code :} followed by a space or
     * the end of the line ({@code host:server:} keeps its inner colon). -1 when the word ends
     * first or runs too long to be a tag.
     */
    private static int tagEnd(String s, int i) {
        int n = s.length();
        int limit = Math.min(n, i + 64);
        for (int j = i; j < limit; j++) {
            char c = s.charAt(j);
            if (c == ':') {
                if (j > i && (j + 1 == n || s.charAt(j + 1) == ' ' || s.charAt(j + 1) == '\t')) {
                    return j;
                }
            } else if (c == ' ' || c == '\t') {
                return -1;
            }
        }
        return -1;
    }

    /** Sets tag and pid from {@code postgres[123]}, {@code "webbridge"} or {@code host:server}. */
    private void tag(String s, int from, int to, Envelope e) {
        if (to - from >= 2 && s.charAt(from) == '"' && s.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        if (s.charAt(to - 1) == ']') {
            int open = s.lastIndexOf('[', to - 1);
            if (open > from) {
                e.pid = parsePid(s, open + 1, to - 1);
                e.tag = tags.get(s, from, open);
                return;
            }
        }
        e.tag = tags.get(s, from, to);
    }

    private static Integer parsePid(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return null;
        }
        int v = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A {@code facility.severity} token at {@code i}: sets both and returns the index after it, else -1. */
    private int facilityToken(String s, int i, Envelope e) {
        // a log repeats a handful of tokens: try the last one before looking it up
        if (lastToken != null && s.startsWith(lastToken, i)) {
            int end = i + lastToken.length();
            if (end == s.length() || s.charAt(end) == ' ') {
                e.facility = lastFacility;
                e.severity = lastSeverity;
                return end;
            }
        }
        int end = wordEnd(s, i);
        int dot = -1;
        for (int k = i; k < end; k++) {
            if (s.charAt(k) == '.') {
                dot = k;
                break;
            }
        }
        if (dot < 0) {
            return -1;
        }
        String facility = facility(s, i, dot);
        String severity = facility == null ? null : severity(s, dot + 1, end);
        if (severity == null) {
            return -1;
        }
        e.facility = facility;
        e.severity = severity;
        lastToken = s.substring(i, end);
        lastFacility = facility;
        lastSeverity = severity;
        return end;
    }

    private static boolean nextWordIsFacility(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        int end = wordEnd(s, i);
        int dot = s.indexOf('.', i);
        return dot > i && dot < end && facility(s, i, dot) != null && severity(s, dot + 1, end) != null;
    }

    private static String facility(String s, int from, int to) {
        int len = to - from;
        for (String f : FACILITIES) {
            if (f.length() == len && s.startsWith(f, from)) {
                return f;
            }
        }
        return null;
    }

    private static String severity(String s, int from, int to) {
        int len = to - from;
        for (String v : SEVERITIES) {
            if (v.length() == len && s.startsWith(v, from)) {
                return v;
            }
        }
        for (String[] alias : SEVERITY_ALIASES) {
            if (alias[0].length() == len && s.startsWith(alias[0], from)) {
                return alias[1];
            }
        }
        return null;
    }

    // ---- characters ---------------------------------------------------------------------

    private static int month(String s, int i) {
        if (i + 3 > s.length()) {
            return 0;
        }
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        return switch (a) {
            case 'J' -> b == 'a' && c == 'n' ? 1 : b == 'u' && c == 'n' ? 6 : b == 'u' && c == 'l' ? 7 : 0;
            case 'F' -> b == 'e' && c == 'b' ? 2 : 0;
            case 'M' -> b == 'a' && c == 'r' ? 3 : b == 'a' && c == 'y' ? 5 : 0;
            case 'A' -> b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
            case 'S' -> b == 'e' && c == 'p' ? 9 : 0;
            case 'O' -> b == 'c' && c == 't' ? 10 : 0;
            case 'N' -> b == 'o' && c == 'v' ? 11 : 0;
            case 'D' -> b == 'e' && c == 'c' ? 12 : 0;
            default -> 0;
        };
    }

    private static int twoDigits(String s, int i) {
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
    }

    private static int digits(String s, int i, int count) {
        int v = 0;
        for (int k = i; k < i + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isHex(String s, int i, int count) {
        for (int k = i; k < i + count; k++) {
            char c = s.charAt(k);
            if (!(isDigit(c) || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNil(String s, int from, int to) {
        return to == from || (to == from + 1 && s.charAt(from) == '-');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int wordEnd(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String s, int i) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
