/** Security, layout, the home and group pages that combine several modules, error pages and problems. A leaf. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "group", "meeting", "contribution", "registration", "visa", "shared"})
package org.plenary.web;
