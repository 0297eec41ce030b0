package io.bakehouse.engine.ssm;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.regex.Pattern;

/** The shape of an AMI ID: {@code ami-} and 8 or 17 lower-case hex digits. */
public final class AmiIds {

    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

    private AmiIds() {
    }

    public static boolean isAmiId(String value) {
        return value != null && AMI_ID.matcher(value).matches();
    }

    public static String validate(String field, String value) {
        InvalidInputException.require(field, value);
        if (!isAmiId(value)) {
            throw new InvalidInputException(field, "'" + value + "' is not an AMI ID",
                    "AMI IDs look like ami-0123456789abcdef0");
        }
        return value;
    }
}
