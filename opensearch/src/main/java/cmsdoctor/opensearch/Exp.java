package cmsdoctor.opensearch;

/** TEMPORARY: experiment switches for the A/B runs, removed before the final commit. */
public final class Exp {
    private Exp() {}

    public static boolean on(String flag) {
        for (String f : System.getProperty("cmsdoctor.os.exp", "").split(",")) {
            if (f.trim().equals(flag)) {
                return true;
            }
        }
        return false;
    }

    public static String value(String flag, String otherwise) {
        for (String f : System.getProperty("cmsdoctor.os.exp", "").split(",")) {
            if (f.trim().startsWith(flag + "=")) {
                return f.trim().substring(flag.length() + 1);
            }
        }
        return otherwise;
    }
}
