package cmsdoctor.analyzers.cdr;

import cmsdoctor.ingest.cdr.CdrRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The far end of each open leg. A {@code callLegEnd} does not repeat the remote address: it is in
 * the leg's {@code callLegStart} (or a later update). Bounded, oldest forgotten first.
 */
final class LegPeers {

    static final int MAX_LEGS = 100_000;

    private final Map<String, String> remote = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_LEGS;
        }
    };

    /** Remembers the address of a start or update; returns the leg's remote address (null if never seen). */
    String see(CdrRecord r) {
        String leg = r.callLegId();
        if (leg == null) {
            return null;
        }
        String address = r.cdrRemoteAddress();
        if (address != null) {
            remote.put(leg, address);
            return address;
        }
        return "callLegEnd".equals(r.type()) ? remote.remove(leg) : remote.get(leg);
    }
}
