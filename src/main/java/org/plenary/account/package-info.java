/** Accounts, organizations and their categories, roles, focal points, access tokens and sign-in. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.plenary.account;
