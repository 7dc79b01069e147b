package org.plenary.group;

import org.plenary.account.PlenaryUser;
import org.springframework.stereotype.Component;

/** Authorization checks for {@code @PreAuthorize("@groupAccess.canManage(#slug)")}. */
@Component("groupAccess")
public class GroupAccess {

  private final GroupCatalog catalog;

  GroupAccess(GroupCatalog catalog) {
    this.catalog = catalog;
  }

  /** Whether the signed-in person manages the group; an unknown group answers 404, not 403. */
  public boolean canManage(String slug) {
    Group group = catalog.get(slug);
    return PlenaryUser.current().map(user -> catalog.canManage(user, group)).orElse(false);
  }
}
