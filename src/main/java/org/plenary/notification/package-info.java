/** E-mail for each step, driven by events; kept in an outbox that the secretariat reads when no SMTP server is set. A leaf. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"output", "desk", "visa", "registration", "contribution", "meeting", "group", "account", "shared"})
package org.plenary.notification;
