package org.plenary.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in account as Spring Security sees it, on the web, the API and FTP. It remembers how
 * the session was opened (the credentials version of a password sign-in, or the token's hash), so
 * that {@link Credentials#recheck} can tell whether the session still stands.
 */
public final class PlenaryUser implements UserDetails {

  private final Account account;
  private final List<OrganizationId> focalPointOf;
  private final int credentialsVersion;
  private final String tokenHash;

  PlenaryUser(AccountState state, String tokenHash) {
    this.account = state.account();
    this.focalPointOf = List.copyOf(state.focalPointOf());
    this.credentialsVersion = state.credentialsVersion();
    this.tokenHash = tokenHash;
  }

  /** The account signed in on the current request, if any. */
  public static Optional<PlenaryUser> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof PlenaryUser user
        ? Optional.of(user) : Optional.empty();
  }

  public AccountId id() {
    return account.id();
  }

  public Account account() {
    return account;
  }

  public String getDisplayName() {
    return account.displayName();
  }

  public boolean has(Role role) {
    return account.has(role);
  }

  /** Secretariat and administrators act on every group and meeting. */
  public boolean isStaff() {
    return has(Role.SECRETARIAT) || has(Role.ADMIN);
  }

  public boolean isFocalPointOf(OrganizationId organization) {
    return focalPointOf.contains(organization);
  }

  /** The organizations whose registrations this person decides on as focal point. */
  public List<OrganizationId> focalPointOf() {
    return focalPointOf;
  }

  public boolean mustChangePassword() {
    return account.mustChangePassword();
  }

  int credentialsVersion() {
    return credentialsVersion;
  }

  /** The SHA-256 of the access token this session was opened with; null for a password sign-in. */
  String tokenHash() {
    return tokenHash;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    var authorities = new java.util.ArrayList<GrantedAuthority>();
    authorities.add(new SimpleGrantedAuthority("ROLE_PARTICIPANT"));
    account.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
    if (!focalPointOf.isEmpty()) {
      authorities.add(new SimpleGrantedAuthority("ROLE_FOCAL_POINT"));
    }
    return authorities;
  }

  /**
   * A short digest of what shapes this person's view of a page or answer: who they are, their roles and the
   * organizations they are focal point of. Part of the entity tag of every answer made for one reader, so that
   * after a change of rights (a secretariat member demoted) a view kept by the browser is not revalidated (304)
   * but sent again as the reader now sees it.
   */
  public String viewDigest() {
    var rights = new StringBuilder(account.username()).append('|');
    account.roles().stream().map(Role::name).sorted().forEach(role -> rights.append(role).append(','));
    rights.append('|');
    focalPointOf.stream().map(o -> Long.toString(o.value())).sorted().forEach(o -> rights.append(o).append(','));
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(rights.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Never kept: the password is checked by {@link Credentials} and forgotten. */
  @Override
  public String getPassword() {
    return null;
  }

  @Override
  public String getUsername() {
    return account.username();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlenaryUser user && user.account.id().equals(account.id());
  }

  @Override
  public int hashCode() {
    return account.id().hashCode();
  }
}
