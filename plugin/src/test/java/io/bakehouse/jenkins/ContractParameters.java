package io.bakehouse.jenkins;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The step contract's Jenkins parameters of a step, and a step class's parameters as Stapler
 * and structs see them (constructor parameters and setters), so that a test can hold the two
 * together.
 */
public final class ContractParameters {

    public static final StepContract CONTRACT = StepContract.load();

    private ContractParameters() {
    }

    /** The parameters the contract gives step {@code functionName} in the Jenkins plugin, the common ones included. */
    public static Set<String> jenkins(String functionName) {
        Set<String> names = new TreeSet<>();
        CONTRACT.parameters(CONTRACT.step(functionName), Face.JENKINS).forEach(p -> names.add(p.name()));
        return names;
    }

    /** Parameter {@code name} of step {@code functionName} (its own or a common one). */
    public static Parameter parameter(String functionName, String name) {
        Step step = CONTRACT.step(functionName);
        Parameter p = CONTRACT.parameter(step, name);
        if (p == null) {
            throw new IllegalArgumentException("the contract's " + functionName + " has no parameter " + name);
        }
        return p;
    }

    /** The data-bound parameter names of a step class: constructor parameters and setters. */
    public static Set<String> dataBound(Class<?> step) {
        Set<String> names = new TreeSet<>(constructorParameters(step));
        names.addAll(setters(step).keySet());
        return names;
    }

    /** The {@code @DataBoundConstructor}'s parameter names, in order. */
    public static List<String> constructorParameters(Class<?> step) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (java.lang.reflect.Parameter p : c.getParameters()) {
                    if (!p.isNamePresent()) {
                        throw new IllegalStateException(step + " was compiled without -parameters");
                    }
                    names.add(p.getName());
                }
            }
        }
        return names;
    }

    /** The {@code @DataBoundSetter}s (the class's and its superclasses'): parameter name → the type it takes. */
    public static Map<String, Class<?>> setters(Class<?> step) {
        Map<String, Class<?>> setters = new LinkedHashMap<>();
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                setters.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m.getParameterTypes()[0]);
            }
        }
        return setters;
    }
}
