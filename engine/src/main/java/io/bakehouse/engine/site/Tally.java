package io.bakehouse.engine.site;

import io.bakehouse.engine.output.Reporter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a publish has written so far, shown as it goes (counts and bytes, every {@value #EVERY} files
 * and at the end of each stage) and told when it stops early, so whoever reads the failure knows what
 * the site now serves. Thread-safe: the upload threads count into it.
 */
final class Tally {

    private static final int EVERY = 100;

    enum Stage { ASSETS, PAGES, DELETIONS, INVALIDATION, DONE }

    private final SitePlan plan;
    private final Reporter reporter;
    private volatile Stage stage = Stage.ASSETS;
    private final AtomicInteger assets = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    Tally(SitePlan plan, Reporter reporter) {
        this.plan = plan;
        this.reporter = reporter;
    }

    void enter(Stage next) {
        stage = next;
    }

    Stage stage() {
        return stage;
    }

    void uploaded(SitePlan.Upload upload) {
        long total = bytes.addAndGet(upload.file().size());
        int n = (CacheRules.isHtml(upload.file().path()) ? pages : assets).incrementAndGet();
        reporter.detail("Uploaded " + upload.key() + " (" + size(upload.file().size()) + ", " + upload.contentType()
                + ", " + upload.cacheControl() + ")");
        int all = assets.get() + pages.get();
        if (n % EVERY == 0 && all < plan.uploads()) {
            reporter.progress("Uploaded " + all + " of " + plan.uploads() + " files (" + size(total) + " of "
                    + size(plan.bytes()) + ")");
        }
    }

    void deleted(int n) {
        deleted.addAndGet(n);
    }

    int uploadedFiles() {
        return assets.get() + pages.get();
    }

    int deletedObjects() {
        return deleted.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** What is done, from the stage the publish stopped in: the clause after "; " in its failure. */
    String doneSoFar() {
        int a = assets.get();
        int p = pages.get();
        return switch (stage) {
            case ASSETS -> a + " of " + plan.assets().size() + " new or changed files other than pages were uploaded;"
                    + " no page was uploaded and nothing was deleted, so the site still serves its previous pages";
            case PAGES -> "all " + a + " other files and " + p + " of " + plan.pages().size() + " new or changed"
                    + " pages were uploaded; nothing was deleted and nothing invalidated";
            case DELETIONS -> "all " + (a + p) + " new or changed files were uploaded and " + deleted.get() + " of "
                    + plan.deletions().size() + " objects deleted; nothing was invalidated";
            case INVALIDATION, DONE -> "all " + (a + p) + " new or changed files were uploaded and "
                    + count(deleted.get(), "object") + " deleted";
        };
    }

    /** {@code n} and {@code noun}, made plural by an s unless {@code n} is 1: "1 page", "2 pages". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A byte count as people read it: 512 B, 12.3 kB, 4.5 MB. */
    static String size(long n) {
        if (n < 1000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }
}
