package org.jenkinsci.plugins.workflow.libs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Signature-only stand-in for Jenkins' {@code @Library} (pipeline-groovy-lib), so that a
 * Jenkinsfile's {@code @Library('bakehouse') _} line compiles in the test harness. Same
 * package, name and members as the real annotation; no behaviour (the harness loads the
 * library itself).
 */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.CONSTRUCTOR,
        ElementType.LOCAL_VARIABLE, ElementType.PARAMETER})
public @interface Library {
    String[] value();

    boolean changelog() default true;
}
