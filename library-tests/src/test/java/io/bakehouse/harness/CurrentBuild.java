package io.bakehouse.harness;

/** The {@code currentBuild} global: the properties a Jenkinsfile reads and sets, and the raw build. */
public final class CurrentBuild {
    private String description;
    private String displayName;
    private String result;
    private final int number;
    private final RawBuild rawBuild = new RawBuild();

    CurrentBuild(int number) {
        this.number = number;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getDisplayName() {
        return displayName == null ? "#" + number : displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public String getCurrentResult() {
        return result == null ? "SUCCESS" : result;
    }

    public int getNumber() {
        return number;
    }

    /** The build as the Jenkins API sees it (a trusted library's lookups go through it). */
    public RawBuild getRawBuild() {
        return rawBuild;
    }
}
