package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.CancelledException;

/** The build was cancelled ({@link PackerBuilder#cancel()}): Packer was interrupted and its processes are gone. */
public final class BuildCancelledException extends CancelledException {

    private static final long serialVersionUID = 1L;

    BuildCancelledException(String message) {
        super(message, null);
    }
}
