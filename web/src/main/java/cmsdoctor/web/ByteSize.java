package cmsdoctor.web;

/** A size on the command line: {@code 2g}, {@code 512m}, {@code 100k} or plain bytes. */
final class ByteSize {

    private ByteSize() {}

    static long parse(String option, String text) {
        String t = text.trim().toLowerCase();
        long unit = 1;
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(t.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Args.UsageException("--" + option + " wants a size such as 2g or 500m, got '" + text + "'");
        }
    }
}
