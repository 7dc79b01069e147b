/** Security, layout, the home and group pages that combine several modules, error pages and problems. A leaf. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "group", "meeting", "output", "contribution", "shared"})
package org.plenary.web;
