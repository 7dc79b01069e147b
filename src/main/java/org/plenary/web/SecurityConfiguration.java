package org.plenary.web;

import jakarta.servlet.http.HttpServletResponse;

import jakarta.servlet.DispatcherType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import org.plenary.account.AccessTokens;
import org.plenary.account.Credentials;
import org.plenary.contribution.PublishedFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.util.unit.DataSize;

/**
 * Four filter chains. The management endpoints and the API are stateless: bearer tokens only, so
 * no session cookie can be replayed against them and CSRF does not apply; of the management
 * endpoints only health (with its liveness and readiness groups) is public, the rest (metrics,
 * Prometheus, info) need an administrator's token. A request for the document folders under
 * {@code /t/}, or for a download elsewhere ({@link Downloads}: a feed, a CSV list, a PDF, a ZIP), that
 * carries a bearer token (a mirroring tool's, a feed reader's, a script's) is as stateless, and read-only:
 * GET and HEAD as that account's session would read them, any write refused (405, as for everyone).
 * The pages use a session with CSRF tokens on every form, and every request of a session runs with
 * the account as it is now ({@link SessionRecheckFilter}); a download asked for without credentials that
 * must be signed in for is answered 401 with the Bearer challenge, a page with the way to the sign-in page.
 * Fine-grained rules sit on the controllers ({@code @PreAuthorize}).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  /**
   * For answers that are data, never a page (the API's JSON, PDFs and CSV, management endpoints, the
   * problems Tomcat writes): nothing in them may load, run or be framed, were a browser ever to render one.
   */
  static final String NOTHING_ACTIVE = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
          + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  /**
   * The Content-Security-Policy of an answer of the page and folder chains, chosen by what it is when it is sent
   * (Spring Security writes headers as the answer is committed, its type known): a page (HTML, or nothing said, as
   * a redirect or a 304 of a page) gets the pages' policy; anything else, data that is never a page (the OpenAPI
   * description at {@code /v3/api-docs}, a CSV, a calendar, a feed, a problem in JSON), the one that lets nothing
   * load or run, as the API's. {@code /v3/api-docs} carried the pages' policy, which lets the site's scripts run.
   * A policy already set (a document sent, an error page) is kept.
   */
  static void policyByContent(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
    if (response.containsHeader("Content-Security-Policy")) {
      return;
    }
    String type = response.getContentType();
    boolean page = type == null || type.regionMatches(true, 0, "text/html", 0, 9);
    response.setHeader("Content-Security-Policy", page ? CONTENT_SECURITY_POLICY : NOTHING_ACTIVE);
  }

  /**
   * No Micrometer observation around each security filter, authentication and authorization:
   * nothing here traces, and wrapping a dozen filters on every request cost a measurable share of a
   * request's time. Requests are still timed as a whole ({@code http.server.requests}).
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * What the three token chains (management, API, folders by token) share: no session, so no CSRF; and
   * none of the page chain's filters that only serve a session, which every request would otherwise pass
   * through: session management, the request cache (it remembers a page to return to after signing in) and the sign-out
   * ({@code POST /logout}, a path none of these chains serves). A cross-origin preflight is refused as on the pages
   * ({@link CrossOriginPreflight}).
   */
  private static HttpSecurity stateless(HttpSecurity http, Problems problems) throws Exception {
    return http.csrf(csrf -> csrf.disable())
        .addFilterAfter(new CrossOriginPreflight(problems), HeaderWriterFilter.class)
        // No session management at all (it added a filter wrapping every response to keep session ids out of
        // links these answers never hold), and the context kept for the request only: read from no session, so a
        // page's session cookie signs no one in here.
        .sessionManagement(session -> session.disable())
        .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.disable());
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  @Order(0)
  SecurityFilterChain management(HttpSecurity http, AccessTokens tokens, Problems problems) throws Exception {
    return stateless(http.securityMatcher("/actuator", "/actuator/**"), problems)
        .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
            // A load balancer's check may be a HEAD: answered as the GET is (it was a 401).
            .requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().hasRole("ADMIN"))
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(problems::unauthorized)
            .accessDeniedHandler(problems::forbidden))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOTHING_ACTIVE)))
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, Problems problems,
      @Value("${plenary.api.max-body-size:4MB}") DataSize maxBody) throws Exception {
    // The API's controllers read the account from the security context, never through the servlet API
    // (request.isUserInRole, getUserPrincipal): its integration, a request wrapper every header and
    // attribute of the request was then read through, is left out. The management chain keeps it: the
    // health endpoint shows its details to an administrator by asking the request for the role.
    return stateless(http.securityMatcher("/api/v1/**"), problems).servletApi(api -> api.disable())
        .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
        .addFilterAfter(new RequestBodyLimit(maxBody, problems), BearerTokenFilter.class)
        .authorizeHttpRequests(requests -> requests
            // HEAD is GET without the body: the same answer to the same reader (it was a 401 to strangers).
            // OPTIONS says only which methods a path takes (Allow), the same for every path of a mapping.
            .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
            .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
            .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/tokens", "/api/v1/groups/*/meetings/*/hotel-form").permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(problems::unauthorized)
            .accessDeniedHandler(problems::forbidden))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOTHING_ACTIVE)))
        .build();
  }

  /**
   * Mirroring a meeting whose documents are not public, polling its register's feed or fetching a PDF by script:
   * {@code wget}, {@code rclone}, {@code curl} and feed readers send {@code Authorization: Bearer <token>} on every
   * request, under the folder tree {@code /t/} and for every other download ({@link Downloads}). The token is checked
   * on each request ({@link BearerTokenFilter}: revoked, expired or unknown is 401), makes no session and is no CSRF
   * token, so it reads (GET, HEAD) but never writes: any other method is refused in this chain with the folders' own
   * answer, 405 with {@code Allow}; a read the account may not make is 403, as on the pages. A token is read from that
   * header only, never from the query (where logs and {@code Referer} keep it). A request without the header takes
   * the page chain (or, anonymous, the {@link PublicFileFilter} ahead of it) as before; one with another scheme, or
   * {@code Bearer} without a token, is refused here with 401 rather than read as a stranger's.
   */
  @Bean
  @Order(2)
  SecurityFilterChain downloadsByToken(HttpSecurity http, AccessTokens tokens, Problems problems) throws Exception {
    RequestMatcher reads = request -> READS.contains(request.getMethod());
    RequestMatcher byToken = request -> Downloads.readableByToken(request) && BearerTokenFilter.carriesCredentials(request);
    return stateless(http.securityMatcher(byToken), problems)
        .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(reads).authenticated()
            .anyRequest().denyAll())
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(problems::unauthorized)
            .accessDeniedHandler((request, response, denied) -> {
              if (reads.matches(request)) {
                problems.forbidden(request, response, denied);
                return;
              }
              // Refused here, whatever a controller may one day accept: the answer every client gets for a write there.
              response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS");
              problems.write(request, response, 405, "contribution.listing.readOnly");
            }))
        .headers(headers -> headers.addHeaderWriter(SecurityConfiguration::policyByContent)
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  /** The methods a token may use outside the API: reads. */
  private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD", "OPTIONS");

  /**
   * {@link PublicFileFilter}: first of all, ahead of the request metrics ({@code HIGHEST_PRECEDENCE + 1}),
   * the database-outage answers ({@code + 20}, which a failed look-up reaches by the ordinary way),
   * the sessions ({@code + 50}) and Spring Security; its answers carry the headers of the page chain's
   * own {@link HeaderWriterFilter}.
   */
  @Bean
  FilterRegistrationBean<PublicFileFilter> publicFiles(PublishedFiles files, CookieSerializer sessionCookies,
      @Qualifier("pages") SecurityFilterChain pages, ObjectProvider<MeterRegistry> registry) {
    Filter headers = pages.getFilters().stream().filter(HeaderWriterFilter.class::isInstance).findFirst()
        .orElseThrow(() -> new IllegalStateException("The page chain writes no security headers."));
    var registration = new FilterRegistrationBean<>(new PublicFileFilter(files, sessionCookies, headers,
        registry.getIfAvailable()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http, Credentials credentials, Problems problems) throws Exception {
    // The form is checked by the application's one AuthenticationProvider, PasswordSignIn (not added
    // here as well: a chain's own provider that refuses falls through to the global one, counting twice).
    var signIn = new SignInRedirects();
    // The way to the sign-in page is said as a path: an absolute one would name whatever host the
    // request's Host header claimed (Spring Security builds it from the request, not from plenary.base-url).
    // A link that asked for a language (?lang=fr) leads to the sign-in page in that language too.
    var toSignIn = new LoginUrlAuthenticationEntryPoint("/sign-in") {
      @Override
      protected String determineUrlToUseForThisRequest(jakarta.servlet.http.HttpServletRequest request,
          jakarta.servlet.http.HttpServletResponse response,
          org.springframework.security.core.AuthenticationException refusal) {
        return org.plenary.shared.Languages.supported(LanguageResolver.asked(request))
            .map(language -> "/sign-in?lang=" + language.toLanguageTag()).orElse("/sign-in");
      }
    };
    toSignIn.setFavorRelativeUris(true);
    // A feed reader or a script cannot fill in the sign-in page: a download is answered 401 with the Bearer
    // challenge (send a token), a page leads to the sign-in page.
    AuthenticationEntryPoint signInOrToken = (request, response, refusal) -> {
      if (Downloads.download(request)) {
        problems.unauthorized(request, response, refusal);
      } else {
        toSignIn.commence(request, response, refusal);
      }
    };
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/account/**", "/admin/**", "/secretariat/**", "/desk", "/desk/**").authenticated()
            .requestMatchers("/groups/*/edit", "/groups/new", "/groups/*/meetings/new",
                "/groups/*/meetings/*/edit", "/groups/*/meetings/*/agenda", "/groups/*/meetings/*/documents/new",
                "/groups/*/incoming", "/groups/*/incoming/**").authenticated()
            .requestMatchers(HttpMethod.POST, "/documents/**").authenticated()
            .requestMatchers("/visa/verify").permitAll()
            .requestMatchers("/visa/**").authenticated()
            .requestMatchers("/registrations", "/registrations/**", "/groups/*/meetings/*/register",
                "/groups/*/meetings/*/participants", "/groups/*/meetings/*/participants.csv",
                "/groups/*/registration-policy").authenticated()
            .anyRequest().permitAll())
        // The document folders are read-only: no form posts there, and other methods are answered 405.
        // Pages take forms, which browsers send by POST: only a POST is checked for the form's token. No page
        // takes PUT, DELETE or PATCH, which a browser sends across sites only after a CORS preflight that no
        // page grants; checked for a token, they were answered 403 where the method is not allowed (405).
        // Visitors without a session keep their form token and the page they asked for in cookies of their own
        // (VisitorTokens, SignInRedirects): a look at a page never writes a session row to the database.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/t/**").csrfTokenRepository(new VisitorTokens())
            .requireCsrfProtectionMatcher(request -> "POST".equals(request.getMethod())))
        .requestCache(cache -> cache.requestCache(SignInRedirects.ASKED))
        .formLogin(form -> form.loginPage("/sign-in").loginProcessingUrl("/sign-in")
            .successHandler(signIn).failureHandler(signIn).permitAll())
        // A form refused for its CSRF token (a page left open across a restart or a session's end) says so,
        // rather than "Your account may not do this", which sent a stranger signing in looking for a role.
        .exceptionHandling(errors -> errors.authenticationEntryPoint(signInOrToken)
            .accessDeniedHandler((request, response, denied) -> {
              // only a POST is checked for the token (above): this is a form's
              if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
                request.setAttribute(ErrorPageController.DETAIL, "web.error.detail.csrf");
              }
              response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }))
        .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/?signed-out"))
        .addFilterAfter(new CrossOriginPreflight(problems), HeaderWriterFilter.class)
        .addFilterAfter(new SessionRecheckFilter(credentials), SecurityContextHolderFilter.class)
        .addFilterAfter(new PasswordChangeFilter(), UsernamePasswordAuthenticationFilter.class)
        .headers(headers -> headers.addHeaderWriter(SecurityConfiguration::policyByContent)
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }
}
