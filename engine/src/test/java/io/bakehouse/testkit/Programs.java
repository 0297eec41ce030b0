package io.bakehouse.testkit;

import java.io.File;

/**
 * Where tests find the real programs they run (moto_server, Chromium, the AWS CLI): the path
 * an environment variable names, else the first of the program's names on the PATH. A missing
 * program fails the test with how to install it; it never skips.
 */
public final class Programs {

    private Programs() {
    }

    /**
     * @param variable the environment variable that may name the program's path
     * @param install  how to install it, e.g. {@code python3 -m pip install awscli}
     * @param names    its names on the PATH, the usual one first
     */
    public static String find(String variable, String install, String... names) {
        String explicit = System.getenv(variable);
        if (explicit != null && !explicit.isBlank()) {
            if (!new File(explicit).canExecute()) {
                throw new AssertionError(variable + " is " + explicit + ", which is no program that can be run");
            }
            return explicit;
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        throw new AssertionError(names[0] + " is not on PATH. Install it with `" + install
                + "` (`make test` does this), or set " + variable + " to its path.");
    }
}
