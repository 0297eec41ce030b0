package io.bakehouse.engine.cfn;

/** Parser and service messages run over several lines; a one-line error keeps the first. */
final class Lines {

    private Lines() {
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
