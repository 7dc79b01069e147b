package org.plenary.account;

import java.util.List;

/** An enabled account as it stands in the database: roles, focal-point appointments, credentials version. */
record AccountState(Account account, List<OrganizationId> focalPointOf, int credentialsVersion) {}
