/**
 * Demo mode: loads FG Cloud from TSB Circular 114 through the other modules' public API, plus the
 * demo sign-ins. A leaf that exists only when the {@code demo} profile is active.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "group", "meeting", "contribution", "output", "shared"})
package org.plenary.demo;
