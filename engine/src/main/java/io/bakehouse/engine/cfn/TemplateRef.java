package io.bakehouse.engine.cfn;

/**
 * A template as CloudFormation takes it: inline, or at an S3 URL.
 *
 * @param body the template text, or {@code null}
 * @param url  its HTTPS S3 URL, or {@code null}
 * @param origin where it came from (file name or URL), for messages
 */
public record TemplateRef(String body, String url, String origin) {

    public TemplateRef {
        if ((body == null) == (url == null)) {
            throw new IllegalArgumentException("a template is either inline or at a URL");
        }
    }
}
