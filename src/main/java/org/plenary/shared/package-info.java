/**
 * Small types every module may use: input violations reported field by field, list-row edits, CSV
 * cells, a time-bounded cache, the names the folder tree reserves and owner-only file permissions.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.plenary.shared;
