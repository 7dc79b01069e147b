/** The hotel reservation confirmation form of the circular's annex 3, prefilled as a PDF. No card data, ever. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"meeting", "group", "account", "pdf", "shared"})
package org.plenary.hotel;
