package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.BakehouseException;

/** The gatekeeper refused the request; nothing was launched. Carries the rejection. */
public final class RejectedException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(Kind.USAGE, "deploy runner refused " + rejection.container() + " " + rejection.script() + ": "
                + rejection.message(), "run with --describe-containers to see what each script accepts", null);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
