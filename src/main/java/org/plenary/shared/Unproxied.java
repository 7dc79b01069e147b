package org.plenary.shared;

import org.springframework.aop.framework.AopProxyUtils;

/**
 * A bean's own object behind its proxy, for calls that need nothing the proxy adds (no transaction,
 * no security rule, no exception translation): reads of kept reference data on the hottest paths,
 * where the proxy's look-up of its interceptors for the method at every call (a method-keyed map,
 * hashing the {@code Method}) was a visible share of a small download.
 */
public final class Unproxied {

  private Unproxied() {}

  /** The object behind {@code bean}'s proxy, or {@code bean} itself when it is not a proxy of one object of its type. */
  @SuppressWarnings("unchecked")
  public static <T> T target(T bean, Class<T> type) {
    Object target = AopProxyUtils.getSingletonTarget(bean);
    return type.isInstance(target) ? (T) target : bean;
  }
}
