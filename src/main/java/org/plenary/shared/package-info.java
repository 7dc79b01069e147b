/**
 * Small types every module may use: input violations reported field by field, list-row edits, CSV
 * cells, a time-bounded cache, the names the folder tree reserves, owner-only file permissions, and
 * leases in the database that let one node of several run a job.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.plenary.shared;
