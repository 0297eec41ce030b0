package io.bakehouse.engine.contract;

/**
 * What one face (or both pipeline faces) says differently about a parameter; every part is
 * optional.
 *
 * @param description replaces the parameter's description in this face
 * @param note        added after the description in this face
 * @param defaultText the default in this face, when it differs (e.g. an administrator's setting)
 */
public record FaceText(Markup description, Markup note, Markup defaultText) {

    static final FaceText NONE = new FaceText(null, null, null);
}
