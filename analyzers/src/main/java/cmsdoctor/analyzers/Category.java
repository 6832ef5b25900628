package cmsdoctor.analyzers;

import java.util.List;

/** The closed list of finding categories; every rule and analyzer names exactly one. */
public final class Category {

    public static final List<String> ALL = List.of(
            "dns", "tls", "routing", "ice", "database", "webbridge", "auth",
            "media-services", "license", "api", "sip", "system", "call-quality");

    private Category() {}

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }
}
