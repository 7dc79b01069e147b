package org.plenary.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * No {@link ResourceUrlEncodingFilter}, which Spring Boot's Thymeleaf configuration registers once a resource chain is
 * on (the webjars locator, for Swagger UI, turns it on). It made every link a page writes ({@code @{…}}: a group's
 * page has over a hundred) go through the resource chain as if it named a static file, a class-path lookup each that
 * found nothing and was not cached (Spring caches what it finds): a third of the group page's time (57 ms warm, 31
 * without it). With no version strategy configured it rewrote nothing but the webjars' links to their versioned
 * paths, and the resource handler serves them unversioned as well. Registered disabled, in place of Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
class PageResourceUrls {

  @Bean
  FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlEncoding() {
    var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    registration.setEnabled(false);
    return registration;
  }
}
