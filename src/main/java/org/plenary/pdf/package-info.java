/** Rendering documents to PDF with embedded fonts that cover the names people have. The PDF library stays here; a PDF refused for lack of a painting place is shared.ServerBusy. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.plenary.pdf;
