package org.plenary.gate;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's {@code Main-Class}: compiled for Java 8, so that any Java from 8 up can load it, it says in one
 * sentence that Plenary needs Java 25 when the running Java is older (instead of the
 * {@code UnsupportedClassVersionError} and stack trace the application's classes would cause), and
 * otherwise hands over to Spring Boot's launcher, which starts the application named by
 * {@code Start-Class} (and honours {@code -Djarmode=tools}).
 */
public final class JavaVersionGate {

    static final int REQUIRED = 25;

    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private JavaVersionGate() {
    }

    public static void main(String[] args) throws Throwable {
        String specification = System.getProperty("java.specification.version", "0");
        if (feature(specification) < REQUIRED) {
            System.err.println("Plenary needs Java " + REQUIRED + " or newer; this is Java " + specification
                    + " (" + System.getProperty("java.home") + "). Install a JDK " + REQUIRED
                    + " and run it with that java, or set JAVA_HOME.");
            System.exit(1);
        }
        try {
            Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specification) {
        String number = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < number.length() && Character.isDigit(number.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(number.substring(0, end));
    }
}
