/** Rendering documents to PDF with embedded fonts that cover the names people have. The PDF library stays here. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.plenary.pdf;
