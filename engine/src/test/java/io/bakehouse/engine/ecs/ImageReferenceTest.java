package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.Optional;
import org.junit.Test;

public class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private static ImageReference parse(String text) {
        return ImageReference.parse("image", text);
    }

    private static String refusal(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(text));
        assertEquals("image", e.field());
        return e.getMessage();
    }

    @Test
    public void parse_dockerHubName_hasNoRegistry() {
        ImageReference r = parse("nginx");
        assertNull(r.registry());
        assertEquals("nginx", r.path());
        assertNull(r.tag());
        assertNull(r.digest());
        assertEquals(Optional.empty(), r.ecr());
    }

    @Test
    public void parse_registryWithPortPathTagAndDigest_splitsThemAll() {
        ImageReference r = parse("registry.example.com:5000/team/app_1.web:v1.2-rc@" + DIGEST);
        assertEquals("registry.example.com:5000", r.registry());
        assertEquals("team/app_1.web", r.path());
        assertEquals("v1.2-rc", r.tag());
        assertEquals(DIGEST, r.digest());
    }

    @Test
    public void parse_firstComponentWithoutDotOrPort_isPartOfTheDockerHubPath() {
        ImageReference r = parse("library/nginx:1.27");
        assertNull(r.registry());
        assertEquals("library/nginx", r.path());
        assertEquals("1.27", r.tag());
        assertEquals("localhost", parse("localhost/app").registry());
        assertEquals("localhost:5000", parse("localhost:5000/app").registry());
    }

    @Test
    public void ecr_privateRegistry_namesAccountRegionRepositoryAndTag() {
        EcrImage e = parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:9f1c2ab").ecr().orElseThrow();
        assertEquals(new EcrImage("123456789012", "eu-west-1", "team/app", "9f1c2ab", null), e);
        assertEquals("team/app:9f1c2ab", e.label());
    }

    @Test
    public void ecr_withoutTag_meansLatest_andADigestNamesTheImageExactly() {
        assertEquals("latest", parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/app").ecr().orElseThrow().tag());
        EcrImage byDigest = parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@" + DIGEST).ecr().orElseThrow();
        assertNull(byDigest.tag());
        assertEquals("app@" + DIGEST, byDigest.label());
    }

    @Test
    public void ecr_publicGalleryAndOtherRegistries_areNotPrivateEcr() {
        assertEquals(Optional.empty(), parse("public.ecr.aws/nginx/nginx:1.27").ecr());
        assertEquals(Optional.empty(), parse("ghcr.io/acme/app:1").ecr());
        assertEquals(Optional.empty(), parse("12345.dkr.ecr.us-east-1.amazonaws.com/app:1").ecr());
    }

    @Test
    public void parse_uppercaseRepository_isRefusedSaying() {
        assertTrue(refusal("App:v1"), refusal("registry.example.com/App:v1").contains("repository names are lowercase"));
    }

    @Test
    public void parse_badTagDigestOrSpacing_isRefusedSayingWhat() {
        assertTrue(refusal("app:-v1").contains("tag '-v1' is not valid"));
        assertTrue(refusal("app:" + "a".repeat(129)).contains("is not valid"));
        assertTrue(refusal("app@sha256:abc").contains("is not ALGORITHM:HEX"));
        assertTrue(refusal("app@sha256:" + "A".repeat(64)).contains("64 lowercase hex digits"));
        assertTrue(refusal("app :v1").contains("white space"));
        assertTrue(refusal(" app").contains("white space"));
    }

    @Test
    public void parse_emptyOrMisplacedParts_areRefused() {
        assertTrue(refusal(":v1").contains("names no repository"));
        assertTrue(refusal("registry.example.com/").contains("names no repository after the registry"));
        assertTrue(refusal("team//app").contains("empty component"));
        assertTrue(refusal("app-").contains("is not a repository name component"));
        assertTrue(refusal("re$gistry.example.com/app").contains("is not a host name"));
        assertTrue(refusal("").contains("image is empty"));
        assertTrue(refusal("a/" + "b".repeat(260)).contains("longer than 255"));
    }

    @Test
    public void parse_refusal_showsTheShapeOfAGoodReference() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("App"));
        assertTrue(e.hint(), e.hint().contains("REPOSITORY[:TAG][@sha256:DIGEST]"));
    }
}
