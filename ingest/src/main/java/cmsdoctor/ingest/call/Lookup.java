package cmsdoctor.ingest.call;

import java.util.List;

/** What a key led to: one leg ({@link Call}), several legs to choose from, or nothing. */
public sealed interface Lookup permits Call, Lookup.Legs, Lookup.NotFound {

    /**
     * Several legs: those a conference, space, call correlator or API call GUID links, or those
     * a Call-ID or GUID names on more than one host or import. Listed, never merged.
     *
     * @param keyField the field the key was found in ({@code conferenceId}, {@code sipCallId}, ...)
     */
    record Legs(String keyField, String key, List<CallSummary> legs) implements Lookup {}

    record NotFound(String key) implements Lookup {}
}
