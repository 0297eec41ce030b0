package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.BakehouseException;
import java.util.List;

/** An ECR image's scan found more than {@code maxFindings} allows, or cannot be judged; nothing was changed. */
public class ScanRefusedException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    private final String image;
    private final List<String> exceeded;

    ScanRefusedException(String image, List<String> exceeded, String message, String hint) {
        super(Kind.FAILURE, message, hint, null);
        this.image = image;
        this.exceeded = List.copyOf(exceeded);
    }

    /** The refused image, as the request gave it. */
    public String image() {
        return image;
    }

    /** The severities over their limit, worst first; empty when the scan could not be judged at all. */
    public List<String> exceeded() {
        return exceeded;
    }
}
