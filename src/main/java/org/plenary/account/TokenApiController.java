package org.plenary.account;

import org.plenary.shared.Words;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Exchanges a username and password for a personal access token. */
@RestController
@Tag(name = "Tokens")
class TokenApiController {

  record TokenRequest(@NotBlank @Size(max = 40) String username,
      @NotBlank @org.plenary.shared.PasswordBytes @io.swagger.v3.oas.annotations.media.Schema(maxLength = 72,
          description = "At most 72 bytes in UTF-8: no password longer than bcrypt reads is ever set")
      @org.plenary.shared.MultiLine String password, @Size(max = 100) String name) {}

  record TokenResponse(String token, String username, Instant expiresAt) {}

  private final Credentials credentials;
  private final AccessTokens tokens;
  private final Words words;

  TokenApiController(Credentials credentials, AccessTokens tokens, Words words) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.words = words;
  }

  @Operation(operationId = "createToken", summary = "Create a personal access token", description = "Send it as "
      + "`Authorization: Bearer <token>`. Failed attempts are counted per username and per client address; past the "
      + "limit the answer is 429 with `Retry-After`.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "401", description = "Wrong username or password.")
  @ApiResponse(responseCode = "403", description = "The password is a one-time password: choose your own on the web first.")
  @ApiResponse(responseCode = "429", description = "Too many failed sign-ins, or too many with this username being checked at the same time: the problem and Retry-After say when to try again.")
  @PostMapping("/api/v1/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  TokenResponse create(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
    SignInResult result = credentials.signIn(http.getRemoteAddr(), request.username(), request.password());
    if (result instanceof SignInResult.LockedOut locked) {
      var tooMany = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
          ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, locked.message(words)), null);
      tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds()));
      throw tooMany;
    }
    if (!(result instanceof SignInResult.SignedIn signedIn)) {
      var wrong = new ErrorResponseException(HttpStatus.UNAUTHORIZED,
          ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, words.get("account.api.wrongPassword")), null);
      wrong.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plenary\"");
      throw wrong;
    }
    PlenaryUser user = signedIn.user();
    if (user.mustChangePassword()) {
      throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          words.get("account.api.oneTimePassword")), null);
    }
    String name = request.name() == null || request.name().isBlank() ? "API token" : request.name();
    IssuedToken issued = tokens.issue(user.id(), name);
    return new TokenResponse(issued.token(), user.getUsername(), issued.expiresAt());
  }
}
