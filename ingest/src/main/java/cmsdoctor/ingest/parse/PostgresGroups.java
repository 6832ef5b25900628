package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.LogEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins the records postgres splits one message into: {@code postgres[2118]: [2-7] ...},
 * {@code postgres[2118]: [2-8] ...} (same pid, same first number, the second counting up)
 * become one event whose message and raw are the parts joined with newlines.
 */
final class PostgresGroups {

    private static final class Group {
        final LogEvent first;
        final int number;
        int part;
        long lastSeen;
        final StringBuilder message;
        final StringBuilder raw;

        Group(LogEvent first, int number, int part, String message, long seen) {
            this.first = first;
            this.number = number;
            this.part = part;
            this.lastSeen = seen;
            this.message = new StringBuilder(message);
            this.raw = new StringBuilder(first.raw());
        }
    }

    /** A group stops growing here (a runaway or hostile pid); the next part starts a new event. */
    static final int MAX_GROUP_CHARS = 256 * 1024;

    private final Consumer<LogEvent> out;
    private final Map<Integer, Group> open = new LinkedHashMap<>();
    /** The line count at which the oldest open group is due: {@link #tick} does nothing before. */
    private long nextDue;

    PostgresGroups(Consumer<LogEvent> out) {
        this.out = out;
    }

    /**
     * Takes a postgres event whose message starts {@code [N-M]}; false when it has no such
     * prefix (the caller emits it as it is).
     */
    boolean offer(LogEvent event, long lineCount) {
        String m = event.message();
        int dash = m.indexOf('-');
        int close = m.indexOf(']');
        if (!m.startsWith("[") || dash < 2 || close < dash + 2 || close > 24) {
            return false;
        }
        int number = number(m, 1, dash);
        int part = number(m, dash + 1, close);
        if (number < 0 || part < 0) {
            return false;
        }
        String text = m.substring(Math.min(m.length(), close + 1)).stripLeading();
        Group g = open.get(event.pid());
        if (g != null && g.number == number && part == g.part + 1 && g.raw.length() < MAX_GROUP_CHARS) {
            g.part = part;
            g.lastSeen = lineCount;
            g.message.append('\n').append(text);
            g.raw.append('\n').append(event.raw());
            nextDue = Math.min(nextDue, lineCount + LogParser.GROUP_WAIT);
            return true;
        }
        if (g != null) {
            open.remove(event.pid());
            emit(g);
        }
        open.put(event.pid(), new Group(event, number, part, text, lineCount));
        nextDue = Math.min(nextDue, lineCount + LogParser.GROUP_WAIT);
        return true;
    }

    /** Emits the groups nobody added to for {@link LogParser#GROUP_WAIT} lines. */
    void tick(long lineCount) {
        if (open.isEmpty() || lineCount < nextDue) {
            return;
        }
        nextDue = Long.MAX_VALUE;
        Iterator<Group> it = open.values().iterator();
        while (it.hasNext()) {
            Group g = it.next();
            if (lineCount - g.lastSeen >= LogParser.GROUP_WAIT) {
                it.remove();
                emit(g);
            } else {
                nextDue = Math.min(nextDue, g.lastSeen + LogParser.GROUP_WAIT);
            }
        }
    }

    void flushAll() {
        List<Group> all = new ArrayList<>(open.values());
        open.clear();
        all.forEach(this::emit);
    }

    private void emit(Group g) {
        LogEvent f = g.first;
        out.accept(new LogEvent(f.at(), f.atInferred(), f.host(), f.facility(), f.severity(), f.level(),
                f.tag(), f.pid(), f.component(), g.message.toString(), g.raw.toString(), f.source(), f.line(),
                f.flags(), f.callNumber(), f.callLegId(), f.sipCallId(), f.apiCallId(), f.conferenceId(),
                f.spaceId(), f.callCorrelatorId(), f.apiTrace()));
    }

    private static int number(String m, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = m.charAt(i);
            if (!EnvelopeParser.isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The lowest source line an open group holds; Long.MAX_VALUE when none is open. */
    long oldestLine() {
        long from = Long.MAX_VALUE;
        for (Group g : open.values()) {
            from = Math.min(from, g.first.line());
        }
        return from;
    }
}
