package org.plenary.desk;

/**
 * How many mails failed to send, for the secretariat's desk. The notification module, a leaf that
 * nothing may depend on, implements it; the desk asks it without knowing that module.
 */
public interface MailFailures {

  long failedCount();
}
