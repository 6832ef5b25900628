package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Findings;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The rule ids an analyzer raised while it read examples, in order; resolutions are ignored. */
final class Sightings implements Findings {

    private final List<String> ruleIds = new ArrayList<>();

    @Override
    public void raise(String origin, Detection detection) {
        ruleIds.add(detection.rule().id());
    }

    @Override
    public void resolve(String origin, String ruleId, String subject, OffsetDateTime at) {}

    long of(String ruleId) {
        return ruleIds.stream().filter(ruleId::equals).count();
    }

    List<String> all() {
        return List.copyOf(ruleIds);
    }
}
