package cmsdoctor.ingest.call;

import java.util.List;

/**
 * The identifiers of one call leg (field guide §4): where it ran, its {@code call N}, its leg
 * GUID, the SIP Call-ID(s) of its dialog(s) (a leg re-dialled gets a new one) and its API
 * call GUID(s). Absent values are null or empty.
 *
 * @param key the {@link CallKey} text that opens exactly this leg
 */
public record CallIds(String key, String host, String component, Integer callNumber, String origin, String source,
                      String callLegId, List<String> sipCallIds, List<String> apiCallIds) {

    public CallIds {
        sipCallIds = sipCallIds == null ? List.of() : List.copyOf(sipCallIds);
        apiCallIds = apiCallIds == null ? List.of() : List.copyOf(apiCallIds);
    }
}
