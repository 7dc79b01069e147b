package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * A request as a reader who is not signed in would send it to the same address, without a query: what a
 * page kept for every such reader is made with ({@link Listings}' layout), so that nothing of the first
 * asker (their query, their parameters, their account, their session) goes into it.
 */
final class StrangersRequest extends HttpServletRequestWrapper {

  StrangersRequest(HttpServletRequest request) {
    super(request);
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public String getParameter(String name) {
    return null;
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public String[] getParameterValues(String name) {
    return null;
  }

  @Override
  public Principal getUserPrincipal() {
    return null;
  }

  @Override
  public String getRemoteUser() {
    return null;
  }

  @Override
  public boolean isUserInRole(String role) {
    return false;
  }

  @Override
  public HttpSession getSession(boolean create) {
    return create ? super.getSession(true) : null;
  }

  @Override
  public HttpSession getSession() {
    return getSession(false);
  }
}
