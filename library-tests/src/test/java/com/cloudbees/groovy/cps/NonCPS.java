package com.cloudbees.groovy.cps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Signature-only stand-in for Jenkins Pipeline's {@code @NonCPS} (groovy-cps, published only
 * in the Jenkins repository), so the library's sources compile in the test harness. Same
 * package, name, target and retention as the real annotation; no behaviour.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {
}
