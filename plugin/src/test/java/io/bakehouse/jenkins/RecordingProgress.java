package io.bakehouse.jenkins;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The controller's side of {@link WaitProgress} in tests: keeps what the agent told, and
 * applies it to a handle as the execution does before saving it. Serializable, standing in
 * for the remoting proxy in round trips.
 */
public final class RecordingProgress implements WaitProgress, Serializable {

    private static final long serialVersionUID = 1L;

    public final List<Map<String, String>> told = new CopyOnWriteArrayList<>();

    @Override
    public void advanced(Map<String, String> progress) {
        told.add(new LinkedHashMap<>(progress));
    }

    /** {@code handle} as the controller holds it after everything told so far. */
    public WaitHandle applyTo(WaitHandle handle, Set<String> progressKeys) {
        WaitHandle current = handle;
        for (Map<String, String> p : told) {
            current = current.advancedBy(p, progressKeys);
        }
        return current;
    }
}
