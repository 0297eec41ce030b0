package io.bakehouse.engine.output;

/** A reporter that masks every known secret before passing a line on. */
public final class MaskingReporter implements Reporter {

    private final Reporter delegate;
    private final Secrets secrets;

    public MaskingReporter(Reporter delegate, Secrets secrets) {
        this.delegate = delegate;
        this.secrets = secrets;
    }

    @Override
    public void progress(String line) {
        delegate.progress(secrets.mask(line));
    }

    @Override
    public void warn(String line) {
        delegate.warn(secrets.mask(line));
    }

    @Override
    public void detail(String line) {
        delegate.detail(secrets.mask(line));
    }

    @Override
    public void output(String line) {
        delegate.output(secrets.mask(line));
    }
}
