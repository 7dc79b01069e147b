/** Small types every module may use: input violations reported field by field. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.plenary.shared;
