/** Groups: identity, parent, terms of reference, leadership, lifetime and milestones. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "shared"})
package org.plenary.group;
